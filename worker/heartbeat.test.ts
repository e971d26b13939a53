// The heartbeat frees the jobs of workers that stopped reporting, but never
// right after its own start or a database outage, when the living workers'
// reports are old too.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '@/db';
import { setupTestDatabase } from '@/test/db';
import { createHeartbeat } from './heartbeat';
import { queryRows } from '@/db';

const t = setupTestDatabase();

it('sweeps only after reporting without a gap for the whole stale window', async () => {
  let down = false;
  // The database as this process sees it: unreachable while `down`.
  const db = new Proxy(t.db, {
    get: (target, prop, receiver) =>
      prop === 'execute' && down ? () => Promise.reject(new Error('connect ECONNREFUSED')) : Reflect.get(target, prop, receiver),
  }) as Db;
  await t.db.execute(sql`insert into worker_heartbeats (worker_id, seen_at) values ('other', now() - interval '5 seconds')`);
  const beat = createHeartbeat(db, () => ['me'], 1_000);
  const others = async () => (await queryRows<{ worker_id: string }>(t.db, sql`select worker_id from worker_heartbeats where worker_id <> 'me'`)).map((r) => r.worker_id);

  expect(await beat()).toEqual([]);
  down = true;
  await expect(beat()).rejects.toThrow('ECONNREFUSED');
  down = false;
  expect(await beat()).toEqual([]);
  expect(await others()).toEqual(['other']);

  await new Promise((r) => setTimeout(r, 1_100));
  expect(await beat()).toEqual(['other']);
  expect(await others()).toEqual([]);
});
