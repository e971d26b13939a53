import type { Metadata } from 'next';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { CenteredShell } from '@/components/panel/centered-shell';
import { buttonVariants } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notFound'))('title') };
}

export default function NotFound() {
  const t = useTranslations('notFound');
  return (
    <CenteredShell>
      <Card className="w-full max-w-md">
        <div className="space-y-6 p-8 text-center">
          <p className="text-sm font-semibold text-brand-700">404</p>
          <div className="space-y-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('title')}</h1>
            <p className="text-sm leading-relaxed text-slate-600">
              {t('body')}
            </p>
          </div>
          <Link href="/" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
            {t('home')}
          </Link>
        </div>
      </Card>
    </CenteredShell>
  );
}
