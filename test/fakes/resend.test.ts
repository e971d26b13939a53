// The fake Resend API, driven through the real SDK: later delivery, rate-limit
// and fault tests rely on it behaving like api.resend.com.
import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeResend, type FakeResend } from './resend';

let fake: FakeResend;
const client = () => new Resend(fake.apiKey, { baseUrl: fake.url });
const mail = (to = 'ada@example.com', subject = 'Hello') => ({ from: 'Nimbus <n@cloud.example>', to: [to], subject, html: '<p>Hi</p>', text: 'Hi' });

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.setRateLimit(null);
});

describe('sending', () => {
  test('accepts an e-mail and records it', async () => {
    const { data, error } = await client().emails.send(mail());
    expect(error).toBeNull();
    expect(fake.emails).toMatchObject([{ id: data!.id, to: ['ada@example.com'], subject: 'Hello', text: 'Hi' }]);
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  test('checks the API key', async () => {
    const { error } = await new Resend('re_wrong', { baseUrl: fake.url }).emails.send(mail());
    expect(error).toMatchObject({ statusCode: 403, name: 'invalid_api_key' });
    expect(fake.emails).toEqual([]);
  });

  test('validates like Resend', async () => {
    const { error } = await client().emails.send({ ...mail(), to: ['not-an-address'] });
    expect(error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect(fake.emails).toEqual([]);
  });

  test('sends batches, strictly or permissively', async () => {
    const ok = await client().batch.send([mail('a@example.com'), mail('b@example.com')]);
    expect(ok.data?.data).toHaveLength(2);

    const strict = await client().batch.send([mail('c@example.com'), mail('broken')]);
    expect(strict.error).toMatchObject({ statusCode: 422 });

    const permissive = await client().batch.send([mail('d@example.com'), mail('broken')], { batchValidation: 'permissive' });
    expect(permissive.data?.data).toHaveLength(1);
    expect(permissive.data?.errors).toMatchObject([{ index: 1 }]);
    expect(fake.emails.map((e) => e.to[0])).toEqual(['a@example.com', 'b@example.com', 'd@example.com']);
  });
});

describe('idempotency keys', () => {
  test('the same key and body replay the first answer without a second send', async () => {
    const first = await client().emails.send(mail(), { idempotencyKey: 'welcome/1' });
    const again = await client().emails.send(mail(), { idempotencyKey: 'welcome/1' });
    expect(again.data?.id).toBe(first.data?.id);
    expect(fake.emails).toHaveLength(1);
    expect(fake.requests.map((r) => r.outcome)).toEqual(['accepted', 'replayed']);
  });

  test('the same key with another body is a 409', async () => {
    await client().emails.send(mail(), { idempotencyKey: 'welcome/2' });
    const { error } = await client().emails.send(mail('ada@example.com', 'Changed'), { idempotencyKey: 'welcome/2' });
    expect(error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(fake.emails).toHaveLength(1);
  });

  test('a retry while the first request is still answered is a 409, afterwards a replay', async () => {
    fake.delayNext(1, 300);
    const slow = client().emails.send(mail(), { idempotencyKey: 'welcome/3' });
    await fake.waitForRequests(1);
    const concurrent = await client().emails.send(mail(), { idempotencyKey: 'welcome/3' });
    expect(concurrent.error).toMatchObject({ statusCode: 409, name: 'concurrent_idempotent_requests' });
    const { data } = await slow;
    const replay = await client().emails.send(mail(), { idempotencyKey: 'welcome/3' });
    expect(replay.data?.id).toBe(data?.id);
    expect(fake.emails).toHaveLength(1);
  });

  test('a failed attempt is not remembered, so its retry sends', async () => {
    fake.failNext(1, { status: 500 });
    const failed = await client().emails.send(mail(), { idempotencyKey: 'welcome/4' });
    expect(failed.error).toMatchObject({ statusCode: 500 });
    const retried = await client().emails.send(mail(), { idempotencyKey: 'welcome/4' });
    expect(retried.error).toBeNull();
    expect(fake.emails).toHaveLength(1);
  });
});

describe('faults and limits', () => {
  test('an injected 429 carries retry-after and rate-limit headers', async () => {
    fake.rateLimitNext(1, { retryAfterSeconds: 3 });
    const { error, headers } = await client().emails.send(mail());
    expect(error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    expect(headers).toMatchObject({ 'retry-after': '3', 'ratelimit-remaining': '0' });
    expect(fake.emails).toEqual([]);
  });

  test('a configured rate limit refuses requests over it', async () => {
    fake.setRateLimit({ limit: 2, windowMs: 60_000 });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await client().emails.send(mail(`r${i}@example.com`)));
    expect(results.map((r) => r.error?.statusCode ?? 200)).toEqual([200, 200, 429]);
    expect(results[0].headers).toMatchObject({ 'ratelimit-limit': '2', 'ratelimit-remaining': '1' });
    expect(Number(results[2].headers?.['retry-after'])).toBeGreaterThan(0);
    expect(fake.emails).toHaveLength(2);
  });

  test('a dropped connection is a network error and sends nothing', async () => {
    fake.disconnectNext(1);
    const { error } = await client().emails.send(mail());
    expect(error).toMatchObject({ statusCode: null });
    expect(fake.emails).toEqual([]);
  });

  test('a hung request sends nothing and can be abandoned by the client', async () => {
    fake.hangNext(1);
    const controller = new AbortController();
    const pending = fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(mail()),
      signal: controller.signal,
    });
    await fake.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(fake.requests[0]).toMatchObject({ outcome: 'hung', status: null });
    expect(fake.emails).toEqual([]);
  });
});
