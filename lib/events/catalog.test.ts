// The event catalog against seed 002: every event, in its group, with the
// recipients the seed names — written out here, not derived from the code.
import { describe, expect, it } from 'vitest';
import { allEvents, eventCatalog, findEvent } from './catalog';
import { recipientLabel, recipientListSchema } from './recipients';

// event key → [title, To, CC] as the seed describes them ("primairy" → primary and the like fixed).
const seed: Record<string, [title: string, to: string[], cc: string[]]> = {
  'invoices.document_downloadable_customer': ['Invoices – document downloadable (consumer is a customer)', ['Customer billing contact'], ['Customer primary contact']],
  'invoices.document_downloadable_reseller': ['Invoices – document downloadable (consumer is a reseller)', ['Reseller billing contact'], ['Reseller primary contact']],
  'offers.available': ['Offers – became available', ['Reseller primary contact'], []],
  'offers.unavailable': ['Offers – became unavailable', ['Reseller primary contact'], []],
  'organizations.customer_approval_pending': ['Organizations – customer approval pending', ['Reseller primary contact'], []],
  'organizations.customer_created_during_sync': ['Organizations – customer created during sync', ['Reseller primary contact'], []],
  'organizations.new_organization_signed_up': ['Organizations – new organization signed up', ['Reseller primary contact'], []],
  'organizations.new_tenant_created': ['Organizations – new tenant created', ['User who initiated it'], ['Reseller primary contact', 'Customer primary contact']],
  'organizations.status_changed': ['Organizations – status changed', ['Customer primary contact'], []],
  'payments.card_payment_failed': ['Payments – automatic card payment failed', ['Customer billing contact', 'Customer primary contact'], ['Reseller billing contact', 'Reseller primary contact']],
  'payments.card_payment_succeeded': ['Payments – automatic card payment successful', ['Customer billing contact', 'Customer primary contact'], ['Reseller billing contact', 'Reseller primary contact']],
  'payments.preferred_currency_reset': ['Payments – preferred currency reset', ['Customer billing contact', 'Customer primary contact'], ['Reseller billing contact', 'Reseller primary contact']],
  'quotes.accepted': ['Quotes – accepted', ['Reseller account manager'], ['Reseller primary contact']],
  'quotes.canceled': ['Quotes – canceled', ['User who initiated it'], ['Customer primary contact']],
  'quotes.change_requested': ['Quotes – change requested', ['Reseller account manager'], ['Reseller primary contact']],
  'quotes.rejected': ['Quotes – rejected', ['User who initiated it'], ['Reseller primary contact']],
  'quotes.sent': ['Quotes – sent/received', ['User who initiated it'], ['Customer primary contact', 'Reseller primary contact']],
  'subscriptions.change_failed': ['Subscriptions – change failed', ['User who initiated it'], ['Reseller primary contact']],
  'subscriptions.change_succeeded': ['Subscriptions – change successful', ['User who initiated it'], ['Reseller primary contact']],
  'subscriptions.order_placed': ['Subscriptions – order placed', ['User who initiated it'], ['Reseller primary contact']],
  'subscriptions.provisioning_failed': ['Subscriptions – provisioning failed', ['User who initiated it'], ['Reseller primary contact']],
  'subscriptions.provisioning_succeeded': ['Subscriptions – provisioning successful', ['User who initiated it'], ['Reseller primary contact']],
  'subscriptions.renewal_failed': ['Subscriptions – renewal failed', ['Customer primary contact'], []],
  'subscriptions.renewal_soon': ['Subscriptions – renewal soon', ['Customer primary contact'], []],
  'subscriptions.renewal_succeeded': ['Subscriptions – renewal successful', ['Customer primary contact'], []],
  'subscriptions.expired': ['Subscriptions – subscription expired', ['Customer primary contact'], ['Customer account manager']],
  'subscriptions.order_status_changed': ['Subscriptions – order status changed', ['User who initiated it'], ['Reseller primary contact']],
  'users.email_change_confirmation': ['Users – e-mail change confirmation', ['User who initiated it'], []],
  'users.permissions_assigned': ['Users – new permissions assigned', ['User the event is about'], []],
  'users.user_invited': ['Users – new user invited', ['Invited user'], []],
  'users.password_forgotten': ['Users – user forgot password', ['User who initiated it'], []],
};

describe('event catalog', () => {
  it('has the 31 events of seed 002, each once', () => {
    expect(allEvents).toHaveLength(31);
    expect(allEvents.map((e) => e.key).sort()).toEqual(Object.keys(seed).sort());
  });

  it('has the seven groups in the seed’s order, with corrected descriptions', () => {
    expect(eventCatalog.map((g) => [g.title, g.events.length])).toEqual([
      ['Invoices', 2],
      ['Offers', 2],
      ['Organizations', 5],
      ['Payments', 3],
      ['Quotes', 5],
      ['Subscriptions', 10],
      ['Users', 4],
    ]);
    // The seed says "Subscriptions/Users: notifications that are related to payments".
    for (const g of eventCatalog) expect(g.description).toBe(`Notifications related to ${g.title.toLowerCase()}.`);
  });

  for (const [key, [title, to, cc]] of Object.entries(seed)) {
    it(`${key}: title and default recipients`, () => {
      const event = findEvent(key)!;
      expect(event.title).toBe(title);
      expect(event.key.startsWith(`${event.group}.`)).toBe(true);
      expect(event.defaults.to.map(recipientLabel)).toEqual(to);
      expect(event.defaults.cc.map(recipientLabel)).toEqual(cc);
      // Every default passes the validation the Edit dialog applies.
      expect(recipientListSchema.safeParse(event.defaults).success).toBe(true);
      expect(event.description.length).toBeGreaterThan(20);
    });
  }

  it('shows none of the seed’s typos', () => {
    const text = JSON.stringify(eventCatalog);
    expect(text).not.toMatch(/primairy|succesful|avalable|qoute|Ogranization|Ouotes|\bwil\b|\bthd\b|serveral/i);
  });
});
