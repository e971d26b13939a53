import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { AutoRefresh } from '@/components/panel/auto-refresh';
import { LocalTime } from '@/components/panel/local-time';
import { PageHeader } from '@/components/panel/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { InboxIcon } from '@/components/ui/icons';
import { TableCard, TableHead } from '@/components/ui/table';
import { db } from '@/db';
import { listMailboxMessages } from '@/db/queries/mailbox';
import { devToolsEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Local mailbox' };
// Rendered per request: prerendered at build time it would be frozen as the 404 of a build without DEV_TOOLS.
export const dynamic = 'force-dynamic';

const LIMIT = 200;

export default async function MailboxPage() {
  await connection(); // always fresh, never prerendered at build time
  if (!devToolsEnabled()) notFound();
  const messages = await listMailboxMessages(db, { limit: LIMIT });

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow="Developer tools"
        title="Local mailbox"
        description="Without a Resend API key, every e-mail the platform sends lands here instead of the internet: sign-in links, unsubscribe notices, test sends."
        actions={<AutoRefresh />}
      />
      {messages.length === 0 ? (
        <EmptyState
          icon={<InboxIcon />}
          title="No messages yet"
          description={
            <>
              Request a sign-in link on the{' '}
              <Link href="/sign-in" className="font-medium text-brand-700 underline underline-offset-2">
                sign-in page
              </Link>{' '}
              and it appears here within a few seconds.
            </>
          }
        />
      ) : (
        <TableCard
          caption="Messages, newest first"
          className="min-w-[40rem] table-fixed"
          footer={
            messages.length === LIMIT ? (
              <p className="border-t border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-600">
                Showing the newest {LIMIT} messages.
              </p>
            ) : null
          }
        >
          <TableHead>
            <tr>
              <th scope="col" className="w-1/4 px-4 py-3">
                To
              </th>
              <th scope="col" className="px-4 py-3">
                Subject
              </th>
              <th scope="col" className="w-60 px-4 py-3">
                Received
              </th>
            </tr>
          </TableHead>
          <tbody className="divide-y divide-slate-200">
            {messages.map((message) => (
              <tr key={message.id} className="relative hover:bg-slate-50">
                <td className="truncate px-4 py-3 text-slate-700" title={message.to.join(', ')}>
                  {message.to.join(', ')}
                </td>
                <td className="truncate px-4 py-3">
                  <Link
                    href={`/dev/mailbox/${message.id}`}
                    className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {message.subject || '(no subject)'}
                  </Link>
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                  <LocalTime value={message.createdAt} timeStyle="medium" />
                </td>
              </tr>
            ))}
          </tbody>
        </TableCard>
      )}
    </div>
  );
}
