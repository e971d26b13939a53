'use client';

import { useTranslations } from 'next-intl';
import { Avatar } from '@/components/ui/avatar';
import { ChevronDownIcon } from '@/components/ui/icons';
import { OnDemand } from '@/components/ui/on-demand';
import type { UserMenuProps } from './user-menu';

const load = () => import('./user-menu').then((m) => m.UserMenu);

/** The user menu's button, the same before and after the menu has loaded. */
export function UserMenuTrigger({ displayName, email, ...props }: { displayName: string; email: string }) {
  const t = useTranslations('userMenu');
  // Only the (decorative) initials show on the trigger; name and e-mail are the menu's first lines.
  return (
    <button
      type="button"
      aria-label={t('trigger')}
      title={`${displayName} (${email})`}
      className="flex h-10 cursor-pointer items-center gap-1.5 rounded-full py-1 pr-2 pl-1 hover:bg-slate-100 data-[state=open]:bg-slate-100"
      {...props}
    >
      <Avatar name={displayName} size="sm" />
      <ChevronDownIcon className="size-4 text-slate-500" />
    </button>
  );
}

/** The user menu in the header; the menu loads when first used (components/ui/on-demand.tsx). */
export function UserMenuButton(props: UserMenuProps) {
  return (
    <OnDemand
      load={load}
      props={props}
      popup="menu"
      trigger={<UserMenuTrigger displayName={props.name ?? props.email} email={props.email} />}
    />
  );
}
