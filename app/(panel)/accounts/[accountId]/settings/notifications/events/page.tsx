import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/panel/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { EnvelopeIcon } from '@/components/ui/icons';
import { requireMember } from '@/lib/session';

export const metadata: Metadata = { title: 'Notification Settings' };

export default async function NotificationEventsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const { account } = await requireMember(accountId);
  // Event e-mails to customers are a reseller feature; other accounts have no such page.
  if (!account.isReseller) notFound();

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
      <EmptyState
        icon={<EnvelopeIcon />}
        title="Event notifications arrive in a later release"
        description="Here you will switch the e-mail for each marketplace event on or off, and edit who receives it. Nothing is sent to your customers until then."
      />
    </div>
  );
}
