// Rendering reseller event e-mails (emails/events/<group>.tsx through the
// 'reseller-event' template of lib/mail).
import type { EventEmailData, EventEmailProps } from '@/emails/_components/event-body';
import { renderMail, type RenderedMail } from '@/lib/mail/render';
import { getEventGroup, type EventData, type EventDefinition } from './catalog';

/** Everything an event e-mail says, for one event about one customer. */
export function eventEmailPropsFor(p: {
  event: EventDefinition;
  resellerName: string;
  customerName: string;
  greetingNames: string[];
  initiatorName?: string | null;
  personName?: string | null;
  data: EventData;
  action?: { label: string; url: string } | null;
  test?: { to: string[]; cc: string[] };
}): EventEmailData {
  return {
    eventKey: p.event.key,
    groupTitle: getEventGroup(p.event.group).title,
    eventTitle: p.event.title,
    resellerName: p.resellerName,
    customerName: p.customerName,
    greetingNames: p.greetingNames,
    initiatorName: p.initiatorName ?? undefined,
    personName: p.personName ?? undefined,
    data: p.data,
    // The e-mail lists the details in the catalog's order; it does not read the catalog itself.
    dataOrder: Object.keys(p.event.sampleData),
    action: p.action ?? undefined,
    test: p.test,
  };
}

/** The e-mail of an event: subject, HTML and plain text. */
export function renderEventEmail(props: EventEmailProps): Promise<RenderedMail> {
  return renderMail('reseller-event', props);
}
