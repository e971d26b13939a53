// A reseller's event settings: which events send e-mail and to whom. Every
// function checks the actor's role in the reseller account (rules.ts) and
// writes its audit entry in the same transaction as the change.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { eventSettings, memberships, users, type MemberRole } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { requireMembership } from '@/lib/membership';
import { canManageEventSettings, EVENT_SETTINGS_ROLES, type Decision } from '@/lib/notifications/rules';
import { issueSentence, parseInput } from '@/lib/validation';
import { allEvents, findEvent, type EventDefinition } from './catalog';
import { recipientLabel, recipientListSchema, sameRecipients, type RecipientList } from './recipients';

export type EventSettingsAccess = {
  account: { id: string; name: string; isReseller: boolean };
  role: MemberRole;
  manage: Decision;
};

/** The actor's membership of a reseller account; anyone else, and any other account, gets not found. */
export async function eventSettingsAccess(tx: Tx, p: { actorUserId: string; accountId: string }): Promise<EventSettingsAccess> {
  const m = await requireMembership(tx, { accountId: p.accountId, userId: p.actorUserId });
  if (!m.account.isReseller) throw new DomainError('not_found', 'Event notifications are a feature of reseller accounts.');
  const account = { id: m.account.id, name: m.account.name, isReseller: m.account.isReseller };
  return { account, role: m.role, manage: canManageEventSettings({ role: m.role, isReseller: account.isReseller }) };
}

async function requireManager(tx: Tx, p: { actorUserId: string; accountId: string }) {
  const access = await eventSettingsAccess(tx, p);
  if (!access.manage.allowed) throw new DomainError('forbidden', access.manage.reason);
  return access;
}

function requireEvent(eventKey: string): EventDefinition {
  const event = findEvent(eventKey);
  if (!event) throw new DomainError('invalid', `Unknown event “${eventKey}”.`);
  return event;
}

export type EventSettingView = {
  key: string;
  enabled: boolean;
  recipients: RecipientList;
  /** To/CC differ from the event's defaults. */
  customized: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
};

/** What an event does in this account: a missing row means off, with the defaults. */
export function effectiveRecipients(event: EventDefinition, row: { to: RecipientList['to'] | null; cc: RecipientList['cc'] | null } | undefined): RecipientList {
  return row?.to && row.cc ? { to: row.to, cc: row.cc } : event.defaults;
}

/** Every event of the catalog with this reseller's setting for it. */
export async function listEventSettings(db: Db, p: { actorUserId: string; accountId: string }) {
  const access = await eventSettingsAccess(db, p);
  const rows = await db
    .select({
      eventKey: eventSettings.eventKey,
      enabled: eventSettings.enabled,
      to: eventSettings.to,
      cc: eventSettings.cc,
      updatedAt: eventSettings.updatedAt,
      updatedByName: users.name,
    })
    .from(eventSettings)
    .leftJoin(users, eq(users.id, eventSettings.updatedByUserId))
    .where(eq(eventSettings.accountId, access.account.id));
  const byKey = new Map(rows.map((r) => [r.eventKey, r]));
  const settings: Record<string, EventSettingView> = {};
  for (const event of allEvents) {
    const row = byKey.get(event.key);
    settings[event.key] = {
      key: event.key,
      enabled: row?.enabled ?? false,
      recipients: effectiveRecipients(event, row),
      customized: !!row?.to,
      updatedAt: row?.updatedAt ?? null,
      updatedByName: row?.updatedByName ?? null,
    };
  }
  return { ...access, settings };
}

/** Switches an event's e-mail on or off. Repeating the current state changes nothing and logs nothing. */
export async function setEventEnabled(
  db: Db,
  p: { actorUserId: string; accountId: string; eventKey: string; enabled: boolean; meta: RequestMeta },
): Promise<{ enabled: boolean; changed: boolean }> {
  const event = requireEvent(p.eventKey);
  return db.transaction(async (tx) => {
    await requireManager(tx, p);
    const [previous] = await tx
      .select({ enabled: eventSettings.enabled })
      .from(eventSettings)
      .where(and(eq(eventSettings.accountId, p.accountId), eq(eventSettings.eventKey, event.key)))
      .for('update');
    if ((previous?.enabled ?? false) === p.enabled) return { enabled: p.enabled, changed: false };
    await tx
      .insert(eventSettings)
      .values({ accountId: p.accountId, eventKey: event.key, enabled: p.enabled, updatedByUserId: p.actorUserId })
      .onConflictDoUpdate({
        target: [eventSettings.accountId, eventSettings.eventKey],
        set: { enabled: p.enabled, updatedAt: new Date(), updatedByUserId: p.actorUserId },
      });
    await recordAudit(tx, [
      {
        accountId: p.accountId,
        actorUserId: p.actorUserId,
        action: p.enabled ? 'event.enabled' : 'event.disabled',
        details: { eventKey: event.key, eventTitle: event.title },
        meta: p.meta,
      },
    ]);
    return { enabled: p.enabled, changed: true };
  });
}

/**
 * Saves an event's To and CC. Recipients equal to the event's defaults are
 * stored as "defaults" (null), so Reset to defaults follows later changes of
 * the catalog. Validated again here: the domain never trusts its caller.
 */
export async function updateEventRecipients(
  db: Db,
  p: { actorUserId: string; accountId: string; eventKey: string; recipients: RecipientList; meta: RequestMeta },
): Promise<{ recipients: RecipientList; customized: boolean; changed: boolean }> {
  const event = requireEvent(p.eventKey);
  const parsed = parseInput(recipientListSchema, p.recipients);
  if (!parsed.success) throw new DomainError('invalid', issueSentence(parsed.error.issues[0]));
  const recipients = parsed.data;
  const customized = !sameRecipients(recipients, event.defaults);
  return db.transaction(async (tx) => {
    await requireManager(tx, p);
    const [previous] = await tx
      .select({ to: eventSettings.to, cc: eventSettings.cc })
      .from(eventSettings)
      .where(and(eq(eventSettings.accountId, p.accountId), eq(eventSettings.eventKey, event.key)))
      .for('update');
    const before = effectiveRecipients(event, previous);
    if (sameRecipients(before, recipients) && !!previous?.to === customized) return { recipients, customized, changed: false };
    const stored = customized ? { to: recipients.to, cc: recipients.cc } : { to: null, cc: null };
    await tx
      .insert(eventSettings)
      .values({ accountId: p.accountId, eventKey: event.key, ...stored, updatedByUserId: p.actorUserId })
      .onConflictDoUpdate({
        target: [eventSettings.accountId, eventSettings.eventKey],
        set: { ...stored, updatedAt: new Date(), updatedByUserId: p.actorUserId },
      });
    const labels = (l: RecipientList) => ({ to: l.to.map(recipientLabel), cc: l.cc.map(recipientLabel) });
    await recordAudit(tx, [
      {
        accountId: p.accountId,
        actorUserId: p.actorUserId,
        action: 'event.recipients_changed',
        details: { eventKey: event.key, eventTitle: event.title, before: labels(before), after: labels(recipients), defaults: !customized },
        meta: p.meta,
      },
    ]);
    return { recipients, customized, changed: true };
  });
}

/** Whom a member who may not change event settings can ask. */
export function listEventManagers(tx: Tx, p: { accountId: string }) {
  return tx
    .select({ name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, p.accountId), inArray(memberships.role, [...EVENT_SETTINGS_ROLES])))
    .orderBy(memberships.role, users.name);
}
