import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/panel/page-header';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { FlashProvider } from '@/components/ui/flash';
import { LinkTabs } from '@/components/ui/link-tabs';
import { Pagination } from '@/components/ui/pagination';
import { TableCard, TableHead } from '@/components/ui/table';
import { db } from '@/db';
import type { DeliveryChannel } from '@/db/schema';
import { listAccountSuppressions, listNotificationLog, type StatusCounts } from '@/lib/delivery/log';
import { formatDate, formatDateTime, pageParam } from '@/lib/format';
import { describeNotification } from '@/lib/notifications/describe';
import { canManageSuppressions, canViewDeliveryLog } from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';
import { RemoveSuppressionButton } from './_components/delivery-buttons';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('deliveryLog') };
}

const PAGE_SIZE = 25;
const channelLabels: Record<DeliveryChannel, string> = { email: 'E-mail', telegram: 'Telegram', in_app: 'In-app' };

/** "12 sent · 1 failed" for one channel, with the problems first. */
function StatusSummary({ counts }: { counts: StatusCounts | undefined }) {
  if (!counts) return <span className="text-slate-500">—</span>;
  const done = (counts.sent ?? 0) + (counts.delivered ?? 0);
  const problems = (['failed', 'bounced', 'complained', 'suppressed'] as const).filter((s) => counts[s]);
  const waiting = (counts.queued ?? 0) + (counts.sending ?? 0);
  return (
    <span className="flex flex-wrap items-center gap-1">
      {problems.map((s) => (
        <Badge key={s} tone={s === 'suppressed' || s === 'complained' ? 'warning' : 'danger'}>
          {counts[s]} {s}
        </Badge>
      ))}
      {waiting ? <Badge tone="brand">{waiting} queued</Badge> : null}
      {done ? <Badge tone="success">{done} {counts.delivered ? 'sent/delivered' : 'sent'}</Badge> : null}
    </span>
  );
}

export default async function DeliveryLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { accountId } = await params;
  const sp = await searchParams;
  const member = await requireMember(accountId);
  if (!canViewDeliveryLog(member.role).allowed) notFound();
  const showSuppressions = canManageSuppressions(member.role).allowed;
  const view = showSuppressions && sp.tab === 'suppressions' ? 'suppressions' : 'notifications';
  const base = `/accounts/${accountId}/delivery-log`;
  const page = pageParam(sp.page);

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow="Notifications"
        title="Delivery log"
        description="Every notification published to this account, and what happened to it on each channel: queued, sent, delivered, bounced, complained, failed or suppressed."
      />
      <LinkTabs
        label="Delivery log sections"
        idPrefix="log"
        panelId="log-panel"
        selected={view}
        tabs={[
          { value: 'notifications', label: 'Notifications', href: base },
          ...(showSuppressions ? [{ value: 'suppressions', label: 'Suppressed addresses', href: `${base}?tab=suppressions` }] : []),
        ]}
      />
      <div id="log-panel" role="tabpanel" aria-labelledby={`log-${view}`}>
        <FlashProvider>
          {view === 'suppressions' ? (
            <SuppressionsView accountId={accountId} actorUserId={member.user.id} />
          ) : (
            <NotificationsView accountId={accountId} actorUserId={member.user.id} page={page} base={base} />
          )}
        </FlashProvider>
      </div>
    </div>
  );
}

async function NotificationsView({ accountId, actorUserId, page, base }: { accountId: string; actorUserId: string; page: number; base: string }) {
  const { rows, total } = await listNotificationLog(db, { actorUserId, accountId, page, pageSize: PAGE_SIZE });
  if (total === 0) {
    return (
      <EmptyState
        title="Nothing published yet"
        description={
          <>
            Notifications appear here as soon as the platform publishes them through <code className="font-mono text-xs">POST /api/v1/notifications</code>.
          </>
        }
      />
    );
  }
  return (
    <>
      <TableCard caption="Published notifications, newest first, with delivery status per channel">
        <TableHead>
          <tr>
            <th scope="col" className="px-4 py-3">Published</th>
            <th scope="col" className="px-4 py-3">Notification</th>
            {(['email', 'telegram', 'in_app'] as const).map((c) => (
              <th key={c} scope="col" className="px-4 py-3">{channelLabels[c]}</th>
            ))}
          </tr>
        </TableHead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const about = describeNotification(row);
            return (
              <tr key={row.id} className="align-top">
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
                </td>
                <td className="px-4 py-3">
                  <Link href={`${base}/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    {row.subject}
                  </Link>
                  <p className="mt-0.5 text-xs text-slate-600">
                    {about.group} · {about.type} · {about.audience}
                  </p>
                </td>
                {(['email', 'telegram', 'in_app'] as const).map((c) => (
                  <td key={c} className="px-4 py-3">
                    <StatusSummary counts={row.byChannel[c]} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </TableCard>
      <Pagination label="Delivery log pages" page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => `${base}${p > 1 ? `?page=${p}` : ''}`} />
    </>
  );
}

async function SuppressionsView({ accountId, actorUserId }: { accountId: string; actorUserId: string }) {
  const rows = await listAccountSuppressions(db, { actorUserId, accountId });
  if (rows.length === 0) {
    return (
      <EmptyState
        title="No suppressed addresses"
        description="When an e-mail to someone in this account bounces or is marked as spam, their address is listed here and later e-mails to it are not sent."
      />
    );
  }
  return (
    <TableCard caption="Addresses of this account’s users that e-mail is not sent to">
      <TableHead>
        <tr>
          <th scope="col" className="px-4 py-3">Address</th>
          <th scope="col" className="px-4 py-3">Reason</th>
          <th scope="col" className="px-4 py-3">Since</th>
          <th scope="col" className="px-4 py-3 text-right"><span className="sr-only">Actions</span></th>
        </tr>
      </TableHead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.email}>
            <td className="px-4 py-3">
              <span className="font-medium text-slate-900">{row.email}</span>
              {row.name ? <span className="block text-xs text-slate-600">{row.name}</span> : null}
            </td>
            <td className="px-4 py-3">
              <Badge tone={row.reason === 'bounced' ? 'danger' : 'warning'}>{row.reason === 'bounced' ? 'Bounced' : 'Marked as spam'}</Badge>
              {row.detail ? <span className="mt-1 block text-xs text-slate-600">{row.detail}</span> : null}
            </td>
            <td className="px-4 py-3 text-slate-700">{formatDate(row.createdAt)}</td>
            <td className="px-4 py-3 text-right">
              <RemoveSuppressionButton accountId={accountId} email={row.email} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableCard>
  );
}
