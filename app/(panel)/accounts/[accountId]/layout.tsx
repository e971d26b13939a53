import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { signOutAction } from '@/app/(auth)/sign-in/actions';
import { ClientMessages } from '@/components/i18n/client-messages';
import { AccountSwitcherButton } from '@/components/panel/account-switcher-button';
import { DemoBanner } from '@/components/panel/demo-banner';
import { Logo } from '@/components/panel/logo';
import { SidebarNav } from '@/components/panel/sidebar-nav';
import { UserMenuButton } from '@/components/panel/user-menu-button';
import { db } from '@/db';
import { listAccountsForUser } from '@/db/queries/accounts';
import { listProjectRolesOfUser } from '@/db/queries/project-roles';
import { unreadCount } from '@/lib/delivery/log';
import { demoModeEnabled, devToolsEnabled } from '@/lib/env';
import { translatedRoleNames } from '@/lib/i18n/role-names';
import { memberRoleLabel } from '@/lib/notifications/roles';
import { canViewDeliveryLog, canViewUsers } from '@/lib/notifications/rules';
import { requireMember } from '@/lib/session';
import { NotificationBell } from './_components/notification-bell';
import { setLanguageAction } from './language-actions';

/** What the shell's client components use (navigation, menus, the bell), with the root's. */
const SHELL_CLIENT_NAMESPACES = ['shell', 'errorState', 'nav', 'accountSwitcher', 'bell', 'userMenu'] as const;

export default async function PanelLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ accountId: string }>;
}) {
  const { accountId } = await params;
  // Signed out → /sign-in; unknown, foreign or malformed account id → 404.
  const { user, account, role, projectRoles } = await requireMember(accountId);
  const [accounts, unread, projectRolesByAccount, roleNames, t] = await Promise.all([
    listAccountsForUser(db, { userId: user.id }),
    unreadCount(db, { userId: user.id, accountId: account.id }),
    listProjectRolesOfUser(db, { userId: user.id }),
    translatedRoleNames(),
    getTranslations('shell'),
  ]);

  return (
    <ClientMessages namespaces={SHELL_CLIENT_NAMESPACES}>
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('skipToContent')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        {demoModeEnabled() ? <DemoBanner /> : null}
        <div className="flex h-16 items-center gap-3 px-4 sm:gap-4 sm:px-6">
          <Link href={`/accounts/${account.id}/notifications`} className="shrink-0 rounded-lg">
            <Logo subtitle={t('controlPanel')} collapseOnMobile />
          </Link>
          <span aria-hidden="true" className="hidden h-6 w-px bg-slate-200 sm:block" />
          <AccountSwitcherButton
            currentId={account.id}
            accounts={accounts.map((a) => ({
              id: a.id,
              name: a.name,
              roleLabel: memberRoleLabel(a.role, projectRolesByAccount.get(a.id), roleNames),
              isReseller: a.isReseller,
            }))}
          />
          <div className="ml-auto flex items-center gap-2">
            <NotificationBell key={account.id} accountId={account.id} initialUnread={unread} />
            <UserMenuButton
              name={user.name}
              email={user.email}
              roleLabel={memberRoleLabel(role, projectRoles, roleNames)}
              accountName={account.name}
              profileHref={`/accounts/${account.id}/profile`}
              mailboxHref={devToolsEnabled() ? '/dev/mailbox' : undefined}
              signOutAction={signOutAction}
              setLanguageAction={setLanguageAction}
            />
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="shrink-0 border-b border-slate-200 bg-white md:w-64 md:border-r md:border-b-0">
          <div className="md:sticky md:top-0 md:max-h-dvh md:overflow-y-auto">
            <SidebarNav
              accountId={account.id}
              isReseller={account.isReseller}
              showDeliveryLog={canViewDeliveryLog(role).allowed}
              showUsers={canViewUsers(role).allowed}
            />
          </div>
        </aside>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-8">{children}</div>
        </main>
      </div>
    </div>
    </ClientMessages>
  );
}
