// POST /api/v1/events: a platform event about one customer of a reseller.
// Recorded as a notification of kind 'event' in the reseller's account; when
// the reseller has switched the event on, its To/CC are resolved against the
// contacts and one e-mail is queued (one delivery row per address) in the
// same transaction.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db';
import { textArray } from '@/db/sql-array';
import { eventOutcome, eventSettings, notifications, type EventOutcome } from '@/db/schema';
import { apiError, type ApiResult } from '@/lib/api/result';
import { findAccountForPublish, publishIdempotently } from '@/lib/delivery/publish';
import { contentData, exactlyOne, httpUrl, plainText } from '@/lib/delivery/publish-schema';
import { ref } from '@/lib/directory/ref';
import { resellerEventSubject } from '@/emails/reseller-event';
import { findEvent, getEvent, type EventData } from './catalog';
import { loadContacts } from './contacts';
import { eventEmailPropsFor } from './render';
import { eventPerson, resolveRecipients, type EventPerson, type MissingRecipient, type ResolvedRecipient } from './recipients';
import { effectiveRecipients } from './settings';
import { retryPolicy } from '@/lib/delivery/retry-policy';
import { queryRows } from '@/db';

export const DELIVER_EVENT_TASK = 'deliver_event';


/** The body of `POST /api/v1/events`. */
export const publishEventBody = z
  .object({
    event: z.string().refine((k) => findEvent(k) !== null, 'is not an event of the catalog'),
    reseller_id: z.string().uuid().optional().meta({ description: 'The reseller, by our id. Give this or `reseller_ref`.' }),
    reseller_ref: ref.optional().meta({ description: 'The reseller, by the platform’s ref. Give this or `reseller_id`.' }),
    customer_id: z.string().uuid().optional().meta({ description: 'The customer, by our id. Give this or `customer_ref`.' }),
    customer_ref: ref.optional().meta({ description: 'The customer, by the platform’s ref. Give this or `customer_id`.' }),
    initiator: eventPerson.optional(),
    invited_user: eventPerson.optional(),
    affected_user: eventPerson.optional(),
    data: contentData.optional(),
    action: z
      .object({
        label: plainText(60),
        url: httpUrl,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    exactlyOne(ctx, body, 'reseller_id', 'reseller_ref');
    exactlyOne(ctx, body, 'customer_id', 'customer_ref');
  });
export type PublishEventBody = z.infer<typeof publishEventBody>;

/** The 202 of `POST /api/v1/events` (also replayed for a repeated Idempotency-Key). */
export const publishEventResponse = z
  .object({
    id: z.string().meta({ format: 'uuid', description: 'The event notification; its status is at `/api/v1/notifications/{id}`.' }),
    status: z.literal('accepted'),
    event: z.string(),
    outcome: z.enum(eventOutcome.enumValues).meta({ description: '`sent` when the reseller has the event on and it was queued; otherwise why not.' }),
    recipients: z.object({ to: z.number().int(), cc: z.number().int() }).strict(),
    suppressed: z.number().int(),
    missing: z
      .array(z.object({ field: z.enum(['to', 'cc']), recipient: z.string(), reason: z.string() }).strict())
      .meta({ description: 'Recipients of the event’s To/CC that resolved to no address (e.g. the customer has no billing contact).' }),
  })
  .strict();
export type PublishEventResponse = z.infer<typeof publishEventResponse>;

/** What an event notification keeps in `content`: its data, and whom it was addressed to. */
export type EventContent = {
  data: EventData;
  action?: { label: string; url: string };
  invitedUser?: EventPerson;
  affectedUser?: EventPerson;
  to: ResolvedRecipient[];
  cc: ResolvedRecipient[];
  missing: MissingRecipient[];
};

/**
 * Accepts an event (202) whether or not the reseller has it switched on; a
 * disabled event is recorded as not sent. With an Idempotency-Key, the same
 * key and body answer as the first time and send nothing twice.
 */
export async function publishEvent(db: Db, params: { apiKeyId: string; idempotencyKey: string | null; body: unknown }): Promise<ApiResult> {
  return publishIdempotently(db, params, publishEventBody, async (tx, body) => {
    const resellerNamed = body.reseller_id ?? body.reseller_ref;
    const customerNamed = body.customer_id ?? body.customer_ref;
    const foundReseller = await findAccountForPublish(tx, { id: body.reseller_id, ref: body.reseller_ref }, 'reseller');
    const reseller = foundReseller.account;
    if (!reseller?.isReseller) return apiError(404, 'reseller_not_found', `No reseller account ${resellerNamed}.`);
    if (foundReseller.error) return foundReseller.error;
    const foundCustomer = await findAccountForPublish(tx, { id: body.customer_id, ref: body.customer_ref }, 'customer');
    const customer = foundCustomer.account;
    if (customer?.resellerId !== reseller.id) {
      return apiError(404, 'customer_not_found', `Account ${customerNamed} is not a customer of reseller ${resellerNamed}.`);
    }
    if (foundCustomer.error) return foundCustomer.error;
    return { status: 202, body: await writeEvent(tx, { reseller, customer, body, apiKeyId: params.apiKeyId }) };
  });
}

type EventAccount = { id: string; name: string };

/** Is this event switched on by the reseller? (Its e-mail goes out only then.) */
export async function eventEnabled(tx: Tx, resellerId: string, eventKey: string): Promise<boolean> {
  const [setting] = await tx
    .select({ enabled: eventSettings.enabled })
    .from(eventSettings)
    .where(and(eq(eventSettings.accountId, resellerId), eq(eventSettings.eventKey, eventKey)));
  return setting?.enabled ?? false;
}

/**
 * Records one event about a customer of a reseller in the caller's transaction, and queues its
 * e-mail when the reseller has it on: the API's path, and the panel's (Access control → Users
 * publishes the Users events itself, with no API key and no Idempotency-Key).
 */
export async function writeEvent(
  tx: Tx,
  p: {
    reseller: EventAccount;
    customer: EventAccount;
    body: Pick<PublishEventBody, 'event' | 'initiator' | 'invited_user' | 'affected_user' | 'data' | 'action'>;
    apiKeyId: string | null;
  },
): Promise<PublishEventResponse> {
  const { reseller, customer, body } = p;
  {
    const event = getEvent(body.event);
    const [setting] = await tx
      .select({ enabled: eventSettings.enabled, to: eventSettings.to, cc: eventSettings.cc })
      .from(eventSettings)
      .where(and(eq(eventSettings.accountId, reseller.id), eq(eventSettings.eventKey, event.key)));

    let to: ResolvedRecipient[] = [];
    let cc: ResolvedRecipient[] = [];
    let missing: MissingRecipient[] = [];
    let result: EventOutcome = 'not_sent_disabled';
    if (setting?.enabled) {
      const contacts = await loadContacts(tx, [reseller.id, customer.id]);
      ({ to, cc, missing } = resolveRecipients(effectiveRecipients(event, setting), {
        customer: { name: customer.name, contacts: contacts.get(customer.id)! },
        reseller: { name: reseller.name, contacts: contacts.get(reseller.id)! },
        initiator: body.initiator,
        invitedUser: body.invited_user,
        affectedUser: body.affected_user,
      }));
      // An e-mail needs a To: when none of the To recipients exists, the CC recipients take its place.
      if (to.length === 0) [to, cc] = [cc, []];
      result = to.length > 0 ? 'sent' : 'not_sent_no_recipients';
    }

    const content: EventContent = {
      data: body.data ?? {},
      action: body.action,
      invitedUser: body.invited_user,
      affectedUser: body.affected_user,
      to,
      cc,
      missing,
    };
    const subject = resellerEventSubject(
      eventEmailPropsFor({
        event,
        resellerName: reseller.name,
        customerName: customer.name,
        greetingNames: [],
        initiatorName: body.initiator?.name,
        personName: body.invited_user?.name ?? body.affected_user?.name,
        data: content.data,
      }),
    );
    const [row] = await tx
      .insert(notifications)
      .values({
        accountId: reseller.id,
        kind: 'event',
        typeKey: event.key,
        eventKey: event.key,
        customerAccountId: customer.id,
        initiator: body.initiator ?? null,
        outcome: result,
        subject,
        content,
        apiKeyId: p.apiKeyId,
      })
      .returning({ id: notifications.id });

    const counts = result === 'sent' ? await queueEventDeliveries(tx, { notificationId: row.id, accountId: reseller.id, recipients: [...to, ...cc] }) : { suppressed: 0 };
    const response = {
      id: row.id,
      status: 'accepted',
      event: event.key,
      outcome: result,
      recipients: { to: to.length, cc: cc.length },
      suppressed: counts.suppressed,
      missing,
    } satisfies PublishEventResponse;
    return response;
  }
}

/**
 * One delivery row per address (suppressed addresses marked so), and one job
 * that sends the single e-mail to all of them, in the caller's transaction.
 */
async function queueEventDeliveries(tx: Tx, p: { notificationId: string; accountId: string; recipients: ResolvedRecipient[] }) {
  const [counts] = await queryRows<{ queued: number; suppressed: number }>(tx, sql`
    with input as (
      select v.address, nullif(v.name, '') as name, v.ord
      from unnest(${textArray(p.recipients.map((r) => r.email))}, ${textArray(p.recipients.map((r) => r.name ?? ''))})
        with ordinality as v(address, name, ord)
    ),
    inserted as (
      insert into deliveries (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk, status)
      -- created_at is the notification's, to the microsecond (a JavaScript Date keeps only milliseconds).
      select ${p.notificationId}, (select created_at from notifications where id = ${p.notificationId}), ${p.accountId}, null, 'email', i.address, i.name, 0,
             case when sp.email is null then 'queued' else 'suppressed' end::delivery_status
      from input i left join suppressions sp on sp.email = i.address
      order by i.ord
      returning status
    )
    select count(*) filter (where status = 'queued')::int as queued, count(*) filter (where status = 'suppressed')::int as suppressed
    from inserted`);
  if (counts.queued > 0) {
    await tx.execute(sql`
      select graphile_worker.add_job(${DELIVER_EVENT_TASK}, json_build_object('notificationId', ${p.notificationId}::text),
        job_key => ${`${DELIVER_EVENT_TASK}:${p.notificationId}`}, max_attempts => ${retryPolicy().chunkJobMaxAttempts}::int)`);
  }
  return counts;
}
