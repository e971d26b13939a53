// PostgreSQL restarts while a worker is in the middle of a chunk: the worker
// process rides it out (nothing restarts it here), and every e-mail is still
// accepted exactly once. Runs its own embedded PostgreSQL, since it stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db, queryRows } from '@/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { subscriptions } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishNotification } from '@/lib/delivery/publish';
import { createAccount } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fakes/resend';

let dir: string;
let pg: EmbeddedDatabase | null = null;
let close: (() => Promise<void>) | undefined;
let db: Db;
let resend: FakeResend;
let worker: ChildProcess | null = null;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'an-db-restart-'));
  pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), persistent: true });
  await migrateDatabase(pg.url);
  ({ close, db } = createDb(pg.url, { max: 2 }));
  resend = await startFakeResend();
});

afterAll(async () => {
  if (worker?.exitCode === null) worker.kill('SIGKILL');
  await resend?.close();
  await close?.();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a worker survives a PostgreSQL restart in the middle of a chunk', { timeout: 90_000 }, async () => {
  const acc = await createAccount(db, {
    members: Array.from({ length: 49 }, (_, i) => ({ role: 'account_admin' as const, email: `restart-${i}@test.example` })),
  });
  await db.insert(subscriptions).values(acc.members.map((m) => ({ accountId: acc.accountId, userId: m.userId, category: 'services' as const })));
  const { id: apiKeyId } = await createApiKey(db, { name: 'restart' });

  // The batch is accepted at once but answered after 4 s, when PostgreSQL is down: recording
  // the answer needs the database back.
  resend.delayNext(1, 4_000);
  // node --import tsx, not the tsx CLI, so that the process we watch is the worker itself.
  worker = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    env: { ...process.env, ...resend.env(), DATABASE_URL: pg!.url, NODE_ENV: 'production', RESEND_RATE_LIMIT: '20' },
    stdio: 'ignore',
  });
  const published = await publishNotification(db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type: 'product_updates', subject: 'Restart test' },
  });
  const id = published.body.id as string;
  await resend.waitForRequests(1, 30_000);

  const port = pg!.port;
  await pg!.stop();
  pg = null;
  await new Promise((r) => setTimeout(r, 6_000));
  pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port });

  await expect
    .poll(
      async () => {
        const [row] = await queryRows<{ sent: number }>(
          db,
          sql`select count(*) filter (where status = 'sent')::int as sent from deliveries where notification_id = ${id} and channel = 'email'`,
        );
        return row.sent;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(50);
  expect(worker.exitCode).toBeNull();
  // Accepted once: the worker's one pool (queue and queries alike) waited for the database and
  // recorded the answer when it came back; had a connection broken mid-query instead, the
  // retry would have been a replay of the first acceptance, never a second send.
  expect(resend.emails).toHaveLength(50);
  expect(resend.requests.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
  expect(resend.requests.every((r) => r.outcome === 'accepted' || r.outcome === 'replayed')).toBe(true);
});
