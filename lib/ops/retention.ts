// How long history is kept, and the monthly partitions that make removing it cheap.
//
// notifications and deliveries are partitioned by month on created_at
// (migration 0011; a delivery carries its notification's created_at). The
// worker keeps PARTITION_MONTHS_AHEAD months created ahead, and the daily
// maintenance job detaches and drops the months that ended more than
// DELIVERY_RETENTION_DAYS ago: whole tables, never a row-by-row DELETE of
// millions of rows, and DETACH … CONCURRENTLY so sends go on meanwhile. The
// smaller tables are pruned by row, in bounded batches.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '@/db';
import type { Env } from '@/lib/env';
import { env } from '@/lib/env';

/** The partitioned tables, in the order their expired months are dropped: deliveries before their notifications. */
export const PARTITIONED_TABLES = ['deliveries', 'notifications'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

/** Months created ahead of the current one, so an insert never finds its month missing while a worker is down. */
export const PARTITION_MONTHS_AHEAD = 2;

/** Idempotency-Key records: a publisher retries within a day (as Stripe's keys, 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

/** Rows one DELETE removes at most, so pruning never holds a long lock. */
export const PRUNE_BATCH = 10_000;

/** The graphile-worker task, run daily by the worker's crontab (and once at start). */
export const MAINTENANCE_TASK = 'maintenance';
/** Daily at 03:17 UTC; `fill=1d` runs a missed one when the worker comes back within a day. */
export const MAINTENANCE_CRONTAB = `17 3 * * * ${MAINTENANCE_TASK} ?fill=1d&max=1`;

export type RetentionPolicy = {
  deliveryDays: number;
  auditDays: number;
  mailboxDays: number;
  webhookEventDays: number;
  telegramUpdateDays: number;
  idempotencyHours: number;
};

export function retentionPolicyFrom(
  config: Pick<Env, 'DELIVERY_RETENTION_DAYS' | 'AUDIT_RETENTION_DAYS' | 'MAILBOX_RETENTION_DAYS' | 'WEBHOOK_EVENT_RETENTION_DAYS' | 'TELEGRAM_UPDATE_RETENTION_DAYS'>,
): RetentionPolicy {
  return {
    deliveryDays: config.DELIVERY_RETENTION_DAYS,
    auditDays: config.AUDIT_RETENTION_DAYS,
    mailboxDays: config.MAILBOX_RETENTION_DAYS,
    webhookEventDays: config.WEBHOOK_EVENT_RETENTION_DAYS,
    telegramUpdateDays: config.TELEGRAM_UPDATE_RETENTION_DAYS,
    idempotencyHours: IDEMPOTENCY_RETENTION_HOURS,
  };
}

/** The policy of this process's environment. */
export const retentionPolicy = (): RetentionPolicy => retentionPolicyFrom(env);

const DAY_MS = 86_400_000;
const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const addMonths = (d: Date, months: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));

/** Creates the partitions of this month and the next PARTITION_MONTHS_AHEAD ones that are missing; returns how many. */
export async function ensurePartitions(db: Db, now = new Date()): Promise<number> {
  const [row] = await queryRows<{ created: number }>(
    db,
    sql`select an_ensure_month_partitions(${now.toISOString()}::timestamptz, ${addMonths(now, PARTITION_MONTHS_AHEAD).toISOString()}::timestamptz) as created`,
  );
  return row.created;
}

/**
 * `state`: `attached` (a partition of its table), `detaching` (a DETACH … CONCURRENTLY a crash
 * interrupted), or `detached` (detached, but the process ended before it was dropped).
 */
export type MonthPartition = { table: PartitionedTable; name: string; month: Date; state: 'attached' | 'detaching' | 'detached' };

/** The month partitions there are, and detached months not dropped yet, oldest first (named <table>_pYYYYMM by an_ensure_month_partitions). */
export async function listPartitions(db: Tx): Promise<MonthPartition[]> {
  const rows = await queryRows<{ parent: PartitionedTable; name: string; state: MonthPartition['state'] }>(
    db,
    sql`select p.relname as parent, c.relname as name, case when i.inhdetachpending then 'detaching' else 'attached' end as state
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        join pg_namespace n on n.oid = p.relnamespace
        where n.nspname = current_schema() and p.relname in ('deliveries', 'notifications')
        union all
        select substring(c.relname from '^(deliveries|notifications)_p') as parent, c.relname as name, 'detached' as state
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' and not c.relispartition
          and c.relname ~ '^(deliveries|notifications)_p[0-9]{6}$'`,
  );
  return rows
    .flatMap((r) => {
      const m = /_p(\d{4})(\d{2})$/.exec(r.name);
      return m ? [{ table: r.parent, name: r.name, month: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)), state: r.state }] : [];
    })
    .sort((a, b) => a.month.getTime() - b.month.getTime() || PARTITIONED_TABLES.indexOf(a.table) - PARTITIONED_TABLES.indexOf(b.table));
}

/**
 * How many months after the current one both tables already have: below 1, an insert next month
 * would find no partition (the workers have not run their maintenance). Alert on it.
 */
export function monthsAhead(partitions: MonthPartition[], now = new Date()): number {
  const current = monthStart(now);
  let ahead = 0;
  const has = (table: PartitionedTable, month: Date) => partitions.some((p) => p.table === table && p.state === 'attached' && p.month.getTime() === month.getTime());
  while (PARTITIONED_TABLES.every((table) => has(table, addMonths(current, ahead + 1)))) ahead += 1;
  return PARTITIONED_TABLES.every((table) => has(table, current)) ? ahead : -1;
}

/** A month is expired when all of it is older than the retention: it ended at least `days` ago. */
export const monthExpired = (month: Date, days: number, now: Date) => addMonths(month, 1).getTime() <= now.getTime() - days * DAY_MS;

const expiredPartitions = async (db: Db, days: number, now: Date) =>
  (await listPartitions(db)).filter((p) => monthExpired(p.month, days, now) && p.month < monthStart(now));

/**
 * Takes every expired month out of its table: DETACH … CONCURRENTLY, so inserts and sends go
 * on meanwhile (it waits only for transactions already using the table), deliveries before their
 * notifications; a detach a crash interrupted is finished. The step that touches the live tables:
 * milliseconds, whatever the month's size. Returns the detached names.
 */
export async function detachExpiredPartitions(db: Db, days: number, now = new Date()): Promise<string[]> {
  const detached: string[] = [];
  for (const p of await expiredPartitions(db, days, now)) {
    if (p.state === 'detached') continue;
    const partition = sql.identifier(p.name);
    await db.execute(
      p.state === 'detaching'
        ? sql`alter table ${sql.identifier(p.table)} detach partition ${partition} finalize`
        : sql`alter table ${sql.identifier(p.table)} detach partition ${partition} concurrently`,
    );
    detached.push(p.name);
  }
  return detached;
}

/**
 * Drops the detached expired months, including any a crash left detached. Nothing reads them
 * any more, so this blocks nobody; its time is the file system's, freeing the month's files.
 */
export async function dropDetachedPartitions(db: Db, days: number, now = new Date()): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await expiredPartitions(db, days, now)) {
    if (p.state !== 'detached') continue;
    await db.execute(sql`drop table ${sql.identifier(p.name)}`);
    dropped.push(p.name);
  }
  return dropped;
}

/** Removes every expired month of deliveries and notifications: detached, then dropped. Returns the dropped names. */
export async function dropExpiredPartitions(db: Db, days: number, now = new Date()): Promise<string[]> {
  await detachExpiredPartitions(db, days, now);
  return dropDetachedPartitions(db, days, now);
}

/**
 * One batch of row pruning: deletes at most PRUNE_BATCH of the rows `where` picks, by ctid;
 * returns how many. `table` must not be partitioned (a ctid is unique only within one table).
 */
export async function pruneBatch(db: Db, table: string, where: SQL): Promise<number> {
  const t = sql.identifier(table);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with doomed as (select ctid from ${t} where ${where} limit ${PRUNE_BATCH}),
             gone as (delete from ${t} where ctid in (select ctid from doomed) returning 1)
        select count(*)::int as n from gone`,
  );
  return row.n;
}

/** Deletes the rows `where` picks, PRUNE_BATCH at a time; returns how many. */
async function pruneBatches(db: Db, table: string, where: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await pruneBatch(db, table, where);
    total += n;
    if (n < PRUNE_BATCH) return total;
  }
}

/** What the row-pruned tables keep, one rule each. */
export function pruneRules(policy: RetentionPolicy, now: Date): { table: string; where: SQL }[] {
  const before = (days: number) => sql`${new Date(now.getTime() - days * DAY_MS).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  return [
    { table: 'audit_log', where: sql`created_at < ${before(policy.auditDays)}` },
    // Sign-in and notice e-mails are part of the delivery history: kept as long as deliveries.
    { table: 'mail_messages', where: sql`status in ('sent', 'failed') and created_at < ${before(policy.deliveryDays)}` },
    { table: 'mailbox_messages', where: sql`created_at < ${before(policy.mailboxDays)}` },
    { table: 'telegram_sim_messages', where: sql`created_at < ${before(policy.mailboxDays)}` },
    { table: 'resend_webhook_events', where: sql`received_at < ${before(policy.webhookEventDays)}` },
    { table: 'telegram_updates', where: sql`received_at < ${before(policy.telegramUpdateDays)}` },
    { table: 'publish_requests', where: sql`created_at < ${sql`${new Date(now.getTime() - policy.idempotencyHours * 3_600_000).toISOString()}::timestamptz`}` },
    { table: 'sessions', where: sql`expires < ${at}` },
    { table: 'verification_tokens', where: sql`expires < ${at}` },
    { table: 'telegram_link_tokens', where: sql`expires_at < ${at}` },
    { table: 'request_limits', where: sql`tat < ${at}` },
  ];
}

export type RetentionReport = { partitionsCreated: number; partitionsDropped: string[]; rowsDeleted: Record<string, number> };

/** The daily maintenance: months ahead, expired months dropped, small tables pruned. */
export async function runMaintenance(db: Db, policy: RetentionPolicy = retentionPolicy(), now = new Date()): Promise<RetentionReport> {
  const partitionsCreated = await ensurePartitions(db, now);
  const partitionsDropped = await dropExpiredPartitions(db, policy.deliveryDays, now);
  const rowsDeleted: Record<string, number> = {};
  for (const rule of pruneRules(policy, now)) rowsDeleted[rule.table] = await pruneBatches(db, rule.table, rule.where);
  return { partitionsCreated, partitionsDropped, rowsDeleted };
}
