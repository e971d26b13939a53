import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { accounts, authAccounts } from '@/db/schema';
import { createAccount, createUser, setupTestDatabase } from '@/test/db';
import { decideSsoSignIn, isSsoSession, OIDC_PROVIDER_ID, ssoSessionCookie } from './sso';
import { sessionCookieName } from './auth-constants';

const t = setupTestDatabase();

let nextSubject = 1;
const subject = () => `sub-${nextSubject++}`;
const linksOf = (providerAccountId: string) => t.db.select().from(authAccounts).where(eq(authAccounts.providerAccountId, providerAccountId));
const userCount = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from users`))[0].n;

async function member(email: string) {
  const account = await createAccount(t.db, { members: [{ role: 'billing_admin', email }] });
  return account.members[0];
}

describe('signing in with the host platform', () => {
  it('lets in a person someone added, by their verified address in any case, and links the provider account to them', async () => {
    const person = await member('ada@sso.test');
    const sub = subject();
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email: 'Ada@SSO.test', emailVerified: true, idToken: 'id-token-1' })).toEqual({
      allowed: true,
      userId: person.userId,
    });
    expect(await linksOf(sub)).toMatchObject([{ userId: person.userId, provider: OIDC_PROVIDER_ID, type: 'oidc', id_token: 'id-token-1', access_token: null, refresh_token: null }]);

    // The next sign-in keeps the link and the newest ID token (for the provider's logout).
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email: 'ada@sso.test', emailVerified: true, idToken: 'id-token-2' })).toEqual({
      allowed: true,
      userId: person.userId,
    });
    expect((await linksOf(sub)).map((l) => [l.userId, l.id_token])).toEqual([[person.userId, 'id-token-2']]);
  });

  it.each([
    ['says it is not verified', false],
    ['does not say', undefined],
    ['says "true" as text', 'true'],
    ['says 1', 1],
  ])('refuses an address the provider has not vouched for: it %s', async (_what, emailVerified) => {
    const sub = subject();
    const email = `unverified-${sub}@sso.test`;
    await member(email);
    const before = await userCount();
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email, emailVerified })).toEqual({
      allowed: false,
      refusal: 'SsoEmailUnverified',
    });
    expect(await linksOf(sub)).toEqual([]);
    expect(await userCount()).toBe(before);
  });

  it.each([
    ['no address', undefined],
    ['an address that is not one', 'not an address'],
    ['an address as a number', 42],
  ])('refuses a verified profile with %s', async (_what, email) => {
    const sub = subject();
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email, emailVerified: true })).toEqual({ allowed: false, refusal: 'SsoEmailUnverified' });
    expect(await linksOf(sub)).toEqual([]);
  });

  it('refuses a person nobody added, and creates nobody', async () => {
    const sub = subject();
    const before = await userCount();
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email: 'stranger@sso.test', emailVerified: true })).toEqual({ allowed: false, refusal: 'SsoUnknownPerson' });
    expect(await userCount()).toBe(before);
    expect(await linksOf(sub)).toEqual([]);
  });

  it('refuses a person who is in no open account any more (removed from all, or their account closed)', async () => {
    await createUser(t.db, { email: 'left@sso.test' });
    const closed = await createAccount(t.db, { members: [{ role: 'owner', email: 'closed@sso.test' }] });
    await t.db.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, closed.accountId));
    for (const email of ['left@sso.test', 'closed@sso.test']) {
      const sub = subject();
      expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email, emailVerified: true }), email).toEqual({ allowed: false, refusal: 'SsoUnknownPerson' });
      expect(await linksOf(sub)).toEqual([]);
    }
  });

  it('refuses a provider account that signs in someone else here, whose address changed at the provider to another person’s', async () => {
    const first = await member('first@sso.test');
    const second = await member('second@sso.test');
    const sub = subject();
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email: 'first@sso.test', emailVerified: true, idToken: 'first' })).toMatchObject({ allowed: true });
    expect(await decideSsoSignIn(t.db, { providerAccountId: sub, email: 'second@sso.test', emailVerified: true, idToken: 'second' })).toEqual({
      allowed: false,
      refusal: 'SsoAccountMismatch',
    });
    expect((await linksOf(sub)).map((l) => [l.userId, l.id_token])).toEqual([[first.userId, 'first']]);
    expect(second.userId).not.toBe(first.userId);
  });
});

describe('the SSO mark of a session', () => {
  it('is set beside the session cookie Auth.js sets, and belongs to that session only', () => {
    const setCookie = ssoSessionCookie([
      'authjs.pkce.code_verifier=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      `${sessionCookieName}=token-abc; Path=/; Expires=Wed, 06 Jan 2027 12:00:00 GMT; HttpOnly; SameSite=Lax`,
    ]);
    expect(setCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Expires=Wed, 06 Jan 2027 12:00:00 GMT$/);
    const mark = setCookie!.split(';')[0].split('=')[1];
    expect(mark).not.toContain('token-abc');
    expect(isSsoSession('token-abc', mark)).toBe(true);
    expect(isSsoSession('another-session', mark)).toBe(false);
    expect(isSsoSession('token-abc', undefined)).toBe(false);
    expect(isSsoSession(undefined, mark)).toBe(false);
  });

  it('is not set when the answer begins no session', () => {
    expect(ssoSessionCookie(['authjs.state=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])).toBeNull();
    expect(ssoSessionCookie([`${sessionCookieName}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`])).toBeNull();
  });
});
