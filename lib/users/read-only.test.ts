// DIRECTORY_READ_ONLY=true: the accounts the directory manages (with a ref) are read-only on the
// Users page; the others are not. Its own file: lib/env.ts reads the environment once per process.
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { accounts } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { createAccount, useTestDatabase, type CreatedAccount } from '@/test/db';
import { inviteUsers } from './invitations';
import { removeAccountMember } from './members';
import { queryRows } from '@/db';

// Before the imports (vi.hoisted runs first): lib/env.ts parses the environment once.
vi.hoisted(() => {
  process.env.DIRECTORY_READ_ONLY = 'true';
});
const t = useTestDatabase();
const meta = { ip: null, userAgent: null };
let managed: CreatedAccount;
let local: CreatedAccount;

beforeAll(async () => {
  managed = await createAccount(t.db, { members: [{ role: 'subscriber' }] });
  local = await createAccount(t.db, {});
  await t.db.update(accounts).set({ ref: 'platform-42' }).where(eq(accounts.id, managed.accountId));
});

describe('DIRECTORY_READ_ONLY=true', () => {
  it('refuses every change to an account the directory manages, writing nothing', async () => {
    const count = async () => (await queryRows<{ n: number }>(t.db, sql`select (select count(*) from invitations) + (select count(*) from audit_log) + (select count(*) from memberships) as n`))[0].n;
    const before = await count();
    const error = await inviteUsers(t.db, { actorUserId: managed.owner.userId, accountId: managed.accountId, emails: ['a@example.test'], role: 'billing_admin', projectRoles: [], meta }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe('The platform manages the users of this account: invite, change and remove them there.');
    const sub = managed.members[0];
    await expect(removeAccountMember(t.db, { actorUserId: managed.owner.userId, accountId: managed.accountId, userId: sub.userId, confirmEmail: sub.email, meta })).rejects.toThrow(
      /The platform manages the users/,
    );
    expect(await count()).toBe(before);
  });

  it('leaves accounts without a ref to the panel', async () => {
    const result = await inviteUsers(t.db, { actorUserId: local.owner.userId, accountId: local.accountId, emails: ['b@example.test'], role: 'billing_admin', projectRoles: [], meta });
    expect(result.invited).toEqual(['b@example.test']);
  });
});
