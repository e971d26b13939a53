import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { CenteredShell } from '@/components/panel/centered-shell';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { BuildingIcon, SignOutIcon } from '@/components/ui/icons';
import { db } from '@/db';
import { listAccountsForUser } from '@/db/queries/accounts';
import { LAST_ACCOUNT_COOKIE } from '@/lib/last-account';
import { requireUser } from '@/lib/session';
import { signOutAction } from './(auth)/sign-in/actions';

export const metadata: Metadata = { title: 'Control panel' };

/** "/" opens the account used last (if the person still belongs to it), else their first account. */
export default async function HomePage() {
  const user = await requireUser();
  const [accounts, cookieStore] = await Promise.all([listAccountsForUser(db, { userId: user.id }), cookies()]);
  if (accounts.length > 0) {
    const remembered = cookieStore.get(LAST_ACCOUNT_COOKIE)?.value;
    const account = accounts.find((a) => a.id === remembered) ?? accounts[0];
    redirect(`/accounts/${account.id}/notifications`);
  }

  return (
    <CenteredShell>
      <Card className="w-full max-w-md">
        <div className="space-y-6 p-8 text-center">
          <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
            <BuildingIcon className="size-6" />
          </div>
          <div className="space-y-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
              You are not a member of any account yet
            </h1>
            <p className="text-sm leading-relaxed text-slate-600">
              You are signed in as <span className="font-medium text-slate-900">{user.email}</span>, but no Nimbus Cloud
              account has added this address. Ask the Owner or a User Administrator of your company&apos;s account to
              add you, then sign in again.
            </p>
          </div>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="w-full">
              <SignOutIcon />
              Sign out
            </Button>
          </form>
        </div>
      </Card>
    </CenteredShell>
  );
}
