// The one membership gate: every domain function and every page that acts for a
// person in an account asks here whether they belong to it (an open account,
// their role) and, when a rule is given, whether that role may do the thing.
// A stranger and an unknown account get the same answer, so ids reveal nothing.
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db';
import { isUuid } from '@/db/queries/accounts';
import { accounts, memberships, users, type MemberRole } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import type { Decision } from '@/lib/notifications/rules';

export const NOT_A_MEMBER = 'This account does not exist or you are not a member of it.';

export type Membership = {
  role: MemberRole;
  since: Date;
  account: typeof accounts.$inferSelect;
  user: { id: string; name: string | null; email: string };
};

/** A rule about what a member may do: given the membership, allowed or a reason. */
export type MembershipRule = (m: Membership) => Decision;

/** Adapts a rule written over the role alone (most of rules.ts). */
export const byRole =
  (rule: (role: MemberRole) => Decision): MembershipRule =>
  (m) =>
    rule(m.role);

/** The person's membership of an open account, or null: read in the caller's transaction. */
export async function findMembership(tx: Tx, who: { accountId: string; userId: string }): Promise<Membership | null> {
  if (!isUuid(who.accountId)) return null;
  const [row] = await tx
    .select({
      role: memberships.role,
      since: memberships.createdAt,
      account: accounts,
      user: { id: users.id, name: users.name, email: users.email },
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, who.accountId), eq(memberships.userId, who.userId), isNull(accounts.closedAt)));
  return row ?? null;
}

/**
 * The membership, or `not_found` for strangers, unknown and closed accounts; with a rule, also
 * `forbidden` with the rule's reason when the member's role may not do it.
 */
export async function requireMembership(tx: Tx, who: { accountId: string; userId: string }, rule?: MembershipRule): Promise<Membership> {
  const membership = await findMembership(tx, who);
  if (!membership) throw new DomainError('not_found', NOT_A_MEMBER);
  if (rule) {
    const decision = rule(membership);
    if (!decision.allowed) throw new DomainError('forbidden', decision.reason);
  }
  return membership;
}
