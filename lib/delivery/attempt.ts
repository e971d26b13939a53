// The one attempt cycle of an outgoing message, for every path that sends one:
// a notification's e-mail chunk and Telegram chunk, a reseller event's e-mail,
// a delivery retried by hand (all rows of `deliveries`), and sign-in and notice
// mail (rows of the mail outbox, `mail_messages`). Each path only composes its
// message and calls its provider; the status machine is here:
//
//   queued ──claim──▶ sending ──recordSent──▶ sent
//                        │ ├─recordRateLimited──▶ queued (not a try: everyone waits)
//                        │ ├─recordFault────────▶ queued (retry at the policy's back-off) or failed
//                        │ └─recordFailure──────▶ failed, or queued for the queue's own retry
//
// Every write is guarded by the status it expects, so a row something else
// has settled meanwhile (skipped by the directory, say) is left alone.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bigintArray, textArray, uuidArray } from '@/db/sql-array';
import { backoffDelay, type RetryPolicy } from './retry-policy';
import { queryRows } from '@/db';

type Id = number | string;

/** What a send job does next. */
export type ChunkOutcome = { done: true } | { done: false; retryInMs: number };

/** A table whose rows go through the cycle: its name, status type and ids, and what else it records. */
export type Ledger = {
  table: SQL;
  statusType: SQL;
  ids: (ids: readonly Id[]) => SQL;
  /** Assignments made with every change of status. */
  touched: SQL[];
  /** Assignments made when a row is sent. */
  sent: SQL[];
  /** Assignments made when `final` (an SQL condition) holds: the row is settled, sent or failed for good. */
  settled: (final: SQL) => SQL[];
};

/** Deliveries of notifications and reseller events (e-mail, Telegram, in-app). */
export const DELIVERIES: Ledger = {
  table: sql.raw('deliveries'),
  statusType: sql.raw('delivery_status'),
  ids: bigintArray,
  touched: [sql`updated_at = now()`],
  sent: [],
  settled: () => [],
};

/**
 * The mail outbox: sign-in links and notices to one person. Once a message is settled its
 * sign-in link is of no use to us and is not kept.
 */
export const MAIL_MESSAGES: Ledger = {
  table: sql.raw('mail_messages'),
  statusType: sql.raw('mail_status'),
  ids: (ids) => uuidArray(ids.map(String)),
  touched: [],
  sent: [sql`sent_at = now()`],
  settled: (final) => [
    sql`props = case when ${final} and template = 'magic-link' then jsonb_set(props, '{url}', '"[removed after sending]"') else props end`,
  ],
};

const assignments = (list: SQL[]) => (list.length ? sql`, ${sql.join(list, sql`, `)}` : sql``);

/** Marks the rows as being sent (queued ones, and by default `sending` ones a crashed try left); answers the ids it claimed. */
export async function claim(
  db: Db | Tx,
  ids: readonly Id[],
  options: { fromSending?: boolean; ledger?: Ledger; also?: SQL[] } = {},
): Promise<string[]> {
  if (ids.length === 0) return [];
  const l = options.ledger ?? DELIVERIES;
  const from = options.fromSending === false ? sql`status = 'queued'` : sql`status in ('queued', 'sending')`;
  const rows = await queryRows<{ id: string }>(db, sql`
    update ${l.table} set status = 'sending'${assignments([...l.touched, ...(options.also ?? [])])}
    where id = any(${l.ids(ids)}) and ${from}
    returning id::text`);
  return rows.map((r) => r.id);
}

/** The provider accepted them: sent, with its message id, one try counted. */
export async function recordSent(db: Db | Tx, sent: readonly { id: Id; providerId: string }[], ledger: Ledger = DELIVERIES): Promise<void> {
  if (sent.length === 0) return;
  const l = ledger;
  await db.execute(sql`
    update ${l.table} d set status = 'sent', provider_message_id = v.provider_id, attempts = d.attempts + 1,
           last_error = null${assignments([...l.touched, ...l.sent, ...l.settled(sql`true`)])}
    from unnest(${l.ids(sent.map((s) => s.id))}, ${textArray(sent.map((s) => s.providerId))}) as v(id, provider_id)
    where d.id = v.id and d.status = 'sending'`);
}

/** The provider's rate limit: back to the queue without counting a try (the caller pauses every sender). */
export async function recordRateLimited(db: Db | Tx, ids: readonly Id[], message: string, ledger: Ledger = DELIVERIES): Promise<void> {
  const l = ledger;
  await db.execute(sql`
    update ${l.table} set status = 'queued', last_error = ${message}${assignments(l.touched)}
    where id = any(${l.ids(ids)}) and status = 'sending'`);
}

/**
 * A provider fault (5xx, time-out, lost connection) on a send that may be made again: one try
 * counted; queued again while the policy allows more tries, else final `failed`. Answers when to
 * come back, from the policy's back-off.
 */
export async function recordFault(
  db: Db | Tx,
  ids: readonly Id[],
  fault: { message: string; retryable: boolean },
  policy: Pick<RetryPolicy, 'maxAttempts' | 'backoff'>,
  ledger: Ledger = DELIVERIES,
): Promise<ChunkOutcome> {
  const l = ledger;
  const final = sql`not (${fault.retryable} and attempts + 1 < ${policy.maxAttempts})`;
  const updated = await queryRows<{ attempts: number }>(db, sql`
    update ${l.table} set attempts = attempts + 1, last_error = ${fault.message},
           status = case when ${final} then 'failed' else 'queued' end::${l.statusType}${assignments([...l.touched, ...l.settled(final)])}
    where id = any(${l.ids(ids)}) and status = 'sending'
    returning attempts`);
  const attempts = updated[0]?.attempts ?? policy.maxAttempts;
  if (!fault.retryable || attempts >= policy.maxAttempts) return { done: true };
  return { done: false, retryInMs: backoffDelay(attempts, policy.backoff) };
}

/**
 * A try that ended without a send: `final` makes the rows `failed` with the reason, otherwise they
 * are queued for the job queue's own retry (a delivery retried by hand). `countAttempt: false` for
 * a try that never reached the provider.
 */
export async function recordFailure(
  db: Db | Tx,
  ids: readonly Id[],
  failure: { message: string; final: boolean; countAttempt?: boolean },
  ledger: Ledger = DELIVERIES,
): Promise<void> {
  const l = ledger;
  const attempts = failure.countAttempt === false ? sql`attempts` : sql`attempts + 1`;
  await db.execute(sql`
    update ${l.table} set status = ${failure.final ? 'failed' : 'queued'}::${l.statusType}, attempts = ${attempts},
           last_error = ${failure.message}${assignments([...l.touched, ...l.settled(sql`${failure.final}`)])}
    where id = any(${l.ids(ids)}) and status = 'sending'`);
}
