// `npm run worker -- --check`, as a container health check runs it: exit 1
// with the reason until a worker reports, 0 with how many once one does.
import { sql } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';

const t = setupTestDatabase();

function check(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts', '--check'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out: out.trim() }));
  });
}

it('says whether any worker is alive, from the heartbeats in PostgreSQL', { timeout: 60_000 }, async () => {
  const env = { DATABASE_URL: t.url, WORKER_STALE_AFTER_MS: '20000' };
  expect(await check(env)).toEqual({ code: 1, out: 'worker check: no worker alive: no heartbeat in the last 20 s (none recorded)' });

  await t.db.execute(sql`insert into worker_heartbeats (worker_id, seen_at) values ('pool-old', now() - interval '5 minutes')`);
  expect(await check(env)).toMatchObject({ code: 1, out: expect.stringMatching(/^worker check: no worker alive: no heartbeat in the last 20 s \(last heartbeat 30\d\.\d s ago\)$/) });

  await t.db.execute(sql`insert into worker_heartbeats (worker_id, seen_at) values ('pool-a', now()), ('worker-a1', now()), ('pool-b', now())`);
  expect(await check(env)).toMatchObject({ code: 0, out: expect.stringMatching(/^worker check: 2 worker processes alive, last heartbeat \d+\.\d s ago$/) });

  const down = await check({ DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:1/postgres' });
  expect(down.code).toBe(1);
  expect(down.out).toBe('worker check: cannot read the heartbeats: connect ECONNREFUSED 127.0.0.1:1');
});
