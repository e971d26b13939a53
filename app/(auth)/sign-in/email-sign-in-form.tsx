'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-message';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { signInWithEmail, type EmailSignInState } from './actions';

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('signIn');
  const [state, formAction, pending] = useActionState<EmailSignInState, FormData>(signInWithEmail, {});
  const emailError = state.fieldErrors?.email;
  const inputRef = useRef<HTMLInputElement>(null);

  // Back to the field after a rejected submit, so the message is read out with it.
  useEffect(() => {
    if (emailError) inputRef.current?.focus();
  }, [state, emailError]);

  return (
    <form action={formAction} noValidate className="space-y-4">
      {callbackUrl !== '/' ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="space-y-1.5">
        <Label htmlFor="sign-in-email">{t('emailLabel')}</Label>
        <Input
          ref={inputRef}
          id="sign-in-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          placeholder={t('emailPlaceholder')}
          defaultValue={state.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? 'sign-in-email-error' : undefined}
        />
        <FieldError id="sign-in-email-error">{emailError}</FieldError>
      </div>
      {state.error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" size="lg" className="w-full" disabled={pending} aria-busy={pending || undefined}>
        {pending ? <Spinner /> : null}
        {t('sendLink')}
      </Button>
    </form>
  );
}
