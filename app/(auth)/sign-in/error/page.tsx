import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { WarningIcon } from '@/components/ui/icons';

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
    <Card className="w-full max-w-md">
      <div className="space-y-6 p-8 text-center">
        <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-amber-50 text-amber-700">
          <WarningIcon className="size-6" />
        </div>
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">This sign-in link can&apos;t be used</h1>
          <p className="text-sm leading-relaxed text-slate-600">{explanation}</p>
          <p className="text-sm leading-relaxed text-slate-600">Request a new link and use the newest e-mail.</p>
        </div>
        <Link href="/sign-in" className={buttonVariants({ variant: 'primary', className: 'w-full' })}>
          Back to sign in
        </Link>
      </div>
    </Card>
  );
}
