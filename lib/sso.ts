// Sign in with the host platform (OpenID Connect). Who gets in is decided here,
// in Auth.js's signIn callback (lib/auth.ts): the provider must vouch for the
// e-mail address (`email_verified: true`), and the address must belong to a
// person someone added to an open account (lib/membership.ts, the same rule as
// sign-in links). Nobody is created here: an unknown person is refused.
import { createHash } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { authAccounts } from '@/db/schema';
import { sessionCookieName, useSecureCookies } from '@/lib/auth-constants';
import { appUrl, oidcConfig } from '@/lib/env';
import { log } from '@/lib/log';
import { findPersonWhoMaySignIn } from '@/lib/membership';

const ssoLog = log('sso');

/** The Auth.js provider id: the callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';

/** Why a sign-in with the provider was refused; each is an `?error=` of /sign-in/error. */
export type SsoRefusal = 'SsoEmailUnverified' | 'SsoUnknownPerson' | 'SsoAccountMismatch';

export type SsoDecision = { allowed: true; userId: string } | { allowed: false; refusal: SsoRefusal };

export type SsoSignIn = {
  /** The provider's subject (`sub`) for this person. */
  providerAccountId: string;
  /** The claims as the provider sent them: not trusted to be of any type. */
  email: unknown;
  emailVerified: unknown;
  /** Kept for RP-initiated logout (`id_token_hint`). */
  idToken?: string | null;
};

const emailClaim = z.email().max(254);

/**
 * May this person sign in, and as whom? When allowed, the provider's account is linked to the
 * person (auth_accounts), so Auth.js signs in that user and never creates one.
 */
export async function decideSsoSignIn(db: Db, p: SsoSignIn): Promise<SsoDecision> {
  // Only `true` itself: a provider that does not say, or says "true" as text, has not vouched.
  const email = emailClaim.safeParse(p.email);
  if (p.emailVerified !== true || !email.success) return { allowed: false, refusal: 'SsoEmailUnverified' };
  return db.transaction(async (tx) => {
    const person = await findPersonWhoMaySignIn(tx, { email: email.data });
    if (!person) return { allowed: false, refusal: 'SsoUnknownPerson' } as const;
    const [linked] = await tx
      .select({ userId: authAccounts.userId })
      .from(authAccounts)
      .where(and(eq(authAccounts.provider, OIDC_PROVIDER_ID), eq(authAccounts.providerAccountId, p.providerAccountId)));
    // The provider's account already signs in someone else here: its address changed at the provider
    // to another person's. Signing in either of them would be wrong.
    if (linked && linked.userId !== person.id) return { allowed: false, refusal: 'SsoAccountMismatch' } as const;
    await tx
      .insert(authAccounts)
      .values({ userId: person.id, type: 'oidc', provider: OIDC_PROVIDER_ID, providerAccountId: p.providerAccountId, id_token: p.idToken ?? null })
      .onConflictDoUpdate({
        target: [authAccounts.provider, authAccounts.providerAccountId],
        set: { id_token: sql`excluded.id_token` },
        setWhere: sql`${authAccounts.userId} = excluded.user_id`,
      });
    return { allowed: true, userId: person.id } as const;
  });
}

const discoverySchema = z.object({ issuer: z.string(), end_session_endpoint: z.url().optional() });
type Discovery = z.infer<typeof discoverySchema>;

const DISCOVERY_TTL_MS = 10 * 60_000;
let discovery: { issuer: string; at: number; document: Discovery } | null = null;

/** The issuer's discovery document, kept 10 minutes; null when it cannot be read (sign-out must not wait on it). */
async function discover(issuer: string): Promise<Discovery | null> {
  if (discovery?.issuer === issuer && Date.now() - discovery.at < DISCOVERY_TTL_MS) return discovery.document;
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const document = discoverySchema.parse(await response.json());
    discovery = { issuer, at: Date.now(), document };
    return document;
  } catch (error) {
    ssoLog.warn({ err: error instanceof Error ? error.message : String(error), url }, 'sso: discovery document unavailable, signing out locally only');
    return null;
  }
}

/**
 * Where to send a person after their local session ended, to end the provider's session too
 * (OpenID Connect RP-Initiated Logout): the provider's end_session_endpoint with `id_token_hint`
 * (or `client_id` when no ID token is stored) and /sign-in to come back to. Null without SSO, for
 * a person who never signed in through the provider, or when the provider offers no such endpoint.
 */
export async function providerSignOutUrl(db: Db, userId: string): Promise<string | null> {
  const config = oidcConfig();
  if (!config) return null;
  const links = await db
    .select({ idToken: authAccounts.id_token })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.provider, OIDC_PROVIDER_ID)))
    .orderBy(sql`${isNotNull(authAccounts.id_token)} desc`)
    .limit(1);
  if (links.length === 0) return null;
  const endpoint = (await discover(config.issuer))?.end_session_endpoint;
  if (!endpoint) return null;
  const url = new URL(endpoint);
  const idToken = links[0].idToken;
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  else url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${appUrl()}/sign-in`);
  return url.toString();
}

/**
 * Marks a session as begun at the provider: a cookie holding a hash of the session's token, set beside
 * Auth.js's session cookie by the callback route. Sign-out sends the person on to the provider only when
 * the mark belongs to the session ending: someone who came in by a sign-in link stays here.
 */
export const SSO_SESSION_COOKIE = `${useSecureCookies ? '__Secure-' : ''}an.sso-session`;

const sessionMark = (sessionToken: string) => createHash('sha256').update(`sso:${sessionToken}`).digest('base64url');

/** Does the mark (the cookie's value) belong to this session? */
export const isSsoSession = (sessionToken: string | undefined, mark: string | undefined) =>
  !!sessionToken && !!mark && sessionMark(sessionToken) === mark;

/** The Set-Cookie for the mark of the session a provider callback's answer begins, or null when it begins none. */
export function ssoSessionCookie(setCookies: string[]): string | null {
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    if (pair.slice(0, at).trim() !== sessionCookieName) continue;
    const token = pair.slice(at + 1).trim();
    if (!token) return null;
    const expires = attributes.find((a) => /^\s*expires=/i.test(a))?.trim();
    return [`${SSO_SESSION_COOKIE}=${sessionMark(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...(useSecureCookies ? ['Secure'] : []), ...(expires ? [expires] : [])].join('; ');
  }
  return null;
}
