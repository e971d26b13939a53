import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonVariants } from '@/components/ui/button';
import { WarningIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';
import { magicLinkEnabled, oidcConfig } from '@/lib/env';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signInError'))('documentTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Explanation = { title: string; paragraphs: string[] };
type Translate = Awaited<ReturnType<typeof getTranslations<'signInError'>>>;

// Auth.js sends its error code in ?error=, and so do the SSO refusals (lib/sso.ts, and the
// callback route for a changed or stale answer); anything unknown gets the general explanation.
function explain(t: Translate, code: string | undefined, provider: string, magicLink: boolean): Explanation {
  const again = magicLink ? t('again') : t('againSso');
  const p = { provider };
  switch (code) {
    case 'Verification':
      return { title: t('linkTitle'), paragraphs: [t('verification'), again] };
    case 'AccessDenied':
      return { title: t('linkTitle'), paragraphs: [t('accessDenied'), again] };
    case 'Configuration':
      return { title: t('configurationTitle'), paragraphs: [t('configuration')] };
    case 'SsoEmailUnverified':
      return { title: t('unverifiedTitle', p), paragraphs: [t('unverified1', p), t('unverified2', p)] };
    case 'SsoUnknownPerson':
      return { title: t('unknownTitle'), paragraphs: [t('unknown', p), t('askAdded')] };
    case 'SsoAccountMismatch':
      return { title: t('mismatchTitle', p), paragraphs: [t('mismatch1', p), t('mismatch2')] };
    case 'SsoFailed':
      return { title: t('failedTitle', p), paragraphs: [t('failed1', p), t('failed2')] };
    case 'SsoUnavailable':
      return { title: t('unavailableTitle', p), paragraphs: [t('unavailable', p)] };
    case 'OAuthCallbackError':
      return { title: t('callbackTitle', p), paragraphs: [t('callback', p), t('againSso')] };
    case 'OAuthAccountNotLinked':
      return { title: t('notLinkedTitle'), paragraphs: [t('notLinked', p)] };
    default:
      return { title: t('linkTitle'), paragraphs: [t('default'), again] };
  }
}

export default async function SignInErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  const t = await getTranslations('signInError');
  const { title, paragraphs } = explain(t, code, oidcConfig()?.name ?? t('singleSignOn'), magicLinkEnabled());
  return (
    <MessageCard
      icon={<WarningIcon />}
      tone="warning"
      title={title}
      description={
        <>
          {paragraphs.map((text) => (
            <p key={text} className="text-sm leading-relaxed text-slate-600">
              {text}
            </p>
          ))}
        </>
      }
    >
      <Link href="/sign-in" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
        {t('back')}
      </Link>
    </MessageCard>
  );
}
