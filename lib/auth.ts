import { headers } from 'next/headers';
import { cache } from 'react';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import Resend from 'next-auth/providers/resend';
import { db } from '@/db';
import { authAccounts, sessions, users, verificationTokens } from '@/db/schema';
import { SESSION_MAX_AGE_SECONDS, useSecureCookies } from '@/lib/auth-constants';
import { env, magicLinkEnabled, oidcConfig } from '@/lib/env';
import { rememberBrowserLocale } from '@/lib/i18n/user-locale';
import { queueMagicLink } from '@/lib/magic-link';
import { decideSsoSignIn, OIDC_PROVIDER_ID } from '@/lib/sso';

declare module 'next-auth' {
  /** users.locale, which the adapter reads with the rest of the row. */
  interface User {
    locale?: string | null;
  }
}

type OidcProfile = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown; preferred_username?: unknown };

/** Sign in with the host platform, through its discovery document (`<issuer>/.well-known/openid-configuration`). */
function hostPlatformProvider(): OIDCConfig<OidcProfile>[] {
  const config = oidcConfig();
  if (!config) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: config.name,
      type: 'oidc',
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      checks: ['pkce', 'state', 'nonce'],
      authorization: { params: { scope: 'openid email profile' } },
      // The claims from the userinfo endpoint (checked against the ID token's subject): every provider
      // puts email and email_verified there, not every one puts them in the ID token.
      idToken: false,
      profile: (p) => ({
        id: p.sub,
        email: typeof p.email === 'string' ? p.email : null,
        name: typeof p.name === 'string' ? p.name : typeof p.preferred_username === 'string' ? p.preferred_username : null,
      }),
      // Kept: only the ID token, for RP-initiated logout. No access or refresh token is stored.
      account: (tokens) => ({ id_token: tokens.id_token }),
      // Off: Auth.js's own linking matches the address exactly and creates a user when none matches.
      // The signIn callback links instead (lib/sso.ts), after checking that the provider verified
      // the address and that someone added the person to an account: this is what makes linking by
      // e-mail safe, and with it Auth.js finds the link and never reaches its e-mail match.
      allowDangerousEmailAccountLinking: false,
    },
  ];
}

/** Sign-in links by e-mail. AUTH_MAGIC_LINK=false: none, so Auth.js itself refuses to send or accept one. */
function signInLinkProvider() {
  if (!magicLinkEnabled()) return [];
  return [
    Resend({
      from: env.MAIL_FROM,
      maxAge: 24 * 60 * 60,
      normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
      // The magic link goes through the same outbox and worker as every other e-mail,
      // so it lands in the local mailbox when no Resend key is set.
      // Only for people someone added to an account (see lib/magic-link.ts).
      async sendVerificationRequest({ identifier, url }) {
        await queueMagicLink(db, { email: identifier, url });
      },
    }),
  ];
}

const nextAuth = NextAuth({
  adapter: DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: authAccounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  useSecureCookies,
  pages: { signIn: '/sign-in', verifyRequest: '/sign-in/check-email', error: '/sign-in/error' },
  providers: [
    ...hostPlatformProvider(),
    ...signInLinkProvider(),
  ],
  callbacks: {
    // The one decision for the provider's people (lib/sso.ts); a refusal goes to its own explanation.
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const decision = await decideSsoSignIn(db, {
        providerAccountId: account.providerAccountId,
        email: profile?.email,
        emailVerified: profile?.email_verified,
        idToken: account.id_token,
      });
      return decision.allowed ? true : `/sign-in/error?error=${decision.refusal}`;
    },
    // Only what the app reads. With database sessions Auth.js passes in the whole session row,
    // token included, and GET /api/auth/session answers with whatever this returns: the
    // HttpOnly session token would be readable by any script on the page.
    session({ session, user }) {
      return { user: { id: user.id, name: user.name, email: user.email, locale: user.locale ?? null }, expires: session.expires.toISOString() };
    },
  },
  events: {
    // The first sign-in takes the browser's language, for a person who has none yet (lib/i18n/user-locale.ts).
    async signIn({ user }) {
      if (user.id) await rememberBrowserLocale(db, { userId: user.id, acceptLanguage: (await headers()).get('accept-language') });
    },
  },
});

export const { handlers, signIn, signOut } = nextAuth;

/** The signed-in session, fetched once per request. */
export const auth = cache(nextAuth.auth);
