// Event settings in the domain layer: who may switch events and edit their
// recipients (only the reseller's Owner and Account Admins), what is stored
// and audited, the preview and the test send.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountContacts, auditLog, eventSettings, mailMessages } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import { DomainError } from '@/lib/errors';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { getEvent } from './catalog';
import { previewEvent, sendEventTest } from './preview';
import type { RecipientList } from './recipients';
import { listEventSettings, setEventEnabled, updateEventRecipients } from './settings';

const t = setupTestDatabase();
const meta: RequestMeta = { ip: '203.0.113.7', userAgent: 'vitest' };
let reseller: CreatedAccount;
let customer: CreatedAccount;
let otherReseller: CreatedAccount;
const person = (a: CreatedAccount, role: string) => (role === 'owner' ? a.owner : a.members.find((m) => m.role === role)!);

beforeAll(async () => {
  reseller = await createAccount(t.db, {
    name: 'Skyline <b>Reseller</b>',
    isReseller: true,
    members: [
      { role: 'owner', name: 'Rita Reseller', email: 'rita@skyline.test' },
      { role: 'account_admin' },
      { role: 'billing_admin' },
      { role: 'user_admin' },
      { role: 'subscriber' },
      { role: 'project_member' },
    ],
  });
  customer = await createAccount(t.db, { name: 'Acme Corp', resellerId: reseller.accountId, members: [{ role: 'account_admin' }] });
  otherReseller = await createAccount(t.db, { name: 'Other Reseller', isReseller: true });
  await t.db.insert(accountContacts).values([
    { accountId: reseller.accountId, kind: 'primary', name: 'Rita Reseller', email: 'rita@skyline.test' },
    { accountId: reseller.accountId, kind: 'account_manager', name: 'Sam Sales', email: 'sam@skyline.test' },
    { accountId: customer.accountId, kind: 'primary', name: 'Carl Customer', email: 'carl@acme.test' },
  ]);
});

const denied = async (p: Promise<unknown>, code: DomainError['code']) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e, `expected DomainError ${code}`).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
};

const toggle = (actorUserId: string, enabled: boolean, accountId = reseller.accountId, eventKey = 'quotes.accepted') =>
  setEventEnabled(t.db, { actorUserId, accountId, eventKey, enabled, meta });

const edit = (actorUserId: string, recipients: RecipientList, accountId = reseller.accountId) =>
  updateEventRecipients(t.db, { actorUserId, accountId, eventKey: 'quotes.accepted', recipients, meta });

const customRecipients: RecipientList = {
  to: [{ type: 'contact', role: 'reseller_account_manager' }],
  cc: [{ type: 'contact', role: 'reseller_primary' }, { type: 'address', email: 'sales-team@skyline.test' }],
};

describe('event settings', () => {
  it('lists all 31 events, off and with their defaults, until someone changes them', async () => {
    const { settings, manage } = await listEventSettings(t.db, { actorUserId: reseller.owner.userId, accountId: reseller.accountId });
    expect(manage.allowed).toBe(true);
    expect(Object.values(settings)).toHaveLength(31);
    expect(Object.values(settings).every((s) => !s.enabled && !s.customized)).toBe(true);
    expect(settings['quotes.accepted'].recipients).toEqual(getEvent('quotes.accepted').defaults);
  });

  it('lets the reseller’s Owner and Account Admins switch an event on and off, audited once per change', async () => {
    for (const role of ['owner', 'account_admin']) {
      const actor = person(reseller, role).userId;
      expect(await toggle(actor, true)).toEqual({ enabled: true, changed: true });
      expect(await toggle(actor, true)).toEqual({ enabled: true, changed: false });
      const { settings } = await listEventSettings(t.db, { actorUserId: actor, accountId: reseller.accountId });
      expect(settings['quotes.accepted'].enabled).toBe(true);
      expect(await toggle(actor, false)).toEqual({ enabled: false, changed: true });
    }
    const entries = await t.db
      .select({ action: auditLog.action, details: auditLog.details, ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.accountId, reseller.accountId)))
      .orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual(['event.enabled', 'event.disabled', 'event.enabled', 'event.disabled']);
    expect(entries[0]).toMatchObject({ details: { eventKey: 'quotes.accepted', eventTitle: 'Quotes – accepted' }, ip: '203.0.113.7' });
  });

  it('refuses the reseller’s other roles, with the reason', async () => {
    for (const role of ['billing_admin', 'user_admin', 'subscriber', 'project_member']) {
      await denied(toggle(person(reseller, role).userId, true), 'forbidden');
      await denied(edit(person(reseller, role).userId, customRecipients), 'forbidden');
    }
    // They may still look.
    const view = await listEventSettings(t.db, { actorUserId: person(reseller, 'billing_admin').userId, accountId: reseller.accountId });
    expect(view.manage).toEqual({ allowed: false, reason: expect.stringContaining('Owner and Account Administrators') });
  });

  it('refuses customers and other accounts as if the reseller did not exist', async () => {
    for (const actor of [customer.owner, person(customer, 'account_admin'), otherReseller.owner]) {
      await denied(toggle(actor.userId, true), 'not_found');
      await denied(edit(actor.userId, customRecipients), 'not_found');
      await denied(listEventSettings(t.db, { actorUserId: actor.userId, accountId: reseller.accountId }), 'not_found');
    }
    // A customer account has no event settings of its own.
    await denied(toggle(customer.owner.userId, true, customer.accountId), 'not_found');
    const rows = await t.db.select().from(eventSettings).where(eq(eventSettings.accountId, customer.accountId));
    expect(rows).toHaveLength(0);
  });

  it('refuses an unknown event', async () => {
    await denied(toggle(reseller.owner.userId, true, reseller.accountId, 'quotes.stolen'), 'invalid');
  });

  it('saves edited To/CC, keeps the switch as it was, and audits the change', async () => {
    await toggle(reseller.owner.userId, true);
    const result = await edit(person(reseller, 'account_admin').userId, customRecipients);
    expect(result).toMatchObject({ customized: true, changed: true });
    const { settings } = await listEventSettings(t.db, { actorUserId: reseller.owner.userId, accountId: reseller.accountId });
    expect(settings['quotes.accepted']).toMatchObject({ enabled: true, customized: true, recipients: customRecipients });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, reseller.accountId), eq(auditLog.action, 'event.recipients_changed')));
    expect(entry.details).toMatchObject({
      eventKey: 'quotes.accepted',
      after: { to: ['Reseller account manager'], cc: ['Reseller primary contact', 'sales-team@skyline.test'] },
      before: { to: ['Reseller account manager'], cc: ['Reseller primary contact'] },
    });
    // Saving the same again changes nothing and logs nothing.
    expect((await edit(reseller.owner.userId, customRecipients)).changed).toBe(false);
  });

  it('stores "defaults" after Reset to defaults, so the event follows the catalog', async () => {
    await edit(reseller.owner.userId, getEvent('quotes.accepted').defaults);
    const [row] = await t.db
      .select()
      .from(eventSettings)
      .where(and(eq(eventSettings.accountId, reseller.accountId), eq(eventSettings.eventKey, 'quotes.accepted')));
    expect(row).toMatchObject({ enabled: true, to: null, cc: null });
  });

  it('rejects more than 10 CC, duplicates, no To, and header injection, changing nothing', async () => {
    const before = await t.db.select().from(eventSettings).where(eq(eventSettings.accountId, reseller.accountId));
    const address = (email: string) => ({ type: 'address' as const, email });
    const bad: Array<[RecipientList, RegExp]> = [
      [{ to: customRecipients.to, cc: Array.from({ length: 11 }, (_, i) => address(`cc${i}@skyline.test`)) }, /at most 10/],
      [{ to: customRecipients.to, cc: [{ type: 'contact', role: 'reseller_account_manager' }] }, /already in To/],
      [{ to: [], cc: customRecipients.cc }, /at least one recipient to To/],
      [{ to: [address('sales@skyline.test\r\nBcc: everyone@victim.test')], cc: [] }, /control characters/],
      [{ to: [address('sales@skyline.test%0ABcc:x@y.z')], cc: [] }, /valid e-mail address/],
    ];
    for (const [recipients, message] of bad) {
      const e = await edit(reseller.owner.userId, recipients).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toMatch(message);
    }
    expect(await t.db.select().from(eventSettings).where(eq(eventSettings.accountId, reseller.accountId))).toEqual(before);
  });
});

describe('preview and test send', () => {
  it('renders the branded e-mail for the first customer with the unsaved recipients, escaping the reseller’s name', async () => {
    const preview = await previewEvent(t.db, {
      actorUserId: person(reseller, 'billing_admin').userId,
      accountId: reseller.accountId,
      eventKey: 'quotes.accepted',
      recipients: customRecipients,
    });
    expect(preview.customerName).toBe('Acme Corp');
    expect(preview.subject).toBe('Quote Q-2026-0142 was accepted by Acme Corp');
    expect(preview.html).toContain('on behalf of');
    expect(preview.html).toContain('Skyline &lt;b&gt;Reseller&lt;/b&gt;');
    expect(preview.html).not.toContain('<b>Reseller</b>');
    expect(preview.html).toContain('Hello Sam Sales,');
    expect(preview.to).toEqual([{ label: 'Reseller account manager', address: 'Sam Sales <sam@skyline.test>', note: null }]);
    expect(preview.cc).toEqual([
      { label: 'Reseller primary contact', address: 'Rita Reseller <rita@skyline.test>', note: null },
      { label: 'sales-team@skyline.test', address: 'sales-team@skyline.test', note: null },
    ]);
  });

  it('notes recipients the sample customer lacks', async () => {
    const preview = await previewEvent(t.db, {
      actorUserId: reseller.owner.userId,
      accountId: reseller.accountId,
      eventKey: 'payments.card_payment_failed',
      recipients: getEvent('payments.card_payment_failed').defaults,
    });
    expect(preview.to[0]).toEqual({ label: 'Customer billing contact', address: null, note: 'Acme Corp has no billing contact — skipped' });
  });

  it('queues a [Test] e-mail to the signed-in manager only', async () => {
    const result = await sendEventTest(t.db, {
      actorUserId: reseller.owner.userId,
      actorEmail: 'rita@skyline.test',
      accountId: reseller.accountId,
      eventKey: 'quotes.accepted',
      recipients: customRecipients,
      meta,
    });
    expect(result).toEqual({ sentTo: 'rita@skyline.test' });
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.template, 'reseller-event'));
    expect(mail).toMatchObject({ to: ['rita@skyline.test'], cc: [], accountId: reseller.accountId });
    expect(mail.props).toMatchObject({ eventKey: 'quotes.accepted', test: { cc: ['Reseller primary contact (Rita Reseller <rita@skyline.test>)', 'sales-team@skyline.test'] } });
    await denied(
      sendEventTest(t.db, {
        actorUserId: person(reseller, 'billing_admin').userId,
        actorEmail: person(reseller, 'billing_admin').email,
        accountId: reseller.accountId,
        eventKey: 'quotes.accepted',
        recipients: customRecipients,
        meta,
      }),
      'forbidden',
    );
  });
});
