// Linking Telegram chats against a real PostgreSQL: tokens, /start, /stop,
// duplicates, disconnect, and sending through a fake Bot API on 127.0.0.1.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, subscriptions, telegramLinks, telegramLinkTokens, telegramUpdates } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { createAccount, setupTestDatabase, type CreatedAccount, type CreatedMember } from '@/test/db';
import { startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';
import { botApiClient } from './client';
import { createLinkToken, disconnectTelegram, getTelegramPanel, getTelegramStatus, sendTestMessage } from './links';
import { hashLinkToken } from './tokens';
import { botTexts, handleUpdate } from './updates';

const t = setupTestDatabase();
const meta: RequestMeta = { ip: '198.51.100.4', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0' };
const BOT = 'NimbusTestBot';

let telegram: FakeTelegram;
let acc: CreatedAccount;
let other: CreatedAccount;
let billing: CreatedMember;
let admin: CreatedMember;
let subscriber: CreatedMember;
let unsubscribed: CreatedMember;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  acc = await createAccount(t.db, {
    name: 'Northwind',
    members: [
      { role: 'billing_admin', name: 'Bianca Billing' },
      { role: 'account_admin', name: 'Adam Admin' },
      { role: 'subscriber', name: 'Sam Subscriber' },
      { role: 'billing_admin', name: 'Nadia Notsubscribed' },
      { role: 'user_admin', name: 'Ursula Useradmin' },
    ],
  });
  [billing, admin, subscriber, unsubscribed] = acc.members;
  other = await createAccount(t.db, { name: 'Elsewhere', members: [{ role: 'billing_admin' }] });
  await t.db.insert(subscriptions).values(
    [billing, admin, subscriber].map((m) => ({ accountId: acc.accountId, userId: m.userId, category: 'balance_payments' as const })),
  );
});

afterAll(async () => {
  await telegram?.close();
});

beforeEach(async () => {
  telegram.reset();
  await t.db.delete(telegramLinks);
  await t.db.delete(telegramLinkTokens);
  await t.db.delete(auditLog);
});

const client = () => botApiClient({ token: telegram.token, baseUrl: telegram.url, sleep: async () => {} });

let nextUpdateId = 10_000;
type From = { id: number; username?: string; first_name?: string };
const bianca: From = { id: 5550001, username: 'bianca_tg', first_name: 'Bianca' };
const stranger: From = { id: 5550002, username: 'someone_else', first_name: 'Sol' };

function textUpdate(text: string, from: From = bianca, updateId = ++nextUpdateId) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private', first_name: from.first_name, username: from.username },
      from: { id: from.id, is_bot: false, first_name: from.first_name, username: from.username },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }],
    },
  };
}

const linkOf = async (userId: string) => (await t.db.select().from(telegramLinks).where(eq(telegramLinks.userId, userId)))[0] ?? null;
const auditOf = (action: string, accountId = acc.accountId) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, action)));

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const newToken = (member: CreatedMember = billing) =>
  createLinkToken(t.db, { accountId: acc.accountId, userId: member.userId, botUsername: BOT });

describe('link tokens', () => {
  it('are made for an eligible member, stored only as a hash, for ten minutes', async () => {
    const { token, link, expiresAt, ttlSeconds } = await newToken();
    expect(link).toBe(`https://t.me/${BOT}?start=${token}`);
    expect(ttlSeconds).toBe(600);
    const rows = await t.db.select().from(telegramLinkTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const minutes = (expiresAt.getTime() - rows[0].createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(10, 1);
  });

  it('are refused to a Subscriber, to someone not subscribed to Balance and payments, and outside the account', async () => {
    expect((await domainError(newToken(subscriber))).code).toBe('forbidden');
    expect((await domainError(newToken(unsubscribed))).message).toMatch(/not subscribed to Balance and payments/);
    const foreign = createLinkToken(t.db, { accountId: other.accountId, userId: billing.userId, botUsername: BOT });
    expect((await domainError(foreign)).code).toBe('not_found');
    expect(await t.db.select().from(telegramLinkTokens)).toHaveLength(0);
  });

  it('are allowed to the Owner, who receives Balance and payments without a subscription', async () => {
    const { token } = await createLinkToken(t.db, { accountId: acc.accountId, userId: acc.owner.userId, botUsername: BOT });
    expect(token.length).toBeGreaterThan(40);
  });

  it('replace the person’s earlier unused code ("Get a new code")', async () => {
    const first = await newToken();
    const second = await newToken();
    const outcome = await handleUpdate(t.db, textUpdate(`/start ${first.token}`));
    expect(outcome.reply?.text).toBe(botTexts.invalidToken);
    expect((await handleUpdate(t.db, textUpdate(`/start ${second.token}`))).reply?.text).toMatch(/^Connected\./);
  });
});

describe('/start <token>', () => {
  it('links the chat to the token’s person, answers in the chat and writes the audit entry', async () => {
    const { token } = await newToken();
    expect(await getTelegramStatus(t.db, { accountId: acc.accountId, userId: billing.userId })).toBeNull();

    const outcome = await handleUpdate(t.db, textUpdate(`/start ${token}`));
    expect(outcome).toMatchObject({ duplicate: false, reply: { chatId: bianca.id, text: botTexts.linked('Northwind') }, followUps: [] });
    expect(await linkOf(billing.userId)).toMatchObject({ chatId: bianca.id, username: 'bianca_tg', firstName: 'Bianca', status: 'active' });
    expect(await getTelegramStatus(t.db, { accountId: acc.accountId, userId: billing.userId })).toMatchObject({
      username: 'bianca_tg',
      status: 'active',
    });
    const audit = await auditOf('telegram.connected');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: billing.userId, targetUserId: billing.userId, userAgent: 'Telegram bot' });
    expect(audit[0].details).toMatchObject({ via: 'telegram', telegramUsername: 'bianca_tg' });
  });

  it('works once: a replayed token links nothing and gets a polite answer', async () => {
    const { token } = await newToken();
    await handleUpdate(t.db, textUpdate(`/start ${token}`));
    const replay = await handleUpdate(t.db, textUpdate(`/start ${token}`, stranger));
    expect(replay.reply).toEqual({ chatId: stranger.id, text: botTexts.invalidToken });
    expect((await linkOf(billing.userId))?.chatId).toBe(bianca.id);
    expect(await t.db.select().from(telegramLinks)).toHaveLength(1);
  });

  it('refuses an expired token and an unknown or malformed one, linking nothing', async () => {
    const { token } = await newToken();
    await t.db.update(telegramLinkTokens).set({ expiresAt: sql`now() - interval '1 second'` });
    for (const text of [`/start ${token}`, '/start AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/start not;a/token', `/start ${'x'.repeat(65)}`]) {
      const outcome = await handleUpdate(t.db, textUpdate(text));
      expect(outcome.reply).toEqual({ chatId: bianca.id, text: botTexts.invalidToken });
    }
    expect(await t.db.select().from(telegramLinks)).toHaveLength(0);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'telegram.connected'))).toHaveLength(0);
  });

  it('re-checks eligibility: someone unsubscribed after making the code is not linked', async () => {
    const { token } = await newToken(admin);
    await t.db
      .delete(subscriptions)
      .where(and(eq(subscriptions.userId, admin.userId), eq(subscriptions.category, 'balance_payments')));
    try {
      const outcome = await handleUpdate(t.db, textUpdate(`/start ${token}`));
      expect(outcome.reply?.text).toMatch(/can’t be connected/);
      expect(await linkOf(admin.userId)).toBeNull();
    } finally {
      await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: admin.userId, category: 'balance_payments' });
    }
  });

  it('ignores a duplicate update_id', async () => {
    const { token } = await newToken();
    const update = textUpdate(`/start ${token}`);
    expect((await handleUpdate(t.db, update)).reply).not.toBeNull();
    await t.db.delete(telegramLinks);
    const again = await handleUpdate(t.db, update);
    expect(again).toEqual({ duplicate: true, reply: null, followUps: [] });
    expect(await t.db.select().from(telegramLinks)).toHaveLength(0);
    expect(await t.db.select().from(telegramUpdates).where(eq(telegramUpdates.updateId, update.update_id))).toHaveLength(1);
  });

  it('keeps one chat per person: linking again replaces the old chat, which is told', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    const phone2: From = { id: 5550009, username: 'bianca_new', first_name: 'Bianca' };
    const outcome = await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`, phone2));
    expect(outcome.reply?.chatId).toBe(phone2.id);
    expect(outcome.followUps).toEqual([{ chatId: bianca.id, text: botTexts.replaced }]);
    expect(await t.db.select().from(telegramLinks)).toMatchObject([{ userId: billing.userId, chatId: phone2.id, username: 'bianca_new' }]);
  });

  it('moves a chat that was someone else’s to the person who linked it now', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken(billing)).token}`));
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken(admin)).token}`));
    expect(await linkOf(billing.userId)).toBeNull();
    expect(await linkOf(admin.userId)).toMatchObject({ chatId: bianca.id });
  });

  it('answers /start without a token with how to connect, and other text with help', async () => {
    expect((await handleUpdate(t.db, textUpdate('/start'))).reply?.text).toBe(botTexts.howToConnect);
    expect((await handleUpdate(t.db, textUpdate('hello?'))).reply?.text).toBe(botTexts.help);
    const group = textUpdate('/start abc');
    group.message.chat.type = 'group';
    expect((await handleUpdate(t.db, group)).reply?.text).toBe(botTexts.privateOnly);
    expect(await handleUpdate(t.db, { nonsense: true })).toEqual({ duplicate: false, reply: null, followUps: [] });
  });
});

describe('/stop and blocking', () => {
  it('/stop unlinks the chat, with an audit entry in the account the link was made from', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    const outcome = await handleUpdate(t.db, textUpdate('/stop'));
    expect(outcome.reply).toEqual({ chatId: bianca.id, text: botTexts.stopped });
    expect(await linkOf(billing.userId)).toBeNull();
    expect(await auditOf('telegram.disconnected')).toMatchObject([{ actorUserId: billing.userId, details: { via: 'telegram' } }]);
    expect((await handleUpdate(t.db, textUpdate('/stop'))).reply?.text).toBe(botTexts.notLinked);
  });

  it('blocking the bot marks the link inactive; /start in the same chat brings it back', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    const blocked = await handleUpdate(t.db, {
      update_id: ++nextUpdateId,
      my_chat_member: {
        chat: { id: bianca.id, type: 'private' },
        from: { id: bianca.id, is_bot: false, first_name: 'Bianca' },
        date: 0,
        old_chat_member: { status: 'member', user: { id: 1, is_bot: true, first_name: 'Bot' } },
        new_chat_member: { status: 'kicked', user: { id: 1, is_bot: true, first_name: 'Bot' }, until_date: 0 },
      },
    });
    expect(blocked.reply).toBeNull();
    expect(await linkOf(billing.userId)).toMatchObject({ status: 'inactive' });
    expect((await handleUpdate(t.db, textUpdate('/start'))).reply?.text).toBe(botTexts.welcomeBack);
    expect(await linkOf(billing.userId)).toMatchObject({ status: 'active', lastError: null });
  });
});

describe('panel actions', () => {
  it('shows eligibility, the link and whom to ask', async () => {
    const forSubscriber = await getTelegramPanel(t.db, { accountId: acc.accountId, userId: subscriber.userId });
    expect(forSubscriber.eligibility).toMatchObject({ allowed: false, code: 'subscriber_role' });
    expect(forSubscriber.managers.map((m) => m.name).sort()).toEqual([acc.owner.name, 'Ursula Useradmin'].sort());
    const forBilling = await getTelegramPanel(t.db, { accountId: acc.accountId, userId: billing.userId });
    expect(forBilling).toMatchObject({ eligibility: { allowed: true }, link: null });
    await expect(getTelegramPanel(t.db, { accountId: other.accountId, userId: billing.userId })).rejects.toBeInstanceOf(DomainError);
  });

  it('Disconnect removes the link, writes the audit entry and tells the chat', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    const pending = await newToken();
    const result = await disconnectTelegram(t.db, { accountId: acc.accountId, userId: billing.userId, meta, client: client() });
    expect(result).toEqual({ disconnected: true });
    expect(await linkOf(billing.userId)).toBeNull();
    expect(telegram.messages).toMatchObject([{ chatId: bianca.id, text: expect.stringMatching(/now off/) }]);
    expect(await auditOf('telegram.disconnected')).toMatchObject([{ actorUserId: billing.userId, ip: meta.ip, details: { via: 'panel' } }]);
    // A code still on screen no longer links anything.
    expect((await handleUpdate(t.db, textUpdate(`/start ${pending.token}`))).reply?.text).toBe(botTexts.invalidToken);
    // Again: nothing to do, no second entry.
    expect(await disconnectTelegram(t.db, { accountId: acc.accountId, userId: billing.userId, meta, client: client() })).toEqual({
      disconnected: false,
    });
    expect(await auditOf('telegram.disconnected')).toHaveLength(1);
  });

  it('Disconnect works even when the bot is blocked', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    telegram.blockChat(bianca.id);
    expect(await disconnectTelegram(t.db, { accountId: acc.accountId, userId: billing.userId, meta, client: client() })).toEqual({
      disconnected: true,
    });
    expect(await linkOf(billing.userId)).toBeNull();
  });

  it('Send test message reaches the chat, waiting out a 429', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    telegram.rateLimitNext(1, 1);
    const waits: number[] = [];
    const patient = botApiClient({ token: telegram.token, baseUrl: telegram.url, sleep: async (ms) => void waits.push(ms) });
    await sendTestMessage(t.db, { accountId: acc.accountId, userId: billing.userId, client: patient });
    expect(waits).toEqual([1000]);
    expect(telegram.messages).toMatchObject([{ chatId: bianca.id, text: expect.stringContaining('Test message from Nimbus Cloud') }]);
  });

  it('a 403 on Send test message marks the link inactive, and the panel asks to reconnect', async () => {
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    telegram.blockNext(1);
    const error = await domainError(sendTestMessage(t.db, { accountId: acc.accountId, userId: billing.userId, client: client() }));
    expect(error.message).toMatch(/Reconnect/);
    expect(await linkOf(billing.userId)).toMatchObject({ status: 'inactive', lastError: 'Forbidden: bot was blocked by the user' });
    expect(await getTelegramStatus(t.db, { accountId: acc.accountId, userId: billing.userId })).toMatchObject({ status: 'inactive' });
    // While inactive nothing more is sent.
    await domainError(sendTestMessage(t.db, { accountId: acc.accountId, userId: billing.userId, client: client() }));
    expect(telegram.calls('sendMessage')).toHaveLength(1);
    // Reconnecting with a new code makes it active again.
    await handleUpdate(t.db, textUpdate(`/start ${(await newToken()).token}`));
    expect(await linkOf(billing.userId)).toMatchObject({ status: 'active', lastError: null, deactivatedAt: null });
  });

  it('refuses a test message to someone not eligible here', async () => {
    expect((await domainError(sendTestMessage(t.db, { accountId: acc.accountId, userId: subscriber.userId, client: client() }))).code).toBe('forbidden');
    expect(telegram.requests).toHaveLength(0);
  });
});

describe('one chat for all of a person’s accounts (issue 21)', () => {
  // Bianca Billing is also a Billing Administrator of Acme, where she is not subscribed to Balance
  // and payments; Nadia, subscribed nowhere, is an Account Administrator there too.
  let acme: CreatedAccount;
  beforeAll(async () => {
    acme = await createAccount(t.db, {
      name: 'Acme',
      members: [
        { role: 'billing_admin', userId: billing.userId },
        { role: 'account_admin', userId: unsubscribed.userId },
        { role: 'subscriber', userId: admin.userId },
      ],
    });
  });
  const fromAcme = (member: CreatedMember) => createLinkToken(t.db, { accountId: acme.accountId, userId: member.userId, botUsername: BOT });

  it('connects from an account that does not deliver, and the panel says which accounts do', async () => {
    const panel = await getTelegramPanel(t.db, { accountId: acme.accountId, userId: billing.userId });
    expect(panel).toMatchObject({
      accountName: 'Acme',
      deliversHere: false,
      eligibility: { allowed: true, deliversFor: [{ accountId: acc.accountId, accountName: 'Northwind' }] },
    });
    const { token } = await fromAcme(billing);
    const outcome = await handleUpdate(t.db, textUpdate(`/start ${token}`));
    expect(outcome.reply?.text).toBe(botTexts.linked('Northwind'));
    expect(await linkOf(billing.userId)).toMatchObject({ chatId: bianca.id, status: 'active' });
    // The audit entry goes to the account the code was made in.
    expect(await auditOf('telegram.connected', acme.accountId)).toHaveLength(1);
    expect(await auditOf('telegram.connected', acc.accountId)).toHaveLength(0);
    // The test message names the accounts that deliver, not the one it was sent from.
    await sendTestMessage(t.db, { accountId: acme.accountId, userId: billing.userId, client: client() });
    expect(telegram.messages.at(-1)?.text).toContain('Balance and payments notifications of Northwind will arrive in this chat.');
  });

  it('is the same answer from every account of the person; a Subscriber here may connect when eligible elsewhere', async () => {
    const fromNorthwind = await getTelegramPanel(t.db, { accountId: acc.accountId, userId: billing.userId });
    expect(fromNorthwind).toMatchObject({ deliversHere: true, eligibility: { allowed: true, deliversFor: [{ accountName: 'Northwind' }] } });
    // Adam is subscribed in Northwind and a Subscriber in Acme.
    expect(await getTelegramPanel(t.db, { accountId: acme.accountId, userId: admin.userId })).toMatchObject({
      role: 'subscriber',
      deliversHere: false,
      eligibility: { allowed: true },
    });
    expect((await fromAcme(admin)).token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('still refuses someone subscribed in none of their accounts, from every one of them', async () => {
    for (const accountId of [acc.accountId, acme.accountId]) {
      const error = await domainError(createLinkToken(t.db, { accountId, userId: unsubscribed.userId, botUsername: BOT }));
      expect(error.message).toMatch(/not subscribed to Balance and payments in any of your accounts/);
    }
    expect(await t.db.select().from(telegramLinkTokens).where(eq(telegramLinkTokens.userId, unsubscribed.userId))).toHaveLength(0);
  });

  it('re-checks at /start: unsubscribed everywhere after making the code, nothing is linked', async () => {
    const { token } = await fromAcme(billing);
    await t.db.delete(subscriptions).where(and(eq(subscriptions.userId, billing.userId), eq(subscriptions.category, 'balance_payments')));
    try {
      const outcome = await handleUpdate(t.db, textUpdate(`/start ${token}`));
      expect(outcome.reply?.text).toMatch(/can’t be connected/);
      expect(await linkOf(billing.userId)).toBeNull();
    } finally {
      await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: billing.userId, category: 'balance_payments' });
    }
  });
});
