// The webhook route handler, called directly with Request objects, on a real
// PostgreSQL, with the Bot API pointed at a fake Telegram on 127.0.0.1.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { subscriptions, telegramLinks, telegramLinkTokens, telegramUpdates } from '@/db/schema';
import { createLinkToken } from '@/lib/telegram/links';
import { botTexts } from '@/lib/telegram/updates';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';

const SECRET = 'webhook-secret_0123456789';
const t = setupTestDatabase();
let telegram: FakeTelegram;
let acc: CreatedAccount;
let POST: (request: Request) => Promise<Response>;
const saved = { ...process.env };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  // Read by lib/env.ts when the route is first imported, and by @/db on first query.
  process.env.DATABASE_URL = t.url;
  process.env.TELEGRAM_WEBHOOK_SECRET = SECRET;
  process.env.TELEGRAM_BOT_TOKEN = telegram.token;
  process.env.TELEGRAM_API_BASE_URL = telegram.url;
  ({ POST } = await import('./route'));
  acc = await createAccount(t.db, { members: [{ role: 'billing_admin', name: 'Bianca Billing' }] });
  await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: acc.members[0].userId, category: 'balance_payments' });
});

afterAll(async () => {
  const { closeDb } = await import('@/db');
  await closeDb();
  await telegram?.close();
  process.env = saved;
});

beforeEach(async () => {
  telegram.reset();
  await t.db.delete(telegramLinks);
  await t.db.delete(telegramLinkTokens);
});

let nextUpdateId = 500_000;
const chat = { id: 81_000_001, username: 'bianca_tg', first_name: 'Bianca' };

function update(text: string, from = chat, updateId = ++nextUpdateId) {
  return {
    update_id: updateId,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { ...from, type: 'private' },
      from: { ...from, is_bot: false },
      text,
    },
  };
}

function webhook(body: unknown, secret: string | null = SECRET): Request {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (secret !== null) headers.set('x-telegram-bot-api-secret-token', secret);
  return new Request('http://localhost/api/telegram/webhook', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const token = async () =>
  (await createLinkToken(t.db, { accountId: acc.accountId, userId: acc.members[0].userId, botUsername: 'NimbusTestBot' })).token;
const links = () => t.db.select().from(telegramLinks);
const seen = (id: number) => t.db.select().from(telegramUpdates).where(eq(telegramUpdates.updateId, id));

describe('POST /api/telegram/webhook', () => {
  it('refuses a missing secret with 401 and a wrong one with 403, linking nothing', async () => {
    const valid = update(`/start ${await token()}`);
    const missing = await POST(webhook(valid, null));
    expect(missing.status).toBe(401);
    for (const wrong of ['wrong', SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), '']) {
      const response = await POST(webhook(valid, wrong));
      expect(response.status, `secret "${wrong}"`).toBe(wrong === '' ? 401 : 403);
    }
    expect(await links()).toHaveLength(0);
    expect(await seen(valid.update_id)).toHaveLength(0);
    expect(telegram.requests).toHaveLength(0);
    // The same update with the right secret still works: nothing was used up.
    expect((await POST(webhook(valid))).status).toBe(200);
    expect(await links()).toHaveLength(1);
  });

  it('answers 400 to a body that is not JSON', async () => {
    expect((await POST(webhook('{"update_id": 1,'))).status).toBe(400);
  });

  it('links the chat on /start <token> and answers in the chat through the response body, without calling Telegram', async () => {
    const started = Date.now();
    const response = await POST(webhook(update(`/start ${await token()}`)));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ method: 'sendMessage', chat_id: chat.id, text: botTexts.linked(acc.name) });
    expect(await links()).toMatchObject([{ userId: acc.members[0].userId, chatId: chat.id, username: 'bianca_tg', status: 'active' }]);
    expect(telegram.requests).toHaveLength(0);
  });

  it('links nothing for a replayed, an expired or an unknown token, and answers politely', async () => {
    const used = await token();
    expect((await POST(webhook(update(`/start ${used}`)))).status).toBe(200);
    await t.db.delete(telegramLinks);

    const expired = await token();
    await t.db.update(telegramLinkTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(sql`used_at is null`);

    for (const text of [`/start ${used}`, `/start ${expired}`, '/start unknownTOKEN_unknownTOKEN_unknownTOKEN_123']) {
      const response = await POST(webhook(update(text)));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ method: 'sendMessage', chat_id: chat.id, text: botTexts.invalidToken });
    }
    expect(await links()).toHaveLength(0);
  });

  it('ignores a duplicate update_id: 200, no answer, no second effect', async () => {
    const first = update(`/start ${await token()}`);
    expect((await POST(webhook(first))).status).toBe(200);
    const stop = update('/stop');
    expect(await (await POST(webhook(stop))).json()).toMatchObject({ text: botTexts.stopped });
    // Telegram redelivers the /start: it must not link the chat again.
    const again = await POST(webhook(first));
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('');
    expect(await links()).toHaveLength(0);
  });

  it('tells the previous chat through the Bot API when the person links a new one', async () => {
    await POST(webhook(update(`/start ${await token()}`)));
    const newChat = { id: 81_000_002, username: 'bianca_phone2', first_name: 'Bianca' };
    const response = await POST(webhook(update(`/start ${await token()}`, newChat)));
    expect(await response.json()).toMatchObject({ chat_id: newChat.id });
    await vi.waitFor(() => expect(telegram.messages).toMatchObject([{ chatId: chat.id, text: botTexts.replaced }]));
    expect(await links()).toMatchObject([{ chatId: newChat.id }]);
  });

  it('answers 200 with no body to updates it does not act on', async () => {
    const response = await POST(webhook({ update_id: ++nextUpdateId, edited_message: { text: 'hi' } }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('without TELEGRAM_WEBHOOK_SECRET', () => {
  it('the webhook is disabled (404)', async () => {
    vi.resetModules();
    delete process.env.TELEGRAM_WEBHOOK_SECRET;
    const route = await import('./route');
    const response = await route.POST(webhook(update('/start abc')));
    expect(response.status).toBe(404);
    process.env.TELEGRAM_WEBHOOK_SECRET = SECRET;
  });
});
