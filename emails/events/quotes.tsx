import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

const quote = (p: Parameters<EventContentFor>[0]) => (p.get('quote_number') ? `quote ${p.get('quote_number')}` : 'a quote');
const Quote = (p: Parameters<EventContentFor>[0]) => (p.get('quote_number') ? `Quote ${p.get('quote_number')}` : 'A quote');

/** Per-event content of the Quotes group. */
export const quotesContent: Record<string, EventContentFor> = {
  'quotes.accepted': (p) => ({
    subject: `${Quote(p)} was accepted by ${p.customerName}`,
    heading: 'A quote was accepted',
    intro: `${p.initiatorName ? `${p.initiatorName} of ${p.customerName}` : p.customerName} accepted ${quote(p)}${p.get('quote_title') ? ` (${p.get('quote_title')})` : ''}. You can now turn it into an order.`,
    actionLabel: 'View quote',
  }),
  'quotes.canceled': (p) => ({
    subject: `${Quote(p)} was canceled`,
    heading: 'A quote was canceled',
    intro: `${p.initiatorName ?? 'Someone'} canceled ${quote(p)}${p.get('quote_title') ? ` (${p.get('quote_title')})` : ''} for ${p.customerName}. It can no longer be accepted.`,
    actionLabel: 'View quote',
  }),
  'quotes.change_requested': (p) => ({
    subject: `${p.customerName} requested a change to ${quote(p)}`,
    heading: 'A change to a quote was requested',
    intro: `${p.initiatorName ? `${p.initiatorName} of ${p.customerName}` : p.customerName} asked for a change to ${quote(p)}${p.get('quote_title') ? ` (${p.get('quote_title')})` : ''}. Review the request and send an updated quote.`,
    actionLabel: 'Review quote',
  }),
  'quotes.rejected': (p) => ({
    subject: `${Quote(p)} was rejected`,
    heading: 'A quote was rejected',
    intro: `${p.initiatorName ? `${p.initiatorName} of ${p.customerName}` : p.customerName} rejected ${quote(p)}${p.get('quote_title') ? ` (${p.get('quote_title')})` : ''}.`,
    actionLabel: 'View quote',
  }),
  'quotes.sent': (p) => ({
    subject: `${Quote(p)} for ${p.customerName}`,
    heading: 'A quote was sent',
    intro: `${p.resellerName} sent ${quote(p)}${p.get('quote_title') ? ` (${p.get('quote_title')})` : ''} to ${p.customerName}${p.get('valid_until') ? `. It is valid until ${p.get('valid_until')}` : ''}. Review it in the portal to accept it, ask for a change or reject it.`,
    actionLabel: 'View quote',
  }),
};

export default function QuotesEmail(props: EventEmailProps) {
  return <EventEmail accent="#4f46e5" content={(p) => quotesContent[p.eventKey](p)} {...props} />;
}

QuotesEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'quotes.accepted',
  groupTitle: 'Quotes',
  eventTitle: 'Quotes – accepted',
  greetingNames: ['Sam Sales'],
  data: { quote_number: 'Q-2026-0142', quote_title: 'Microsoft 365 E3 – 25 seats', amount: '€ 4,950.00' },
  action: { label: 'View quote', url: 'https://portal.example/quotes/Q-2026-0142' },
});
