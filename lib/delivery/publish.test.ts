// Publishing: who receives what (the resolution table of SPEC §2), the
// outbox rows and jobs written with it, and the API's idempotency and errors.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveries, notifications, publishRequests, subscriptions, suppressions, telegramLinks, type NotificationCategory } from '@/db/schema';
import { createAccount, createUser, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { createApiKey } from './api-keys';
import { publishNotification } from './publish';
import { queryRows } from '@/db';

const t = setupTestDatabase();
let apiKeyId: string;
let acc: CreatedAccount;
// Short names for the people of the account under test.
const who: Record<string, string> = {};

beforeAll(async () => {
  apiKeyId = (await createApiKey(t.db, { name: 'tests' })).id;
  acc = await createAccount(t.db, {
    name: 'Resolution Inc',
    projects: ['P1', 'P2'],
    members: [
      { role: 'owner', name: 'owner' },
      { role: 'account_admin', name: 'admin' },
      { role: 'billing_admin', name: 'billing' },
      { role: 'user_admin', name: 'useradmin' },
      { role: 'subscriber', name: 'subscriber' },
      { role: 'project_member', name: 'p1admin', projects: [{ project: 'P1', role: 'project_admin' }] },
      { role: 'project_member', name: 'p2supervisor', projects: [{ project: 'P2', role: 'project_supervisor' }] },
      { role: 'account_admin', name: 'unsubscribed' },
    ],
  });
  for (const m of acc.members) who[m.name] = m.userId;
  // Everyone but "unsubscribed" is subscribed to every category they may have.
  const rows = acc.members
    .filter((m) => m.role !== 'owner' && m.name !== 'unsubscribed')
    .flatMap((m) =>
      (['account_agreement', 'accounting_documents', 'balance_payments', 'scheduled_maintenance', 'services'] as const)
        .filter((c) => m.role !== 'subscriber' || c === 'accounting_documents' || c === 'balance_payments')
        .map((category) => ({ accountId: acc.accountId, userId: m.userId, category })),
    );
  await t.db.insert(subscriptions).values(rows);
  // Telegram links: a billing admin (eligible) and a subscriber (never by Telegram).
  await t.db.insert(telegramLinks).values([
    { userId: who.billing, chatId: 1001, username: 'billing' },
    { userId: who.subscriber, chatId: 1002, username: 'sub' },
    { userId: who.admin, chatId: 1003, username: 'admin', status: 'inactive' },
  ]);
});

const publish = (body: Record<string, unknown>, idempotencyKey: string | null = null) =>
  publishNotification(t.db, { apiKeyId, idempotencyKey, body });

async function recipients(notificationId: string, channel: 'email' | 'telegram' | 'in_app') {
  const rows = await t.db
    .select({ userId: deliveries.userId })
    .from(deliveries)
    .where(and(eq(deliveries.notificationId, notificationId), eq(deliveries.channel, channel)));
  const names = Object.fromEntries(Object.entries(who).map(([name, id]) => [id, name]));
  return rows.map((r) => names[r.userId!]).sort();
}

// The expected table, from SPEC §2 (not derived from the SQL).
const accountLevel = ['admin', 'billing', 'owner', 'useradmin'];
const table: Array<{ category: NotificationCategory; type: string; availability: string; project?: 'P1' | 'P2'; email: string[]; telegram: string[] }> = [
  { category: 'services', type: 'product_updates', availability: 'all_users', email: [...accountLevel, 'p1admin', 'p2supervisor'], telegram: [] },
  { category: 'services', type: 'service_status', availability: 'account_users', email: accountLevel, telegram: [] },
  { category: 'services', type: 'service_status', availability: 'project_users', project: 'P1', email: [...accountLevel, 'p1admin'], telegram: [] },
  { category: 'scheduled_maintenance', type: 'incident', availability: 'project_users', project: 'P2', email: [...accountLevel, 'p2supervisor'], telegram: [] },
  { category: 'balance_payments', type: 'debt', availability: 'account_users', email: [...accountLevel, 'subscriber'], telegram: ['billing'] },
  { category: 'balance_payments', type: 'debt', availability: 'all_users', email: [...accountLevel, 'p1admin', 'p2supervisor', 'subscriber'], telegram: ['billing'] },
  { category: 'accounting_documents', type: 'invoice_to_pay', availability: 'project_users', project: 'P1', email: [...accountLevel, 'p1admin', 'subscriber'], telegram: [] },
  { category: 'account_agreement', type: 'agreement_changed', availability: 'all_users', email: [...accountLevel, 'p1admin', 'p2supervisor'], telegram: [] },
];

describe('recipient resolution', () => {
  for (const row of table) {
    it(`${row.category} to ${row.availability}${row.project ? ` of ${row.project}` : ''}`, async () => {
      const result = await publish({
        account_id: acc.accountId,
        type: row.type,
        availability: row.availability,
        project_id: row.project ? acc.projects[row.project] : undefined,
        subject: `Test ${row.type}`,
      });
      expect(result.status).toBe(202);
      const id = result.body.id as string;
      const expectedEmail = row.email.sort();
      expect(await recipients(id, 'email')).toEqual(expectedEmail);
      expect(await recipients(id, 'in_app')).toEqual(expectedEmail);
      expect(await recipients(id, 'telegram')).toEqual(row.telegram);
      expect(result.body.recipients).toEqual({ email: expectedEmail.length, telegram: row.telegram.length, in_app: expectedEmail.length });
    });
  }

  it('never reaches another account, and a foreign project is refused', async () => {
    const other = await createAccount(t.db, { projects: ['Theirs'], members: [{ role: 'account_admin' }] });
    await t.db.insert(subscriptions).values({ accountId: other.accountId, userId: other.members[0].userId, category: 'services' });
    const result = await publish({ account_id: acc.accountId, type: 'product_updates', subject: 'Only us' });
    const rows = await t.db.select().from(deliveries).where(eq(deliveries.notificationId, result.body.id as string));
    expect(rows.every((r) => r.accountId === acc.accountId)).toBe(true);
    expect(rows.some((r) => r.userId === other.members[0].userId || r.userId === other.owner.userId)).toBe(false);

    const foreign = await publish({ account_id: acc.accountId, type: 'incident', project_id: other.projects.Theirs, subject: 'x' });
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: 'project_not_found' } } });
  });

  it('marks suppressed addresses suppressed and queues one job per chunk in the same transaction', async () => {
    await t.db.insert(suppressions).values({ email: acc.members.find((m) => m.name === 'admin')!.email, reason: 'bounced' });
    const result = await publish({ account_id: acc.accountId, type: 'service_status', availability: 'account_users', subject: 'Suppressed?' });
    expect(result.body).toMatchObject({ suppressed: 1, recipients: { email: 3 } });
    const id = result.body.id as string;
    const [admin] = await t.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.notificationId, id), eq(deliveries.userId, who.admin), eq(deliveries.channel, 'email')));
    expect(admin.status).toBe('suppressed');
    const jobs = await queryRows<{ n: number }>(t.db, 
      sql`select count(*)::int as n from graphile_worker.jobs where key = ${`deliver_email:${id}:0`}`,
    );
    expect(jobs[0].n).toBe(1);
    await t.db.delete(suppressions);
  });
});

describe('large accounts', () => {
  it('chunks 250 e-mail deliveries into three jobs of at most 100', async () => {
    const big = await createAccount(t.db, {
      members: Array.from({ length: 249 }, (_, i) => ({ role: 'account_admin' as const, name: `Big ${i}` })),
    });
    await t.db
      .insert(subscriptions)
      .values(big.members.map((m) => ({ accountId: big.accountId, userId: m.userId, category: 'services' as const })));
    const result = await publish({ account_id: big.accountId, type: 'service_status', availability: 'account_users', subject: 'Big' });
    expect(result.body.recipients).toEqual({ email: 250, telegram: 0, in_app: 250 });
    const chunks = await queryRows<{ chunk: number; n: number }>(t.db, sql`
      select chunk, count(*)::int as n from deliveries where notification_id = ${result.body.id as string} and channel = 'email'
      group by chunk order by chunk`);
    expect(chunks.map((c) => c.n)).toEqual([100, 100, 50]);
    const jobs = await queryRows<{ n: number }>(t.db, 
      sql`select count(*)::int as n from graphile_worker.jobs where key like ${`deliver_email:${result.body.id as string}:%`}`,
    );
    expect(jobs[0].n).toBe(3);
  });
});

describe('idempotency and bad input', () => {
  const body = () => ({ account_id: acc.accountId, type: 'debt', subject: 'Balance low', data: { amount: '12 EUR' } });

  it('answers the same key and body with the first answer and delivers nothing twice', async () => {
    const before = await t.db.$count(notifications, eq(notifications.accountId, acc.accountId));
    const first = await publish(body(), 'key-1');
    const again = await publish({ data: { amount: '12 EUR' }, subject: 'Balance low', type: 'debt', account_id: acc.accountId }, 'key-1');
    expect(again).toEqual(first);
    expect(await t.db.$count(notifications, eq(notifications.accountId, acc.accountId))).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    await publish(body(), 'key-2');
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(deliveries);
    const other = await publish({ ...body(), subject: 'Something else' }, 'key-2');
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(deliveries)).toEqual(before);
  });

  it('a refused request does not use up its key: the corrected request with the same key is published', async () => {
    const refused = await publish({ ...body(), account_id: '00000000-0000-4000-8000-000000000000' }, 'key-refused');
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'account_not_found' } } });
    expect(await t.db.$count(publishRequests, eq(publishRequests.idempotencyKey, 'key-refused'))).toBe(0);
    const corrected = await publish(body(), 'key-refused');
    expect(corrected).toMatchObject({ status: 202, body: { status: 'accepted' } });
    expect(await publish(body(), 'key-refused')).toEqual(corrected);
  });

  it('gives one notification for concurrent requests with the same key', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => publish(body(), 'key-concurrent')));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.every((r) => r.status === 202)).toBe(true);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['unknown type', { type: 'nope' }, 'type'],
    ['missing subject', { subject: undefined }, 'subject'],
    ['multi-line subject', { subject: 'a\r\nBcc: x@y.z' }, 'subject'],
    ['bad account id', { account_id: 'not-a-uuid' }, 'account_id'],
    ['project for account-wide availability', { project_id: '00000000-0000-4000-8000-000000000000' }, 'project_id'],
    ['project availability without project', { availability: 'project_users' }, 'project_id'],
    ['unknown field', { colour: 'red' }, '(body)'],
    ['javascript: action URL', { action: { label: 'Go', url: 'javascript:alert(1)' } }, 'action.url'],
    ['control characters', { summary: 'a\u0007b' }, 'summary'],
  ];
  for (const [name, patch, field] of bad) {
    it(`rejects ${name} with a 422 naming ${field}`, async () => {
      const result = await publish({ ...body(), ...patch });
      expect(result.status).toBe(422);
      const details = (result.body.error as { details: { field: string }[] }).details;
      expect(details.map((d) => d.field)).toContain(field);
    });
  }

  it('rejects an unknown account with 404 and a malformed Idempotency-Key with 400', async () => {
    expect(await publish({ ...body(), account_id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 404 });
    expect(await publish(body(), 'has space')).toMatchObject({ status: 400, body: { error: { code: 'invalid_idempotency_key' } } });
  });

  it('lets an unknown user e-mail never appear: people outside the account get nothing', async () => {
    const outsider = await createUser(t.db);
    const result = await publish(body());
    const rows = await t.db.select().from(deliveries).where(eq(deliveries.notificationId, result.body.id as string));
    expect(rows.some((r) => r.userId === outsider.userId)).toBe(false);
  });
});
