import { EventEmitter } from 'node:events';
import { sql as dsql } from 'drizzle-orm';
import { run, type Runner, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { createDb } from '@/db';
import { textArray } from '@/db/sql-array';
import { quietLogger } from '@/db/migrate';
import { beatAndSweep, HEARTBEAT_INTERVAL_MS } from './heartbeat';
import { createTaskList, type WorkerConfig } from './tasks';

export type StartWorkerOptions = Omit<WorkerConfig, 'db'> & {
  databaseUrl: string;
  concurrency?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
};

/** Starts a worker on the shared PostgreSQL queue. Any number may run, on any number of machines. */
export async function startWorker(options: StartWorkerOptions): Promise<{ runner: Runner; stop: () => Promise<void> }> {
  const { databaseUrl, concurrency = 4, heartbeatMs = HEARTBEAT_INTERVAL_MS, staleAfterMs, ...config } = options;
  const { sql, db } = createDb(databaseUrl, { max: concurrency + 3 });
  const workerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => workerIds.add(workerPool.id));
  events.on('worker:create', ({ worker }) => workerIds.add(worker.workerId));

  // Our own pool, so a connection dropped by PostgreSQL (a restart, or shutting down before us)
  // is logged instead of crashing the process with an unhandled 'error' event.
  const pgPool = new pg.Pool({ connectionString: databaseUrl, max: concurrency + 2 });
  const lost = (error: Error) => console.error(`[worker] database connection lost: ${error.message}`);
  pgPool.on('error', lost);
  pgPool.on('connect', (client) => client.on('error', lost));
  const runner = await run({
    pgPool,
    concurrency,
    pollInterval: 2000,
    noHandleSignals: true,
    logger: quietLogger,
    events,
    taskList: createTaskList({ db, ...config }),
  });

  const beat = () => beatAndSweep(db, [...workerIds], staleAfterMs).catch((e) => console.error('[worker] heartbeat failed:', e));
  await beat();
  const timer = setInterval(beat, heartbeatMs);
  return {
    runner,
    stop: async () => {
      clearInterval(timer);
      await runner.stop();
      await pgPool.end().catch(() => {});
      await db.execute(dsql`delete from worker_heartbeats where worker_id = any(${textArray([...workerIds])})`).catch(() => {});
      await sql.end({ timeout: 5 });
    },
  };
}
