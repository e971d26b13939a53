import type { ReactNode } from 'react';
import { findEvent } from '@/lib/events/catalog';
import { contactKindLabels } from '@/lib/events/contact-kinds';

type Entry = { action: string; details: Record<string, unknown> };

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * An audit entry of the reseller event settings or of account contacts as a
 * sentence whose subject is the "Who" column; null for other actions.
 */
export function describeEventAuditEntry(row: Entry): ReactNode | null {
  const d = row.details;
  const eventTitle = findEvent(text(d.eventKey))?.title ?? text(d.eventTitle) ?? 'an event';
  const strong = (s: string) => <span className="font-medium text-slate-900">{s}</span>;
  switch (row.action) {
    case 'event.enabled':
      return <>Switched on the e-mail for {strong(eventTitle)}</>;
    case 'event.disabled':
      return <>Switched off the e-mail for {strong(eventTitle)}</>;
    case 'event.recipients_changed': {
      if (d.defaults === true) return <>Reset the recipients of {strong(eventTitle)} to the defaults</>;
      const after = (d.after ?? {}) as Record<string, unknown>;
      const cc = list(after.cc);
      return (
        <>
          Changed the recipients of {strong(eventTitle)}: To {list(after.to).join(', ') || '—'}
          {cc.length ? `; CC ${cc.join(', ')}` : ''}
        </>
      );
    }
    case 'contact.updated': {
      const kind = text(d.kind);
      const title = kind && kind in contactKindLabels ? contactKindLabels[kind as keyof typeof contactKindLabels].title.toLowerCase() : 'a contact';
      const after = d.after as { name?: string; email?: string } | null;
      const account = text(d.accountName) ?? 'the account';
      return after ? (
        <>
          Set the {title} of {strong(account)} to {after.name} ({after.email})
        </>
      ) : (
        <>
          Removed the {title} of {strong(account)}
        </>
      );
    }
    default:
      return null;
  }
}
