import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EditEventButton } from '@/components/events/edit-event-button';
import { EventEmailSwitch } from '@/components/events/event-email-switch';
import { LogoMark, productName } from '@/components/panel/logo';
import { PageHeader } from '@/components/panel/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonVariants } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FlashProvider } from '@/components/ui/flash';
import { TableCard, TableHead } from '@/components/ui/table';
import { db } from '@/db';
import { eventCatalog, type EventGroup } from '@/lib/events/catalog';
import { loadContacts } from '@/lib/events/contacts';
import { recipientLabel, type RecipientList } from '@/lib/events/recipients';
import { listEventManagers, listEventSettings, type EventSettingView } from '@/lib/events/settings';
import { devToolsEnabled, env } from '@/lib/env';
import { roleLabels } from '@/lib/notifications/roles';
import { requireMember } from '@/lib/session';

export const metadata: Metadata = { title: 'Notification Settings' };

export default async function NotificationEventsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const { account, user } = await requireMember(accountId);
  // Event e-mails to customers are a reseller feature; other accounts have no such page.
  if (!account.isReseller) notFound();

  const [{ settings, manage }, contacts, managers] = await Promise.all([
    listEventSettings(db, { actorUserId: user.id, accountId }),
    loadContacts(db, [accountId]).then((m) => m.get(accountId) ?? {}),
    listEventManagers(db, { accountId }),
  ]);
  const readOnly = !manage.allowed;
  const enabledCount = Object.values(settings).filter((s) => s.enabled).length;
  const contactsHref = `/accounts/${accountId}/settings/contacts`;
  const mailboxHref = devToolsEnabled() && !env.RESEND_API_KEY ? '/dev/mailbox' : undefined;
  const missingContacts = (['primary', 'billing', 'account_manager'] as const).filter((k) => !contacts[k]);

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow="Settings"
        title="Notification Settings"
        description={`Choose which event e-mails ${account.name} sends to its customers, and to whom.`}
      />
      <nav aria-label="Notification settings sections" className="border-b border-slate-200">
        <ul className="-mb-px flex gap-1">
          <li>
            <a
              href={`/accounts/${account.id}/settings/notifications/events`}
              aria-current="page"
              className="inline-flex h-10 items-center border-b-2 border-brand-600 px-3 text-sm font-medium text-brand-700"
            >
              Events
            </a>
          </li>
        </ul>
      </nav>

      <Card className="flex flex-col gap-4 p-5 sm:flex-row sm:items-center">
        <LogoMark className="size-10 text-xl" />
        <div className="min-w-0 flex-1 space-y-1 text-sm leading-relaxed text-slate-700">
          <p className="font-semibold text-slate-900">
            Event e-mails to your customers are off until you switch them on ({enabledCount} of {Object.keys(settings).length} on).
          </p>
          <p>
            They are sent with the {productName} brand — logo and colour — and your company name, {account.name}, so your customers
            see that it is a platform notification sent through your portal.
          </p>
        </div>
        <Link href={contactsHref} className={buttonVariants({ variant: 'secondary', className: 'self-start sm:self-center' })}>
          Contacts
        </Link>
      </Card>

      {readOnly ? (
        <Alert tone="info" title="You can see the event settings">
          {manage.allowed ? null : manage.reason} To change them, ask{' '}
          {managers.length ? managers.map((m) => `${m.name ?? m.email} (${roleLabels[m.role]}, ${m.email})`).join(' or ') : 'the Account Owner'}.
        </Alert>
      ) : null}
      {missingContacts.length > 0 ? (
        <Alert tone="warning" title={`${account.name} has no ${missingContacts.map((k) => (k === 'account_manager' ? 'account manager' : `${k} contact`)).join(' and no ')} yet`}>
          Events addressed to {missingContacts.length === 1 ? 'it' : 'them'} skip {missingContacts.length === 1 ? 'that recipient' : 'those recipients'}.{' '}
          <Link href={contactsHref} className="font-medium underline underline-offset-2">
            Add contacts
          </Link>
        </Alert>
      ) : null}

      <FlashProvider>
        <div className="space-y-10">
          {eventCatalog.map((group) => (
            <EventGroupSection
              key={group.key}
              group={group}
              settings={settings}
              accountId={accountId}
              resellerName={account.name}
              contactsHref={contactsHref}
              mailboxHref={mailboxHref}
              readOnly={readOnly}
            />
          ))}
        </div>
      </FlashProvider>
    </div>
  );
}

function EventGroupSection({
  group,
  settings,
  accountId,
  resellerName,
  contactsHref,
  mailboxHref,
  readOnly,
}: {
  group: EventGroup;
  settings: Record<string, EventSettingView>;
  accountId: string;
  resellerName: string;
  contactsHref: string;
  mailboxHref?: string;
  readOnly: boolean;
}) {
  const headingId = `group-${group.key}`;
  const on = group.events.filter((e) => settings[e.key].enabled).length;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-lg font-semibold text-slate-900">
            {group.title}
          </h2>
          <p className="text-sm text-slate-600">{group.description}</p>
        </div>
        <Badge tone={on > 0 ? 'brand' : 'neutral'}>
          {on} of {group.events.length} on
        </Badge>
      </div>
      <TableCard caption={`${group.title} events`}>
        <TableHead className="hidden xl:table-header-group">
          <tr>
            <th scope="col" className="px-5 py-2.5">
              Event
            </th>
            <th scope="col" className="w-80 px-4 py-2.5">
              Recipients
            </th>
            <th scope="col" className="w-24 px-4 py-2.5 text-right">
              Email
            </th>
            <th scope="col" className="w-20 py-2.5 pr-5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </TableHead>
        <tbody className="divide-y divide-slate-100">
          {group.events.map((event) => {
            const setting = settings[event.key];
            return (
              <tr key={event.key} className="align-top max-xl:flex max-xl:flex-wrap max-xl:items-center">
                <td className="px-5 py-4 max-xl:w-full max-xl:pb-2">
                  <h3 className="font-medium text-slate-900">{event.title}</h3>
                  <p className="mt-0.5 max-w-2xl text-slate-600">{event.description}</p>
                </td>
                <td className="px-4 py-4 max-xl:w-full max-xl:pt-0 max-xl:pb-3 max-xl:pl-5">
                  <RecipientSummary recipients={setting.recipients} customized={setting.customized} />
                </td>
                <td className="px-4 py-4 max-xl:flex-1 max-xl:pt-0 max-xl:pl-5">
                  <EventEmailSwitch accountId={accountId} eventKey={event.key} title={event.title} enabled={setting.enabled} disabled={readOnly} />
                </td>
                <td className="py-3.5 pr-5 text-right max-xl:pt-0">
                  <EditEventButton
                    accountId={accountId}
                    contactsHref={contactsHref}
                    mailboxHref={mailboxHref}
                    resellerName={resellerName}
                    event={{ key: event.key, title: event.title, description: event.description }}
                    saved={setting.recipients}
                    defaults={event.defaults}
                    readOnly={readOnly}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </TableCard>
    </section>
  );
}

/** "To: … · CC: …" of an event, and whether it still has its defaults. */
function RecipientSummary({ recipients, customized }: { recipients: RecipientList; customized: boolean }) {
  return (
    <dl className="grid grid-cols-[2rem_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs leading-5">
      <dt className="font-medium text-slate-500">To</dt>
      <dd className="text-slate-800">{recipients.to.map(recipientLabel).join(', ')}</dd>
      <dt className="font-medium text-slate-500">CC</dt>
      <dd className="text-slate-800">{recipients.cc.length ? recipients.cc.map(recipientLabel).join(', ') : '—'}</dd>
      <dt className="sr-only">Recipients</dt>
      <dd className="col-start-2 pt-0.5">
        {customized ? <Badge tone="brand">Edited</Badge> : <span className="text-slate-500">Defaults</span>}
      </dd>
    </dl>
  );
}
