import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { buttonVariants } from '@/components/ui/button';
import { EnvelopeIcon, InboxIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';
import { devToolsEnabled } from '@/lib/env';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('checkEmail'))('title') };
}

export default async function CheckEmailPage() {
  // Rendered per request: whether developer tools are on is decided where the server runs, not at build time.
  await connection();
  const devTools = devToolsEnabled();
  const t = await getTranslations('checkEmail');
  return (
    <MessageCard
      icon={<EnvelopeIcon />}
      title={t('title')}
      description={<p className="text-sm leading-relaxed text-slate-600">{t('body')}</p>}
    >
      {devTools ? (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4 text-left">
          <p className="text-sm text-slate-700">
            <span className="font-medium text-slate-900">{t('devToolsOn')}</span> {t('devToolsBody')}
          </p>
          <Link href="/dev/mailbox" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
            <InboxIcon />
            {t('openMailbox')}
          </Link>
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        {t.rich('nothingArrived', {
          link: (chunks) => (
            <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-4 hover:underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </MessageCard>
  );
}
