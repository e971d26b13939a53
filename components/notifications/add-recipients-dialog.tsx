'use client';

import { useEffect, useId, useState, useTransition } from 'react';
import { addRecipientsAction, searchCandidatesAction } from '@/app/(panel)/accounts/[accountId]/notifications/actions';
import { Alert } from '@/components/ui/alert';
import { useFlash } from '@/components/ui/flash';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import type { MemberRole, NotificationCategory } from '@/db/schema';
import { roleLabels } from '@/lib/notifications/roles';

type Candidate = { userId: string; name: string | null; email: string; role: MemberRole };

/** "Add recipients": search the account's eligible users, pick several, subscribe them in one go. */
export function AddRecipientsDialog({
  accountId,
  category,
  categoryTitle,
}: {
  accountId: string;
  category: NotificationCategory;
  categoryTitle: string;
}) {
  const flash = useFlash();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, startSaving] = useTransition();
  const searchId = useId();
  const listLabelId = useId();

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setLoading(true);
      const result = await searchCandidatesAction({ accountId, category, search: search.trim() || undefined });
      if (cancelled) return;
      setLoading(false);
      if (result.ok) setCandidates(result.data);
      else setError(result.error);
    }, search ? 250 : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, search, accountId, category]);

  const reset = () => {
    setSearch('');
    setCandidates(null);
    setSelected(new Map());
    setError(null);
  };

  const toggle = (candidate: Candidate) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(candidate.userId)) next.delete(candidate.userId);
      else next.set(candidate.userId, candidate);
      return next;
    });

  const submit = () =>
    startSaving(async () => {
      setError(null);
      const result = await addRecipientsAction({ accountId, category, userIds: [...selected.keys()] });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      reset();
      flash(result.message ?? 'Recipients added.');
    });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
            <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
          </svg>
          Add recipients
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Add recipients to {categoryTitle}</DialogTitle>
          <DialogDescription>
            Users of this account who can receive this category and are not subscribed yet.
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-3">
          <div>
            <label htmlFor={searchId} className="sr-only">
              Search users
            </label>
            <Input
              id={searchId}
              type="search"
              placeholder="Search by name or e-mail"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div className="flex items-center justify-between text-sm text-slate-600">
            <span id={listLabelId}>{candidates === null ? 'Loading users…' : `${candidates.length}${candidates.length === 50 ? '+' : ''} users found`}</span>
            <span aria-live="polite">{selected.size > 0 ? `${selected.size} selected` : ''}</span>
          </div>
          <div className="max-h-80 overflow-y-auto rounded-lg border border-slate-200" aria-busy={loading}>
            {candidates === null ? (
              <div className="flex items-center justify-center gap-2 py-10 text-sm text-slate-600">
                <Spinner /> Loading…
              </div>
            ) : candidates.length === 0 ? (
              <p className="px-4 py-10 text-center text-sm text-slate-600">
                {search ? 'No eligible users match your search.' : 'Everyone who can receive this category is already subscribed.'}
              </p>
            ) : (
              <ul aria-labelledby={listLabelId} className="divide-y divide-slate-100">
                {candidates.map((c) => {
                  const inputId = `candidate-${c.userId}`;
                  return (
                    <li key={c.userId}>
                      <label htmlFor={inputId} className="flex cursor-pointer items-center gap-3 px-4 py-2.5 hover:bg-slate-50">
                        <Checkbox id={inputId} checked={selected.has(c.userId)} onChange={() => toggle(c)} />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate text-sm font-medium text-slate-900">{c.name ?? c.email}</span>
                          <span className="block truncate text-xs text-slate-600">{c.email}</span>
                        </span>
                        <Badge>{roleLabels[c.role]}</Badge>
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          {candidates && candidates.length === 50 ? (
            <p className="text-xs text-slate-600">Showing the first 50 matches. Search to narrow the list.</p>
          ) : null}
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
          <Button onClick={submit} disabled={selected.size === 0 || saving}>
            {saving ? <Spinner /> : null}
            {saving ? 'Adding…' : selected.size > 0 ? `Add ${selected.size}` : 'Add'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
