'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { signInAsDemoUser, type DemoSignInState } from './actions';

export type DemoPerson = {
  id: string;
  name: string;
  email: string;
  roles: { label: string; isOwner: boolean }[];
};

export function DemoSignInList({ people, callbackUrl }: { people: DemoPerson[]; callbackUrl: string }) {
  const t = useTranslations('signIn');
  const [state, formAction] = useActionState<DemoSignInState, FormData>(signInAsDemoUser, {});
  return (
    <div className="space-y-3">
      {state.error ? (
        <Alert tone="danger" role="alert" title={t('demoFailed')}>
          {state.error}
        </Alert>
      ) : null}
      <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200">
        {people.map((person) => (
          <li key={person.id} className="flex flex-col gap-3 bg-white px-4 py-3 sm:flex-row sm:items-center">
            <div className="flex min-w-0 flex-1 items-start gap-3">
              <Avatar name={person.name} className="mt-0.5" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{person.name}</p>
                <p className="truncate text-sm text-slate-600">{person.email}</p>
                {person.roles.length > 0 ? (
                  <ul aria-label={t('demoRolesOf', { name: person.name })} className="mt-1.5 flex flex-wrap gap-1.5">
                    {person.roles.map((role) => (
                      <li key={role.label} className="max-w-full">
                        <Badge tone={role.isOwner ? 'brand' : 'neutral'} className="max-w-full whitespace-normal">
                          {role.label}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1.5 text-xs text-slate-600">{t('demoNoAccount')}</p>
                )}
              </div>
            </div>
            <form action={formAction} className="shrink-0 sm:self-center">
              <input type="hidden" name="userId" value={person.id} />
              {callbackUrl !== '/' ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
              <DemoSubmitButton name={person.name} />
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DemoSubmitButton({ name }: { name: string }) {
  const t = useTranslations('signIn');
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant="secondary"
      size="sm"
      className="w-full sm:w-auto"
      aria-label={t('demoSignInAs', { name })}
      disabled={pending}
    >
      {pending ? <Spinner /> : null}
      {t('demoSignIn')}
    </Button>
  );
}
