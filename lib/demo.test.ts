import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { sessions } from '@/db/schema';
import { createDemoSession, listDemoUsers } from '@/lib/demo';
import { DomainError } from '@/lib/errors';
import { createAccount, createUser, setupTestDatabase } from '@/test/db';

const t = setupTestDatabase();

describe('createDemoSession', () => {
  test('signs in a demo user with a database session like a magic link would', async () => {
    const { owner } = await createAccount(t.db, { members: [{ role: 'owner', name: 'Dora Demo', email: 'dora@demo.example' }] });

    const { sessionToken, expires } = await createDemoSession(t.db, { userId: owner.userId });

    const [row] = await t.db.select().from(sessions).where(eq(sessions.sessionToken, sessionToken));
    expect(row.userId).toBe(owner.userId);
    expect(row.expires.getTime()).toBe(expires.getTime());
    expect(expires.getTime()).toBeGreaterThan(Date.now() + 24 * 60 * 60 * 1000);
    expect(sessionToken).toMatch(/^[0-9a-f]{64}$/);

    const again = await createDemoSession(t.db, { userId: owner.userId });
    expect(again.sessionToken).not.toBe(sessionToken);
  });

  test('refuses anyone who is not a demo user, and creates no session', async () => {
    const real = await createUser(t.db, { name: 'Rhea Real', email: 'rhea@customer.example' });
    const lookalike = await createUser(t.db, { email: 'mallory@demo.example.evil.test' });

    for (const userId of [real.userId, lookalike.userId, 'no-such-user']) {
      const attempt = createDemoSession(t.db, { userId });
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code: 'forbidden' });
      expect(await t.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    }
  });
});

describe('listDemoUsers', () => {
  test('offers only demo addresses', async () => {
    await createUser(t.db, { name: 'Dan Demo', email: 'dan@demo.example' });
    await createUser(t.db, { name: 'Nick Notdemo', email: 'nick@customer.example' });

    const emails = (await listDemoUsers(t.db)).map((u) => u.email);
    expect(emails).toContain('dan@demo.example');
    expect(emails.every((e) => e.endsWith('@demo.example'))).toBe(true);
  });
});
