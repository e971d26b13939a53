'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { Input } from '@/components/ui/input';
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
  const inputId = useId();
  const hintId = useId();
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
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
              Type the user’s e-mail to confirm
            </label>
            <Input
              id={inputId}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              inputMode="email"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-describedby={hintId}
            />
            <p id={hintId} className="flex min-h-5 items-center gap-1.5 text-sm text-slate-600">
              {matches ? (
                <span className="text-emerald-800">The e-mail matches.</span>
              ) : (
                <span>
                  Enter{' '}
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.8125rem] text-slate-900 select-all">{user.email}</span>{' '}
                  to enable Remove.
                </span>
              )}
            </p>
            {error ? (
              <Alert tone="danger" role="alert">
                {error}
              </Alert>
            ) : null}
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
