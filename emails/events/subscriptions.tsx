import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

type P = Parameters<EventContentFor>[0];
const sub = (p: P) => p.get('subscription') || 'the subscription';
const Sub = (p: P) => p.get('subscription') || 'The subscription';
const order = (p: P) => (p.get('order_number') ? `order ${p.get('order_number')}` : 'the order');
const by = (p: P) => (p.initiatorName ? ` by ${p.initiatorName}` : '');

/** Per-event content of the Subscriptions group. */
export const subscriptionsContent: Record<string, EventContentFor> = {
  'subscriptions.change_failed': (p) => ({
    subject: `Subscription change failed: ${sub(p)}`,
    heading: 'A subscription change failed',
    intro: `The change to ${sub(p)} for ${p.customerName}${p.get('change') ? ` (${p.get('change')})` : ''}, requested${by(p)}, could not be made${p.get('reason') ? `: ${p.get('reason')}` : ''}.`,
    actionLabel: 'View subscription',
  }),
  'subscriptions.change_succeeded': (p) => ({
    subject: `Subscription changed: ${sub(p)}`,
    heading: 'A subscription was changed',
    intro: `The change to ${sub(p)} for ${p.customerName}${p.get('change') ? ` (${p.get('change')})` : ''}, requested${by(p)}, was made successfully.`,
    actionLabel: 'View subscription',
  }),
  'subscriptions.order_placed': (p) => ({
    subject: `Order placed for ${p.customerName}: ${sub(p)}`,
    heading: 'An order was placed',
    intro: `${p.initiatorName ?? 'Someone'} placed ${order(p)} for ${sub(p)} for ${p.customerName}. We will let you know when it has been provisioned.`,
    actionLabel: 'View order',
  }),
  'subscriptions.provisioning_failed': (p) => ({
    subject: `Provisioning failed: ${sub(p)}`,
    heading: 'Provisioning failed',
    intro: `${Sub(p)} for ${p.customerName} could not be provisioned${p.get('reason') ? `: ${p.get('reason')}` : ''}. ${p.resellerName} will look into it.`,
    actionLabel: 'View order',
  }),
  'subscriptions.provisioning_succeeded': (p) => ({
    subject: `Provisioned: ${sub(p)}`,
    heading: 'Provisioning was successful',
    intro: `${Sub(p)} for ${p.customerName} has been provisioned and is ready to use.`,
    actionLabel: 'View subscription',
  }),
  'subscriptions.renewal_failed': (p) => ({
    subject: `Renewal failed: ${sub(p)}`,
    heading: 'A subscription could not be renewed',
    intro: `${Sub(p)} of ${p.customerName} could not be renewed${p.get('reason') ? `: ${p.get('reason')}` : ''}. Please contact ${p.resellerName} to keep using it.`,
    actionLabel: 'View subscription',
  }),
  'subscriptions.renewal_soon': (p) => ({
    subject: `Renewal coming up: ${sub(p)}`,
    heading: 'A subscription renews soon',
    intro: `${Sub(p)} of ${p.customerName} renews${p.get('renewal_date') ? ` on ${p.get('renewal_date')}` : ' soon'}. If you want to change it, do so before then.`,
    actionLabel: 'Review subscription',
  }),
  'subscriptions.renewal_succeeded': (p) => ({
    subject: `Renewed: ${sub(p)}`,
    heading: 'A subscription was renewed',
    intro: `${Sub(p)} of ${p.customerName} was renewed successfully.`,
    actionLabel: 'View subscription',
  }),
  'subscriptions.expired': (p) => ({
    subject: `Subscription expired: ${sub(p)}`,
    heading: 'A subscription has expired',
    intro: `${Sub(p)} of ${p.customerName} has expired${p.get('expired_on') ? ` on ${p.get('expired_on')}` : ''}. Contact ${p.resellerName} if you want to order it again.`,
    actionLabel: 'View subscriptions',
  }),
  'subscriptions.order_status_changed': (p) => ({
    subject: `Order status changed${p.get('new_status') ? ` to ${p.get('new_status')}` : ''}: ${sub(p)}`,
    heading: 'The status of an order changed',
    intro: `The status of ${order(p)} for ${sub(p)} for ${p.customerName} changed${p.get('previous_status') ? ` from ${p.get('previous_status')}` : ''}${p.get('new_status') ? ` to ${p.get('new_status')}` : ''}.`,
    actionLabel: 'View order',
  }),
};

export default function SubscriptionsEmail(props: EventEmailProps) {
  return <EventEmail accent="#15803d" content={(p) => subscriptionsContent[p.eventKey](p)} {...props} />;
}

SubscriptionsEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'subscriptions.order_placed',
  groupTitle: 'Subscriptions',
  eventTitle: 'Subscriptions – order placed',
  data: { subscription: 'Microsoft 365 E3', quantity: 25, order_number: 'ORD-88213' },
});
