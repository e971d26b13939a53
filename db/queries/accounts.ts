import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts, memberships, projectMemberships, projects } from '@/db/schema';

/** Memberships count only in open accounts: from the moment the directory closes an account, its members no longer reach it. */
export const accountIsOpen = (accountId: SQL | typeof memberships.accountId): SQL =>
  sql`exists (select 1 from ${accounts} where ${accounts.id} = ${accountId} and ${accounts.closedAt} is null)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** The accounts a person belongs to, with their role in each, for the account switcher. */
export function listAccountsForUser(db: Tx, params: { userId: string }) {
  return db
    .select({ id: accounts.id, name: accounts.name, isReseller: accounts.isReseller, role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, params.userId), isNull(accounts.closedAt)))
    .orderBy(asc(accounts.name));
}

/** One person's project roles in one account (the membership itself is lib/membership.ts's). */
export function listOwnProjectRoles(db: Tx, params: { accountId: string; userId: string }) {
  return db
    .select({ projectId: projectMemberships.projectId, projectName: projects.name, role: projectMemberships.role })
    .from(projectMemberships)
    .innerJoin(projects, eq(projects.id, projectMemberships.projectId))
    .where(and(eq(projectMemberships.accountId, params.accountId), eq(projectMemberships.userId, params.userId)));
}
