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

