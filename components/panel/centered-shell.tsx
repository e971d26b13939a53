import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { Logo } from './logo';

/** The frame of pages outside the panel (sign-in, 404, no account yet): logo on top, content centred. */
export function CenteredShell({ children, className }: { children: ReactNode; className?: string }) {
  const t = useTranslations('shell');
  return (
    <div className="flex min-h-dvh flex-col bg-[radial-gradient(ellipse_at_top,var(--color-brand-50),transparent_60%)]">
      <header className="flex justify-center px-4 pt-12 pb-8 sm:pt-16">
        <Logo subtitle={t('controlPanel')} />
      </header>
      <main className={cn('flex flex-1 flex-col items-center gap-6 px-4 pb-12', className)}>{children}</main>
      <footer className="px-4 pb-8 text-center text-xs text-slate-600">{t('footer')}</footer>
    </div>
  );
}
