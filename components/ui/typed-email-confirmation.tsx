'use client';

import { useId } from 'react';
import { Alert } from './alert';
import { Input } from './input';

/**
 * The body of a destructive dialog confirmed by typing the person's e-mail (removing a
 * recipient, removing a member): the field, whether it matches yet, and the server's refusal.
 * The caller decides whether it matches (rules.ts's confirmationMatches); the server checks again.
 */
export function TypedEmailConfirmation({
  email,
  typed,
  onTypedChange,
  matches,
  actionLabel,
  error,
}: {
  email: string;
  typed: string;
  onTypedChange: (value: string) => void;
  matches: boolean;
  /** The confirming button's label, for the hint ("to enable Delete"). */
  actionLabel: string;
  error: string | null;
}) {
  const inputId = useId();
  const hintId = useId();
  return (
    <>
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
        onChange={(e) => onTypedChange(e.target.value)}
        aria-describedby={hintId}
      />
      <p id={hintId} className="flex min-h-5 items-center gap-1.5 text-sm text-slate-600">
        {matches ? (
          <>
            <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 shrink-0 text-emerald-600">
              <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
            </svg>
            <span className="text-emerald-800">The e-mail matches.</span>
          </>
        ) : (
          <span>
            Enter{' '}
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.8125rem] text-slate-900 select-all">{email}</span> to
            enable {actionLabel}.
          </span>
        )}
      </p>
      {error ? (
        <Alert tone="danger" role="alert">
          {error}
        </Alert>
      ) : null}
    </>
  );
}
