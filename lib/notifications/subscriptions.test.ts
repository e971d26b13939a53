import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { listSubscribers } from '@/db/queries/subscriptions';
import { auditLog, mailMessages, subscriptions, type MemberRole, type NotificationCategory } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { createAccount, useTestDatabase, type CreatedAccount } from '@/test/db';
import { addRecipients, findAddCandidates, removeRecipient } from './subscriptions';
import { queryRows } from '@/db';

const t = useTestDatabase();
const meta: RequestMeta = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' };

const roles: MemberRole[] = ['account_admin', 'billing_admin', 'user_admin', 'subscriber', 'project_member'];

let acc: CreatedAccount;
let other: CreatedAccount;
const byRole = (role: MemberRole, a: CreatedAccount = acc) => (role === 'owner' ? a.owner : a.members.find((m) => m.role === role)!);

async function subscriptionRows(accountId: string, category?: NotificationCategory) {
  return t.db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.accountId, accountId), category ? eq(subscriptions.category, category) : undefined));
}

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code']) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message.length).toBeGreaterThan(10);
}

beforeAll(async () => {
  acc = await createAccount(t.db, {
    name: 'Tenant A',
    members: [
      ...roles.map((role) => ({ role, name: `A ${role}` })),
      { role: 'project_member', name: 'A project admin', projects: [{ project: 'Web', role: 'project_admin' as const }] },
    ],
  });
  other = await createAccount(t.db, { name: 'Tenant B', members: [{ role: 'user_admin' }, { role: 'billing_admin' }] });
});

describe('addRecipients', () => {
  it('lets the Owner and User Administrators subscribe several users at once, with audit entries', async () => {
    const targets = [byRole('billing_admin'), byRole('subscriber')];
    const result = await addRecipients(t.db, {
      actorUserId: acc.owner.userId,
      accountId: acc.accountId,
      category: 'balance_payments',
      userIds: targets.map((m) => m.userId),
      meta,
    });
    expect(result).toEqual({ added: 2, alreadySubscribed: 0 });
    const rows = await subscriptionRows(acc.accountId, 'balance_payments');
    expect(rows.map((r) => r.userId).sort()).toEqual(targets.map((m) => m.userId).sort());
    expect(rows.every((r) => r.addedByUserId === acc.owner.userId)).toBe(true);

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.accountId, acc.accountId));
    expect(audit.filter((a) => a.action === 'subscription.added')).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorUserId: acc.owner.userId, ip: meta.ip, userAgent: meta.userAgent });
    expect(audit[0].details).toEqual({ category: 'balance_payments' });

    const byUserAdmin = await addRecipients(t.db, {
      actorUserId: byRole('user_admin').userId,
      accountId: acc.accountId,
      category: 'services',
      userIds: [byRole('project_member').userId],
      meta,
    });
    expect(byUserAdmin.added).toBe(1);
  });

  for (const role of ['account_admin', 'billing_admin', 'subscriber', 'project_member'] as const) {
    it(`refuses a ${role} and changes nothing`, async () => {
      const before = await subscriptionRows(acc.accountId);
      await expectDomainError(
        addRecipients(t.db, {
          actorUserId: byRole(role).userId,
          accountId: acc.accountId,
          category: 'accounting_documents',
          userIds: [byRole('account_admin').userId],
          meta,
        }),
        'forbidden',
      );
      expect(await subscriptionRows(acc.accountId)).toEqual(before);
    });
  }

  it('refuses a member of another account acting on this one', async () => {
    await expectDomainError(
      addRecipients(t.db, {
        actorUserId: byRole('user_admin', other).userId,
        accountId: acc.accountId,
        category: 'services',
        userIds: [byRole('account_admin').userId],
        meta,
      }),
      'not_found',
    );
  });

  it('refuses to subscribe a user of another account, all or nothing', async () => {
    const before = await subscriptionRows(acc.accountId, 'services');
    await expectDomainError(
      addRecipients(t.db, {
        actorUserId: acc.owner.userId,
        accountId: acc.accountId,
        category: 'services',
        userIds: [byRole('account_admin').userId, byRole('billing_admin', other).userId],
        meta,
      }),
      'invalid',
    );
    expect(await subscriptionRows(acc.accountId, 'services')).toEqual(before);
    expect(await subscriptionRows(other.accountId)).toEqual([]);
  });

  it('refuses a Subscriber outside Accounting documents and Balance and payments, all or nothing', async () => {
    const before = await subscriptionRows(acc.accountId, 'scheduled_maintenance');
    const attempt = addRecipients(t.db, {
      actorUserId: acc.owner.userId,
      accountId: acc.accountId,
      category: 'scheduled_maintenance',
      userIds: [byRole('account_admin').userId, byRole('subscriber').userId],
      meta,
    });
    await expect(attempt).rejects.toThrow(/Accounting documents and Balance and payments/);
    expect(await subscriptionRows(acc.accountId, 'scheduled_maintenance')).toEqual(before);
  });

  it('refuses to subscribe the Owner (who receives everything anyway)', async () => {
    await expectDomainError(
      addRecipients(t.db, {
        actorUserId: byRole('user_admin').userId,
        accountId: acc.accountId,
        category: 'services',
        userIds: [acc.owner.userId],
        meta,
      }),
      'invalid',
    );
  });

  it('ends with one row and no error when two admins add the same person at once', async () => {
    const target = byRole('account_admin');
    const add = (actorUserId: string) =>
      addRecipients(t.db, { actorUserId, accountId: acc.accountId, category: 'account_agreement', userIds: [target.userId], meta });
    const results = await Promise.all([add(acc.owner.userId), add(byRole('user_admin').userId), add(acc.owner.userId)]);
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(1);
    const rows = await subscriptionRows(acc.accountId, 'account_agreement');
    expect(rows.filter((r) => r.userId === target.userId)).toHaveLength(1);
  });
});

describe('removeRecipient', () => {
  let account: CreatedAccount;
  beforeAll(async () => {
    account = await createAccount(t.db, {
      name: 'Removal Ltd',
      members: [{ role: 'user_admin', name: 'Uma Admin' }, { role: 'billing_admin', name: 'Bert Billing', email: 'Bert.Billing@Test.Example' }],
    });
  });
  const [uma, bert] = [() => account.members[0], () => account.members[1]];

  async function subscribeBert() {
    await addRecipients(t.db, {
      actorUserId: account.owner.userId,
      accountId: account.accountId,
      category: 'balance_payments',
      userIds: [bert().userId],
      meta,
    });
  }

  async function unsubscribeMails() {
    return t.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, account.accountId), eq(mailMessages.template, 'unsubscribed')));
  }

  it('needs the typed e-mail to match, and changes nothing when it does not', async () => {
    await subscribeBert();
    await expectDomainError(
      removeRecipient(t.db, {
        actorUserId: uma().userId,
        accountId: account.accountId,
        category: 'balance_payments',
        userId: bert().userId,
        confirmEmail: 'someone-else@test.example',
        meta,
      }),
      'invalid',
    );
    expect(await subscriptionRows(account.accountId, 'balance_payments')).toHaveLength(1);
    expect(await unsubscribeMails()).toHaveLength(0);
  });

  it('removes the last non-owner recipient and queues the notice e-mail with its job in the same transaction', async () => {
    await removeRecipient(t.db, {
      actorUserId: uma().userId,
      accountId: account.accountId,
      category: 'balance_payments',
      userId: bert().userId,
      confirmEmail: '  BERT.billing@test.example ',
      meta,
    });
    expect(await subscriptionRows(account.accountId, 'balance_payments')).toHaveLength(0);

    const [mail] = await unsubscribeMails();
    expect(mail.to).toEqual([bert().email]);
    expect(mail.props).toMatchObject({
      recipientName: 'Bert Billing',
      categoryTitle: 'Balance and payments',
      accountName: 'Removal Ltd',
      removedByName: 'Uma Admin',
    });
    const jobs = await queryRows<{ count: number }>(t.db, 
      sql`select count(*)::int as count from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'send_email' and j.payload->>'id' = ${mail.id}`,
    );
    expect(jobs[0].count).toBe(1);

    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.accountId), eq(auditLog.action, 'subscription.removed')));
    expect(entry).toMatchObject({ actorUserId: uma().userId, targetUserId: bert().userId, ip: meta.ip });
  });

  it('says so when the user is no longer subscribed (someone else removed them first)', async () => {
    await expectDomainError(
      removeRecipient(t.db, {
        actorUserId: account.owner.userId,
        accountId: account.accountId,
        category: 'balance_payments',
        userId: bert().userId,
        confirmEmail: bert().email,
        meta,
      }),
      'not_found',
    );
    expect(await unsubscribeMails()).toHaveLength(1);
  });

  it('never removes the Owner', async () => {
    await expectDomainError(
      removeRecipient(t.db, {
        actorUserId: uma().userId,
        accountId: account.accountId,
        category: 'services',
        userId: account.owner.userId,
        confirmEmail: account.owner.email,
        meta,
      }),
      'forbidden',
    );
  });

  it('refuses non-managers and other accounts, changing nothing', async () => {
    await subscribeBert();
    for (const actorUserId of [bert().userId, byRole('user_admin', other).userId]) {
      const error = await removeRecipient(t.db, {
        actorUserId,
        accountId: account.accountId,
        category: 'balance_payments',
        userId: bert().userId,
        confirmEmail: bert().email,
        meta,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
    }
    // A manager of B cannot remove B's own member through A's id either.
    await expectDomainError(
      removeRecipient(t.db, {
        actorUserId: account.owner.userId,
        accountId: account.accountId,
        category: 'balance_payments',
        userId: byRole('billing_admin', other).userId,
        confirmEmail: byRole('billing_admin', other).email,
        meta,
      }),
      'not_found',
    );
    expect(await subscriptionRows(account.accountId, 'balance_payments')).toHaveLength(1);
  });
});

describe('candidates and lists', () => {
  it('offers only eligible, not-yet-subscribed users to managers', async () => {
    const account = await createAccount(t.db, {
      members: [
        { role: 'subscriber', name: 'Sub Scriber' },
        { role: 'account_admin', name: 'Ann Admin' },
        { role: 'project_member', name: 'Pete Project', projects: [{ project: 'P', role: 'project_supervisor' }] },
      ],
    });
    const [sub, ann] = account.members;
    const names = async (category: NotificationCategory, search?: string) =>
      (await findAddCandidates(t.db, { actorUserId: account.owner.userId, accountId: account.accountId, category, search, limit: 50 }))
        .map((c) => c.name)
        .sort();

    expect(await names('services')).toEqual(['Ann Admin', 'Pete Project']);
    expect(await names('accounting_documents')).toEqual(['Ann Admin', 'Pete Project', 'Sub Scriber']);
    await addRecipients(t.db, { actorUserId: account.owner.userId, accountId: account.accountId, category: 'accounting_documents', userIds: [sub.userId, ann.userId], meta });
    expect(await names('accounting_documents')).toEqual(['Pete Project']);
    expect(await names('services', 'PETE')).toEqual(['Pete Project']);
    expect(await names('services', '%')).toEqual([]);

    await expectDomainError(
      findAddCandidates(t.db, { actorUserId: ann.userId, accountId: account.accountId, category: 'services', limit: 50 }),
      'forbidden',
    );
  });

  it('pages and searches the subscriber list of a large account', async () => {
    const account = await createAccount(t.db, {
      members: Array.from({ length: 120 }, (_, i) => ({ role: 'account_admin' as const, name: `Member ${String(i).padStart(3, '0')}` })),
    });
    await addRecipients(t.db, {
      actorUserId: account.owner.userId,
      accountId: account.accountId,
      category: 'services',
      userIds: account.members.map((m) => m.userId),
      meta,
    });
    const first = await listSubscribers(t.db, { accountId: account.accountId, category: 'services', page: 1, pageSize: 50 });
    const third = await listSubscribers(t.db, { accountId: account.accountId, category: 'services', page: 3, pageSize: 50 });
    expect(first.total).toBe(120);
    expect(first.rows[0].name).toBe('Member 000');
    expect(third.rows.map((r) => r.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Member ${100 + i}`));
    const found = await listSubscribers(t.db, { accountId: account.accountId, category: 'services', search: 'member 11', page: 1, pageSize: 50 });
    expect(found.total).toBe(10); // Member 110 … Member 119
  });
});
