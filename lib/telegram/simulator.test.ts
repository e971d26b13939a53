// The local simulator against a real PostgreSQL: the same handleUpdate as the
// webhook, with the bot's answers stored for /dev/telegram.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { subscriptions, telegramLinks, telegramSimMessages, telegramUpdates } from '@/db/schema';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { createLinkToken } from './links';
import { listSimulatedChats, listSimulatedMessages, sendAsSimulatedUser, suggestSimulatedUser } from './simulator';
import { botTexts } from './updates';

const t = setupTestDatabase();
let acc: CreatedAccount;

beforeAll(async () => {
  acc = await createAccount(t.db, { name: 'Northwind', members: [{ role: 'billing_admin', name: 'Bianca Billing' }] });
  await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: acc.members[0].userId, category: 'balance_payments' });
});

describe('Telegram simulator', () => {
  it('suggests a Telegram user resembling the person who asked for the code, with a stable chat id', async () => {
    const { token } = await createLinkToken(t.db, { accountId: acc.accountId, userId: acc.members[0].userId, botUsername: 'Bot' });
    const suggested = await suggestSimulatedUser(t.db, { token });
    expect(suggested).toMatchObject({ username: 'bianca_billing', firstName: 'Bianca' });
    expect(await suggestSimulatedUser(t.db, { token })).toEqual(suggested);
    expect(await suggestSimulatedUser(t.db, { token: 'unknown_token_unknown_token_unknown_token' })).toBeNull();
    expect(await suggestSimulatedUser(t.db, { token: 'not a token' })).toBeNull();
  });

  it('sends /start <token> through the bot, links the chat and stores both sides of the conversation', async () => {
    const { token } = await createLinkToken(t.db, { accountId: acc.accountId, userId: acc.members[0].userId, botUsername: 'Bot' });
    const user = (await suggestSimulatedUser(t.db, { token }))!;
    const outcome = await sendAsSimulatedUser(t.db, { ...user, text: `/start ${token}` });
    expect(outcome.reply?.text).toBe(botTexts.linked('Northwind'));

    const [link] = await t.db.select().from(telegramLinks).where(eq(telegramLinks.userId, acc.members[0].userId));
    expect(link).toMatchObject({ chatId: user.chatId, username: 'bianca_billing', status: 'active' });
    const messages = await listSimulatedMessages(t.db, { chatId: user.chatId, limit: 10 });
    expect(messages.map((m) => [m.direction, m.text])).toEqual([
      ['from_user', `/start ${token}`],
      ['from_bot', botTexts.linked('Northwind')],
    ]);
    // Simulated updates use negative ids: Telegram's are positive.
    const updates = await t.db.select().from(telegramUpdates);
    expect(updates.every((u) => u.updateId < 0)).toBe(true);
    expect(await suggestSimulatedUser(t.db, { token })).toBeNull(); // used

    const chats = await listSimulatedChats(t.db, { limit: 10 });
    expect(chats[0]).toMatchObject({ chatId: user.chatId, linkedTo: 'Bianca Billing', messages: 2, lastText: botTexts.linked('Northwind') });

    await sendAsSimulatedUser(t.db, { ...user, text: '/stop' });
    expect(await t.db.select().from(telegramLinks)).toHaveLength(0);
    const all = await t.db.select().from(telegramSimMessages).where(eq(telegramSimMessages.chatId, user.chatId));
    expect(all.at(-1)).toMatchObject({ direction: 'from_bot', text: botTexts.stopped });
  });
});
