'use client';

import { useId, useOptimistic, useState, useTransition } from 'react';
import { toggleEventAction } from '../actions';
import { Spinner } from '@/components/ui/spinner';
import { Switch } from '@/components/ui/switch';

/**
 * The Email switch of one event. It moves at once and saves in the
 * background; if the server refuses, it moves back and says why.
 */
export function EventEmailSwitch({
  accountId,
  eventKey,
  title,
  enabled,
  disabled = false,
}: {
  accountId: string;
  eventKey: string;
  title: string;
  enabled: boolean;
  disabled?: boolean;
}) {
  // Shows the new position while saving; afterwards the saved state comes back from the server
  // (revalidated by the action), which is the old position again if the change was refused.
  const [checked, setChecked] = useOptimistic(enabled);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const errorId = useId();

  const change = (next: boolean) => {
    setError(null);
    startTransition(async () => {
      setChecked(next);
      const result = await toggleEventAction({ accountId, eventKey, enabled: next });
      if (!result.ok) setError(result.error);
    });
  };

  return (
    <div className="flex flex-col items-start gap-1 xl:items-end">
      <div className="flex items-center gap-2.5">
        <span aria-hidden="true" className="w-7 text-right text-xs font-medium text-slate-600">
          {pending ? <Spinner className="ml-auto size-3.5 text-slate-500" /> : checked ? 'On' : 'Off'}
        </span>
        <Switch
          checked={checked}
          onCheckedChange={change}
          disabled={disabled}
          aria-label={`Email for ${title}`}
          aria-describedby={error ? errorId : undefined}
          aria-busy={pending || undefined}
        />
      </div>
      {error ? (
        <p id={errorId} role="alert" className="max-w-56 text-xs font-medium text-red-700 xl:text-right">
          {error}
        </p>
      ) : null}
    </div>
  );
}
