// Subscribing and unsubscribing recipients: the authorization, tenant scoping,
// audit entry and notice e-mail of each change, in one transaction.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { listProjectRolesOfMembers } from '@/db/queries/project-roles';
import { listAddCandidates } from '@/db/queries/subscriptions';
import { memberships, subscriptions, users, type MemberRole, type NotificationCategory } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { appUrl } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { byRole, requireMembership } from '@/lib/membership';
import { queueMail } from '@/lib/mail/queue';
import { getCategory } from './catalog';
import { authorizeSubscriptionChange, confirmationMatches, eligibleRolesFor, subscriptionManagement, whomToAskAboutSubscriptions } from './rules';

export const MAX_RECIPIENTS_PER_ADD = 500;

/** The actor's membership of the account, read inside the transaction that acts on it; managers only. */
async function loadManager(tx: Tx, accountId: string, actorUserId: string) {
  const m = await requireMembership(tx, { accountId, userId: actorUserId }, byRole(subscriptionManagement));
  return { role: m.role, name: m.user.name, email: m.user.email, accountName: m.account.name };
}

/**
 * Subscribes several users of the account to a category, all or nothing.
 * Users who are already subscribed (say, by another admin a moment ago) are
 * left as they are: the outcome is the same and nobody sees an error.
 */
export async function addRecipients(
  db: Db,
  params: {
    actorUserId: string;
    accountId: string;
    category: NotificationCategory;
    userIds: string[];
    meta: RequestMeta;
  },
): Promise<{ added: number; alreadySubscribed: number }> {
  const userIds = [...new Set(params.userIds)];
  if (userIds.length === 0) throw new DomainError('invalid', 'Select at least one user to add.');
  if (userIds.length > MAX_RECIPIENTS_PER_ADD) {
    throw new DomainError('invalid', `Add at most ${MAX_RECIPIENTS_PER_ADD} users at a time.`);
  }
  return db.transaction(async (tx) => {
    const actor = await loadManager(tx, params.accountId, params.actorUserId);
    const targets = await tx
      .select({ userId: memberships.userId, role: memberships.role, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, params.accountId), inArray(memberships.userId, userIds)));
    if (targets.length !== userIds.length) {
      throw new DomainError('invalid', 'Some of the selected users are not members of this account. Reload the page and try again.');
    }
    for (const target of targets) {
      const decision = authorizeSubscriptionChange({
        action: 'add',
        actorRole: actor.role,
        targetRole: target.role,
        category: params.category,
      });
      if (!decision.allowed) throw new DomainError('invalid', `${target.name ?? target.email}: ${decision.reason}`);
    }
    // Rows in one order (by user id) in every transaction: two managers adding overlapping sets at
    // once then wait for each other instead of deadlocking, which would fail one of them.
    targets.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    const inserted = await tx
      .insert(subscriptions)
      .values(
        targets.map((t) => ({
          accountId: params.accountId,
          userId: t.userId,
          category: params.category,
          addedByUserId: params.actorUserId,
        })),
      )
      .onConflictDoNothing()
      .returning({ userId: subscriptions.userId });
    await recordAudit(
      tx,
      inserted.map((row) => ({
        accountId: params.accountId,
        actorUserId: params.actorUserId,
        action: 'subscription.added' as const,
        targetUserId: row.userId,
        details: { category: params.category },
        meta: params.meta,
      })),
    );
    return { added: inserted.length, alreadySubscribed: targets.length - inserted.length };
  });
}

/**
 * Unsubscribes one user from a category after the actor typed the user's
 * e-mail to confirm. The user gets an e-mail saying from which category, in
 * which account and by whom; it is queued in the same transaction.
 */
export async function removeRecipient(
  db: Db,
  params: {
    actorUserId: string;
    accountId: string;
    category: NotificationCategory;
    userId: string;
    confirmEmail: string;
    meta: RequestMeta;
  },
): Promise<{ removed: true }> {
  return db.transaction(async (tx) => {
    const actor = await loadManager(tx, params.accountId, params.actorUserId);
    const [target] = await tx
      .select({ role: memberships.role, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, params.accountId), eq(memberships.userId, params.userId)));
    if (!target) throw new DomainError('not_found', 'This user is not a member of this account.');
    const decision = authorizeSubscriptionChange({
      action: 'remove',
      actorRole: actor.role,
      targetRole: target.role as MemberRole,
      category: params.category,
    });
    if (!decision.allowed) throw new DomainError('forbidden', decision.reason);
    if (!confirmationMatches(params.confirmEmail, target.email)) {
      throw new DomainError('invalid', `Type ${target.email} to confirm.`);
    }
    const deleted = await tx
      .delete(subscriptions)
      .where(
        and(
          eq(subscriptions.accountId, params.accountId),
          eq(subscriptions.userId, params.userId),
          eq(subscriptions.category, params.category),
        ),
      )
      .returning({ userId: subscriptions.userId });
    const categoryTitle = getCategory(params.category).title;
    if (deleted.length === 0) {
      throw new DomainError('not_found', `${target.name ?? target.email} is no longer subscribed to ${categoryTitle}.`);
    }
    await recordAudit(tx, [
      {
        accountId: params.accountId,
        actorUserId: params.actorUserId,
        action: 'subscription.removed',
        targetUserId: params.userId,
        details: { category: params.category },
        meta: params.meta,
      },
    ]);
    await queueMail(tx, {
      to: [target.email],
      template: 'unsubscribed',
      accountId: params.accountId,
      props: {
        recipientName: target.name ?? target.email,
        categoryTitle,
        accountName: actor.accountName,
        removedByName: actor.name ?? actor.email,
        removedByEmail: actor.email,
        askWhom: whomToAskAboutSubscriptions(),
        panelUrl: `${appUrl()}/accounts/${params.accountId}/notifications`,
      },
    });
    return { removed: true };
  });
}

/** Candidates for the Add recipients dialog, for a manager of the account only, each with their project roles. */
export async function findAddCandidates(
  db: Db,
  params: { actorUserId: string; accountId: string; category: NotificationCategory; search?: string; limit: number },
) {
  return db.transaction(async (tx) => {
    await loadManager(tx, params.accountId, params.actorUserId);
    const candidates = await listAddCandidates(tx, { ...params, roles: eligibleRolesFor(params.category) });
    const projectRoles = await listProjectRolesOfMembers(tx, { accountId: params.accountId, userIds: candidates.map((c) => c.userId) });
    return candidates.map((c) => ({ ...c, projectRoles: projectRoles.get(c.userId) ?? [] }));
  });
}
