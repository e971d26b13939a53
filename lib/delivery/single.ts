import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { getCategory } from '@/lib/notifications/catalog';
import { TelegramApiError, TelegramBlockedError, type TelegramClient } from '@/lib/telegram/client';
import { deactivateLink } from '@/lib/telegram/links';
import { MailSendError } from '@/lib/mail/transport';
import { composeEventEmail } from '@/lib/events/deliver';
import { composeEmails, type EmailDeliveryConfig } from './email';
import type { NotificationContent } from './publish-schema';
import { claim, recordFailure, recordSent } from './attempt';
import { acquireSendSlot, pauseSends } from './rate-limit';
import { defaultTelegramRates, telegramText } from './telegram';
import { queryRows } from '@/db';

type Row = {
  id: string;
  notification_id: string;
  kind: 'category' | 'event';
  channel: 'email' | 'telegram' | 'in_app';
  address: string;
  recipient_name: string | null;
  status: string;
  attempts: number;
  is_owner: boolean | null;
};

/**
 * Sends one delivery that someone retried from the delivery log. The
 * idempotency key names the attempt, so a re-run of this job after a crash
 * is the identical request, while a later retry is a new one.
 * Throws to have the queue try again (5xx, 429, time-outs).
 */
export async function deliverOne(
  db: Db,
  deliveryId: number,
  deps: { email: Pick<EmailDeliveryConfig, 'transport' | 'from' | 'appUrl' | 'rate'>; telegram: TelegramClient; finalAttempt: boolean },
): Promise<void> {
  const [row] = await queryRows<Row>(db, sql`
    select d.id::text, d.notification_id, n.kind, d.channel, d.address, d.recipient_name, d.status, d.attempts, (m.role = 'owner') as is_owner
    from deliveries d
    join notifications n on n.id = d.notification_id
    left join memberships m on m.account_id = d.account_id and m.user_id = d.user_id
    where d.id = ${deliveryId}`);
  if (!row || (row.status !== 'queued' && row.status !== 'sending')) return;
  // This job is retried by the queue itself (RetryPolicy.manualRetryMaxAttempts): a
  // failure that is not final goes back to `queued`, and the job throws to be run again.
  const done = (providerId: string) => recordSent(db, [{ id: deliveryId, providerId }]);
  const failed = (message: string, final: boolean) => recordFailure(db, [deliveryId], { message, final });
  if ((await claim(db, [deliveryId])).length === 0) return;

  if (row.channel === 'email') {
    // A retried event delivery is the event's e-mail again, to this one address.
    const [mail] =
      row.kind === 'event'
        ? [await composeEventEmail(db, row.notification_id, new Set([row.address]), deps.email)]
        : await composeEmails(db, row.notification_id, [row], deps.email);
    await acquireSendSlot(db, `email:${deps.email.transport.name}`, deps.email.rate);
    try {
      const { providerMessageId } = await deps.email.transport.send({ ...mail, idempotencyKey: `delivery:${row.id}:attempt:${row.attempts}` });
      await done(providerMessageId);
    } catch (error) {
      if (!(error instanceof MailSendError)) throw error;
      if (error.status === 429) await pauseSends(db, `email:${deps.email.transport.name}`, error.retryAfterMs ?? 1000);
      const final = !error.retryable || deps.finalAttempt;
      await failed(error.message, final);
      if (!final) throw error;
    }
    return;
  }

  if (row.channel === 'telegram') {
    const [n] = await queryRows<{ subject: string; content: NotificationContent; category: Parameters<typeof getCategory>[0]; account_name: string }>(db, sql`
      select n.subject, n.content, n.category, a.name as account_name from notifications n join accounts a on a.id = n.account_id
      where n.id = ${row.notification_id}`);
    const chatId = Number(row.address);
    await acquireSendSlot(db, `telegram:chat:${chatId}`, defaultTelegramRates.perChatRate);
    await acquireSendSlot(db, 'telegram', defaultTelegramRates.rate);
    try {
      const { messageId } = await deps.telegram.sendMessage(
        chatId,
        telegramText({ accountName: n.account_name, categoryTitle: getCategory(n.category).title, subject: n.subject, content: n.content }),
      );
      await done(String(messageId));
    } catch (error) {
      if (error instanceof TelegramBlockedError) {
        await failed(error.message, true);
        await deactivateLink(db, { chatId, error: error.message });
        return;
      }
      // Without an answer the message may have arrived: sending it again could deliver it twice.
      const retryable = (error as { retryable?: boolean }).retryable === true && !(error instanceof TelegramApiError && error.outcomeUnknown);
      await failed(error instanceof Error ? error.message : String(error), !retryable || deps.finalAttempt);
      if (retryable && !deps.finalAttempt) throw error;
    }
  }
}
