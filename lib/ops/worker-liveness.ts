import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { queryRows } from '@/db';

export type WorkerLiveness = {
  /** Worker processes whose heartbeat is younger than the stale limit (one `pool-…` row per process). */
  alive: number;
  /** Age of the newest heartbeat of any worker, or null when none is recorded. */
  lastHeartbeatAgeMs: number | null;
};

/**
 * What the workers' heartbeats (worker/heartbeat.ts) say, read from PostgreSQL
 * so that any process can tell: the ready endpoint, /metrics and
 * `npm run worker -- --check`.
 */
export async function workerLiveness(db: Tx, staleAfterMs: number): Promise<WorkerLiveness> {
  const [row] = await queryRows<{ alive: number; age_ms: number | null }>(db, sql`
    select count(*) filter (where worker_id like 'pool-%' and seen_at > now() - ${staleAfterMs} * interval '1 millisecond')::int as alive,
           (extract(epoch from now() - max(seen_at)) * 1000)::float8 as age_ms
    from worker_heartbeats`);
  return { alive: row.alive, lastHeartbeatAgeMs: row.age_ms === null ? null : Math.max(0, Math.round(Number(row.age_ms))) };
}

/** One line for a person or a health check: "2 worker processes alive, last heartbeat 1.2 s ago". */
export function describeWorkerLiveness(liveness: WorkerLiveness, staleAfterMs: number): string {
  const age = liveness.lastHeartbeatAgeMs === null ? 'none recorded' : `last heartbeat ${(liveness.lastHeartbeatAgeMs / 1000).toFixed(1)} s ago`;
  if (liveness.alive > 0) return `${liveness.alive} worker process${liveness.alive === 1 ? '' : 'es'} alive, ${age}`;
  return `no worker alive: no heartbeat in the last ${(staleAfterMs / 1000).toFixed(0)} s (${age})`;
}
