'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { signIn, signOut } from '@/lib/auth';
import { sessionCookieName, useSecureCookies } from '@/lib/auth-constants';
import { createDemoSession } from '@/lib/demo';
import { demoModeEnabled, magicLinkEnabled, oidcConfig } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { requestTranslator } from '@/lib/i18n/request-locale';
import { rememberBrowserLocale } from '@/lib/i18n/user-locale';
import { clientAddress, retryAfterWait, takeMagicLinkRequest } from '@/lib/request-limits';
import { currentUser } from '@/lib/session';
import { isSsoSession, OIDC_PROVIDER_ID, providerSignOutUrl, SSO_SESSION_COOKIE } from '@/lib/sso';
import { isStorableText } from '@/lib/storable-text';
import { safeCallbackUrl } from './callback-url';

export type EmailSignInState = { email?: string; fieldErrors?: { email?: string }; error?: string };
export type DemoSignInState = { error?: string };
export type SsoSignInState = { error?: string };

/** The page Auth.js shows after sending a link; unknown addresses land on the very same URL. */
const CHECK_EMAIL_URL = '/sign-in/check-email?provider=resend&type=email';

// The messages are keys of the catalog's signInErrors, said in the person's language.
const EMAIL_ERRORS = ['emailMissing', 'emailTooLong', 'emailInvalid'] as const;
const isEmailError = (message: string | undefined): message is (typeof EMAIL_ERRORS)[number] =>
  (EMAIL_ERRORS as readonly (string | undefined)[]).includes(message);

const emailSchema = z.object({
  email: z
    .string({ error: 'emailMissing' })
    .trim()
    .toLowerCase()
    .min(1, 'emailMissing')
    .max(254, 'emailTooLong')
    .pipe(z.email('emailInvalid')),
  callbackUrl: z.string().optional(),
});

export async function signInWithEmail(_prev: EmailSignInState, formData: FormData): Promise<EmailSignInState> {
  const typed = formData.get('email');
  const t = await requestTranslator();
  // Checked here, not only by hiding the form: the action is reachable without the page.
  if (!magicLinkEnabled()) {
    const sso = oidcConfig();
    return { error: sso ? t('signInErrors.linksOffUseSso', { provider: sso.name }) : t('signInErrors.linksOff') };
  }
  const parsed = emailSchema.safeParse({
    email: typed,
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) {
    const emailIssue = parsed.error.issues.find((issue) => issue.path[0] === 'email');
    return {
      email: typeof typed === 'string' ? typed : '',
      fieldErrors: { email: t(`signInErrors.${isEmailError(emailIssue?.message) ? emailIssue.message : 'emailInvalidPlain'}`) },
    };
  }
  const { email } = parsed.data;
  const redirectTo = safeCallbackUrl(parsed.data.callbackUrl);

  // The same limits for every address, known or not, so the answer reveals nothing about who has an account.
  const limit = await takeMagicLinkRequest(db, { email, client: clientAddress(await headers()) });
  if (!limit.allowed) {
    const wait = retryAfterWait(limit.retryAfterSeconds);
    return { email, error: t(wait.unit === 'seconds' ? 'signInErrors.tooManySeconds' : 'signInErrors.tooManyMinutes', { count: wait.count }) };
  }

  // Unknown addresses get the same answer and no e-mail (lib/auth.ts), so the form does not reveal who has an account.
  // Auth.js answers with its own verify-request URL (or an error page). We redirect ourselves, to the
  // same check-email URL as for unknown addresses, so the browser never stops on /api/auth/verify-request.
  const next = new URL(await signIn('resend', { email, redirectTo, redirect: false }), 'http://same-site.invalid');
  redirect(next.pathname.endsWith('/verify-request') ? CHECK_EMAIL_URL : next.pathname + next.search);
}

const ssoSchema = z.object({ callbackUrl: z.string().optional() });

/** Sends the person to the host platform's OpenID provider; they come back to /api/auth/callback/oidc. */
export async function signInWithSso(_prev: SsoSignInState, formData: FormData): Promise<SsoSignInState> {
  const sso = oidcConfig();
  if (!sso) return { error: (await requestTranslator())('signInErrors.ssoOff') };
  const parsed = ssoSchema.safeParse({ callbackUrl: formData.get('callbackUrl') ?? undefined });
  const redirectTo = safeCallbackUrl(parsed.success ? parsed.data.callbackUrl : undefined);
  // Auth.js reads the issuer's discovery document, sets the state, PKCE and nonce cookies, and
  // answers with the provider's authorization URL (or its error page when the provider is unreachable).
  const next = await signIn(OIDC_PROVIDER_ID, { redirectTo, redirect: false });
  if (new URL(next, 'http://same-site.invalid').pathname === '/sign-in/error') redirect('/sign-in/error?error=SsoUnavailable');
  redirect(next);
}

// An id PostgreSQL cannot compare (a NUL in it) would fail the request instead of answering.
const demoSchema = z.object({ userId: z.string().min(1).max(200).refine(isStorableText), callbackUrl: z.string().optional() });

export async function signInAsDemoUser(_prev: DemoSignInState, formData: FormData): Promise<DemoSignInState> {
  const t = await requestTranslator();
  // Checked here, not only by hiding the section: the action is reachable without the page.
  if (!demoModeEnabled()) return { error: t('signInErrors.demoOff') };
  const parsed = demoSchema.safeParse({
    userId: formData.get('userId'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) return { error: t('signInErrors.demoChoose') };

  let session: { sessionToken: string; expires: Date };
  try {
    session = await createDemoSession(db, { userId: parsed.data.userId });
    await rememberBrowserLocale(db, { userId: parsed.data.userId, acceptLanguage: (await headers()).get('accept-language') });
  } catch (error) {
    // The one refusal of createDemoSession: someone who is not a demo user.
    if (error instanceof DomainError) return { error: t('signInErrors.demoOnly') };
    throw error;
  }

  const cookieStore = await cookies();
  cookieStore.set(sessionCookieName, session.sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: useSecureCookies,
    expires: session.expires,
  });
  redirect(safeCallbackUrl(parsed.data.callbackUrl));
}

/**
 * Ends the local session; when it was begun at the host platform's provider, also the provider's
 * session (RP-initiated logout), which then sends the person back to /sign-in.
 */
export async function signOutAction(): Promise<void> {
  const [user, cookieStore] = await Promise.all([currentUser(), cookies()]);
  const viaProvider = isSsoSession(cookieStore.get(sessionCookieName)?.value, cookieStore.get(SSO_SESSION_COOKIE)?.value);
  const providerSignOut = user && viaProvider ? await providerSignOutUrl(db, user.id) : null;
  await signOut({ redirect: false });
  cookieStore.delete(SSO_SESSION_COOKIE);
  redirect(providerSignOut ?? '/sign-in');
}
