// Who belongs to an account, as the host platform says (README → "Directory
// API"). One function, `changeMembers`, applies every membership change —
// one member or a whole snapshot of 10,000 — with set-based statements in the
// caller's transaction, so the rules below hold the same way for both:
//
// - exactly one Owner: naming a new Owner moves ownership, the previous Owner
//   gets the role the request names (DEFAULT_FORMER_OWNER_ROLE otherwise) and
//   keeps receiving what that role may receive; nothing may leave the account
//   without an Owner;
// - a change of role ends the subscriptions the new role may not have
//   (rules.ts: eligibleRolesFor), and a new Subscriber's queued Telegram
//   messages of the account are skipped;
// - a removed member loses every subscription and project role of the
//   account, and their deliveries of it still waiting to be sent are skipped
//   ("no longer a member"). An e-mail chunk that has already been attempted
//   keeps its members: its retry must be the identical request to Resend, or
//   exactly-once would break;
// - every change is in the audit log, with the API key (directory API) or the
//   person (Access control → Users) as the actor; a request that changes
//   nothing writes nothing.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { textArray } from '@/db/sql-array';
import type { MemberRole, ProjectRole } from '@/db/schema';
import { ApiProblem, fieldProblem } from '@/lib/api/result';
import { categoryKeys } from '@/lib/notifications/catalog';
import { DEFAULT_FORMER_OWNER_ROLE } from '@/lib/notifications/rules';
import { subscriptionAllowedSql } from '@/lib/notifications/rules-sql';
import type { RequestMeta } from '@/lib/audit';
import type { DirectoryActor } from './accounts';
import type { MemberResponse, SnapshotResult } from './schema';
import { queryRows } from '@/db';

/** Why a delivery was not sent after its recipient left the account. */
export const SKIPPED_NOT_A_MEMBER = 'Skipped: no longer a member of the account';
export const SKIPPED_NO_TELEGRAM = 'Skipped: Subscribers do not receive Telegram messages';

export type MemberChange = {
  email: string;
  name?: string;
  role: MemberRole;
  /** The member's project roles, replacing theirs; undefined keeps them as they are. */
  projects: { ref: string; role: ProjectRole }[] | undefined;
};

export type MemberPlan = {
  /** `snapshot`: `members` is everyone, and members not in it are removed. */
  mode: 'partial' | 'snapshot';
  members: MemberChange[];
  /** E-mails to remove (partial mode). */
  remove: string[];
  previousOwnerRole?: MemberRole;
  /** Where member i sits in the request body, for error messages ("members.3."). */
  fieldOf?: (index: number) => string;
};

/** Who changes the members: the host platform's API key, or a person in the panel. */
export type MemberActor = DirectoryActor | { userId: string; meta: RequestMeta };

/** The audit log's two actor columns, `actor_user_id, actor_api_key_id`, for the actor. */
const actorValues = (actor: MemberActor) =>
  'apiKeyId' in actor ? sql`null::text, ${actor.apiKeyId}::uuid` : sql`${actor.userId}::text, null::uuid`;

const ownerRequired = (message: string) => new ApiProblem(422, 'owner_required', message);

/**
 * Applies a membership plan to one account (whose row the caller has locked)
 * and answers how many members were added, changed, removed and left as they were.
 */
export async function changeMembers(tx: Tx, account: { id: string }, actor: MemberActor, plan: MemberPlan): Promise<SnapshotResult> {
  const acc = account.id;
  const fieldOf = plan.fieldOf ?? (() => '');
  let members = plan.members;

  // Project roles name projects by ref: every one must be a live project of the account.
  const refs = [...new Set(members.flatMap((m) => m.projects?.map((p) => p.ref) ?? []))];
  if (refs.length) {
    const found = await queryRows<{ ref: string }>(tx, sql`
      select ref from projects where account_id = ${acc} and removed_at is null and ref = any(${textArray(refs)})`);
    const known = new Set(found.map((r) => r.ref));
    members.forEach((m, i) =>
      m.projects?.forEach((p, j) => {
        if (!known.has(p.ref)) throw fieldProblem(`${fieldOf(i)}projects.${j}.ref`, `is not a project of this account`, 'project_not_found');
      }),
    );
  }

  const [owner] = await queryRows<{ user_id: string; email: string }>(tx, sql`
    select m.user_id, lower(u.email) as email from memberships m join users u on u.id = m.user_id
    where m.account_id = ${acc} and m.role = 'owner'`);
  if (plan.mode === 'partial' && owner) {
    const newOwner = members.find((m) => m.role === 'owner' && m.email !== owner.email);
    const ownerEntry = members.find((m) => m.email === owner.email);
    if (plan.remove.includes(owner.email)) {
      throw ownerRequired(`${owner.email} is the Account Owner and cannot be removed. Make someone else the Owner first.`);
    }
    if (ownerEntry && ownerEntry.role !== 'owner' && !newOwner) {
      throw ownerRequired(`${owner.email} is the Account Owner: give another member the role owner, and ${owner.email} gets previous_owner_role.`);
    }
    if (newOwner && !ownerEntry) {
      members = [...members, { email: owner.email, role: plan.previousOwnerRole ?? DEFAULT_FORMER_OWNER_ROLE, projects: undefined }];
    }
  }

  // One pass over the request against the account as it is: every member's kind of change.
  // A member's project roles are compared as "ref:role" lists sorted by ref (refs are ASCII, so
  // JavaScript's sort and collate "C" agree); project roles in a project without a ref count as a difference.
  const projectKey = (m: MemberChange) =>
    m.projects
      ? m.projects
          .map((p) => `${p.ref}:${p.role}`)
          .sort()
          .join(',')
      : '';
  const removedWhere =
    plan.mode === 'snapshot'
      ? sql`not exists (select 1 from d where d.user_id = m.user_id)`
      : sql`m.user_id in (select id from users where email = any(${textArray(plan.remove)}))`;
  await tx.execute(sql`drop table if exists dir_diff, dir_pm`);
  await tx.execute(sql`
    create temp table dir_diff on commit drop as
    with v as (
      select * from unnest(
        ${textArray(members.map((m) => m.email))}, ${textArray(members.map((m) => m.name ?? ''))}, ${textArray(members.map((m) => m.role))},
        ${textArray(members.map((m) => (m.projects ? JSON.stringify(m.projects) : '')))}, ${textArray(members.map(projectKey))}
      ) as v(email, name, role, projects, project_key)
    ),
    cur as (
      select pm.user_id, string_agg(coalesce(p.ref, '#' || p.id::text) || ':' || pm.role, ',' order by coalesce(p.ref, '#' || p.id::text) collate "C") as s
      from project_memberships pm join projects p on p.id = pm.project_id
      where pm.account_id = ${acc} group by pm.user_id
    ),
    d as materialized (
      select u.id as user_id, v.email, nullif(v.name, '') as name, m.role as old_role, v.role::member_role as new_role,
             nullif(v.projects, '')::jsonb as projects,
             (v.projects <> '' and coalesce(cur.s, '') <> v.project_key) as projects_changed,
             (v.name <> '' and u.name is distinct from v.name) as renamed,
             m.user_id is null as is_new
      from v
      -- One index look-up per member, whatever the size of the users table (every account's people);
      -- "limit 1" keeps the planner from turning it into a hash of the whole table.
      left join lateral (select id, name from users where email = v.email limit 1) u on true
      left join memberships m on m.account_id = ${acc} and m.user_id = u.id
      left join cur on cur.user_id = u.id
    )
    -- Members left as they are need nothing more: only the others are kept (and counted from the rest).
    select user_id, email, name, old_role, new_role, projects, projects_changed, renamed,
           case when is_new then 'added' else 'changed' end as kind
    from d
    where is_new or old_role <> new_role or projects_changed or renamed
    union all
    select m.user_id, null, null, m.role, null, null, false, false, 'removed'
    from memberships m
    where m.account_id = ${acc} and ${removedWhere}`);

  // The temporary tables' sizes, for the plans of the statements below.
  await tx.execute(sql`analyze dir_diff`);
  const [todo] = await queryRows<{ new_people: number; renamed: number }>(tx, sql`
    select count(*) filter (where user_id is null)::int as new_people, count(*) filter (where renamed)::int as renamed from dir_diff`);
  if (todo.new_people) {
    // People new to this product. A concurrent request may create the same person first: then theirs is used.
    await tx.execute(sql`
      insert into users (id, email, name)
      select gen_random_uuid()::text, d.email, d.name from dir_diff d where d.user_id is null
      on conflict (email) do nothing`);
    await tx.execute(sql`update dir_diff d set user_id = u.id from users u where d.user_id is null and u.email = d.email`);
  }
  if (todo.renamed) await queryRows(tx, sql`update users u set name = d.name from dir_diff d where d.renamed and u.id = d.user_id`);
  // The project roles to write: of new members, and of members whose list differs.
  await tx.execute(sql`
    create temp table dir_pm on commit drop as
    select d.user_id, p.id as project_id, (e->>'role')::project_role as role
    from dir_diff d
    cross join lateral jsonb_array_elements(d.projects) e
    join projects p on p.account_id = ${acc} and p.removed_at is null and p.ref = e->>'ref'
    where d.projects is not null and (d.kind = 'added' or d.projects_changed)`);

  const counts = await queryRows<{ kind: string; n: number }>(tx, sql`select kind, count(*)::int as n from dir_diff group by kind`);
  const result: SnapshotResult = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const c of counts) result[c.kind as 'added' | 'changed' | 'removed'] = c.n;
  result.unchanged = members.length - result.added - result.changed;
  if (result.added + result.changed + result.removed === 0) return result;


  // Removed members: what was still waiting to go to them is skipped, then the membership ends
  // (its subscriptions and project roles go with it, by foreign key).
  if (result.removed) {
    await tx.execute(sql`
      with gone as (
        select d.user_id, lower(u.email) as email, tl.chat_id::text as chat
        from dir_diff d join users u on u.id = d.user_id left join telegram_links tl on tl.user_id = d.user_id
        where d.kind = 'removed'
      ),
      waiting as (
        select ia.notification_id, 'email'::delivery_channel as channel, g.email as address
        from gone g join deliveries ia on ia.user_id = g.user_id and ia.account_id = ${acc} and ia.channel = 'in_app'
        union all
        select ia.notification_id, 'telegram'::delivery_channel, g.chat
        from gone g join deliveries ia on ia.user_id = g.user_id and ia.account_id = ${acc} and ia.channel = 'in_app'
        where g.chat is not null
      )
      update deliveries t set status = 'skipped', last_error = ${SKIPPED_NOT_A_MEMBER}, updated_at = now()
      from waiting w
      where t.notification_id = w.notification_id and t.channel = w.channel and t.address = w.address
        and t.status = 'queued'
        and (t.channel = 'telegram' or (t.attempts = 0 and t.last_error is null))`);
    await tx.execute(sql`
      delete from memberships m using dir_diff d
      where m.account_id = ${acc} and m.user_id = d.user_id and d.kind = 'removed'`);
  }

  // Roles: everyone else first, the new Owner last, so at no moment are there two.
  await tx.execute(sql`
    update memberships m set role = d.new_role from dir_diff d
    where m.account_id = ${acc} and m.user_id = d.user_id and d.kind = 'changed'
      and d.new_role <> d.old_role and d.new_role <> 'owner'`);
  await tx.execute(sql`
    update memberships m set role = d.new_role from dir_diff d
    where m.account_id = ${acc} and m.user_id = d.user_id and d.kind = 'changed'
      and d.new_role <> d.old_role and d.new_role = 'owner'`);
  if (result.added) {
    await tx.execute(sql`
      insert into memberships (account_id, user_id, role)
      select ${acc}, d.user_id, d.new_role from dir_diff d where d.kind = 'added'
      order by d.new_role = 'owner'`);
  }

  // Project roles of the members whose list was given and differs.
  await tx.execute(sql`
    delete from project_memberships pm using dir_diff d
    where pm.account_id = ${acc} and pm.user_id = d.user_id and d.kind = 'changed' and d.projects_changed
      and not exists (select 1 from dir_pm w where w.user_id = pm.user_id and w.project_id = pm.project_id)`);
  await tx.execute(sql`
    insert into project_memberships (project_id, account_id, user_id, role)
    select w.project_id, ${acc}, w.user_id, w.role
    from dir_pm w join dir_diff d on d.user_id = w.user_id
    where d.kind = 'added' or (d.kind = 'changed' and d.projects_changed)
    on conflict (project_id, user_id) do update set role = excluded.role
      where project_memberships.role <> excluded.role`);

  if (result.changed) {
    // A new role ends the subscriptions it may not have (the new Owner's too: the Owner receives everything by rule).
    await tx.execute(sql`
      with ended as (
        delete from subscriptions s using dir_diff d
        where s.account_id = ${acc} and s.user_id = d.user_id and d.kind = 'changed' and d.new_role <> d.old_role
          and not ${subscriptionAllowedSql(sql`d.new_role`, sql`s.category`)}
        returning s.user_id, s.category
      )
      insert into audit_log (account_id, actor_user_id, actor_api_key_id, action, target_user_id, details, ip, user_agent)
      select ${acc}, ${actorValues(actor)}, 'subscription.removed', e.user_id,
             jsonb_build_object('category', e.category, 'reason', 'role_changed'), ${actor.meta.ip}, ${actor.meta.userAgent?.slice(0, 512) ?? null}
      from ended e`);
    // The previous Owner received everything; they go on receiving what their new role may.
    await tx.execute(sql`
      with started as (
        insert into subscriptions (account_id, user_id, category)
        select ${acc}, d.user_id, c.category
        from dir_diff d cross join unnest(${textArray(categoryKeys)}::notification_category[]) as c(category)
        where d.kind = 'changed' and d.old_role = 'owner' and d.new_role <> 'owner'
          and ${subscriptionAllowedSql(sql`d.new_role`, sql`c.category`)}
        on conflict do nothing
        returning user_id, category
      )
      insert into audit_log (account_id, actor_user_id, actor_api_key_id, action, target_user_id, details, ip, user_agent)
      select ${acc}, ${actorValues(actor)}, 'subscription.added', s.user_id,
             jsonb_build_object('category', s.category, 'reason', 'former_owner'), ${actor.meta.ip}, ${actor.meta.userAgent?.slice(0, 512) ?? null}
      from started s`);
    // A new Subscriber receives no Telegram messages: those of this account still waiting are skipped.
    await tx.execute(sql`
      update deliveries t set status = 'skipped', last_error = ${SKIPPED_NO_TELEGRAM}, updated_at = now()
      from dir_diff d
      join telegram_links tl on tl.user_id = d.user_id
      join deliveries ia on ia.user_id = d.user_id and ia.account_id = ${acc} and ia.channel = 'in_app'
      where d.kind = 'changed' and d.new_role = 'subscriber' and d.old_role <> 'subscriber'
        and t.notification_id = ia.notification_id and t.channel = 'telegram' and t.address = tl.chat_id::text
        and t.status = 'queued'`);
  }
  // One audit entry per member added, changed or removed.
  await tx.execute(sql`
    insert into audit_log (account_id, actor_user_id, actor_api_key_id, action, target_user_id, details, ip, user_agent)
    select ${acc}, ${actorValues(actor)}, 'member.' || d.kind, d.user_id,
           case d.kind
             when 'removed' then jsonb_build_object('role', d.old_role)
             when 'added' then jsonb_build_object('role', d.new_role)
             else jsonb_build_object('from', d.old_role, 'to', d.new_role, 'projectsChanged', d.projects_changed)
           end,
           ${actor.meta.ip}, ${actor.meta.userAgent?.slice(0, 512) ?? null}
    from dir_diff d`);
  return result;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

type MemberRow = { email: string; name: string | null; user_id: string; role: MemberRole; since: Date | string; projects: MemberResponse['projects'] };

const memberOut = (r: MemberRow): MemberResponse => ({
  email: r.email,
  name: r.name,
  user_id: r.user_id,
  role: r.role,
  projects: r.projects,
  since: new Date(r.since).toISOString(),
});

const memberSelect = (acc: string) => sql`
  select lower(u.email) as email, u.name, u.id as user_id, m.role, m.created_at as since,
         coalesce((select jsonb_agg(jsonb_build_object('ref', p.ref, 'name', p.name, 'role', pm.role) order by p.name)
                   from project_memberships pm join projects p on p.id = pm.project_id
                   where pm.account_id = m.account_id and pm.user_id = m.user_id), '[]'::jsonb) as projects
  from memberships m join users u on u.id = m.user_id
  where m.account_id = ${acc}`;

export async function getMember(tx: Tx, accountId: string, email: string): Promise<MemberResponse | null> {
  const [row] = await queryRows<MemberRow>(tx, sql`${memberSelect(accountId)} and lower(u.email) = ${email}`);
  return row ? memberOut(row) : null;
}

export const MEMBER_PAGE_DEFAULT = 100;
export const MEMBER_PAGE_MAX = 1000;

const encodeCursor = (email: string) => Buffer.from(email).toString('base64url');
export const decodeCursor = (cursor: string) => {
  const email = Buffer.from(cursor, 'base64url').toString('utf8');
  return encodeCursor(email) === cursor && email.includes('@') ? email : null;
};

/** One page of members in e-mail order; the cursor is the last e-mail of the page before. */
export async function listMembers(tx: Tx, accountId: string, page: { after: string | null; limit: number }) {
  const rows = await queryRows<MemberRow>(tx, sql`
    ${memberSelect(accountId)} ${page.after ? sql`and lower(u.email) > ${page.after}` : sql``}
    order by lower(u.email) limit ${page.limit + 1}`);
  const more = rows.length > page.limit;
  const members = rows.slice(0, page.limit).map(memberOut);
  return { members, next_cursor: more ? encodeCursor(members.at(-1)!.email) : null };
}
