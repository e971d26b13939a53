import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts, projectMemberships, projects, type ProjectRole } from '@/db/schema';

export type ProjectRoleEntry = { projectName: string; role: ProjectRole };

/**
 * The project roles of some members of one account, by user: a project member's
 * role is shown as "Project Administrator · Web shop" (seeds 000/001). One query
 * for the whole page of users.
 */
export async function listProjectRolesOfMembers(
  db: Tx,
  params: { accountId: string; userIds: readonly string[] },
): Promise<Map<string, ProjectRoleEntry[]>> {
  const byUser = new Map<string, ProjectRoleEntry[]>();
  if (params.userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: projectMemberships.userId, projectName: projects.name, role: projectMemberships.role })
    .from(projectMemberships)
    .innerJoin(projects, eq(projects.id, projectMemberships.projectId))
    .where(and(eq(projectMemberships.accountId, params.accountId), inArray(projectMemberships.userId, [...params.userIds])))
    .orderBy(asc(projects.name));
  for (const { userId, ...entry } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), entry]);
  return byUser;
}

/** One person's project roles in each of their open accounts, by account (for the account switcher and the profile). */
export async function listProjectRolesOfUser(db: Tx, params: { userId: string }): Promise<Map<string, ProjectRoleEntry[]>> {
  const rows = await db
    .select({ accountId: projectMemberships.accountId, projectName: projects.name, role: projectMemberships.role })
    .from(projectMemberships)
    .innerJoin(projects, eq(projects.id, projectMemberships.projectId))
    .innerJoin(accounts, eq(accounts.id, projectMemberships.accountId))
    .where(and(eq(projectMemberships.userId, params.userId), isNull(accounts.closedAt)))
    .orderBy(asc(projects.name));
  const byAccount = new Map<string, ProjectRoleEntry[]>();
  for (const { accountId, ...entry } of rows) byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), entry]);
  return byAccount;
}
