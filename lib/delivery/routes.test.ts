// The HTTP surface of the engine: POST /api/v1/notifications and
// POST /api/resend/webhook, called through their route handlers.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveries, resendWebhookEvents } from '@/db/schema';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { createApiKey, revokeApiKey } from './api-keys';
import { createHmac } from 'node:crypto';
import { signResendWebhook } from '@/test/fakes/resend-webhook';
import { verifyResendWebhook } from './webhook-signature';

const t = setupTestDatabase();
const WEBHOOK_SECRET = `whsec_${Buffer.from('a test signing secret of 32 bytes').toString('base64')}`;
let acc: CreatedAccount;
let key: string;
let POST_NOTIFICATION: (request: Request) => Promise<Response>;
let POST_WEBHOOK: (request: Request) => Promise<Response>;

beforeAll(async () => {
  // The app's db handle and env are read on first use: point them at this test's database first.
  process.env.DATABASE_URL = t.url;
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
  acc = await createAccount(t.db, { name: 'HTTP Ltd' });
  key = (await createApiKey(t.db, { name: 'http tests' })).secret;
  POST_NOTIFICATION = (await import('@/app/api/v1/notifications/route')).POST;
  POST_WEBHOOK = (await import('@/app/api/resend/webhook/route')).POST;
});

const publishRequest = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/v1/notifications', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body,
  });

const validBody = () => JSON.stringify({ account_id: acc.accountId, type: 'refund', subject: 'Refund issued', data: { amount: '5 EUR' } });

describe('POST /api/v1/notifications', () => {
  it('answers 202 with the id and recipients per channel', async () => {
    const response = await POST_NOTIFICATION(publishRequest(validBody(), { 'idempotency-key': 'http-1' }));
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'accepted', recipients: { email: 1, telegram: 0, in_app: 1 } });
    const again = await POST_NOTIFICATION(publishRequest(validBody(), { 'idempotency-key': 'http-1' }));
    expect(await again.json()).toEqual(body);
  });

  it.each([
    ['no key', { authorization: '' }, 401, 'unauthorized'],
    ['a wrong key', { authorization: 'Bearer an_wrongwrongwrongwrong' }, 401, 'unauthorized'],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
  ])('refuses %s', async (_name, headers, status, code) => {
    const response = await POST_NOTIFICATION(publishRequest(validBody(), headers as Record<string, string>));
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  it('refuses malformed JSON with 400, an oversized body with 413, and a revoked key with 401', async () => {
    expect((await POST_NOTIFICATION(publishRequest('{"account_id": '))).status).toBe(400);
    expect((await POST_NOTIFICATION(publishRequest(JSON.stringify({ pad: 'x'.repeat(70_000) })))).status).toBe(413);
    const revocable = await createApiKey(t.db, { name: 'to revoke' });
    await revokeApiKey(t.db, { prefixOrId: revocable.id });
    const response = await POST_NOTIFICATION(publishRequest(validBody(), { authorization: `Bearer ${revocable.secret}` }));
    expect(response.status).toBe(401);
  });

  it('answers bad fields with 422 and a message naming them', async () => {
    const response = await POST_NOTIFICATION(publishRequest(JSON.stringify({ account_id: acc.accountId, type: 'refund' })));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/^subject: /);
  });
});

describe('POST /api/resend/webhook', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const webhook = (body: string, id: string, timestamp = now(), signature = signResendWebhook(WEBHOOK_SECRET, body, id, timestamp)) =>
    new Request('http://localhost/api/resend/webhook', {
      method: 'POST',
      headers: { 'svix-id': id, 'svix-timestamp': String(timestamp), 'svix-signature': signature, 'content-type': 'application/json' },
      body,
    });

  async function sentDelivery() {
    const response = await POST_NOTIFICATION(publishRequest(validBody()));
    const { id } = await response.json();
    await t.db
      .update(deliveries)
      .set({ status: 'sent', providerMessageId: `re_${id}` })
      .where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, 'email')));
    return `re_${id}`;
  }

  it('applies a correctly signed event', async () => {
    const emailId = await sentDelivery();
    const body = JSON.stringify({ type: 'email.delivered', data: { email_id: emailId } });
    const response = await POST_WEBHOOK(webhook(body, 'msg_ok'));
    expect(response.status).toBe(200);
    const [row] = await t.db.select().from(deliveries).where(eq(deliveries.providerMessageId, emailId));
    expect(row.status).toBe('delivered');
  });

  it('rejects a bad signature, a changed body, an old timestamp, and missing headers — changing nothing', async () => {
    const emailId = await sentDelivery();
    const body = JSON.stringify({ type: 'email.bounced', data: { email_id: emailId } });
    const cases = [
      webhook(body, 'msg_bad', now(), 'v1,' + Buffer.from('nope').toString('base64')),
      webhook(body.replace('bounced', 'delivered'), 'msg_tampered', now(), signResendWebhook(WEBHOOK_SECRET, body, 'msg_tampered', now())),
      webhook(body, 'msg_old', now() - 600),
      new Request('http://localhost/api/resend/webhook', { method: 'POST', body }),
    ];
    for (const request of cases) expect((await POST_WEBHOOK(request)).status).toBe(401);
    const [row] = await t.db.select().from(deliveries).where(eq(deliveries.providerMessageId, emailId));
    expect(row.status).toBe('sent');
    const seen = await t.db.select().from(resendWebhookEvents);
    expect(seen.map((e) => e.id)).not.toContain('msg_bad');
  });
});

describe('verifyResendWebhook', () => {
  const body = '{"a":1}';
  const headers = (id: string, ts: number, signature: string) => ({ id, timestamp: String(ts), signature });

  it('accepts any of several signatures, and refuses another id, a future or an old timestamp', () => {
    const ts = Math.floor(Date.now() / 1000);
    const good = signResendWebhook(WEBHOOK_SECRET, body, 'id1', ts);
    expect(verifyResendWebhook(WEBHOOK_SECRET, body, headers('id1', ts, `v1,AAAA ${good}`))).toEqual({ ok: true });
    expect(verifyResendWebhook(WEBHOOK_SECRET, body, headers('id2', ts, good)).ok).toBe(false);
    const future = signResendWebhook(WEBHOOK_SECRET, body, 'id1', ts + 400);
    expect(verifyResendWebhook(WEBHOOK_SECRET, body, headers('id1', ts + 400, future))).toEqual({ ok: false, reason: 'Message timestamp too new' });
    const old = signResendWebhook(WEBHOOK_SECRET, body, 'id1', ts - 400);
    expect(verifyResendWebhook(WEBHOOK_SECRET, body, headers('id1', ts - 400, old))).toEqual({ ok: false, reason: 'Message timestamp too old' });
  });

  // A defect found from outside: `whsec_!!!!!!!!!!!!` decodes to no bytes, and the hand-written
  // verifier then keyed its HMAC with nothing, so anyone could sign "bounced" events.
  it('refuses a secret that decodes to no key (or a short one) at start, and a signature made with an empty key', async () => {
    // Imported here: lib/env reads process.env once, after beforeAll has set it.
    const { parseEnv } = await import('@/lib/env');
    const ts = Math.floor(Date.now() / 1000);
    const forged = `v1,${createHmac('sha256', Buffer.alloc(0)).update(`msg_forged.${ts}.${body}`).digest('base64')}`;
    for (const secret of ['whsec_!!!!!!!!!!!!', `whsec_${Buffer.from('too short').toString('base64')}`, 'whsec_', 'not a secret']) {
      expect(() => parseEnv({ RESEND_WEBHOOK_SECRET: secret }), secret).toThrow(/RESEND_WEBHOOK_SECRET: (must be the endpoint’s signing secret|decodes to \d+ bytes)/);
      expect(verifyResendWebhook(secret, body, headers('msg_forged', ts, forged)).ok, secret).toBe(false);
    }
    expect(parseEnv({ RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET }).RESEND_WEBHOOK_SECRET).toBe(WEBHOOK_SECRET);
    expect(parseEnv({ RESEND_WEBHOOK_SECRET: '' }).RESEND_WEBHOOK_SECRET).toBeUndefined();
  });
});
