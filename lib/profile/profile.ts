// A person's own profile (Profile & Settings): their name is theirs to change,
// in every account at once; their e-mail is their sign-in and not changed here.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { accounts, memberships, users } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { requireMembership } from '@/lib/membership';

/**
 * Renames the signed-in person, and nobody else: the actor is the one renamed. `accountId` is
 * the account the page was opened in, which the actor must belong to; the change is written to
 * the audit log of each of their open accounts, whose admins see the new name from now on.
 */
export async function updateOwnName(
  db: Db,
  params: { actorUserId: string; accountId: string; name: string; meta: RequestMeta },
): Promise<{ changed: boolean; name: string }> {
  return db.transaction(async (tx) => {
    await requireMembership(tx, { accountId: params.accountId, userId: params.actorUserId });
    const open = await tx
      .select({ accountId: memberships.accountId })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(and(eq(memberships.userId, params.actorUserId), isNull(accounts.closedAt)));
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, params.actorUserId)).for('update');
    if (!before) throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
    if (before.name === params.name) return { changed: false, name: params.name };
    await tx.update(users).set({ name: params.name }).where(eq(users.id, params.actorUserId));
    await recordAudit(
      tx,
      open.map((m) => ({
        accountId: m.accountId,
        actorUserId: params.actorUserId,
        action: 'profile.name_changed' as const,
        targetUserId: params.actorUserId,
        details: { from: before.name, to: params.name },
        meta: params.meta,
      })),
    );
    return { changed: true, name: params.name };
  });
}
