'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { TypedEmailConfirmation } from '@/components/ui/typed-email-confirmation';
import { Spinner } from '@/components/ui/spinner';
import { confirmationMatches } from '@/lib/notifications/rules';
import { removeMemberAction } from '../actions';

/** "Remove" on a member row: the member's e-mail must be typed to confirm (the server checks it again). */
export function RemoveMemberDialog({
  accountId,
  accountName,
  user,
  focusAfterRemoveId,
}: {
  accountId: string;
  accountName: string;
  user: { userId: string; name: string | null; email: string };
  focusAfterRemoveId: string;
}) {
  const flash = useFlash();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const removed = useRef(false);
  const stale = useRef(false);
  const display = user.name ?? user.email;
  const matches = confirmationMatches(typed, user.email);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setTyped('');
      setError(null);
      if (stale.current) {
        stale.current = false;
        router.refresh();
      }
    }
  };

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const result = await removeMemberAction({ accountId, userId: user.userId, confirmEmail: typed });
      if (!result.ok) {
        setError(result.error);
        stale.current = true;
        return;
      }
      removed.current = true;
      setOpen(false);
      setTyped('');
      flash(result.message ?? `${display} was removed.`);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      returnFocusTo={() => {
        if (!removed.current) return null;
        removed.current = false;
        return document.getElementById(focusAfterRemoveId);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost-danger" size="sm" aria-label={`Remove ${display} from the account`}>
          Remove
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Remove {display} from {accountName}?</DialogTitle>
          <DialogDescription>
            {display} loses access to the account, their subscriptions and project roles end, and notifications still
            waiting to go to them are skipped. They get an e-mail saying you removed them.
          </DialogDescription>
        </DialogHeader>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (matches && !pending) submit();
          }}
        >
          <DialogBody className="space-y-2">
            <TypedEmailConfirmation email={user.email} typed={typed} onTypedChange={setTyped} matches={matches} actionLabel="Remove" error={error} />
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!matches || pending}>
              {pending ? <Spinner /> : null}
              {pending ? 'Removing…' : 'Remove'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
