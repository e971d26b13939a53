// Partition maintenance and retention against a real PostgreSQL: the months
// ahead are created, exactly the expired months are dropped (deliveries with
// their notifications), and the small tables keep exactly what their rule says.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { auditLog, deliveries, notifications, publishRequests, resendWebhookEvents, sessions, telegramUpdates, users } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { createAccount, setupTestDatabase } from '@/test/db';
import {
  dropExpiredPartitions,
  ensurePartitions,
  listPartitions,
  monthExpired,
  monthsAhead,
  PARTITION_MONTHS_AHEAD,
  retentionPolicyFrom,
  runMaintenance,
} from './retention';

const t = setupTestDatabase();
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** `_pYYYYMM` of the month `offset` months from now. */
const monthSuffix = (offset: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return `_p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const names = async () => (await listPartitions(t.db)).map((p) => p.name);

/** A notification at `createdAt` with one e-mail and one in-app delivery. */
async function notificationAt(accountId: string, createdAt: Date) {
  const [n] = await t.db
    .insert(notifications)
    .values({ accountId, category: 'services', typeKey: 'product_updates', availability: 'all_users', subject: 's', createdAt })
    .returning({ id: notifications.id });
  await t.db.insert(deliveries).values([
    { notificationId: n.id, createdAt, accountId, channel: 'email', address: 'a@b.example' },
    { notificationId: n.id, createdAt, accountId, channel: 'in_app', address: 'someone', status: 'delivered' },
  ]);
  return n.id;
}

const countOf = async (id: string) => ({
  notifications: await t.db.$count(notifications, eq(notifications.id, id)),
  deliveries: await t.db.$count(deliveries, eq(deliveries.notificationId, id)),
});

describe('partitions', () => {
  it('creates this month and the months ahead once, for both tables', async () => {
    const now = new Date('2031-05-20T12:00:00Z');
    expect(await ensurePartitions(t.db, now)).toBe(2 * (PARTITION_MONTHS_AHEAD + 1));
    expect(await ensurePartitions(t.db, now)).toBe(0);
    const created = (await names()).filter((n) => n.includes('_p2031'));
    expect(created).toEqual(['deliveries_p203105', 'notifications_p203105', 'deliveries_p203106', 'notifications_p203106', 'deliveries_p203107', 'notifications_p203107']);
  });

  it('the migrated database already has next month, so an insert never misses its month', async () => {
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 1);
    const month = `${next.getUTCFullYear()}${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(await names()).toEqual(expect.arrayContaining([`notifications_p${month}`, `deliveries_p${month}`]));
  });

  it('counts the months ahead that both tables have, and -1 without the current one', async () => {
    const partitions = await listPartitions(t.db);
    expect(monthsAhead(partitions)).toBe(PARTITION_MONTHS_AHEAD);
    expect(monthsAhead(partitions.filter((p) => !(p.table === 'deliveries' && p.name.endsWith(monthSuffix(1)))))).toBe(0);
    expect(monthsAhead(partitions, new Date('2019-06-01T00:00:00Z'))).toBe(-1);
  });

  it('a month is expired only once all of it is older than the retention', () => {
    expect(monthExpired(utc('2020-01-01'), 30, new Date('2020-03-02T00:00:00Z'))).toBe(true);
    expect(monthExpired(utc('2020-01-01'), 30, new Date('2020-03-01T23:59:59Z'))).toBe(false);
    expect(monthExpired(utc('2020-02-01'), 0, new Date('2020-02-29T23:59:59Z'))).toBe(false);
  });

  it('drops exactly the expired months, deliveries with their notifications, and keeps the rest', async () => {
    const { accountId } = await createAccount(t.db);
    await ensurePartitions(t.db, utc('2020-01-10'));
    const january = await notificationAt(accountId, new Date('2020-01-31T23:59:59.999Z'));
    const february = await notificationAt(accountId, new Date('2020-02-01T00:00:00Z'));
    const march = await notificationAt(accountId, new Date('2020-03-15T00:00:00Z'));

    // On 14 March with 30 days: January ended 42 days ago (expired), February 13 days ago (kept).
    const dropped = await dropExpiredPartitions(t.db, 30, new Date('2020-03-14T00:00:00Z'));
    expect(dropped).toEqual(['deliveries_p202001', 'notifications_p202001']);
    expect(await countOf(january)).toEqual({ notifications: 0, deliveries: 0 });
    expect(await countOf(february)).toEqual({ notifications: 1, deliveries: 2 });
    expect(await countOf(march)).toEqual({ notifications: 1, deliveries: 2 });
    expect(await names()).not.toContain('notifications_p202001');
    // Run again: nothing more is expired.
    expect(await dropExpiredPartitions(t.db, 30, new Date('2020-03-14T00:00:00Z'))).toEqual([]);
  });

  it('drops a month a crash left detached, and does not count it as a month ahead', async () => {
    const { accountId } = await createAccount(t.db);
    await ensurePartitions(t.db, utc('2019-06-10'));
    await notificationAt(accountId, utc('2019-06-10'));
    expect(monthsAhead(await listPartitions(t.db), utc('2019-06-15'))).toBe(PARTITION_MONTHS_AHEAD);
    // The process ended between the detach and the drop.
    await t.db.execute(sql`alter table deliveries detach partition deliveries_p201906 concurrently`);
    expect((await listPartitions(t.db)).find((p) => p.name === 'deliveries_p201906')).toMatchObject({ table: 'deliveries', state: 'detached' });
    expect(monthsAhead(await listPartitions(t.db), utc('2019-06-15'))).toBe(-1);
    // Not expired yet on 15 July with 30 days: left alone.
    expect(await dropExpiredPartitions(t.db, 30, utc('2019-07-15'))).toEqual([]);
    const dropped = await dropExpiredPartitions(t.db, 30, utc('2019-08-15'));
    expect(dropped).toEqual(expect.arrayContaining(['deliveries_p201906', 'notifications_p201906']));
    expect(await names()).not.toContain('deliveries_p201906');
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from pg_class where relname = 'deliveries_p201906'`);
    expect(n).toBe(0);
  });

  it('drops a month while sends go on: a send started after the drop began is not blocked by it', async () => {
    const { accountId } = await createAccount(t.db);
    await ensurePartitions(t.db, utc('2021-01-10'));
    await notificationAt(accountId, utc('2021-01-10'));
    const current = await notificationAt(accountId, new Date());
    const [early, late] = [new pg.Client({ connectionString: t.url }), new pg.Client({ connectionString: t.url })];
    await Promise.all([early.connect(), late.connect()]);
    try {
      // A send in the middle of its transaction when the maintenance starts: the detach waits for it.
      await early.query('begin');
      await early.query(`update deliveries set status = 'sending' where notification_id = $1 and channel = 'email'`, [current]);
      let dropDone = false;
      const drop = dropExpiredPartitions(t.db, 30, utc('2021-03-15')).then((names) => ((dropDone = true), names));
      await expect
        // Asked outside a transaction: inside one, pg_stat_activity's query texts are a snapshot of its first read.
        .poll(async () => (await late.query(`select count(*)::int as n from pg_stat_activity where query ilike '%detach partition%' and wait_event_type = 'Lock'`)).rows[0].n, {
          timeout: 30_000,
        })
        .toBe(1);
      // A send that starts now takes the tables as usual; a plain DETACH's queued exclusive lock would hold it here.
      await late.query('begin');
      await late.query(`update deliveries set status = 'sent', attempts = 1 where notification_id = $1 and channel = 'in_app'`, [current]);
      await late.query(`insert into notifications (account_id, category, type_key, availability, subject) values ($1, 'services', 'product_updates', 'all_users', 'during the drop')`, [accountId]);
      await late.query('commit');
      expect(dropDone).toBe(false);
      await early.query('commit');
      // (Older months other tests left behind go too.)
      expect(await drop).toEqual(expect.arrayContaining(['deliveries_p202101', 'notifications_p202101']));
    } finally {
      await Promise.all([early.end(), late.end()]);
    }
    const rows = await t.db.select({ channel: deliveries.channel, status: deliveries.status }).from(deliveries).where(eq(deliveries.notificationId, current));
    expect(Object.fromEntries(rows.map((r) => [r.channel, r.status]))).toEqual({ email: 'sending', in_app: 'sent' });
  });

  it('never drops the current month, whatever the retention', async () => {
    const now = new Date();
    const before = await names();
    await dropExpiredPartitions(t.db, 1, now);
    const current = `_p${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect((await names()).filter((n) => n.endsWith(current))).toEqual(before.filter((n) => n.endsWith(current)));
  });
});

describe('the daily maintenance', () => {
  const policy = retentionPolicyFrom({
    DELIVERY_RETENTION_DAYS: 180,
    AUDIT_RETENTION_DAYS: 730,
    MAILBOX_RETENTION_DAYS: 30,
    WEBHOOK_EVENT_RETENTION_DAYS: 30,
    TELEGRAM_UPDATE_RETENTION_DAYS: 30,
  });
  const ago = (now: Date, days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 - extraMs);

  it('prunes each small table by its own rule, keeping what is inside it', async () => {
    const now = new Date();
    const { accountId, owner } = await createAccount(t.db);
    const key = await createApiKey(t.db, { name: 'retention' });
    const tag = randomBytes(4).toString('hex');
    await t.db.insert(auditLog).values([
      { accountId, action: `old-${tag}`, createdAt: ago(now, 730, 1000) },
      { accountId, action: `kept-${tag}`, createdAt: ago(now, 729) },
    ]);
    await t.db.insert(publishRequests).values([
      { apiKeyId: key.id, idempotencyKey: `old-${tag}`, requestHash: 'h', response: {}, createdAt: ago(now, 1, 1000) },
      { apiKeyId: key.id, idempotencyKey: `kept-${tag}`, requestHash: 'h', response: {}, createdAt: ago(now, 0, 3_600_000) },
    ]);
    await t.db.insert(resendWebhookEvents).values([
      { id: `old-${tag}`, type: 'email.delivered', receivedAt: ago(now, 31) },
      { id: `kept-${tag}`, type: 'email.delivered', receivedAt: ago(now, 29) },
    ]);
    await t.db.insert(telegramUpdates).values([
      { updateId: 9_000_000_001, receivedAt: ago(now, 31) },
      { updateId: 9_000_000_002, receivedAt: ago(now, 29) },
    ]);
    await t.db.insert(sessions).values([
      { sessionToken: `old-${tag}`, userId: owner.userId, expires: ago(now, 0, 1000) },
      { sessionToken: `kept-${tag}`, userId: owner.userId, expires: new Date(now.getTime() + 86_400_000) },
    ]);

    const report = await runMaintenance(t.db, policy, now);
    expect(report.rowsDeleted).toMatchObject({ audit_log: 1, publish_requests: 1, resend_webhook_events: 1, telegram_updates: 1, sessions: 1 });
    const actions = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.accountId, accountId));
    expect(actions.map((a) => a.action).filter((a) => a.endsWith(tag))).toEqual([`kept-${tag}`]);
    expect((await t.db.select().from(publishRequests).where(eq(publishRequests.apiKeyId, key.id))).map((r) => r.idempotencyKey)).toEqual([`kept-${tag}`]);
    expect((await t.db.select({ id: resendWebhookEvents.id }).from(resendWebhookEvents)).map((r) => r.id)).toContain(`kept-${tag}`);
    expect((await t.db.select({ id: resendWebhookEvents.id }).from(resendWebhookEvents)).map((r) => r.id)).not.toContain(`old-${tag}`);
    expect((await t.db.select({ id: telegramUpdates.updateId }).from(telegramUpdates)).map((r) => Number(r.id))).toEqual(
      expect.arrayContaining([9_000_000_002]),
    );
    expect(await t.db.$count(telegramUpdates, eq(telegramUpdates.updateId, 9_000_000_001))).toBe(0);
    expect((await t.db.select({ token: sessions.sessionToken }).from(sessions).where(eq(sessions.userId, owner.userId))).map((s) => s.token)).toEqual([`kept-${tag}`]);
    // The person whose session expired is still there: only the session goes.
    expect(await t.db.$count(users, eq(users.id, owner.userId))).toBe(1);
    expect(report.partitionsCreated).toBe(0);
  });

  it('removes more rows than one batch in several bounded deletes', async () => {
    const now = new Date();
    const { accountId } = await createAccount(t.db);
    await t.db.execute(sql`
      insert into audit_log (account_id, action, created_at)
      select ${accountId}, 'bulk', ${ago(now, 800).toISOString()}::timestamptz from generate_series(1, 10_050)`);
    const report = await runMaintenance(t.db, policy, now);
    expect(report.rowsDeleted.audit_log).toBe(10_050);
    const [left] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where account_id = ${accountId}`);
    expect(left.n).toBe(0);
  });
});
