// audit_log has no per-row foreign keys (see db/schema.ts); statement-level
// triggers keep the same guarantees (migration 0009). These tests hold them to it.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { accounts, apiKeys, auditLog, users } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { createAccount, createUser, setupTestDatabase } from '@/test/db';

const t = setupTestDatabase();

const refused = (promise: Promise<unknown>, message: RegExp) => expect(promise).rejects.toMatchObject({ cause: { code: '23503', message: expect.stringMatching(message) } });

it('refuses an entry naming an account, a person or a key that does not exist, even among valid entries', async () => {
  const { accountId, members } = await createAccount(t.db, { members: [{ role: 'account_admin' }] });
  const key = await createApiKey(t.db, { name: 'audit integrity' });
  const valid = { accountId, action: 'test.valid', actorUserId: members[0].userId, targetUserId: members[0].userId, actorApiKeyId: key.id };
  await t.db.insert(auditLog).values(valid);
  await refused(t.db.insert(auditLog).values([valid, { ...valid, accountId: randomUUID() }]), /account that does not exist/);
  await refused(t.db.insert(auditLog).values([valid, { ...valid, actorUserId: 'nobody' }]), /user that does not exist/);
  await refused(t.db.insert(auditLog).values([valid, { ...valid, targetUserId: 'nobody' }]), /user that does not exist/);
  await refused(t.db.insert(auditLog).values([valid, { ...valid, actorApiKeyId: randomUUID() }]), /API key that does not exist/);
  expect(await t.db.select().from(auditLog).where(eq(auditLog.accountId, accountId))).toHaveLength(1);
});

it('deletes the entries with their account, and forgets a deleted person or key', async () => {
  const gone = await createAccount(t.db);
  const kept = await createAccount(t.db);
  const person = await createUser(t.db);
  const key = await createApiKey(t.db, { name: 'to delete' });
  await t.db.insert(auditLog).values([
    { accountId: gone.accountId, action: 'test.gone', actorUserId: person.userId },
    { accountId: kept.accountId, action: 'test.kept', actorUserId: person.userId, targetUserId: person.userId, actorApiKeyId: key.id },
  ]);
  await t.db.delete(accounts).where(eq(accounts.id, gone.accountId));
  expect(await t.db.select().from(auditLog).where(eq(auditLog.accountId, gone.accountId))).toEqual([]);
  await t.db.delete(users).where(eq(users.id, person.userId));
  await t.db.delete(apiKeys).where(eq(apiKeys.id, key.id));
  const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.accountId, kept.accountId));
  expect(entry).toMatchObject({ action: 'test.kept', actorUserId: null, targetUserId: null, actorApiKeyId: null });
});

it('never moves an entry to another account or person', async () => {
  const a = await createAccount(t.db, { members: [{ role: 'account_admin' }] });
  const b = await createAccount(t.db);
  await t.db.insert(auditLog).values({ accountId: a.accountId, action: 'test.move', targetUserId: a.members[0].userId });
  await refused(t.db.update(auditLog).set({ accountId: b.accountId }).where(eq(auditLog.accountId, a.accountId)), /cannot be moved/);
  await refused(t.db.update(auditLog).set({ targetUserId: b.owner.userId }).where(eq(auditLog.accountId, a.accountId)), /cannot be moved/);
});
