// Tenant invariants the database itself enforces, whatever the application
// code does: one owner per account, no project membership across accounts,
// resellers, and the demo seed.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '@/db/seed';
import { accounts, memberships, projectMemberships, projects, users, type MemberRole } from '@/db/schema';
import { createAccount, createTestDatabase, createUser, setupTestDatabase, type TestDatabase } from '@/test/db';
import { queryRows } from './index';

const t = setupTestDatabase();

/** The PostgreSQL error behind a rejected query or commit (drizzle wraps it in `cause`). */
async function pgError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    let e: unknown = error;
    while (e && typeof e === 'object' && !('code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) && 'cause' in e) {
      e = e.cause;
    }
    const found = e as { code?: string; message?: string };
    if (!found?.code) throw error;
    return { code: found.code, message: found.message ?? '' };
  }
  throw new Error('expected the database to refuse this, but it was accepted');
}

const ownersOf = async (accountId: string) =>
  t.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.role, 'owner')));

const roleOf = async (accountId: string, userId: string) =>
  (await t.db.query.memberships.findFirst({ where: and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)) }))?.role;

describe('exactly one owner per account', () => {
  test('an account without an owner is refused at commit', async () => {
    const error = await pgError(
      t.db.transaction(async (tx) => {
        await tx.insert(accounts).values({ name: 'Ownerless Ltd' });
      }),
    );
    expect(error.message).toMatch(/must have exactly one owner/);
    expect(await t.db.select().from(accounts).where(eq(accounts.name, 'Ownerless Ltd'))).toEqual([]);
  });

  test('an account and its owner can be created in one transaction', async () => {
    const { accountId, owner } = await createAccount(t.db, { name: 'Founded Together' });
    expect(await ownersOf(accountId)).toEqual([{ userId: owner.userId }]);
  });

  test('a second owner is refused', async () => {
    const { accountId } = await createAccount(t.db);
    const other = await createUser(t.db);
    const error = await pgError(t.db.insert(memberships).values({ accountId, userId: other.userId, role: 'owner' }));
    expect(error.code).toBe('23505'); // unique_violation on memberships_one_owner
    expect(await ownersOf(accountId)).toHaveLength(1);
  });

  test('promoting a member while the owner stays is refused', async () => {
    const { accountId, members } = await createAccount(t.db, { members: [{ role: 'account_admin' }] });
    const error = await pgError(
      t.db.update(memberships).set({ role: 'owner' }).where(and(eq(memberships.accountId, accountId), eq(memberships.userId, members[0].userId))),
    );
    expect(error.code).toBe('23505');
    expect(await roleOf(accountId, members[0].userId)).toBe('account_admin');
  });

  test('removing the owner is refused', async () => {
    const { accountId, owner } = await createAccount(t.db, { members: [{ role: 'account_admin' }] });
    const error = await pgError(
      t.db.transaction(async (tx) => {
        await tx.delete(memberships).where(and(eq(memberships.accountId, accountId), eq(memberships.userId, owner.userId)));
      }),
    );
    expect(error.message).toMatch(/must have exactly one owner/);
    expect(await roleOf(accountId, owner.userId)).toBe('owner');
  });

  test('demoting the owner is refused', async () => {
    const { accountId, owner } = await createAccount(t.db, { members: [{ role: 'account_admin' }] });
    const error = await pgError(
      t.db.transaction(async (tx) => {
        await tx
          .update(memberships)
          .set({ role: 'account_admin' })
          .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, owner.userId)));
      }),
    );
    expect(error.message).toMatch(/must have exactly one owner/);
    expect(await roleOf(accountId, owner.userId)).toBe('owner');
  });

  test('deleting the owner of a user who is removed entirely is refused', async () => {
    const { accountId, owner } = await createAccount(t.db);
    const error = await pgError(t.db.transaction((tx) => tx.delete(users).where(eq(users.id, owner.userId))));
    expect(error.message).toMatch(/must have exactly one owner/);
    expect(await roleOf(accountId, owner.userId)).toBe('owner');
  });

  test('ownership can be handed over inside one transaction', async () => {
    const { accountId, owner, members } = await createAccount(t.db, { members: [{ role: 'account_admin' }] });
    const successor = members[0];
    await t.db.transaction(async (tx) => {
      await tx
        .update(memberships)
        .set({ role: 'account_admin' })
        .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, owner.userId)));
      await tx
        .update(memberships)
        .set({ role: 'owner' })
        .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, successor.userId)));
    });
    expect(await ownersOf(accountId)).toEqual([{ userId: successor.userId }]);
    expect(await roleOf(accountId, owner.userId)).toBe('account_admin');
  });

  test('the owner can leave when someone else becomes owner in the same transaction', async () => {
    const { accountId, owner, members } = await createAccount(t.db, { members: [{ role: 'billing_admin' }] });
    await t.db.transaction(async (tx) => {
      await tx.delete(memberships).where(and(eq(memberships.accountId, accountId), eq(memberships.userId, owner.userId)));
      await tx
        .update(memberships)
        .set({ role: 'owner' })
        .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, members[0].userId)));
    });
    expect(await ownersOf(accountId)).toEqual([{ userId: members[0].userId }]);
    expect(await roleOf(accountId, owner.userId)).toBeUndefined();
  });

  test('a whole account can be deleted with its members', async () => {
    const { accountId } = await createAccount(t.db, { members: [{ role: 'subscriber' }] });
    await t.db.transaction((tx) => tx.delete(accounts).where(eq(accounts.id, accountId)));
    expect(await t.db.select().from(memberships).where(eq(memberships.accountId, accountId))).toEqual([]);
  });
});

describe('project memberships stay inside their account', () => {
  test("a project membership cannot reference a user from another account", async () => {
    const a = await createAccount(t.db, { projects: ['Web shop'] });
    const b = await createAccount(t.db, { members: [{ role: 'project_member' }] });
    const outsider = b.members[0];

    const sameAccountKey = await pgError(
      t.db.insert(projectMemberships).values({ projectId: a.projects['Web shop'], accountId: a.accountId, userId: outsider.userId, role: 'project_admin' }),
    );
    expect(sameAccountKey.code).toBe('23503'); // the user is not a member of the project's account

    const otherAccountKey = await pgError(
      t.db.insert(projectMemberships).values({ projectId: a.projects['Web shop'], accountId: b.accountId, userId: outsider.userId, role: 'project_admin' }),
    );
    expect(otherAccountKey.code).toBe('23503'); // the project is not in the user's account

    expect(await t.db.select().from(projectMemberships).where(eq(projectMemberships.userId, outsider.userId))).toEqual([]);
  });

  test('a member of the account can join its project, and leaving the account ends it', async () => {
    const { accountId, members, projects: ids } = await createAccount(t.db, {
      members: [{ role: 'project_member', projects: [{ project: 'Analytics', role: 'project_supervisor' }] }],
    });
    const member = members[0];
    expect(await t.db.select().from(projectMemberships).where(eq(projectMemberships.userId, member.userId))).toMatchObject([
      { projectId: ids.Analytics, accountId, role: 'project_supervisor' },
    ]);

    await t.db.delete(memberships).where(and(eq(memberships.accountId, accountId), eq(memberships.userId, member.userId)));
    expect(await t.db.select().from(projectMemberships).where(eq(projectMemberships.userId, member.userId))).toEqual([]);
  });
});

describe('resellers', () => {
  test("a customer's reseller must be a reseller account", async () => {
    const direct = await createAccount(t.db, { name: 'Direct Customer' });
    const error = await pgError(createAccount(t.db, { name: 'Wrong Parent', resellerId: direct.accountId }));
    expect(error.message).toMatch(/is not a reseller/);
    expect(await t.db.select().from(accounts).where(eq(accounts.name, 'Wrong Parent'))).toEqual([]);
  });

  test('a customer cannot be moved under a non-reseller, nor a reseller under anyone', async () => {
    const reseller = await createAccount(t.db, { isReseller: true });
    const customer = await createAccount(t.db, { resellerId: reseller.accountId });
    const direct = await createAccount(t.db);

    const moved = await pgError(t.db.update(accounts).set({ resellerId: direct.accountId }).where(eq(accounts.id, customer.accountId)));
    expect(moved.message).toMatch(/is not a reseller/);

    const otherReseller = await createAccount(t.db, { isReseller: true });
    const nested = await pgError(t.db.update(accounts).set({ resellerId: otherReseller.accountId }).where(eq(accounts.id, reseller.accountId)));
    expect(nested.code).toBe('23514'); // check_violation: a reseller has no reseller

    const [row] = await t.db.select({ resellerId: accounts.resellerId }).from(accounts).where(eq(accounts.id, customer.accountId));
    expect(row.resellerId).toBe(reseller.accountId);
  });
});

describe('demo data', () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase(); // the seed only fills an empty database
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  test('seeds once, even when two starters race', async () => {
    const results = await Promise.all([seedDemoData(fresh.db), seedDemoData(fresh.db)]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    expect(await seedDemoData(fresh.db)).toEqual({ seeded: false });
    expect(await fresh.db.select().from(accounts)).toHaveLength(4);
  });

  test('has every role, a reseller with two customers and a person in two accounts', async () => {
    await seedDemoData(fresh.db); // a no-op after the test above
    const roles = await fresh.db.selectDistinct({ role: memberships.role }).from(memberships);
    const expected: MemberRole[] = ['owner', 'account_admin', 'billing_admin', 'user_admin', 'subscriber', 'project_member'];
    expect(roles.map((r) => r.role).sort()).toEqual([...expected].sort());

    const projectRoles = await fresh.db.selectDistinct({ role: projectMemberships.role }).from(projectMemberships);
    expect(projectRoles.map((r) => r.role).sort()).toEqual(['project_admin', 'project_supervisor']);

    const resellers = await fresh.db.select().from(accounts).where(eq(accounts.isReseller, true));
    expect(resellers).toHaveLength(1);
    const customers = await fresh.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.resellerId, resellers[0].id));
    expect(customers.map((c) => c.name).sort()).toEqual(['Acme Corp', 'Globex Industries']);

    const multi = await queryRows<{ email: string; accounts: number }>(fresh.db, sql`
      select u.email, count(*)::int as accounts from ${memberships} m join ${users} u on u.id = m.user_id
      group by u.email having count(*) > 1 order by u.email`);
    expect([...multi]).toContainEqual({ email: 'olivia@demo.example', accounts: 2 });

    // Every account has its one owner, and every project belongs to the account of its members.
    const ownerless = await queryRows(fresh.db, sql`
      select a.id from ${accounts} a where (select count(*) from ${memberships} m where m.account_id = a.id and m.role = 'owner') <> 1`);
    expect([...ownerless]).toEqual([]);
    expect((await fresh.db.select().from(projects)).length).toBeGreaterThan(0);
  });
});
