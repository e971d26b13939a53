// The sign-in actions with SSO configured, through the real Auth.js and a real
// OpenID provider: where "Continue" and sign-out send the person.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authAccounts } from '@/db/schema';
import { createAccount, setupTestDatabase } from '@/test/db';
import { OIDC_TEST_CLIENT, startOidcProvider, type TestOidcProvider } from '@/test/fakes/oidc-provider';
import { asRequest, createSession, navigationOf, nextCacheMock, nextHeadersMock } from '@/test/harness/next-request';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => nextCacheMock);

const t = setupTestDatabase();
const savedEnv = { ...process.env };
let provider: TestOidcProvider;

const oidcEnv = (issuer: string) => ({ AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: OIDC_TEST_CLIENT.clientId, AUTH_OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.clientSecret, AUTH_OIDC_NAME: 'Nimbus ID' });

/** The sign-in actions as a server with this configuration loads them (lib/env.ts parses once per module instance). */
async function actionsWith(env: Record<string, string>) {
  process.env = { ...savedEnv, DATABASE_URL: t.url, APP_URL: 'http://localhost:3000', ...env };
  vi.resetModules();
  return import('./actions');
}

const redirectOf = async (call: () => Promise<unknown>, init?: Parameters<typeof asRequest>[2], session: string | null = null) => {
  const { result } = await asRequest(session, () => call().then((value) => ({ value }), (error: unknown) => ({ error })), init);
  if ('value' in result) return { state: result.value };
  const navigation = navigationOf(result.error);
  if (navigation?.kind !== 'redirect') throw result.error;
  return { redirect: navigation.url };
};

beforeAll(async () => {
  provider = await startOidcProvider({ port: 0, redirectUris: ['http://localhost:3000/api/auth/callback/oidc'], postLogoutRedirectUris: ['http://localhost:3000/sign-in'] });
});
afterAll(async () => {
  process.env = savedEnv;
  await provider.close();
});

describe('Continue with the provider', () => {
  it('says the provider cannot be reached when its discovery document does not answer', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { signInWithSso } = await actionsWith(oidcEnv(`http://127.0.0.1:${closedPort}`));
    expect(await redirectOf(() => signInWithSso({}, new FormData()))).toEqual({ redirect: '/sign-in/error?error=SsoUnavailable' });
  });
});

describe('AUTH_MAGIC_LINK=false', () => {
  it('refuses the e-mail form, naming the way in that is left', async () => {
    const { signInWithEmail } = await actionsWith({ ...oidcEnv(provider.issuer), AUTH_MAGIC_LINK: 'false' });
    const form = new FormData();
    form.set('email', 'olivia@demo.example');
    expect(await redirectOf(() => signInWithEmail({}, form))).toEqual({ state: { error: 'Sign-in links are turned off on this server. Use “Continue with Nimbus ID”.' } });
  });
});

describe('signing out', () => {
  it('of a session begun at the provider goes on to its end_session_endpoint; of any other session, to /sign-in', async () => {
    const { members: [person] } = await createAccount(t.db, { members: [{ role: 'account_admin', email: 'sso-out@test.example' }] });
    await t.db.insert(authAccounts).values({ userId: person.userId, type: 'oidc', provider: 'oidc', providerAccountId: 'sso-out', id_token: 'the.id.token' });
    const { signOutAction } = await actionsWith(oidcEnv(provider.issuer));
    const { ssoSessionCookie, SSO_SESSION_COOKIE } = await import('@/lib/sso');

    // Begun at the provider: the callback route set the session's SSO mark beside it.
    const ssoSession = await createSession(t.db, person.userId);
    const mark = ssoSessionCookie([`authjs.session-token=${ssoSession}; Path=/`])!.split(';')[0].split('=')[1];
    const out = await redirectOf(() => signOutAction(), { cookies: { [SSO_SESSION_COOKIE]: mark } }, ssoSession);
    const to = new URL(out.redirect!);
    expect(`${to.origin}${to.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(to.searchParams)).toEqual({ id_token_hint: 'the.id.token', post_logout_redirect_uri: 'http://localhost:3000/sign-in' });

    // The same person, signed in by a link this time (no mark, or another session's): stays here.
    const linkSession = await createSession(t.db, person.userId);
    expect(await redirectOf(() => signOutAction(), {}, linkSession)).toEqual({ redirect: '/sign-in' });
    const otherSession = await createSession(t.db, person.userId);
    expect(await redirectOf(() => signOutAction(), { cookies: { [SSO_SESSION_COOKIE]: mark } }, otherSession)).toEqual({ redirect: '/sign-in' });
  });

  it('without a stored ID token names the client instead', async () => {
    const { members: [person] } = await createAccount(t.db, { members: [{ role: 'account_admin', email: 'sso-no-token@test.example' }] });
    await t.db.insert(authAccounts).values({ userId: person.userId, type: 'oidc', provider: 'oidc', providerAccountId: 'sso-no-token' });
    const { signOutAction } = await actionsWith(oidcEnv(provider.issuer));
    const { ssoSessionCookie, SSO_SESSION_COOKIE } = await import('@/lib/sso');
    const session = await createSession(t.db, person.userId);
    const mark = ssoSessionCookie([`authjs.session-token=${session}; Path=/`])!.split(';')[0].split('=')[1];
    const to = new URL((await redirectOf(() => signOutAction(), { cookies: { [SSO_SESSION_COOKIE]: mark } }, session)).redirect!);
    expect(Object.fromEntries(to.searchParams)).toEqual({ client_id: OIDC_TEST_CLIENT.clientId, post_logout_redirect_uri: 'http://localhost:3000/sign-in' });
  });
});
