import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { CenteredShell } from '@/components/panel/centered-shell';
import { Button } from '@/components/ui/button';
import { BuildingIcon, SignOutIcon } from '@/components/ui/icons';
import { MessageCard } from '@/components/ui/message-card';
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
      <MessageCard
        icon={<BuildingIcon />}
        title="You are not a member of any account yet"
        description={
          <p className="text-sm leading-relaxed text-slate-600">
            You are signed in as <span className="font-medium text-slate-900">{user.email}</span>, but no Nimbus Cloud
            account has added this address. Ask the Owner or a User Administrator of your company&apos;s account to
            add you, then sign in again.
          </p>
        }
      >
        <form action={signOutAction}>
          <Button type="submit" variant="secondary" className="w-full">
            <SignOutIcon />
            Sign out
          </Button>
        </form>
      </MessageCard>
    </CenteredShell>
  );
}
