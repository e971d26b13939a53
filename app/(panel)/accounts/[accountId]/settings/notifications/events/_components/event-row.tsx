'use client';

import { createContext, type ReactNode, useContext } from 'react';
import { Badge } from '@/components/ui/badge';
import type { RecipientAddressBook } from '@/lib/events/preview';
import type { RecipientList } from '@/lib/events/recipient-spec';
import { EditEventButton } from './edit-event-button';
import { EventEmailSwitch } from './event-email-switch';

/** What every row of the settings page shares: sent once, not 31 times. */
export type EventSettingsPage = {
  accountId: string;
  resellerName: string;
  contactsHref: string;
  /** The local mailbox, where test e-mails land when no Resend key is set (dev tools only). */
  mailboxHref?: string;
  readOnly: boolean;
  /** Where each contact role goes now, for the first customer: shown beside the roles in Edit. */
  addresses: RecipientAddressBook;
};

const PageContext = createContext<EventSettingsPage | null>(null);

export function EventSettingsProvider({ value, children }: { value: EventSettingsPage; children: ReactNode }) {
  return <PageContext value={value}>{children}</PageContext>;
}

export type EventRowData = {
  key: string;
  title: string;
  description: string;
  enabled: boolean;
  /** To/CC differ from the event's defaults. */
  customized: boolean;
  /** "To" and "CC" as the page shows them (labels made on the server). */
  toLabel: string;
  ccLabel: string;
  saved: RecipientList;
  defaults: RecipientList;
};

/**
 * One event of the settings page: title, recipients, the Email switch and Edit.
 * A client component so that the page sends each row as a few fields of data
 * rather than as its markup (the rows would otherwise be in the page twice: as
 * HTML and again in the React payload, which the browser parses before it paints).
 */
export function EventRow({ event }: { event: EventRowData }) {
  const page = useContext(PageContext);
  if (!page) throw new Error('EventRow needs an EventSettingsProvider');
  return (
    <tr className="align-top max-xl:flex max-xl:flex-wrap max-xl:items-center">
      <td className="px-5 py-4 max-xl:w-full max-xl:pb-2">
        <h3 className="font-medium text-slate-900">{event.title}</h3>
        <p className="mt-0.5 max-w-2xl text-slate-600">{event.description}</p>
      </td>
      <td className="px-4 py-4 max-xl:w-full max-xl:pt-0 max-xl:pb-3 max-xl:pl-5">
        <dl className="grid grid-cols-[2rem_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs leading-5">
          <dt className="font-medium text-slate-500">To</dt>
          <dd className="text-slate-800">{event.toLabel}</dd>
          <dt className="font-medium text-slate-500">CC</dt>
          <dd className="text-slate-800">{event.ccLabel || '—'}</dd>
          <dt className="sr-only">Recipients</dt>
          <dd className="col-start-2 pt-0.5">
            {event.customized ? <Badge tone="brand">Edited</Badge> : <span className="text-slate-500">Defaults</span>}
          </dd>
        </dl>
      </td>
      <td className="px-4 py-4 max-xl:flex-1 max-xl:pt-0 max-xl:pl-5">
        <EventEmailSwitch accountId={page.accountId} eventKey={event.key} title={event.title} enabled={event.enabled} disabled={page.readOnly} />
      </td>
      <td className="py-3.5 pr-5 text-right max-xl:pt-0">
        <EditEventButton
          accountId={page.accountId}
          contactsHref={page.contactsHref}
          mailboxHref={page.mailboxHref}
          resellerName={page.resellerName}
          event={{ key: event.key, title: event.title, description: event.description }}
          saved={event.saved}
          defaults={event.defaults}
          readOnly={page.readOnly}
          addresses={page.addresses}
        />
      </td>
    </tr>
  );
}
