// Broadcasts: one notification to many accounts, accepted in one short
// transaction and fanned out by chunk jobs; each account's copy is an
// ordinary notification (delivery log, inbox and bell unchanged).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { textArray } from '@/db/sql-array';
import { accounts, broadcastAccounts, broadcasts, deliveries, notifications, subscriptions, telegramLinks } from '@/db/schema';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { startWorker } from '@/worker/run';
import { createApiKey } from './api-keys';
import { BROADCAST_CHUNK_TASK, broadcastStatus, publishBroadcast, publishBroadcastChunk } from './broadcast';
import { publishNotification } from './publish';
import { perSecond } from './rate-limit';

const t = setupTestDatabase();
let apiKeyId: string;
let otherKeyId: string;
/** Accounts of three members: the Owner, a Billing Administrator subscribed to Balance and payments, and an Account Administrator who is not. */
let fleet: CreatedAccount[];

const text = { type: 'debt', subject: 'Your balance is negative', summary: 'Top up by Friday.', data: { balance: '-42 EUR' } };

async function makeAccount(i: number) {
  const acc = await createAccount(t.db, { name: `Fleet ${i}`, members: [{ role: 'billing_admin' }, { role: 'account_admin' }] });
  await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: acc.members[0].userId, category: 'balance_payments' });
  return acc;
}

beforeAll(async () => {
  apiKeyId = (await createApiKey(t.db, { name: 'broadcasts' })).id;
  otherKeyId = (await createApiKey(t.db, { name: 'someone else' })).id;
  fleet = [];
  for (let i = 0; i < 6; i++) fleet.push(await makeAccount(i));
  await t.db.update(accounts).set({ ref: 'fleet-0' }).where(eq(accounts.id, fleet[0].accountId));
  await t.db.update(accounts).set({ ref: 'fleet-1' }).where(eq(accounts.id, fleet[1].accountId));
  // The Billing Administrator of account 2 has Telegram: Balance and payments goes there too.
  await t.db.insert(telegramLinks).values({ userId: fleet[2].members[0].userId, chatId: 424242, username: 'fleet2' });
});

const broadcast = (body: Record<string, unknown>, idempotencyKey: string | null = null, chunkMembers?: number) =>
  publishBroadcast(t.db, { apiKeyId, idempotencyKey, body }, { chunkMembers });

/** The chunk numbers a broadcast queued jobs for. */
async function queuedChunks(broadcastId: string): Promise<number[]> {
  const rows = await queryRows<{ chunk: number }>(t.db, sql`
    select split_part(key, ':', 3)::int as chunk from graphile_worker.jobs
    where key like ${`${BROADCAST_CHUNK_TASK}:${broadcastId}:%`} order by 1`);
  return rows.map((r) => r.chunk);
}

async function runAllChunks(broadcastId: string) {
  for (const chunk of await queuedChunks(broadcastId)) await publishBroadcastChunk(t.db, { broadcastId, chunk });
}

/** Each account's copies of a broadcast, and their deliveries by channel, straight from the tables the delivery log reads. */
async function copiesOf(broadcastId: string) {
  const rows = await queryRows<{ account_id: string; notification_id: string; channel: string | null; address: string | null }>(t.db, sql`
    select n.account_id, n.id as notification_id, d.channel, d.address
    from broadcast_accounts ba
    join notifications n on n.id = ba.notification_id
    left join deliveries d on d.notification_id = n.id
    where ba.broadcast_id = ${broadcastId}`);
  const byAccount = new Map<string, { notifications: Set<string>; email: string[]; telegram: string[]; in_app: string[] }>();
  for (const r of rows) {
    const entry = byAccount.get(r.account_id) ?? { notifications: new Set(), email: [], telegram: [], in_app: [] };
    entry.notifications.add(r.notification_id);
    if (r.channel) entry[r.channel as 'email' | 'telegram' | 'in_app'].push(r.address!);
    byAccount.set(r.account_id, entry);
  }
  return byAccount;
}

const expectedEmails = (acc: CreatedAccount) => [acc.owner.email, acc.members[0].email].sort();

describe('accepting a broadcast', () => {
  it('gives each named account one copy with the recipients a publish to it would have, and skips closed accounts', async () => {
    const closed = await makeAccount(99);
    await t.db.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, closed.accountId));
    const result = await broadcast({
      ...text,
      // fleet[0] is named twice (by id and by ref): one copy.
      account_ids: [fleet[0].accountId, fleet[2].accountId, closed.accountId],
      account_refs: ['fleet-0', 'fleet-1'],
    });
    expect(result).toMatchObject({
      status: 202,
      headers: { location: `/api/v1/broadcasts/${result.body.id}` },
      body: { status: 'accepted', type: 'debt', category: 'balance_payments', availability: 'account_users', accounts: { total: 3, closed_skipped: 1 } },
    });
    const id = result.body.id as string;
    await runAllChunks(id);

    const copies = await copiesOf(id);
    expect([...copies.keys()].sort()).toEqual([fleet[0], fleet[1], fleet[2]].map((a) => a.accountId).sort());
    for (const acc of [fleet[0], fleet[1], fleet[2]]) {
      const copy = copies.get(acc.accountId)!;
      expect(copy.notifications.size).toBe(1);
      expect(copy.email.sort()).toEqual(expectedEmails(acc));
      expect(copy.in_app).toHaveLength(2);
    }
    expect(copies.get(fleet[2].accountId)!.telegram).toEqual(['424242']);

    // The same as publishing to the account: the copy is an ordinary notification of that account, with the same content.
    const single = await publishNotification(t.db, { apiKeyId, idempotencyKey: null, body: { ...text, account_id: fleet[1].accountId } });
    const [copy] = await t.db.select().from(notifications).where(eq(notifications.id, [...copies.get(fleet[1].accountId)!.notifications][0]));
    const [published] = await t.db.select().from(notifications).where(eq(notifications.id, single.body.id as string));
    expect({ ...copy, id: null, createdAt: null }).toEqual({ ...published, id: null, createdAt: null });
  });

  it('with all_accounts reaches every open account and says how many closed ones it skipped', async () => {
    const [{ open, closed }] = await queryRows<{ open: number; closed: number }>(t.db, sql`
      select count(*) filter (where closed_at is null)::int as open, count(*) filter (where closed_at is not null)::int as closed from accounts`);
    expect(closed).toBeGreaterThan(0);
    const result = await broadcast({ ...text, all_accounts: true });
    expect(result.body.accounts).toEqual({ total: open, closed_skipped: closed });
    await runAllChunks(result.body.id as string);
    const copies = await copiesOf(result.body.id as string);
    expect(copies.size).toBe(open);
    for (const acc of fleet) expect(copies.get(acc.accountId)!.email.sort()).toEqual(expectedEmails(acc));
  });

  it('refuses an unknown account by its place in the list, and writes nothing', async () => {
    const before = await counts();
    const result = await broadcast({ ...text, account_ids: [fleet[0].accountId, '00000000-0000-4000-8000-000000000000'], account_refs: ['fleet-1', 'no-such-ref'] });
    expect(result).toMatchObject({
      status: 404,
      body: {
        error: {
          code: 'account_not_found',
          message: 'account_ids.1: is not an account (2 accounts in all are unknown). Nothing was sent.',
          details: [
            { field: 'account_ids.1', message: 'is not an account' },
            { field: 'account_refs.1', message: 'is not an account' },
          ],
        },
      },
    });
    expect(await counts()).toEqual(before);
  });

  it.each([
    [{ ...text }, 'account_ids: is required (or account_refs, or all_accounts: true)'],
    [{ ...text, all_accounts: true, account_refs: ['fleet-0'] }, 'all_accounts: cannot be given together with account_ids or account_refs'],
    [{ ...text, all_accounts: false }, 'all_accounts: must be true'],
    [{ ...text, account_ids: [] }, 'account_ids: must not be empty'],
    [{ ...text, account_ids: ['fleet-0'] }, 'account_ids.0: must be a UUID'],
    [{ ...text, all_accounts: true, availability: 'project_users' }, 'availability: cannot be project_users in a broadcast'],
    [{ ...text, type: 'technical_work', all_accounts: true }, 'availability: is required: the default of technical_work, project_users'],
    [{ ...text, all_accounts: true, account_id: '3b0f1e9e-0000-4000-8000-000000000000' }, '(body): has an unknown field "account_id"'],
    [{ ...text, all_accounts: true, project_id: '3b0f1e9e-0000-4000-8000-000000000000' }, '(body): has an unknown field "project_id"'],
    [{ ...text, all_accounts: true, subject: 'Two\nlines' }, 'subject: must be a single line'],
  ])('refuses bad input with 422 naming the field: %j', async (body, message) => {
    const before = await counts();
    const result = await broadcast(body);
    expect(result.status).toBe(422);
    expect((result.body.error as { message: string }).message).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses more than 100,000 accounts', async () => {
    const ids = Array.from({ length: 100_001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const result = await broadcast({ ...text, account_ids: ids });
    expect(result.status).toBe(422);
    expect((result.body.error as { message: string }).message).toBe('account_ids: must have at most 100000 items');
    const split = await broadcast({ ...text, account_ids: ids.slice(0, 60_000), account_refs: ids.slice(60_000).map((_, i) => `r${i}`) });
    expect((split.body.error as { message: string }).message).toMatch(/^account_refs: names more than 100,000 accounts/);
  });
});

/** What a broadcast writes, to prove a refusal or a replay wrote nothing. */
async function counts() {
  const [row] = await queryRows<Record<string, number>>(t.db, sql`
    select (select count(*) from broadcasts)::int as broadcasts, (select count(*) from broadcast_accounts)::int as accounts,
           (select count(*) from notifications)::int as notifications, (select count(*) from deliveries)::int as deliveries,
           (select count(*) from graphile_worker.jobs)::int as jobs`);
  return row;
}

describe('Idempotency-Key', () => {
  it('answers the same key and body with the first answer and writes nothing again; another body is 422', async () => {
    const body = { ...text, account_refs: ['fleet-0', 'fleet-1'] };
    const first = await broadcast(body, 'bc-1');
    expect(first.status).toBe(202);
    const before = await counts();
    // The same body with its keys in another order is the same request.
    const again = await broadcast(Object.fromEntries(Object.entries(body).reverse()), 'bc-1');
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
    const other = await broadcast({ ...body, subject: 'Something else' }, 'bc-1');
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    expect(await counts()).toEqual(before);
  });
});

describe('chunks', () => {
  it('splits the accounts into chunk jobs and publishes exactly one copy per account and one delivery per recipient, even when a chunk runs twice', async () => {
    // Each fleet account weighs 4 (three members, plus one): 8 per chunk puts two accounts in each.
    const result = await broadcast({ ...text, account_ids: fleet.map((a) => a.accountId) }, null, 8);
    const id = result.body.id as string;
    const chunks = await queuedChunks(id);
    expect(chunks).toEqual([0, 1, 2]);
    const placed = await t.db.select({ chunk: broadcastAccounts.chunk }).from(broadcastAccounts).where(eq(broadcastAccounts.broadcastId, id));
    expect(placed.map((p) => p.chunk).sort()).toEqual([0, 0, 1, 1, 2, 2]);

    // Chunk 0 twice in a row, chunk 1 twice at the same time (a job freed while its worker only looked dead), chunk 2 once.
    expect(await publishBroadcastChunk(t.db, { broadcastId: id, chunk: 0 })).toEqual({ published: 2, closed: 0 });
    expect(await publishBroadcastChunk(t.db, { broadcastId: id, chunk: 0 })).toEqual({ published: 0, closed: 0 });
    const twice = await Promise.all([publishBroadcastChunk(t.db, { broadcastId: id, chunk: 1 }), publishBroadcastChunk(t.db, { broadcastId: id, chunk: 1 })]);
    expect(twice.map((r) => r.published).sort()).toEqual([0, 2]);
    const progress = await broadcastStatus(t.db, { id, apiKeyId });
    expect(progress).toMatchObject({ status: 'fanning_out', accounts: { total: 6, done: 4, closed_skipped: 0, closed_later: 0 } });
    await publishBroadcastChunk(t.db, { broadcastId: id, chunk: 2 });

    const copies = await copiesOf(id);
    expect(copies.size).toBe(6);
    for (const acc of fleet) {
      const copy = copies.get(acc.accountId)!;
      expect(copy.notifications.size).toBe(1);
      expect(copy.email.sort()).toEqual(expectedEmails(acc));
    }
    const [{ duplicates }] = await queryRows<{ duplicates: number }>(t.db, sql`
      select count(*)::int as duplicates from (
        select n.account_id, d.channel, d.address from broadcast_accounts ba
        join notifications n on n.id = ba.notification_id join deliveries d on d.notification_id = n.id
        where ba.broadcast_id = ${id} group by 1, 2, 3 having count(*) > 1) dup`);
    expect(duplicates).toBe(0);
    // One e-mail chunk job per copy (two recipients each), and one Telegram job for account 2's copy.
    const copyIds = [...copies.values()].map((c) => [...c.notifications][0]);
    const [{ email, telegram }] = await queryRows<{ email: number; telegram: number }>(t.db, sql`
      select count(*) filter (where split_part(key, ':', 1) = 'deliver_email')::int as email,
             count(*) filter (where split_part(key, ':', 1) = 'deliver_telegram')::int as telegram
      from graphile_worker.jobs where split_part(key, ':', 2) = any(${textArray(copyIds)})`);
    expect({ email, telegram }).toEqual({ email: 6, telegram: 1 });

    expect(await broadcastStatus(t.db, { id, apiKeyId })).toMatchObject({
      status: 'delivering',
      accounts: { total: 6, done: 6 },
      deliveries: { email: { queued: 12 }, telegram: { queued: 1 }, in_app: { delivered: 12 } },
    });
  });

  it('skips an account closed after the broadcast was accepted', async () => {
    const late = await makeAccount(100);
    const result = await broadcast({ ...text, account_ids: [late.accountId, fleet[3].accountId] });
    const id = result.body.id as string;
    await t.db.update(accounts).set({ closedAt: new Date() }).where(eq(accounts.id, late.accountId));
    await runAllChunks(id);
    expect([...(await copiesOf(id)).keys()]).toEqual([fleet[3].accountId]);
    expect((await broadcastStatus(t.db, { id, apiKeyId })).accounts).toEqual({ total: 2, done: 2, closed_skipped: 0, closed_later: 1 });
  });
});

describe('progress', () => {
  it('is only for the key that made the broadcast', async () => {
    const result = await broadcast({ ...text, account_refs: ['fleet-0'] });
    const id = result.body.id as string;
    expect(await broadcastStatus(t.db, { id, apiKeyId })).toMatchObject({ id, status: 'fanning_out', accounts: { total: 1, done: 0 }, deliveries: { email: {}, telegram: {}, in_app: {} } });
    await expect(broadcastStatus(t.db, { id, apiKeyId: otherKeyId })).rejects.toMatchObject({ status: 404, code: 'broadcast_not_found' });
    await expect(broadcastStatus(t.db, { id: 'not-a-uuid', apiKeyId })).rejects.toMatchObject({ status: 404 });
  });

  it('settles once the worker has fanned out every chunk and sent every copy', async () => {
    const result = await broadcast({ ...text, account_ids: fleet.slice(0, 4).map((a) => a.accountId) }, null, 4);
    const id = result.body.id as string;
    expect(await queuedChunks(id)).toHaveLength(4);
    // No Resend key: the worker's e-mail goes to the local mailbox, Telegram to the simulator. It also
    // sends what the tests above queued, hence a limit above Resend's default.
    const worker = await startWorker({ databaseUrl: t.url, from: 'Tests <tests@cloud.example>', concurrency: 4, emailRate: perSecond(200) });
    try {
      await expect.poll(async () => (await broadcastStatus(t.db, { id, apiKeyId })).status, { timeout: 25_000, interval: 200 }).toBe('settled');
    } finally {
      await worker.stop();
    }
    const status = await broadcastStatus(t.db, { id, apiKeyId });
    expect(status.accounts).toMatchObject({ total: 4, done: 4 });
    expect(status.deliveries).toEqual({ email: { sent: 8 }, telegram: { sent: 1 }, in_app: { delivered: 8 } });
    const copies = await t.db.select({ id: broadcastAccounts.notificationId }).from(broadcastAccounts).where(eq(broadcastAccounts.broadcastId, id));
    const mailed = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(deliveries)
      .where(and(inArray(deliveries.notificationId, copies.map((c) => c.id!)), eq(deliveries.channel, 'email'), eq(deliveries.status, 'sent')));
    expect(mailed[0].n).toBe(8);
  });
});

describe('the broadcasts table', () => {
  it('keeps what was broadcast', async () => {
    const result = await broadcast({ ...text, account_refs: ['fleet-1'] });
    const [row] = await t.db.select().from(broadcasts).where(eq(broadcasts.id, result.body.id as string));
    expect(row).toMatchObject({ apiKeyId, typeKey: 'debt', category: 'balance_payments', availability: 'account_users', subject: text.subject, content: { summary: text.summary, data: text.data } });
  });
});
