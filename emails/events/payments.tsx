import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

/** Per-event content of the Payments group. */
export const paymentsContent: Record<string, EventContentFor> = {
  'payments.card_payment_failed': (p) => ({
    subject: `Automatic card payment failed for ${p.customerName}`,
    heading: 'An automatic card payment failed',
    intro: `The automatic card payment${p.get('amount') ? ` of ${p.get('amount')}` : ''} for ${p.customerName} did not go through${p.get('reason') ? `: ${p.get('reason')}` : ''}. Please update the payment card or pay the invoice another way to avoid interruptions.`,
    actionLabel: 'Update payment method',
  }),
  'payments.card_payment_succeeded': (p) => ({
    subject: `Automatic card payment received from ${p.customerName}`,
    heading: 'Your automatic card payment was successful',
    intro: `The automatic card payment${p.get('amount') ? ` of ${p.get('amount')}` : ''} for ${p.customerName} was successful. Thank you.`,
    actionLabel: 'View payment',
  }),
  'payments.preferred_currency_reset': (p) => ({
    subject: `The preferred currency of ${p.customerName} changed`,
    heading: 'The preferred currency was reset',
    intro: `The preferred currency of ${p.customerName} was reset${p.get('previous_currency') ? ` from ${p.get('previous_currency')}` : ''}${p.get('new_currency') ? ` to ${p.get('new_currency')}` : ''}. New invoices and quotes use it from now on.`,
    actionLabel: 'View billing settings',
  }),
};

export default function PaymentsEmail(props: EventEmailProps) {
  return <EventEmail accent="#b45309" content={(p) => paymentsContent[p.eventKey](p)} {...props} />;
}

PaymentsEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'payments.card_payment_failed',
  groupTitle: 'Payments',
  eventTitle: 'Payments – automatic card payment failed',
  data: { amount: '€ 412.00', card: 'Visa ending in 4242', reason: 'The card has expired' },
});
