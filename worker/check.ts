// `npm run worker -- --check`: is any worker alive? Exit 0 with one line
// saying how many, or 1 saying why not: for a container health check, a cron
// job or a person. Reads the heartbeats the workers write to PostgreSQL.
import { createDb } from '@/db';
import { env } from '@/lib/env';
import { describeWorkerLiveness, workerLiveness } from '@/lib/ops/worker-liveness';

export async function checkWorkers(): Promise<number> {
  if (!env.DATABASE_URL) {
    console.error('worker check: DATABASE_URL is not set.');
    return 1;
  }
  const { db, close } = createDb(env.DATABASE_URL, { max: 1, connectTimeoutMs: 5_000 });
  try {
    const liveness = await workerLiveness(db, env.WORKER_STALE_AFTER_MS);
    const line = `worker check: ${describeWorkerLiveness(liveness, env.WORKER_STALE_AFTER_MS)}`;
    if (liveness.alive > 0) console.log(line);
    else console.error(line);
    return liveness.alive > 0 ? 0 : 1;
  } catch (error) {
    // drizzle wraps the driver's error in "Failed query: <the SQL>"; the driver's own says what went wrong.
    const cause = (error as { cause?: unknown }).cause ?? error;
    console.error(`worker check: cannot read the heartbeats: ${cause instanceof Error ? cause.message : String(cause)}`);
    return 1;
  } finally {
    await close().catch(() => {});
  }
}
