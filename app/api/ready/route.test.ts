// The readiness endpoint against a real PostgreSQL that is stopped and started
// again (its own embedded server, since it stops it), and against a database
// that lacks this build's migrations.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, queryRows } from '@/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import journal from '@/db/migrations/meta/_journal.json';
import { checkReadiness, type Readiness } from '@/lib/ops/readiness';

let dir: string;
let pg: EmbeddedDatabase | null = null;
let GET: () => Promise<Response>;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'an-ready-'));
  pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), persistent: true });
  await migrateDatabase(pg.url);
  process.env.DATABASE_URL = pg.url;
  ({ GET } = await import('./route'));
});

afterAll(async () => {
  const { closeDb } = await import('@/db');
  await closeDb().catch(() => {});
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.env.DATABASE_URL = savedUrl;
});

const ready = async () => {
  const response = await GET();
  return { status: response.status, body: (await response.json()) as Readiness };
};

it('answers 503 while PostgreSQL is stopped and 200 once it is back', { timeout: 90_000 }, async () => {
  const before = await ready();
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({ ready: true, database: { ok: true }, migrations: { ok: true, pending: [], expected: journal.entries.length } });
  // No worker runs here: reported, but the web process is ready all the same.
  expect(before.body.worker).toMatchObject({ alive: 0, lastHeartbeatAgeMs: null });
  expect(before.body.worker?.summary).toMatch(/^no worker alive/);

  const port = pg!.port;
  await pg!.stop();
  pg = null;
  const down = await ready();
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ ready: false, database: { ok: false } });
  expect((down.body.database as { error: string }).error).toMatch(/^PostgreSQL unreachable \((ECONNREFUSED|ECONNRESET|57P01|CONNECTION_\w+)\)$/);
  // The answer is public: it names no address or credentials.
  expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|postgres:postgres|:\d{4,5}\b/);

  pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port });
  await expect.poll(async () => (await ready()).status, { timeout: 30_000, interval: 250 }).toBe(200);
});

it('is not ready on a database without this build’s migrations, and reports a live worker', { timeout: 60_000 }, async () => {
  const admin = new PgClient({ connectionString: pg!.url });
  await admin.connect();
  await admin.query('create database half_migrated');
  await admin.end();
  const url = pg!.url.replace(/\/postgres$/, '/half_migrated');
  const { db, close } = createDb(url, { max: 2 });
  try {
    const empty = await checkReadiness(db, { staleAfterMs: 20_000 });
    expect(empty).toMatchObject({ ready: false, database: { ok: true }, migrations: { ok: false, applied: 0, pending: journal.entries.map((e) => e.tag) } });

    await migrateDatabase(url);
    // The newest migration undone in the bookkeeping, as on a database one version behind this build.
    const [newest] = await queryRows<{ hash: string; created_at: string }>(
      db,
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations) returning hash, created_at`,
    );
    const behind = await checkReadiness(db, { staleAfterMs: 20_000 });
    expect(behind.migrations).toMatchObject({ ok: false, pending: [journal.entries.at(-1)!.tag] });
    expect(behind.ready).toBe(false);

    await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${newest.hash}, ${newest.created_at})`);
    await db.execute(sql`insert into worker_heartbeats (worker_id, seen_at) values ('pool-live', now()), ('worker-live', now()), ('pool-dead', now() - interval '1 minute')`);
    const current = await checkReadiness(db, { staleAfterMs: 20_000 });
    expect(current).toMatchObject({ ready: true, migrations: { ok: true, pending: [] }, worker: { alive: 1 } });
    expect(current.worker?.summary).toMatch(/^1 worker process alive, last heartbeat \d+\.\d s ago$/);
  } finally {
    await close();
  }
});
