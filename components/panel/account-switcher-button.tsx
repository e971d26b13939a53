'use client';

import { useTranslations } from 'next-intl';
import { BuildingIcon, ChevronUpDownIcon } from '@/components/ui/icons';
import { OnDemand } from '@/components/ui/on-demand';
import { cn } from '@/lib/utils';
import type { AccountSwitcherProps } from './account-switcher';

const load = () => import('./account-switcher').then((m) => m.AccountSwitcher);

/** The switcher's button, the same before and after its menu has loaded. */
export function AccountSwitcherTrigger({ currentName, ...props }: { currentName: string | undefined }) {
  const t = useTranslations('accountSwitcher');
  return (
    <button
      type="button"
      className={cn(
        'group flex h-10 max-w-[16rem] min-w-0 cursor-pointer items-center gap-2.5 rounded-lg border border-slate-200 bg-white py-1 pr-2 pl-2.5 text-left shadow-sm',
        'hover:border-slate-300 hover:bg-slate-50 data-[state=open]:border-brand-300 data-[state=open]:bg-brand-50/50',
      )}
      {...props}
    >
      <BuildingIcon className="size-4 text-slate-500" />
      {/* Named "Switch account: <current account>", so the visible name is part of the accessible one. */}
      <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">
        <span className="sr-only">{t('switchAccount')} </span>
        {currentName ?? t('chooseAccount')}
      </span>
      <ChevronUpDownIcon className="size-4 text-slate-500" />
    </button>
  );
}

/** The account switcher in the header; its menu loads when first used (components/ui/on-demand.tsx). */
export function AccountSwitcherButton(props: AccountSwitcherProps) {
  const current = props.accounts.find((a) => a.id === props.currentId);
  return <OnDemand load={load} props={props} popup="menu" trigger={<AccountSwitcherTrigger currentName={current?.name} />} />;
}
