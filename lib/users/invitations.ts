// Invitations (Access control → Users): a manager invites addresses with a
// role (and project roles); each gets an e-mail whose link signs them in and
// makes them a member. Links are single-use and expire after 7 days; only the
// token's SHA-256 is stored. Resending issues a new link (the old one stops
// working); revoking ends it. Every step is in the audit log.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { accounts, invitations, memberships, projectMemberships, projects, sessions, users, type InvitedProjectRole, type MemberRole } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth-constants';
import { appUrl } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { queueMail } from '@/lib/mail/queue';
import { memberRoleLabels } from '@/lib/notifications/roles';
import { authorizeInvitation } from '@/lib/notifications/rules';
import { generateLinkToken, hashLinkToken, isWellFormedLinkToken } from '@/lib/telegram/tokens';
import { publishUsersEvent } from './events';
import { changeMembersAsPerson, lockManagedAccount, type UserManager } from './manager';
import { randomBytes } from 'node:crypto';

export const INVITATION_TTL_DAYS = 7;
export const MAX_INVITES_AT_ONCE = 20;

export const invitationUrl = (token: string) => `${appUrl()}/invitations/${token}`;

type ProjectRoleInput = InvitedProjectRole;

/** The invited roles as the panel names them, with the projects' names. */
async function roleLabelsOf(tx: Tx, accountId: string, role: MemberRole, projectRoles: readonly ProjectRoleInput[]) {
  const names = projectRoles.length
    ? new Map(
        (await tx.select({ id: projects.id, name: projects.name }).from(projects).where(and(eq(projects.accountId, accountId), inArray(projects.id, projectRoles.map((p) => p.projectId))))).map(
          (p) => [p.id, p.name],
        ),
      )
    : new Map<string, string>();
  return memberRoleLabels(
    role,
    projectRoles.filter((p) => names.has(p.projectId)).map((p) => ({ role: p.role, projectName: names.get(p.projectId)! })),
  );
}

/** Issues a new token for the invitation, e-mails it, and announces it to the reseller when they want it. */
async function sendInvitation(tx: Tx, manager: UserManager, invitation: { id: string; email: string; role: MemberRole; projectRoles: ProjectRoleInput[] }) {
  const token = generateLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  await tx.update(invitations).set({ tokenHash: hashLinkToken(token), sentAt: new Date(), expiresAt }).where(eq(invitations.id, invitation.id));
  const roles = await roleLabelsOf(tx, manager.account.id, invitation.role, invitation.projectRoles);
  await queueMail(tx, {
    to: [invitation.email],
    template: 'invitation',
    accountId: manager.account.id,
    props: {
      accountName: manager.account.name,
      invitedByName: manager.user.name ?? manager.user.email,
      invitedByEmail: manager.user.email,
      roles,
      url: invitationUrl(token),
      expiresOn: formatDate(expiresAt),
    },
  });
  await publishUsersEvent(tx, manager.account, { name: manager.user.name ?? undefined, email: manager.user.email }, {
    event: 'users.user_invited',
    invitedUser: { email: invitation.email },
    data: { role: roles.join(', '), expires_on: formatDate(expiresAt) },
  });
  return token;
}

/**
 * Invites one or more addresses with one role (and project roles). An address that already has an
 * open invitation gets it again (a new link); one that is already a member is refused, and then
 * nobody is invited: all or nothing, as the form was sent.
 */
export async function inviteUsers(
  db: Db,
  params: { actorUserId: string; accountId: string; emails: string[]; role: MemberRole; projectRoles: ProjectRoleInput[]; meta: RequestMeta },
): Promise<{ invited: string[]; resent: string[] }> {
  const emails = [...new Set(params.emails.map((e) => e.trim().toLowerCase()))];
  if (emails.length === 0) throw new DomainError('invalid', 'Enter at least one e-mail address.');
  if (emails.length > MAX_INVITES_AT_ONCE) throw new DomainError('invalid', `Invite at most ${MAX_INVITES_AT_ONCE} people at a time.`);
  const projectIds = params.projectRoles.map((p) => p.projectId);
  if (new Set(projectIds).size !== projectIds.length) throw new DomainError('invalid', 'Give each project one role.');
  return db.transaction(async (tx) => {
    const manager = await lockManagedAccount(tx, params);
    const decision = authorizeInvitation({ actorRole: manager.role, role: params.role, projectRoles: params.projectRoles.length });
    // The actor is a manager (lockManagedAccount): what is left to refuse is the role asked for.
    if (!decision.allowed) throw new DomainError('invalid', decision.reason);
    if (projectIds.length) {
      const live = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.accountId, params.accountId), isNull(projects.removedAt), inArray(projects.id, projectIds)));
      if (live.length !== projectIds.length) throw new DomainError('invalid', 'A chosen project is not a project of this account. Reload the page and try again.');
    }
    const members = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, params.accountId), inArray(sql`lower(${users.email})`, emails)));
    if (members.length) {
      const list = members.map((m) => m.email.toLowerCase()).join(', ');
      throw new DomainError('invalid', `${list} ${members.length === 1 ? 'is' : 'are'} already a member of ${manager.account.name}.`);
    }
    const open = await tx
      .select({ id: invitations.id, email: invitations.email })
      .from(invitations)
      .where(and(eq(invitations.accountId, params.accountId), inArray(invitations.email, emails), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .for('update');
    const openByEmail = new Map(open.map((o) => [o.email, o.id]));
    const invited: string[] = [];
    const resent: string[] = [];
    for (const email of emails) {
      const existing = openByEmail.get(email);
      let id: string;
      if (existing) {
        // Inviting again: the same invitation, with this role, a new link and a new week.
        await tx.update(invitations).set({ role: params.role, projectRoles: params.projectRoles, invitedByUserId: manager.user.id }).where(eq(invitations.id, existing));
        id = existing;
        resent.push(email);
      } else {
        // A placeholder hash until sendInvitation issues the token (the column is unique and required).
        const [row] = await tx
          .insert(invitations)
          .values({
            accountId: params.accountId,
            email,
            role: params.role,
            projectRoles: params.projectRoles,
            tokenHash: `pending:${randomBytes(16).toString('hex')}`,
            invitedByUserId: manager.user.id,
            expiresAt: new Date(),
          })
          .returning({ id: invitations.id });
        id = row.id;
        invited.push(email);
      }
      await sendInvitation(tx, manager, { id, email, role: params.role, projectRoles: params.projectRoles });
    }
    await recordAudit(tx, [
      ...invited.map((email) => ({
        accountId: params.accountId,
        actorUserId: manager.user.id,
        action: 'invitation.sent' as const,
        details: { email, role: params.role },
        meta: params.meta,
      })),
      ...resent.map((email) => ({
        accountId: params.accountId,
        actorUserId: manager.user.id,
        action: 'invitation.resent' as const,
        details: { email },
        meta: params.meta,
      })),
    ]);
    return { invited, resent };
  });
}

async function loadOpenInvitation(tx: Tx, accountId: string, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.accountId, accountId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .for('update');
  if (!row) throw new DomainError('not_found', 'This invitation was accepted or revoked meanwhile. Reload the page to see the current list.');
  return row;
}

/** Sends the invitation again with a new link (the old one stops working) and a new 7 days. */
export async function resendInvitation(db: Db, params: { actorUserId: string; accountId: string; invitationId: string; meta: RequestMeta }) {
  return db.transaction(async (tx) => {
    const manager = await lockManagedAccount(tx, params);
    const invitation = await loadOpenInvitation(tx, params.accountId, params.invitationId);
    await sendInvitation(tx, manager, invitation);
    await recordAudit(tx, [
      { accountId: params.accountId, actorUserId: manager.user.id, action: 'invitation.resent', details: { email: invitation.email }, meta: params.meta },
    ]);
    return { email: invitation.email };
  });
}

/** Ends an invitation: its link answers that it was revoked. */
export async function revokeInvitation(db: Db, params: { actorUserId: string; accountId: string; invitationId: string; meta: RequestMeta }) {
  return db.transaction(async (tx) => {
    const manager = await lockManagedAccount(tx, params);
    const invitation = await loadOpenInvitation(tx, params.accountId, params.invitationId);
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, [
      { accountId: params.accountId, actorUserId: manager.user.id, action: 'invitation.revoked', details: { email: invitation.email }, meta: params.meta },
    ]);
    return { email: invitation.email };
  });
}

// ---------------------------------------------------------------------------
// The invitee's side: the link
// ---------------------------------------------------------------------------

export type InvitationState =
  | { state: 'valid'; email: string; accountName: string; roles: string[]; invitedBy: string | null; expiresAt: Date }
  | { state: 'unknown' | 'used' | 'revoked' | 'expired' | 'closed' };

/** Why a link cannot be used, for the page that answers it. */
export const invitationRefusals: Record<Exclude<InvitationState['state'], 'valid'>, { title: string; message: string }> = {
  unknown: {
    title: 'This invitation link is not valid',
    message: 'The link may be incomplete, or a newer invitation was sent to you since: use the link of the latest invitation e-mail.',
  },
  used: {
    title: 'This invitation was already used',
    message: 'Each invitation link works once. If it was you, sign in with your e-mail address to open the account.',
  },
  revoked: {
    title: 'This invitation was revoked',
    message: 'Whoever invited you withdrew the invitation. Ask them to invite you again if you still need access.',
  },
  expired: {
    title: 'This invitation has expired',
    message: `Invitations are valid for ${INVITATION_TTL_DAYS} days. Ask whoever invited you to send it again.`,
  },
  closed: { title: 'This account is closed', message: 'The account you were invited to no longer accepts new users.' },
};

async function findByToken(tx: Tx, token: string, lock: boolean) {
  if (!isWellFormedLinkToken(token)) return null;
  const query = tx
    .select({ invitation: invitations, accountName: accounts.name, closedAt: accounts.closedAt })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(eq(invitations.tokenHash, hashLinkToken(token)));
  const [row] = lock ? await query.for('update', { of: invitations }) : await query;
  return row ?? null;
}

function stateOf(row: Awaited<ReturnType<typeof findByToken>>, now = new Date()): InvitationState['state'] {
  if (!row) return 'unknown';
  if (row.invitation.acceptedAt) return 'used';
  if (row.invitation.revokedAt) return 'revoked';
  if (row.closedAt) return 'closed';
  if (row.invitation.expiresAt <= now) return 'expired';
  return 'valid';
}

/** What the link's page shows; reads only (a mail scanner that opens the link accepts nothing). */
export async function describeInvitation(db: Tx, token: string): Promise<InvitationState> {
  const row = await findByToken(db, token, false);
  const state = stateOf(row);
  if (state !== 'valid' || !row) return { state: state as Exclude<InvitationState['state'], 'valid'> };
  const [inviter] = row.invitation.invitedByUserId
    ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, row.invitation.invitedByUserId))
    : [];
  return {
    state: 'valid',
    email: row.invitation.email,
    accountName: row.accountName,
    roles: await roleLabelsOf(db, row.invitation.accountId, row.invitation.role, row.invitation.projectRoles),
    invitedBy: inviter ? (inviter.name ?? inviter.email) : null,
    expiresAt: row.invitation.expiresAt,
  };
}

/**
 * Accepts an invitation: the person (created when new to us) becomes a member with the invited
 * role and project roles, through the directory's rules (changeMembers), and gets a database
 * session exactly like the one a magic link creates. Single-use: the row is locked and marked.
 */
export async function acceptInvitation(db: Db, params: { token: string; meta: RequestMeta }) {
  return db.transaction(async (tx) => {
    const row = await findByToken(tx, params.token, true);
    const state = stateOf(row);
    if (state !== 'valid' || !row) throw new DomainError('invalid', invitationRefusals[state as Exclude<InvitationState['state'], 'valid'>].message);
    const inv = row.invitation;
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, inv.accountId)).for('update');

    await tx.insert(users).values({ email: inv.email }).onConflictDoNothing({ target: users.email });
    const [person] = await tx.select({ id: users.id, name: users.name, emailVerified: users.emailVerified }).from(users).where(eq(users.email, inv.email));
    // Opening the link proves the address, as a magic link does.
    if (!person.emailVerified) await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, person.id));

    const [already] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.accountId, inv.accountId), eq(memberships.userId, person.id)));
    // Made a member meanwhile (say, by the directory): their role stays as it is.
    if (!already) {
      const actor = { userId: inv.invitedByUserId ?? person.id, meta: params.meta };
      await changeMembersAsPerson(tx, inv.accountId, actor, { mode: 'partial', members: [{ email: inv.email, role: inv.role, projects: undefined }], remove: [] });
      const live = inv.projectRoles.length
        ? await tx
            .select({ id: projects.id })
            .from(projects)
            .where(and(eq(projects.accountId, inv.accountId), isNull(projects.removedAt), inArray(projects.id, inv.projectRoles.map((p) => p.projectId))))
        : [];
      const liveIds = new Set(live.map((p) => p.id));
      const roles = inv.projectRoles.filter((p) => liveIds.has(p.projectId));
      if (roles.length) {
        await tx
          .insert(projectMemberships)
          .values(roles.map((p) => ({ projectId: p.projectId, accountId: inv.accountId, userId: person.id, role: p.role })))
          .onConflictDoNothing();
      }
    }
    await tx.update(invitations).set({ acceptedAt: new Date(), acceptedByUserId: person.id }).where(eq(invitations.id, inv.id));
    await recordAudit(tx, [
      {
        accountId: inv.accountId,
        actorUserId: person.id,
        action: 'invitation.accepted',
        targetUserId: person.id,
        details: { email: inv.email, role: already?.role ?? inv.role },
        meta: params.meta,
      },
    ]);
    const sessionToken = randomBytes(32).toString('hex');
    const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
    await tx.insert(sessions).values({ sessionToken, userId: person.id, expires });
    return { accountId: inv.accountId, userId: person.id, sessionToken, expires };
  });
}
