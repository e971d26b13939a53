// GET /api/ready: may this web process get traffic? It may when PostgreSQL
// answers and holds every migration this build was made with. The workers'
// state is reported beside it but does not decide: a web process without
// workers still takes publishes and serves the panel (the queue keeps the
// sends), and taking every web process out of a load balancer because the
// workers are down would turn a delivery delay into an outage.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@/db';
import journal from '@/db/migrations/meta/_journal.json';
import { log } from '@/lib/log';
import { workerLiveness, describeWorkerLiveness } from './worker-liveness';

export type Readiness = {
  ready: boolean;
  database: { ok: true } | { ok: false; error: string };
  migrations: { ok: boolean; expected: number; applied: number; pending: string[] } | null;
  worker: { alive: number; lastHeartbeatAgeMs: number | null; summary: string } | null;
};

/** The answer must come quickly, or a load balancer's own time-out decides for us. */
const READY_TIMEOUT_MS = 3_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Migrations are current when the newest one applied is at least the newest
 * in db/migrations, the rule drizzle's migrator itself applies. A database
 * ahead of this build (the next version migrated it first, during a rolling
 * deploy) is current: migrations only add.
 */
async function migrationState(db: Db): Promise<NonNullable<Readiness['migrations']>> {
  const expected = journal.entries;
  const [table] = await queryRows<{ exists: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  const [row] = table.exists
    ? await queryRows<{ applied: number; last: string | null }>(db, sql`select count(*)::int as applied, max(created_at)::text as last from drizzle.__drizzle_migrations`)
    : [{ applied: 0, last: null }];
  const last = row.last === null ? -1 : Number(row.last);
  const pending = expected.filter((m) => m.when > last).map((m) => m.tag);
  return { ok: pending.length === 0, expected: expected.length, applied: row.applied, pending };
}

/** Never throws; a database that cannot answer is `ready: false` with the reason (its error code, not its address: the endpoint is public). */
export async function checkReadiness(db: Db, options: { staleAfterMs: number }): Promise<Readiness> {
  try {
    return await within(
      (async () => {
        const migrations = await migrationState(db);
        // Unknown (null) on a database that lacks even the heartbeat table.
        const worker = await workerLiveness(db, options.staleAfterMs).then(
          (liveness) => ({ ...liveness, summary: describeWorkerLiveness(liveness, options.staleAfterMs) }),
          () => null,
        );
        return { ready: migrations.ok, database: { ok: true as const }, migrations, worker };
      })(),
      READY_TIMEOUT_MS,
    );
  } catch (error) {
    // drizzle wraps the driver's error (Failed query: …) and keeps it as the cause.
    const code = (error as { code?: unknown }).code ?? ((error as { cause?: { code?: unknown } }).cause?.code);
    const message = error instanceof Error ? error.message : String(error);
    log('ready').warn({ err: error }, 'not ready: PostgreSQL did not answer');
    const reason = typeof code === 'string' ? code : /^no answer within/.test(message) ? message : 'query failed';
    return { ready: false, database: { ok: false, error: `PostgreSQL unreachable (${reason})` }, migrations: null, worker: null };
  }
}
