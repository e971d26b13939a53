// A worker's own metrics, from real requests: the Resend SDK and the Bot API
// client against the fake providers (each answering one 429), and the shared
// rate limit in PostgreSQL making a send wait; read through the worker's
// metrics port, which wants the same token as the web's /metrics.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '@/db/embedded';
import { acquireSendSlot, perSecond } from '@/lib/delivery/rate-limit';
import { resendTransport } from '@/lib/mail/transport';
import { measuredFetch, measuredTransport } from '@/lib/ops/worker-metrics';
import { botApiClient } from '@/lib/telegram/client';
import { setupTestDatabase } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fakes/resend';
import { FAKE_TELEGRAM_TOKEN, startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';
import { serveWorkerMetrics } from './metrics-server';

const t = setupTestDatabase();
const TOKEN = 'worker-metrics-token-0123456789';
let resend: FakeResend;
let telegram: FakeTelegram;
let server: Awaited<ReturnType<typeof serveWorkerMetrics>>;
let url: string;
const savedBaseUrl = process.env.RESEND_BASE_URL;

beforeAll(async () => {
  resend = await startFakeResend();
  telegram = await startFakeTelegram();
  process.env.RESEND_BASE_URL = resend.url;
  server = await serveWorkerMetrics(await freePort(), TOKEN);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
});

afterAll(async () => {
  server?.close();
  await resend?.close();
  await telegram?.close();
  process.env.RESEND_BASE_URL = savedBaseUrl;
});

const mail = { from: 'a@test.example', to: ['b@test.example'], cc: [], subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' };
const value = (text: string, series: string) => Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? 0);

it('counts provider requests, their 429s and the waits for a send slot, behind the token', { timeout: 30_000 }, async () => {
  const transport = measuredTransport(resendTransport(resend.env().RESEND_API_KEY));
  resend.rateLimitNext(1, { retryAfterSeconds: 1 });
  await expect(transport.sendBatch([mail], 'metrics-1')).rejects.toMatchObject({ status: 429 });
  await transport.sendBatch([mail], 'metrics-1');

  const bot = botApiClient({ token: FAKE_TELEGRAM_TOKEN, baseUrl: telegram.url, fetch: measuredFetch('telegram'), sleep: async () => {} });
  telegram.rateLimitNext(1, 1);
  await bot.sendMessage(4242, 'hello');

  // One send per 3 s: the second acquire waits, however slowly a loaded machine gets from the first to it.
  const rate = perSecond(1 / 3);
  await acquireSendSlot(t.db, 'telegram:chat:4242', rate);
  await acquireSendSlot(t.db, 'telegram:chat:4242', rate);

  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
  expect((await fetch(url.replace('/metrics', '/other'), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  const text = await response.text();

  expect(value(text, 'an_provider_rate_limited_total{provider="resend"}')).toBe(1);
  expect(value(text, 'an_provider_rate_limited_total{provider="telegram"}')).toBe(1);
  expect(value(text, 'an_provider_request_duration_seconds_count{provider="resend",outcome="ok"}')).toBe(1);
  expect(value(text, 'an_provider_request_duration_seconds_count{provider="resend",outcome="rate_limited"}')).toBe(1);
  expect(value(text, 'an_provider_request_duration_seconds_count{provider="telegram",outcome="ok"}')).toBe(1);
  expect(value(text, 'an_provider_request_duration_seconds_count{provider="telegram",outcome="rate_limited"}')).toBe(1);
  // One chat's limiter, under one label for every chat; the second send waited for its slot.
  expect(value(text, 'an_rate_limit_waits_total{limiter="telegram:chat"}')).toBe(1);
  expect(value(text, 'an_rate_limit_wait_seconds_total{limiter="telegram:chat"}')).toBeGreaterThan(0.5);
  expect(text).not.toMatch(/4242/);
});
