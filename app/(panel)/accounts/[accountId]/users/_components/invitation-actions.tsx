'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useFlash } from '@/components/ui/flash';
import { Spinner } from '@/components/ui/spinner';
import { resendInvitationAction, revokeInvitationAction } from '../actions';

/** Resend and Revoke on a pending invitation row. */
export function InvitationActions({ accountId, invitationId, email }: { accountId: string; invitationId: string; email: string }) {
  const flash = useFlash();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [which, setWhich] = useState<'resend' | 'revoke' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (kind: 'resend' | 'revoke') =>
    startTransition(async () => {
      setWhich(kind);
      const action = kind === 'resend' ? resendInvitationAction : revokeInvitationAction;
      const result = await action({ accountId, invitationId });
      setWhich(null);
      if (result.ok) {
        setError(null);
        flash(result.message ?? 'Done.');
      } else {
        // Accepted or revoked meanwhile, say: the message stays by the row, and the list is reloaded.
        setError(result.error);
        router.refresh();
      }
    });
  return (
    <span className="flex flex-wrap gap-1 sm:flex-col sm:flex-nowrap sm:items-end sm:gap-0.5 2xl:flex-row 2xl:justify-end 2xl:gap-1">
      <Button variant="ghost" size="sm" disabled={pending} onClick={() => run('resend')} aria-label={`Resend the invitation to ${email}`}>
        {pending && which === 'resend' ? <Spinner /> : null}
        Resend
      </Button>
      <Button variant="ghost-danger" size="sm" disabled={pending} onClick={() => run('revoke')} aria-label={`Revoke the invitation of ${email}`}>
        {pending && which === 'revoke' ? <Spinner /> : null}
        Revoke
      </Button>
      {error ? (
        <span role="alert" className="max-w-56 text-right text-xs whitespace-normal text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
