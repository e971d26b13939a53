import { eventSubject, eventEmailProps, eventPreviewProps, sampleEventProps, type EventEmailProps } from './_components/event-body';
import { eventTemplates } from './events';

export { eventEmailProps as resellerEventProps };

/** The template of the event's group: the one that says what the event says. */
function templateFor(eventKey: string) {
  const template = Object.values(eventTemplates).find((t) => Object.hasOwn(t.content, eventKey));
  if (!template) throw new Error(`Unknown event "${eventKey}"`);
  return template;
}

/** The subject of an event e-mail (one line; "[Test] …" for a test send). */
export const resellerEventSubject = (props: EventEmailProps) =>
  eventSubject(eventEmailProps.parse(props), (p) => templateFor(props.eventKey).content[props.eventKey](p));

/** Any reseller event e-mail: the template of the event's group (emails/events/<group>.tsx). */
export default function ResellerEventEmail(props: EventEmailProps) {
  const Template = templateFor(props.eventKey).component;
  return <Template {...props} />;
}

ResellerEventEmail.PreviewProps = eventPreviewProps({
  ...sampleEventProps,
  eventKey: 'quotes.accepted',
  groupTitle: 'Quotes',
  eventTitle: 'Quotes – accepted',
  data: { quote_number: 'Q-2026-0142', quote_title: 'Microsoft 365 E3 – 25 seats', amount: '€ 4,950.00' },
  test: { to: ['Sam Sales <sam@skyline.example>'], cc: ['Rita Reseller <rita@skyline.example>'] },
});
