import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/panel/page-header';
import { FlashProvider } from '@/components/ui/flash';
import { Pagination } from '@/components/ui/pagination';
import { TableCard, TableHead } from '@/components/ui/table';
import { db } from '@/db';
import { isUuid } from '@/db/queries/accounts';
import { deliveryStatus, type DeliveryChannel, type DeliveryStatus } from '@/db/schema';
import { getNotificationDeliveries } from '@/lib/delivery/log';
import { formatDateTime, pageParam, stringParam } from '@/lib/format';
import { describeNotification } from '@/lib/notifications/describe';
import { canViewDeliveryLog } from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';
import { cn } from '@/lib/utils';
import { RetryDeliveryButton } from '../_components/delivery-buttons';
import { DeliveryStatusBadge, statusLabels } from './_components/delivery-status';
import { EventOutcome } from './_components/event-outcome';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('deliveries') };
}

const PAGE_SIZE = 50;
const channelLabels: Record<DeliveryChannel, string> = { email: 'E-mail', telegram: 'Telegram', in_app: 'In-app' };

export default async function NotificationDeliveriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; notificationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { accountId, notificationId } = await params;
  const sp = await searchParams;
  const member = await requireMember(accountId);
  if (!canViewDeliveryLog(member.role).allowed || !isUuid(notificationId)) notFound();
  const statusFilter = stringParam(sp.status) as DeliveryStatus | undefined;
  const status = statusFilter && (deliveryStatus.enumValues as readonly string[]).includes(statusFilter) ? statusFilter : undefined;
  const page = pageParam(sp.page);
  const result = await getNotificationDeliveries(db, {
    actorUserId: member.user.id,
    accountId,
    notificationId,
    status,
    page,
    pageSize: PAGE_SIZE,
  });
  if (!result) notFound();
  const { notification: n, rows, total } = result;
  const about = describeNotification(n);
  const base = `/accounts/${accountId}/delivery-log/${n.id}`;
  const href = (p: { status?: string; page?: number }) => {
    const q = new URLSearchParams();
    if (p.status) q.set('status', p.status);
    if (p.page && p.page > 1) q.set('page', String(p.page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const filters: Array<{ value?: DeliveryStatus; label: string }> = [
    { label: 'All' },
    ...(['failed', 'bounced', 'complained', 'suppressed', 'queued', 'sent', 'delivered'] as const).map((s) => ({ value: s, label: statusLabels[s] })),
  ];

  return (
    <div className="space-y-6">
      <Link href={`/accounts/${accountId}/delivery-log`} className="inline-flex text-sm font-medium text-brand-700 hover:underline">
        ← Delivery log
      </Link>
      <PageHeader
        eyebrow={`${about.group} · ${about.type}`}
        title={n.subject}
        description={
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-500">Published</dt>
            <dd>{formatDateTime(n.createdAt)}</dd>
            <dt className="text-slate-500">Available to</dt>
            <dd>{about.audience}</dd>
            {n.kind === 'event' ? <EventOutcome outcome={n.outcome} content={n.content} /> : null}
            <dt className="text-slate-500">Id</dt>
            <dd className="font-mono text-xs leading-5">{n.id}</dd>
          </dl>
        }
      />
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {filters.map((f) => {
          const active = f.value === status;
          return (
            <Link
              key={f.label}
              href={href({ status: f.value })}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset',
                active ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
              )}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>
      <FlashProvider>
        <TableCard
          caption="Deliveries of this notification, problems first"
          footer={
            rows.length === 0 ? (
              <p className="border-t border-slate-100 px-6 py-10 text-center text-sm text-slate-600">
                {status ? `No deliveries are ${statusLabels[status].toLowerCase()}.` : 'This notification had no recipients.'}
              </p>
            ) : null
          }
        >
          <TableHead>
            <tr>
              <th scope="col" className="px-4 py-3">Recipient</th>
              <th scope="col" className="px-4 py-3">Channel</th>
              <th scope="col" className="px-4 py-3">Status</th>
              <th scope="col" className="px-4 py-3">Attempts</th>
              <th scope="col" className="px-4 py-3">Last error</th>
              <th scope="col" className="px-4 py-3">Provider id</th>
              <th scope="col" className="px-4 py-3 text-right"><span className="sr-only">Actions</span></th>
            </tr>
          </TableHead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const who = row.recipientName ?? row.email ?? row.address;
              return (
                <tr key={row.id} className="align-top">
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{who}</span>
                    <span className="block text-xs text-slate-600">
                      {row.channel === 'telegram' ? `chat ${row.address}` : row.channel === 'in_app' ? row.email : row.address}
                    </span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{channelLabels[row.channel]}</td>
                  <td className="px-4 py-3">
                    <DeliveryStatusBadge status={row.status} />
                    <span className="mt-1 block text-xs text-slate-600">{formatDateTime(row.updatedAt)}</span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{row.attempts}</td>
                  <td className="max-w-xs px-4 py-3 text-xs break-words text-slate-700">{row.lastError ?? '—'}</td>
                  <td className="px-4 py-3 font-mono text-xs break-all text-slate-600">{row.providerMessageId ?? '—'}</td>
                  <td className="px-4 py-3 text-right">
                    {row.status === 'failed' ? (
                      <RetryDeliveryButton accountId={accountId} deliveryId={row.id} label={`Retry ${channelLabels[row.channel]} to ${who}`} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </TableCard>
      </FlashProvider>
      <Pagination label="Delivery pages" page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => href({ status, page: p })} />
    </div>
  );
}
