// The Edit dialog's live preview and its "Send test": the event's e-mail for
// a sample customer of the reseller, with the To/CC being edited (not saved).
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { accounts } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/queue';
import { renderMail } from '@/lib/mail/render';
import { findEvent, type EventDefinition } from './catalog';
import { loadContacts } from './contacts';
import { CONTACT_ROLES, recipientLabel, type ContactRole, type ContactsByKind, type RecipientList, type RecipientSpec } from './recipients';
import { eventEmailPropsFor } from './render';
import { eventSettingsAccess } from './settings';

type SampleCustomer = { name: string; contacts: ContactsByKind; sample: boolean };

/** The reseller's first customer (by name), or a made-up one when it has none yet. */
async function sampleCustomer(tx: Tx, resellerId: string): Promise<SampleCustomer> {
  const [first] = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.resellerId, resellerId))
    .orderBy(asc(accounts.name))
    .limit(1);
  if (!first) {
    return {
      name: 'Example Customer Ltd',
      sample: true,
      contacts: {
        primary: { name: 'Casey Customer', email: 'casey@customer.example' },
        billing: { name: 'Bailey Billing', email: 'billing@customer.example' },
      },
    };
  }
  const contacts = await loadContacts(tx, [first.id]);
  return { name: first.name, contacts: contacts.get(first.id) ?? {}, sample: false };
}

/** One line of the preview's To or CC: the recipient, and where it goes for the sample customer. */
export type PreviewRecipient = { label: string; address: string | null; note: string | null };

export type EventPreview = {
  subject: string;
  html: string;
  customerName: string;
  sampleCustomer: boolean;
  to: PreviewRecipient[];
  cc: PreviewRecipient[];
};

/** Where a contact role goes for the sample customer (or the reseller): an address, or why there is none. */
export type RoleAddress = { address: string; note: null } | { address: null; note: string };

/**
 * The address each contact role resolves to right now, for the reseller's first customer (as in the
 * preview) and the reseller itself. The Edit dialog shows it beside each role in To and CC (seed 002:
 * "by default the receiver email address and CC address are already filled in").
 */
export type RecipientAddressBook = { customerName: string; sampleCustomer: boolean; roles: Record<ContactRole, RoleAddress> };

function addressBookFrom(customer: SampleCustomer, reseller: { name: string; contacts: ContactsByKind }): RecipientAddressBook {
  const roles = {} as Record<ContactRole, RoleAddress>;
  for (const role of CONTACT_ROLES) {
    const side = role.startsWith('customer_') ? customer : reseller;
    const kind = role.endsWith('_primary') ? 'primary' : role.endsWith('_billing') ? 'billing' : 'account_manager';
    const card = side.contacts[kind];
    roles[role] = card
      ? { address: `${card.name} <${card.email}>`, note: null }
      : { address: null, note: `${side.name} has no ${kind === 'account_manager' ? 'account manager' : `${kind} contact`}` };
  }
  return { customerName: customer.name, sampleCustomer: customer.sample, roles };
}

async function loadAddressBook(tx: Tx, p: { resellerId: string; resellerName: string }) {
  const customer = await sampleCustomer(tx, p.resellerId);
  const reseller = (await loadContacts(tx, [p.resellerId])).get(p.resellerId) ?? {};
  return { customer, book: addressBookFrom(customer, { name: p.resellerName, contacts: reseller }) };
}

/** The address book of a reseller the actor belongs to (any member may look, as at the preview). */
export async function recipientAddressBook(db: Db, p: { actorUserId: string; accountId: string }): Promise<RecipientAddressBook> {
  const access = await eventSettingsAccess(db, p);
  return (await loadAddressBook(db, { resellerId: access.account.id, resellerName: access.account.name })).book;
}

async function buildPreview(tx: Tx, p: { resellerId: string; resellerName: string; event: EventDefinition; recipients: RecipientList }) {
  const { customer, book } = await loadAddressBook(tx, p);
  const describe = (spec: RecipientSpec): PreviewRecipient => {
    const label = recipientLabel(spec);
    switch (spec.type) {
      case 'address':
        return { label, address: spec.email, note: null };
      case 'contact': {
        const resolved = book.roles[spec.role];
        return { label, address: resolved.address, note: resolved.note === null ? null : `${resolved.note} — skipped` };
      }
      default:
        return { label, address: null, note: 'Named by the event when it happens' };
    }
  };
  const to = p.recipients.to.map(describe);
  const cc = p.recipients.cc.map(describe);
  const nameOf = (line: PreviewRecipient) => line.address?.replace(/\s*<.*$/, '') ?? null;
  const samplePerson = customer.contacts.primary?.name ?? 'Alex Example';
  const greetingNames = p.recipients.to
    .map((spec, i) => (spec.type === 'address' ? null : spec.type === 'contact' ? nameOf(to[i]) : samplePerson))
    .filter((n): n is string => !!n);
  const props = eventEmailPropsFor({
    event: p.event,
    resellerName: p.resellerName,
    customerName: customer.name,
    greetingNames: [...new Set(greetingNames)],
    initiatorName: samplePerson,
    personName: samplePerson,
    data: p.event.sampleData,
  });
  return { customer, props, to, cc };
}

function requireEvent(eventKey: string) {
  const event = findEvent(eventKey);
  if (!event) throw new DomainError('invalid', `Unknown event “${eventKey}”.`);
  return event;
}

/** Renders the event's e-mail for a sample customer with the given (unsaved) To/CC. Any member of the reseller may look. */
export async function previewEvent(db: Db, p: { actorUserId: string; accountId: string; eventKey: string; recipients: RecipientList }): Promise<EventPreview> {
  const event = requireEvent(p.eventKey);
  const access = await eventSettingsAccess(db, p);
  const { customer, props, to, cc } = await buildPreview(db, { resellerId: access.account.id, resellerName: access.account.name, event, recipients: p.recipients });
  const rendered = await renderMail('reseller-event', props);
  return { subject: rendered.subject, html: rendered.html, customerName: customer.name, sampleCustomer: customer.sample, to, cc };
}

/**
 * Sends the preview to the signed-in person only (never to the customer), as
 * a "[Test]" e-mail that says who the real one would reach. Queued through the
 * transactional mail outbox, so it lands in the local mailbox without Resend.
 */
export async function sendEventTest(
  db: Db,
  p: { actorUserId: string; actorEmail: string; accountId: string; eventKey: string; recipients: RecipientList; meta: RequestMeta },
): Promise<{ sentTo: string }> {
  const event = requireEvent(p.eventKey);
  return db.transaction(async (tx) => {
    const access = await eventSettingsAccess(tx, p);
    if (!access.manage.allowed) throw new DomainError('forbidden', access.manage.reason);
    const { props, to, cc } = await buildPreview(tx, { resellerId: access.account.id, resellerName: access.account.name, event, recipients: p.recipients });
    const line = (r: (typeof to)[number]) => (r.address && r.address !== r.label ? `${r.label} (${r.address})` : r.label);
    await queueMail(tx, {
      to: [p.actorEmail],
      template: 'reseller-event',
      props: { ...props, test: { to: to.map(line), cc: cc.map(line) } },
      accountId: access.account.id,
    });
    return { sentTo: p.actorEmail };
  });
}
