import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '@/db';
import { accounts, notifications, type NotificationCategory } from '@/db/schema';
import { getCategory } from '@/lib/notifications/catalog';
import { MailSendError, type BatchMail, type MailTransport } from '@/lib/mail/transport';
import type { NotificationContent } from './publish-schema';
import { claim, recordFailure, recordFault, recordRateLimited, recordSent, type ChunkOutcome } from './attempt';
import type { Backoff } from './retry-policy';
import { acquireSendSlot, pauseSends, perSecond, type RatePolicy } from './rate-limit';
import { personalize, recipientReason, renderNotificationTemplate, type RenderedTemplate } from './render';

export type EmailDeliveryConfig = {
  transport: MailTransport;
  from: string;
  appUrl: string;
  rate: RatePolicy;
  /** RetryPolicy.maxAttempts: provider faults tolerated before a delivery is final `failed`. */
  maxAttempts: number;
  /** RetryPolicy.backoff. */
  backoff: Backoff;
};

export type { ChunkOutcome } from './attempt';

export const defaultEmailRate: RatePolicy = perSecond(2);


/**
 * The e-mail of a notification, rendered once and kept with it (the first renderer wins), with
 * what each recipient's copy needs besides: one read of the notification.
 */
async function renderedTemplateFor(
  db: Db,
  notificationId: string,
  appUrl: string,
): Promise<{ template: RenderedTemplate; category: NotificationCategory; accountName: string }> {
  const [n] = await db
    .select({
      rendered: notifications.rendered,
      category: notifications.category,
      typeKey: notifications.typeKey,
      subject: notifications.subject,
      content: notifications.content,
      accountId: notifications.accountId,
      accountName: accounts.name,
    })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.accountId))
    .where(eq(notifications.id, notificationId));
  if (!n) throw new Error(`notification ${notificationId} does not exist`);
  if (!n.category) throw new Error(`notification ${notificationId} is an event, not a category notification (see lib/events/deliver.ts)`);
  if (n.rendered) return { template: n.rendered, category: n.category, accountName: n.accountName };
  const rendered = await renderNotificationTemplate({
    category: n.category,
    typeKey: n.typeKey,
    subject: n.subject,
    content: n.content as NotificationContent,
    accountName: n.accountName,
    manageUrl: `${appUrl}/accounts/${n.accountId}/notifications`,
  });
  await db
    .update(notifications)
    .set({ rendered })
    .where(and(eq(notifications.id, notificationId), sql`${notifications.rendered} is null`));
  return { template: rendered, category: n.category, accountName: n.accountName };
}

type ChunkRow = { id: number; address: string; recipient_name: string | null; status: string; is_owner: boolean };

/** Each recipient's copy of a notification's e-mail: the template rendered once, their name and reason filled in. */
export async function composeEmails(
  db: Db,
  notificationId: string,
  recipients: Array<{ address: string; recipient_name: string | null; is_owner: boolean | null }>,
  config: Pick<EmailDeliveryConfig, 'from' | 'appUrl'>,
): Promise<BatchMail[]> {
  const { template, category, accountName } = await renderedTemplateFor(db, notificationId, config.appUrl);
  const categoryTitle = getCategory(category).title;
  return recipients.map((r) => ({
    from: config.from,
    to: [r.address],
    cc: [],
    ...personalize(template, {
      recipientName: r.recipient_name ?? r.address,
      reason: recipientReason({ isOwner: r.is_owner === true, categoryTitle, accountName }),
    }),
  }));
}

/**
 * Sends one chunk of a notification's e-mail deliveries as one batch request.
 *
 * Exactly once: the chunk's membership was fixed at fan-out, so every attempt
 * sends the identical batch under the identical Idempotency-Key, and the
 * provider turns a repeat (after a crash, a time-out or a lost answer) into a
 * replay of the first acceptance. A chunk none of whose rows is still queued
 * or sending has been sent and is skipped.
 */
export async function deliverEmailChunk(
  db: Db,
  job: { notificationId: string; chunk: number },
  config: EmailDeliveryConfig,
): Promise<ChunkOutcome> {
  const rows = await queryRows<ChunkRow>(db, sql`
    select d.id, d.address, d.recipient_name, d.status, (m.role = 'owner') as is_owner
    from deliveries d
    left join memberships m on m.account_id = d.account_id and m.user_id = d.user_id
    where d.notification_id = ${job.notificationId} and d.channel = 'email' and d.chunk = ${job.chunk}
      and d.status <> 'suppressed'
    order by d.id`);
  if (!rows.some((r) => r.status === 'queued' || r.status === 'sending')) return { done: true };
  const ids = rows.map((r) => r.id);
  await claim(db, ids);

  const mails = await composeEmails(db, job.notificationId, rows, config);

  await acquireSendSlot(db, `email:${config.transport.name}`, config.rate);
  try {
    const { results, rateLimit } = await config.transport.sendBatch(mails, `${job.notificationId}:email:${job.chunk}`);
    if (rateLimit && rateLimit.remaining <= 0) await pauseSends(db, `email:${config.transport.name}`, rateLimit.resetMs);
    const sent = results.map((r, i) => ('providerMessageId' in r ? { id: rows[i].id, providerId: r.providerMessageId } : null)).filter((x) => x !== null);
    const refused = results.map((r, i) => ('error' in r ? { id: rows[i].id, error: r.error } : null)).filter((x) => x !== null);
    await db.transaction(async (tx) => {
      await recordSent(tx, sent);
      for (const r of refused) await recordFailure(tx, [r.id], { message: `Refused by the provider: ${r.error}`, final: true });
    });
    return { done: true };
  } catch (error) {
    return afterSendError(db, ids, error, config);
  }
}

/**
 * A send of e-mail rows failed as a whole (a chunk, or an event's one message): a 429 pauses every
 * sender and queues the rows again without counting a try; a fault counts one (lib/delivery/attempt.ts).
 */
export async function afterSendError(db: Db, ids: readonly (number | string)[], error: unknown, config: EmailDeliveryConfig): Promise<ChunkOutcome> {
  if (!(error instanceof MailSendError)) throw error;
  if (error.status === 429) {
    // Not a fault of the delivery: everyone waits, and this send goes again after the pause.
    const wait = error.retryAfterMs ?? 1000;
    await pauseSends(db, `email:${config.transport.name}`, wait);
    await recordRateLimited(db, ids, error.message);
    return { done: false, retryInMs: wait };
  }
  return recordFault(db, ids, { message: error.message, retryable: error.retryable }, config);
}
