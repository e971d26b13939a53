// The directory API's operations on members: one member, or the whole list as
// a snapshot. Each is one transaction that locks the account first; the rules
// themselves are in members.ts (changeMembers).
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { textArray } from '@/db/sql-array';
import { ApiProblem } from '@/lib/api/result';
import { lockAccount, type DirectoryActor } from './accounts';
import { changeMembers, getMember } from './members';
import type { MemberBody, SnapshotBody, SnapshotResult } from './schema';
import { queryRows } from '@/db';

const memberNotFound = (accountRef: string, email: string) => new ApiProblem(404, 'member_not_found', `${email} is not a member of account "${accountRef}".`);

/** Adds or changes one member; answers whether they are new, and how they are now. */
export async function putMember(db: Db, actor: DirectoryActor, accountRef: string, email: string, body: MemberBody) {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, accountRef);
    const result = await changeMembers(tx, account, actor, {
      mode: 'partial',
      members: [{ email, name: body.name, role: body.role, projects: body.projects ?? (body.role === 'project_member' ? [] : undefined) }],
      remove: [],
      previousOwnerRole: body.previous_owner_role,
    });
    return { created: result.added > 0, member: (await getMember(tx, account.id, email))! };
  });
}

/** Ends one membership (the Owner's only by making someone else Owner first). */
export async function removeMember(db: Db, actor: DirectoryActor, accountRef: string, email: string) {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, accountRef);
    if (!(await getMember(tx, account.id, email))) throw memberNotFound(accountRef, email);
    await changeMembers(tx, account, actor, { mode: 'partial', members: [], remove: [email] });
  });
}

/** One member as the API answers it; 404 when not a member. */
export async function readMember(tx: Tx, accountId: string, accountRef: string, email: string) {
  const member = await getMember(tx, accountId, email);
  if (!member) throw memberNotFound(accountRef, email);
  return member;
}

/**
 * The whole member list (and, when given, the whole project list) of one
 * account. Set-based in one transaction: the same snapshot twice changes
 * nothing the second time, and writes no audit entry.
 */
export async function applySnapshot(db: Db, actor: DirectoryActor, accountRef: string, body: SnapshotBody): Promise<SnapshotResult & { projects?: { added: number; renamed: number; removed: number } }> {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, accountRef);
    const projects = body.projects ? await syncProjects(tx, account.id, actor, body.projects) : undefined;
    const members = await changeMembers(tx, account, actor, {
      mode: 'snapshot',
      members: body.members.map((m) => ({ email: m.email, name: m.name, role: m.role, projects: m.projects ?? [] })),
      remove: [],
      fieldOf: (i) => `members.${i}.`,
    });
    return projects ? { ...members, projects } : members;
  });
}

/** Makes the account's live projects exactly `wanted` (by ref): creates, renames, removes. */
async function syncProjects(tx: Tx, accountId: string, actor: DirectoryActor, wanted: { ref: string; name: string }[]) {
  const refs = textArray(wanted.map((p) => p.ref));
  const names = textArray(wanted.map((p) => p.name));
  const auditRow = (action: string, details: ReturnType<typeof sql>) => sql`
    insert into audit_log (account_id, actor_api_key_id, action, details, ip, user_agent)
    select ${accountId}, ${actor.apiKeyId}::uuid, ${action}, ${details}, ${actor.meta.ip}, ${actor.meta.userAgent?.slice(0, 512) ?? null}`;
  // Removed first, then renamed, then created, so that a name can pass from one project to another.
  const removed = await queryRows<{ id: string; ref: string | null; name: string }>(tx, sql`
    update projects p set removed_at = now()
    where p.account_id = ${accountId} and p.removed_at is null and (p.ref is null or p.ref <> all(${refs}))
    returning p.id, p.ref, p.name`);
  if (removed.length) {
    await tx.execute(sql`delete from project_memberships where account_id = ${accountId} and project_id = any(${textArray(removed.map((r) => r.id))}::uuid[])`);
    await tx.execute(sql`${auditRow('project.removed', sql`jsonb_build_object('ref', r.ref, 'name', r.name)`)}
      from unnest(${textArray(removed.map((r) => r.ref ?? ''))}, ${textArray(removed.map((r) => r.name))}) as r(ref, name)`);
  }
  const renamed = await queryRows<{ ref: string; before: string; after: string }>(tx, sql`
    with renamed as (
      select p.id, p.ref, p.name as before, v.name as after
      from projects p join unnest(${refs}, ${names}) as v(ref, name) on v.ref = p.ref
      where p.account_id = ${accountId} and p.removed_at is null and p.name <> v.name
    )
    update projects p set name = r.after from renamed r where p.id = r.id
    returning r.ref, r.before, r.after`);
  if (renamed.length) {
    await tx.execute(sql`${auditRow('project.renamed', sql`jsonb_build_object('ref', r.ref, 'before', r.before, 'after', r.after)`)}
      from unnest(${textArray(renamed.map((r) => r.ref))}, ${textArray(renamed.map((r) => r.before))}, ${textArray(renamed.map((r) => r.after))}) as r(ref, before, after)`);
  }
  const created = await queryRows<{ ref: string; name: string }>(tx, sql`
    insert into projects (account_id, ref, name)
    select ${accountId}, v.ref, v.name from unnest(${refs}, ${names}) as v(ref, name)
    where not exists (select 1 from projects p where p.account_id = ${accountId} and p.removed_at is null and p.ref = v.ref)
    returning ref, name`);
  if (created.length) {
    await tx.execute(sql`${auditRow('project.created', sql`jsonb_build_object('ref', r.ref, 'name', r.name)`)}
      from unnest(${textArray(created.map((r) => r.ref))}, ${textArray(created.map((r) => r.name))}) as r(ref, name)`);
  }
  return { added: created.length, renamed: renamed.length, removed: removed.length };
}
