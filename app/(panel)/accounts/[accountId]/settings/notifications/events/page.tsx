import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
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
import { recipientAddressBook } from '@/lib/events/preview';
import { recipientLabel } from '@/lib/events/recipients';
import { listEventManagers, listEventSettings, type EventSettingView } from '@/lib/events/settings';
import { devToolsEnabled, env } from '@/lib/env';
import { roleLabels } from '@/lib/notifications/roles';
import { requireMember } from '@/lib/session';
import { EventRow, EventSettingsProvider } from './_components/event-row';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('notificationSettings') };
}

export default async function NotificationEventsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const { account, user } = await requireMember(accountId);
  // Event e-mails to customers are a reseller feature; other accounts have no such page.
  if (!account.isReseller) notFound();

  const [{ settings, manage }, contacts, managers, addresses] = await Promise.all([
    listEventSettings(db, { actorUserId: user.id, accountId }),
    loadContacts(db, [accountId]).then((m) => m.get(accountId) ?? {}),
    listEventManagers(db, { accountId }),
    recipientAddressBook(db, { actorUserId: user.id, accountId }),
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
        <EventSettingsProvider value={{ accountId, resellerName: account.name, contactsHref, mailboxHref, readOnly, addresses }}>
          <div className="space-y-10">
            {eventCatalog.map((group) => (
              <EventGroupSection key={group.key} group={group} settings={settings} />
            ))}
          </div>
        </EventSettingsProvider>
      </FlashProvider>
    </div>
  );
}

function EventGroupSection({ group, settings }: { group: EventGroup; settings: Record<string, EventSettingView> }) {
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
              <EventRow
                key={event.key}
                event={{
                  key: event.key,
                  title: event.title,
                  description: event.description,
                  enabled: setting.enabled,
                  customized: setting.customized,
                  toLabel: setting.recipients.to.map(recipientLabel).join(', '),
                  ccLabel: setting.recipients.cc.map(recipientLabel).join(', '),
                  saved: setting.recipients,
                  defaults: event.defaults,
                }}
              />
            );
          })}
        </tbody>
      </TableCard>
    </section>
  );
}
