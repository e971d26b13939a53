import { count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db';
import { apiKeys, auditLog, users } from '@/db/schema';

/** Where a change came from, as the server saw the request. */
export type RequestMeta = { ip: string | null; userAgent: string | null };
export const noRequestMeta: RequestMeta = { ip: null, userAgent: null };

export type AuditAction =
  | 'subscription.added'
  | 'subscription.removed'
  | 'telegram.connected'
  | 'telegram.disconnected'
  | 'delivery.retried'
  | 'suppression.removed'
  | 'event.enabled'
  | 'event.disabled'
  | 'event.recipients_changed'
  | 'contact.updated'
  | 'account.created'
  | 'account.updated'
  | 'account.closed'
  | 'member.added'
  | 'member.changed'
  | 'member.removed'
  | 'project.created'
  | 'project.renamed'
  | 'project.removed'
  | 'profile.name_changed';

export type AuditInput = {
  accountId: string;
  actorUserId: string | null;
  /** The API key, when the host platform made the change (directory API). */
  actorApiKeyId?: string | null;
  action: AuditAction;
  targetUserId?: string | null;
  details?: Record<string, unknown>;
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
      details: e.details ?? {},
      ip: e.meta.ip?.slice(0, 64) ?? null,
      userAgent: e.meta.userAgent?.slice(0, 512) ?? null,
    })),
  );
}

const actor = alias(users, 'actor');
const target = alias(users, 'target');

/** One page of an account's audit log, newest first. */
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
  return { rows, total };
}
