import { and, asc, count, eq, ilike, inArray, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db';
import { memberships, subscriptions, users, type MemberRole, type NotificationCategory } from '@/db/schema';

const addedBy = alias(users, 'added_by');

// Case-insensitive name order compared byte-wise ("C"): a locale-aware sort of the
// whole list dominated the page's query time in large accounts.
const byName = sql`lower(coalesce(${users.name}, ${users.email})) collate "C"`;

/** Escapes LIKE wildcards so a search for "a_b" finds "a_b", not "axb". */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchCondition(search: string | undefined): SQL | undefined {
  const q = search?.trim();
  if (!q) return undefined;
  return or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q)));
}

/** The account's Owner, shown locked at the top of every category. */
export async function getAccountOwner(db: Tx, params: { accountId: string }) {
  const [owner] = await db
    .select({ userId: users.id, name: users.name, email: users.email, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, params.accountId), eq(memberships.role, 'owner')));
  return owner ?? null;
}

/** One page of a category's subscribers (the Owner is not stored and not included). */
export async function listSubscribers(
  db: Tx,
  params: { accountId: string; category: NotificationCategory; search?: string; page: number; pageSize: number },
) {
  const where = and(
    eq(subscriptions.accountId, params.accountId),
    eq(subscriptions.category, params.category),
    searchCondition(params.search),
  );
  const base = db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: subscriptions.createdAt,
      addedByName: addedBy.name,
      addedByEmail: addedBy.email,
    })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .innerJoin(memberships, and(eq(memberships.accountId, subscriptions.accountId), eq(memberships.userId, subscriptions.userId)))
    .leftJoin(addedBy, eq(addedBy.id, subscriptions.addedByUserId))
    .where(where);
  const [rows, [{ total }]] = await Promise.all([
    base
      .orderBy(asc(byName), asc(users.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    params.search?.trim()
      ? db.select({ total: count() }).from(subscriptions).innerJoin(users, eq(users.id, subscriptions.userId)).where(where)
      : db.select({ total: count() }).from(subscriptions).where(where),
  ]);
  return { rows, total };
}

/** Subscriber counts per category, for the tab labels. */
export async function countSubscribersByCategory(db: Tx, params: { accountId: string }) {
  const rows = await db
    .select({ category: subscriptions.category, total: count() })
    .from(subscriptions)
    .where(eq(subscriptions.accountId, params.accountId))
    .groupBy(subscriptions.category);
  return Object.fromEntries(rows.map((r) => [r.category, r.total])) as Partial<Record<NotificationCategory, number>>;
}

/** The categories one user is subscribed to in an account, with who added them. */
export function listUserSubscriptions(db: Tx, params: { accountId: string; userId: string }) {
  return db
    .select({
      category: subscriptions.category,
      since: subscriptions.createdAt,
      addedByName: addedBy.name,
      addedByEmail: addedBy.email,
    })
    .from(subscriptions)
    .leftJoin(addedBy, eq(addedBy.id, subscriptions.addedByUserId))
    .where(and(eq(subscriptions.accountId, params.accountId), eq(subscriptions.userId, params.userId)));
}

/** Users who may be added to a category: of the roles that may have it (rules.ts: eligibleRolesFor) and not yet subscribed. */
export function listAddCandidates(
  db: Tx,
  params: { accountId: string; category: NotificationCategory; roles: readonly MemberRole[]; search?: string; limit: number },
) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.accountId, params.accountId),
        inArray(memberships.role, [...params.roles]),
        notExists(
          db
            .select({ one: sql`1` })
            .from(subscriptions)
            .where(
              and(
                eq(subscriptions.accountId, memberships.accountId),
                eq(subscriptions.userId, memberships.userId),
                eq(subscriptions.category, params.category),
              ),
            ),
        ),
        searchCondition(params.search),
      ),
    )
    .orderBy(asc(byName), asc(users.id))
    .limit(params.limit);
}

/** The account's members of the roles that can change subscriptions (rules.ts: MANAGER_ROLES), for "ask …" hints. */
export function listSubscriptionManagers(db: Tx, params: { accountId: string; roles: readonly MemberRole[] }) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, params.accountId), inArray(memberships.role, [...params.roles])))
    .orderBy(asc(memberships.role), asc(users.name));
}
