'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { FieldError, FieldHint } from '@/components/ui/field-message';
import { ChevronDownIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import type { RecipientAddressBook } from '@/lib/events/preview';
import { emailAddress, recipientKey, recipientLabel, ROLE_RECIPIENTS, type RecipientSpec } from '@/lib/events/recipients';
import { cn } from '@/lib/utils';

const contactGroups: Array<{ label: string; filter: (s: RecipientSpec) => boolean }> = [
  { label: 'Customer contacts', filter: (s) => s.type === 'contact' && s.role.startsWith('customer_') },
  { label: 'Reseller contacts', filter: (s) => s.type === 'contact' && s.role.startsWith('reseller_') },
  { label: 'People named by the event', filter: (s) => s.type !== 'contact' },
];

function PersonIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-3.5 shrink-0">
      <path d="M10 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM3.465 14.493a1.23 1.23 0 0 0 .41 1.412A9.957 9.957 0 0 0 10 18c2.31 0 4.438-.784 6.131-2.1.43-.333.604-.903.408-1.41a7.002 7.002 0 0 0-13.074.003Z" />
    </svg>
  );
}

function WarningIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="mr-1 inline size-3.5 -translate-y-px align-middle">
      <path
        fillRule="evenodd"
        d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function AtIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-3.5 shrink-0">
      <path d="M3 4a2 2 0 0 0-2 2v1.161l8.441 4.221a1.25 1.25 0 0 0 1.118 0L19 7.162V6a2 2 0 0 0-2-2H3Z" />
      <path d="m19 8.839-7.77 3.885a2.75 2.75 0 0 1-2.46 0L1 8.839V14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V8.839Z" />
    </svg>
  );
}

/** What a chip says under a role: the address it goes to now, or why none (null for a literal address). */
function whereItGoes(spec: RecipientSpec, addresses: RecipientAddressBook | undefined): { text: string; missing: boolean } | null {
  switch (spec.type) {
    case 'address':
      return null;
    case 'contact': {
      if (!addresses) return null;
      const found = addresses.roles[spec.role];
      return found.address !== null ? { text: found.address, missing: false } : { text: `No address: ${found.note}`, missing: true };
    }
    default:
      return { text: 'Named by the event when it happens', missing: false };
  }
}

/**
 * One recipient list of the Edit dialog (To or CC): chips for its recipients,
 * each removable and each role with the address it goes to now, an e-mail
 * field and a menu of contact roles to add more.
 */
export function RecipientField({
  name,
  recipients,
  onChange,
  taken,
  max,
  error,
  invalidIndexes,
  readOnly = false,
  hint,
  addresses,
}: {
  name: 'To' | 'CC';
  recipients: RecipientSpec[];
  onChange: (next: RecipientSpec[]) => void;
  /** Keys of recipients already in the other field, which cannot be added here. */
  taken: Set<string>;
  max: number;
  error?: string | null;
  invalidIndexes?: Set<number>;
  readOnly?: boolean;
  hint?: string;
  /** Where each contact role goes now (the first customer's and the reseller's contacts). */
  addresses?: RecipientAddressBook;
}) {
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const labelId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const draftErrorId = useId();
  const keys = new Set(recipients.map(recipientKey));
  const full = recipients.length >= max;

  const add = (spec: RecipientSpec): string | null => {
    const key = recipientKey(spec);
    if (keys.has(key)) return `${recipientLabel(spec)} is already in ${name}.`;
    if (taken.has(key)) return `${recipientLabel(spec)} is already in ${name === 'To' ? 'CC' : 'To'}.`;
    if (full) return `${name} takes at most ${max} recipients.`;
    onChange([...recipients, spec]);
    return null;
  };

  const addAddress = () => {
    const parsed = emailAddress.safeParse(draft);
    if (!parsed.success) {
      setDraftError(parsed.error.issues[0].message);
      return;
    }
    const problem = add({ type: 'address', email: parsed.data });
    setDraftError(problem);
    if (!problem) setDraft('');
  };

  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div role="group" aria-labelledby={labelId} aria-describedby={describedBy} className="space-y-2">
      <div className="flex items-baseline justify-between gap-3">
        <span id={labelId} className="text-sm font-semibold text-slate-900">
          {name}
        </span>
        <span className="text-xs text-slate-600">
          {recipients.length} of {max}
        </span>
      </div>
      {hint ? (
        <FieldHint id={hintId} className="text-xs">
          {hint}
        </FieldHint>
      ) : null}
      <ul
        aria-label={`${name} recipients`}
        className={cn(
          'flex min-h-11 flex-wrap gap-1.5 rounded-lg border bg-white p-1.5',
          error ? 'border-red-600' : 'border-slate-300',
        )}
      >
        {recipients.length === 0 ? <li className="px-2 py-1 text-sm text-slate-500">No recipients</li> : null}
        {recipients.map((spec, index) => {
          const label = recipientLabel(spec);
          const invalid = invalidIndexes?.has(index);
          const goes = whereItGoes(spec, addresses);
          return (
            <li
              key={recipientKey(spec)}
              className={cn(
                'inline-flex max-w-full items-center gap-1.5 rounded-md py-1 pr-1 pl-2 text-sm ring-1 ring-inset',
                invalid
                  ? 'bg-red-50 text-red-800 ring-red-300'
                  : spec.type === 'address'
                    ? 'bg-slate-100 text-slate-800 ring-slate-300'
                    : 'bg-brand-50 text-brand-800 ring-brand-200',
                readOnly && 'pr-2',
              )}
            >
              <span className={cn('shrink-0', goes && 'self-start pt-0.5')}>{spec.type === 'address' ? <AtIcon /> : <PersonIcon />}</span>
              {goes ? (
                <span className="min-w-0 leading-tight">
                  <span className="block truncate font-medium">{label}</span>
                  <span
                    className={cn(
                      'block truncate text-xs',
                      goes.missing ? 'font-medium text-amber-800' : 'text-slate-600',
                      spec.type !== 'contact' && 'italic',
                    )}
                  >
                    {goes.missing ? <WarningIcon /> : null}
                    {goes.text}
                  </span>
                </span>
              ) : (
                <span className="truncate">{label}</span>
              )}
              {readOnly ? null : (
                <button
                  type="button"
                  onClick={() => onChange(recipients.filter((_, i) => i !== index))}
                  aria-label={`Remove ${label} from ${name}`}
                  className="inline-flex size-5 shrink-0 cursor-pointer items-center justify-center rounded text-current opacity-70 hover:bg-black/10 hover:opacity-100"
                >
                  <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-3.5">
                    <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                  </svg>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <FieldError id={errorId}>{error}</FieldError>
      {readOnly ? null : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="flex min-w-0 flex-1 gap-2">
            <label htmlFor={inputId} className="sr-only">
              Add an e-mail address to {name}
            </label>
            <Input
              id={inputId}
              type="email"
              inputMode="email"
              autoComplete="off"
              placeholder="name@example.com"
              value={draft}
              disabled={full}
              aria-invalid={draftError ? true : undefined}
              aria-describedby={draftError ? draftErrorId : undefined}
              onChange={(e) => {
                setDraft(e.target.value);
                setDraftError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ',') {
                  e.preventDefault();
                  addAddress();
                }
              }}
              className="h-9"
            />
            <Button variant="secondary" onClick={() => addAddress()} disabled={full || !draft.trim()} aria-label={`Add address to ${name}`}>
              Add
            </Button>
          </div>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="secondary" disabled={full} aria-label={`Add contact role to ${name}`}>
                Add contact role
                <ChevronDownIcon />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-72">
              {contactGroups.map((group, i) => (
                <div key={group.label}>
                  {i > 0 ? <DropdownMenuSeparator /> : null}
                  <DropdownMenuLabel>{group.label}</DropdownMenuLabel>
                  {ROLE_RECIPIENTS.filter(group.filter).map((spec) => {
                    const key = recipientKey(spec);
                    const used = keys.has(key) ? `in ${name}` : taken.has(key) ? `in ${name === 'To' ? 'CC' : 'To'}` : null;
                    return (
                      <DropdownMenuItem key={key} disabled={!!used} onSelect={() => setDraftError(add(spec))}>
                        <span className="flex-1">{recipientLabel(spec)}</span>
                        {used ? <span className="text-xs text-slate-500">{used}</span> : null}
                      </DropdownMenuItem>
                    );
                  })}
                </div>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      )}
      {draftError ? (
        <FieldError id={draftErrorId} role="alert">
          {draftError}
        </FieldError>
      ) : full && !readOnly ? (
        <FieldHint className="text-xs">{name} is full: remove a recipient to add another.</FieldHint>
      ) : null}
    </div>
  );
}
