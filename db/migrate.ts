import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { runMigrations } from 'graphile-worker';
import { createDb } from './index';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the app's drizzle migrations and graphile-worker's own schema. Safe to run repeatedly. */
export async function migrateDatabase(url: string) {
  const { db, close } = createDb(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await close();
  }
  await runMigrations({ connectionString: url, logger: quietLogger });
}

import { Logger } from 'graphile-worker';
export const quietLogger = new Logger(() => (level: string, message: string) => {
  if (level === 'error' || level === 'warning') console.error(`[worker] ${message}`);
});
