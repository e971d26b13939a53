import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { BeakerIcon } from '@/components/ui/icons';
import { projectRoleLabels, roleLabels } from '@/lib/notifications/roles';
import { db } from '@/db';
import { listRolesForUsers } from '@/db/queries/demo';
import { listDemoUsers } from '@/lib/demo';
import { demoModeEnabled, magicLinkEnabled, oidcConfig } from '@/lib/env';
import { currentUser } from '@/lib/session';
import { safeCallbackUrl } from './callback-url';
import { DemoSignInList, type DemoPerson } from './demo-sign-in-list';
import { EmailSignInForm } from './email-sign-in-form';
import { SsoSignInForm } from './sso-sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  const authError = first(params.error);
  const [user, demoPeople] = await Promise.all([currentUser(), demoModeEnabled() ? loadDemoPeople() : null]);
  const sso = oidcConfig();
  const magicLink = magicLinkEnabled();

  return (
    <>
      <Card className="w-full max-w-md">
        <div className="space-y-6 p-8">
          <div className="space-y-1.5">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
            <p className="text-sm leading-relaxed text-slate-600">
              {magicLink
                ? `${sso ? `Continue with your ${sso.name} sign-in, or enter` : 'Enter'} the email address of your Nimbus Cloud user. We'll send you a link that signs you in, no password needed.`
                : `Sign in to Nimbus Cloud with your ${sso?.name ?? 'single sign-on'} account.`}
            </p>
          </div>
          {user ? (
            <Alert tone="info" title="You are already signed in">
              As {user.name ?? user.email}.{' '}
              <Link href={callbackUrl} className="font-medium underline underline-offset-2">
                Continue to the control panel
              </Link>
            </Alert>
          ) : null}
          {authError ? (
            <Alert tone="danger" role="alert" title="We couldn't sign you in">
              {authError === 'EmailSignin'
                ? 'The sign-in link could not be sent. Try again in a moment.'
                : `Something went wrong while signing you in. ${magicLink ? 'Request a new link below.' : 'Try again.'}`}
            </Alert>
          ) : null}
          {sso ? <SsoSignInForm name={sso.name} callbackUrl={callbackUrl} primary={!magicLink} /> : null}
          {sso && magicLink ? (
            <div className="flex items-center gap-3 text-xs font-medium uppercase tracking-wide text-slate-600" aria-hidden="true">
              <span className="h-px flex-1 bg-slate-200" />
              or
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
              <CardTitle id="demo-sign-in-heading">Demo sign-in</CardTitle>
            </div>
            <CardDescription>
              Demo mode is on: sign in as any seeded person without an e-mail. Each has a different role, in one account
              or in several.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {demoPeople.length > 0 ? (
              <DemoSignInList people={demoPeople} callbackUrl={callbackUrl} />
            ) : (
              <p className="text-sm text-slate-600">No demo users are seeded in this database.</p>
            )}
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}

async function loadDemoPeople(): Promise<DemoPerson[]> {
  const people = await listDemoUsers(db);
  const { accountRoles, projectRoles } = await listRolesForUsers(db, { userIds: people.map((p) => p.id) });
  return people.map((person) => {
    const roles = accountRoles
      .filter((r) => r.userId === person.id)
      .flatMap((r) => {
        if (r.role !== 'project_member')
          return [{ label: `${roleLabels[r.role]} · ${r.accountName}`, isOwner: r.role === 'owner' }];
        const inProjects = projectRoles.filter((p) => p.userId === person.id && p.accountId === r.accountId);
        if (inProjects.length === 0)
          return [{ label: `${roleLabels[r.role]} · ${r.accountName}`, isOwner: false }];
        return inProjects.map((p) => ({
          label: `${projectRoleLabels[p.role]} · ${r.accountName} / ${p.projectName}`,
          isOwner: false,
        }));
      });
    return { ...person, roles };
  });
}
