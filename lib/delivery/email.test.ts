// E-mail delivery end to end: publish → chunk jobs → worker → the real Resend
// SDK against a fake Resend on 127.0.0.1 → webhooks → suppression list.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, notifications, subscriptions, suppressions } from '@/db/schema';
import { resendTransport } from '@/lib/mail/transport';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { startFakeResend, FAKE_RESEND_API_KEY, type FakeResend } from '@/test/fakes/resend';
import { startWorker } from '@/worker/run';
import { createApiKey } from './api-keys';
import { deliverEmailChunk, type EmailDeliveryConfig } from './email';
import { publishNotification } from './publish';
import { perSecond } from './rate-limit';
import { applyResendEvent } from './resend-webhook';

const t = setupTestDatabase();
let resend: FakeResend;
let apiKeyId: string;
let acc: CreatedAccount;
let config: EmailDeliveryConfig;
const previousBaseUrl = process.env.RESEND_BASE_URL;

beforeAll(async () => {
  resend = await startFakeResend();
  process.env.RESEND_BASE_URL = resend.url;
  apiKeyId = (await createApiKey(t.db, { name: 'tests' })).id;
  acc = await createAccount(t.db, {
    name: 'Delivery GmbH',
    members: [
      { role: 'owner', name: 'Olga Owner', email: 'olga@delivery.example' },
      { role: 'billing_admin', name: 'Bob <b>Billing</b>', email: 'bob@delivery.example' },
      { role: 'account_admin', name: 'Ada Admin', email: 'ada@delivery.example' },
    ],
  });
  await t.db.insert(subscriptions).values(
    acc.members.filter((m) => m.role !== 'owner').map((m) => ({ accountId: acc.accountId, userId: m.userId, category: 'balance_payments' as const })),
  );
  config = {
    transport: resendTransport(FAKE_RESEND_API_KEY),
    from: 'Nimbus Cloud <notifications@cloud.example>',
    appUrl: 'http://localhost:3000',
    rate: perSecond(50),
    maxAttempts: 3,
    backoff: { baseMs: 10, capMs: 50 },
  };
});

afterAll(async () => {
  await resend?.close();
  process.env.RESEND_BASE_URL = previousBaseUrl;
});

beforeEach(() => resend.reset());

async function publish(body: Record<string, unknown> = {}) {
  const result = await publishNotification(t.db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type: 'debt', subject: 'Your balance is negative', ...body },
  });
  expect(result.status).toBe(202);
  return result.body.id as string;
}

const emailRows = (notificationId: string) =>
  t.db.select().from(deliveries).where(and(eq(deliveries.notificationId, notificationId), eq(deliveries.channel, 'email')));

/** Runs a chunk like the worker does, following its retries, until it is done. */
async function runChunk(notificationId: string, chunk = 0, maxRuns = 10) {
  for (let run = 0; run < maxRuns; run++) {
    const outcome = await deliverEmailChunk(t.db, { notificationId, chunk }, config);
    if (outcome.done) return run + 1;
    await new Promise((r) => setTimeout(r, outcome.retryInMs));
  }
  throw new Error('chunk never finished');
}

describe('e-mail delivery', () => {
  it('sends one batch per chunk, personalised, and records each provider id', async () => {
    const id = await publish({ summary: 'Top up soon.', data: { balance: '-42 EUR' } });
    await runChunk(id);
    expect(resend.requestsTo('POST /emails/batch')).toHaveLength(1);
    expect(resend.emails.map((e) => e.to[0]).sort()).toEqual(['ada@delivery.example', 'bob@delivery.example', 'olga@delivery.example']);
    const olga = resend.emailsTo('olga@delivery.example')[0];
    expect(olga.subject).toBe('Your balance is negative');
    expect(olga.html).toContain('Hello Olga Owner');
    expect(olga.html).toContain('you are the Account Owner of Delivery GmbH');
    expect(olga.text).toContain('-42 EUR');
    expect(resend.emailsTo('ada@delivery.example')[0].html).toContain('subscribed to Balance and payments in Delivery GmbH');
    const rows = await emailRows(id);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.providerMessageId)).size).toBe(3);
    expect(new Set(resend.emails.map((e) => e.id))).toEqual(new Set(rows.map((r) => r.providerMessageId)));
    // Rendered once and kept with the notification.
    const [n] = await t.db.select({ rendered: notifications.rendered }).from(notifications).where(eq(notifications.id, id));
    expect(n.rendered?.html).toContain('%%RECIPIENT_NAME%%');
  });

  it('escapes HTML from the publisher and from names, in every recipient’s copy', async () => {
    const id = await publish({
      subject: '<script>alert(1)</script>',
      summary: '<img src=x onerror=alert(1)>',
      data: { '<b>key</b>': '<a href="javascript:x">v</a>' },
    });
    await runChunk(id);
    for (const email of resend.emails) {
      expect(email.html).not.toMatch(/<script|<img src=x|<a href="javascript|<b>Billing/);
      expect(email.html).toContain('&lt;script&gt;');
    }
    expect(resend.emailsTo('bob@delivery.example')[0].html).toContain('Bob &lt;b&gt;Billing&lt;/b&gt;');
  });

  it('retries a 5xx with the same Idempotency-Key and delivers once', async () => {
    const id = await publish();
    resend.failNext(2, { status: 503 });
    expect(await runChunk(id)).toBe(3);
    const batches = resend.requestsTo('POST /emails/batch');
    expect(batches).toHaveLength(3);
    expect(new Set(batches.map((r) => r.idempotencyKey))).toEqual(new Set([`${id}:email:0`]));
    expect(resend.emails).toHaveLength(3);
    const rows = await emailRows(id);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 3)).toBe(true);
  });

  it('delivers once when the provider accepted but the answer was lost', async () => {
    const id = await publish();
    resend.dropResponseNext(1);
    await runChunk(id);
    expect(resend.requestsTo('POST /emails/batch')).toHaveLength(2);
    expect(resend.emails).toHaveLength(3);
    expect((await emailRows(id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('waits out a 429 retry-after for everyone, without counting it as a fault', async () => {
    const id = await publish();
    resend.rateLimitNext(1, { retryAfterSeconds: 1 });
    const started = Date.now();
    await runChunk(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(resend.emails).toHaveLength(3);
    const rows = await emailRows(id);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('ends in failed after the last attempt, with the provider’s error', async () => {
    const id = await publish();
    resend.failNext(5, { status: 500, message: 'Resend is having a bad day' });
    await runChunk(id);
    const rows = await emailRows(id);
    expect(rows.every((r) => r.status === 'failed' && r.attempts === 3)).toBe(true);
    expect(rows[0].lastError).toContain('bad day');
    expect(resend.emails).toHaveLength(0);
  });

  it('fails a permanent error at once (422), and a refused address alone', async () => {
    const id = await publish();
    resend.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid from' });
    await runChunk(id);
    expect((await emailRows(id)).every((r) => r.status === 'failed' && r.attempts === 1)).toBe(true);
  });
});

describe('the worker process', () => {
  it('picks up published chunks and respects the shared rate limit', async () => {
    const worker = await startWorker({
      databaseUrl: t.url,
      from: config.from,
      resendApiKey: FAKE_RESEND_API_KEY,
      emailRate: perSecond(20),
      concurrency: 3,
    });
    try {
      const ids = await Promise.all([publish(), publish(), publish()]);
      await resend.waitForEmails(9, 15_000);
      for (const id of ids) {
        await expect.poll(async () => (await emailRows(id)).map((r) => r.status), { timeout: 10_000 }).toEqual(['sent', 'sent', 'sent']);
      }
      expect(resend.emails).toHaveLength(9);
    } finally {
      await worker.stop();
    }
  });
});

describe('Resend webhooks', () => {
  it('moves a delivery to delivered, never back from bounced, and applies each event once', async () => {
    const id = await publish();
    await runChunk(id);
    const [row] = (await emailRows(id)).filter((r) => r.address === 'ada@delivery.example');
    const event = (type: string) => ({ type, data: { email_id: row.providerMessageId, to: ['ada@delivery.example'] } });
    expect(await applyResendEvent(t.db, 'msg_1', event('email.delivered'))).toEqual({ applied: true });
    expect(await applyResendEvent(t.db, 'msg_1', event('email.delivered'))).toMatchObject({ applied: false, reason: 'duplicate' });
    const statusOf = async () => (await t.db.select().from(deliveries).where(eq(deliveries.id, row.id)))[0].status;
    expect(await statusOf()).toBe('delivered');
    await applyResendEvent(t.db, 'msg_2', { type: 'email.bounced', data: { email_id: row.providerMessageId, to: ['ada@delivery.example'], bounce: { message: 'Mailbox does not exist' } } });
    expect(await statusOf()).toBe('bounced');
    await applyResendEvent(t.db, 'msg_3', event('email.delivered'));
    expect(await statusOf()).toBe('bounced');
  });

  it('ignores an event type that is a name of Object.prototype', async () => {
    const id = await publish();
    await runChunk(id);
    // One that was sent (an address an earlier test bounced is suppressed and has no provider id).
    const row = (await emailRows(id)).find((r) => r.providerMessageId)!;
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const answer = await applyResendEvent(t.db, `msg_proto_${type}`, { type, data: { email_id: row.providerMessageId } });
      expect(answer).toEqual({ applied: false, reason: 'ignored event type' });
    }
    expect((await t.db.select().from(deliveries).where(eq(deliveries.id, row.id)))[0].status).toBe(row.status);
  });

  it('suppresses a bounced address, so the next notification marks it suppressed and does not send it', async () => {
    await t.db.delete(suppressions);
    const first = await publish();
    await runChunk(first);
    const bob = (await emailRows(first)).find((r) => r.address === 'bob@delivery.example')!;
    await applyResendEvent(t.db, 'msg_bounce_bob', {
      type: 'email.bounced',
      data: { email_id: bob.providerMessageId, to: ['bob@delivery.example'], bounce: { message: 'No such user' } },
    });
    const [suppressed] = await t.db.select().from(suppressions).where(eq(suppressions.email, 'bob@delivery.example'));
    expect(suppressed).toMatchObject({ reason: 'bounced' });

    resend.reset();
    const second = await publish();
    await runChunk(second);
    expect(resend.emailsTo('bob@delivery.example')).toHaveLength(0);
    expect(resend.emails).toHaveLength(2);
    const rows = await emailRows(second);
    expect(rows.find((r) => r.address === 'bob@delivery.example')?.status).toBe('suppressed');

    await applyResendEvent(t.db, 'msg_complaint', { type: 'email.complained', data: { email_id: rows.find((r) => r.address === 'ada@delivery.example')!.providerMessageId, to: ['ada@delivery.example'] } });
    const all = await t.db.select().from(suppressions).orderBy(suppressions.email);
    expect(all.map((s) => [s.email, s.reason])).toEqual([
      ['ada@delivery.example', 'complained'],
      ['bob@delivery.example', 'bounced'],
    ]);
    await t.db.execute(sql`delete from suppressions`);
  });
});
