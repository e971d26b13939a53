// The first sign-in takes the browser's language for a person who has none (lib/i18n/user-locale.ts),
// through each way in that this file can drive: the demo sign-in and a sign-in link (Auth.js's callback).
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_EMAIL_DOMAIN } from '@/db/seed';
import { users, verificationTokens } from '@/db/schema';
import { createAccount, createUser, setupTestDatabase } from '@/test/db';
import { asRequest, navigationOf, nextCacheMock, nextHeadersMock } from '@/test/harness/next-request';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => nextCacheMock);

const t = setupTestDatabase();
const savedEnv = { ...process.env };
const RUSSIAN = { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' };
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' };

beforeAll(() => {
  process.env = { ...savedEnv, DATABASE_URL: t.url, APP_URL: 'http://localhost:3000' };
  for (const name of ['DEMO_MODE', 'AUTH_MAGIC_LINK', 'AUTH_OIDC_ISSUER', 'RESEND_API_KEY']) delete process.env[name];
});
afterAll(async () => {
  const { closeDb } = await import('@/db');
  await closeDb();
  process.env = savedEnv;
});

const localeOf = async (userId: string) => (await t.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)))[0].locale;

async function demoSignIn(userId: string, headers: Record<string, string>) {
  const { signInAsDemoUser } = await import('./actions');
  const form = new FormData();
  form.set('userId', userId);
  const { result } = await asRequest(null, () => signInAsDemoUser({}, form).then((state) => ({ state }), (error: unknown) => ({ error })), { headers });
  expect('error' in result && navigationOf(result.error)?.kind, JSON.stringify(result)).toBe('redirect');
}

/** Opens a sign-in link for `email` the way the browser does: Auth.js's callback, with a token it would have sent. */
async function linkSignIn(email: string, headers: Record<string, string>) {
  const token = randomBytes(16).toString('hex');
  const hashed = createHash('sha256').update(`${token}${process.env.AUTH_SECRET}`).digest('hex');
  await t.db.insert(verificationTokens).values({ identifier: email, token: hashed, expires: new Date(Date.now() + 600_000) });
  const { GET } = await import('@/app/api/auth/[...nextauth]/route');
  const url = `http://localhost:3000/api/auth/callback/resend?${new URLSearchParams({ token, email, callbackUrl: '/' })}`;
  const { result } = await asRequest(null, () => GET(new NextRequest(url, { headers })), { headers });
  expect(result.status).toBe(302);
  expect(result.headers.get('location')).toBe('http://localhost:3000/');
}

describe('the first sign-in', () => {
  it('by demo sign-in stores the browser’s language, and a later one keeps it', async () => {
    const person = await createUser(t.db, { email: `first-${randomBytes(3).toString('hex')}@${DEMO_EMAIL_DOMAIN}` });
    await demoSignIn(person.userId, RUSSIAN);
    expect(await localeOf(person.userId)).toBe('ru');
    await demoSignIn(person.userId, ENGLISH);
    expect(await localeOf(person.userId)).toBe('ru');
  });

  it('by a sign-in link stores the browser’s language; a browser asking for none of ours stores nothing', async () => {
    const account = await createAccount(t.db, { name: 'Languages Ltd', members: [{ role: 'subscriber' }, { role: 'subscriber' }] });
    const [ru, de] = account.members;
    await linkSignIn(ru.email, RUSSIAN);
    expect(await localeOf(ru.userId)).toBe('ru');
    await linkSignIn(de.email, { 'accept-language': 'de-DE,de;q=0.9' });
    expect(await localeOf(de.userId)).toBeNull();
  });
});
