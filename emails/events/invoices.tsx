import { EventEmail, eventPreviewProps, sampleEventProps, type EventContentFor, type EventEmailProps } from '../_components/event-body';

/** Per-event content of the Invoices group. */
export const invoicesContent: Record<string, EventContentFor> = {
  'invoices.document_downloadable_customer': (p) => ({
    subject: `${p.get('invoice_number') ? `Invoice ${p.get('invoice_number')}` : 'A new invoice'} is ready to download`,
    heading: 'A new invoice is available',
    intro: `${p.resellerName} has made ${p.get('invoice_number') ? `invoice ${p.get('invoice_number')}` : 'a new invoice'} for ${p.customerName} available. You can download it in the portal.`,
    actionLabel: 'Download invoice',
  }),
  'invoices.document_downloadable_reseller': (p) => ({
    subject: `${p.get('invoice_number') ? `Invoice ${p.get('invoice_number')}` : 'A new invoice'} is ready to download`,
    heading: 'A new invoice is available',
    intro: `${p.get('invoice_number') ? `Invoice ${p.get('invoice_number')}` : 'A new invoice'} for ${p.resellerName}, concerning ${p.customerName}, is available. You can download it in the portal.`,
    actionLabel: 'Download invoice',
  }),
};

export default function InvoicesEmail(props: EventEmailProps) {
  return <EventEmail accent="#0f766e" content={(p) => invoicesContent[p.eventKey](p)} {...props} />;
}

InvoicesEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'invoices.document_downloadable_customer',
  groupTitle: 'Invoices',
  eventTitle: 'Invoices – document downloadable (consumer is a customer)',
  data: { invoice_number: 'INV-2026-00381', amount: '€ 1,284.50', due_date: '15 December 2026' },
  action: { label: 'Download invoice', url: 'https://portal.example/invoices/INV-2026-00381' },
});
