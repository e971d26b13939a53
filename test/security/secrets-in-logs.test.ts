// No secret reaches a log. The real worker process runs with a Resend API key
// and a bot token against providers that refuse everything, and echo what they
// were sent in their error messages, as misbehaving proxies do. It handles a
// sign-in link and a notification by e-mail and Telegram to their final failure.
// Then the route handlers are called with wrong keys and signatures. Neither
// the worker's output, nor the app's console, nor the stored errors contain the
// API key, the bot token, the webhook secrets or the sign-in link's token.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { subscriptions, telegramLinks } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishNotification } from '@/lib/delivery/publish';
import { queueMagicLink } from '@/lib/magic-link';
import { createAccount, setupTestDatabase } from '@/test/db';
import { queryRows } from '@/db';

const t = setupTestDatabase();
const secret = (label: string) => `${label}${randomBytes(12).toString('hex')}`;
const RESEND_API_KEY = secret('re_');
const TELEGRAM_BOT_TOKEN = `123456:${secret('AAH')}`;
const RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from(secret('signing-')).toString('base64')}`;
const TELEGRAM_WEBHOOK_SECRET = secret('tg-hook-');
const LINK_TOKEN = secret('link');

/** A provider that fails every request and quotes the request's path, headers and body back in its error. */
async function echoingFailure(kind: 'resend' | 'telegram') {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const echo = `${request.method} ${request.url} ${JSON.stringify(request.headers)} ${body}`;
      seen.push(echo);
      response.writeHead(kind === 'resend' ? 500 : 502, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          kind === 'resend'
            ? { statusCode: 500, name: 'internal_server_error', message: `upstream refused: ${echo}` }
            : { ok: false, error_code: 502, description: `Bad Gateway: ${echo}` },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let resend: Awaited<ReturnType<typeof echoingFailure>>;
let telegram: Awaited<ReturnType<typeof echoingFailure>>;

beforeAll(async () => {
  resend = await echoingFailure('resend');
  telegram = await echoingFailure('telegram');
});
afterAll(async () => {
  await resend?.close();
  await telegram?.close();
});

const leaks = (text: string) =>
  Object.entries({ RESEND_API_KEY, TELEGRAM_BOT_TOKEN, RESEND_WEBHOOK_SECRET, TELEGRAM_WEBHOOK_SECRET, LINK_TOKEN })
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);

it('the worker logs and stores provider failures without the API key, the bot token or a sign-in token', { timeout: 60_000 }, async () => {
  const acc = await createAccount(t.db, { members: [{ role: 'billing_admin' }] });
  const person = acc.members[0];
  await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: person.userId, category: 'balance_payments' });
  await t.db.insert(telegramLinks).values({ userId: person.userId, chatId: 7001 });
  const { id: apiKeyId } = await createApiKey(t.db, { name: 'logs' });
  await queueMagicLink(t.db, { email: person.email, url: `http://localhost:3000/api/auth/callback/resend?token=${LINK_TOKEN}&email=x` });
  const published = await publishNotification(t.db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type: 'debt', subject: 'Balance is low' },
  });
  expect(published.status).toBe(202);

  const worker = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      NODE_ENV: 'production',
      RESEND_API_KEY,
      RESEND_BASE_URL: resend.url,
      TELEGRAM_BOT_TOKEN,
      TELEGRAM_API_BASE_URL: telegram.url,
      RESEND_WEBHOOK_SECRET,
      TELEGRAM_WEBHOOK_SECRET,
      // Fail fast: one attempt each, so the final errors are written and logged.
      DELIVERY_MAX_ATTEMPTS: '1',
      RESEND_RATE_LIMIT: '50',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  worker.stdout.on('data', (chunk) => (output += chunk));
  worker.stderr.on('data', (chunk) => (output += chunk));
  try {
    await expect
      .poll(
        async () => {
          // Deliveries fail for good after one attempt; the sign-in link's e-mail keeps being retried
          // by the queue, so its first failure, stored and logged, is enough.
          const [row] = await queryRows<{ open: number }>(t.db, sql`
            select (select count(*) from deliveries where status not in ('failed', 'sent', 'suppressed', 'delivered'))::int
                 + (select count(*) from mail_messages where last_error is null)::int as open`);
          return row.open;
        },
        { timeout: 45_000, interval: 250 },
      )
      .toBe(0);
  } finally {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  }

  // The providers really were sent the secrets, and quoted them back.
  expect(resend.seen.some((r) => r.includes(RESEND_API_KEY) && r.includes(LINK_TOKEN))).toBe(true);
  expect(telegram.seen.some((r) => r.includes(TELEGRAM_BOT_TOKEN))).toBe(true);

  expect(leaks(output), output).toEqual([]);
  const stored = await queryRows<{ error: string | null }>(t.db, sql`
    select last_error as error from deliveries union all select last_error from mail_messages
    union all select last_error::text from graphile_worker.jobs`);
  expect(stored.filter((r) => r.error).length).toBeGreaterThan(0);
  expect(leaks(stored.map((r) => r.error ?? '').join('\n'))).toEqual([]);
});

it('refused API keys and webhook signatures are not logged', async () => {
  process.env.DATABASE_URL = t.url;
  process.env.RESEND_WEBHOOK_SECRET = RESEND_WEBHOOK_SECRET;
  process.env.TELEGRAM_WEBHOOK_SECRET = TELEGRAM_WEBHOOK_SECRET;
  const logged: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  const wrongKey = `an_${secret('')}`;
  const { POST: publish } = await import('@/app/api/v1/notifications/route');
  const { POST: resendHook } = await import('@/app/api/resend/webhook/route');
  const { POST: telegramHook } = await import('@/app/api/telegram/webhook/route');
  const statuses = [
    (await publish(new Request('http://localhost/api/v1/notifications', { method: 'POST', headers: { authorization: `Bearer ${wrongKey}` }, body: '{}' }))).status,
    (await resendHook(new Request('http://localhost/api/resend/webhook', { method: 'POST', headers: { 'svix-id': 'x', 'svix-timestamp': '1', 'svix-signature': `v1,${RESEND_WEBHOOK_SECRET}` }, body: '{}' }))).status,
    (await telegramHook(new Request('http://localhost/api/telegram/webhook', { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': `${TELEGRAM_WEBHOOK_SECRET}x` }, body: '{}' }))).status,
  ];
  vi.restoreAllMocks();
  expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
  const all = logged.join('\n');
  expect(all.includes(wrongKey)).toBe(false);
  expect(leaks(all)).toEqual([]);
});
