// Sending a published reseller event: one e-mail with every To and CC
// recipient, through the same transport, shared rate limit and idempotency
// approach as the delivery engine (lib/delivery/email.ts).
import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { accounts, notifications } from '@/db/schema';
import { claim, recordSent, type ChunkOutcome } from '@/lib/delivery/attempt';
import { afterSendError, type EmailDeliveryConfig } from '@/lib/delivery/email';
import { acquireSendSlot } from '@/lib/delivery/rate-limit';
import type { RenderedTemplate } from '@/lib/delivery/render';
import type { BatchMail } from '@/lib/mail/transport';
import { getEvent } from './catalog';
import type { EventContent } from './publish';
import { eventEmailPropsFor, renderEventEmail } from './render';
import { queryRows } from '@/db';

const customers = alias(accounts, 'customer');

/** The e-mail of an event notification, rendered once and kept with it (the first renderer wins). */
export async function renderedEventFor(db: Db, notificationId: string): Promise<RenderedTemplate> {
  const [n] = await db
    .select({
      rendered: notifications.rendered,
      eventKey: notifications.eventKey,
      content: notifications.content,
      initiator: notifications.initiator,
      resellerName: accounts.name,
      customerName: customers.name,
    })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.accountId))
    .innerJoin(customers, eq(customers.id, notifications.customerAccountId))
    .where(and(eq(notifications.id, notificationId), eq(notifications.kind, 'event')));
  if (!n) throw new Error(`event notification ${notificationId} does not exist`);
  if (n.rendered) return n.rendered;
  const content = n.content as EventContent;
  const rendered = await renderEventEmail(
    eventEmailPropsFor({
      event: getEvent(n.eventKey!),
      resellerName: n.resellerName,
      customerName: n.customerName,
      greetingNames: [...new Set(content.to.map((r) => r.name).filter((name): name is string => !!name))],
      initiatorName: n.initiator?.name,
      personName: content.invitedUser?.name ?? content.affectedUser?.name,
      data: content.data,
      action: content.action,
    }),
  );
  await db
    .update(notifications)
    .set({ rendered })
    .where(and(eq(notifications.id, notificationId), sql`${notifications.rendered} is null`));
  const [kept] = await db.select({ rendered: notifications.rendered }).from(notifications).where(eq(notifications.id, notificationId));
  return kept.rendered ?? rendered;
}

/** The one e-mail of an event, to its not-suppressed addresses (CC moves up when no To is left). */
export async function composeEventEmail(
  db: Db,
  notificationId: string,
  addresses: Set<string>,
  config: Pick<EmailDeliveryConfig, 'from'>,
): Promise<BatchMail> {
  const template = await renderedEventFor(db, notificationId);
  const [n] = await db.select({ content: notifications.content }).from(notifications).where(eq(notifications.id, notificationId));
  const content = n.content as EventContent;
  let to = content.to.map((r) => r.email).filter((a) => addresses.has(a));
  let cc = content.cc.map((r) => r.email).filter((a) => addresses.has(a));
  if (to.length === 0) [to, cc] = [cc, []];
  // Bare addresses only: names stay out of the headers, so nothing in them can forge one.
  return { from: config.from, to, cc, subject: template.subject, html: template.html, text: template.text };
}

type Row = { id: number; address: string; status: string };

/**
 * Sends an event's e-mail. Exactly once: every attempt is the identical
 * message under the Idempotency-Key `event:<notification id>`, so the
 * provider turns a repeat (after a crash, a time-out or a lost answer) into a
 * replay. All delivery rows of the e-mail share its fate and provider id.
 */
export async function deliverEvent(db: Db, job: { notificationId: string }, config: EmailDeliveryConfig): Promise<ChunkOutcome> {
  const rows = await queryRows<Row>(db, sql`
    select id, address, status from deliveries
    where notification_id = ${job.notificationId} and channel = 'email' and status <> 'suppressed'
    order by id`);
  const active = rows.filter((r) => r.status === 'queued' || r.status === 'sending');
  if (active.length === 0) return { done: true };
  const ids = active.map((r) => r.id);
  await claim(db, ids);

  const mail = await composeEventEmail(db, job.notificationId, new Set(rows.map((r) => r.address)), config);
  await acquireSendSlot(db, `email:${config.transport.name}`, config.rate);
  try {
    const { providerMessageId } = await config.transport.send({ ...mail, idempotencyKey: `event:${job.notificationId}` });
    // All rows of the e-mail share its provider id.
    await recordSent(db, ids.map((id) => ({ id, providerId: providerMessageId })));
    return { done: true };
  } catch (error) {
    return afterSendError(db, ids, error, config);
  }
}
