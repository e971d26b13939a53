import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/panel/page-header';
import { Alert } from '@/components/ui/alert';
import { buttonVariants } from '@/components/ui/button';
import { FlashProvider } from '@/components/ui/flash';
import { TableCard, TableHead } from '@/components/ui/table';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { accounts } from '@/db/schema';
import { CONTACT_KINDS, contactFormValues, contactKindLabels } from '@/lib/events/contact-input';
import { getContacts, listContactEditors, listCustomerContacts } from '@/lib/events/contacts';
import type { ContactCard } from '@/lib/events/recipients';
import { roleLabels } from '@/lib/notifications/roles';
import { canEditContacts } from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';
import { ContactsForm } from './_components/contacts-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('contacts') };
}

export default async function ContactsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const { user, account } = await requireMember(accountId);
  const [view, editors, customers, reseller] = await Promise.all([
    getContacts(db, { actorUserId: user.id, accountId }),
    listContactEditors(db, { accountId }),
    account.isReseller ? listCustomerContacts(db, { actorUserId: user.id, resellerId: accountId }) : Promise.resolve([]),
    account.resellerId
      ? db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, account.resellerId)).then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  const editCustomers = canEditContacts({ relation: 'reseller', role: view.role }).allowed;

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow="Settings"
        title="Contacts"
        description={
          account.isReseller
            ? `The contacts of ${account.name} and of its customers. Event e-mails go to them by role, as set under Notification Settings.`
            : reseller
              ? `The contacts of ${account.name}. E-mails about quotes, orders, invoices and payments that ${reseller.name} sends through the platform go to them.`
              : `The contacts of ${account.name}.`
        }
      />

      <section aria-labelledby="own-contacts" className="space-y-4">
        <h2 id="own-contacts" className="text-lg font-semibold text-slate-900">
          {account.name}
        </h2>
        {view.edit.allowed ? null : (
          <Alert tone="info" title="You can see the contacts">
            {view.edit.reason} To change them, ask{' '}
            {editors.length ? editors.map((m) => `${m.name ?? m.email} (${roleLabels[m.role]}, ${m.email})`).join(' or ') : 'the Account Owner'}.
          </Alert>
        )}
        <FlashProvider>
          <ContactsForm accountId={accountId} accountName={account.name} initial={contactFormValues(view.contacts)} readOnly={!view.edit.allowed} />
        </FlashProvider>
      </section>

      {account.isReseller ? (
        <section aria-labelledby="customer-contacts" className="space-y-4">
          <div>
            <h2 id="customer-contacts" className="text-lg font-semibold text-slate-900">
              Customers
            </h2>
            <p className="text-sm text-slate-600">Events about a customer reach its contacts. Missing ones are skipped.</p>
          </div>
          {customers.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">
              {account.name} has no customers yet.
            </p>
          ) : (
            <TableCard caption={`Contacts of the customers of ${account.name}`}>
              <TableHead>
                <tr>
                  <th scope="col" className="px-5 py-2.5">
                    Customer
                  </th>
                  {CONTACT_KINDS.map((kind) => (
                    <th key={kind} scope="col" className="px-4 py-2.5">
                      {contactKindLabels[kind].title}
                    </th>
                  ))}
                  <th scope="col" className="py-2.5 pr-5">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </TableHead>
              <tbody className="divide-y divide-slate-100">
                {customers.map((c) => (
                  <tr key={c.id} className="align-top">
                    <th scope="row" className="px-5 py-3.5 font-medium text-slate-900">
                      {c.name}
                    </th>
                    {CONTACT_KINDS.map((kind) => (
                      <td key={kind} className="px-4 py-3.5">
                        <ContactCell card={c.contacts[kind]} />
                      </td>
                    ))}
                    <td className="py-3 pr-5 text-right">
                      <Link
                        href={`/accounts/${accountId}/settings/contacts/${c.id}`}
                        aria-label={`${editCustomers ? 'Edit' : 'View'} contacts of ${c.name}`}
                        className={buttonVariants({ variant: 'secondary', size: 'sm' })}
                      >
                        {editCustomers ? 'Edit' : 'View'}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableCard>
          )}
        </section>
      ) : null}
    </div>
  );
}

function ContactCell({ card }: { card: ContactCard | undefined }) {
  if (!card) return <span className="text-amber-800">Not set</span>;
  return (
    <span className="block min-w-0">
      <span className="block text-slate-900">{card.name}</span>
      <span className="block text-xs text-slate-600">{card.email}</span>
    </span>
  );
}
