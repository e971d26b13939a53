'use client';

import { Popover } from 'radix-ui';
import { type Dispatch, type SetStateAction, useCallback, useEffect, useState, useTransition } from 'react';
import { loadInboxAction, markReadAction } from '../inbox-actions';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import type { NotificationCategory } from '@/db/schema';
import { getCategory } from '@/lib/notifications/catalog';
import { cn } from '@/lib/utils';
import { BellTrigger } from './notification-bell';

type Item = {
  id: number;
  readAt: string | null;
  createdAt: string;
  category: NotificationCategory;
  subject: string;
  summary: string | null;
};

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * The notification centre's popover: the person's notifications in this account, with
 * Mark read. Loaded on demand by NotificationBell, which keeps the unread count.
 */
export function NotificationPanel({
  accountId,
  unread,
  onUnreadChange: setUnread,
  initialOpen = false,
}: {
  accountId: string;
  unread: number;
  onUnreadChange: Dispatch<SetStateAction<number>>;
  initialOpen?: boolean;
}) {
  const [open, setOpen] = useState(initialOpen);
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const show = useCallback(
    (result: Awaited<ReturnType<typeof loadInboxAction>>) => {
      if (result.ok) {
        setItems(result.data.items);
        setUnread(result.data.unread);
        setError(null);
      } else setError(result.error);
    },
    [setUnread],
  );
  const load = () => loadInboxAction({ accountId }).then(show);

  // Opened by the press that loaded it: fetch at once, as onOpenChange does on later openings.
  useEffect(() => {
    if (!initialOpen) return;
    let current = true;
    void loadInboxAction({ accountId }).then((result) => current && show(result));
    return () => {
      current = false;
    };
  }, [initialOpen, accountId, show]);

  const mark = (deliveryId?: number) =>
    startTransition(async () => {
      const result = await markReadAction({ accountId, deliveryId });
      if (!result.ok) return setError(result.error);
      const now = new Date().toISOString();
      setItems(
        (prev) => prev?.map((i) => (deliveryId === undefined || i.id === deliveryId ? { ...i, readAt: i.readAt ?? now } : i)) ?? null,
      );
      setUnread((n) => (deliveryId === undefined ? 0 : Math.max(0, n - result.data.marked)));
    });

  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
    >
      <Popover.Trigger asChild>
        <BellTrigger unread={unread} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={8}
          aria-label="Notifications"
          className="z-50 flex max-h-[min(32rem,calc(100dvh-6rem))] w-[min(24rem,calc(100vw-2rem))] flex-col rounded-xl border border-slate-200 bg-white shadow-xl shadow-slate-900/10 data-[state=open]:animate-pop-in"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            <Button variant="link" onClick={() => mark()} disabled={unread === 0 || pending}>
              Mark all as read
            </Button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={items === null}>
            {error ? (
              <p role="alert" className="px-4 py-6 text-sm text-red-700">
                {error}
              </p>
            ) : items === null ? (
              <div className="flex items-center justify-center gap-2 px-4 py-10 text-sm text-slate-600">
                <Spinner /> Loading…
              </div>
            ) : items.length === 0 ? (
              <div className="px-4 py-10 text-center">
                <p className="text-sm font-medium text-slate-900">No notifications yet</p>
                <p className="mt-1 text-sm text-slate-600">Notifications you receive in this account appear here.</p>
              </div>
            ) : (
              <ul className="divide-y divide-slate-100">
                {items.map((item) => (
                  <li key={item.id} className={cn('flex gap-3 px-4 py-3', !item.readAt && 'bg-brand-50/50')}>
                    <span
                      aria-hidden="true"
                      className={cn('mt-1.5 size-2 shrink-0 rounded-full', item.readAt ? 'bg-transparent' : 'bg-brand-600')}
                    />
                    <div className="min-w-0 flex-1">
                      <p className="text-xs font-medium text-slate-600">{getCategory(item.category).title}</p>
                      <p className="text-sm font-medium text-slate-900">
                        {item.subject}
                        {!item.readAt ? <span className="sr-only"> (unread)</span> : null}
                      </p>
                      {item.summary ? <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{item.summary}</p> : null}
                      <p className="mt-1 text-xs text-slate-600">
                        <time dateTime={item.createdAt}>{timeFormat.format(new Date(item.createdAt))}</time>
                      </p>
                    </div>
                    {/* The button's name starts with its visible text, as speech-input users say it. */}
                    {!item.readAt ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => mark(item.id)}
                        disabled={pending}
                        aria-label={`Mark read: ${item.subject}`}
                      >
                        Mark read
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
