// The one membership gate: every domain function and every page that acts for a
// person in an account asks here whether they belong to it (an open account,
// their role) and, when a rule is given, whether that role may do the thing.
// A stranger and an unknown account get the same answer, so ids reveal nothing.
import { and, eq, isNull, sql } from 'drizzle-orm';
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

/**
 * The person with this address (any case) who may sign in, or null: someone added to at least one
 * open account. A person the directory removed from their last account keeps their user row (the
 * audit log names them) but no longer gets in. Every way in asks here (sign-in links, SSO).
 */
export async function findPersonWhoMaySignIn(tx: Tx, by: { email: string }): Promise<{ id: string; email: string } | null> {
  const email = by.email.toLowerCase();
  const [row] = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        sql`lower(${users.email}) = ${email}`,
        sql`exists (select 1 from ${memberships} join ${accounts} on ${accounts.id} = ${memberships.accountId}
                    where ${memberships.userId} = ${users.id} and ${accounts.closedAt} is null)`,
      ),
    )
    // Addresses are stored in lower case; should one not be, the exact match wins.
    .orderBy(sql`${users.email} = ${email} desc`)
    .limit(1);
  return row ?? null;
}

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
