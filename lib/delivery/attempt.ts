// The one attempt cycle of a delivery row, for every path that sends one: a
// notification's e-mail chunk and Telegram chunk, a reseller event's e-mail,
// and a delivery retried by hand. Each path only composes its message and
// calls its provider; the status machine is here:
//
//   queued ──claim──▶ sending ──recordSent──▶ sent
//                        │ ├─recordRateLimited──▶ queued (not a try: everyone waits)
//                        │ ├─recordFault────────▶ queued (retry at the policy's back-off) or failed
//                        │ └─recordFailure──────▶ failed, or queued for the queue's own retry
//
// Every write is guarded by the status it expects, so a row something else
// has settled meanwhile (skipped by the directory, say) is left alone.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bigintArray, textArray } from '@/db/sql-array';
import { backoffDelay, type RetryPolicy } from './retry-policy';

type Id = number | string;

/** What a send job does next. */
export type ChunkOutcome = { done: true } | { done: false; retryInMs: number };

/** Marks the rows as being sent (queued ones, and by default `sending` ones a crashed try left); answers the ids it claimed. */
export async function claim(db: Db | Tx, ids: readonly Id[], options: { fromSending?: boolean } = {}): Promise<string[]> {
  if (ids.length === 0) return [];
  const from = options.fromSending === false ? sql`status = 'queued'` : sql`status in ('queued', 'sending')`;
  const rows = await db.execute<{ id: string }>(sql`
    update deliveries set status = 'sending', updated_at = now()
    where id = any(${bigintArray(ids)}) and ${from}
    returning id::text`);
  return rows.map((r) => r.id);
}

/** The provider accepted them: sent, with its message id, one try counted. */
export async function recordSent(db: Db | Tx, sent: readonly { id: Id; providerId: string }[]): Promise<void> {
  if (sent.length === 0) return;
  await db.execute(sql`
    update deliveries d set status = 'sent', provider_message_id = v.provider_id, attempts = d.attempts + 1,
           last_error = null, updated_at = now()
    from unnest(${bigintArray(sent.map((s) => s.id))}, ${textArray(sent.map((s) => s.providerId))}) as v(id, provider_id)
    where d.id = v.id and d.status = 'sending'`);
}

/** The provider's rate limit: back to the queue without counting a try (the caller pauses every sender). */
export async function recordRateLimited(db: Db | Tx, ids: readonly Id[], message: string): Promise<void> {
  await db.execute(sql`
    update deliveries set status = 'queued', last_error = ${message}, updated_at = now()
    where id = any(${bigintArray(ids)}) and status = 'sending'`);
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
): Promise<ChunkOutcome> {
  const updated = await db.execute<{ attempts: number }>(sql`
    update deliveries set attempts = attempts + 1, last_error = ${fault.message}, updated_at = now(),
           status = case when ${fault.retryable} and attempts + 1 < ${policy.maxAttempts} then 'queued' else 'failed' end::delivery_status
    where id = any(${bigintArray(ids)}) and status = 'sending'
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
): Promise<void> {
  const attempts = failure.countAttempt === false ? sql`attempts` : sql`attempts + 1`;
  await db.execute(sql`
    update deliveries set status = ${failure.final ? 'failed' : 'queued'}::delivery_status, attempts = ${attempts},
           last_error = ${failure.message}, updated_at = now()
    where id = any(${bigintArray(ids)}) and status = 'sending'`);
}
