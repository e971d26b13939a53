import type { EventOutcome as Outcome } from '@/db/schema';

const outcomeText: Record<Outcome, string> = {
  sent: 'E-mail sent to the recipients below',
  not_sent_disabled: 'Not sent: this event’s e-mail is switched off',
  not_sent_no_recipients: 'Not sent: none of its recipients could be found',
};

/** Rows for the delivery log's description list: what became of a reseller event and whom it could not reach. */
export function EventOutcome({ outcome, content }: { outcome: Outcome | null; content: Record<string, unknown> }) {
  const missing = Array.isArray(content.missing) ? (content.missing as Array<{ field: string; recipient: string; reason: string }>) : [];
  return (
    <>
      <dt className="text-slate-500">Outcome</dt>
      <dd>{outcome ? outcomeText[outcome] : '—'}</dd>
      {missing.length > 0 ? (
        <>
          <dt className="text-slate-500">Not reached</dt>
          <dd>
            <ul className="space-y-0.5">
              {missing.map((m, i) => (
                <li key={i}>
                  {m.recipient} ({m.field === 'to' ? 'To' : 'CC'}): {m.reason}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </>
  );
}
