// Reading and acting on deliveries from the panel: the delivery log (with
// retry), the notification centre, and the suppression list. Every function
// checks the actor's membership and role in the account it acts on.
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { deliveries, memberships, notifications, suppressions, users, type DeliveryChannel, type DeliveryStatus, type MemberRole, type NotificationCategory } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { byRole, requireMembership } from '@/lib/membership';
import { canManageSuppressions, canRetryDelivery, canViewDeliveryLog, type Decision } from '@/lib/notifications/rules';
import { retryPolicy } from './retry-policy';

export const DELIVER_ONE_TASK = 'deliver_one';

const authorize = (tx: Tx, accountId: string, userId: string, rule: (role: MemberRole) => Decision) =>
  requireMembership(tx, { accountId, userId }, byRole(rule));

export type StatusCounts = Partial<Record<DeliveryStatus, number>>;

/** The account's notifications, newest first, with delivery counts per channel and status. */
export async function listNotificationLog(db: Db, params: { actorUserId: string; accountId: string; page: number; pageSize: number }) {
  await authorize(db, params.accountId, params.actorUserId, canViewDeliveryLog);
  const where = eq(notifications.accountId, params.accountId);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        category: notifications.category,
        typeKey: notifications.typeKey,
        availability: notifications.availability,
        outcome: notifications.outcome,
        subject: notifications.subject,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(notifications).where(where),
  ]);
  const counts = rows.length
    ? await db
        .select({ notificationId: deliveries.notificationId, channel: deliveries.channel, status: deliveries.status, n: count() })
        .from(deliveries)
        .where(inArray(deliveries.notificationId, rows.map((r) => r.id)))
        .groupBy(deliveries.notificationId, deliveries.channel, deliveries.status)
    : [];
  return {
    total,
    rows: rows.map((r) => {
      const byChannel: Partial<Record<DeliveryChannel, StatusCounts>> = {};
      for (const c of counts.filter((c) => c.notificationId === r.id)) (byChannel[c.channel] ??= {})[c.status] = c.n;
      return { ...r, byChannel };
    }),
  };
}

/** One notification with its deliveries, optionally only one status or channel. */
export async function getNotificationDeliveries(
  db: Db,
  params: {
    actorUserId: string;
    accountId: string;
    notificationId: string;
    status?: DeliveryStatus;
    channel?: DeliveryChannel;
    page: number;
    pageSize: number;
  },
) {
  await authorize(db, params.accountId, params.actorUserId, canViewDeliveryLog);
  const [notification] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, params.notificationId), eq(notifications.accountId, params.accountId)));
  if (!notification) return null;
  const where = and(
    eq(deliveries.notificationId, notification.id),
    params.status ? eq(deliveries.status, params.status) : undefined,
    params.channel ? eq(deliveries.channel, params.channel) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: deliveries.id,
        channel: deliveries.channel,
        address: deliveries.address,
        recipientName: deliveries.recipientName,
        email: users.email,
        status: deliveries.status,
        attempts: deliveries.attempts,
        lastError: deliveries.lastError,
        providerMessageId: deliveries.providerMessageId,
        updatedAt: deliveries.updatedAt,
      })
      .from(deliveries)
      .leftJoin(users, eq(users.id, deliveries.userId))
      .where(where)
      .orderBy(sql`case ${deliveries.status} when 'failed' then 0 when 'bounced' then 1 when 'complained' then 2 else 3 end`, deliveries.id)
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(deliveries).where(where),
  ]);
  return { notification, rows, total };
}

/**
 * Queues a failed delivery again (from the delivery log). It is sent on its
 * own, under a new idempotency key, by the `deliver_one` task.
 */
export async function retryDelivery(
  db: Db,
  params: { actorUserId: string; accountId: string; deliveryId: number; meta: RequestMeta },
): Promise<{ retried: true }> {
  return db.transaction(async (tx) => {
    await authorize(tx, params.accountId, params.actorUserId, canRetryDelivery);
    const [row] = await tx
      .select({ id: deliveries.id, status: deliveries.status, channel: deliveries.channel, userId: deliveries.userId, notificationId: deliveries.notificationId })
      .from(deliveries)
      .where(and(eq(deliveries.id, params.deliveryId), eq(deliveries.accountId, params.accountId)))
      .for('update');
    if (!row) throw new DomainError('not_found', 'This delivery does not exist in this account.');
    if (row.status !== 'failed') throw new DomainError('conflict', `Only failed deliveries can be retried; this one is ${row.status}.`);
    if (row.channel === 'email') {
      const [suppressed] = await tx
        .select({ email: suppressions.email })
        .from(suppressions)
        .innerJoin(deliveries, eq(deliveries.address, suppressions.email))
        .where(eq(deliveries.id, row.id));
      if (suppressed) throw new DomainError('conflict', `${suppressed.email} is on the suppression list; remove it there first.`);
    }
    await tx.update(deliveries).set({ status: 'queued', lastError: null, updatedAt: new Date() }).where(eq(deliveries.id, row.id));
    await tx.execute(sql`select graphile_worker.add_job(${DELIVER_ONE_TASK}, json_build_object('deliveryId', ${row.id}::bigint), max_attempts => ${retryPolicy().manualRetryMaxAttempts}::int)`);
    await recordAudit(tx, [
      {
        accountId: params.accountId,
        actorUserId: params.actorUserId,
        action: 'delivery.retried',
        targetUserId: row.userId,
        details: { deliveryId: row.id, notificationId: row.notificationId, channel: row.channel },
        meta: params.meta,
      },
    ]);
    return { retried: true };
  });
}

// ---------------------------------------------------------------------------
// Notification centre: the in-app deliveries of one person in one account.
// ---------------------------------------------------------------------------

const inboxWhere = (p: { userId: string; accountId: string }) =>
  and(eq(deliveries.userId, p.userId), eq(deliveries.accountId, p.accountId), eq(deliveries.channel, 'in_app'));

// Each inbox function checks membership first: a person who left the account no longer reads its notifications.

export async function unreadCount(db: Tx, params: { userId: string; accountId: string }): Promise<number> {
  await requireMembership(db, { accountId: params.accountId, userId: params.userId });
  const [{ n }] = await db.select({ n: count() }).from(deliveries).where(and(inboxWhere(params), isNull(deliveries.readAt)));
  return n;
}

export async function listInbox(db: Tx, params: { userId: string; accountId: string; limit: number }) {
  await requireMembership(db, { accountId: params.accountId, userId: params.userId });
  return db
    .select({
      id: deliveries.id,
      readAt: deliveries.readAt,
      createdAt: deliveries.createdAt,
      notificationId: notifications.id,
      // In-app deliveries exist for category notifications only (events are e-mail), so the category is set.
      category: sql<NotificationCategory>`${notifications.category}`,
      typeKey: notifications.typeKey,
      subject: notifications.subject,
      summary: notifications.summary,
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(inboxWhere(params))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(params.limit);
}

/** Marks one (or, without `deliveryId`, every) notification of the person in the account as read. */
export async function markRead(db: Tx, params: { userId: string; accountId: string; deliveryId?: number }) {
  await requireMembership(db, { accountId: params.accountId, userId: params.userId });
  const rows = await db
    .update(deliveries)
    .set({ readAt: new Date() })
    .where(and(inboxWhere(params), isNull(deliveries.readAt), params.deliveryId !== undefined ? eq(deliveries.id, params.deliveryId) : undefined))
    .returning({ id: deliveries.id });
  return { marked: rows.length };
}

// ---------------------------------------------------------------------------
// Suppression list, as far as it concerns the account's own people.
// ---------------------------------------------------------------------------

export async function listAccountSuppressions(db: Db, params: { actorUserId: string; accountId: string }) {
  await authorize(db, params.accountId, params.actorUserId, canManageSuppressions);
  return db
    .select({ email: suppressions.email, reason: suppressions.reason, detail: suppressions.detail, createdAt: suppressions.createdAt, name: users.name })
    .from(suppressions)
    .innerJoin(users, sql`lower(${users.email}) = ${suppressions.email}`)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.accountId, params.accountId)))
    .orderBy(desc(suppressions.createdAt));
}

/** Lifts a suppression, only for an address of a member of the account. */
export async function removeSuppression(
  db: Db,
  params: { actorUserId: string; accountId: string; email: string; meta: RequestMeta },
): Promise<{ removed: true }> {
  return db.transaction(async (tx) => {
    await authorize(tx, params.accountId, params.actorUserId, canManageSuppressions);
    const email = params.email.trim().toLowerCase();
    const [member] = await tx
      .select({ userId: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.accountId, params.accountId)))
      .where(sql`lower(${users.email}) = ${email}`);
    if (!member) throw new DomainError('not_found', 'This address does not belong to a user of this account.');
    const deleted = await tx.delete(suppressions).where(eq(suppressions.email, email)).returning({ email: suppressions.email });
    if (deleted.length === 0) throw new DomainError('not_found', `${email} is not suppressed.`);
    await recordAudit(tx, [
      { accountId: params.accountId, actorUserId: params.actorUserId, action: 'suppression.removed', targetUserId: member.userId, details: { email }, meta: params.meta },
    ]);
    return { removed: true };
  });
}
