import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { BeakerIcon } from '@/components/ui/icons';
import { translatedRoleNames } from '@/lib/i18n/role-names';
import type { RoleNames } from '@/lib/notifications/roles';
import { db } from '@/db';
import { listRolesForUsers } from '@/db/queries/demo';
import { listDemoUsers } from '@/lib/demo';
import { demoModeEnabled, magicLinkEnabled, oidcConfig } from '@/lib/env';
import { currentUser } from '@/lib/session';
import { safeCallbackUrl } from './callback-url';
import { DemoSignInList, type DemoPerson } from './demo-sign-in-list';
import { EmailSignInForm } from './email-sign-in-form';
import { SsoSignInForm } from './sso-sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signIn'))('documentTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  const authError = first(params.error);
  const [user, demoPeople, t] = await Promise.all([
    currentUser(),
    demoModeEnabled() ? translatedRoleNames().then(loadDemoPeople) : null,
    getTranslations('signIn'),
  ]);
  const sso = oidcConfig();
  const magicLink = magicLinkEnabled();

  return (
    <>
      <Card className="w-full max-w-md">
        <div className="space-y-6 p-8">
          <div className="space-y-1.5">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('title')}</h1>
            <p className="text-sm leading-relaxed text-slate-600">
              {magicLink
                ? sso
                  ? t('introSsoAndEmail', { provider: sso.name })
                  : t('introEmail')
                : t('introSsoOnly', { provider: sso?.name ?? t('singleSignOn') })}
            </p>
          </div>
          {user ? (
            <Alert tone="info" title={t('alreadySignedIn')}>
              {t('signedInAs', { name: user.name ?? user.email })}{' '}
              <Link href={callbackUrl} className="font-medium underline underline-offset-2">
                {t('continue')}
              </Link>
            </Alert>
          ) : null}
          {authError ? (
            <Alert tone="danger" role="alert" title={t('failedTitle')}>
              {authError === 'EmailSignin' ? t('failedEmail') : magicLink ? t('failedLink') : t('failedOther')}
            </Alert>
          ) : null}
          {sso ? <SsoSignInForm name={sso.name} callbackUrl={callbackUrl} primary={!magicLink} /> : null}
          {sso && magicLink ? (
            <div className="flex items-center gap-3 text-xs font-medium uppercase tracking-wide text-slate-600" aria-hidden="true">
              <span className="h-px flex-1 bg-slate-200" />
              {t('or')}
              <span className="h-px flex-1 bg-slate-200" />
            </div>
          ) : null}
          {magicLink ? <EmailSignInForm callbackUrl={callbackUrl} /> : null}
        </div>
      </Card>

      {demoPeople ? (
        <Card className="w-full max-w-2xl" role="region" aria-labelledby="demo-sign-in-heading">
          <CardHeader>
            <div className="flex items-center gap-2">
              <BeakerIcon className="size-5 text-brand-600" />
              <CardTitle id="demo-sign-in-heading">{t('demoTitle')}</CardTitle>
            </div>
            <CardDescription>{t('demoDescription')}</CardDescription>
          </CardHeader>
          <CardContent>
            {demoPeople.length > 0 ? (
              <DemoSignInList people={demoPeople} callbackUrl={callbackUrl} />
            ) : (
              <p className="text-sm text-slate-600">{t('demoNone')}</p>
            )}
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}

async function loadDemoPeople(names: RoleNames): Promise<DemoPerson[]> {
  const people = await listDemoUsers(db);
  const { accountRoles, projectRoles } = await listRolesForUsers(db, { userIds: people.map((p) => p.id) });
  return people.map((person) => {
    const roles = accountRoles
      .filter((r) => r.userId === person.id)
      .flatMap((r) => {
        if (r.role !== 'project_member')
          return [{ label: `${names.role(r.role)} · ${r.accountName}`, isOwner: r.role === 'owner' }];
        const inProjects = projectRoles.filter((p) => p.userId === person.id && p.accountId === r.accountId);
        if (inProjects.length === 0)
          return [{ label: `${names.role(r.role)} · ${r.accountName}`, isOwner: false }];
        return inProjects.map((p) => ({
          label: `${names.projectRole(p.role)} · ${r.accountName} / ${p.projectName}`,
          isOwner: false,
        }));
      });
    return { ...person, roles };
  });
}
