import { count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db';
import { apiKeys, auditLog, contactKind, deliveryChannel, memberRole, notificationCategory, users } from '@/db/schema';

/** Where a change came from, as the server saw the request. */
export type RequestMeta = { ip: string | null; userAgent: string | null };
export const noRequestMeta: RequestMeta = { ip: null, userAgent: null };

// What each audit action stores in `details`, as written today. Writers are checked against these
// types; readers parse stored rows with the same schemas (rows are kept for years, and some are
// written by SQL: lib/directory), and a row that does not parse is shown in general words.
const category = z.enum(notificationCategory.enumValues);
const role = z.enum(memberRole.enumValues);
const eventRef = { eventKey: z.string(), eventTitle: z.string() };
const recipientLabels = z.object({ to: z.array(z.string()), cc: z.array(z.string()) });
const contactCard = z.object({ name: z.string(), email: z.string() }).nullable();
const accountFields = z.object({ name: z.string(), isReseller: z.boolean() });

const auditDetails = {
  /** `reason` when the directory API subscribed a former Owner. */
  'subscription.added': z.object({ category, reason: z.literal('former_owner').optional() }),
  /** `reason` when a new role (directory API) may not have the category. */
  'subscription.removed': z.object({ category, reason: z.literal('role_changed').optional() }),
  'telegram.connected': z.object({ via: z.literal('telegram'), telegramUsername: z.string().nullable(), replacedChat: z.boolean() }),
  'telegram.disconnected': z.object({ via: z.enum(['panel', 'telegram']), telegramUsername: z.string().nullable() }),
  'delivery.retried': z.object({ deliveryId: z.number(), notificationId: z.string(), channel: z.enum(deliveryChannel.enumValues) }),
  'suppression.removed': z.object({ email: z.string() }),
  'event.enabled': z.object(eventRef),
  'event.disabled': z.object(eventRef),
  /** Recipients as labels; `defaults` when they were reset to the event's defaults. */
  'event.recipients_changed': z.object({ ...eventRef, before: recipientLabels, after: recipientLabels, defaults: z.boolean() }),
  /** `customerAccountId` on the reseller's copy of a change to a customer's contacts. */
  'contact.updated': z.object({
    kind: z.enum(contactKind.enumValues),
    accountName: z.string(),
    before: contactCard,
    after: contactCard,
    customerAccountId: z.string().optional(),
  }),
  'account.created': z.object({ ref: z.string(), name: z.string() }),
  'account.updated': z.object({ before: accountFields, after: accountFields }),
  'account.closed': z.object({ ref: z.string() }),
  'member.added': z.object({ role }),
  'member.changed': z.object({ from: role, to: role, projectsChanged: z.boolean() }),
  'member.removed': z.object({ role }),
  /** `ref` is '' for a project the platform never named (directory snapshots). */
  'project.created': z.object({ ref: z.string(), name: z.string() }),
  'project.renamed': z.object({ ref: z.string(), before: z.string(), after: z.string() }),
  /** `members`: project memberships it ended (not counted by snapshots). */
  'project.removed': z.object({ ref: z.string(), name: z.string(), members: z.number().optional() }),
  /** Access control → Users: the invitee is named by address (they may not be a person of ours yet). */
  'invitation.sent': z.object({ email: z.string(), role }),
  'invitation.resent': z.object({ email: z.string() }),
  'invitation.revoked': z.object({ email: z.string() }),
  'invitation.accepted': z.object({ email: z.string(), role }),
  'profile.name_changed': z.object({ from: z.string().nullable(), to: z.string() }),
} satisfies Record<string, z.ZodType>;

export type AuditAction = keyof typeof auditDetails;
export type AuditDetails<A extends AuditAction> = z.output<(typeof auditDetails)[A]>;
/** One audit entry: the action and what it stores. */
export type AuditEntry = { [A in AuditAction]: { action: A; details: AuditDetails<A> } }[AuditAction];
/** A stored row this version cannot read: an unknown action, or details of another shape. */
export type UnreadableAuditEntry = { action: null; storedAction: string };

/** A stored row as an AuditEntry, or unreadable; never throws, whatever the row holds. */
export function readAuditEntry(row: { action: string; details: unknown }): AuditEntry | UnreadableAuditEntry {
  // Own keys only: a stored "constructor" or "__proto__" is not an action.
  if (!Object.hasOwn(auditDetails, row.action)) return { action: null, storedAction: row.action };
  const action = row.action as AuditAction;
  const parsed = auditDetails[action].safeParse(row.details);
  return parsed.success ? ({ action, details: parsed.data } as AuditEntry) : { action: null, storedAction: row.action };
}

export type AuditInput = AuditEntry & {
  accountId: string;
  actorUserId: string | null;
  /** The API key, when the host platform made the change (directory API). */
  actorApiKeyId?: string | null;
  targetUserId?: string | null;
  meta: RequestMeta;
};

/** Writes audit entries in the caller's transaction, so the log never disagrees with the change. */
export async function recordAudit(tx: Tx, entries: AuditInput[]) {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(
    entries.map((e) => ({
      accountId: e.accountId,
      actorUserId: e.actorUserId,
      actorApiKeyId: e.actorApiKeyId ?? null,
      action: e.action,
      targetUserId: e.targetUserId ?? null,
      details: e.details,
      ip: e.meta.ip?.slice(0, 64) ?? null,
      userAgent: e.meta.userAgent?.slice(0, 512) ?? null,
    })),
  );
}

const actor = alias(users, 'actor');
const target = alias(users, 'target');

/** One page of an account's audit log, newest first, each row's action and details read as an AuditEntry. */
export async function listAuditLog(db: Tx, params: { accountId: string; page: number; pageSize: number }) {
  const where = eq(auditLog.accountId, params.accountId);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        details: auditLog.details,
        ip: auditLog.ip,
        userAgent: auditLog.userAgent,
        createdAt: auditLog.createdAt,
        actorName: actor.name,
        actorEmail: actor.email,
        actorApiKeyName: apiKeys.name,
        targetName: target.name,
        targetEmail: target.email,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
      .leftJoin(apiKeys, eq(apiKeys.id, auditLog.actorApiKeyId))
      .leftJoin(target, eq(target.id, auditLog.targetUserId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows: rows.map(({ action, details, ...row }) => ({ ...row, entry: readAuditEntry({ action, details }) })), total };
}
