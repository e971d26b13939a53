// Linking a person's Telegram chat: one chat per person, serving all of their
// accounts. Eligibility is the person's (lib/notifications/rules.ts), whichever
// account they connect from, and is checked again here, on the server, whenever
// a link is made or used.
import { and, desc, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { listSubscriptionManagers } from '@/db/queries/subscriptions';
import { accounts, memberships, subscriptions, telegramLinks, telegramLinkTokens } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { NOT_A_MEMBER, requireMembership } from '@/lib/membership';
import { getCategory } from '@/lib/notifications/catalog';
import {
  MANAGER_ROLES,
  TELEGRAM_CATEGORY,
  telegramDeliversIn,
  telegramEligibility,
  type TelegramDecision,
  type TelegramMembership,
} from '@/lib/notifications/rules';
import { TelegramApiError, TelegramBlockedError, type TelegramClient } from './client';
import { generateLinkToken, hashLinkToken, isWellFormedLinkToken, LINK_TOKEN_TTL_SECONDS, telegramDeepLink } from './tokens';

/** How a change made from Telegram itself shows in the audit log's "From" column. */
const fromTelegram: RequestMeta = { ip: null, userAgent: 'Telegram bot' };

/** Every open account of the person, with their role and whether they are subscribed to Balance and payments there. */
function loadTelegramMemberships(tx: Tx, params: { userId: string }): Promise<TelegramMembership[]> {
  return tx
    .select({
      accountId: memberships.accountId,
      accountName: accounts.name,
      role: memberships.role,
      subscribedToBalance: sql<boolean>`exists (
        select 1 from ${subscriptions}
        where ${subscriptions.accountId} = ${memberships.accountId}
          and ${subscriptions.userId} = ${memberships.userId}
          and ${subscriptions.category} = ${TELEGRAM_CATEGORY})`,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, params.userId), isNull(accounts.closedAt)));
}

/**
 * The member's role in this account, whether its Balance and payments reach the chat, and the
 * person's eligibility over all their accounts; not_found for strangers to the account.
 */
async function loadMember(tx: Tx, params: { accountId: string; userId: string }) {
  await requireMembership(tx, params);
  const all = await loadTelegramMemberships(tx, params);
  const here = all.find((m) => m.accountId === params.accountId);
  // The gate above found the membership in this transaction, so it is among the person's open accounts.
  if (!here) throw new DomainError('not_found', NOT_A_MEMBER);
  return {
    role: here.role,
    accountName: here.accountName,
    deliversHere: telegramDeliversIn(here),
    eligibility: telegramEligibility(all),
  };
}

async function requireEligible(tx: Tx, params: { accountId: string; userId: string }) {
  const member = await loadMember(tx, params);
  if (!member.eligibility.allowed) throw new DomainError('forbidden', member.eligibility.reason);
  return member;
}

function linkView(link: typeof telegramLinks.$inferSelect | undefined) {
  if (!link) return null;
  return {
    username: link.username,
    firstName: link.firstName,
    status: link.status,
    linkedAt: link.linkedAt,
    deactivatedAt: link.deactivatedAt,
  };
}
export type TelegramLinkView = NonNullable<ReturnType<typeof linkView>>;

/** "@name", or the first name when the Telegram user has no username. */
export function telegramDisplayName(link: { username: string | null; firstName: string | null }): string {
  return link.username ? `@${link.username}` : (link.firstName ?? 'your Telegram account');
}

// ---------------------------------------------------------------------------
// Panel side
// ---------------------------------------------------------------------------

/**
 * Everything the panel's Telegram block shows: the person's eligibility and the accounts the
 * chat delivers for, whether this account is one of them, the person's link, and whom to ask.
 */
export async function getTelegramPanel(db: Db, params: { accountId: string; userId: string }) {
  const [member, [link], managers] = await Promise.all([
    loadMember(db, params),
    db.select().from(telegramLinks).where(eq(telegramLinks.userId, params.userId)),
    listSubscriptionManagers(db, { accountId: params.accountId, roles: MANAGER_ROLES }),
  ]);
  return {
    role: member.role,
    accountName: member.accountName,
    deliversHere: member.deliversHere,
    eligibility: member.eligibility as TelegramDecision,
    link: linkView(link),
    managers: managers.filter((m) => m.userId !== params.userId),
  };
}

/** "Northwind Labs", "Acme Corp and Northwind Labs", "A, B and C". */
export function accountList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A fresh single-use link token for an eligible member, valid for ten
 * minutes. Earlier unused tokens of the person stop working ("Get a new code").
 */
export async function createLinkToken(db: Db, params: { accountId: string; userId: string; botUsername: string }) {
  const token = generateLinkToken();
  const expiresAt = await db.transaction(async (tx) => {
    await requireEligible(tx, params);
    await tx
      .delete(telegramLinkTokens)
      .where(and(eq(telegramLinkTokens.userId, params.userId), isNull(telegramLinkTokens.usedAt)));
    // Housekeeping: nobody can use these any more.
    await tx
      .delete(telegramLinkTokens)
      .where(and(isNull(telegramLinkTokens.usedAt), lt(telegramLinkTokens.expiresAt, sql`now() - interval '1 day'`)));
    const [row] = await tx
      .insert(telegramLinkTokens)
      .values({
        tokenHash: hashLinkToken(token),
        userId: params.userId,
        accountId: params.accountId,
        // The database clock decides expiry, the same clock that checks it.
        expiresAt: sql`now() + make_interval(secs => ${LINK_TOKEN_TTL_SECONDS})`,
      })
      .returning({ expiresAt: telegramLinkTokens.expiresAt });
    return row.expiresAt;
  });
  return { token, link: telegramDeepLink(params.botUsername, token), expiresAt, ttlSeconds: LINK_TOKEN_TTL_SECONDS };
}

/** What the page polls while the QR code is shown. */
export async function getTelegramStatus(db: Db, params: { accountId: string; userId: string }) {
  await loadMember(db, params);
  const [link] = await db.select().from(telegramLinks).where(eq(telegramLinks.userId, params.userId));
  return linkView(link);
}

/**
 * Removes the person's link (all accounts: it is one chat per person), writes
 * the audit entry in this account, and tells the chat afterwards.
 */
export async function disconnectTelegram(
  db: Db,
  params: { accountId: string; userId: string; meta: RequestMeta; client: TelegramClient },
): Promise<{ disconnected: boolean }> {
  const removed = await db.transaction(async (tx) => {
    await loadMember(tx, params);
    await tx
      .delete(telegramLinkTokens)
      .where(and(eq(telegramLinkTokens.userId, params.userId), isNull(telegramLinkTokens.usedAt)));
    const [link] = await tx
      .delete(telegramLinks)
      .where(eq(telegramLinks.userId, params.userId))
      .returning({ chatId: telegramLinks.chatId, username: telegramLinks.username, status: telegramLinks.status });
    if (!link) return null;
    await recordAudit(tx, [
      {
        accountId: params.accountId,
        actorUserId: params.userId,
        action: 'telegram.disconnected',
        targetUserId: params.userId,
        details: { via: 'panel', telegramUsername: link.username },
        meta: params.meta,
      },
    ]);
    return link;
  });
  if (!removed) return { disconnected: false };
  if (removed.status === 'active') {
    // Best effort: the link is gone either way, and a blocked bot cannot say goodbye.
    await params.client
      .sendMessage(
        removed.chatId,
        'Telegram notifications from Nimbus Cloud are now off: you disconnected this chat in the control panel. Connect again from Account Notifications at any time.',
      )
      .catch(() => {});
  }
  return { disconnected: true };
}

/** Sends a test message to the person's chat; a 403 marks the link inactive so the panel asks to reconnect. */
export async function sendTestMessage(
  db: Db,
  params: { accountId: string; userId: string; client: TelegramClient },
): Promise<{ username: string | null; firstName: string | null }> {
  const eligibility = (await requireEligible(db, params)).eligibility;
  const deliversFor = eligibility.allowed ? eligibility.deliversFor.map((a) => a.accountName) : [];
  const [link] = await db.select().from(telegramLinks).where(eq(telegramLinks.userId, params.userId));
  if (!link) throw new DomainError('not_found', 'Telegram is not connected. Choose Connect first.');
  if (link.status !== 'active') {
    throw new DomainError('conflict', 'Telegram stopped accepting messages from the bot. Reconnect to receive notifications again.');
  }
  const text = [
    'Test message from Nimbus Cloud',
    '',
    `${getCategory(TELEGRAM_CATEGORY).title} notifications of ${accountList(deliversFor)} will arrive in this chat.`,
  ].join('\n');
  try {
    await params.client.sendMessage(link.chatId, text);
  } catch (error) {
    if (error instanceof TelegramBlockedError) {
      await deactivateLink(db, { chatId: link.chatId, error: error.description });
      throw new DomainError('conflict', 'Telegram stopped accepting messages from the bot (it was blocked or the chat was deleted). Reconnect to receive notifications again.');
    }
    if (error instanceof TelegramApiError) {
      throw new DomainError('conflict', 'Telegram did not take the message just now. Try again in a minute.');
    }
    throw error;
  }
  await db
    .update(telegramLinks)
    .set({ lastError: null })
    .where(and(eq(telegramLinks.chatId, link.chatId), isNotNull(telegramLinks.lastError)));
  return { username: link.username, firstName: link.firstName };
}

// ---------------------------------------------------------------------------
// Telegram side (called from the webhook and the simulator, inside the
// transaction that records the update id)
// ---------------------------------------------------------------------------

export type TelegramSender = { chatId: number; username: string | null; firstName: string | null };

export type ConsumeResult =
  | {
      status: 'linked';
      userId: string;
      accountId: string;
      accountName: string;
      /** The accounts whose Balance and payments the chat now receives, by name. */
      deliversFor: string[];
      previousChatId: number | null;
      movedFromUserId: string | null;
    }
  | { status: 'invalid' }
  | { status: 'not_eligible'; reason: string };

/**
 * `/start <token>`: uses the token (once, before it expires) and links the
 * chat to the token's person. The chat moves if it was someone else's; the
 * person's previous chat, if any, is replaced.
 */
export async function consumeLinkToken(tx: Tx, params: { token: string } & TelegramSender): Promise<ConsumeResult> {
  if (!isWellFormedLinkToken(params.token)) return { status: 'invalid' };
  const [token] = await tx
    .update(telegramLinkTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(telegramLinkTokens.tokenHash, hashLinkToken(params.token)),
        isNull(telegramLinkTokens.usedAt),
        sql`${telegramLinkTokens.expiresAt} > now()`,
      ),
    )
    .returning({ userId: telegramLinkTokens.userId, accountId: telegramLinkTokens.accountId });
  if (!token) return { status: 'invalid' };

  // Re-checked: the person may have been unsubscribed or changed role since the code was made.
  const member = await loadMember(tx, token).catch((error: unknown) => {
    if (error instanceof DomainError) return null;
    throw error;
  });
  if (!member) return { status: 'not_eligible', reason: 'You are no longer a member of that account.' };
  if (!member.eligibility.allowed) return { status: 'not_eligible', reason: member.eligibility.reason };
  const deliversFor = member.eligibility.deliversFor.map((a) => a.accountName);

  const [moved] = await tx
    .delete(telegramLinks)
    .where(and(eq(telegramLinks.chatId, params.chatId), ne(telegramLinks.userId, token.userId)))
    .returning({ userId: telegramLinks.userId });
  const [previous] = await tx
    .select({ chatId: telegramLinks.chatId })
    .from(telegramLinks)
    .where(eq(telegramLinks.userId, token.userId))
    .for('update');
  const values = {
    chatId: params.chatId,
    username: params.username,
    firstName: params.firstName,
    status: 'active' as const,
    linkedAt: sql`now()`,
    deactivatedAt: null,
    lastError: null,
  };
  await tx
    .insert(telegramLinks)
    .values({ userId: token.userId, ...values })
    .onConflictDoUpdate({ target: telegramLinks.userId, set: values });
  const previousChatId = previous && previous.chatId !== params.chatId ? previous.chatId : null;
  await recordAudit(tx, [
    {
      accountId: token.accountId,
      actorUserId: token.userId,
      action: 'telegram.connected',
      targetUserId: token.userId,
      details: { via: 'telegram', telegramUsername: params.username, replacedChat: previousChatId !== null },
      meta: fromTelegram,
    },
  ]);
  return {
    status: 'linked',
    userId: token.userId,
    accountId: token.accountId,
    accountName: member.accountName,
    deliversFor,
    previousChatId,
    movedFromUserId: moved?.userId ?? null,
  };
}

/** `/stop` in the chat: unlinks it. The audit entry goes to the account the link was made from. */
export async function unlinkChat(tx: Tx, params: { chatId: number }): Promise<{ userId: string } | null> {
  const [link] = await tx
    .delete(telegramLinks)
    .where(eq(telegramLinks.chatId, params.chatId))
    .returning({ userId: telegramLinks.userId, username: telegramLinks.username });
  if (!link) return null;
  const [origin] = await tx
    .select({ accountId: telegramLinkTokens.accountId })
    .from(telegramLinkTokens)
    .where(and(eq(telegramLinkTokens.userId, link.userId), isNotNull(telegramLinkTokens.usedAt)))
    .orderBy(desc(telegramLinkTokens.usedAt))
    .limit(1);
  if (origin) {
    await recordAudit(tx, [
      {
        accountId: origin.accountId,
        actorUserId: link.userId,
        action: 'telegram.disconnected',
        targetUserId: link.userId,
        details: { via: 'telegram', telegramUsername: link.username },
        meta: fromTelegram,
      },
    ]);
  }
  return { userId: link.userId };
}

/** After a 403 (or the user blocking the bot): keep the link but stop sending; the panel asks to reconnect. */
export async function deactivateLink(db: Tx, params: { chatId: number; error: string }) {
  const rows = await db
    .update(telegramLinks)
    .set({ status: 'inactive', deactivatedAt: sql`now()`, lastError: params.error.slice(0, 500) })
    .where(and(eq(telegramLinks.chatId, params.chatId), eq(telegramLinks.status, 'active')))
    .returning({ userId: telegramLinks.userId });
  return { deactivated: rows.length > 0 };
}

/** The linked person of a chat, if any (for `/start` without a token). */
export async function findLinkByChat(tx: Tx, params: { chatId: number }) {
  const [link] = await tx.select().from(telegramLinks).where(eq(telegramLinks.chatId, params.chatId));
  return link ?? null;
}

/** The person wrote to the bot again after blocking it: the same chat works again. */
export async function reactivateChat(tx: Tx, params: TelegramSender) {
  await tx
    .update(telegramLinks)
    .set({ status: 'active', deactivatedAt: null, lastError: null, username: params.username, firstName: params.firstName })
    .where(eq(telegramLinks.chatId, params.chatId));
}
