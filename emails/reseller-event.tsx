import { eventSubject, eventEmailProps, sampleEventProps, type EventEmailProps } from './_components/event-body';
import { eventTemplates } from './events';
import { getEvent } from '@/lib/events/catalog';

export { eventEmailProps as resellerEventProps };

const templateFor = (eventKey: string) => eventTemplates[getEvent(eventKey).group];

/** The subject of an event e-mail (one line; "[Test] …" for a test send). */
export const resellerEventSubject = (props: EventEmailProps) =>
  eventSubject(eventEmailProps.parse(props), (p) => templateFor(props.eventKey).content[props.eventKey](p));

/** Any reseller event e-mail: the template of the event's group (emails/events/<group>.tsx). */
export default function ResellerEventEmail(props: EventEmailProps) {
  const Template = templateFor(props.eventKey).component;
  return <Template {...props} />;
}

ResellerEventEmail.PreviewProps = {
  ...sampleEventProps,
  eventKey: 'quotes.accepted',
  groupTitle: 'Quotes',
  eventTitle: 'Quotes – accepted',
  data: { quote_number: 'Q-2026-0142', quote_title: 'Microsoft 365 E3 – 25 seats', amount: '€ 4,950.00' },
  test: { to: ['Sam Sales <sam@skyline.example>'], cc: ['Rita Reseller <rita@skyline.example>'] },
} satisfies EventEmailProps;
