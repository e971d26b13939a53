import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { db } from '@/db';
import { listOwnProjectRoles } from '@/db/queries/accounts';
import { auth } from '@/lib/auth';
import { toLocale, type Locale } from '@/lib/i18n/locales';
import { findMembership } from '@/lib/membership';

/** `locale`: the language the person chose (or their first sign-in took), null when none. */
export type SessionUser = { id: string; email: string; name: string | null; locale: Locale | null };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, locale: toLocale(user.locale) };
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** For pages: the signed-in user's membership of `accountId` (lib/membership.ts) with their project roles; 404 for unknown or foreign accounts. */
export async function requireMember(accountId: string) {
  const user = await requireUser();
  const membership = await findMembership(db, { accountId, userId: user.id });
  if (!membership) notFound();
  const projectRoles = await listOwnProjectRoles(db, { accountId, userId: user.id });
  return { user, role: membership.role, since: membership.since, account: membership.account, projectRoles };
}
