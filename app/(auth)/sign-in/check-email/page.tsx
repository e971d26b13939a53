import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { buttonVariants } from '@/components/ui/button';
import { EnvelopeIcon, InboxIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';
import { devToolsEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Check your email' };

export default async function CheckEmailPage() {
  // Rendered per request: whether developer tools are on is decided where the server runs, not at build time.
  await connection();
  const devTools = devToolsEnabled();
  return (
    <MessageCard
      icon={<EnvelopeIcon />}
      title="Check your email"
      description={
        <p className="text-sm leading-relaxed text-slate-600">
          If that address belongs to a Nimbus Cloud user, a sign-in link is on its way. Open it in this browser to
          continue. The link works once and expires in 24 hours.
        </p>
      }
    >
      {devTools ? (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4 text-left">
          <p className="text-sm text-slate-700">
            <span className="font-medium text-slate-900">Developer tools are on.</span> E-mails are delivered to the
            local mailbox instead of the internet.
          </p>
          <Link href="/dev/mailbox" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
            <InboxIcon />
            Open the local mailbox
          </Link>
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        Nothing arrived? Check your spam folder, or{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-4 hover:underline">
          try another address
        </Link>
        .
      </p>
    </MessageCard>
  );
}
