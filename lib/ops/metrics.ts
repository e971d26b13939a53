// GET /metrics of a web process: what PostgreSQL knows, read at scrape time,
// so every web process answers the same whole-system numbers whichever one
// Prometheus asks, and nothing is lost when a process restarts. What only a
// worker process sees (provider latency, 429s, rate-limit waits) is on each
// worker's own port (lib/ops/worker-metrics.ts).
import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Db } from '@/db';
import { listPartitions, monthsAhead } from './retention';
import { workerLiveness } from './worker-liveness';
import { queryRows } from '@/db';

const globalForMetrics = globalThis as unknown as { __processRegistry?: Registry };

/** This process's own CPU, memory and event-loop metrics. */
function processRegistry(): Registry {
  if (!globalForMetrics.__processRegistry) {
    globalForMetrics.__processRegistry = new Registry();
    collectDefaultMetrics({ register: globalForMetrics.__processRegistry });
  }
  return globalForMetrics.__processRegistry;
}

/**
 * A scrape's queries run in one read-only transaction with a time limit, so a
 * slow count never holds a connection or the database for long: the
 * deliveries count reads the whole table (no index serves a count by status),
 * which at tens of millions of rows takes seconds; scrape every 30–60 s then.
 */
const SCRAPE_STATEMENT_TIMEOUT_MS = 10_000;

type Row = Record<string, string | number | null>;

async function readDatabase(db: Db, staleAfterMs: number) {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${SCRAPE_STATEMENT_TIMEOUT_MS}`));
      const deliveries = await queryRows<Row & { channel: string; status: string; n: number }>(tx, 
        sql`select channel::text, status::text, count(*)::float8 as n from deliveries group by 1, 2`,
      );
      // A job is waiting when it may run now and nobody holds it; `scheduled` ones wait for their run_at
      // (a back-off or a retry-after), `failed` ones have used up their attempts.
      const queue = await queryRows<Row & { task: string; ready: number; scheduled: number; running: number; failed: number; oldest: number | null }>(tx, sql`
        select t.identifier as task,
               count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now())::float8 as ready,
               count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at > now())::float8 as scheduled,
               count(*) filter (where j.locked_at is not null)::float8 as running,
               count(*) filter (where j.locked_at is null and j.attempts >= j.max_attempts)::float8 as failed,
               extract(epoch from now() - min(j.run_at) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now()))::float8 as oldest
        from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        group by t.identifier`);
      const webhooks = await queryRows<Row & { source: string; type: string; n: number }>(tx, sql`
        select 'resend' as source, type, count(*)::float8 as n from resend_webhook_events group by type
        union all
        select 'telegram', 'update', count(*)::float8 from telegram_updates`);
      const workers = await workerLiveness(tx, staleAfterMs);
      const partitions = await listPartitions(tx);
      return { deliveries, queue, webhooks, workers, partitions };
    },
    { accessMode: 'read only' },
  );
}

/** The Prometheus text of one scrape. */
export async function scrapeMetrics(db: Db, options: { staleAfterMs: number }): Promise<{ contentType: string; text: string }> {
  const started = performance.now();
  const data = await readDatabase(db, options.staleAfterMs);
  const registry = new Registry();
  const registers = [registry];

  const deliveries = new Gauge({ name: 'an_deliveries', help: 'Deliveries in the database, by channel and current status', labelNames: ['channel', 'status'], registers });
  for (const r of data.deliveries) deliveries.set({ channel: r.channel, status: r.status }, Number(r.n));

  const jobs = new Gauge({ name: 'an_queue_jobs', help: 'Jobs in the graphile-worker queue, by task and state (ready, scheduled, running, failed)', labelNames: ['task', 'state'], registers });
  const oldest = new Gauge({ name: 'an_queue_oldest_ready_job_age_seconds', help: 'How long the oldest job that may run now has been waiting (0 when none waits)', registers });
  let oldestSeconds = 0;
  for (const r of data.queue) {
    for (const state of ['ready', 'scheduled', 'running', 'failed'] as const) jobs.set({ task: r.task, state }, Number(r[state]));
    if (r.oldest !== null) oldestSeconds = Math.max(oldestSeconds, Number(r.oldest));
  }
  oldest.set(oldestSeconds);

  const webhooks = new Gauge({ name: 'an_webhook_events', help: 'Webhook events recorded (kept WEBHOOK_EVENT_RETENTION_DAYS and TELEGRAM_UPDATE_RETENTION_DAYS), by source and type', labelNames: ['source', 'type'], registers });
  for (const r of data.webhooks) webhooks.set({ source: r.source, type: r.type }, Number(r.n));

  new Gauge({ name: 'an_worker_processes_alive', help: 'Worker processes with a heartbeat younger than WORKER_STALE_AFTER_MS', registers }).set(data.workers.alive);
  const age = new Gauge({ name: 'an_worker_last_heartbeat_age_seconds', help: 'Age of the newest worker heartbeat (absent when none was ever recorded)', registers });
  if (data.workers.lastHeartbeatAgeMs !== null) age.set(data.workers.lastHeartbeatAgeMs / 1000);

  new Gauge({
    name: 'an_partition_months_ahead',
    help: 'Months after the current one that notifications and deliveries have partitions for (-1: not even the current month; alert below 1)',
    registers,
  }).set(monthsAhead(data.partitions));

  new Gauge({ name: 'an_metrics_scrape_duration_seconds', help: 'Time this scrape spent reading PostgreSQL', registers }).set((performance.now() - started) / 1000);

  const text = (await registry.metrics()) + (await processRegistry().metrics());
  return { contentType: registry.contentType, text };
}
