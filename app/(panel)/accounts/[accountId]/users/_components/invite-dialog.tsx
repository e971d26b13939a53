'use client';

import { useId, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FieldError, FieldHint } from '@/components/ui/field-message';
import { useFlash } from '@/components/ui/flash';
import { inputClassName, Textarea } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import type { MemberRole, ProjectRole } from '@/db/schema';
import { cn } from '@/lib/utils';
import { inviteUsersAction } from '../actions';

export type RoleOption = { value: MemberRole; label: string; description: string };

/** Addresses as typed: separated by commas, semicolons, spaces or new lines. */
const splitAddresses = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "Invite users": addresses, one role, and optional project roles; one e-mail each. */
export function InviteDialog({
  accountId,
  roles,
  projects,
  projectRoleLabels,
}: {
  accountId: string;
  roles: RoleOption[];
  projects: { id: string; name: string }[];
  projectRoleLabels: Record<ProjectRole, string>;
}) {
  const flash = useFlash();
  const [open, setOpen] = useState(false);
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState<MemberRole>(roles[0]?.value ?? 'account_admin');
  const [projectRoles, setProjectRoles] = useState<Record<string, ProjectRole | ''>>({});
  const [error, setError] = useState<string | null>(null);
  const [emailsError, setEmailsError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const emailsId = useId();
  const emailsHint = useId();
  const emailsErr = useId();
  const roleLegend = useId();

  const reset = () => {
    setEmails('');
    setRole(roles[0]?.value ?? 'account_admin');
    setProjectRoles({});
    setError(null);
    setEmailsError(null);
  };

  const submit = () =>
    startTransition(async () => {
      setError(null);
      setEmailsError(null);
      const list = splitAddresses(emails);
      if (list.length === 0) {
        setEmailsError('Enter at least one e-mail address.');
        return;
      }
      const result = await inviteUsersAction({
        accountId,
        emails: list,
        role,
        projectRoles: Object.entries(projectRoles)
          .filter((e): e is [string, ProjectRole] => e[1] !== '')
          .map(([projectId, r]) => ({ projectId, role: r })),
      });
      if (!result.ok) {
        const emailIssue = Object.entries(result.fieldErrors ?? {}).find(([path]) => path.startsWith('emails'));
        if (emailIssue) setEmailsError(emailIssue[1][0]);
        else setError(result.error);
        return;
      }
      setOpen(false);
      reset();
      flash(result.message ?? 'Invitations sent.');
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
          Invite users
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Invite users</DialogTitle>
          <DialogDescription>
            Each person gets an e-mail with a link that signs them in and adds them to the account. Links work once and
            expire after 7 days.
          </DialogDescription>
        </DialogHeader>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!pending) submit();
          }}
          className="flex min-h-0 flex-1 flex-col"
        >
          <DialogBody className="space-y-5 overflow-y-auto">
            <div className="space-y-1.5">
              <label htmlFor={emailsId} className="block text-sm font-medium text-slate-800">
                E-mail addresses
              </label>
              <Textarea
                id={emailsId}
                value={emails}
                onChange={(e) => setEmails(e.target.value)}
                placeholder="name@example.com, other@example.com"
                autoCapitalize="none"
                spellCheck={false}
                rows={3}
                aria-invalid={emailsError ? true : undefined}
                aria-describedby={emailsError ? `${emailsHint} ${emailsErr}` : emailsHint}
              />
              <FieldHint id={emailsHint}>Separate several addresses with commas or new lines (up to 20).</FieldHint>
              {emailsError ? <FieldError id={emailsErr}>{emailsError}</FieldError> : null}
            </div>
            <fieldset className="space-y-2" aria-labelledby={roleLegend}>
              <legend id={roleLegend} className="text-sm font-medium text-slate-800">
                Role in the account
              </legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {roles.map((r) => (
                  <label
                    key={r.value}
                    className={cn(
                      'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600/40',
                      role === r.value ? 'border-brand-600 bg-brand-50/60' : 'border-slate-200 hover:border-slate-300',
                    )}
                  >
                    <input
                      type="radio"
                      name="role"
                      value={r.value}
                      checked={role === r.value}
                      onChange={() => setRole(r.value)}
                      className="mt-0.5 size-4 accent-brand-600"
                    />
                    <span>
                      <span className="block font-medium text-slate-900">{r.label}</span>
                      <span className="block text-xs leading-relaxed text-slate-600">{r.description}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {projects.length > 0 ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-800">
                  Project roles <span className="font-normal text-slate-600">(optional{role === 'project_member' ? ', at least one for a project-level user' : ''})</span>
                </legend>
                <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
                  {projects.map((p) => (
                    <li key={p.id} className="flex items-center justify-between gap-3 px-3 py-2">
                      <label htmlFor={`${emailsId}-project-${p.id}`} className="min-w-0 truncate text-sm text-slate-800">
                        {p.name}
                      </label>
                      <select
                        id={`${emailsId}-project-${p.id}`}
                        value={projectRoles[p.id] ?? ''}
                        onChange={(e) => setProjectRoles((prev) => ({ ...prev, [p.id]: e.target.value as ProjectRole | '' }))}
                        className={cn(inputClassName, 'h-9 w-auto pr-8')}
                      >
                        <option value="">No role</option>
                        {(Object.keys(projectRoleLabels) as ProjectRole[]).map((r) => (
                          <option key={r} value={r}>
                            {projectRoleLabels[r]}
                          </option>
                        ))}
                      </select>
                    </li>
                  ))}
                </ul>
              </fieldset>
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
            <Button type="submit" disabled={pending}>
              {pending ? <Spinner /> : null}
              {pending ? 'Sending…' : 'Send invitations'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
