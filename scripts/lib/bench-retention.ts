// npm run bench, retention: taking an expired month of deliveries out of the
// table (DETACH … CONCURRENTLY, what the daily maintenance does) against
// deleting 10,000 of its rows the usual way (one batch of the row pruner the
// small tables use, as a retention job without partitions would), measured on
// the same database in the same run; then dropping the detached month, which frees its files (the file
// system's time, proportional to the month's size) and blocks nobody.
//
//   BENCH_RETENTION_ROWS=10000000 (rows in the expired month)
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@/db';
import { detachExpiredPartitions, dropDetachedPartitions, ensurePartitions, PRUNE_BATCH, pruneBatch } from '@/lib/ops/retention';

type Report = (name: string, value: string, target: string, ok: boolean) => void;

const MONTH_ROWS = Number(process.env.BENCH_RETENTION_ROWS ?? 10_000_000);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A notification at `at` with `rows` e-mail deliveries, written straight into its month's partition. */
async function monthOfDeliveries(db: Db, accountId: string, at: string, rows: number) {
  const [n] = await queryRows<{ id: string }>(db, sql`
    insert into notifications (account_id, category, type_key, availability, subject, created_at)
    values (${accountId}, 'services', 'service_status', 'account_users', 'retention bench', ${at}::timestamptz) returning id`);
  const partition = sql.identifier(`deliveries_p${at.slice(0, 4)}${at.slice(5, 7)}`);
  // In slices, so one statement never holds millions of rows of WAL and sort memory at once.
  for (let from = 1; from <= rows; from += 1_000_000) {
    const to = Math.min(rows, from + 999_999);
    await db.execute(sql`
      insert into ${partition} (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk, status)
      select ${n.id}, ${at}::timestamptz, ${accountId}, 'u' || g, 'email', 'p' || g || '@bench.example', 'Person ' || g, g / 100, 'delivered'
      from generate_series(${from}::int, ${to}::int) g`);
  }
  return n.id;
}

/** `accountId`: an account of the bench's own (with its owner), whose rows this removes again at the end. */
export async function benchRetention(db: Db, report: Report, accountId: string) {
  console.log(`\nRetention: drop an expired month of ${MONTH_ROWS.toLocaleString('en')} deliveries vs DELETE of ${PRUNE_BATCH.toLocaleString('en')}`);
  await ensurePartitions(db, new Date('2000-01-15T00:00:00Z'));
  let started = performance.now();
  // The month, and the rows the DELETE removes from it first.
  await monthOfDeliveries(db, accountId, '2000-01-10T00:00:00Z', MONTH_ROWS + PRUNE_BATCH);
  const fillMs = performance.now() - started;
  await monthOfDeliveries(db, accountId, '2000-02-10T00:00:00Z', 1_000);
  await db.execute(sql`analyze deliveries`);
  // Both measurements start from clean buffers, not one of them in the fill's checkpoint.
  await db.execute(sql`checkpoint`);
  console.log(`    filled January 2000 in ${(fillMs / 1000).toFixed(1)} s`);

  // The usual way: one DELETE of the month's oldest rows, a batch of the row pruner.
  started = performance.now();
  const deleted = await pruneBatch(db, 'deliveries_p200001', sql`created_at < '2000-02-01T00:00:00Z'::timestamptz`);
  const deleteMs = performance.now() - started;

  // The maintenance's way: on 15 March with 30 days' retention January has expired, February not.
  const [{ size }] = await queryRows<{ size: string }>(db, sql`select pg_size_pretty(pg_total_relation_size('deliveries_p200001')) as size`);
  const on = new Date('2000-03-15T00:00:00Z');
  started = performance.now();
  const detached = await detachExpiredPartitions(db, 30, on);
  const detachMs = performance.now() - started;
  started = performance.now();
  const dropped = await dropDetachedPartitions(db, 30, on);
  const dropMs = performance.now() - started;
  const expected = 'deliveries_p200001,notifications_p200001';
  if (deleted !== PRUNE_BATCH || detached.join() !== expected || dropped.join() !== expected) {
    throw new Error(`retention bench: deleted ${deleted}, detached ${detached.join(', ')}, dropped ${dropped.join(', ')}`);
  }
  console.log(`    DELETE of ${deleted.toLocaleString('en')} rows: ${ms(deleteMs)}`);
  console.log(`    detach CONCURRENTLY of the month of ${MONTH_ROWS.toLocaleString('en')} rows (${detached.join(', ')}): ${ms(detachMs)}`);
  console.log(`    then drop of the detached tables, freeing ${size} (blocks nobody): ${ms(dropMs)}`);
  report(
    `take a month of ${MONTH_ROWS.toLocaleString('en')} rows out of the table / DELETE of ${PRUNE_BATCH.toLocaleString('en')} rows (time)`,
    (detachMs / deleteMs).toFixed(2),
    '< 1 (faster)',
    detachMs < deleteMs,
  );
  await db.execute(sql`delete from notifications where account_id = ${accountId}`);
}
