import { EventEmitter } from 'node:events';
import { sql as dsql } from 'drizzle-orm';
import { Logger as GraphileLogger, run, type Runner, type Task, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { createDb, type Db, queryRows } from '@/db';
import { textArray } from '@/db/sql-array';
import { log } from '@/lib/log';
import { warmUpRenderer } from '@/lib/delivery/render';
import { ensurePartitions, MAINTENANCE_CRONTAB } from '@/lib/ops/retention';
import { createHeartbeat, HEARTBEAT_INTERVAL_MS } from './heartbeat';
import { createTaskList, type WorkerConfig } from './tasks';

export type StartWorkerOptions = Omit<WorkerConfig, 'db'> & {
  databaseUrl: string;
  concurrency?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
};

/** graphile-worker's own messages (a failed job and its error, above all) in the product's log; its chatter at debug. */
const graphileLogger = new GraphileLogger((scope) => (level, message, meta) => {
  const logger = log('graphile-worker');
  const fields = { job: scope.jobId, task: scope.taskIdentifier, worker: scope.workerId, ...(meta?.error instanceof Error ? { err: meta.error } : {}) };
  if (level === 'error') logger.error(fields, message);
  else if (level === 'warning') logger.warn(fields, message);
  else logger.debug(fields, message);
});

/** Errors of a database that is restarting or briefly out of reach. */
const DATABASE_AWAY = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03']);
const DATABASE_PATIENCE_MS = 60_000;

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * A pool whose new connections wait out a database restart (up to a minute)
 * instead of failing at once. graphile-worker records a job's success or
 * failure without awaiting it, so a refused connection there is an unhandled
 * rejection that ends the process: every worker with a job in flight would
 * die with each PostgreSQL restart. Past the minute it still fails, and the
 * process ends for its supervisor to restart.
 */
class PatientPool extends pg.Pool {
  connect(): Promise<pg.PoolClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const connecting = this.connectPatiently();
    if (!callback) return connecting;
    connecting.then(
      (client) => callback(undefined, client, (release) => client.release(release as boolean | Error | undefined)),
      (error: Error) => callback(error, undefined, () => {}),
    );
  }

  private async connectPatiently(): Promise<pg.PoolClient> {
    const deadline = Date.now() + DATABASE_PATIENCE_MS;
    for (let delay = 250; ; delay = Math.min(2 * delay, 5_000)) {
      try {
        return await super.connect();
      } catch (error) {
        if (!DATABASE_AWAY.has(String((error as { code?: unknown }).code)) || Date.now() + delay > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/**
 * Tasks that report success only while this worker still holds their job.
 * The heartbeat sweep frees the jobs of a worker that stopped reporting; if
 * it was alive after all (cut off from the database for a while), its job may
 * meanwhile have taken in the task's own retry (an `addJob` under the same
 * key) or gone to another worker, and completing it would delete it: a chunk
 * lost. Failing instead leaves the job as it is, since graphile-worker fails a
 * job only for the worker that holds it.
 */
function whileHeld(db: Db, tasks: TaskList): TaskList {
  const held = (task: Task): Task => async (payload, helpers) => {
    await task(payload, helpers);
    const [job] = await queryRows<{ locked_by: string | null }>(db, 
      dsql`select locked_by from graphile_worker._private_jobs where id = ${helpers.job.id}`,
    );
    if (job && job.locked_by !== helpers.job.locked_by) {
      throw new Error(`job ${helpers.job.id} was freed while it ran (this worker looked dead); it is left to whoever holds it now`);
    }
  };
  return Object.fromEntries(Object.entries(tasks).map(([name, task]) => [name, held(task as Task)]));
}

/** Starts a worker on the shared PostgreSQL queue. Any number may run, on any number of machines. */
export async function startWorker(options: StartWorkerOptions): Promise<{ runner: Runner; stop: () => Promise<void> }> {
  const { databaseUrl, concurrency = 4, heartbeatMs = HEARTBEAT_INTERVAL_MS, staleAfterMs, ...config } = options;
  const workerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => workerIds.add(workerPool.id));
  events.on('worker:create', ({ worker }) => workerIds.add(worker.workerId));

  // Our own pool, so a connection dropped by PostgreSQL (a restart, or shutting down before us)
  // is logged instead of crashing the process with an unhandled 'error' event.
  // One pool, and one driver, for the queue and the tasks' own queries: both wait out a restart.
  const pgPool = new PatientPool({ connectionString: databaseUrl, max: 2 * concurrency + 4 });
  // Expected during a PostgreSQL restart, which the pool rides out: a warning, without the driver's stack.
  const lost = (error: Error) => log('worker').warn(`database connection lost: ${error.message}`);
  pgPool.on('error', lost);
  pgPool.on('connect', (client) => client.on('error', lost));
  const { db } = createDb(databaseUrl, { pool: pgPool });
  // Before taking jobs: the first notification's send should not pay for loading the renderer,
  // and the months ahead exist even if the daily maintenance has not run for a while.
  await warmUpRenderer();
  await ensurePartitions(db);
  const runner = await run({
    pgPool,
    concurrency,
    pollInterval: 2000,
    noHandleSignals: true,
    logger: graphileLogger,
    events,
    crontab: MAINTENANCE_CRONTAB,
    taskList: whileHeld(db, createTaskList({ db, ...config })),
  });

  const heartbeat = createHeartbeat(db, () => [...workerIds], staleAfterMs);
  const beat = () => heartbeat().catch((e: unknown) => log('worker').error({ err: e }, 'heartbeat failed'));
  await beat();
  const timer = setInterval(beat, heartbeatMs);
  return {
    runner,
    stop: async () => {
      clearInterval(timer);
      await runner.stop();
      await db.execute(dsql`delete from worker_heartbeats where worker_id = any(${textArray([...workerIds])})`).catch(() => {});
      await pgPool.end().catch(() => {});
    },
  };
}
