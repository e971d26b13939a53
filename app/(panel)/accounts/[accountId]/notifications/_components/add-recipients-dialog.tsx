'use client';

import { useEffect, useId, useState, useTransition } from 'react';
import { addRecipientsAction, searchCandidatesAction } from '../actions';
import { Alert } from '@/components/ui/alert';
import { useFlash } from '@/components/ui/flash';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import type { MemberRole, NotificationCategory, ProjectRole } from '@/db/schema';
import { memberRoleLabels } from '@/lib/notifications/roles';
import { AddRecipientsTrigger } from './add-recipients-button';

type Candidate = {
  userId: string;
  name: string | null;
  email: string;
  role: MemberRole;
  projectRoles: Array<{ role: ProjectRole; projectName: string }>;
};

/** The server returns at most this many candidates per search (see searchCandidatesAction). */
const CANDIDATE_LIMIT = 50;

/** "Add recipients": search the account's eligible users, pick several, subscribe them in one go. */
export type AddRecipientsDialogProps = { accountId: string; category: NotificationCategory; categoryTitle: string };

/** Loaded on demand by AddRecipientsButton. */
export function AddRecipientsDialog({
  accountId,
  category,
  categoryTitle,
  initialOpen = false,
}: AddRecipientsDialogProps & { initialOpen?: boolean }) {
  const flash = useFlash();
  const [open, setOpen] = useState(initialOpen);
  const [search, setSearch] = useState('');
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [selected, setSelected] = useState<Map<string, Candidate>>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [saving, startSaving] = useTransition();
  const searchId = useId();
  const listLabelId = useId();

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const result = await searchCandidatesAction({ accountId, category, search: search.trim() || undefined });
        if (cancelled) return;
        if (result.ok) {
          setCandidates(result.data);
          setLoadError(null);
        } else {
          setLoadError(result.error);
        }
      } catch {
        if (!cancelled) setLoadError('The list of users could not be loaded. Check your connection and try again.');
      } finally {
        if (!cancelled) setLoading(false);
      }
    }, search ? 250 : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, search, attempt, accountId, category]);

  const reset = () => {
    setSearch('');
    setCandidates(null);
    setSelected(new Map());
    setLoadError(null);
    setSaveError(null);
    setLoading(false);
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) reset();
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
      setSaveError(null);
      const result = await addRecipientsAction({ accountId, category, userIds: [...selected.keys()] });
      if (!result.ok) {
        setSaveError(result.error);
        return;
      }
      onOpenChange(false);
      flash(result.message ?? 'Recipients added.');
    });

  const hiddenSelected = candidates ? [...selected.values()].filter((s) => !candidates.some((c) => c.userId === s.userId)) : [];
  const countText =
    candidates === null
      ? 'Loading users…'
      : candidates.length === 0
        ? 'No users found'
        : `${candidates.length}${candidates.length === CANDIDATE_LIMIT ? '+' : ''} ${candidates.length === 1 ? 'user' : 'users'} found`;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <AddRecipientsTrigger />
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Add recipients to {categoryTitle}</DialogTitle>
          <DialogDescription>
            Users of this account who can receive this category and are not subscribed yet. Select one or more.
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-3">
          <div className="relative">
            <label htmlFor={searchId} className="sr-only">
              Search users
            </label>
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500">
              <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z" clipRule="evenodd" />
            </svg>
            <Input
              id={searchId}
              type="search"
              placeholder="Search by name or e-mail"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              autoComplete="off"
              className="pl-9"
            />
          </div>
          <div className="flex items-center justify-between gap-3 text-sm text-slate-600">
            <span id={listLabelId} className="inline-flex items-center gap-2">
              {countText}
              {loading && candidates !== null ? <Spinner className="size-3.5 text-slate-500" /> : null}
            </span>
            <span aria-live="polite" className="font-medium text-slate-800">
              {selected.size > 0 ? `${selected.size} selected` : ''}
            </span>
          </div>
          {hiddenSelected.length > 0 ? (
            <p className="text-xs text-slate-600">
              Also selected, not in this search: {hiddenSelected.map((c) => c.name ?? c.email).join(', ')}
            </p>
          ) : null}
          <div
            className="h-80 overflow-y-auto rounded-lg border border-slate-200 transition-opacity aria-busy:opacity-60"
            aria-busy={loading}
          >
            {candidates === null ? (
              loadError ? (
                <div className="space-y-3 px-4 py-8 text-center">
                  <p className="text-sm text-red-800">{loadError}</p>
                  <Button variant="secondary" size="sm" onClick={() => setAttempt((n) => n + 1)}>
                    Try again
                  </Button>
                </div>
              ) : (
                <div className="flex items-center justify-center gap-2 py-10 text-sm text-slate-600">
                  <Spinner /> Loading users…
                </div>
              )
            ) : candidates.length === 0 ? (
              <div className="px-4 py-10 text-center">
                <p className="text-sm font-medium text-slate-900">
                  {search.trim() ? `No eligible users match “${search.trim()}”.` : 'Nobody left to add.'}
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  {search.trim()
                    ? 'Try part of a name or an e-mail address.'
                    : 'Everyone who can receive this category is already subscribed.'}
                </p>
              </div>
            ) : (
              <ul aria-labelledby={listLabelId} className="divide-y divide-slate-100">
                {candidates.map((c) => {
                  const inputId = `candidate-${c.userId}`;
                  return (
                    <li key={c.userId}>
                      <label
                        htmlFor={inputId}
                        className="flex cursor-pointer items-start gap-3 px-4 py-2.5 hover:bg-slate-50 has-checked:bg-brand-50/60"
                      >
                        <Checkbox id={inputId} className="mt-0.5" checked={selected.has(c.userId)} onChange={() => toggle(c)} />
                        <span className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-row sm:items-center sm:justify-between sm:gap-3">
                          <span className="min-w-0">
                            <span className="block truncate text-sm font-medium text-slate-900">{c.name ?? c.email}</span>
                            <span className="block truncate text-xs text-slate-600">{c.email}</span>
                          </span>
                          <span className="flex flex-wrap gap-1 self-start sm:shrink-0 sm:justify-end sm:self-center">
                            {memberRoleLabels(c.role, c.projectRoles).map((label) => (
                              <Badge key={label}>{label}</Badge>
                            ))}
                          </span>
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
          {candidates && candidates.length === CANDIDATE_LIMIT ? (
            <p className="text-xs text-slate-600">Showing the first {CANDIDATE_LIMIT} matches. Search to narrow the list.</p>
          ) : null}
          {loadError && candidates !== null ? (
            <Alert tone="danger" role="alert">
              {loadError}
            </Alert>
          ) : null}
          {saveError ? (
            <Alert tone="danger" role="alert">
              {saveError}
            </Alert>
          ) : null}
        </DialogBody>
        <DialogFooter>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
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
