'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useFlash } from '@/components/ui/flash';
import { inputClassName } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import type { MemberRole } from '@/db/schema';
import { cn } from '@/lib/utils';
import { changeMemberRoleAction } from '../actions';

/** A role the actor may give this member, with what else the change does (rules.ts: roleChangeConsequences). */
export type RoleChoice = { value: MemberRole; label: string; consequences: string[] };

export function ChangeRoleDialog({
  accountId,
  user,
  currentRoleLabel,
  choices,
}: {
  accountId: string;
  user: { userId: string; name: string | null; email: string };
  currentRoleLabel: string;
  choices: RoleChoice[];
}) {
  const flash = useFlash();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<MemberRole | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const stale = useRef(false);
  const selectId = useId();
  const consequencesId = useId();
  const display = user.name ?? user.email;
  const chosen = choices.find((c) => c.value === role);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setRole('');
      setError(null);
      if (stale.current) {
        stale.current = false;
        router.refresh();
      }
    }
  };

  const submit = () =>
    startTransition(async () => {
      if (!role) return;
      setError(null);
      const result = await changeMemberRoleAction({ accountId, userId: user.userId, role });
      if (!result.ok) {
        setError(result.error);
        stale.current = true;
        return;
      }
      onOpenChange(false);
      flash(result.message ?? `${display}’s role was changed.`);
    });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Change role of ${display}`}>
          Change role
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Change the role of {display}</DialogTitle>
          <DialogDescription>
            {display} is {currentRoleLabel} now. Project roles stay as they are.
          </DialogDescription>
        </DialogHeader>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen && !pending) submit();
          }}
        >
          <DialogBody className="space-y-4">
            <div className="space-y-1.5">
              <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
                New role
              </label>
              <select
                id={selectId}
                value={role}
                onChange={(e) => setRole(e.target.value as MemberRole | '')}
                className={cn(inputClassName, 'h-10')}
                aria-describedby={chosen?.consequences.length ? consequencesId : undefined}
              >
                <option value="">Choose a role…</option>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            {chosen && chosen.consequences.length > 0 ? (
              <Alert tone="warning" title="Before you confirm">
                <ul id={consequencesId} className="list-disc space-y-1 pl-4">
                  {chosen.consequences.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </Alert>
            ) : null}
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
            <Button type="submit" disabled={!chosen || pending}>
              {pending ? <Spinner /> : null}
              {pending ? 'Saving…' : 'Change role'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
