import { Button, Heading, Hr, Section, Text } from 'react-email';
import { z } from 'zod';
import { brand } from './brand';
import { DetailsTable } from './details-table';
import { buttonStyle, headingStyle, textStyle } from './layout';
import { ResellerEmailLayout } from './reseller-layout';

const value = z.union([z.string(), z.number(), z.boolean()]);

export const eventEmailProps = z.object({
  /** The event of lib/events/catalog.ts. */
  eventKey: z.string(),
  groupTitle: z.string(),
  eventTitle: z.string(),
  resellerName: z.string(),
  customerName: z.string(),
  /** Names of the To recipients, for the greeting. */
  greetingNames: z.array(z.string()).default([]),
  initiatorName: z.string().optional(),
  /** The invited user or the user the event is about. */
  personName: z.string().optional(),
  data: z.record(z.string(), value).default({}),
  /** The keys of `data` the details table lists first, in this order (the catalog's example data); the rest follow by name. */
  dataOrder: z.array(z.string()).default([]),
  action: z.object({ label: z.string(), url: z.string() }).optional(),
  /** Set for a test send: who the real e-mail would go to. */
  test: z.object({ to: z.array(z.string()), cc: z.array(z.string()) }).optional(),
});
export type EventEmailProps = z.input<typeof eventEmailProps>;
/** The props after parsing: every default filled in. */
export type EventEmailData = z.output<typeof eventEmailProps>;
type Props = EventEmailData;

/** What one event says: its subject, heading and opening paragraph, and the label of its button. */
export type EventContent = { subject: string; heading: string; intro: string; actionLabel?: string };
export type EventContentFor = (p: Props & { get: (key: string) => string }) => EventContent;

/**
 * The data in the event's own order (`dataOrder` first, the rest by name): stored as jsonb,
 * an object does not keep the order the publisher sent.
 */
function orderedEntries(known: string[], data: Record<string, string | number | boolean>) {
  const rank = (k: string) => (known.includes(k) ? known.indexOf(k) : known.length);
  return Object.entries(data).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}


function greeting(names: string[]) {
  if (names.length === 0) return 'Hello,';
  if (names.length === 1) return `Hello ${names[0]},`;
  return `Hello ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]},`;
}

/** A value of `data` as text, or '' when the publisher did not send it. */
const getter = (p: Props) => (key: string) => (p.data[key] === undefined ? '' : String(p.data[key]));

/** The subject line: one line, whatever the names and data contain. */
export function eventSubject(p: Props, content: EventContentFor): string {
  const subject = content({ ...p, get: getter(p) }).subject;
  return (p.test ? `[Test] ${subject}` : subject).replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The body every event e-mail shares; each group's template gives its accent and the per-event content. */
export function EventEmail({ accent, content, ...raw }: EventEmailProps & { accent: string; content: EventContentFor }) {
  const p = eventEmailProps.parse(raw);
  const c = content({ ...p, get: getter(p) });
  const entries = orderedEntries(p.dataOrder, p.data);
  return (
    <ResellerEmailLayout
      preview={c.intro}
      resellerName={p.resellerName}
      banner={
        p.test ? (
          <Section style={{ backgroundColor: '#fffbeb', border: '1px solid #fcd34d', borderRadius: 10, padding: '10px 16px', margin: '0 0 12px' }}>
            <Text style={{ color: '#78350f', fontSize: 13, lineHeight: '20px', margin: 0 }}>
              <strong>Test e-mail</strong> with example data for {p.customerName}. The real e-mail goes to{' '}
              {p.test.to.length ? p.test.to.join(', ') : 'nobody yet'}
              {p.test.cc.length ? `, with ${p.test.cc.join(', ')} in CC` : ''}.
            </Text>
          </Section>
        ) : null
      }
    >
      <Text style={{ ...textStyle, fontSize: 12, fontWeight: 700, letterSpacing: '0.06em', textTransform: 'uppercase', color: accent, margin: '0 0 8px' }}>
        {`${p.groupTitle} · ${p.customerName}`}
      </Text>
      <Heading as="h1" style={headingStyle}>
        {c.heading}
      </Heading>
      <Text style={textStyle}>{greeting(p.greetingNames)}</Text>
      <Text style={textStyle}>{c.intro}</Text>
      <DetailsTable data={Object.fromEntries(entries)} marginBottom={20} />
      {p.action ? (
        <Button href={p.action.url} style={{ ...buttonStyle, backgroundColor: brand.color }}>
          {p.action.label || c.actionLabel || 'Open the portal'}
        </Button>
      ) : null}
      <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0 12px' }} />
      <Text style={{ ...textStyle, fontSize: 13, color: '#475569', margin: 0 }}>
        {`Kind regards,`}
        <br />
        {p.resellerName}
      </Text>
    </ResellerEmailLayout>
  );
}

/** A template's PreviewProps: its details table in the order its example data is written. */
export const eventPreviewProps = (p: EventEmailProps): EventEmailProps => ({ ...p, dataOrder: Object.keys(p.data ?? {}) });

/** Example props for the React Email preview server (`npm run email`). */
export const sampleEventProps: Pick<EventEmailProps, 'resellerName' | 'customerName' | 'greetingNames' | 'initiatorName'> = {
  resellerName: 'Skyline Reseller',
  customerName: 'Acme Corp',
  greetingNames: ['Carl Customer'],
  initiatorName: 'Carl Customer',
};
