import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { accounts, notifications } from '@/db/schema';
import { getCategory } from '@/lib/notifications/catalog';
import { TelegramApiError, TelegramBlockedError, type TelegramClient } from '@/lib/telegram/client';
import { deactivateLink } from '@/lib/telegram/links';
import { claim, recordFailure, recordFault, recordSent, type ChunkOutcome } from './attempt';
import type { EmailDeliveryConfig } from './email';
import { backoffDelay } from './retry-policy';
import type { NotificationContent } from './publish-schema';
import { acquireSendSlot, pauseSends, type RatePolicy } from './rate-limit';
import { queryRows } from '@/db';

export type TelegramDeliveryConfig = {
  client: TelegramClient;
  /** The whole bot: Telegram allows about 30 messages a second. */
  rate: RatePolicy;
  /** One chat: about one message a second. */
  perChatRate: RatePolicy;
  maxAttempts: number;
  backoff: EmailDeliveryConfig['backoff'];
};

export const defaultTelegramRates = {
  rate: { limit: 30, windowMs: 1000, marginMs: 25 },
  perChatRate: { limit: 1, windowMs: 1000, marginMs: 25 },
} satisfies Pick<TelegramDeliveryConfig, 'rate' | 'perChatRate'>;

/** The chat message of a notification: plain text (no parse mode), so nothing in it is markup. */
export function telegramText(n: { accountName: string; categoryTitle: string; subject: string; content: NotificationContent }) {
  const lines = [`🔔 ${n.categoryTitle} · ${n.accountName}`, '', n.subject];
  if (n.content.summary) lines.push('', n.content.summary);
  const data = Object.entries(n.content.data ?? {});
  if (data.length) lines.push('', ...data.map(([k, v]) => `${k.replace(/[_-]+/g, ' ')}: ${v}`));
  if (n.content.action) lines.push('', `${n.content.action.label}: ${n.content.action.url}`);
  return lines.join('\n').slice(0, 4000);
}

type Row = { id: string; address: string; status: string; attempts: number };

/** Telegram has no idempotency key: a message that may have arrived is never sent again on its own. */
export const OUTCOME_UNKNOWN_STOPPED =
  'Outcome unknown: the worker stopped while sending. Not resent automatically to avoid a duplicate; retry it if needed.';
export const outcomeUnknown = (reason: string) => `Outcome unknown: ${reason}. Not resent automatically to avoid a duplicate; retry it if needed.`;

/**
 * Sends a chunk of a notification's Telegram deliveries, one message at a
 * time within the bot-wide and per-chat rates shared by all workers.
 *
 * Telegram has no idempotency key, so the only unsafe moment is between the
 * request and recording its answer. A delivery found still `sending` (its
 * worker died right there), or whose request got no answer (a time-out, a
 * dropped connection), is not sent again — it would risk a duplicate — but
 * marked failed with the reason, so the delivery log shows it and it can be
 * retried by hand.
 */
export async function deliverTelegramChunk(db: Db, job: { notificationId: string; chunk: number }, config: TelegramDeliveryConfig): Promise<ChunkOutcome> {
  const rows = await queryRows<Row>(db, sql`
    select id::text, address, status, attempts from deliveries
    where notification_id = ${job.notificationId} and channel = 'telegram' and chunk = ${job.chunk}
      and status in ('queued', 'sending')
    order by id`);
  if (rows.length === 0) return { done: true };

  const [n] = await db
    .select({ subject: notifications.subject, content: notifications.content, category: notifications.category, accountName: accounts.name })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.accountId))
    .where(eq(notifications.id, job.notificationId));
  if (!n.category) throw new Error(`notification ${job.notificationId} is an event: events are not sent to Telegram`);
  const text = telegramText({ ...n, categoryTitle: getCategory(n.category).title, content: n.content as NotificationContent });

  for (const row of rows) {
    if (row.status === 'sending') {
      await recordFailure(db, [row.id], { message: OUTCOME_UNKNOWN_STOPPED, final: true, countAttempt: false });
      continue;
    }
    const chatId = Number(row.address);
    await acquireSendSlot(db, `telegram:chat:${chatId}`, config.perChatRate);
    await acquireSendSlot(db, 'telegram', config.rate);
    if ((await claim(db, [row.id], { fromSending: false })).length === 0) continue;
    try {
      const { messageId } = await config.client.sendMessage(chatId, text);
      await recordSent(db, [{ id: row.id, providerId: String(messageId) }]);
    } catch (error) {
      if (error instanceof TelegramBlockedError) {
        await recordFailure(db, [row.id], { message: error.message, final: true });
        await deactivateLink(db, { chatId, error: error.message });
        continue;
      }
      if (!(error instanceof TelegramApiError)) throw error;
      if (error.outcomeUnknown) {
        await recordFailure(db, [row.id], { message: outcomeUnknown(error.message), final: true });
        return { done: false, retryInMs: backoffDelay(row.attempts + 1, config.backoff) };
      }
      const outcome = await recordFault(db, [row.id], { message: error.message, retryable: error.retryable }, config);
      if (outcome.done) continue;
      if (error.retryAfterSeconds) {
        await pauseSends(db, 'telegram', error.retryAfterSeconds * 1000);
        return { done: false, retryInMs: error.retryAfterSeconds * 1000 };
      }
      return outcome;
    }
  }
  return { done: true };
}
