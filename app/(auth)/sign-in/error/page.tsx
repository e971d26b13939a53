import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { WarningIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';

export const metadata: Metadata = { title: "Sign-in link can't be used" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Auth.js sends its error code in ?error=; anything unknown gets the general explanation.
const explanations: Record<string, string> = {
  Verification:
    'The link has expired, has already been used, or was changed on its way to you. Each sign-in link works once and for 24 hours.',
  AccessDenied: 'This address is not allowed to sign in here.',
  Configuration: 'Sign-in is not set up correctly on this server. If this keeps happening, contact your administrator.',
};
const fallback =
  'Sign-in links work only once and only for 24 hours, and only exactly as we sent them. The link may have expired, been used already, or been changed.';

export default async function SignInErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  const explanation = (code && Object.hasOwn(explanations, code) && explanations[code]) || fallback;
  return (
    <MessageCard
      icon={<WarningIcon />}
      tone="warning"
      title="This sign-in link can't be used"
      description={
        <>
          <p className="text-sm leading-relaxed text-slate-600">{explanation}</p>
          <p className="text-sm leading-relaxed text-slate-600">Request a new link and use the newest e-mail.</p>
        </>
      }
    >
      <Link href="/sign-in" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
        Back to sign in
      </Link>
    </MessageCard>
  );
}
