/**
 * A real OpenID provider on 127.0.0.1 (`oidc-provider`, the field's reference
 * implementation), for the suites that sign in with the host platform.
 *
 *   const op = await startOidcProvider({ port: 0, redirectUris: ['http://localhost:3000/api/auth/callback/oidc'] });
 *   // AUTH_OIDC_ISSUER = op.issuer, AUTH_OIDC_CLIENT_ID / _SECRET = OIDC_TEST_CLIENT
 *   await op.close();
 *
 * Its login page (the library's development interactions) takes any of the
 * logins of OIDC_TEST_PEOPLE and any password; consent is given on the spot.
 * Discovery, PKCE (required), state, nonce, the userinfo endpoint and
 * RP-initiated logout (`end_session_endpoint`) are the library's own.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';

export const OIDC_TEST_CLIENT = { clientId: 'account-notifications-test', clientSecret: 'oidc-test-client-secret-not-a-secret' } as const;

/** The provider's people, by login: what it says about each. */
export const OIDC_TEST_PEOPLE = {
  /** A seeded demo person (db/seed.ts), address verified. */
  olivia: { email: 'olivia@demo.example', email_verified: true, name: 'Olivia Owner' },
  /** The same address, but the provider has not verified it. */
  'olivia-unverified': { email: 'olivia@demo.example', email_verified: false, name: 'Olivia Unverified' },
  /** Verified, but nobody added this address to an account here. */
  stranger: { email: 'stranger@outside.example', email_verified: true, name: 'Sam Stranger' },
} as const satisfies Record<string, { email: string; email_verified: boolean; name: string }>;
export type OidcTestLogin = keyof typeof OIDC_TEST_PEOPLE;

export type TestOidcProvider = { issuer: string; port: number; close: () => Promise<void> };

export async function startOidcProvider(options: { port: number; redirectUris: string[]; postLogoutRedirectUris?: string[] }): Promise<TestOidcProvider> {
  const people: Record<string, { email: string; email_verified: boolean; name: string }> = OIDC_TEST_PEOPLE;
  // The issuer must be known before listening: take the port first when asked for any.
  const server = await listen(options.port);
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: OIDC_TEST_CLIENT.clientId,
        client_secret: OIDC_TEST_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      const person = people[id];
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...person }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    // Consent on the spot: the test is about the relying party, not about this provider's screens.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['oidc-test-cookie-key-not-a-secret'] },
  };
  const provider = new Provider(issuer, configuration);
  // The library warns about its development defaults (interactions, keys): expected here.
  provider.on('server_error', (_ctx, error) => console.error('[oidc-provider]', error));
  server.on('request', provider.callback());
  return {
    issuer,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function listen(port: number): Promise<Server> {
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
