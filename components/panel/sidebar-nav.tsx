'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { BellIcon, InboxIcon, SlidersIcon, UserGroupIcon, UsersIcon } from '@/components/ui/icons';
import { cn } from '@/lib/utils';

type NavItem = { href: string; label: string; icon: ReactNode };
type NavGroup = { id: string; label: string; items: NavItem[] };

/** The panel's left navigation; the link of the current section carries aria-current="page". */
export function SidebarNav({
  accountId,
  isReseller,
  showDeliveryLog,
  showUsers,
}: {
  accountId: string;
  isReseller: boolean;
  /** From the server's rule (canViewDeliveryLog); the page checks it again. */
  showDeliveryLog: boolean;
  /** From the server's rule (canViewUsers); the page checks it again. */
  showUsers: boolean;
}) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const base = `/accounts/${accountId}`;
  const groups: NavGroup[] = [
    {
      id: 'access-control',
      label: t('accessControl'),
      items: [
        ...(showUsers ? [{ href: `${base}/users`, label: t('users'), icon: <UserGroupIcon /> }] : []),
        { href: `${base}/notifications`, label: t('accountNotifications'), icon: <BellIcon /> },
      ],
    },
  ];
  if (showDeliveryLog) {
    groups.push({
      id: 'monitoring',
      label: t('monitoring'),
      items: [{ href: `${base}/delivery-log`, label: t('deliveryLog'), icon: <InboxIcon /> }],
    });
  }
  groups.push({
    id: 'settings',
    label: t('settings'),
    items: [
      // Event e-mails to customers are a reseller feature; every account has contacts.
      ...(isReseller ? [{ href: `${base}/settings/notifications/events`, label: t('notificationSettings'), icon: <SlidersIcon /> }] : []),
      { href: `${base}/settings/contacts`, label: t('contacts'), icon: <UsersIcon /> },
    ],
  });

  return (
    // On narrow screens the links wrap onto as many rows as they need: every entry stays on screen
    // (a strip that scrolls sideways hid the last ones, with nothing to say it scrolls).
    <nav aria-label={t('label')} className="flex flex-wrap gap-1 px-2 py-2 md:flex-col md:flex-nowrap md:gap-6 md:p-4">
      {groups.map((group) => (
        <div key={group.id} className="max-w-full">
          {/* On narrow screens only the links show, their groups' names are hidden. */}
          <p
            id={`nav-${group.id}`}
            className="hidden px-3 pb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase md:block"
          >
            {group.label}
          </p>
          <ul aria-labelledby={`nav-${group.id}`} className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap md:gap-0.5">
            {group.items.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    // One line each on a phone (the entries wrap as pills); in the sidebar a name too long
                    // for it ("Настройки уведомлений") wraps instead of running past its box.
                    className={cn(
                      'flex items-center gap-2 rounded-lg px-2.5 py-2 text-sm font-medium whitespace-nowrap transition-colors md:gap-3 md:px-3 md:whitespace-normal [&_svg]:size-5 [&_svg]:shrink-0',
                      active
                        ? 'bg-brand-50 text-brand-700 [&_svg]:text-brand-600'
                        : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 [&_svg]:text-slate-500',
                    )}
                  >
                    {item.icon}
                    <span className="flex-1">{item.label}</span>
                    <PendingDot />
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** A small pulse while the link's page loads (the old page stays on screen meanwhile). */
function PendingDot() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      className={cn(
        'size-1.5 rounded-full bg-brand-500 transition-opacity',
        pending ? 'animate-pulse opacity-100' : 'opacity-0',
      )}
    />
  );
}
