import type { Metadata } from 'next';
import { AddRecipientsDialog } from '@/components/notifications/add-recipients-dialog';
import { RemoveRecipientDialog } from '@/components/notifications/remove-recipient-dialog';
import { SearchBox } from '@/components/notifications/search-box';
import { TelegramBlock } from '@/components/telegram/telegram-block';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FlashProvider } from '@/components/ui/flash';
import { LinkTabs } from '@/components/ui/link-tabs';
import { Pagination } from '@/components/ui/pagination';
import { db } from '@/db';
import {
  countSubscribersByCategory,
  getAccountOwner,
  listSubscribers,
  listSubscriptionManagers,
  listUserSubscriptions,
} from '@/db/queries/subscriptions';
import type { NotificationCategory } from '@/db/schema';
import { listAuditLog } from '@/lib/audit';
import { formatDate, formatDateTime, pageParam, shortUserAgent, stringParam } from '@/lib/format';
import { catalog, getCategory, isCategory } from '@/lib/notifications/catalog';
import { roleLabels } from '@/lib/notifications/roles';
import { canManageSubscriptions, subscriptionEligibility } from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';

export const metadata: Metadata = { title: 'Account Notifications' };

const PAGE_SIZE = 50;
const AUDIT_PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AccountNotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { accountId } = await params;
  const sp = await searchParams;
  const member = await requireMember(accountId);
  const canManage = canManageSubscriptions(member.role);
  const view = canManage && sp.tab === 'audit' ? 'audit' : 'subscriptions';
  const base = `/accounts/${accountId}/notifications`;

  return (
    <div className="mx-auto w-full max-w-6xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm font-medium text-slate-600">Access control</p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Account Notifications</h1>
        <p className="max-w-3xl text-sm leading-relaxed text-slate-600">
          Choose who receives e-mail notifications of each category in <strong className="font-medium text-slate-800">{member.account.name}</strong>.
          The Account Owner always receives every notification.
        </p>
      </header>

      <TelegramBlock accountId={accountId} userId={member.user.id} />

      {canManage ? (
        <>
          <LinkTabs
            label="Account Notifications sections"
            idPrefix="section"
            panelId="section-panel"
            selected={view}
            tabs={[
              { value: 'subscriptions', label: 'User subscriptions', href: base },
              { value: 'audit', label: 'Audit log', href: `${base}?tab=audit` },
            ]}
          />
          <div id="section-panel" role="tabpanel" aria-labelledby={`section-${view}`}>
            <FlashProvider>
              {view === 'audit' ? (
                <AuditLogView accountId={accountId} page={pageParam(sp.page)} base={base} />
              ) : (
                <ManageSubscriptionsView accountId={accountId} sp={sp} base={base} />
              )}
            </FlashProvider>
          </div>
        </>
      ) : (
        <OwnSubscriptionsView accountId={accountId} userId={member.user.id} role={member.role} />
      )}
    </div>
  );
}

async function ManageSubscriptionsView({ accountId, sp, base }: { accountId: string; sp: SearchParams; base: string }) {
  const category: NotificationCategory = isCategory(sp.category) ? sp.category : catalog[0].key;
  const search = stringParam(sp.q);
  const page = pageParam(sp.page);
  const definition = getCategory(category);
  const [owner, counts, { rows, total }] = await Promise.all([
    getAccountOwner(db, { accountId }),
    countSubscribersByCategory(db, { accountId }),
    listSubscribers(db, { accountId, category, search, page, pageSize: PAGE_SIZE }),
  ]);
  const categoryHref = (key: string) => `${base}?category=${key}`;
  const pageHref = (p: number) => {
    const query = new URLSearchParams({ category });
    if (search) query.set('q', search);
    if (p > 1) query.set('page', String(p));
    return `${base}?${query}`;
  };
  const ownerMatches =
    owner && (!search || `${owner.name ?? ''} ${owner.email}`.toLowerCase().includes(search.toLowerCase()));

  return (
    <div className="space-y-5">
      <LinkTabs
        label="Notification categories"
        idPrefix="category"
        panelId="category-panel"
        selected={category}
        tabs={catalog.map((c) => ({
          value: c.key,
          label: c.title,
          href: categoryHref(c.key),
          badge: (
            <Badge tone={c.key === category ? 'brand' : 'neutral'} aria-label={`${(counts[c.key] ?? 0) + 1} recipients`}>
              {(counts[c.key] ?? 0) + 1}
            </Badge>
          ),
        }))}
      />
      <section id="category-panel" role="tabpanel" aria-labelledby={`category-${category}`} className="space-y-4">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="space-y-1">
            <h2 className="text-lg font-semibold text-slate-900">{definition.title}</h2>
            <p className="text-sm text-slate-600">{definition.description}</p>
            <p className="text-xs text-slate-600">
              Includes: {definition.types.map((t) => t.title.toLowerCase()).join(' · ')}
            </p>
          </div>
          <AddRecipientsDialog accountId={accountId} category={category} categoryTitle={definition.title} />
        </div>

        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <SearchBox label={`Search subscribers of ${definition.title}`} placeholder="Search by name or e-mail" />
          <p className="text-sm text-slate-600">
            {total + 1} {total + 1 === 1 ? 'recipient' : 'recipients'}, including the Account Owner
          </p>
        </div>

        <Card className="overflow-hidden">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Recipients of {definition.title}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3">Name</th>
                  <th scope="col" className="px-4 py-3">E-mail</th>
                  <th scope="col" className="px-4 py-3">Role</th>
                  <th scope="col" className="px-4 py-3">Subscribed since</th>
                  <th scope="col" className="px-4 py-3">Added by</th>
                  <th scope="col" className="px-4 py-3 text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {owner && ownerMatches && page === 1 ? (
                  <tr className="bg-slate-50/60">
                    <td className="px-4 py-3 font-medium text-slate-900">{owner.name ?? owner.email}</td>
                    <td className="px-4 py-3 text-slate-700">{owner.email}</td>
                    <td className="px-4 py-3">
                      <Badge tone="brand">{roleLabels.owner}</Badge>
                    </td>
                    <td className="px-4 py-3 text-slate-700">Always</td>
                    <td className="px-4 py-3 text-slate-600">—</td>
                    <td className="px-4 py-3 text-right">
                      <span
                        className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600"
                        title="The Account Owner receives every notification and cannot be unsubscribed"
                      >
                        <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
                          <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
                        </svg>
                        Locked<span className="sr-only">: the Account Owner cannot be unsubscribed</span>
                      </span>
                    </td>
                  </tr>
                ) : null}
                {rows.map((row) => (
                  <tr key={row.userId}>
                    <td className="px-4 py-3 font-medium text-slate-900">{row.name ?? row.email}</td>
                    <td className="px-4 py-3 text-slate-700">{row.email}</td>
                    <td className="px-4 py-3">
                      <Badge>{roleLabels[row.role]}</Badge>
                    </td>
                    <td className="px-4 py-3 text-slate-700">
                      <time dateTime={row.since.toISOString()}>{formatDate(row.since)}</time>
                    </td>
                    <td className="px-4 py-3 text-slate-700">{row.addedByName ?? row.addedByEmail ?? '—'}</td>
                    <td className="px-4 py-2 text-right">
                      <RemoveRecipientDialog
                        accountId={accountId}
                        category={category}
                        categoryTitle={definition.title}
                        user={{ userId: row.userId, name: row.name, email: row.email }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 ? (
            <div className="border-t border-slate-100 px-6 py-10 text-center">
              <p className="text-sm font-medium text-slate-900">
                {search ? `No subscribers match “${search}”.` : 'Only the Account Owner receives this category.'}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                {search ? 'Try another name or e-mail.' : 'Use Add recipients to subscribe other users of the account.'}
              </p>
            </div>
          ) : null}
        </Card>
        <Pagination label={`${definition.title} pages`} page={page} pageSize={PAGE_SIZE} total={total} hrefFor={pageHref} />
      </section>
    </div>
  );
}

async function OwnSubscriptionsView({
  accountId,
  userId,
  role,
}: {
  accountId: string;
  userId: string;
  role: Parameters<typeof subscriptionEligibility>[0];
}) {
  const [mine, managers] = await Promise.all([
    listUserSubscriptions(db, { accountId, userId }),
    listSubscriptionManagers(db, { accountId }),
  ]);
  const byCategory = new Map(mine.map((s) => [s.category, s]));
  const visible = catalog.filter((c) => subscriptionEligibility(role, c.key).allowed);
  const managerNames = managers.map((m) => `${m.name ?? m.email} (${roleLabels[m.role]}, ${m.email})`);

  return (
    <div className="space-y-5">
      <Alert tone="info" title="You can see your own subscriptions">
        Only the Account Owner and User Administrators can subscribe or unsubscribe users. To change yours, ask{' '}
        {managerNames.length > 0 ? managerNames.join(' or ') : 'the Account Owner'}.
        {role === 'subscriber' ? ' As a Subscriber you can receive Accounting documents and Balance and payments only.' : null}
      </Alert>
      <section aria-labelledby="own-subscriptions-heading" className="space-y-3">
        <h2 id="own-subscriptions-heading" className="text-lg font-semibold text-slate-900">
          Your subscriptions
        </h2>
        <Card>
          <ul className="divide-y divide-slate-100">
            {visible.map((c) => {
              const subscription = byCategory.get(c.key);
              return (
                <li key={c.key} className="flex flex-col gap-2 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <h3 className="text-sm font-semibold text-slate-900">{c.title}</h3>
                    <p className="text-sm text-slate-600">{c.description}</p>
                  </div>
                  {subscription ? (
                    <div className="shrink-0 text-right">
                      <Badge tone="success">Subscribed</Badge>
                      <p className="mt-1 text-xs text-slate-600">
                        Since {formatDate(subscription.since)}
                        {subscription.addedByName ? `, added by ${subscription.addedByName}` : ''}
                      </p>
                    </div>
                  ) : (
                    <Badge className="shrink-0 self-start sm:self-center">Not subscribed</Badge>
                  )}
                </li>
              );
            })}
          </ul>
        </Card>
      </section>
    </div>
  );
}

const actionText: Record<string, (category: string) => string> = {
  'subscription.added': (c) => `subscribed to ${c}`,
  'subscription.removed': (c) => `unsubscribed from ${c}`,
  'telegram.connected': () => 'connected Telegram notifications',
  'telegram.disconnected': () => 'disconnected Telegram notifications',
};

async function AuditLogView({ accountId, page, base }: { accountId: string; page: number; base: string }) {
  const { rows, total } = await listAuditLog(db, { accountId, page, pageSize: AUDIT_PAGE_SIZE });
  if (total === 0) {
    return (
      <EmptyState
        title="No changes yet"
        description="Every subscription added or removed in this account will be listed here: who did it, to whom, when and from where."
      />
    );
  }
  return (
    <div>
      <h2 className="sr-only">Audit log</h2>
      <Card className="overflow-hidden">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Changes to notification subscriptions, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">When</th>
                <th scope="col" className="px-4 py-3">Who</th>
                <th scope="col" className="px-4 py-3">What</th>
                <th scope="col" className="px-4 py-3">From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => {
                const category = typeof row.details.category === 'string' && isCategory(row.details.category)
                  ? getCategory(row.details.category).title
                  : 'a category';
                const describe = actionText[row.action];
                return (
                  <tr key={row.id}>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                      <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
                    </td>
                    <td className="px-4 py-3 text-slate-900">{row.actorName ?? row.actorEmail ?? 'System'}</td>
                    <td className="px-4 py-3 text-slate-700">
                      <span className="font-medium text-slate-900">{row.targetName ?? row.targetEmail ?? 'A former user'}</span>{' '}
                      {describe ? describe(category) : row.action}
                    </td>
                    <td className="px-4 py-3 text-slate-600">
                      <span className="block">{row.ip ?? '—'}</span>
                      <span className="block text-xs" title={row.userAgent ?? undefined}>{shortUserAgent(row.userAgent)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
      <Pagination
        label="Audit log pages"
        page={page}
        pageSize={AUDIT_PAGE_SIZE}
        total={total}
        hrefFor={(p) => `${base}?tab=audit${p > 1 ? `&page=${p}` : ''}`}
      />
    </div>
  );
}
