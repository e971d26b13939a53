import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

const offer = (p: Parameters<EventContentFor>[0]) => p.get('offer') || 'An offer';

/** Per-event content of the Offers group. */
export const offersContent: Record<string, EventContentFor> = {
  'offers.available': (p) => ({
    subject: `Offer available: ${offer(p)}`,
    heading: 'An offer became available',
    intro: `${offer(p)} is now available for ${p.customerName}. You can add it to quotes and orders in the portal.`,
    actionLabel: 'View offer',
  }),
  'offers.unavailable': (p) => ({
    subject: `Offer no longer available: ${offer(p)}`,
    heading: 'An offer became unavailable',
    intro: `${offer(p)} is no longer available for ${p.customerName}. Existing subscriptions are not affected; new orders for it are no longer possible.`,
    actionLabel: 'View offers',
  }),
};

export default function OffersEmail(props: EventEmailProps) {
  return <EventEmail accent="#7c3aed" content={(p) => offersContent[p.eventKey](p)} {...props} />;
}

OffersEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'offers.available',
  groupTitle: 'Offers',
  eventTitle: 'Offers – became available',
  data: { offer: 'Microsoft 365 Business Premium (annual)', vendor: 'Microsoft' },
});
