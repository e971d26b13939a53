'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { BellIcon, SlidersIcon } from '@/components/ui/icons';
import { cn } from '@/lib/utils';

type NavItem = { href: string; label: string; icon: ReactNode };
type NavGroup = { id: string; label: string; items: NavItem[] };

/** The panel's left navigation; the link of the current section carries aria-current="page". */
export function SidebarNav({ accountId, isReseller }: { accountId: string; isReseller: boolean }) {
  const pathname = usePathname();
  const base = `/accounts/${accountId}`;
  const groups: NavGroup[] = [
    {
      id: 'access-control',
      label: 'Access control',
      items: [{ href: `${base}/notifications`, label: 'Account Notifications', icon: <BellIcon /> }],
    },
  ];
  if (isReseller) {
    groups.push({
      id: 'settings',
      label: 'Settings',
      items: [
        { href: `${base}/settings/notifications/events`, label: 'Notification Settings', icon: <SlidersIcon /> },
      ],
    });
  }

  return (
    <nav aria-label="Main navigation" className="flex flex-col gap-6 p-4">
      {groups.map((group) => (
        <div key={group.id}>
          <p id={`nav-${group.id}`} className="px-3 pb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {group.label}
          </p>
          <ul aria-labelledby={`nav-${group.id}`} className="space-y-0.5">
            {group.items.map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={cn(
                      'flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors [&_svg]:size-5',
                      active
                        ? 'bg-brand-50 text-brand-700 [&_svg]:text-brand-600'
                        : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 [&_svg]:text-slate-500',
                    )}
                  >
                    {item.icon}
                    {item.label}
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
