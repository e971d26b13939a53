import { run, type Runner } from 'graphile-worker';
import { createDb } from '@/db';
import { quietLogger } from '@/db/migrate';
import { createTaskList } from './tasks';

export type StartWorkerOptions = {
  databaseUrl: string;
  from: string;
  resendApiKey?: string;
  concurrency?: number;
};

/** Starts a worker on the shared PostgreSQL queue. Any number may run, on any number of machines. */
export async function startWorker(options: StartWorkerOptions): Promise<{ runner: Runner; stop: () => Promise<void> }> {
  const { sql, db } = createDb(options.databaseUrl, { max: (options.concurrency ?? 4) + 2 });
  const runner = await run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency ?? 4,
    pollInterval: 2000,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: createTaskList({ db, from: options.from, resendApiKey: options.resendApiKey }),
  });
  return {
    runner,
    stop: async () => {
      await runner.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
