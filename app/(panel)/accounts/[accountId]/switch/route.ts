import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { isUuid } from '@/db/queries/accounts';
import { findMembership } from '@/lib/membership';
import { LAST_ACCOUNT_COOKIE, lastAccountCookieOptions } from '@/lib/last-account';
import { currentUser } from '@/lib/session';

/**
 * The account switcher's links: remembers the chosen account for "/" and opens it.
 * A GET, because it only stores a preference (never trusted on its own, see app/page.tsx).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const user = await currentUser();
  if (!user) {
    redirect(
      isUuid(accountId) ? `/sign-in?callbackUrl=${encodeURIComponent(`/accounts/${accountId}/switch`)}` : '/sign-in',
    );
  }
  const membership = await findMembership(db, { accountId, userId: user.id });
  // Not a member (or no such account): the account's own page answers with the panel's 404 page,
  // exactly as if it had been opened directly, and nothing is remembered.
  if (!membership) redirect(`/accounts/${encodeURIComponent(accountId)}/notifications`);

  (await cookies()).set(LAST_ACCOUNT_COOKIE, membership.account.id, lastAccountCookieOptions);
  redirect(`/accounts/${membership.account.id}/notifications`);
}
