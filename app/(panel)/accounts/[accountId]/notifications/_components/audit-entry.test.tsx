// The audit log's sentences, as the panel shows them, for every action and for
// rows this version cannot read.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readAuditEntry, type AuditEntry } from '@/lib/audit';
import { allEvents } from '@/lib/events/catalog';
import { describeAuditEntry } from './audit-entry';

const text = (row: { action: string; details: unknown }, target: { name?: string | null; email?: string | null } = { name: 'Tom Target' }) =>
  renderToStaticMarkup(<>{describeAuditEntry({ entry: readAuditEntry(row), targetName: target.name ?? null, targetEmail: target.email ?? null })}</>)
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** Typed, so each row is what its writer stores. */
const entry = (e: AuditEntry) => e;
const someEvent = allEvents[0];

describe('every action has its sentence', () => {
  it.each([
    [entry({ action: 'subscription.added', details: { category: 'balance_payments' } }), 'Added Tom Target to Balance and payments'],
    [entry({ action: 'subscription.added', details: { category: 'services', reason: 'former_owner' } }), 'Added Tom Target to Services and facilities'],
    [entry({ action: 'subscription.removed', details: { category: 'accounting_documents', reason: 'role_changed' } }), 'Removed Tom Target from Accounting documents'],
    [entry({ action: 'telegram.connected', details: { via: 'telegram', telegramUsername: null, replacedChat: false } }), 'Tom Target connected Telegram notifications'],
    [entry({ action: 'telegram.disconnected', details: { via: 'panel', telegramUsername: 'tom' } }), 'Tom Target disconnected Telegram notifications'],
    [entry({ action: 'delivery.retried', details: { deliveryId: 7, notificationId: 'n', channel: 'telegram' } }), 'Retried a failed Telegram message to Tom Target'],
    [entry({ action: 'delivery.retried', details: { deliveryId: 7, notificationId: 'n', channel: 'email' } }), 'Retried a failed e-mail to Tom Target'],
    [entry({ action: 'suppression.removed', details: { email: 'tom@example.test' } }), 'Lifted the suppression of tom@example.test (Tom Target)'],
    [entry({ action: 'event.enabled', details: { eventKey: someEvent.key, eventTitle: 'Old title' } }), `Switched on the e-mail for ${someEvent.title}`],
    [entry({ action: 'event.disabled', details: { eventKey: 'gone.event', eventTitle: 'A retired event' } }), 'Switched off the e-mail for A retired event'],
    [
      entry({
        action: 'event.recipients_changed',
        details: { eventKey: someEvent.key, eventTitle: 'x', before: { to: [], cc: [] }, after: { to: ['Primary contact', 'a@example.test'], cc: ['Billing contact'] }, defaults: false },
      }),
      `Changed the recipients of ${someEvent.title}: To Primary contact, a@example.test; CC Billing contact`,
    ],
    [
      entry({ action: 'event.recipients_changed', details: { eventKey: someEvent.key, eventTitle: 'x', before: { to: ['a'], cc: [] }, after: { to: [], cc: [] }, defaults: false } }),
      `Changed the recipients of ${someEvent.title}: To —`,
    ],
    [
      entry({ action: 'event.recipients_changed', details: { eventKey: someEvent.key, eventTitle: 'x', before: { to: [], cc: [] }, after: { to: ['Primary contact'], cc: [] }, defaults: true } }),
      `Reset the recipients of ${someEvent.title} to the defaults`,
    ],
    [
      entry({ action: 'contact.updated', details: { kind: 'billing', accountName: 'Acme Corp', before: null, after: { name: 'Bea Billing', email: 'bea@acme.test' } } }),
      'Set the billing contact of Acme Corp to Bea Billing (bea@acme.test)',
    ],
    [
      entry({ action: 'contact.updated', details: { kind: 'account_manager', accountName: 'Acme Corp', before: { name: 'A', email: 'a@acme.test' }, after: null, customerAccountId: 'c' } }),
      'Removed the account manager of Acme Corp',
    ],
    [entry({ action: 'account.created', details: { ref: 'acme', name: 'Acme Corp' } }), 'Created the account (Acme Corp)'],
    [entry({ action: 'account.updated', details: { before: { name: 'A', isReseller: false }, after: { name: 'B', isReseller: true } } }), 'Changed the account'],
    [entry({ action: 'account.closed', details: { ref: 'acme' } }), 'Closed the account'],
    [entry({ action: 'member.added', details: { role: 'user_admin' } }), 'Added Tom Target to the account as User Administrator'],
    [entry({ action: 'member.added', details: { role: 'project_member' } }), 'Added Tom Target to the account as a project-level user'],
    [entry({ action: 'member.changed', details: { from: 'subscriber', to: 'billing_admin', projectsChanged: false } }), 'Changed the role of Tom Target from Subscriber to Billing Administrator'],
    [entry({ action: 'member.changed', details: { from: 'project_member', to: 'project_member', projectsChanged: true } }), 'Changed the project roles or name of Tom Target'],
    [entry({ action: 'member.removed', details: { role: 'owner' } }), 'Removed Tom Target from the account'],
    [entry({ action: 'project.created', details: { ref: 'web', name: 'Web shop' } }), 'Created a project (Web shop)'],
    [entry({ action: 'project.renamed', details: { ref: 'web', before: 'Web shop', after: 'Shop' } }), 'Renamed a project'],
    [entry({ action: 'project.removed', details: { ref: 'web', name: 'Web shop', members: 2 } }), 'Removed a project (Web shop)'],
    [entry({ action: 'profile.name_changed', details: { from: 'Tom', to: 'Thomas' } }), 'Tom Target changed their name from “Tom” to “Thomas”'],
    [entry({ action: 'profile.name_changed', details: { from: null, to: 'Thomas' } }), 'Tom Target changed their name to “Thomas”'],
  ])('%j', (row, sentence) => {
    expect(text(row)).toBe(sentence);
  });

  it('names the person by e-mail without a name, and a deleted one as a former user', () => {
    const row = { action: 'member.removed', details: { role: 'subscriber' } };
    expect(text(row, { email: 'tom@example.test' })).toBe('Removed tom@example.test from the account');
    expect(text(row, {})).toBe('Removed a former user from the account');
  });
});

describe('a stored row this version cannot read', () => {
  it.each([
    ['an unknown action', { action: 'test.valid', details: {} }, 'test.valid: Tom Target'],
    ['a name of the prototype', { action: 'constructor', details: {} }, 'constructor: Tom Target'],
    ['a category that is not one', { action: 'subscription.added', details: { category: 'weather' } }, 'subscription.added: Tom Target'],
    ['details that are not an object', { action: 'member.added', details: null }, 'member.added: Tom Target'],
    ['a list for details', { action: 'event.enabled', details: ['x'] }, 'event.enabled: Tom Target'],
    ['a field of another type', { action: 'profile.name_changed', details: { from: 1, to: 'x' } }, 'profile.name_changed: Tom Target'],
  ])('is said in general words: %s', (_, row, sentence) => {
    expect(readAuditEntry(row)).toEqual({ action: null, storedAction: row.action });
    expect(text(row)).toBe(sentence);
  });
});
