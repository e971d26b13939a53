'use client';

import { useId, useState, useTransition } from 'react';
import { removeRecipientAction } from '@/app/(panel)/accounts/[accountId]/notifications/actions';
import { Alert } from '@/components/ui/alert';
import { useFlash } from '@/components/ui/flash';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import type { NotificationCategory } from '@/db/schema';
import { confirmationMatches } from '@/lib/notifications/rules';

/** "Delete" on a subscriber row: the user's e-mail must be typed to confirm (the server checks it again). */
export function RemoveRecipientDialog({
  accountId,
  category,
  categoryTitle,
  user,
}: {
  accountId: string;
  category: NotificationCategory;
  categoryTitle: string;
  user: { userId: string; name: string | null; email: string };
}) {
  const flash = useFlash();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const inputId = useId();
  const hintId = useId();
  const display = user.name ?? user.email;
  const matches = confirmationMatches(typed, user.email);

  const submit = () =>
    startTransition(async () => {
      setError(null);
      const result = await removeRecipientAction({ accountId, category, userId: user.userId, confirmEmail: typed });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      setTyped('');
      flash(`${display}: ${result.message ?? 'unsubscribed.'}`);
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setTyped('');
          setError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Delete ${display} from ${categoryTitle}`} className="text-red-700 hover:bg-red-50 hover:text-red-800">
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
            <path fillRule="evenodd" d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 1 0 .23 1.482l.149-.022.841 10.518A2.75 2.75 0 0 0 7.596 19h4.807a2.75 2.75 0 0 0 2.742-2.53l.841-10.52.149.023a.75.75 0 0 0 .23-1.482A41.03 41.03 0 0 0 14 4.193V3.75A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z" clipRule="evenodd" />
          </svg>
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Unsubscribe {display}?</DialogTitle>
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
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
              Type the user’s e-mail to confirm
            </label>
            <p id={hintId} className="text-sm text-slate-600">
              <span className="font-mono text-slate-800 select-all">{user.email}</span>
            </p>
            <Input
              id={inputId}
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-describedby={hintId}
            />
            {error ? (
              <Alert tone="danger" role="alert">
                {error}
              </Alert>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setOpen(false)}>
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
