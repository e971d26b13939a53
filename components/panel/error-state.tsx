'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { RefreshIcon, WarningIcon } from '@/components/ui/icons';

/** What an error boundary shows: the failure in plain words, a retry, a way home, and a reference for support. */
export function ErrorState({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errorState');
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
      <h1 className="text-xl font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-slate-600">
        {t('body')}
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-slate-600">{t('reference', { digest })}</p> : null}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button onClick={() => retry()}>
          <RefreshIcon />
          {t('retry')}
        </Button>
        <Link href="/" className={buttonVariants({ variant: 'secondary' })}>
          {t('home')}
        </Link>
      </div>
    </div>
  );
}
