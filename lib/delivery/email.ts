import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { bigintArray, textArray } from '@/db/sql-array';
import { accounts, notifications } from '@/db/schema';
import { getCategory } from '@/lib/notifications/catalog';
import { MailSendError, type BatchMail, type MailTransport } from '@/lib/mail/transport';
import type { NotificationContent } from './publish-schema';
import { backoffDelay, type Backoff } from './retry-policy';
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

export type ChunkOutcome = { done: true } | { done: false; retryInMs: number };

export const defaultEmailRate: RatePolicy = perSecond(2);


/** The e-mail of a notification, rendered once and kept with it (the first renderer wins). */
export async function renderedTemplateFor(db: Db, notificationId: string, appUrl: string): Promise<RenderedTemplate> {
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
  if (n.rendered) return n.rendered;
  if (!n.category) throw new Error(`notification ${notificationId} is an event, not a category notification (see lib/events/deliver.ts)`);
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
  return rendered;
}

type ChunkRow = { id: number; address: string; recipient_name: string | null; status: string; is_owner: boolean };

/** Each recipient's copy of a notification's e-mail: the template rendered once, their name and reason filled in. */
export async function composeEmails(
  db: Db,
  notificationId: string,
  recipients: Array<{ address: string; recipient_name: string | null; is_owner: boolean | null }>,
  config: Pick<EmailDeliveryConfig, 'from' | 'appUrl'>,
): Promise<BatchMail[]> {
  const template = await renderedTemplateFor(db, notificationId, config.appUrl);
  const [meta] = await db
    .select({ category: notifications.category, accountName: accounts.name })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.accountId))
    .where(eq(notifications.id, notificationId));
  if (!meta.category) throw new Error(`notification ${notificationId} is an event, not a category notification`);
  const categoryTitle = getCategory(meta.category).title;
  return recipients.map((r) => ({
    from: config.from,
    to: [r.address],
    cc: [],
    ...personalize(template, {
      recipientName: r.recipient_name ?? r.address,
      reason: recipientReason({ isOwner: r.is_owner === true, categoryTitle, accountName: meta.accountName }),
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
  const rows = await db.execute<ChunkRow>(sql`
    select d.id, d.address, d.recipient_name, d.status, (m.role = 'owner') as is_owner
    from deliveries d
    left join memberships m on m.account_id = d.account_id and m.user_id = d.user_id
    where d.notification_id = ${job.notificationId} and d.channel = 'email' and d.chunk = ${job.chunk}
      and d.status <> 'suppressed'
    order by d.id`);
  if (!rows.some((r) => r.status === 'queued' || r.status === 'sending')) return { done: true };
  const ids = rows.map((r) => r.id);
  await db.execute(sql`
    update deliveries set status = 'sending', updated_at = now()
    where id = any(${bigintArray(ids)}) and status in ('queued', 'sending')`);

  const mails = await composeEmails(db, job.notificationId, rows, config);

  await acquireSendSlot(db, `email:${config.transport.name}`, config.rate);
  try {
    const { results, rateLimit } = await config.transport.sendBatch(mails, `${job.notificationId}:email:${job.chunk}`);
    if (rateLimit && rateLimit.remaining <= 0) await pauseSends(db, `email:${config.transport.name}`, rateLimit.resetMs);
    const sent = results.map((r, i) => ('providerMessageId' in r ? { id: rows[i].id, providerId: r.providerMessageId } : null)).filter((x) => x !== null);
    const refused = results.map((r, i) => ('error' in r ? { id: rows[i].id, error: r.error } : null)).filter((x) => x !== null);
    await db.transaction(async (tx) => {
      if (sent.length) {
        await tx.execute(sql`
          update deliveries d set status = 'sent', provider_message_id = v.provider_id, attempts = d.attempts + 1,
                 last_error = null, updated_at = now()
          from unnest(${bigintArray(sent.map((s) => s.id))}, ${textArray(sent.map((s) => s.providerId))}) as v(id, provider_id)
          where d.id = v.id and d.status = 'sending'`);
      }
      for (const r of refused) {
        await tx.execute(sql`
          update deliveries set status = 'failed', attempts = attempts + 1, last_error = ${`Refused by the provider: ${r.error}`}, updated_at = now()
          where id = ${r.id} and status = 'sending'`);
      }
    });
    return { done: true };
  } catch (error) {
    if (!(error instanceof MailSendError)) throw error;
    const idList = bigintArray(ids);
    if (error.status === 429) {
      // Not a fault of the delivery: everyone waits, and this chunk goes again after the pause.
      const wait = error.retryAfterMs ?? 1000;
      await pauseSends(db, `email:${config.transport.name}`, wait);
      await db.execute(sql`update deliveries set status = 'queued', last_error = ${error.message}, updated_at = now() where id = any(${idList}) and status = 'sending'`);
      return { done: false, retryInMs: wait };
    }
    const [{ attempts }] = await db.execute<{ attempts: number }>(sql`
      update deliveries set attempts = attempts + 1, last_error = ${error.message}, updated_at = now(),
             status = case when ${error.retryable} and attempts + 1 < ${config.maxAttempts} then 'queued' else 'failed' end::delivery_status
      where id = any(${idList}) and status = 'sending'
      returning attempts`).then((r) => (r.length ? r : [{ attempts: config.maxAttempts }]));
    if (!error.retryable || attempts >= config.maxAttempts) return { done: true };
    return { done: false, retryInMs: backoffDelay(attempts, config.backoff) };
  }
}
