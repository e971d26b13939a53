import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/panel/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FlashProvider } from '@/components/ui/flash';
import { LinkTabs } from '@/components/ui/link-tabs';
import { Pagination } from '@/components/ui/pagination';
import { TableCard, TableHead } from '@/components/ui/table';
import { db } from '@/db';
import {
  countSubscribersByCategory,
  getAccountOwner,
  listSubscribers,
  listSubscriptionManagers,
  listUserSubscriptions,
} from '@/db/queries/subscriptions';
import { listProjectRolesOfMembers } from '@/db/queries/project-roles';
import type { NotificationCategory } from '@/db/schema';
import { listAuditLog } from '@/lib/audit';
import { formatDate, formatDateTime, pageParam, shortUserAgent, stringParam } from '@/lib/format';
import { catalog, getCategory, isCategory } from '@/lib/notifications/catalog';
import { memberRoleLabels, roleLabels } from '@/lib/notifications/roles';
import {
  canManageSubscriptions,
  MANAGER_ROLES,
  rolesInWords,
  subscriberCategoriesInWords,
  subscriptionEligibility,
  whomToAskAboutSubscriptions,
} from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';
import { cn } from '@/lib/utils';
import { TelegramBlock } from '../_components/telegram-block';
import { AddRecipientsButton } from './_components/add-recipients-button';
import { describeAuditEntry } from './_components/audit-entry';
import { RemoveRecipientButton } from './_components/remove-recipient-button';
import { SearchBox } from './_components/search-box';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('notifications') };
}

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
    <div className="space-y-6">
      <PageHeader
        eyebrow="Access control"
        title="Account Notifications"
        description={
          canManage ? (
            <>
              Choose who receives e-mail notifications of each category in{' '}
              <strong className="font-medium text-slate-800">{member.account.name}</strong>. The Account Owner always receives
              every notification.
            </>
          ) : (
            <>
              The e-mail notifications you receive in <strong className="font-medium text-slate-800">{member.account.name}</strong>,
              by category.
            </>
          )
        }
      />

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

/** Lock icon of the Owner's row. */
function LockIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 shrink-0">
      <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
    </svg>
  );
}

const recipients = (n: number) => `${n} ${n === 1 ? 'recipient' : 'recipients'}`;

// Narrow screens show one column per user: role, date and "added by" move under the e-mail.
const cell = 'px-4 py-3 align-top';
const roleColumn = 'hidden sm:table-cell';
const detailColumn = 'hidden lg:table-cell';

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
  const projectRoles = await listProjectRolesOfMembers(db, { accountId, userIds: rows.map((r) => r.userId) });
  const categoryHref = (key: string) => `${base}?category=${key}`;
  const pageHref = (p: number) => {
    const query = new URLSearchParams({ category });
    if (search) query.set('q', search);
    if (p > 1) query.set('page', String(p));
    return `${base}?${query}#category-panel`;
  };
  const ownerCount = owner ? 1 : 0;
  const ownerMatches =
    owner && (!search || `${owner.name ?? ''} ${owner.email}`.toLowerCase().includes(search.toLowerCase()));
  const showOwner = Boolean(owner && ownerMatches && page === 1);
  const allRecipients = (counts[category] ?? 0) + ownerCount;
  const matching = total + (ownerMatches ? 1 : 0);

  return (
    <div className="space-y-5">
      <LinkTabs
        label="Notification categories"
        idPrefix="category"
        panelId="category-panel"
        selected={category}
        variant="pills"
        tabs={catalog.map((c) => {
          const n = (counts[c.key] ?? 0) + ownerCount;
          return {
            value: c.key,
            label: c.title,
            href: categoryHref(c.key),
            badge: (
              <Badge tone={c.key === category ? 'brand' : 'neutral'} className={c.key === category ? 'bg-white' : undefined}>
                {n}
                <span className="sr-only"> {n === 1 ? 'recipient' : 'recipients'}</span>
              </Badge>
            ),
          };
        })}
      />
      <section id="category-panel" role="tabpanel" aria-labelledby={`category-${category}`} className="space-y-4">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 space-y-1">
            {/* Focus lands here after a Delete, whose row (and button) is gone. */}
            <h2 id="category-heading" tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
              {definition.title}
            </h2>
            <p className="text-sm text-slate-600">{definition.description}</p>
            <p className="text-xs leading-relaxed text-slate-600">
              <span className="font-medium text-slate-700">Includes:</span> {definition.types.map((t) => t.title).join(' · ')}
            </p>
          </div>
          <AddRecipientsButton accountId={accountId} category={category} categoryTitle={definition.title} />
        </div>

        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <SearchBox key={category} label={`Search subscribers of ${definition.title}`} placeholder="Search by name or e-mail" />
          <p className="text-sm text-slate-600">
            {search
              ? `${matching} of ${recipients(allRecipients)} ${matching === 1 ? 'matches' : 'match'} “${search}”`
              : `${recipients(allRecipients)}, including the Account Owner`}
          </p>
        </div>

        {matching === 0 ? (
          <EmptyState
            headingLevel={3}
            title={`No recipients match “${search}”`}
            description="Search by part of a name or an e-mail address, or clear the search to see everyone."
          />
        ) : (
          <TableCard
            caption={`Recipients of ${definition.title}`}
            footer={
              rows.length === 0 && !search ? (
                <div className="border-t border-slate-100 px-6 py-8 text-center">
                  <p className="text-sm font-medium text-slate-900">Only the Account Owner receives {definition.title}.</p>
                  <p className="mt-1 text-sm text-slate-600">Choose Add recipients to subscribe other users of the account.</p>
                </div>
              ) : null
            }
          >
            <TableHead>
              <tr>
                <th scope="col" className="px-4 py-3">User</th>
                <th scope="col" className={cn('px-4 py-3', roleColumn)}>Role</th>
                <th scope="col" className={cn('px-4 py-3 whitespace-nowrap', detailColumn)}>Subscribed since</th>
                <th scope="col" className={cn('px-4 py-3 whitespace-nowrap', detailColumn)}>Added by</th>
                <th scope="col" className="px-4 py-3 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </TableHead>
            <tbody className="divide-y divide-slate-100">
              {owner && showOwner ? (
                <tr className="bg-slate-50/70">
                  <th scope="row" className={cn(cell, 'font-normal')}>
                    <span className="block font-medium text-slate-900">{owner.name ?? owner.email}</span>
                    <span className="block break-all text-slate-600">{owner.email}</span>
                    <span className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 lg:hidden">
                      <Badge tone="brand" className="sm:hidden">{roleLabels.owner}</Badge>
                      Receives every notification
                    </span>
                  </th>
                  <td className={cn(cell, roleColumn)}>
                    <Badge tone="brand">{roleLabels.owner}</Badge>
                  </td>
                  <td className={cn(cell, detailColumn, 'text-slate-700')}>Always</td>
                  <td className={cn(cell, detailColumn, 'text-slate-600')}>—</td>
                  <td className={cn(cell, 'text-right')}>
                    <span
                      className="inline-flex h-8 items-center gap-1.5 px-3 text-xs font-medium whitespace-nowrap text-slate-600"
                      title="The Account Owner receives every notification and cannot be unsubscribed"
                    >
                      <LockIcon />
                      Locked<span className="sr-only">: the Account Owner cannot be unsubscribed</span>
                    </span>
                  </td>
                </tr>
              ) : null}
              {rows.map((row) => {
                const addedBy = row.addedByName ?? row.addedByEmail;
                const roles = memberRoleLabels(row.role, projectRoles.get(row.userId));
                return (
                  <tr key={row.userId}>
                    <th scope="row" className={cn(cell, 'font-normal')}>
                      <span className="block font-medium text-slate-900">{row.name ?? row.email}</span>
                      <span className="block break-all text-slate-600">{row.email}</span>
                      <span className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 lg:hidden">
                        {roles.map((label) => (
                          <Badge key={label} className="sm:hidden">
                            {label}
                          </Badge>
                        ))}
                        <span>
                          Since {formatDate(row.since)}
                          {addedBy ? `, added by ${addedBy}` : ''}
                        </span>
                      </span>
                    </th>
                    <td className={cn(cell, roleColumn)}>
                      <span className="flex flex-wrap gap-1">
                        {roles.map((label) => (
                          <Badge key={label}>{label}</Badge>
                        ))}
                      </span>
                    </td>
                    <td className={cn(cell, detailColumn, 'whitespace-nowrap text-slate-700')}>
                      <time dateTime={row.since.toISOString()}>{formatDate(row.since)}</time>
                    </td>
                    <td className={cn(cell, detailColumn, 'text-slate-700')}>{addedBy ?? '—'}</td>
                    <td className={cn(cell, 'py-2.5 text-right')}>
                      <RemoveRecipientButton
                        accountId={accountId}
                        category={category}
                        categoryTitle={definition.title}
                        user={{ userId: row.userId, name: row.name, email: row.email }}
                        focusAfterRemoveId="category-heading"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </TableCard>
        )}
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
    listSubscriptionManagers(db, { accountId, roles: MANAGER_ROLES }),
  ]);
  const byCategory = new Map(mine.map((s) => [s.category, s]));
  const visible = catalog.filter((c) => subscriptionEligibility(role, c.key).allowed);

  return (
    <div className="space-y-5">
      <Alert tone="info" title="You can see your own subscriptions">
        Only {rolesInWords(MANAGER_ROLES, 'all')} can subscribe or unsubscribe users. To change yours, ask{' '}
        {managers.length > 0
          ? managers.map((m, i) => (
              <span key={m.userId}>
                {i > 0 ? (i === managers.length - 1 ? ' or ' : ', ') : null}
                <a href={`mailto:${m.email}`} className="font-medium underline underline-offset-2 hover:text-brand-700">
                  {m.name ?? m.email}
                </a>{' '}
                ({roleLabels[m.role]})
              </span>
            ))
          : whomToAskAboutSubscriptions()}
        .{role === 'subscriber' ? ` As a ${roleLabels.subscriber} you can receive ${subscriberCategoriesInWords()} only.` : null}
      </Alert>
      <section aria-labelledby="own-subscriptions-heading" className="space-y-3">
        <h2 id="own-subscriptions-heading" className="text-lg font-semibold text-slate-900">
          Your subscriptions
        </h2>
        <Card>
          <ul className="divide-y divide-slate-100">
            {visible.map((c) => {
              const subscription = byCategory.get(c.key);
              const addedBy = subscription ? (subscription.addedByName ?? subscription.addedByEmail) : null;
              return (
                <li key={c.key} className="flex flex-col gap-2 px-6 py-4 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
                  <div className="min-w-0">
                    <h3 className="text-sm font-semibold text-slate-900">{c.title}</h3>
                    <p className="text-sm text-slate-600">{c.description}</p>
                  </div>
                  {subscription ? (
                    <div className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 sm:flex-col sm:items-end">
                      <Badge tone="success">Subscribed</Badge>
                      <p className="text-xs text-slate-600">
                        Since {formatDate(subscription.since)}
                        {addedBy ? `, added by ${addedBy}` : ''}
                      </p>
                    </div>
                  ) : (
                    <div className="shrink-0">
                      <Badge>Not subscribed</Badge>
                    </div>
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

type AuditRow = Awaited<ReturnType<typeof listAuditLog>>['rows'][number];

function AuditSource({ row }: { row: AuditRow }) {
  return (
    <>
      <span className="block">{row.ip ?? '—'}</span>
      <span className="block text-xs" title={row.userAgent ?? undefined}>
        {shortUserAgent(row.userAgent)}
      </span>
    </>
  );
}

async function AuditLogView({ accountId, page, base }: { accountId: string; page: number; base: string }) {
  const { rows, total } = await listAuditLog(db, { accountId, page, pageSize: AUDIT_PAGE_SIZE });
  if (total === 0) {
    return (
      <EmptyState
        title="No changes yet"
        description="Every subscription added or removed and every Telegram connection in this account will be listed here: who did it, to whom, when and from where."
      />
    );
  }
  return (
    <div>
      <h2 className="sr-only">Audit log</h2>
      <TableCard caption="Changes to notification subscriptions, newest first">
        {/* Narrow screens: one column per entry, with who, when and from where inside it. */}
        <TableHead className="hidden sm:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Who</th>
            <th scope="col" className="px-4 py-3">What</th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">From</th>
          </tr>
        </TableHead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const actor = row.actorName ?? row.actorEmail ?? (row.actorApiKeyName ? `The platform (API key “${row.actorApiKeyName}”)` : 'System');
            return (
              <tr key={row.id}>
                <td className="hidden px-4 py-3 align-top text-slate-700 sm:table-cell">
                  <time dateTime={row.createdAt.toISOString()} className="whitespace-nowrap">
                    {formatDateTime(row.createdAt)}
                  </time>
                  <span className="mt-1 block text-slate-600 md:hidden">
                    <AuditSource row={row} />
                  </span>
                </td>
                <td className="hidden px-4 py-3 align-top text-slate-900 sm:table-cell">{actor}</td>
                <td className="px-4 py-3 align-top text-slate-700">
                  <span className="block font-medium text-slate-900 sm:hidden">{actor}</span>
                  {describeAuditEntry(row)}
                  <span className="mt-1 block text-xs text-slate-600 sm:hidden">
                    {formatDateTime(row.createdAt)} · {row.ip ?? 'unknown address'} · {shortUserAgent(row.userAgent)}
                  </span>
                </td>
                <td className="hidden px-4 py-3 align-top text-slate-600 md:table-cell">
                  <AuditSource row={row} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </TableCard>
      <Pagination
        label="Audit log pages"
        page={page}
        pageSize={AUDIT_PAGE_SIZE}
        total={total}
        hrefFor={(p) => `${base}?tab=audit${p > 1 ? `&page=${p}` : ''}#section-panel`}
      />
    </div>
  );
}
