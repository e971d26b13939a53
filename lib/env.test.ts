import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const oidc = { AUTH_OIDC_ISSUER: 'https://sso.example.com/realms/cloud', AUTH_OIDC_CLIENT_ID: 'panel', AUTH_OIDC_CLIENT_SECRET: 's3cret' };

describe('sign-in settings', () => {
  it('keeps sign-in links on, with no SSO, by default', () => {
    const env = parseEnv({});
    expect([env.AUTH_MAGIC_LINK, env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_NAME]).toEqual([undefined, undefined, 'SSO']);
  });

  it('refuses to start with sign-in links off and no OpenID provider: nobody could sign in', () => {
    expect(() => parseEnv({ AUTH_MAGIC_LINK: 'false' })).toThrow(
      /AUTH_MAGIC_LINK: false turns off sign-in links, the only way in without OpenID Connect: set AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET/,
    );
    expect(parseEnv({ AUTH_MAGIC_LINK: 'false', ...oidc }).AUTH_MAGIC_LINK).toBe(false);
  });

  it('names the missing half of an OpenID Connect configuration', () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER })).toThrow(/AUTH_OIDC_CLIENT_ID: .*together\n {2}AUTH_OIDC_CLIENT_SECRET: .*together/);
    expect(() => parseEnv({ ...oidc, AUTH_OIDC_ISSUER: 'sso.example.com' })).toThrow(/AUTH_OIDC_ISSUER: expected the issuer URL/);
    // Empty means unset, as for every variable.
    expect(parseEnv({ AUTH_OIDC_ISSUER: '', AUTH_OIDC_CLIENT_ID: '', AUTH_OIDC_CLIENT_SECRET: '' }).AUTH_OIDC_ISSUER).toBeUndefined();
  });
});
