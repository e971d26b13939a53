import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '@/db/schema';
import { canViewDeliveryLog } from '@/lib/notifications/rules';
import { createAccount, createUser, setupTestDatabase } from '@/test/db';
import { byRole, findMembership, NOT_A_MEMBER, requireMembership } from './membership';

const t = setupTestDatabase();

describe('the membership gate', () => {
  it('answers a member with their role, the account and who they are', async () => {
    const account = await createAccount(t.db, { members: [{ role: 'billing_admin', name: 'Bianca' }] });
    const [bianca] = account.members;
    const m = await requireMembership(t.db, { accountId: account.accountId, userId: bianca.userId });
    expect(m.role).toBe('billing_admin');
    expect(m.account.id).toBe(account.accountId);
    expect(m.user).toEqual({ id: bianca.userId, name: 'Bianca', email: bianca.email });
  });

  it('gives a stranger, an unknown account and a malformed id the same not_found', async () => {
    const account = await createAccount(t.db);
    const stranger = await createUser(t.db);
    for (const who of [
      { accountId: account.accountId, userId: stranger.userId },
      { accountId: '00000000-0000-4000-8000-000000000000', userId: account.owner.userId },
      { accountId: 'not-a-uuid', userId: account.owner.userId },
    ]) {
      expect(await findMembership(t.db, who)).toBeNull();
      await expect(requireMembership(t.db, who)).rejects.toMatchObject({ code: 'not_found', message: NOT_A_MEMBER });
    }
  });

  it('no longer lets anyone into a closed account', async () => {
    const account = await createAccount(t.db);
    await t.db.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, account.accountId));
    await expect(requireMembership(t.db, { accountId: account.accountId, userId: account.owner.userId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses with the rule’s own reason when the role may not', async () => {
    const account = await createAccount(t.db, { members: [{ role: 'billing_admin' }, { role: 'account_admin' }] });
    const [billing, admin] = account.members;
    const rule = byRole(canViewDeliveryLog);
    await expect(requireMembership(t.db, { accountId: account.accountId, userId: billing.userId }, rule)).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Only the Account Owner, User Administrators and Account Administrators can see the delivery log.',
    });
    await expect(requireMembership(t.db, { accountId: account.accountId, userId: admin.userId }, rule)).resolves.toMatchObject({ role: 'account_admin' });
  });
});
