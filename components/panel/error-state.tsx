'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { RefreshIcon, WarningIcon } from '@/components/ui/icons';

/** What an error boundary shows: the failure in plain words, a retry, a way home, and a reference for support. */
export function ErrorState({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;

  return (
    <div
      role="alert"
      className="flex flex-col items-center rounded-xl border border-slate-200 bg-white px-6 py-12 text-center shadow-sm"
    >
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600">
        <WarningIcon className="size-6" />
      </div>
      <h1 className="text-xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-slate-600">
        We couldn&apos;t load this page. Nothing you entered was lost; try again in a moment.
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-slate-600">Reference: {digest}</p> : null}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>
          <RefreshIcon />
          Try again
        </Button>
        <Link href="/" className={buttonVariants({ variant: 'secondary' })}>
          Go to the control panel
        </Link>
      </div>
    </div>
  );
}
