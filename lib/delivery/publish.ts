import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '@/db';
import { accounts, notifications, projects, publishRequests } from '@/db/schema';
import { apiError, validationError, type ApiResult } from '@/lib/api/result';
import { findNotificationType } from '@/lib/notifications/catalog';
import { parseInput } from '@/lib/validation';
import { fanOut } from './fanout';
import { publishNotificationBody, type NotificationContent, type PublishNotificationResponse } from './publish-schema';

/** Where a published notification's status is read (`Location` of the 202). */
export const notificationStatusPath = (id: string) => `/api/v1/notifications/${id}`;

/** An account named by our id or by the platform's ref, as the publishing bodies allow. */
export async function findAccountForPublish(tx: Tx, by: { id?: string; ref?: string }, field: string) {
  const [account] = await tx
    .select({ id: accounts.id, name: accounts.name, isReseller: accounts.isReseller, resellerId: accounts.resellerId, closedAt: accounts.closedAt })
    .from(accounts)
    .where(by.id ? eq(accounts.id, by.id) : eq(accounts.ref, by.ref!));
  const named = by.id ?? by.ref;
  if (!account) return { account: null, error: apiError(404, `${field}_not_found`, `No account ${named}.`) };
  if (account.closedAt) return { account, error: apiError(409, 'account_closed', `Account ${named} is closed and accepts no notifications.`) };
  return { account, error: null };
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A write's non-202 answer, thrown to roll back its transaction (and its claim on the key). */
class Refused extends Error {
  constructor(readonly result: ApiResult) {
    super('refused');
  }
}

/**
 * The idempotent front every publishing endpoint shares: Idempotency-Key
 * syntax, body validation (422 naming every bad field), the first answer
 * replayed for the same key and body (422 for the same key with another
 * body). The key is claimed in `publish_requests` in the same transaction as
 * the write, so of two concurrent requests with one key exactly one writes;
 * the other waits for it and replays its answer. A refused write (404, 409)
 * rolls back its claim, so the key may be used again.
 */
export async function publishIdempotently<S extends z.ZodType>(
  db: Db,
  params: {
    apiKeyId: string;
    idempotencyKey: string | null;
    body: unknown;
    /** Where the accepted thing's status is read (the 202's `Location`); a notification's by default. */
    location?: (id: string) => string;
  },
  schema: S,
  write: (tx: Tx, body: z.infer<S>) => Promise<ApiResult>,
): Promise<ApiResult> {
  const { apiKeyId, idempotencyKey } = params;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    return apiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1–255 printable ASCII characters.');
  }
  const parsed = parseInput(schema, params.body);
  if (!parsed.success) return validationError(parsed.error);
  const requestHash = createHash('sha256').update(canonicalJson(params.body)).digest('hex');
  const thisKey = idempotencyKey === null ? undefined : and(eq(publishRequests.apiKeyId, apiKeyId), eq(publishRequests.idempotencyKey, idempotencyKey));

  const replay = async (): Promise<ApiResult | null> => {
    if (!thisKey) return null;
    const [previous] = await db.select({ requestHash: publishRequests.requestHash, response: publishRequests.response }).from(publishRequests).where(thisKey);
    if (!previous?.response) return null;
    if (previous.requestHash !== requestHash) {
      return apiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.');
    }
    return { status: 202, body: previous.response };
  };

  const withLocation = (result: ApiResult): ApiResult =>
    result.status === 202 && typeof result.body.id === 'string' ? { ...result, headers: { location: (params.location ?? notificationStatusPath)(result.body.id) } } : result;
  const earlier = await replay();
  if (earlier) return withLocation(earlier);
  const outcome = await db
    .transaction(async (tx): Promise<ApiResult | 'raced'> => {
      if (thisKey) {
        // Waits for a concurrent holder of the key; finds nothing to insert once it has committed.
        const [claimed] = await tx
          .insert(publishRequests)
          .values({ apiKeyId, idempotencyKey: idempotencyKey!, requestHash })
          .onConflictDoNothing()
          .returning({ key: publishRequests.idempotencyKey });
        if (!claimed) return 'raced';
      }
      const result = await write(tx, parsed.data);
      if (result.status !== 202) throw new Refused(result);
      if (thisKey) await tx.update(publishRequests).set({ response: result.body }).where(thisKey);
      return result;
    })
    .catch((error: unknown) => {
      if (error instanceof Refused) return error.result;
      throw error;
    });
  if (outcome !== 'raced') return withLocation(outcome);
  const raced = await replay();
  return raced ? withLocation(raced) : apiError(409, 'conflict', 'A concurrent request with this Idempotency-Key failed; retry.');
}

/**
 * Publishes a category notification: validates, resolves recipients and
 * queues every delivery in one transaction. With an Idempotency-Key, the same
 * key and body return the first answer again and deliver nothing twice.
 */
export async function publishNotification(
  db: Db,
  params: { apiKeyId: string; idempotencyKey: string | null; body: unknown },
): Promise<ApiResult> {
  return publishIdempotently(db, params, publishNotificationBody, async (tx, body) => {
    const type = findNotificationType(body.type)!;
    const availability = body.availability ?? type.defaultAvailability;
    const found = await findAccountForPublish(tx, { id: body.account_id, ref: body.account_ref }, 'account');
    if (found.error) return found.error;
    const accountId = found.account.id;
    let projectId: string | null = null;
    if (body.project_id || body.project_ref) {
      const [project] = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(
          and(
            body.project_id ? eq(projects.id, body.project_id) : eq(projects.ref, body.project_ref!),
            eq(projects.accountId, accountId),
            isNull(projects.removedAt),
          ),
        );
      if (!project) return apiError(404, 'project_not_found', `No project ${body.project_id ?? body.project_ref} in account ${body.account_id ?? body.account_ref}.`);
      projectId = project.id;
    }
    const content: NotificationContent = { summary: body.summary, data: body.data, action: body.action };
    const [row] = await tx
      .insert(notifications)
      .values({
        accountId,
        category: type.category,
        typeKey: type.key,
        availability,
        projectId,
        subject: body.subject,
        summary: body.summary ?? null,
        content,
        apiKeyId: params.apiKeyId,
      })
      .returning({ id: notifications.id });
    const counts = await fanOut(tx, {
      id: row.id,
      accountId,
      category: type.category,
      availability,
      projectId,
    });
    const response = {
      id: row.id,
      status: 'accepted',
      category: type.category,
      type: type.key,
      availability,
      recipients: { email: counts.email, telegram: counts.telegram, in_app: counts.in_app },
      suppressed: counts.suppressed,
    } satisfies PublishNotificationResponse;
    return { status: 202, body: response };
  });
}
