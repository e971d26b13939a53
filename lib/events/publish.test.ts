// The event API end to end: POST /api/v1/events → notification of kind
// 'event' with one delivery row per address → deliver_event through the real
// Resend SDK against a fake Resend on 127.0.0.1.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountContacts, deliveries, eventSettings, notifications, suppressions } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import type { EmailDeliveryConfig } from '@/lib/delivery/email';
import { perSecond } from '@/lib/delivery/rate-limit';
import { deliverOne } from '@/lib/delivery/single';
import { resendTransport } from '@/lib/mail/transport';
import { simulatorClient } from '@/lib/telegram/client';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { FAKE_RESEND_API_KEY, startFakeResend, type FakeResend } from '@/test/fakes/resend';
import { startWorker } from '@/worker/run';
import { deliverEvent } from './deliver';
import { publishEvent } from './publish';
import { queryRows } from '@/db';

const t = setupTestDatabase();
let resend: FakeResend;
let apiKeyId: string;
let apiKey: string;
let reseller: CreatedAccount;
let acme: CreatedAccount;
let globex: CreatedAccount;
let foreign: CreatedAccount;
let config: EmailDeliveryConfig;
let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  resend = await startFakeResend();
  process.env.RESEND_BASE_URL = resend.url;
  process.env.DATABASE_URL = t.url;
  ({ id: apiKeyId, secret: apiKey } = await createApiKey(t.db, { name: 'events' }));
  reseller = await createAccount(t.db, { name: 'Skyline <script>alert(1)</script> Reseller', isReseller: true });
  acme = await createAccount(t.db, { name: 'Acme Corp', resellerId: reseller.accountId });
  globex = await createAccount(t.db, { name: 'Globex', resellerId: reseller.accountId });
  const other = await createAccount(t.db, { name: 'Other Reseller', isReseller: true });
  foreign = await createAccount(t.db, { name: 'Initech', resellerId: other.accountId });
  await t.db.insert(accountContacts).values([
    { accountId: reseller.accountId, kind: 'primary', name: 'Rita Reseller', email: 'rita@skyline.test' },
    { accountId: reseller.accountId, kind: 'account_manager', name: 'Sam Sales', email: 'sam@skyline.test' },
    { accountId: acme.accountId, kind: 'primary', name: 'Carl Customer', email: 'carl@acme.test' },
  ]);
  await t.db.insert(eventSettings).values([
    { accountId: reseller.accountId, eventKey: 'quotes.accepted', enabled: true },
    {
      accountId: reseller.accountId,
      eventKey: 'quotes.canceled',
      enabled: true,
      to: [{ type: 'initiator' }],
      cc: [{ type: 'contact', role: 'customer_primary' }, { type: 'contact', role: 'customer_billing' }, { type: 'address', email: 'quotes@skyline.test' }],
    },
    { accountId: reseller.accountId, eventKey: 'subscriptions.renewal_soon', enabled: true },
  ]);
  config = {
    transport: resendTransport(FAKE_RESEND_API_KEY),
    from: 'Nimbus Cloud <notifications@cloud.example>',
    appUrl: 'http://localhost:3000',
    rate: perSecond(50),
    maxAttempts: 3,
    backoff: { baseMs: 10, capMs: 50 },
  };
  POST = (await import('@/app/api/v1/events/route')).POST;
});

afterAll(async () => {
  await resend?.close();
});

beforeEach(() => resend.reset());

const body = (extra: Record<string, unknown> = {}) => ({
  event: 'quotes.accepted',
  reseller_id: reseller.accountId,
  customer_id: acme.accountId,
  initiator: { name: 'Carl Customer', email: 'carl@acme.test' },
  data: { quote_number: 'Q-7', amount: '€ 10.00' },
  ...extra,
});

const publish = (b: Record<string, unknown>, idempotencyKey: string | null = null) => publishEvent(t.db, { apiKeyId, idempotencyKey, body: b });

const rowsOf = (notificationId: string) =>
  t.db
    .select({ address: deliveries.address, status: deliveries.status, providerMessageId: deliveries.providerMessageId, userId: deliveries.userId, chunk: deliveries.chunk })
    .from(deliveries)
    .where(eq(deliveries.notificationId, notificationId))
    .orderBy(deliveries.id);

async function runUntilDone(notificationId: string) {
  for (let i = 0; i < 10; i++) {
    const outcome = await deliverEvent(t.db, { notificationId }, config);
    if (outcome.done) return i + 1;
    await new Promise((r) => setTimeout(r, outcome.retryInMs));
  }
  throw new Error('event never finished');
}

describe('POST /api/v1/events', () => {
  it('accepts a disabled event and records it as not sent, delivering nothing', async () => {
    const result = await publish(body({ event: 'quotes.rejected' }));
    expect(result).toEqual({
      status: 202,
      body: { id: expect.any(String), status: 'accepted', event: 'quotes.rejected', outcome: 'not_sent_disabled', recipients: { to: 0, cc: 0 }, suppressed: 0, missing: [] },
      headers: { location: `/api/v1/notifications/${result.body.id}` },
    });
    const id = result.body.id as string;
    const [n] = await t.db.select().from(notifications).where(eq(notifications.id, id));
    expect(n).toMatchObject({ kind: 'event', accountId: reseller.accountId, customerAccountId: acme.accountId, eventKey: 'quotes.rejected', outcome: 'not_sent_disabled', category: null });
    expect(await rowsOf(id)).toEqual([]);
    const jobs = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from graphile_worker.jobs where key = ${`deliver_event:${id}`}`);
    expect(jobs[0].n).toBe(0);
  });

  it('sends an enabled event to its default To and CC as one branded e-mail, one delivery row per address', async () => {
    const result = await publish(body());
    expect(result.body).toMatchObject({ outcome: 'sent', recipients: { to: 1, cc: 1 }, missing: [] });
    const id = result.body.id as string;
    expect(await rowsOf(id)).toEqual([
      { address: 'sam@skyline.test', status: 'queued', providerMessageId: null, userId: null, chunk: 0 },
      { address: 'rita@skyline.test', status: 'queued', providerMessageId: null, userId: null, chunk: 0 },
    ]);
    const jobs = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from graphile_worker.jobs where key = ${`deliver_event:${id}`}`);
    expect(jobs[0].n).toBe(1);

    await runUntilDone(id);
    expect(resend.emails).toHaveLength(1);
    const [email] = resend.emails;
    expect(email).toMatchObject({ to: ['sam@skyline.test'], cc: ['rita@skyline.test'], subject: 'Quote Q-7 was accepted by Acme Corp', idempotencyKey: `event:${id}` });
    expect(email.html).toContain('on behalf of');
    expect(email.html).toContain('Skyline &lt;script&gt;alert(1)&lt;/script&gt; Reseller');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Hello Sam Sales,');
    // The data in the event's order, not jsonb's.
    expect(email.text!.indexOf('Quote number')).toBeLessThan(email.text!.indexOf('Amount'));
    expect(email.text).toContain('platform notification, sent on behalf of Skyline <script>alert(1)</script> Reseller');
    const rows = await rowsOf(id);
    expect(rows.every((r) => r.status === 'sent' && r.providerMessageId === email.id)).toBe(true);
  });

  it('resolves an edited To/CC against the contacts, reports missing ones, de-duplicates and leaves suppressed addresses out', async () => {
    await t.db.insert(suppressions).values({ email: 'quotes@skyline.test', reason: 'bounced' });
    // The initiator is also the customer's primary contact: one address, one row.
    const result = await publish(body({ event: 'quotes.canceled' }));
    expect(result.body).toMatchObject({
      outcome: 'sent',
      recipients: { to: 1, cc: 1 },
      suppressed: 1,
      missing: [{ field: 'cc', recipient: 'Customer billing contact', reason: 'Acme Corp has no billing contact.' }],
    });
    const id = result.body.id as string;
    expect((await rowsOf(id)).map((r) => [r.address, r.status])).toEqual([
      ['carl@acme.test', 'queued'],
      ['quotes@skyline.test', 'suppressed'],
    ]);
    await runUntilDone(id);
    expect(resend.emails.map((e) => [e.to, e.cc])).toEqual([[['carl@acme.test'], []]]);
    const [n] = await t.db.select({ content: notifications.content }).from(notifications).where(eq(notifications.id, id));
    expect(n.content.missing).toEqual(result.body.missing);
  });

  it('sends nothing, and says so, when none of the recipients exists', async () => {
    const result = await publish(body({ event: 'subscriptions.renewal_soon', customer_id: globex.accountId }));
    expect(result.body).toMatchObject({
      outcome: 'not_sent_no_recipients',
      recipients: { to: 0, cc: 0 },
      missing: [{ field: 'to', recipient: 'Customer primary contact', reason: 'Globex has no primary contact.' }],
    });
    expect(await rowsOf(result.body.id as string)).toEqual([]);
  });

  it('sends exactly once through provider faults and a lost answer', async () => {
    const id = (await publish(body())).body.id as string;
    resend.failNext(1, { status: 503 });
    resend.dropResponseNext(1);
    expect(await runUntilDone(id)).toBe(3);
    expect(resend.emails).toHaveLength(1);
    expect(new Set(resend.requestsTo('POST /emails').map((r) => r.idempotencyKey))).toEqual(new Set([`event:${id}`]));
    expect((await rowsOf(id)).every((r) => r.status === 'sent')).toBe(true);
    // Run again (a redelivered job): nothing more is sent.
    await deliverEvent(t.db, { notificationId: id }, config);
    expect(resend.emails).toHaveLength(1);
  });

  it('retries one failed recipient from the delivery log, to that address only', async () => {
    const id = (await publish(body())).body.id as string;
    resend.failNext(1, { status: 422, name: 'validation_error', message: 'Refused' });
    await runUntilDone(id);
    expect((await rowsOf(id)).map((r) => r.status)).toEqual(['failed', 'failed']);
    const [row] = await t.db.select({ id: deliveries.id }).from(deliveries).where(and(eq(deliveries.notificationId, id), eq(deliveries.address, 'rita@skyline.test')));
    await t.db.update(deliveries).set({ status: 'queued' }).where(eq(deliveries.id, row.id));
    await deliverOne(t.db, row.id, { email: config, telegram: simulatorClient(t.db), finalAttempt: true });
    expect(resend.emails.map((e) => [e.to, e.cc, e.subject])).toEqual([[['rita@skyline.test'], [], 'Quote Q-7 was accepted by Acme Corp']]);
  });

  it('refuses a customer of another reseller, a non-reseller, an unknown event and header injection', async () => {
    expect(await publish(body({ customer_id: foreign.accountId }))).toMatchObject({ status: 404, body: { error: { code: 'customer_not_found' } } });
    expect(await publish(body({ reseller_id: acme.accountId }))).toMatchObject({ status: 404, body: { error: { code: 'reseller_not_found' } } });
    expect(await publish(body({ event: 'quotes.stolen' }))).toMatchObject({ status: 422, body: { error: { message: 'event: is not an event of the catalog' } } });
    const injected = await publish(body({ initiator: { name: 'Eve', email: 'eve@acme.test\r\nBcc: all@victim.test' } }));
    expect(injected).toMatchObject({ status: 422, body: { error: { code: 'validation_error' } } });
    expect(JSON.stringify(injected.body)).toMatch(/control characters/);
    const injectedName = await publish(body({ initiator: { name: 'Eve\nBcc: all@victim.test', email: 'eve@acme.test' } }));
    expect(injectedName.status).toBe(422);
    expect(await publish({ ...body(), cc: ['x@y.z'] })).toMatchObject({ status: 422 });
  });

  it('answers a repeated Idempotency-Key with the first answer and refuses it with another body', async () => {
    const before = await t.db.$count(notifications);
    const first = await publish(body(), 'event-key-1');
    const again = await publish(body(), 'event-key-1');
    expect(again).toEqual(first);
    expect(await t.db.$count(notifications)).toBe(before + 1);
    expect(await publish(body({ data: { quote_number: 'Q-8' } }), 'event-key-1')).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
  });

  it('works through the route handler with the API key', async () => {
    const request = (headers: Record<string, string>) =>
      new Request('http://localhost/api/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body({ event: 'quotes.rejected' })),
      });
    const response = await POST(request({ authorization: `Bearer ${apiKey}`, 'idempotency-key': 'route-1' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'accepted', outcome: 'not_sent_disabled' });
    expect((await POST(request({}))).status).toBe(401);
  });

  it('is delivered by the worker', { timeout: 30_000 }, async () => {
    const worker = await startWorker({ databaseUrl: t.url, from: config.from, resendApiKey: FAKE_RESEND_API_KEY, emailRate: perSecond(50), concurrency: 2 });
    try {
      const id = (await publish(body())).body.id as string;
      await resend.waitForEmails(1, 20_000);
      expect(resend.emails[0]).toMatchObject({ to: ['sam@skyline.test'], cc: ['rita@skyline.test'] });
      await expect.poll(async () => (await rowsOf(id)).map((r) => r.status), { timeout: 10_000 }).toEqual(['sent', 'sent']);
    } finally {
      await worker.stop();
    }
  });
});
