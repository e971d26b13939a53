// The reseller event catalog (seed 002): every event a reseller can send to
// its customers, in its group, with the recipients the seed names for it.
// One source of truth for the Events page, the Edit dialog, the templates
// and the event API. The seed's typos are fixed here, in what users see.
import type { ContactRole, RecipientList, RecipientSpec } from './recipient-spec';

export type EventGroupKey = 'invoices' | 'offers' | 'organizations' | 'payments' | 'quotes' | 'subscriptions' | 'users';

/** Example values for the preview and test e-mail; the API's `data` uses the same keys. */
export type EventData = Record<string, string | number | boolean>;

export type EventDefinition = {
  /** `<group>.<event>`, as the event API names it. */
  key: string;
  group: EventGroupKey;
  /** "Quotes – accepted" */
  title: string;
  /** Who receives it and when, as the Events page explains it. */
  description: string;
  defaults: RecipientList;
  sampleData: EventData;
};

export type EventGroup = { key: EventGroupKey; title: string; description: string; events: readonly EventDefinition[] };

const contact = (role: ContactRole): RecipientSpec => ({ type: 'contact', role });
const initiator: RecipientSpec = { type: 'initiator' };
const c = {
  customerPrimary: contact('customer_primary'),
  customerBilling: contact('customer_billing'),
  customerAccountManager: contact('customer_account_manager'),
  resellerPrimary: contact('reseller_primary'),
  resellerBilling: contact('reseller_billing'),
  resellerAccountManager: contact('reseller_account_manager'),
};

type Draft = Omit<EventDefinition, 'group'>;
const group = (key: EventGroupKey, title: string, description: string, events: Draft[]): EventGroup => ({
  key,
  title,
  description,
  events: events.map((e) => ({ ...e, group: key })),
});

const invoiceSample: EventData = { invoice_number: 'INV-2026-00381', amount: '€ 1,284.50', due_date: '15 December 2026' };
const offerSample: EventData = { offer: 'Microsoft 365 Business Premium (annual)', vendor: 'Microsoft' };
const paymentSample: EventData = { amount: '€ 412.00', card: 'Visa ending in 4242', invoice_number: 'INV-2026-00377' };
const quoteSample: EventData = { quote_number: 'Q-2026-0142', quote_title: 'Microsoft 365 E3 – 25 seats', amount: '€ 4,950.00' };
const subscriptionSample: EventData = { subscription: 'Microsoft 365 E3', quantity: 25, order_number: 'ORD-88213' };
const renewalSample: EventData = { subscription: 'Microsoft 365 E3', quantity: 25, renewal_date: '1 January 2027' };

/** The seven groups in the order the Events page shows them. */
export const eventCatalog: readonly EventGroup[] = [
  group('invoices', 'Invoices', 'Notifications related to invoices.', [
    {
      key: 'invoices.document_downloadable_customer',
      title: 'Invoices – document downloadable (consumer is a customer)',
      description: 'The customer receives a notification when an invoice is available for download.',
      defaults: { to: [c.customerBilling], cc: [c.customerPrimary] },
      sampleData: invoiceSample,
    },
    {
      key: 'invoices.document_downloadable_reseller',
      title: 'Invoices – document downloadable (consumer is a reseller)',
      description: 'The reseller receives a notification when an invoice is available for download.',
      defaults: { to: [c.resellerBilling], cc: [c.resellerPrimary] },
      sampleData: invoiceSample,
    },
  ]),
  group('offers', 'Offers', 'Notifications related to offers.', [
    {
      key: 'offers.available',
      title: 'Offers – became available',
      description: 'The reseller receives a notification when an offer becomes available.',
      defaults: { to: [c.resellerPrimary], cc: [] },
      sampleData: offerSample,
    },
    {
      key: 'offers.unavailable',
      title: 'Offers – became unavailable',
      description: 'The reseller receives a notification when an offer becomes unavailable.',
      defaults: { to: [c.resellerPrimary], cc: [] },
      sampleData: offerSample,
    },
  ]),
  group('organizations', 'Organizations', 'Notifications related to organizations.', [
    {
      key: 'organizations.customer_approval_pending',
      title: 'Organizations – customer approval pending',
      description: 'The reseller receives a notification when a customer is waiting for approval.',
      defaults: { to: [c.resellerPrimary], cc: [] },
      sampleData: { requested_by: 'Carl Customer', requested_on: '20 November 2026' },
    },
    {
      key: 'organizations.customer_created_during_sync',
      title: 'Organizations – customer created during sync',
      description: 'The reseller receives a notification when a customer is created on the platform by a synchronization.',
      defaults: { to: [c.resellerPrimary], cc: [] },
      sampleData: { source: 'Microsoft Partner Center', tenant_domain: 'acme.onmicrosoft.com' },
    },
    {
      key: 'organizations.new_organization_signed_up',
      title: 'Organizations – new organization signed up',
      description: 'The reseller receives a notification when a new organization has signed up.',
      defaults: { to: [c.resellerPrimary], cc: [] },
      sampleData: { signed_up_by: 'Carl Customer', country: 'Netherlands' },
    },
    {
      key: 'organizations.new_tenant_created',
      title: 'Organizations – new tenant created',
      description: 'The user who initiated the tenant, the reseller and the customer receive a notification when the new tenant is created.',
      defaults: { to: [initiator], cc: [c.resellerPrimary, c.customerPrimary] },
      sampleData: { tenant_domain: 'acme.onmicrosoft.com', vendor: 'Microsoft' },
    },
    {
      key: 'organizations.status_changed',
      title: 'Organizations – status changed',
      description: 'The customer receives a notification when the status of their organization changes.',
      defaults: { to: [c.customerPrimary], cc: [] },
      sampleData: { previous_status: 'Pending approval', new_status: 'Active' },
    },
  ]),
  group('payments', 'Payments', 'Notifications related to payments.', [
    {
      key: 'payments.card_payment_failed',
      title: 'Payments – automatic card payment failed',
      description:
        'The customer billing and primary contacts and the reseller billing and primary contacts receive a notification when an automatic card payment fails.',
      defaults: { to: [c.customerBilling, c.customerPrimary], cc: [c.resellerBilling, c.resellerPrimary] },
      sampleData: { ...paymentSample, reason: 'The card has expired' },
    },
    {
      key: 'payments.card_payment_succeeded',
      title: 'Payments – automatic card payment successful',
      description:
        'The customer billing and primary contacts and the reseller billing and primary contacts receive a notification when an automatic card payment succeeds.',
      defaults: { to: [c.customerBilling, c.customerPrimary], cc: [c.resellerBilling, c.resellerPrimary] },
      sampleData: paymentSample,
    },
    {
      key: 'payments.preferred_currency_reset',
      title: 'Payments – preferred currency reset',
      description:
        'The customer billing and primary contacts and the reseller billing and primary contacts receive a notification when the preferred currency is reset or changed.',
      defaults: { to: [c.customerBilling, c.customerPrimary], cc: [c.resellerBilling, c.resellerPrimary] },
      sampleData: { previous_currency: 'USD', new_currency: 'EUR' },
    },
  ]),
  group('quotes', 'Quotes', 'Notifications related to quotes.', [
    {
      key: 'quotes.accepted',
      title: 'Quotes – accepted',
      description: 'The reseller account manager and the reseller primary contact receive a notification when the customer accepts a quote.',
      defaults: { to: [c.resellerAccountManager], cc: [c.resellerPrimary] },
      sampleData: quoteSample,
    },
    {
      key: 'quotes.canceled',
      title: 'Quotes – canceled',
      description: 'The user who canceled the quote and the customer primary contact receive a notification when a quote is canceled.',
      defaults: { to: [initiator], cc: [c.customerPrimary] },
      sampleData: quoteSample,
    },
    {
      key: 'quotes.change_requested',
      title: 'Quotes – change requested',
      description: 'The reseller account manager and the reseller primary contact receive a notification when the customer requests a change to a quote.',
      defaults: { to: [c.resellerAccountManager], cc: [c.resellerPrimary] },
      sampleData: { ...quoteSample, comment: 'Could you add 5 more seats?' },
    },
    {
      key: 'quotes.rejected',
      title: 'Quotes – rejected',
      description: 'The user who rejected the quote and the reseller primary contact receive a notification that the quote was rejected.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: quoteSample,
    },
    {
      key: 'quotes.sent',
      title: 'Quotes – sent/received',
      description:
        'The user who sent or received the quote, the customer primary contact and the reseller primary contact receive a notification that the quote was sent or received.',
      defaults: { to: [initiator], cc: [c.customerPrimary, c.resellerPrimary] },
      sampleData: { ...quoteSample, valid_until: '31 December 2026' },
    },
  ]),
  group('subscriptions', 'Subscriptions', 'Notifications related to subscriptions.', [
    {
      key: 'subscriptions.change_failed',
      title: 'Subscriptions – change failed',
      description: 'The user who initiated the change and the reseller primary contact receive a notification when a subscription change fails.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: { ...subscriptionSample, change: 'Quantity 25 → 30', reason: 'The vendor refused the change' },
    },
    {
      key: 'subscriptions.change_succeeded',
      title: 'Subscriptions – change successful',
      description: 'The user who initiated the change and the reseller primary contact receive a notification when a subscription change succeeds.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: { ...subscriptionSample, change: 'Quantity 25 → 30' },
    },
    {
      key: 'subscriptions.order_placed',
      title: 'Subscriptions – order placed',
      description: 'The user who placed the order and the reseller primary contact receive a notification that an order has been placed.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: subscriptionSample,
    },
    {
      key: 'subscriptions.provisioning_failed',
      title: 'Subscriptions – provisioning failed',
      description: 'The user who initiated the provisioning and the reseller primary contact receive a notification when provisioning fails.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: { ...subscriptionSample, reason: 'The tenant domain is not verified' },
    },
    {
      key: 'subscriptions.provisioning_succeeded',
      title: 'Subscriptions – provisioning successful',
      description: 'The user who initiated the provisioning and the reseller primary contact receive a notification when provisioning succeeds.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: subscriptionSample,
    },
    {
      key: 'subscriptions.renewal_failed',
      title: 'Subscriptions – renewal failed',
      description: 'The customer primary contact receives a notification when a renewal fails.',
      defaults: { to: [c.customerPrimary], cc: [] },
      sampleData: { ...renewalSample, reason: 'The payment was declined' },
    },
    {
      key: 'subscriptions.renewal_soon',
      title: 'Subscriptions – renewal soon',
      description: 'The customer primary contact receives a notification when a subscription is about to renew.',
      defaults: { to: [c.customerPrimary], cc: [] },
      sampleData: renewalSample,
    },
    {
      key: 'subscriptions.renewal_succeeded',
      title: 'Subscriptions – renewal successful',
      description: 'The customer primary contact receives a notification when a renewal succeeds.',
      defaults: { to: [c.customerPrimary], cc: [] },
      sampleData: renewalSample,
    },
    {
      key: 'subscriptions.expired',
      title: 'Subscriptions – subscription expired',
      description: 'The customer primary contact and the customer account manager receive a notification when a subscription has expired.',
      defaults: { to: [c.customerPrimary], cc: [c.customerAccountManager] },
      sampleData: { subscription: 'Microsoft 365 E3', quantity: 25, expired_on: '30 November 2026' },
    },
    {
      key: 'subscriptions.order_status_changed',
      title: 'Subscriptions – order status changed',
      description: 'The user who placed the order and the reseller primary contact receive a notification when the status of the order changes.',
      defaults: { to: [initiator], cc: [c.resellerPrimary] },
      sampleData: { ...subscriptionSample, previous_status: 'Pending', new_status: 'Completed' },
    },
  ]),
  group('users', 'Users', 'Notifications related to users.', [
    {
      key: 'users.email_change_confirmation',
      title: 'Users – e-mail change confirmation',
      description: 'The user who changed their e-mail address receives a notification that it has been changed.',
      defaults: { to: [initiator], cc: [] },
      sampleData: { new_email: 'carl.customer@acme.example' },
    },
    {
      key: 'users.permissions_assigned',
      title: 'Users – new permissions assigned',
      description: 'The user who was given new permissions receives a notification that they have been assigned.',
      defaults: { to: [{ type: 'affected_user' }], cc: [] },
      sampleData: { permissions: 'Billing administrator' },
    },
    {
      key: 'users.user_invited',
      title: 'Users – new user invited',
      description: 'The invited user receives a notification about the invitation.',
      defaults: { to: [{ type: 'invited_user' }], cc: [] },
      sampleData: { role: 'Purchaser', expires_on: '27 November 2026' },
    },
    {
      key: 'users.password_forgotten',
      title: 'Users – user forgot password',
      description: 'The user who asked to reset their password receives a notification to reset it.',
      defaults: { to: [initiator], cc: [] },
      sampleData: { expires_in: '1 hour' },
    },
  ]),
];

export const allEvents: readonly EventDefinition[] = eventCatalog.flatMap((g) => g.events);
const byKey = new Map(allEvents.map((e) => [e.key, e]));
export const eventKeys = allEvents.map((e) => e.key) as [string, ...string[]];

export function findEvent(key: string | null | undefined): EventDefinition | null {
  return (key && byKey.get(key)) || null;
}

export function getEvent(key: string): EventDefinition {
  const event = byKey.get(key);
  if (!event) throw new Error(`Unknown event "${key}"`);
  return event;
}

export function getEventGroup(key: EventGroupKey): EventGroup {
  return eventCatalog.find((g) => g.key === key)!;
}
