import type { MemberRole, ProjectRole } from '@/db/schema';

export const roleLabels: Record<MemberRole, string> = {
  owner: 'Account Owner',
  account_admin: 'Account Administrator',
  billing_admin: 'Billing Administrator',
  user_admin: 'User Administrator',
  subscriber: 'Subscriber',
  project_member: 'Project user',
};

export const projectRoleLabels: Record<ProjectRole, string> = {
  project_admin: 'Project Administrator',
  project_supervisor: 'Project Supervisor',
};

/** Account-level users (seed: "Account Owner, Account Administrator, Billing Administrator, User Administrator, Subscriber"). */
export const accountLevelRoles: readonly MemberRole[] = ['owner', 'account_admin', 'billing_admin', 'user_admin', 'subscriber'];

export const isAccountLevel = (role: MemberRole) => accountLevelRoles.includes(role);
