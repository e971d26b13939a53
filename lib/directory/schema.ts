// The directory API's request and response bodies (README → "Directory API").
// The same schemas validate the requests and make the OpenAPI document
// (lib/api/openapi.ts), so the two cannot disagree.
import { z } from 'zod';
import { memberRole, projectRole } from '@/db/schema';
import { plainText } from '@/lib/delivery/publish-schema';
import { emailAddress } from '@/lib/events/recipients';
import { ref } from './ref';

export { ref, REF_PATTERN } from './ref';

/** A member's e-mail address, as the directory keys people by it (compared in lower case). */
export const memberEmail = emailAddress.transform((s) => s.toLowerCase()).meta({ format: 'email', description: 'An e-mail address; compared in lower case.' });

const singleLineName = (max: number) => plainText(max).refine((s) => !/[\r\n\t]/.test(s), 'must be a single line');

export const MEMBER_ROLES = memberRole.enumValues;
export const PROJECT_ROLES = projectRole.enumValues;
/** Roles a previous Owner can be given when ownership moves. */
export const FORMER_OWNER_ROLES = MEMBER_ROLES.filter((r) => r !== 'owner') as Exclude<(typeof MEMBER_ROLES)[number], 'owner'>[];

/** Most members one snapshot may hold (the bench sends 10,000). */
export const MAX_SNAPSHOT_MEMBERS = 20_000;
export const MAX_MEMBER_PROJECTS = 200;

export const accountBody = z
  .object({
    name: singleLineName(200).meta({ description: 'Shown in the panel and in e-mails.' }),
    reseller_ref: ref.nullable().optional().meta({
      description: 'Makes the account a customer of this reseller (`null`: of none). Omitted: unchanged (none for a new account).',
    }),
    is_reseller: z.boolean().optional().meta({ description: 'Omitted: unchanged (`false` for a new account).' }),
    owner: z
      .object({ email: memberEmail, name: singleLineName(120).optional() })
      .strict()
      .optional()
      .meta({
        description:
          'The Account Owner. Required when the request creates the account (every account has exactly one Owner). On an existing account, a different person becomes Owner and the previous Owner an Account Administrator.',
      }),
  })
  .strict();
export type AccountBody = z.infer<typeof accountBody>;

const projectRoleEntry = z
  .object({ ref, role: z.enum(PROJECT_ROLES) })
  .strict()
  .meta({ description: 'A role in one project of the account, by the project’s ref.' });

/** Project roles of one member: each project at most once. */
const memberProjects = z
  .array(projectRoleEntry)
  .max(MAX_MEMBER_PROJECTS)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p.ref)) ctx.addIssue({ code: 'custom', path: [i, 'ref'], message: `names project "${p.ref}" twice` });
      seen.add(p.ref);
    });
  });

const memberFields = {
  name: singleLineName(120).optional().meta({ description: 'The person’s name. Omitted: unchanged (the e-mail for a new person).' }),
  role: z.enum(MEMBER_ROLES).meta({
    description:
      'The role in the account. `owner` moves ownership to this member; `project_member` has access only through `projects`.',
  }),
  projects: memberProjects.optional().meta({ description: 'The member’s project roles, replacing the current ones. Omitted: none.' }),
};

const requireProjectsForProjectMember = (m: { role: string; projects?: unknown[] }, ctx: z.RefinementCtx) => {
  if (m.role === 'project_member' && !m.projects?.length) {
    ctx.addIssue({ code: 'custom', path: ['projects'], message: 'must name at least one project for the role project_member' });
  }
};

export const memberBody = z
  .object({
    ...memberFields,
    previous_owner_role: z.enum(FORMER_OWNER_ROLES).optional().meta({
      description: 'When `role` is `owner` and someone else owns the account: their new role. Default `account_admin`.',
    }),
  })
  .strict()
  .superRefine(requireProjectsForProjectMember);
export type MemberBody = z.infer<typeof memberBody>;

export const projectBody = z.object({ name: singleLineName(200) }).strict();

const snapshotMember = z
  .object({ email: memberEmail, ...memberFields })
  .strict()
  .superRefine(requireProjectsForProjectMember);
export type SnapshotMember = z.infer<typeof snapshotMember>;

export const snapshotBody = z
  .object({
    projects: z
      .array(z.object({ ref, name: singleLineName(200) }).strict())
      .max(10_000)
      .optional()
      .meta({ description: 'The account’s whole project list: projects not in it are removed. Omitted: projects unchanged.' }),
    members: z.array(snapshotMember).max(MAX_SNAPSHOT_MEMBERS).meta({ description: 'Every member of the account, exactly one of them `owner`.' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const owners = body.members.filter((m) => m.role === 'owner').length;
    if (owners !== 1) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: owners === 0 ? 'must name exactly one owner, and names none' : `must name exactly one owner, and names ${owners}` });
    }
    const emails = new Set<string>();
    body.members.forEach((m, i) => {
      if (emails.has(m.email)) ctx.addIssue({ code: 'custom', path: ['members', i, 'email'], message: `lists ${m.email} twice` });
      emails.add(m.email);
    });
    if (body.projects) {
      const refs = new Set<string>();
      const names = new Set<string>();
      body.projects.forEach((p, i) => {
        if (refs.has(p.ref)) ctx.addIssue({ code: 'custom', path: ['projects', i, 'ref'], message: `lists project "${p.ref}" twice` });
        if (names.has(p.name.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['projects', i, 'name'], message: `names two projects "${p.name}"` });
        refs.add(p.ref);
        names.add(p.name.toLowerCase());
      });
      body.members.forEach((m, i) =>
        m.projects?.forEach((p, j) => {
          if (!refs.has(p.ref)) ctx.addIssue({ code: 'custom', path: ['members', i, 'projects', j, 'ref'], message: `is not a project of this snapshot` });
        }),
      );
    }
  });
export type SnapshotBody = z.infer<typeof snapshotBody>;

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

const timestamp = z.string().meta({ format: 'date-time' });

export const accountResponse = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    ref: z.string().nullable(),
    name: z.string(),
    is_reseller: z.boolean(),
    reseller_ref: z.string().nullable().meta({ description: 'The reseller’s ref (null when it has none, or when it is not a customer).' }),
    status: z.enum(['open', 'closed']),
    closed_at: timestamp.nullable(),
    created_at: timestamp,
  })
  .strict();
export type AccountResponse = z.infer<typeof accountResponse>;

export const memberResponse = z
  .object({
    email: z.string(),
    name: z.string().nullable(),
    user_id: z.string(),
    role: z.enum(MEMBER_ROLES),
    projects: z.array(z.object({ ref: z.string().nullable(), name: z.string(), role: z.enum(PROJECT_ROLES) }).strict()),
    since: timestamp,
  })
  .strict();
export type MemberResponse = z.infer<typeof memberResponse>;

export const memberListResponse = z
  .object({
    members: z.array(memberResponse),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .strict();

export const projectResponse = z
  .object({ id: z.string().meta({ format: 'uuid' }), ref: z.string().nullable(), name: z.string(), created_at: timestamp })
  .strict();

export const snapshotResponse = z
  .object({
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    projects: z
      .object({ added: z.number().int(), renamed: z.number().int(), removed: z.number().int() })
      .strict()
      .optional()
      .meta({ description: 'Present when the snapshot carried `projects`.' }),
  })
  .strict()
  .meta({ description: 'How many members the snapshot added, changed (role, projects or name), removed, and left as they were.' });
export type SnapshotResult = z.infer<typeof snapshotResponse>;
