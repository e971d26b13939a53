import type { MemberRole, ProjectRole } from '@/db/schema';

export const roleLabels: Record<MemberRole, string> = {
  owner: 'Account Owner',
  account_admin: 'Account Administrator',
  billing_admin: 'Billing Administrator',
  user_admin: 'User Administrator',
  subscriber: 'Subscriber',
  // Not a role of the seeds: a project member is shown by their project roles (memberRoleLabels).
  project_member: 'Project-level user',
};

export const projectRoleLabels: Record<ProjectRole, string> = {
  project_admin: 'Project Administrator',
  project_supervisor: 'Project Supervisor',
};

/** How roles are named: in English (below), or in the reader's language (lib/i18n/role-names.ts). */
export type RoleNames = { role: (role: MemberRole) => string; projectRole: (role: ProjectRole) => string; noProjectRole: string };

export const englishRoleNames: RoleNames = {
  role: (role) => roleLabels[role],
  projectRole: (role) => projectRoleLabels[role],
  noProjectRole: 'No project role',
};

/**
 * A member's roles as the seeds name them, one label each: the account role, and every
 * project role with its project ("Project Administrator · Web shop"). A project member's
 * access is only through projects, so they have no account role to show.
 */
export function memberRoleLabels(
  role: MemberRole,
  projectRoles: ReadonlyArray<{ role: ProjectRole; projectName: string }> = [],
  names: RoleNames = englishRoleNames,
): string[] {
  const inProjects = projectRoles.map((p) => `${names.projectRole(p.role)} · ${p.projectName}`);
  if (role !== 'project_member') return [names.role(role), ...inProjects];
  return inProjects.length > 0 ? inProjects : [names.noProjectRole];
}

/** memberRoleLabels in one line, for places with room for one ("Project Administrator · Web shop, Project Supervisor · Analytics"). */
export const memberRoleLabel = (...args: Parameters<typeof memberRoleLabels>) => memberRoleLabels(...args).join(', ');
