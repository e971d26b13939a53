import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { WarningIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';
import { magicLinkEnabled, oidcConfig } from '@/lib/env';

export const metadata: Metadata = { title: "You couldn't be signed in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Explanation = { title: string; paragraphs: string[] };

const LINK_TITLE = "This sign-in link can't be used";

// Auth.js sends its error code in ?error=, and so do the SSO refusals (lib/sso.ts, and the
// callback route for a changed or stale answer); anything unknown gets the general explanation.
function explain(code: string | undefined, provider: string, magicLink: boolean): Explanation {
  const again = magicLink ? 'Request a new link and use the newest e-mail.' : 'Go back and sign in again.';
  const addedBy = "Ask whoever manages your account's users to add you, then sign in again.";
  switch (code) {
    case 'Verification':
      return {
        title: LINK_TITLE,
        paragraphs: ['The link has expired, has already been used, or was changed on its way to you. Each sign-in link works once and for 24 hours.', again],
      };
    case 'AccessDenied':
      return { title: LINK_TITLE, paragraphs: ['This address is not allowed to sign in here.', again] };
    case 'Configuration':
      return { title: "You couldn't be signed in", paragraphs: ['Sign-in is not set up correctly on this server. If this keeps happening, contact your administrator.'] };
    case 'SsoEmailUnverified':
      return {
        title: `${provider} did not confirm your email address`,
        paragraphs: [
          `We sign you in by the email address of your ${provider} account, and only when ${provider} says the address is verified. It did not.`,
          `Verify your email address at ${provider} (or ask its administrator to), then sign in again.`,
        ],
      };
    case 'SsoUnknownPerson':
      return {
        title: 'No Nimbus Cloud user has this email address',
        paragraphs: [`You signed in to ${provider}, but nobody has added the email address of that account to a Nimbus Cloud account here.`, addedBy],
      };
    case 'SsoAccountMismatch':
      return {
        title: `This ${provider} account belongs to someone else here`,
        paragraphs: [
          `Your ${provider} account signs in another Nimbus Cloud user, whose address was different. Its email address has changed since, so we don't know which person you are.`,
          "Ask whoever manages your account's users to sort it out.",
        ],
      };
    case 'SsoFailed':
      return {
        title: `Signing in with ${provider} didn't complete`,
        paragraphs: [
          `The answer from ${provider} was changed, had expired, or arrived in another browser than the one that started signing in. Nothing was signed in.`,
          'Go back and sign in again, in one browser.',
        ],
      };
    case 'SsoUnavailable':
      return {
        title: `${provider} can't be reached`,
        paragraphs: [`We could not reach ${provider} to sign you in. Try again in a moment; if it keeps happening, contact your administrator.`],
      };
    case 'OAuthCallbackError':
      return { title: `${provider} didn't sign you in`, paragraphs: [`${provider} answered that signing in was cancelled or refused.`, 'Go back and sign in again.'] };
    case 'OAuthAccountNotLinked':
      return {
        title: "You're signed in as someone else",
        paragraphs: [`This browser is signed in as another Nimbus Cloud user than your ${provider} account. Sign out first, then continue with ${provider}.`],
      };
    default:
      return {
        title: LINK_TITLE,
        paragraphs: [
          'Sign-in links work only once and only for 24 hours, and only exactly as we sent them. The link may have expired, been used already, or been changed.',
          again,
        ],
      };
  }
}

export default async function SignInErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  const { title, paragraphs } = explain(code, oidcConfig()?.name ?? 'single sign-on', magicLinkEnabled());
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
        Back to sign in
      </Link>
    </MessageCard>
  );
}
