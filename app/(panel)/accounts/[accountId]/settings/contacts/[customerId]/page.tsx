import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/panel/page-header';
import { Alert } from '@/components/ui/alert';
import { FlashProvider } from '@/components/ui/flash';
import { db } from '@/db';
import { isUuid } from '@/db/queries/accounts';
import { contactFormValues } from '@/lib/events/contact-input';
import { getContacts, listContactEditors } from '@/lib/events/contacts';
import { DomainError } from '@/lib/errors';
import { roleLabels } from '@/lib/notifications/roles';
import { requireMember } from '@/lib/session';
import { ContactsForm } from '../_components/contacts-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('customerContacts') };
}

/** A reseller's view of one customer's contacts; a customer of anyone else is not found. */
export default async function CustomerContactsPage({ params }: { params: Promise<{ accountId: string; customerId: string }> }) {
  const { accountId, customerId } = await params;
  const { user, account } = await requireMember(accountId);
  if (!account.isReseller || !isUuid(customerId)) notFound();
  const view = await getContacts(db, { actorUserId: user.id, accountId: customerId, viaResellerId: accountId }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  const editors = view.edit.allowed ? [] : await listContactEditors(db, { accountId });

  return (
    <div className="space-y-6">
      <Link href={`/accounts/${accountId}/settings/contacts`} className="inline-flex text-sm font-medium text-brand-700 hover:underline">
        ← Contacts
      </Link>
      <PageHeader
        eyebrow={`Customer of ${account.name}`}
        title={`${view.account.name} contacts`}
        description={`Event e-mails about ${view.account.name} go to these contacts by role. ${view.account.name}'s own administrators can change them too.`}
      />
      {view.edit.allowed ? null : (
        <Alert tone="info" title="You can see the contacts">
          {view.edit.reason} To change them, ask{' '}
          {editors.length ? editors.map((m) => `${m.name ?? m.email} (${roleLabels[m.role]}, ${m.email})`).join(' or ') : 'the Account Owner'}.
        </Alert>
      )}
      <FlashProvider>
        <ContactsForm
          accountId={accountId}
          customerId={customerId}
          accountName={view.account.name}
          initial={contactFormValues(view.contacts)}
          readOnly={!view.edit.allowed}
        />
      </FlashProvider>
    </div>
  );
}
