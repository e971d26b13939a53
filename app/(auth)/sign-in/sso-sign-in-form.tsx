'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { signInWithSso, type SsoSignInState } from './actions';

/** "Continue with <name>": off to the host platform's OpenID provider, and back signed in. */
export function SsoSignInForm({ name, callbackUrl, primary }: { name: string; callbackUrl: string; primary: boolean }) {
  const t = useTranslations('signIn');
  const [state, formAction, pending] = useActionState<SsoSignInState, FormData>(signInWithSso, {});
  return (
    <form action={formAction} className="space-y-3">
      {callbackUrl !== '/' ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {state.error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button
        type="submit"
        size="lg"
        variant={primary ? 'primary' : 'secondary'}
        className="w-full"
        disabled={pending}
        aria-busy={pending || undefined}
      >
        {pending ? <Spinner /> : null}
        {t('continueWith', { provider: name })}
      </Button>
    </form>
  );
}
