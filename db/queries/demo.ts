import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts, memberships, projectMemberships, projects } from '@/db/schema';

/**
 * Every account role and project role of the given people, for the demo sign-in
 * list ("Owner · Northwind Labs"). Two set-based queries, whatever the number of people.
 */
export async function listRolesForUsers(db: Tx, params: { userIds: string[] }) {
  if (params.userIds.length === 0) return { accountRoles: [], projectRoles: [] };
  const [accountRoles, projectRoles] = await Promise.all([
    db
      .select({
        userId: memberships.userId,
        accountId: accounts.id,
        accountName: accounts.name,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(inArray(memberships.userId, params.userIds))
      .orderBy(asc(accounts.name)),
    db
      .select({
        userId: projectMemberships.userId,
        accountId: projectMemberships.accountId,
        projectName: projects.name,
        role: projectMemberships.role,
      })
      .from(projectMemberships)
      .innerJoin(projects, eq(projects.id, projectMemberships.projectId))
      .where(inArray(projectMemberships.userId, params.userIds))
      .orderBy(asc(projects.name)),
  ]);
  return { accountRoles, projectRoles };
}
