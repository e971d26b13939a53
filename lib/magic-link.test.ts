import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { mailMessages } from '@/db/schema';
import { createUser, setupTestDatabase } from '@/test/db';
import { queueMagicLink } from './magic-link';

const t = setupTestDatabase();
const url = 'http://localhost:3000/api/auth/callback/resend?token=abc&email=x';

it('queues a sign-in link for a known person, whatever the case of the address', async () => {
  await createUser(t.db, { email: 'known@test.example' });
  expect(await queueMagicLink(t.db, { email: 'Known@Test.Example', url })).toEqual({ queued: true });
  const rows = await t.db.select().from(mailMessages).where(eq(mailMessages.template, 'magic-link'));
  expect(rows.map((r) => r.to)).toEqual([['Known@Test.Example']]);
});

it('sends nothing to an address nobody added to an account', async () => {
  const before = await t.db.select().from(mailMessages);
  expect(await queueMagicLink(t.db, { email: 'stranger@test.example', url })).toEqual({ queued: false });
  expect(await t.db.select().from(mailMessages)).toHaveLength(before.length);
});
