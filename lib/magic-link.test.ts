import { eq } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { expect, it } from 'vitest';
import { mailMessages } from '@/db/schema';
import { createAccount, createUser, setupTestDatabase } from '@/test/db';
import { queueMagicLink } from './magic-link';

const t = setupTestDatabase();
const url = 'http://localhost:3000/api/auth/callback/resend?token=abc&email=x';

it('queues a sign-in link for a known person, whatever the case of the address', async () => {
  await createAccount(t.db, { members: [{ role: 'subscriber', email: 'known@test.example' }] });
  expect(await queueMagicLink(t.db, { email: 'Known@Test.Example', url })).toEqual({ queued: true });
  const rows = await t.db.select().from(mailMessages).where(eq(mailMessages.template, 'magic-link'));
  expect(rows.map((r) => r.to)).toEqual([['Known@Test.Example']]);
});

it('sends nothing to an address nobody added to an account', async () => {
  const before = await t.db.select().from(mailMessages);
  expect(await queueMagicLink(t.db, { email: 'stranger@test.example', url })).toEqual({ queued: false });
  expect(await t.db.select().from(mailMessages)).toHaveLength(before.length);
});

it('sends nothing to a person who is in no open account any more (removed from all, or their account closed)', async () => {
  await createUser(t.db, { email: 'left-everything@test.example' });
  const closed = await createAccount(t.db, { members: [{ role: 'billing_admin', email: 'closed-only@test.example' }] });
  await t.db.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, closed.accountId));
  const before = await t.db.select().from(mailMessages);
  expect(await queueMagicLink(t.db, { email: 'left-everything@test.example', url })).toEqual({ queued: false });
  expect(await queueMagicLink(t.db, { email: 'closed-only@test.example', url })).toEqual({ queued: false });
  expect(await t.db.select().from(mailMessages)).toHaveLength(before.length);
});
