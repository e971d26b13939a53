'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { removeRecipientAction } from '../actions';
import { useFlash } from '@/components/ui/flash';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { TypedEmailConfirmation } from '@/components/ui/typed-email-confirmation';
import { Spinner } from '@/components/ui/spinner';
import type { NotificationCategory } from '@/db/schema';
import { confirmationMatches } from '@/lib/notifications/rules';
import { RemoveRecipientTrigger } from './remove-recipient-button';

/** "Delete" on a subscriber row: the user's e-mail must be typed to confirm (the server checks it again). */
export type RemoveRecipientDialogProps = {
  accountId: string;
  category: NotificationCategory;
  categoryTitle: string;
  user: { userId: string; name: string | null; email: string };
  /** Where keyboard focus goes once the user is removed: the row and this dialog's trigger are gone by then. */
  focusAfterRemoveId?: string;
};

/** Loaded on demand by RemoveRecipientButton. */
export function RemoveRecipientDialog({
  accountId,
  category,
  categoryTitle,
  user,
  focusAfterRemoveId,
  initialOpen = false,
}: RemoveRecipientDialogProps & { initialOpen?: boolean }) {
  const flash = useFlash();
  const router = useRouter();
  const [open, setOpen] = useState(initialOpen);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const removed = useRef(false);
  // After a refusal the list may be out of date (say, someone else removed this user meanwhile). It is
  // refreshed when the dialog closes: refreshing now could unmount the dialog along with its message.
  const stale = useRef(false);
  const display = user.name ?? user.email;
  const matches = confirmationMatches(typed, user.email);

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const result = await removeRecipientAction({ accountId, category, userId: user.userId, confirmEmail: typed });
      if (!result.ok) {
        setError(result.error);
        stale.current = true;
        return;
      }
      removed.current = true;
      setOpen(false);
      setTyped('');
      flash(`${display} was unsubscribed from ${categoryTitle} and has been notified by e-mail.`);
    });

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

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      returnFocusTo={() => {
        if (!removed.current) return null;
        removed.current = false;
        return focusAfterRemoveId ? document.getElementById(focusAfterRemoveId) : null;
      }}
    >
      <DialogTrigger asChild>
        <RemoveRecipientTrigger label={`Delete ${display} from ${categoryTitle}`} />
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            Delete {display} from {categoryTitle}?
          </DialogTitle>
          <DialogDescription>
            {display} will stop receiving <strong className="font-semibold text-slate-800">{categoryTitle}</strong> notifications
            and will get an e-mail saying you unsubscribed them.
          </DialogDescription>
        </DialogHeader>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (matches && !pending) submit();
          }}
        >
          <DialogBody className="space-y-2">
            <TypedEmailConfirmation email={user.email} typed={typed} onTypedChange={setTyped} matches={matches} actionLabel="Delete" error={error} />
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!matches || pending}>
              {pending ? <Spinner /> : null}
              {pending ? 'Deleting…' : 'Delete'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
