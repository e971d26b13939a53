// Profile & Settings: a person renames themselves, in every account at once, and nobody else.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, users } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { createAccount, setupTestDatabase, type CreatedAccount, type CreatedMember } from '@/test/db';
import { profileName } from './name-input';
import { updateOwnName } from './profile';

const t = setupTestDatabase();
const meta: RequestMeta = { ip: '192.0.2.7', userAgent: 'vitest' };
let northwind: CreatedAccount;
let acme: CreatedAccount;
let closed: CreatedAccount;
let stranger: CreatedAccount;
let bianca: CreatedMember;

beforeAll(async () => {
  northwind = await createAccount(t.db, { name: 'Northwind', members: [{ role: 'billing_admin', name: 'Bianca Billing' }] });
  bianca = northwind.members[0];
  acme = await createAccount(t.db, { name: 'Acme', members: [{ role: 'subscriber', userId: bianca.userId }] });
  closed = await createAccount(t.db, { name: 'Closed', members: [{ role: 'account_admin', userId: bianca.userId }] });
  await t.db.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, closed.accountId));
  stranger = await createAccount(t.db, { name: 'Stranger' });
});

const nameOf = async (userId: string) => (await t.db.select({ name: users.name }).from(users).where(eq(users.id, userId)))[0].name;
const audits = (accountId: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'profile.name_changed')));

describe('updateOwnName', () => {
  it('renames the person everywhere and writes the change to the audit log of each open account', async () => {
    const result = await updateOwnName(t.db, { actorUserId: bianca.userId, accountId: acme.accountId, name: 'Bianca B. Billing', meta });
    expect(result).toEqual({ changed: true, name: 'Bianca B. Billing' });
    expect(await nameOf(bianca.userId)).toBe('Bianca B. Billing');
    for (const account of [northwind, acme]) {
      expect(await audits(account.accountId)).toMatchObject([
        { actorUserId: bianca.userId, targetUserId: bianca.userId, details: { from: 'Bianca Billing', to: 'Bianca B. Billing' }, ip: '192.0.2.7' },
      ]);
    }
    expect(await audits(closed.accountId)).toHaveLength(0);
  });

  it('does nothing when the name is already saved', async () => {
    const result = await updateOwnName(t.db, { actorUserId: bianca.userId, accountId: northwind.accountId, name: 'Bianca B. Billing', meta });
    expect(result).toEqual({ changed: false, name: 'Bianca B. Billing' });
    expect(await audits(northwind.accountId)).toHaveLength(1);
  });

  it('refuses an account the person does not belong to, or that is closed, and changes nothing', async () => {
    for (const accountId of [stranger.accountId, closed.accountId]) {
      const error = await updateOwnName(t.db, { actorUserId: bianca.userId, accountId, name: 'Someone Else', meta }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('not_found');
    }
    expect(await nameOf(bianca.userId)).toBe('Bianca B. Billing');
    expect(await audits(stranger.accountId)).toHaveLength(0);
  });
});

describe('profileName', () => {
  it('trims and joins spaces, and explains each refusal', () => {
    expect(profileName.parse('  Bianca   Billing ')).toBe('Bianca Billing');
    const message = (value: unknown) => {
      const parsed = profileName.safeParse(value);
      return parsed.success ? null : parsed.error.issues[0].message;
    };
    expect(message('   ')).toBe('Enter your name.');
    expect(message(undefined)).toBe('Enter your name.');
    expect(message('x'.repeat(121))).toBe('Your name can have at most 120 characters.');
    expect(message('Bianca\nBcc: someone@example.com')).toMatch(/line breaks/);
    expect(message('Bianca \ud800')).toMatch(/cannot be stored/);
  });
});
