import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { textArray } from '@/db/sql-array';
import { queryRows } from '@/db';

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TIMEOUT_MS = 20_000;

/**
 * Records that this process's workers are alive, and frees the jobs of
 * workers that stopped beating (a killed process), so their chunks are
 * retried within seconds instead of graphile-worker's 4-hour lock expiry.
 * Any live worker process may do the freeing.
 */
export async function beatAndSweep(db: Db, workerIds: string[], timeoutMs = HEARTBEAT_TIMEOUT_MS, sweep = true): Promise<string[]> {
  if (workerIds.length) {
    await db.execute(sql`
      insert into worker_heartbeats (worker_id, seen_at)
      select id, now() from unnest(${textArray(workerIds)}) as id
      on conflict (worker_id) do update set seen_at = now()`);
  }
  if (!sweep) return [];
  const stale = await queryRows<{ worker_id: string }>(db, sql`
    delete from worker_heartbeats where seen_at < now() - ${timeoutMs} * interval '1 millisecond' returning worker_id`);
  const ids = stale.map((r) => r.worker_id);
  if (ids.length) await queryRows(db, sql`select graphile_worker.force_unlock_workers(${textArray(ids)})`);
  return ids;
}

/**
 * One process's heartbeat, for calling every few seconds. It frees others'
 * jobs only once it has itself reported without a gap for `timeoutMs`: right
 * after a database outage (or its own start) every report it can see may be
 * old, the living workers' included, and freeing their jobs would have them
 * run twice.
 */
export function createHeartbeat(db: Db, workerIds: () => string[], timeoutMs = HEARTBEAT_TIMEOUT_MS): () => Promise<string[]> {
  let reportingSince: number | null = null;
  return async () => {
    const maySweep = reportingSince !== null && Date.now() - reportingSince >= timeoutMs;
    try {
      const freed = await beatAndSweep(db, workerIds(), timeoutMs, maySweep);
      reportingSince ??= Date.now();
      return freed;
    } catch (error) {
      reportingSince = null;
      throw error;
    }
  };
}
