// Telegram delivery of Balance and payments notifications through the real
// Bot API client against a fake Telegram on 127.0.0.1.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, subscriptions, telegramLinks } from '@/db/schema';
import { botApiClient } from '@/lib/telegram/client';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';
import { createApiKey } from './api-keys';
import { publishNotification } from './publish';
import { deliverTelegramChunk, telegramText, type TelegramDeliveryConfig } from './telegram';

const t = setupTestDatabase();
let telegram: FakeTelegram;
let acc: CreatedAccount;
let apiKeyId: string;
let config: TelegramDeliveryConfig;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  apiKeyId = (await createApiKey(t.db, { name: 'tests' })).id;
  acc = await createAccount(t.db, {
    name: 'Chat Co',
    members: [{ role: 'billing_admin', name: 'Bea' }, { role: 'account_admin', name: 'Al' }],
  });
  await t.db.insert(subscriptions).values(acc.members.map((m) => ({ accountId: acc.accountId, userId: m.userId, category: 'balance_payments' as const })));
  config = {
    client: botApiClient({ token: telegram.token, baseUrl: telegram.url, maxAttempts: 1 }),
    rate: { limit: 30, windowMs: 1000, marginMs: 5 },
    perChatRate: { limit: 1, windowMs: 200, marginMs: 5 },
    maxAttempts: 3,
    backoff: { baseMs: 10, capMs: 20 },
  };
});

afterAll(() => telegram?.close());

beforeEach(async () => {
  telegram.reset();
  await t.db.delete(telegramLinks);
  await t.db.insert(telegramLinks).values([
    { userId: acc.members[0].userId, chatId: 5001, username: 'bea' },
    { userId: acc.owner.userId, chatId: 5002, username: 'owner' },
  ]);
});

async function publish(type = 'debt') {
  const result = await publishNotification(t.db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type, subject: 'Balance is <b>low</b>', summary: 'Top up today.', data: { balance: '3 EUR' } },
  });
  return result.body.id as string;
}

async function runChunk(notificationId: string) {
  for (let i = 0; i < 10; i++) {
    const outcome = await deliverTelegramChunk(t.db, { notificationId, chunk: 0 }, config);
    if (outcome.done) return;
    await new Promise((r) => setTimeout(r, outcome.retryInMs));
  }
  throw new Error('never done');
}

const telegramRows = (id: string) =>
  t.db.select().from(deliveries).where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, 'telegram')));

describe('Telegram delivery', () => {
  it('sends Balance and payments to every linked recipient, as plain text', async () => {
    const id = await publish();
    await runChunk(id);
    expect(telegram.messages.map((m) => m.chatId).sort()).toEqual([5001, 5002]);
    expect(telegram.messages[0].text).toContain('Balance is <b>low</b>');
    expect(telegram.messages[0].body.parse_mode).toBeUndefined();
    expect((await telegramRows(id)).every((r) => r.status === 'sent' && r.providerMessageId)).toBe(true);
  });

  it('waits out a 429 retry_after and sends each message once', async () => {
    const id = await publish();
    telegram.rateLimitNext(1, 1);
    const started = Date.now();
    await runChunk(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(telegram.messages).toHaveLength(2);
    expect(new Set(telegram.messages.map((m) => m.chatId)).size).toBe(2);
  });

  it('marks the link inactive on 403 and fails only that delivery', async () => {
    telegram.blockChat(5001);
    const id = await publish();
    await runChunk(id);
    const rows = await telegramRows(id);
    expect(rows.find((r) => r.address === '5001')).toMatchObject({ status: 'failed' });
    expect(rows.find((r) => r.address === '5002')).toMatchObject({ status: 'sent' });
    const [link] = await t.db.select().from(telegramLinks).where(eq(telegramLinks.chatId, 5001));
    expect(link.status).toBe('inactive');
    // The next notification skips the inactive link.
    const next = await publish();
    expect((await telegramRows(next)).map((r) => r.address)).toEqual(['5002']);
  });

  it('does not resend a message whose worker died mid-send, and says why', async () => {
    const id = await publish();
    await t.db.update(deliveries).set({ status: 'sending' }).where(and(eq(deliveries.notificationId, id), eq(deliveries.address, '5001')));
    await runChunk(id);
    const rows = await telegramRows(id);
    expect(rows.find((r) => r.address === '5001')?.lastError).toMatch(/Outcome unknown/);
    expect(telegram.messages.map((m) => m.chatId)).toEqual([5002]);
  });

  it('does not resend a message whose answer never came, and says why', async () => {
    const impatient = { ...config, client: botApiClient({ token: telegram.token, baseUrl: telegram.url, maxAttempts: 1, timeoutMs: 200 }) };
    const id = await publish();
    // Telegram sends the first message but answers too late, and the second but drops the connection.
    telegram.delayNext(1, 600);
    telegram.dropResponseNext(1);
    for (let i = 0; i < 10; i++) {
      const outcome = await deliverTelegramChunk(t.db, { notificationId: id, chunk: 0 }, impatient);
      if (outcome.done) break;
      await new Promise((r) => setTimeout(r, outcome.retryInMs));
    }
    const rows = await telegramRows(id);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(rows.every((r) => /Outcome unknown/.test(r.lastError ?? ''))).toBe(true);
    // Each chat got its message once: neither was sent again.
    expect(telegram.messages.map((m) => m.chatId).sort()).toEqual([5001, 5002]);
  });

  it('keeps other categories off Telegram', async () => {
    const id = await publish('invoice_to_pay');
    expect(await telegramRows(id)).toEqual([]);
  });

  it('composes a readable message', () => {
    expect(
      telegramText({
        accountName: 'Chat Co',
        categoryTitle: 'Balance and payments',
        subject: 'Debit',
        content: { summary: 'We debited 10 EUR.', data: { invoice_no: 'A-1' }, action: { label: 'Open billing', url: 'https://x.example' } },
      }),
    ).toBe('🔔 Balance and payments · Chat Co\n\nDebit\n\nWe debited 10 EUR.\n\ninvoice no: A-1\n\nOpen billing: https://x.example');
  });
});
