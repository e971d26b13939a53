// POST /api/v1/broadcasts: one notification to many accounts. Accepting is one
// short transaction that fixes which accounts get a copy and in which chunk,
// and queues one job per chunk; each chunk job then publishes its accounts'
// copies (one `notifications` row per account) and fans them out in one
// set-based statement, in a transaction of its own. A chunk job that runs
// twice finds its accounts done and writes nothing.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '@/db';
import { broadcastAccounts, broadcasts } from '@/db/schema';
import { apiError, ApiProblem, type ApiResult } from '@/lib/api/result';
import { findNotificationType } from '@/lib/notifications/catalog';
import { textArray, uuidArray } from '@/db/sql-array';
import { broadcastBody, type BroadcastAccepted, type BroadcastAvailability, type BroadcastStatus } from './broadcast-schema';
import { fanOutMany } from './fanout';
import { publishIdempotently } from './publish';
import type { NotificationContent } from './publish-schema';
import { retryPolicy } from './retry-policy';
import { summarizeDeliveries } from './status';

export const BROADCAST_CHUNK_TASK = 'broadcast_chunk';

/**
 * About how many recipients one chunk job fans out (an account weighs its members, plus one):
 * 20,000 members write some 40,000 delivery rows, a transaction of about half a second (bench).
 * An account larger than that is a chunk of its own, as big as one publish to it.
 */
export const BROADCAST_CHUNK_MEMBERS = 20_000;

/** Where a broadcast's progress is read (`Location` of the 202). */
export const broadcastStatusPath = (id: string) => `/api/v1/broadcasts/${id}`;

/** Unknown accounts listed in a refusal's details; the message gives the count. */
const MAX_UNKNOWN_LISTED = 100;

export type BroadcastOptions = {
  /** BROADCAST_CHUNK_MEMBERS; tests make it small to see several chunks. */
  chunkMembers?: number;
};

/**
 * Accepts a broadcast: validates it, refuses unknown accounts (changing nothing), and in one
 * transaction records the broadcast, its open accounts with their chunk, and one job per chunk.
 * Closed accounts are skipped and counted. Idempotent as every publishing endpoint is.
 */
export async function publishBroadcast(
  db: Db,
  params: { apiKeyId: string; idempotencyKey: string | null; body: unknown },
  options: BroadcastOptions = {},
): Promise<ApiResult> {
  const chunkMembers = options.chunkMembers ?? BROADCAST_CHUNK_MEMBERS;
  return publishIdempotently(db, { ...params, location: broadcastStatusPath }, broadcastBody, async (tx, body) => {
    const type = findNotificationType(body.type)!;
    const availability = (body.availability ?? type.defaultAvailability) as BroadcastAvailability;
    const ids = body.account_ids ?? [];
    const refs = body.account_refs ?? [];

    if (!body.all_accounts) {
      const unknown = await queryRows<{ field: string; n: number; total: number }>(tx, sql`
        with unknown as (
          select 'account_ids.' || (i.ord - 1) as field, i.ord as n from unnest(${uuidArray(ids)}) with ordinality i(v, ord)
          where not exists (select 1 from accounts a where a.id = i.v)
          union all
          select 'account_refs.' || (i.ord - 1), i.ord from unnest(${textArray(refs)}) with ordinality i(v, ord)
          where not exists (select 1 from accounts a where a.ref = i.v)
        )
        select field, n::int, (count(*) over ())::int as total from unknown order by field like 'account_refs%', n limit ${MAX_UNKNOWN_LISTED}`);
      if (unknown.length) {
        const more = unknown[0].total > 1 ? ` (${unknown[0].total} accounts in all are unknown)` : '';
        return apiError(
          404,
          'account_not_found',
          `${unknown[0].field}: is not an account${more}. Nothing was sent.`,
          unknown.map((u) => ({ field: u.field, message: 'is not an account' })),
        );
      }
    }

    const content: NotificationContent = { summary: body.summary, data: body.data, action: body.action };
    const [broadcast] = await tx
      .insert(broadcasts)
      .values({
        apiKeyId: params.apiKeyId,
        category: type.category,
        typeKey: type.key,
        availability,
        subject: body.subject,
        summary: body.summary ?? null,
        content,
      })
      .returning({ id: broadcasts.id });

    const targeted = body.all_accounts ? sql`true` : sql`(a.id = any(${uuidArray(ids)}) or a.ref = any(${textArray(refs)}))`;
    // An account's chunk: where its first member falls when the open accounts' members are laid
    // end to end, `chunkMembers` to a chunk. No sort beyond the accounts' own order is needed.
    const [counts] = await queryRows<{ total: number; closed: number }>(tx, sql`
      with targeted as materialized (
        select a.id, a.closed_at is not null as closed from accounts a where ${targeted}
      ),
      weighed as (
        select t.id, 1 + (select count(*)::int from memberships m where m.account_id = t.id) as weight
        from targeted t where not t.closed
      ),
      placed as (
        insert into broadcast_accounts (broadcast_id, account_id, chunk)
        select ${broadcast.id}, w.id, ((sum(w.weight) over (order by w.id) - w.weight) / ${chunkMembers}::int)::int
        from weighed w
        returning chunk
      ),
      jobs as (
        select graphile_worker.add_jobs(array_agg(
          row(${BROADCAST_CHUNK_TASK}::text, json_build_object('broadcastId', ${broadcast.id}::text, 'chunk', chunk), null, null,
              ${retryPolicy().chunkJobMaxAttempts}::int, ${BROADCAST_CHUNK_TASK}::text || ':' || ${broadcast.id}::text || ':' || chunk, null, null)::graphile_worker.job_spec
        ))
        from (select distinct chunk from placed) chunks
        having count(*) > 0
      )
      select (select count(*) from placed)::int as total,
             (select count(*) from targeted where closed)::int as closed,
             (select count(*) from jobs)::int as jobs`);
    await tx.update(broadcasts).set({ closedSkipped: counts.closed }).where(eq(broadcasts.id, broadcast.id));

    const response = {
      id: broadcast.id,
      status: 'accepted',
      category: type.category,
      type: type.key,
      availability,
      accounts: { total: counts.total, closed_skipped: counts.closed },
    } satisfies BroadcastAccepted;
    return { status: 202, body: response };
  });
}

/**
 * One chunk job of a broadcast: a copy of the notification for each of the chunk's accounts not
 * done yet, and their deliveries, in one transaction. The chunk's rows are locked first, so a
 * second run of the same chunk (a job freed while its worker only looked dead) waits, then finds
 * them done. An account closed since the broadcast was accepted is skipped.
 */
export async function publishBroadcastChunk(db: Db, params: { broadcastId: string; chunk: number }): Promise<{ published: number; closed: number }> {
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(broadcasts).where(eq(broadcasts.id, params.broadcastId));
    if (!b) throw new Error(`broadcast ${params.broadcastId} does not exist`);
    const pending = await queryRows<{ account_id: string; closed: boolean }>(tx, sql`
      select ba.account_id, a.closed_at is not null as closed
      from broadcast_accounts ba join accounts a on a.id = ba.account_id
      where ba.broadcast_id = ${b.id} and ba.chunk = ${params.chunk} and ba.processed_at is null
      for update of ba`);
    if (!pending.length) return { published: 0, closed: 0 };
    const open = pending.filter((p) => !p.closed).map((p) => p.account_id);
    const closed = pending.filter((p) => p.closed).map((p) => p.account_id);

    const copies = await queryRows<{ id: string; account_id: string }>(tx, sql`
      with copies as (
        insert into notifications (account_id, category, type_key, availability, subject, summary, content, api_key_id)
        select o.account_id, ${b.category}::notification_category, ${b.typeKey}, ${b.availability}::availability, ${b.subject}, ${b.summary}::text,
               ${JSON.stringify(b.content)}::jsonb, ${b.apiKeyId}::uuid
        from unnest(${uuidArray(open)}) o(account_id)
        returning id, account_id
      )
      update broadcast_accounts ba set notification_id = c.id, processed_at = now()
      from copies c
      where ba.broadcast_id = ${b.id} and ba.account_id = c.account_id
      returning c.id, c.account_id`);
    if (closed.length) {
      await tx.execute(sql`
        update broadcast_accounts set processed_at = now()
        where broadcast_id = ${b.id} and account_id = any(${uuidArray(closed)})`);
    }
    if (copies.length) {
      await fanOutMany(tx, { notificationIds: copies.map((c) => c.id), category: b.category, availability: b.availability, projectId: null });
    }
    return { published: copies.length, closed: closed.length };
  });
}

/** A broadcast's progress, for the key that made it; another key's broadcast is not found. */
export async function broadcastStatus(db: Tx, params: { id: string; apiKeyId: string }): Promise<BroadcastStatus> {
  const notFound = new ApiProblem(404, 'broadcast_not_found', `No broadcast ${params.id} made with this API key.`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.id)) throw notFound;
  const [b] = await db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.id, params.id), eq(broadcasts.apiKeyId, params.apiKeyId)));
  if (!b) throw notFound;
  const [accounts] = await queryRows<{ total: number; done: number; closed_later: number }>(db, sql`
    select count(*)::int as total,
           count(*) filter (where processed_at is not null)::int as done,
           count(*) filter (where processed_at is not null and notification_id is null)::int as closed_later
    from ${broadcastAccounts} where broadcast_id = ${b.id}`);
  const rows = await queryRows<{ channel: 'email' | 'telegram' | 'in_app'; status: Parameters<typeof summarizeDeliveries>[0][number]['status']; n: number }>(db, sql`
    select d.channel, d.status, count(*)::int as n
    from broadcast_accounts ba join deliveries d on d.notification_id = ba.notification_id
    where ba.broadcast_id = ${b.id}
    group by d.channel, d.status`);
  const { deliveries, settled } = summarizeDeliveries(rows);
  return {
    id: b.id,
    type: b.typeKey,
    category: b.category,
    availability: b.availability as BroadcastAvailability,
    subject: b.subject,
    created_at: b.createdAt.toISOString(),
    status: accounts.done < accounts.total ? 'fanning_out' : settled ? 'settled' : 'delivering',
    accounts: { total: accounts.total, closed_skipped: b.closedSkipped, done: accounts.done, closed_later: accounts.closed_later },
    deliveries,
  };
}
