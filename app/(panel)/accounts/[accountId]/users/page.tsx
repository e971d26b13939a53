import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/panel/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { FlashProvider } from '@/components/ui/flash';
import { Pagination } from '@/components/ui/pagination';
import { TableCard, TableHead } from '@/components/ui/table';
import { db } from '@/db';
import { listProjectRolesOfMembers } from '@/db/queries/project-roles';
import { listAccountMembers, listLiveProjects, listOpenInvitations } from '@/db/queries/users';
import type { MemberRole } from '@/db/schema';
import { directoryReadOnly } from '@/lib/env';
import { formatDate, formatDateTime, pageParam, stringParam } from '@/lib/format';
import { memberRoleLabels, projectRoleLabels, roleLabels } from '@/lib/notifications/roles';
import {
  authorizeMemberRemoval,
  authorizeRoleChange,
  canViewUsers,
  INVITABLE_ROLES,
  panelMemberChanges,
  roleChangeConsequences,
  rolesInWords,
  USER_MANAGER_ROLES,
  userManagement,
} from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';
import { cn } from '@/lib/utils';
import { SearchBox } from '../notifications/_components/search-box';
import { ChangeRoleDialog, type RoleChoice } from './_components/change-role-dialog';
import { InvitationActions } from './_components/invitation-actions';
import { InviteDialog, type RoleOption } from './_components/invite-dialog';
import { RemoveMemberDialog } from './_components/remove-member-dialog';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('users') };
}

const PAGE_SIZE = 50;
const INVITATIONS_SHOWN = 200;

type SearchParams = Record<string, string | string[] | undefined>;

const roleDescriptions: Record<MemberRole, string> = {
  owner: 'Everything, and receives every notification.',
  account_admin: 'Manages the account and its services.',
  billing_admin: 'Payments, invoices and accounting documents.',
  user_admin: 'Invites and removes users, manages subscriptions.',
  subscriber: 'Receives accounting documents and balance notices only.',
  project_member: 'Access to the projects given below only.',
};

const cell = 'px-4 py-3 align-top';
const roleColumn = 'hidden sm:table-cell';
const detailColumn = 'hidden lg:table-cell';

function LockIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 shrink-0">
      <path
        fillRule="evenodd"
        d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

export default async function UsersPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { accountId } = await params;
  const sp = await searchParams;
  const member = await requireMember(accountId);
  const view = canViewUsers(member.role);
  const managedByDirectory = member.account.ref !== null;
  const panel = panelMemberChanges({
    managedByDirectory,
    directoryReadOnly: directoryReadOnly(),
  });
  const canManage = view.allowed && userManagement(member.role).allowed && panel.allowed;

  const description = (
    <>
      The people who can open <strong className="font-medium text-slate-800">{member.account.name}</strong>, their roles, and the
      invitations waiting to be accepted.
    </>
  );
  if (!view.allowed) {
    return (
      <div className="space-y-6">
        <PageHeader eyebrow="Access control" title="Users" description={description} />
        <Alert tone="info" title="You cannot see the users of this account">
          {view.reason} To change your own access, ask {rolesInWords(USER_MANAGER_ROLES, 'one')}.
        </Alert>
      </div>
    );
  }

  const search = stringParam(sp.q);
  const page = pageParam(sp.page);
  const [{ rows, total }, invitations, projects] = await Promise.all([
    listAccountMembers(db, { accountId, search, page, pageSize: PAGE_SIZE }),
    listOpenInvitations(db, { accountId, limit: INVITATIONS_SHOWN }),
    canManage ? listLiveProjects(db, { accountId }) : Promise.resolve([]),
  ]);
  const projectRoles = await listProjectRolesOfMembers(db, {
    accountId,
    userIds: rows.map((r) => r.userId),
  });
  const base = `/accounts/${accountId}/users`;
  const pageHref = (p: number) => {
    const query = new URLSearchParams();
    if (search) query.set('q', search);
    if (p > 1) query.set('page', String(p));
    return `${base}${query.size ? `?${query}` : ''}#members-heading`;
  };
  const inviteRoles: RoleOption[] = INVITABLE_ROLES.map((r) => ({
    value: r,
    label: roleLabels[r],
    description: roleDescriptions[r],
  }));
  const now = new Date();
  const people = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'user' : 'users'}`;

  return (
    <FlashProvider>
      <div className="space-y-6">
        <PageHeader
          eyebrow="Access control"
          title="Users"
          description={description}
          actions={
            canManage ? (
              <InviteDialog accountId={accountId} roles={inviteRoles} projects={projects} projectRoleLabels={projectRoleLabels} />
            ) : null
          }
        />

        {managedByDirectory ? (
          <Alert tone="info" title={panel.allowed ? 'Managed by the platform’s directory' : 'The platform manages users'}>
            {panel.allowed
              ? 'The host platform keeps the users of this account in sync. Changes made here are allowed and audited, and the platform’s next snapshot may undo them.'
              : `${panel.reason} This page is read-only.`}
          </Alert>
        ) : null}
        {!canManage && panel.allowed ? (
          <Alert tone="info" title="You can see the users of this account">
            Only {rolesInWords(USER_MANAGER_ROLES, 'all')} can invite, change and remove users.
          </Alert>
        ) : null}

        <section aria-labelledby="members-heading" className="space-y-4">
          <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
            <h2 id="members-heading" tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
              Members
            </h2>
            <p className="text-sm text-slate-600">
              {search ? `${people(total)} ${total === 1 ? 'matches' : 'match'} “${search}”` : people(total)}
            </p>
          </div>
          <SearchBox label="Search users" placeholder="Search by name or e-mail" />
          {rows.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title={search ? `No users match “${search}”` : 'No users'}
              description="Search by part of a name or an e-mail address, or clear the search to see everyone."
            />
          ) : (
            <TableCard caption={`Users of ${member.account.name}`}>
              <TableHead>
                <tr>
                  <th scope="col" className="px-4 py-3">
                    User
                  </th>
                  <th scope="col" className={cn('px-4 py-3', roleColumn)}>
                    Role
                  </th>
                  <th scope="col" className={cn('px-4 py-3 whitespace-nowrap', detailColumn)}>
                    Member since
                  </th>
                  <th scope="col" className={cn('px-4 py-3 whitespace-nowrap', detailColumn)}>
                    Last sign-in
                  </th>
                  {canManage ? (
                    <th scope="col" className="hidden px-4 py-3 text-right sm:table-cell">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </TableHead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => {
                  const ownProjects = projectRoles.get(row.userId) ?? [];
                  const labels = memberRoleLabels(row.role, ownProjects);
                  const isSelf = row.userId === member.user.id;
                  const choices: RoleChoice[] = canManage
                    ? (['owner', ...INVITABLE_ROLES] as MemberRole[])
                        .filter(
                          (r) =>
                            authorizeRoleChange({
                              actorRole: member.role,
                              targetRole: row.role,
                              newRole: r,
                              targetHasProjectRoles: ownProjects.length > 0,
                              actorIsTarget: isSelf,
                            }).allowed,
                        )
                        .map((r) => ({
                          value: r,
                          label: roleLabels[r],
                          consequences: roleChangeConsequences(row.role, r),
                        }))
                    : [];
                  const removable =
                    canManage &&
                    authorizeMemberRemoval({
                      actorRole: member.role,
                      targetRole: row.role,
                      actorIsTarget: isSelf,
                    }).allowed;
                  const lastSignIn = row.lastSignInAt ? formatDate(row.lastSignInAt) : 'Never';
                  const user = {
                    userId: row.userId,
                    name: row.name,
                    email: row.email,
                  };
                  const actions = canManage ? (
                    <span className="flex flex-wrap gap-1 sm:flex-col sm:flex-nowrap sm:items-end sm:gap-0.5 2xl:flex-row 2xl:justify-end 2xl:gap-1">
                      {choices.length ? (
                        <ChangeRoleDialog accountId={accountId} user={user} currentRoleLabel={labels.join(', ')} choices={choices} />
                      ) : null}
                      {removable ? (
                        <RemoveMemberDialog
                          accountId={accountId}
                          accountName={member.account.name}
                          user={user}
                          focusAfterRemoveId="members-heading"
                        />
                      ) : null}
                      {!choices.length && !removable ? (
                        <span
                          className="inline-flex h-8 items-center gap-1.5 px-3 text-xs font-medium text-slate-600"
                          title={row.role === 'owner' ? 'Ownership moves only when the Owner makes another member the Owner' : undefined}
                        >
                          <LockIcon />
                          Locked
                          <span className="sr-only">
                            : {isSelf ? 'you cannot change or remove yourself here' : 'you cannot change or remove this user'}
                          </span>
                        </span>
                      ) : null}
                    </span>
                  ) : null;
                  return (
                    <tr key={row.userId} className={row.role === 'owner' ? 'bg-slate-50/70' : undefined}>
                      <th scope="row" className={cn(cell, 'font-normal')}>
                        <span className="block font-medium text-slate-900">
                          {row.name ?? row.email}
                          {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-600">(you)</span> : null}
                        </span>
                        <span className="block text-slate-600 wrap-break-word">{row.email}</span>
                        <span className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 lg:hidden">
                          {labels.map((label) => (
                            <Badge key={label} tone={row.role === 'owner' ? 'brand' : 'neutral'} className="sm:hidden">
                              {label}
                            </Badge>
                          ))}
                          <span>
                            Since {formatDate(row.since)} · last sign-in {lastSignIn.toLowerCase() === 'never' ? 'never' : lastSignIn}
                          </span>
                        </span>
                        {/* Narrow screens: the actions under the details, the actions column hidden. */}
                        {actions ? <div className="mt-1.5 -ml-3 sm:hidden">{actions}</div> : null}
                      </th>
                      <td className={cn(cell, roleColumn)}>
                        <span className="flex flex-wrap gap-1">
                          {labels.map((label) => (
                            <Badge key={label} tone={row.role === 'owner' ? 'brand' : 'neutral'}>
                              {label}
                            </Badge>
                          ))}
                        </span>
                      </td>
                      <td className={cn(cell, detailColumn, 'whitespace-nowrap text-slate-700')}>
                        <time dateTime={row.since.toISOString()}>{formatDate(row.since)}</time>
                      </td>
                      <td className={cn(cell, detailColumn, 'whitespace-nowrap text-slate-700')}>
                        {row.lastSignInAt ? (
                          <time dateTime={row.lastSignInAt.toISOString()} title={formatDateTime(row.lastSignInAt)}>
                            {lastSignIn}
                          </time>
                        ) : (
                          <span className="text-slate-600">Never</span>
                        )}
                      </td>
                      {canManage ? (
                        <td className={cn(cell, 'hidden py-2.5 text-right whitespace-nowrap sm:table-cell')}>{actions}</td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </TableCard>
          )}
          <Pagination label="Users pages" page={page} pageSize={PAGE_SIZE} total={total} hrefFor={pageHref} />
        </section>

        <section aria-labelledby="invitations-heading" className="space-y-4">
          <div className="flex items-end justify-between gap-2">
            <h2 id="invitations-heading" className="text-lg font-semibold text-slate-900">
              Pending invitations
            </h2>
            <p className="text-sm text-slate-600">{invitations.length === 1 ? '1 invitation' : `${invitations.length} invitations`}</p>
          </div>
          {invitations.length === 0 ? (
            <EmptyState
              headingLevel={3}
              title="No pending invitations"
              description={
                canManage
                  ? 'Choose Invite users to add people to the account: they join when they open the link in their e-mail.'
                  : 'Nobody is waiting to join the account.'
              }
            />
          ) : (
            <TableCard caption="Invitations not accepted yet">
              <TableHead>
                <tr>
                  <th scope="col" className="px-4 py-3">
                    E-mail
                  </th>
                  <th scope="col" className={cn('px-4 py-3', roleColumn)}>
                    Role
                  </th>
                  <th scope="col" className={cn('px-4 py-3 whitespace-nowrap', detailColumn)}>
                    Invited by
                  </th>
                  <th scope="col" className={cn('px-4 py-3 whitespace-nowrap', detailColumn)}>
                    Expires
                  </th>
                  {canManage ? (
                    <th scope="col" className="hidden px-4 py-3 text-right sm:table-cell">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </TableHead>
              <tbody className="divide-y divide-slate-100">
                {invitations.map((inv) => {
                  const expired = inv.expiresAt <= now;
                  return (
                    <tr key={inv.id}>
                      <th scope="row" className={cn(cell, 'font-normal')}>
                        <span className="block font-medium text-slate-900 wrap-break-word">{inv.email}</span>
                        <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                          {expired ? <Badge tone="warning">Expired</Badge> : <Badge tone="brand">Pending</Badge>}
                          <span>Sent {formatDate(inv.sentAt)}</span>
                          <span className="sm:hidden">· {roleLabels[inv.role]}</span>
                        </span>
                        {canManage ? (
                          <div className="mt-1.5 -ml-3 sm:hidden">
                            <InvitationActions accountId={accountId} invitationId={inv.id} email={inv.email} />
                          </div>
                        ) : null}
                      </th>
                      <td className={cn(cell, roleColumn)}>
                        <span className="flex flex-wrap gap-1">
                          <Badge>{roleLabels[inv.role]}</Badge>
                          {inv.projectRoles.length ? (
                            <Badge>{`+ ${inv.projectRoles.length} project ${inv.projectRoles.length === 1 ? 'role' : 'roles'}`}</Badge>
                          ) : null}
                        </span>
                      </td>
                      <td className={cn(cell, detailColumn, 'text-slate-700')}>{inv.invitedByName ?? inv.invitedByEmail ?? '—'}</td>
                      <td className={cn(cell, detailColumn, 'whitespace-nowrap', expired ? 'text-amber-800' : 'text-slate-700')}>
                        <time dateTime={inv.expiresAt.toISOString()}>
                          {expired ? `Expired ${formatDate(inv.expiresAt)}` : formatDate(inv.expiresAt)}
                        </time>
                      </td>
                      {canManage ? (
                        <td className={cn(cell, 'hidden py-2.5 text-right whitespace-nowrap sm:table-cell')}>
                          <InvitationActions accountId={accountId} invitationId={inv.id} email={inv.email} />
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </TableCard>
          )}
        </section>
      </div>
    </FlashProvider>
  );
}
