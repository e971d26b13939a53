import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { db } from '@/db';
import { getMembership } from '@/db/queries/accounts';
import { auth } from '@/lib/auth';
import { DomainError } from '@/lib/errors';

export type SessionUser = { id: string; email: string; name: string | null };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** For pages: the signed-in user's membership of `accountId`; 404 for unknown or foreign accounts. */
export async function requireMember(accountId: string) {
  const user = await requireUser();
  const membership = await getMembership(db, { accountId, userId: user.id });
  if (!membership) notFound();
  return { user, ...membership };
}

/** For server actions and route handlers: like requireMember, but throws DomainError instead of navigating. */
export async function memberOrThrow(accountId: string) {
  const user = await currentUser();
  if (!user) throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
  const membership = await getMembership(db, { accountId, userId: user.id });
  if (!membership) throw new DomainError('not_found', 'This account does not exist or you are not a member of it.');
  return { user, ...membership };
}

export type Member = Awaited<ReturnType<typeof memberOrThrow>>;
