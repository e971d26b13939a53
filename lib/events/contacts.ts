// Account contacts (primary, billing, account manager): who may see and edit
// them, reading them for event recipients, and changing them with an audit entry.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { accountContacts, accounts, memberships, users, type ContactKind, type MemberRole } from '@/db/schema';
import { recordAudit, type RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { findMembership } from '@/lib/membership';
import { canEditContacts, CONTACT_EDITOR_ROLES, type Decision } from '@/lib/notifications/rules';
import { CONTACT_KINDS, type ContactsInput } from './contact-input';
import type { ContactCard, ContactsByKind } from './recipients';

export type ContactsAccess = {
  account: { id: string; name: string; isReseller: boolean; resellerId: string | null };
  relation: 'member' | 'reseller';
  role: MemberRole;
  edit: Decision;
};

const notFound = () => new DomainError('not_found', 'This account does not exist or you cannot see it.');

/**
 * How the actor reaches an account's contacts: as its member, or as a member
 * of its reseller. `viaResellerId` names the account the actor is working in
 * (the URL's account); without it only membership counts.
 */
export async function contactsAccess(tx: Tx, p: { actorUserId: string; accountId: string; viaResellerId?: string }): Promise<ContactsAccess> {
  const [account] = await tx
    .select({ id: accounts.id, name: accounts.name, isReseller: accounts.isReseller, resellerId: accounts.resellerId })
    .from(accounts)
    .where(eq(accounts.id, p.accountId));
  if (!account) throw notFound();
  const via = p.viaResellerId ?? null;
  if (via !== null && account.resellerId !== via) throw notFound();
  const roleIn = async (accountId: string) => (await findMembership(tx, { accountId, userId: p.actorUserId }))?.role ?? null;
  if (via === null) {
    const role = await roleIn(account.id);
    if (!role) throw notFound();
    return { account, relation: 'member', role, edit: canEditContacts({ relation: 'member', role }) };
  }
  const role = await roleIn(via);
  if (!role) throw notFound();
  return { account, relation: 'reseller', role, edit: canEditContacts({ relation: 'reseller', role }) };
}

/** The contacts of several accounts at once, by account id. */
export async function loadContacts(tx: Tx, accountIds: string[]): Promise<Map<string, ContactsByKind>> {
  const result = new Map<string, ContactsByKind>(accountIds.map((id) => [id, {}]));
  if (accountIds.length === 0) return result;
  const rows = await tx
    .select({ accountId: accountContacts.accountId, kind: accountContacts.kind, name: accountContacts.name, email: accountContacts.email })
    .from(accountContacts)
    .where(inArray(accountContacts.accountId, accountIds));
  for (const r of rows) result.get(r.accountId)![r.kind] = { name: r.name, email: r.email };
  return result;
}

export type ContactRow = ContactCard & { kind: ContactKind; updatedAt: Date; updatedByName: string | null };

/** An account's contacts for its contacts page, after checking the actor may see them. */
export async function getContacts(db: Db, p: { actorUserId: string; accountId: string; viaResellerId?: string }) {
  const access = await contactsAccess(db, p);
  const rows = await db
    .select({
      kind: accountContacts.kind,
      name: accountContacts.name,
      email: accountContacts.email,
      updatedAt: accountContacts.updatedAt,
      updatedByName: users.name,
    })
    .from(accountContacts)
    .leftJoin(users, eq(users.id, accountContacts.updatedByUserId))
    .where(eq(accountContacts.accountId, access.account.id));
  const contacts: Partial<Record<ContactKind, ContactRow>> = {};
  for (const r of rows) contacts[r.kind] = r;
  return { ...access, contacts };
}

/** A reseller's customers with their contacts, for the reseller's contacts page. */
export async function listCustomerContacts(db: Db, p: { actorUserId: string; resellerId: string }) {
  const access = await contactsAccess(db, { actorUserId: p.actorUserId, accountId: p.resellerId });
  if (!access.account.isReseller) return [];
  const customers = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.resellerId, p.resellerId))
    .orderBy(asc(accounts.name));
  const contacts = await loadContacts(db, customers.map((c) => c.id));
  return customers.map((c) => ({ ...c, contacts: contacts.get(c.id) ?? {} }));
}

/**
 * Replaces an account's contacts (a null contact is removed) and writes one
 * audit entry per changed contact, in the account's log and, when a reseller
 * made the change, in the reseller's log too.
 */
export async function updateContacts(
  db: Db,
  p: { actorUserId: string; accountId: string; viaResellerId?: string; contacts: ContactsInput; meta: RequestMeta },
): Promise<{ changed: ContactKind[] }> {
  return db.transaction(async (tx) => {
    const access = await contactsAccess(tx, p);
    if (!access.edit.allowed) throw new DomainError('forbidden', access.edit.reason);
    const before = await loadContacts(tx, [access.account.id]).then((m) => m.get(access.account.id)!);
    const changed: ContactKind[] = [];
    for (const kind of CONTACT_KINDS) {
      const next = p.contacts[kind];
      const prev = before[kind];
      if (next?.name === prev?.name && next?.email === prev?.email) continue;
      changed.push(kind);
      if (next) {
        await tx
          .insert(accountContacts)
          .values({ accountId: access.account.id, kind, name: next.name, email: next.email, updatedByUserId: p.actorUserId })
          .onConflictDoUpdate({
            target: [accountContacts.accountId, accountContacts.kind],
            set: { name: next.name, email: next.email, updatedAt: new Date(), updatedByUserId: p.actorUserId },
          });
      } else {
        await tx.delete(accountContacts).where(and(eq(accountContacts.accountId, access.account.id), eq(accountContacts.kind, kind)));
      }
    }
    const details = (kind: ContactKind) => ({
      kind,
      accountName: access.account.name,
      before: before[kind] ?? null,
      after: p.contacts[kind],
    });
    await recordAudit(tx, [
      ...changed.map((kind) => ({ accountId: access.account.id, actorUserId: p.actorUserId, action: 'contact.updated' as const, details: details(kind), meta: p.meta })),
      ...(access.relation === 'reseller'
        ? changed.map((kind) => ({
            accountId: p.viaResellerId!,
            actorUserId: p.actorUserId,
            action: 'contact.updated' as const,
            details: { ...details(kind), customerAccountId: access.account.id },
            meta: p.meta,
          }))
        : []),
    ]);
    return { changed };
  });
}

/** Whom a member who may not change the contacts can ask. */
export function listContactEditors(tx: Tx, p: { accountId: string }) {
  return tx
    .select({ name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, p.accountId), inArray(memberships.role, [...CONTACT_EDITOR_ROLES])))
    .orderBy(memberships.role, users.name);
}
