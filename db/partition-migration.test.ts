// Migration 0011 moves a database that has history to the partitioned tables
// without losing or changing a row: a database migrated to 0010 is filled with
// four months of notifications and deliveries, then migrated to the end, and
// the counts and checksums of every column are compared.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createDb, queryRows, type Db } from '@/db';

const NOTIFICATIONS = 2_000;
const DELIVERIES_EACH = 10;
const WITH_KEY = 40;
const migrationsFolder = path.join(import.meta.dirname, 'migrations');

let name: string;
let url: string;
let db: Db;
let close: () => Promise<void>;
let before0011: string;

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  name = `t_${inject('testRunId')}_m${randomBytes(6).toString('hex')}`;
  await admin(`create database "${name}"`);
  const u = new URL(inject('databaseAdminUrl'));
  u.pathname = `/${name}`;
  url = u.toString();
  ({ db, close } = createDb(url));
  // The migrations up to 0010, as a database made before partitioning has them.
  before0011 = mkdtempSync(path.join(os.tmpdir(), 'an-migrations-'));
  cpSync(migrationsFolder, before0011, { recursive: true });
  const journalPath = path.join(before0011, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < '0011');
  writeFileSync(journalPath, JSON.stringify(journal));
  await migrate(db, { migrationsFolder: before0011 });
});

afterAll(async () => {
  await close?.();
  if (name) await admin(`drop database if exists "${name}" with (force)`);
  if (before0011) rmSync(before0011, { recursive: true, force: true });
});

/** Counts and checksums of every column (a delivery's created_at aside: 0011 sets it to its notification's). */
const checksums = async () => {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`select
      (select count(*)::int from notifications) as notifications,
      (select md5(string_agg(concat_ws('|', id, account_id, kind, category, type_key, availability, event_key, customer_account_id,
         initiator, outcome, project_id, subject, summary, content, api_key_id, rendered, created_at), ',' order by id)) from notifications) as n_sum,
      (select count(*)::int from deliveries) as deliveries,
      (select md5(string_agg(concat_ws('|', id, notification_id, account_id, user_id, channel, address, recipient_name, chunk, status,
         attempts, last_error, provider_message_id, read_at, updated_at), ',' order by id)) from deliveries) as d_sum`,
  );
  return row;
};

it('keeps every notification and delivery, their Idempotency-Keys, and puts each delivery in its notification’s month', async () => {
  // In SQL of the schema at 0010: the test helpers write today's columns.
  const accountId = await db.transaction(async (tx) => {
    const [account] = await queryRows<{ id: string }>(tx, sql`insert into accounts (name) values ('Before partitioning') returning id`);
    await tx.execute(sql`insert into users (id, name, email) values ('owner-0011', 'Owner', 'owner-0011@test.example')`);
    await tx.execute(sql`insert into memberships (account_id, user_id, role) values (${account.id}, 'owner-0011', 'owner')`);
    return account.id;
  });
  const [key] = await queryRows<{ id: string }>(db, sql`insert into api_keys (name, prefix, key_hash) values ('migration', 'an_test', ${randomBytes(16).toString('hex')}) returning id`);
  // Four months of history; the first WITH_KEY were published with an Idempotency-Key.
  await db.execute(sql`
    insert into notifications (account_id, category, type_key, availability, subject, summary, content, api_key_id,
                               idempotency_key, request_hash, response, created_at)
    select ${accountId}, 'services', 'product_updates', 'all_users', 'Subject ' || i, case when i % 3 = 0 then 'Summary ' || i end,
           jsonb_build_object('i', i), ${key.id},
           case when i <= ${WITH_KEY} then 'key-' || i end, case when i <= ${WITH_KEY} then 'hash-' || i end,
           case when i <= ${WITH_KEY} then jsonb_build_object('id', 'answer-' || i) end,
           now() - (i % 4) * interval '1 month' - (i * interval '17 seconds')
    from generate_series(1, ${NOTIFICATIONS}) i`);
  // Deliveries made a moment after their notification, as the fan-out made them before 0011.
  await db.execute(sql`
    insert into deliveries (notification_id, account_id, user_id, channel, address, recipient_name, chunk, status, attempts,
                            last_error, provider_message_id, read_at, created_at, updated_at)
    select n.id, n.account_id, 'user-' || k, 'email', 'r' || k || '@example.com', 'Person ' || k, k / 3,
           (array['queued','sent','delivered','failed','bounced'])[1 + k % 5]::delivery_status, k % 3,
           case when k % 5 = 3 then 'HTTP 500' end, case when k % 5 in (1, 2) then 'msg-' || k end,
           case when k = 2 then n.created_at + interval '1 hour' end,
           n.created_at + interval '2 seconds', n.created_at + interval '5 minutes'
    from notifications n, generate_series(1, ${DELIVERIES_EACH}) k`);
  const before = await checksums();
  const [{ months }] = await queryRows<{ months: number }>(db, sql`select count(distinct date_trunc('month', created_at at time zone 'UTC'))::int as months from notifications`);
  expect(before).toMatchObject({ notifications: NOTIFICATIONS, deliveries: NOTIFICATIONS * DELIVERIES_EACH });

  await migrate(db, { migrationsFolder });

  expect(await checksums()).toEqual(before);
  const [moved] = await queryRows<{ misplaced: number; partitions: number; keys: number; answers: number }>(
    db,
    sql`select
      (select count(*)::int from deliveries d join notifications n on n.id = d.notification_id where d.created_at <> n.created_at) as misplaced,
      (select count(*)::int from pg_inherits i join pg_class p on p.oid = i.inhparent where p.relname = 'notifications') as partitions,
      (select count(*)::int from publish_requests where api_key_id = ${key.id}) as keys,
      (select count(*)::int from publish_requests where api_key_id = ${key.id} and request_hash = 'hash-' || substr(idempotency_key, 5)
         and response = jsonb_build_object('id', 'answer-' || substr(idempotency_key, 5))) as answers`,
  );
  expect(moved).toEqual({ misplaced: 0, partitions: expect.any(Number), keys: WITH_KEY, answers: WITH_KEY });
  // Every month with history, plus this month and the ones ahead.
  expect(moved.partitions).toBeGreaterThanOrEqual(months + 2);
  // New deliveries continue the old ids.
  const [{ max }] = await queryRows<{ max: number }>(db, sql`select max(id)::int as max from deliveries`);
  const [{ next }] = await queryRows<{ next: number }>(db, sql`select nextval(pg_get_serial_sequence('deliveries', 'id'))::int as next`);
  expect(next).toBeGreaterThan(max);
  // The old tables are gone.
  const [{ leftover }] = await queryRows<{ leftover: number }>(db, sql`select count(*)::int as leftover from pg_namespace where nspname = 'an_unpartitioned'`);
  expect(leftover).toBe(0);
});
