// Access control → Users against a real PostgreSQL: every rule and refusal of
// invitations, role changes and removals, and what each writes (or does not).
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { listAccountMembers } from '@/db/queries/users';
import { auditLog, eventSettings, invitations, mailMessages, memberships, notifications, projectMemberships, sessions, subscriptions, userSignIns, users } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { catalog } from '@/lib/notifications/catalog';
import { hashLinkToken } from '@/lib/telegram/tokens';
import { createAccount, useTestDatabase, type CreatedAccount } from '@/test/db';
import { acceptInvitation, describeInvitation, inviteUsers, resendInvitation, revokeInvitation } from './invitations';
import { changeMemberRole, removeAccountMember } from './members';

const t = useTestDatabase();
const meta: RequestMeta = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 Chrome/140.0' };

let acc: CreatedAccount;
let other: CreatedAccount;
const m = (role: string, a: CreatedAccount = acc) => (role === 'owner' ? a.owner : a.members.find((x) => x.role === role)!);

async function refusal(promise: Promise<unknown>, code: DomainError['code']) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return (error as DomainError).message;
}

/** Counts of the rows a refused call must leave alone. */
async function state() {
  const [row] = await queryRows<Record<string, number>>(t.db, sql`
    select (select count(*)::int from invitations) as invitations, (select count(*)::int from memberships) as memberships,
           (select count(*)::int from audit_log) as audit, (select count(*)::int from mail_messages) as mail,
           (select count(*)::int from subscriptions) as subscriptions, (select count(*)::int from sessions) as sessions`);
  return row;
}

/** The link of the newest invitation e-mail to `email`, and its token. */
async function invitationLink(email: string) {
  const [mail] = await t.db
    .select({ props: mailMessages.props })
    .from(mailMessages)
    .where(and(eq(mailMessages.template, 'invitation'), sql`${mailMessages.to} = array[${email}]::text[]`))
    .orderBy(sql`${mailMessages.createdAt} desc, ${mailMessages.id} desc`)
    .limit(1);
  const url = String(mail.props.url);
  return { url, token: url.split('/invitations/')[1] };
}

const invite = (actor: { userId: string }, emails: string[], role: Parameters<typeof inviteUsers>[1]['role'] = 'billing_admin', projectRoles: { projectId: string; role: 'project_admin' | 'project_supervisor' }[] = []) =>
  inviteUsers(t.db, { actorUserId: actor.userId, accountId: acc.accountId, emails, role, projectRoles, meta });

beforeAll(async () => {
  acc = await createAccount(t.db, {
    name: 'Northwind',
    members: [
      { role: 'account_admin', name: 'Ada Admin' },
      { role: 'billing_admin', name: 'Bill Billing' },
      { role: 'user_admin', name: 'Uma Useradmin' },
      { role: 'subscriber', name: 'Sid Subscriber' },
      { role: 'project_member', name: 'Pia Project', projects: [{ project: 'Web shop', role: 'project_admin' }] },
    ],
    projects: ['Analytics'],
  });
  other = await createAccount(t.db, { name: 'Elsewhere', members: [{ role: 'user_admin' }] });
});

describe('inviting', () => {
  it('lets the Owner invite several addresses: one invitation, one e-mail with a link and one audit entry each; only the hash is stored', async () => {
    const result = await invite(acc.owner, ['New.One@Example.test', 'new-two@example.test'], 'billing_admin');
    expect(result).toEqual({ invited: ['new.one@example.test', 'new-two@example.test'], resent: [] });
    const rows = await t.db.select().from(invitations).where(eq(invitations.accountId, acc.accountId));
    expect(rows.map((r) => r.email).sort()).toEqual(['new-two@example.test', 'new.one@example.test']);
    const { token } = await invitationLink('new.one@example.test');
    const row = rows.find((r) => r.email === 'new.one@example.test')!;
    expect(row.tokenHash).toBe(hashLinkToken(token));
    expect(row.tokenHash).not.toContain(token);
    const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.accountId, acc.accountId), eq(auditLog.action, 'invitation.sent')));
    expect(audit).toHaveLength(2);
    expect(audit[0].actorUserId).toBe(acc.owner.userId);
  });

  it('lets a User Administrator invite with project roles', async () => {
    await invite(m('user_admin'), ['proj@example.test'], 'project_member', [{ projectId: acc.projects.Analytics, role: 'project_supervisor' }]);
    const [row] = await t.db.select().from(invitations).where(eq(invitations.email, 'proj@example.test'));
    expect(row.projectRoles).toEqual([{ projectId: acc.projects.Analytics, role: 'project_supervisor' }]);
    const [mail] = await t.db.select({ props: mailMessages.props }).from(mailMessages).where(sql`${mailMessages.to} = array['proj@example.test']::text[]`);
    expect(mail.props.roles).toEqual(['Project Supervisor · Analytics']);
  });

  it('refuses everyone else, and strangers, writing nothing', async () => {
    const before = await state();
    for (const role of ['account_admin', 'billing_admin', 'subscriber', 'project_member']) {
      expect(await refusal(invite(m(role), ['x@example.test']), 'forbidden')).toBe('Only the Account Owner and User Administrators can invite, change and remove users.');
    }
    await refusal(inviteUsers(t.db, { actorUserId: m('user_admin', other).userId, accountId: acc.accountId, emails: ['x@example.test'], role: 'billing_admin', projectRoles: [], meta }), 'not_found');
    expect(await state()).toEqual(before);
  });

  it('refuses the Owner role, a project-level user without a project role, a foreign project and an existing member, inviting nobody', async () => {
    const before = await state();
    expect(await refusal(invite(acc.owner, ['x@example.test'], 'owner'), 'invalid')).toMatch(/Nobody can be invited as the Account Owner/);
    expect(await refusal(invite(acc.owner, ['x@example.test'], 'project_member'), 'invalid')).toMatch(/needs at least one project role/);
    const foreignProject = (await createAccount(t.db, { projects: ['Theirs'] })).projects.Theirs;
    await refusal(invite(acc.owner, ['x@example.test'], 'billing_admin', [{ projectId: foreignProject, role: 'project_admin' }]), 'invalid');
    expect(await refusal(invite(acc.owner, ['fresh@example.test', m('subscriber').email.toUpperCase()]), 'invalid')).toBe(
      `${m('subscriber').email} is already a member of Northwind.`,
    );
    const after = await state();
    expect(after).toEqual({ ...before, memberships: after.memberships });
    expect(after.memberships).toBe(before.memberships + 1); // the foreign account's Owner, made above
  });

  it('invites an address with an open invitation again: the same invitation with a new link, the old one dead', async () => {
    const { token: old } = await invitationLink('new-two@example.test');
    const result = await invite(acc.owner, ['new-two@example.test'], 'account_admin');
    expect(result).toEqual({ invited: [], resent: ['new-two@example.test'] });
    const { token } = await invitationLink('new-two@example.test');
    expect(token).not.toBe(old);
    expect(await describeInvitation(t.db, old)).toEqual({ state: 'unknown' });
    expect(await describeInvitation(t.db, token)).toMatchObject({ state: 'valid', roles: ['Account Administrator'], accountName: 'Northwind' });
  });
});

describe('accepting', () => {
  it('makes a new person a member with the invited role, signs them in and records it; the link then works no more', async () => {
    const { token } = await invitationLink('new.one@example.test');
    const accepted = await acceptInvitation(t.db, { token, meta });
    expect(accepted.accountId).toBe(acc.accountId);
    const [person] = await t.db.select().from(users).where(eq(users.email, 'new.one@example.test'));
    expect(person.emailVerified).not.toBeNull();
    expect(await t.db.select().from(userSignIns).where(eq(userSignIns.userId, person.id))).toHaveLength(1);
    const [session] = await t.db.select().from(sessions).where(eq(sessions.sessionToken, accepted.sessionToken));
    expect(session.userId).toBe(person.id);
    const [membership] = await t.db.select().from(memberships).where(and(eq(memberships.accountId, acc.accountId), eq(memberships.userId, person.id)));
    expect(membership.role).toBe('billing_admin');
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.accountId, acc.accountId), eq(auditLog.targetUserId, person.id)));
    expect(audit.map((a) => [a.action, a.actorUserId]).sort()).toEqual(
      [
        ['invitation.accepted', person.id],
        ['member.added', acc.owner.userId],
      ].sort(),
    );
    expect(await describeInvitation(t.db, token)).toEqual({ state: 'used' });
    const before = await state();
    expect(await refusal(acceptInvitation(t.db, { token, meta }), 'invalid')).toMatch(/works once/);
    expect(await state()).toEqual(before);
  });

  it('gives the invited project roles', async () => {
    const { token } = await invitationLink('proj@example.test');
    await acceptInvitation(t.db, { token, meta });
    const [person] = await t.db.select().from(users).where(eq(users.email, 'proj@example.test'));
    const roles = await t.db.select().from(projectMemberships).where(eq(projectMemberships.userId, person.id));
    expect(roles.map((r) => [r.projectId, r.role])).toEqual([[acc.projects.Analytics, 'project_supervisor']]);
  });

  it('refuses an expired, a revoked and a made-up link, changing nothing', async () => {
    await invite(acc.owner, ['late@example.test', 'gone@example.test']);
    const late = (await invitationLink('late@example.test')).token;
    await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, 'late@example.test'));
    const [gone] = await t.db.select().from(invitations).where(eq(invitations.email, 'gone@example.test'));
    await revokeInvitation(t.db, { actorUserId: m('user_admin').userId, accountId: acc.accountId, invitationId: gone.id, meta });
    const goneToken = (await invitationLink('gone@example.test')).token;
    expect(await describeInvitation(t.db, late)).toEqual({ state: 'expired' });
    expect(await describeInvitation(t.db, goneToken)).toEqual({ state: 'revoked' });
    expect(await describeInvitation(t.db, 'A'.repeat(43))).toEqual({ state: 'unknown' });
    expect(await describeInvitation(t.db, 'not a token!')).toEqual({ state: 'unknown' });
    const before = await state();
    expect(await refusal(acceptInvitation(t.db, { token: late, meta }), 'invalid')).toMatch(/valid for 7 days/);
    expect(await refusal(acceptInvitation(t.db, { token: goneToken, meta }), 'invalid')).toMatch(/withdrew/);
    expect(await state()).toEqual(before);
  });

  it('resends an expired invitation with a new week, and records it', async () => {
    const [late] = await t.db.select().from(invitations).where(eq(invitations.email, 'late@example.test'));
    await resendInvitation(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId, invitationId: late.id, meta });
    const { token } = await invitationLink('late@example.test');
    expect(await describeInvitation(t.db, token)).toMatchObject({ state: 'valid' });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation.resent'), sql`${auditLog.details}->>'email' = 'late@example.test'`));
    expect(audit).toHaveLength(1);
  });

  it('refuses resending and revoking to non-managers and across accounts', async () => {
    const [late] = await t.db.select().from(invitations).where(eq(invitations.email, 'late@example.test'));
    const before = await state();
    await refusal(resendInvitation(t.db, { actorUserId: m('account_admin').userId, accountId: acc.accountId, invitationId: late.id, meta }), 'forbidden');
    await refusal(revokeInvitation(t.db, { actorUserId: m('billing_admin').userId, accountId: acc.accountId, invitationId: late.id, meta }), 'forbidden');
    await refusal(revokeInvitation(t.db, { actorUserId: m('user_admin', other).userId, accountId: other.accountId, invitationId: late.id, meta }), 'not_found');
    expect(await state()).toEqual(before);
  });
});

describe('changing a role', () => {
  it('demotes to Subscriber ending the three subscriptions a Subscriber may not have, audited with the person as actor', async () => {
    const admin = m('account_admin');
    await t.db.insert(subscriptions).values(catalog.map((c) => ({ accountId: acc.accountId, userId: admin.userId, category: c.key })));
    await changeMemberRole(t.db, { actorUserId: m('user_admin').userId, accountId: acc.accountId, userId: admin.userId, role: 'subscriber', meta });
    const left = await t.db.select({ category: subscriptions.category }).from(subscriptions).where(and(eq(subscriptions.accountId, acc.accountId), eq(subscriptions.userId, admin.userId)));
    expect(left.map((s) => s.category).sort()).toEqual(['accounting_documents', 'balance_payments']);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.targetUserId, admin.userId), eq(auditLog.actorUserId, m('user_admin').userId)));
    expect(audit.filter((a) => a.action === 'subscription.removed')).toHaveLength(3);
    expect(audit.find((a) => a.action === 'member.changed')?.details).toEqual({ from: 'account_admin', to: 'subscriber', projectsChanged: false });
    expect(audit.every((a) => a.actorApiKeyId === null)).toBe(true);
  });

  it('refuses a User Administrator changing the Owner or transferring ownership, and non-managers, changing nothing', async () => {
    const before = await state();
    const ua = m('user_admin').userId;
    expect(await refusal(changeMemberRole(t.db, { actorUserId: ua, accountId: acc.accountId, userId: acc.owner.userId, role: 'account_admin', meta }), 'forbidden')).toBe(
      'A User Administrator cannot change the Account Owner.',
    );
    expect(await refusal(changeMemberRole(t.db, { actorUserId: ua, accountId: acc.accountId, userId: m('billing_admin').userId, role: 'owner', meta }), 'forbidden')).toBe(
      'Only the Account Owner can transfer ownership.',
    );
    await refusal(changeMemberRole(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId, userId: acc.owner.userId, role: 'user_admin', meta }), 'forbidden');
    await refusal(changeMemberRole(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId, userId: m('billing_admin').userId, role: 'project_member', meta }), 'forbidden');
    await refusal(changeMemberRole(t.db, { actorUserId: m('billing_admin').userId, accountId: acc.accountId, userId: m('subscriber').userId, role: 'account_admin', meta }), 'forbidden');
    await refusal(changeMemberRole(t.db, { actorUserId: acc.owner.userId, accountId: acc.accountId, userId: m('user_admin', other).userId, role: 'account_admin', meta }), 'not_found');
    expect(await state()).toEqual(before);
  });

  it('lets the Owner hand over ownership: one Owner, the former one an Account Administrator', async () => {
    const a = await createAccount(t.db, { members: [{ role: 'billing_admin' }] });
    const heir = a.members[0];
    await changeMemberRole(t.db, { actorUserId: a.owner.userId, accountId: a.accountId, userId: heir.userId, role: 'owner', meta });
    const rows = await t.db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.accountId, a.accountId));
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.role]))).toEqual({ [heir.userId]: 'owner', [a.owner.userId]: 'account_admin' });
  });
});

describe('removing', () => {
  it('removes a member after their e-mail is typed, e-mails them, and audits it', async () => {
    const target = m('billing_admin');
    await removeAccountMember(t.db, { actorUserId: m('user_admin').userId, accountId: acc.accountId, userId: target.userId, confirmEmail: ` ${target.email.toUpperCase()} `, meta });
    expect(await t.db.select().from(memberships).where(and(eq(memberships.accountId, acc.accountId), eq(memberships.userId, target.userId)))).toEqual([]);
    const [mail] = await t.db.select().from(mailMessages).where(and(eq(mailMessages.template, 'member-removed'), sql`${mailMessages.to} = array[${target.email}]::text[]`));
    expect(mail.props).toMatchObject({ accountName: 'Northwind', removedByName: 'Uma Useradmin', askWhom: 'the Account Owner or a User Administrator' });
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.removed'), eq(auditLog.targetUserId, target.userId)));
    expect(audit.actorUserId).toBe(m('user_admin').userId);
  });

  it('refuses the Owner, oneself, a wrong confirmation, non-managers and strangers, changing nothing', async () => {
    const before = await state();
    const ua = m('user_admin');
    const sub = m('subscriber');
    expect(await refusal(removeAccountMember(t.db, { actorUserId: ua.userId, accountId: acc.accountId, userId: acc.owner.userId, confirmEmail: acc.owner.email, meta }), 'forbidden')).toMatch(
      /Account Owner cannot be removed/,
    );
    await refusal(removeAccountMember(t.db, { actorUserId: ua.userId, accountId: acc.accountId, userId: ua.userId, confirmEmail: ua.email, meta }), 'forbidden');
    expect(await refusal(removeAccountMember(t.db, { actorUserId: ua.userId, accountId: acc.accountId, userId: sub.userId, confirmEmail: 'someone@else.test', meta }), 'invalid')).toBe(`Type ${sub.email} to confirm.`);
    await refusal(removeAccountMember(t.db, { actorUserId: m('account_admin').userId, accountId: acc.accountId, userId: sub.userId, confirmEmail: sub.email, meta }), 'forbidden');
    await refusal(removeAccountMember(t.db, { actorUserId: m('user_admin', other).userId, accountId: acc.accountId, userId: sub.userId, confirmEmail: sub.email, meta }), 'not_found');
    expect(await state()).toEqual(before);
  });
});

describe('the list', () => {
  it('searches by name or e-mail, the Owner first, with each member’s last sign-in from their newest session', async () => {
    const all = await listAccountMembers(t.db, { accountId: acc.accountId, page: 1, pageSize: 50 });
    expect(all.rows[0].userId).toBe(acc.owner.userId);
    expect(all.total).toBe(all.rows.length);
    const found = await listAccountMembers(t.db, { accountId: acc.accountId, search: 'pia', page: 1, pageSize: 50 });
    expect(found.rows.map((r) => r.name)).toEqual(['Pia Project']);
    expect(found.total).toBe(1);
    expect((await listAccountMembers(t.db, { accountId: acc.accountId, search: '%', page: 1, pageSize: 50 })).total).toBe(0);
    const sid = m('subscriber');
    expect(found.rows[0].lastSignInAt).toBeNull();
    await t.db.insert(sessions).values({ sessionToken: `s-${sid.userId}`, userId: sid.userId, expires: new Date(Date.now() + 86_400_000) });
    const [row] = (await listAccountMembers(t.db, { accountId: acc.accountId, search: sid.email, page: 1, pageSize: 50 })).rows;
    expect(row.lastSignInAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('reseller events', () => {
  it('publishes Users – new user invited and new permissions assigned for a customer whose reseller has them on, and nothing otherwise', async () => {
    const reseller = await createAccount(t.db, { name: 'Skyline', isReseller: true });
    const customer = await createAccount(t.db, { name: 'Acme', resellerId: reseller.accountId, members: [{ role: 'billing_admin', name: 'Bea' }] });
    const events = () => t.db.select({ eventKey: notifications.eventKey, customer: notifications.customerAccountId }).from(notifications).where(eq(notifications.accountId, reseller.accountId));
    await inviteUsers(t.db, { actorUserId: customer.owner.userId, accountId: customer.accountId, emails: ['quiet@example.test'], role: 'billing_admin', projectRoles: [], meta });
    expect(await events()).toEqual([]);
    await t.db.insert(eventSettings).values([
      { accountId: reseller.accountId, eventKey: 'users.user_invited', enabled: true },
      { accountId: reseller.accountId, eventKey: 'users.permissions_assigned', enabled: true },
    ]);
    await inviteUsers(t.db, { actorUserId: customer.owner.userId, accountId: customer.accountId, emails: ['loud@example.test'], role: 'billing_admin', projectRoles: [], meta });
    await changeMemberRole(t.db, { actorUserId: customer.owner.userId, accountId: customer.accountId, userId: customer.members[0].userId, role: 'user_admin', meta });
    expect((await events()).sort((a, b) => a.eventKey!.localeCompare(b.eventKey!))).toEqual([
      { eventKey: 'users.permissions_assigned', customer: customer.accountId },
      { eventKey: 'users.user_invited', customer: customer.accountId },
    ]);
  });
});
