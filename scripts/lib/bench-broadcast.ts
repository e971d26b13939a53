// `npm run bench`'s broadcast section: one notification to BENCH_BROADCAST_RECIPIENTS
// recipients over BENCH_BROADCAST_ACCOUNTS accounts through the real path (the
// accepting transaction, then every chunk job, one after the other), against a bare
// INSERT … SELECT of the same delivery rows into a plain table of the same shape, in
// the same run: the fan-out ratio of one notification, for many.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@/db';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishBroadcast, publishBroadcastChunk } from '@/lib/delivery/broadcast';

export const BROADCAST_RECIPIENTS = Number(process.env.BENCH_BROADCAST_RECIPIENTS ?? 1_000_000);
export const BROADCAST_ACCOUNTS = Number(process.env.BENCH_BROADCAST_ACCOUNTS ?? 10_000);

type Report = (name: string, value: string, target: string, ok: boolean) => void;
const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(0)} ms`);
const rate = (rows: number, took: number) => Math.round(rows / (took / 1000)).toLocaleString('en');

/** BROADCAST_ACCOUNTS accounts of an Owner and account admins subscribed to Services: BROADCAST_RECIPIENTS people in all. */
async function seedAccounts(db: Db): Promise<string[]> {
  const perAccount = Math.max(1, Math.round(BROADCAST_RECIPIENTS / BROADCAST_ACCOUNTS));
  return db.transaction(async (tx) => {
    const accounts = await queryRows<{ id: string }>(tx, sql`
      insert into accounts (name) select 'Broadcast ' || a from generate_series(1, ${BROADCAST_ACCOUNTS}::int) a returning id`);
    await tx.execute(sql`
      create temporary table bench_people on commit drop as
      select a.id as account_id, a.n, g, 'bc-' || a.n || '-' || g as user_id
      from (select id, row_number() over () as n from accounts where name like 'Broadcast %') a, generate_series(0, ${perAccount - 1}::int) g`);
    await tx.execute(sql`insert into users (id, name, email) select user_id, 'Person ' || g, user_id || '@broadcast.example' from bench_people`);
    await tx.execute(sql`
      insert into memberships (account_id, user_id, role)
      select account_id, user_id, case when g = 0 then 'owner' else 'account_admin' end::member_role from bench_people`);
    await tx.execute(sql`insert into subscriptions (account_id, user_id, category) select account_id, user_id, 'services' from bench_people where g > 0`);
    return accounts.map((a) => a.id);
  });
}

export async function benchBroadcast(db: Db, report: Report) {
  console.log(
    `\nBroadcast of one notification to ${BROADCAST_RECIPIENTS.toLocaleString('en')} recipients over ${BROADCAST_ACCOUNTS.toLocaleString('en')} accounts`,
  );
  let started = performance.now();
  const accountIds = await seedAccounts(db);
  await db.execute(sql`vacuum analyze`);
  console.log(`    seeded in ${ms(performance.now() - started)}`);
  const rows = BROADCAST_RECIPIENTS * 2; // e-mail + in-app (Services is not a Telegram category)

  const { id: apiKeyId } = await createApiKey(db, { name: 'bench broadcast' });
  started = performance.now();
  const accepted = await publishBroadcast(db, {
    apiKeyId,
    idempotencyKey: 'bench-broadcast',
    body: { account_ids: accountIds, type: 'service_status', availability: 'account_users', subject: 'Maintenance on Saturday' },
  });
  if (accepted.status !== 202) throw new Error(`broadcast answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  const acceptMs = performance.now() - started;
  const broadcastId = accepted.body.id as string;
  const chunks = await queryRows<{ chunk: number }>(db, sql`select distinct chunk from broadcast_accounts where broadcast_id = ${broadcastId} order by 1`);
  const chunkMs: number[] = [];
  for (const { chunk } of chunks) {
    const chunkStarted = performance.now();
    await publishBroadcastChunk(db, { broadcastId, chunk });
    chunkMs.push(performance.now() - chunkStarted);
  }
  const broadcastMs = performance.now() - started;
  const [written] = await queryRows<{ deliveries: number; copies: number; jobs: number }>(db, sql`
    select (select count(*) from deliveries d join broadcast_accounts ba on ba.notification_id = d.notification_id where ba.broadcast_id = ${broadcastId})::int as deliveries,
           (select count(*) from broadcast_accounts where broadcast_id = ${broadcastId} and notification_id is not null)::int as copies,
           (select count(*) from graphile_worker.jobs where key like 'deliver_email:%')::int as jobs`);
  if (written.deliveries !== rows || written.copies !== BROADCAST_ACCOUNTS) {
    throw new Error(`the broadcast wrote ${written.deliveries} deliveries and ${written.copies} copies, not ${rows} and ${BROADCAST_ACCOUNTS}`);
  }
  const sorted = [...chunkMs].sort((a, b) => a - b);
  console.log(
    `    broadcast: accepted in ${ms(acceptMs)}, then ${chunks.length} chunk jobs one after the other ` +
      `(first ${ms(chunkMs[0])}, median ${ms(sorted[Math.floor(sorted.length / 2)])}, last ${ms(chunkMs.at(-1)!)}, longest ${ms(sorted.at(-1)!)}): ` +
      `${written.copies.toLocaleString('en')} copies, ${written.deliveries.toLocaleString('en')} delivery rows, ${written.jobs.toLocaleString('en')} e-mail jobs — ` +
      `${rate(rows, broadcastMs)} rows/s (${ms(broadcastMs)})`,
  );
  // Baseline: the very same rows, read back in the order they were written, by the database's own
  // INSERT … SELECT into a plain table of the same columns, defaults and indexes (as the fan-out's
  // baseline), with no resolution, no copies, no chunks and no jobs.
  await db.execute(sql`create table bench_bare_broadcast (like deliveries including all)`);
  started = performance.now();
  await db.execute(sql`
    insert into bench_bare_broadcast (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk, status)
    select d.notification_id, d.created_at, d.account_id, d.user_id, d.channel, d.address, d.recipient_name, d.chunk, d.status
    from deliveries d join broadcast_accounts ba on ba.notification_id = d.notification_id
    where ba.broadcast_id = ${broadcastId}
    order by d.id`);
  const bareMs = performance.now() - started;
  await db.execute(sql`drop table bench_bare_broadcast`);
  console.log(`    bare INSERT…SELECT of the same ${rows.toLocaleString('en')} rows: ${rate(rows, bareMs)} rows/s (${ms(bareMs)})`);
  const ratio = bareMs / broadcastMs;
  report('broadcast rate / bare INSERT…SELECT rate', ratio.toFixed(2), '≥ 0.70', ratio >= 0.7);
  await db.execute(sql`delete from graphile_worker._private_jobs`);
}
