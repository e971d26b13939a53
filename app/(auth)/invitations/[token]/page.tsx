import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { EnvelopeIcon, WarningIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';
import { db } from '@/db';
import { formatDate } from '@/lib/format';
import { describeInvitation, invitationRefusals } from '@/lib/users/invitations';
import { AcceptInvitationForm } from './accept-form';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

/**
 * The link of an invitation e-mail. Opening it changes nothing (mail scanners open links too):
 * the invitee accepts with one button, which signs them in.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(db, decodeURIComponent(token));
  if (invitation.state !== 'valid') {
    const refusal = invitationRefusals[invitation.state];
    return (
      <MessageCard
        icon={<WarningIcon />}
        tone="warning"
        title={refusal.title}
        description={<p className="text-sm leading-relaxed text-slate-600">{refusal.message}</p>}
      >
        <Link href="/sign-in" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
          Go to sign in
        </Link>
      </MessageCard>
    );
  }
  return (
    <MessageCard
      icon={<EnvelopeIcon />}
      title={`Join ${invitation.accountName}`}
      description={
        <>
          <p className="text-sm leading-relaxed text-slate-600">
            {invitation.invitedBy ? `${invitation.invitedBy} invited you` : 'You are invited'} to the account{' '}
            <strong className="font-medium text-slate-800">{invitation.accountName}</strong> as{' '}
            <strong className="font-medium text-slate-800">{invitation.roles.join(', ')}</strong>.
          </p>
          <p className="text-sm leading-relaxed text-slate-600">
            You will be signed in as <strong className="font-medium text-slate-800 break-all">{invitation.email}</strong>.
          </p>
        </>
      }
    >
      <AcceptInvitationForm token={decodeURIComponent(token)} />
      <p className="text-xs text-slate-600">
        The invitation works once and expires on <time dateTime={invitation.expiresAt.toISOString()}>{formatDate(invitation.expiresAt)}</time>.
      </p>
    </MessageCard>
  );
}
