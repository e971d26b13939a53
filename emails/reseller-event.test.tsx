// The reseller event e-mail gets everything it shows as props: which group's
// template says what an event says, and the order of the details table.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { allEvents } from '@/lib/events/catalog';
import { eventEmailPropsFor } from '@/lib/events/render';
import ResellerEventEmail, { resellerEventSubject } from './reseller-event';
import { labelFor } from './_components/details-table';
import { eventTemplates } from './events';

const propsFor = (event: (typeof allEvents)[number]) =>
  eventEmailPropsFor({ event, resellerName: 'Skyline Reseller', customerName: 'Acme Corp', greetingNames: ['Carl'], data: event.sampleData });

describe('every event of the catalog', () => {
  it.each(allEvents.map((e) => [e.key, e] as const))('%s: is the e-mail of its group’s template', (_, event) => {
    const props = propsFor(event);
    const Group = eventTemplates[event.group].component;
    expect(renderToStaticMarkup(<ResellerEventEmail {...props} />)).toBe(renderToStaticMarkup(<Group {...props} />));
    expect(resellerEventSubject(props)).toBe(eventTemplates[event.group].content[event.key]({ ...props, get: (k) => String(props.data[k] ?? '') }).subject.replace(/\s+/g, ' ').trim());
  });
});

it('refuses an event no template describes', () => {
  expect(() => resellerEventSubject({ ...propsFor(allEvents[0]), eventKey: 'constructor' })).toThrow('Unknown event "constructor"');
});

it('lists the details in the catalog’s order, whatever order the stored data has', () => {
  const event = allEvents.find((e) => Object.keys(e.sampleData).length >= 3 && Object.keys(e.sampleData).join() !== Object.keys(e.sampleData).sort().join())!;
  const props = propsFor(event);
  // jsonb keeps no key order: the data may come back in any.
  const reversed = Object.fromEntries(Object.entries(props.data).reverse());
  const html = renderToStaticMarkup(<ResellerEventEmail {...JSON.parse(JSON.stringify({ ...props, data: reversed }))} />);
  const rows = [...html.matchAll(/<tr><td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  expect(rows).toEqual(Object.keys(event.sampleData).map(labelFor));
});
