'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { unreadCountAction } from '../inbox-actions';
import { OnDemand } from '@/components/ui/on-demand';

const POLL_MS = 30_000;
const load = () => import('./notification-panel').then((m) => m.NotificationPanel);

/** The bell with the unread count, the same before and after the notification centre has loaded. */
export function BellTrigger({ unread, ...props }: { unread: number }) {
  const t = useTranslations('bell');
  return (
    <button
      type="button"
      aria-label={unread > 0 ? t('labelUnread', { count: unread }) : t('label')}
      className="relative inline-flex size-9 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      {...props}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-5">
        <path
          fillRule="evenodd"
          d="M10 2a6 6 0 0 0-6 6c0 1.887-.454 3.665-1.257 5.234a.75.75 0 0 0 .515 1.076 32.91 32.91 0 0 0 3.256.508 3.5 3.5 0 0 0 6.972 0 32.903 32.903 0 0 0 3.256-.508.75.75 0 0 0 .515-1.076A11.448 11.448 0 0 1 16 8a6 6 0 0 0-6-6ZM8.05 14.943a33.54 33.54 0 0 0 3.9 0 2 2 0 0 1-3.9 0Z"
          clipRule="evenodd"
        />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-600 px-1.5 text-center text-[11px] leading-5 font-semibold text-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </button>
  );
}

/**
 * The notification centre: a bell with the unread count (kept fresh every 30 s while the
 * tab is visible), opening the person's notifications in this account. The popover loads
 * when first used (components/ui/on-demand.tsx).
 */
export function NotificationBell({ accountId, initialUnread }: { accountId: string; initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);

  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.hidden) return;
      const result = await unreadCountAction({ accountId });
      if (result.ok) setUnread(result.data);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [accountId]);

  return (
    <OnDemand
      load={load}
      props={{ accountId, unread, onUnreadChange: setUnread }}
      popup="dialog"
      trigger={<BellTrigger unread={unread} />}
    />
  );
}
