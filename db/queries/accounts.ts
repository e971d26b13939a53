import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts, memberships, projectMemberships, projects } from '@/db/schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** The accounts a person belongs to, with their role in each, for the account switcher. */
export function listAccountsForUser(db: Tx, params: { userId: string }) {
  return db
    .select({ id: accounts.id, name: accounts.name, isReseller: accounts.isReseller, role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(memberships.userId, params.userId))
    .orderBy(asc(accounts.name));
}

/** One person's membership of one account, with the account and their project roles; null when not a member. */
export async function getMembership(db: Tx, params: { accountId: string; userId: string }) {
  if (!isUuid(params.accountId)) return null;
  const [row] = await db
    .select({ account: accounts, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.accountId, params.accountId), eq(memberships.userId, params.userId)));
  if (!row) return null;
  const projectRoles = await db
    .select({ projectId: projectMemberships.projectId, projectName: projects.name, role: projectMemberships.role })
    .from(projectMemberships)
    .innerJoin(projects, eq(projects.id, projectMemberships.projectId))
    .where(and(eq(projectMemberships.accountId, params.accountId), eq(projectMemberships.userId, params.userId)));
  return { ...row, projectRoles };
}
