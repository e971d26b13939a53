'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { requestMeta } from '@/lib/actions';
import { sessionCookieName, useSecureCookies } from '@/lib/auth-constants';
import { DomainError } from '@/lib/errors';
import { rememberBrowserLocale } from '@/lib/i18n/user-locale';
import { isWellFormedLinkToken } from '@/lib/telegram/tokens';
import { acceptInvitation } from '@/lib/users/invitations';

export type AcceptInvitationState = { error?: string };

const acceptSchema = z.object({ token: z.string().max(64).refine(isWellFormedLinkToken) });

/**
 * Accepts the invitation and signs the invitee in with a database session, set in the same cookie
 * Auth.js reads (as the demo sign-in does). No session is needed: the link is the proof.
 */
export async function acceptInvitationAction(_prev: AcceptInvitationState, formData: FormData): Promise<AcceptInvitationState> {
  const parsed = acceptSchema.safeParse({ token: formData.get('token') });
  if (!parsed.success) return { error: 'This invitation link is not valid.' };
  let accepted: Awaited<ReturnType<typeof acceptInvitation>>;
  try {
    accepted = await acceptInvitation(db, { token: parsed.data.token, meta: await requestMeta() });
    await rememberBrowserLocale(db, { userId: accepted.userId, acceptLanguage: (await headers()).get('accept-language') });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
  (await cookies()).set(sessionCookieName, accepted.sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: useSecureCookies,
    expires: accepted.expires,
  });
  redirect(`/accounts/${accepted.accountId}/notifications`);
}
