'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { removeSuppressionAction, retryDeliveryAction } from '../actions';
import { Button } from '@/components/ui/button';
import { useFlash } from '@/components/ui/flash';
import { Spinner } from '@/components/ui/spinner';

function useActionButton(run: () => Promise<{ ok: true; message?: string } | { ok: false; error: string }>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const flash = useFlash();
  const router = useRouter();
  const onClick = () =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (!result.ok) return setError(result.error);
      if (result.message) flash(result.message);
      router.refresh();
    });
  return { pending, error, onClick };
}

/** Retry on a failed delivery row. */
export function RetryDeliveryButton({ accountId, deliveryId, label }: { accountId: string; deliveryId: number; label: string }) {
  const { pending, error, onClick } = useActionButton(() => retryDeliveryAction({ accountId, deliveryId }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" onClick={onClick} disabled={pending} aria-label={label}>
        {pending ? <Spinner /> : null}
        Retry
      </Button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}

/** Remove on a suppressed address. */
export function RemoveSuppressionButton({ accountId, email }: { accountId: string; email: string }) {
  const { pending, error, onClick } = useActionButton(() => removeSuppressionAction({ accountId, email }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" onClick={onClick} disabled={pending} aria-label={`Remove ${email} from the suppression list`}>
        {pending ? <Spinner /> : null}
        Remove
      </Button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
