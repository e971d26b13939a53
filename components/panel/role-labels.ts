import type { MemberRole, ProjectRole } from '@/db/schema';

/** How each account-level role is called in the panel (the names the source documents use). */
export const memberRoleLabels: Record<MemberRole, string> = {
  owner: 'Owner',
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
