// GET /api/v1/notifications/{id}: what became of a published notification.
import { z } from 'zod';
import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { accounts, deliveries, deliveryChannel, deliveryStatus, notifications, type DeliveryChannel, type DeliveryStatus } from '@/db/schema';
import { ApiProblem } from '@/lib/api/result';

/** Statuses after which a delivery changes no more on its own (bounces and complaints may still follow a send). */
export const SETTLED_STATUSES: readonly DeliveryStatus[] = ['sent', 'delivered', 'bounced', 'complained', 'failed', 'suppressed', 'skipped'];

const countsByStatus = z.partialRecord(z.enum(deliveryStatus.enumValues), z.number().int());

/** Deliveries per channel and status, as the status answers show them. */
export const deliveryCounts = z.object({ email: countsByStatus, telegram: countsByStatus, in_app: countsByStatus }).strict();
export type DeliveryCounts = z.infer<typeof deliveryCounts>;

/** `(channel, status, n)` rows of a `group by` as the answers' counts, and whether every one is settled. */
export function summarizeDeliveries(rows: Array<{ channel: DeliveryChannel; status: DeliveryStatus; n: number }>): { deliveries: DeliveryCounts; settled: boolean } {
  const byChannel = Object.fromEntries(deliveryChannel.enumValues.map((c) => [c, {}])) as Record<DeliveryChannel, Partial<Record<DeliveryStatus, number>>>;
  for (const r of rows) byChannel[r.channel][r.status] = r.n;
  return { deliveries: byChannel, settled: rows.every((r) => SETTLED_STATUSES.includes(r.status)) };
}

export const notificationStatusResponse = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    kind: z.enum(['category', 'event']),
    account_id: z.string().meta({ format: 'uuid' }),
    account_ref: z.string().nullable(),
    type: z.string().meta({ description: 'The notification type, or for an event its event key.' }),
    category: z.string().nullable(),
    subject: z.string(),
    created_at: z.string().meta({ format: 'date-time' }),
    status: z.enum(['delivering', 'settled']).meta({
      description: '`delivering` while some delivery is queued or being sent; `settled` when every one is sent, failed, suppressed or skipped.',
    }),
    deliveries: deliveryCounts.meta({ description: 'How many deliveries are in each status, per channel.' }),
  })
  .strict();
export type NotificationStatus = z.infer<typeof notificationStatusResponse>;

/** The status of a notification the key published; another key's notification is not found. */
export async function notificationStatus(db: Tx, params: { id: string; apiKeyId: string }): Promise<NotificationStatus> {
  const notFound = new ApiProblem(404, 'notification_not_found', `No notification ${params.id} published with this API key.`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.id)) throw notFound;
  const [n] = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      accountId: notifications.accountId,
      accountRef: accounts.ref,
      typeKey: notifications.typeKey,
      category: notifications.category,
      subject: notifications.subject,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .innerJoin(accounts, eq(accounts.id, notifications.accountId))
    .where(and(eq(notifications.id, params.id), eq(notifications.apiKeyId, params.apiKeyId)));
  if (!n) throw notFound;
  const rows = await db
    .select({ channel: deliveries.channel, status: deliveries.status, n: count() })
    .from(deliveries)
    .where(eq(deliveries.notificationId, n.id))
    .groupBy(deliveries.channel, deliveries.status);
  const { deliveries: byChannel, settled } = summarizeDeliveries(rows);
  return {
    id: n.id,
    kind: n.kind,
    account_id: n.accountId,
    account_ref: n.accountRef,
    type: n.typeKey,
    category: n.category,
    subject: n.subject,
    created_at: n.createdAt.toISOString(),
    status: settled ? 'settled' : 'delivering',
    deliveries: byChannel,
  };
}
