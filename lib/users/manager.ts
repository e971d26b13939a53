// What every change on Access control → Users starts with, in its transaction:
// the account's row locked (the directory API locks it too, so a panel change
// and a directory request about one account take turns), the actor a manager
// of it, and the panel allowed to change it at all (DIRECTORY_READ_ONLY).
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts } from '@/db/schema';
import { ApiProblem } from '@/lib/api/result';
import type { RequestMeta } from '@/lib/audit';
import { changeMembers, type MemberPlan } from '@/lib/directory/members';
import { directoryReadOnly } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { byRole, requireMembership, type Membership } from '@/lib/membership';
import { panelMemberChanges, userManagement } from '@/lib/notifications/rules';

export type UserManager = Membership;

export async function lockManagedAccount(tx: Tx, params: { accountId: string; actorUserId: string }): Promise<UserManager> {
  const manager = await requireMembership(tx, { accountId: params.accountId, userId: params.actorUserId }, byRole(userManagement));
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, params.accountId)).for('update');
  const panel = panelMemberChanges({ managedByDirectory: manager.account.ref !== null, directoryReadOnly: directoryReadOnly() });
  if (!panel.allowed) throw new DomainError('forbidden', panel.reason);
  return manager;
}

/** changeMembers (the directory's rules, one place) with a person as the actor; its refusals read as the panel's. */
export async function changeMembersAsPerson(tx: Tx, accountId: string, actor: { userId: string; meta: RequestMeta }, plan: MemberPlan) {
  try {
    return await changeMembers(tx, { id: accountId }, actor, plan);
  } catch (error) {
    if (error instanceof ApiProblem) throw new DomainError('invalid', error.message);
    throw error;
  }
}

/** The member's row in the account, or not found. */
export async function findTargetMember(tx: Tx, accountId: string, userId: string) {
  const rows = await tx.execute<{ user_id: string; name: string | null; email: string; role: Membership['role']; project_roles: number }>(sql`
    select u.id as user_id, u.name, u.email, m.role,
           (select count(*)::int from project_memberships pm where pm.account_id = m.account_id and pm.user_id = m.user_id) as project_roles
    from memberships m join users u on u.id = m.user_id
    where m.account_id = ${accountId} and m.user_id = ${userId}`);
  const row = rows.rows[0];
  if (!row) throw new DomainError('not_found', 'This user is not a member of this account. Reload the page to see who is.');
  return { userId: row.user_id, name: row.name, email: row.email, role: row.role, projectRoles: row.project_roles };
}
