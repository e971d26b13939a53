// The local Telegram simulator (no bot token): a person "types" into the bot
// chat at /dev/telegram; the message goes through the same handleUpdate as a
// real webhook update, and the bot's answers land in telegram_sim_messages.
import { createHash } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { telegramLinks, telegramLinkTokens, telegramSimMessages, users } from '@/db/schema';
import { simulatorClient } from './client';
import { hashLinkToken, isWellFormedLinkToken } from './tokens';
import { handleUpdate } from './updates';

export type SimulatedUser = { chatId: number; username: string | null; firstName: string };

export const DEFAULT_SIMULATED_USER: SimulatedUser = { chatId: 700_000_001, username: 'nimbus_tester', firstName: 'Tess' };

/**
 * Sends `text` as the simulated Telegram user. Simulated updates get negative
 * ids (the simulator message's id, negated), so they can never collide with
 * Telegram's own, which are positive.
 */
export async function sendAsSimulatedUser(db: Db, params: SimulatedUser & { text: string }) {
  const [row] = await db
    .insert(telegramSimMessages)
    .values({ chatId: params.chatId, direction: 'from_user', text: params.text })
    .returning({ id: telegramSimMessages.id, createdAt: telegramSimMessages.createdAt });
  const person = {
    id: params.chatId,
    first_name: params.firstName,
    ...(params.username ? { username: params.username } : {}),
  };
  const outcome = await handleUpdate(db, {
    update_id: -row.id,
    message: {
      message_id: row.id,
      date: Math.floor(row.createdAt.getTime() / 1000),
      chat: { ...person, type: 'private' },
      from: { ...person, is_bot: false },
      text: params.text,
    },
  });
  const bot = simulatorClient(db);
  for (const message of [outcome.reply, ...outcome.followUps]) {
    if (message) await bot.sendMessage(message.chatId, message.text);
  }
  return outcome;
}

/** Chats with simulator traffic, newest first, with the person each is linked to. */
export async function listSimulatedChats(db: Tx, params: { limit: number }) {
  const recent = db
    .select({
      chatId: telegramSimMessages.chatId,
      lastId: sql<number>`max(${telegramSimMessages.id})`.as('last_id'),
      messages: sql<number>`count(*)::int`.as('messages'),
    })
    .from(telegramSimMessages)
    .groupBy(telegramSimMessages.chatId)
    .as('recent');
  return db
    .select({
      chatId: recent.chatId,
      messages: recent.messages,
      lastText: telegramSimMessages.text,
      lastAt: telegramSimMessages.createdAt,
      username: telegramLinks.username,
      firstName: telegramLinks.firstName,
      linkStatus: telegramLinks.status,
      linkedTo: users.name,
    })
    .from(recent)
    .innerJoin(telegramSimMessages, eq(telegramSimMessages.id, recent.lastId))
    .leftJoin(telegramLinks, eq(telegramLinks.chatId, recent.chatId))
    .leftJoin(users, eq(users.id, telegramLinks.userId))
    .orderBy(desc(recent.lastId))
    .limit(params.limit);
}

/** One chat's conversation, oldest first (the newest `limit`). */
export async function listSimulatedMessages(db: Tx, params: { chatId: number; limit: number }) {
  const rows = await db
    .select()
    .from(telegramSimMessages)
    .where(eq(telegramSimMessages.chatId, params.chatId))
    .orderBy(desc(telegramSimMessages.id))
    .limit(params.limit);
  return rows.reverse();
}

/** The person a chat is linked to, for the conversation header. */
export async function findSimulatedChatLink(db: Tx, params: { chatId: number }) {
  const [row] = await db
    .select({ username: telegramLinks.username, firstName: telegramLinks.firstName, status: telegramLinks.status, name: users.name })
    .from(telegramLinks)
    .innerJoin(users, eq(users.id, telegramLinks.userId))
    .where(eq(telegramLinks.chatId, params.chatId));
  return row ?? null;
}

/** "Bianca Billing" → "bianca_billing": a plausible Telegram username (5–32 characters). */
function usernameFor(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .replace(/^[^a-z]+/, '');
  return (base.length >= 5 ? base : `${base || 'user'}_tg_user`).slice(0, 32);
}

/**
 * Opened from the panel with `?start=<token>`: a simulated Telegram user that
 * looks like the person who asked for the code, always with the same chat id,
 * so the demo flow is one click. Null when the token is not a pending one.
 */
export async function suggestSimulatedUser(db: Tx, params: { token: string }): Promise<SimulatedUser | null> {
  if (!isWellFormedLinkToken(params.token)) return null;
  const [row] = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(telegramLinkTokens)
    .innerJoin(users, eq(users.id, telegramLinkTokens.userId))
    .where(
      and(
        eq(telegramLinkTokens.tokenHash, hashLinkToken(params.token)),
        isNull(telegramLinkTokens.usedAt),
        gt(telegramLinkTokens.expiresAt, sql`now()`),
      ),
    );
  if (!row) return null;
  const name = row.name ?? row.email.split('@')[0];
  const seed = createHash('sha256').update(row.userId).digest().readUInt32BE(0);
  return { chatId: 710_000_000 + (seed % 90_000_000), username: usernameFor(name), firstName: name.split(/\s+/)[0] };
}

