import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/panel/page-header';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { FlashProvider } from '@/components/ui/flash';
import { BellIcon, ChevronRightIcon } from '@/components/ui/icons';
import { inputClassName } from '@/components/ui/input';
import { db } from '@/db';
import { listAccountsForUser } from '@/db/queries/accounts';
import { listProjectRolesOfUser } from '@/db/queries/project-roles';
import { languageName, locales } from '@/lib/i18n/locales';
import { memberRoleLabels } from '@/lib/notifications/roles';
import { requireMember } from '@/lib/session';
import { cn } from '@/lib/utils';
import { AccountInitial } from '@/components/panel/account-initial';
import { TelegramBlock } from '../_components/telegram-block';
import { ProfileNameForm } from './_components/profile-name-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pageTitles'))('profile') };
}

/**
 * Profile & Settings (seed 001: "open the menu in the upper right corner and select Profile &
 * Settings → Account Notifications"): the person's own name, e-mail, language and Telegram,
 * the way to Account Notifications, and the accounts they belong to. Everything here is the
 * signed-in person's own and the same in each of their accounts.
 */
export default async function ProfilePage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const { user, account } = await requireMember(accountId);
  const [accounts, projectRoles] = await Promise.all([
    listAccountsForUser(db, { userId: user.id }),
    listProjectRolesOfUser(db, { userId: user.id }),
  ]);
  const displayName = user.name ?? user.email;
  const locale = await getLocale();

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow="Your profile"
        title="Profile & Settings"
        description="Your own details and notification settings. They are the same in every account you belong to."
      />

      <Section id="personal-details" title="Personal details">
        <FlashProvider>
          <Card>
            <div className="flex items-center gap-4 border-b border-slate-100 px-6 py-5">
              <Avatar name={displayName} />
              <div className="min-w-0">
                <p className="truncate text-base font-semibold text-slate-900">{displayName}</p>
                <p className="truncate text-sm text-slate-600">{user.email}</p>
              </div>
            </div>
            <div className="divide-y divide-slate-100">
              <Row>
                <ProfileNameForm accountId={accountId} initialName={user.name ?? ''} />
              </Row>
              <Row>
                <dl>
                  <dt className="text-sm font-medium text-slate-800">E-mail</dt>
                  <dd className="mt-1.5 text-sm break-all text-slate-900">{user.email}</dd>
                </dl>
                <p className="mt-1.5 text-xs text-slate-600">
                  Your sign-in address; notifications are sent to it. It is managed with your user account and cannot be changed here.
                </p>
              </Row>
              <Row>
                <label htmlFor="profile-language" className="block text-sm font-medium text-slate-800">
                  Language
                </label>
                <select
                  id="profile-language"
                  disabled
                  defaultValue={locale}
                  aria-describedby="profile-language-note"
                  className={cn(inputClassName, 'mt-1.5 h-10 sm:max-w-sm')}
                >
                  {locales.map((code) => (
                    <option key={code} value={code} lang={code}>
                      {languageName(code)}
                    </option>
                  ))}
                </select>
                <p id="profile-language-note" className="mt-1.5 text-xs text-slate-600">
                  Change it in the account menu, upper right. This page, e-mails and Telegram messages are in English for now.
                </p>
              </Row>
            </div>
          </Card>
        </FlashProvider>
      </Section>

      <Section id="notification-settings" title="Notifications">
        <Link
          href={`/accounts/${accountId}/notifications`}
          className="group flex items-center gap-4 rounded-xl border border-slate-200 bg-white px-6 py-5 shadow-sm transition-colors hover:border-brand-300 hover:bg-brand-50/40"
        >
          <span className="inline-flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700 ring-1 ring-brand-200">
            <BellIcon />
          </span>
          <span className="min-w-0 flex-1">
            <span className="block text-sm font-semibold text-slate-900 group-hover:text-brand-800">Account Notifications</span>
            <span className="block text-sm text-slate-600">
              Who receives which e-mail notifications in {account.name}, and your own subscriptions.
            </span>
          </span>
          <ChevronRightIcon className="text-slate-400 group-hover:text-brand-600" />
        </Link>
        <TelegramBlock accountId={accountId} userId={user.id} headingLevel={3} />
      </Section>

      <Section id="your-accounts" title="Your accounts" description="Your role in each account you belong to.">
        <Card>
          <ul className="divide-y divide-slate-100">
            {accounts.map((a) => {
              const current = a.id === accountId;
              return (
                <li key={a.id} className="flex flex-col gap-2 px-6 py-4 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
                  <div className="flex min-w-0 items-center gap-3">
                    <AccountInitial name={a.name} current={current} />
                    <span className="min-w-0">
                      <span className="block truncate text-sm font-medium text-slate-900">
                        {current ? (
                          a.name
                        ) : (
                          <a href={`/accounts/${a.id}/switch`} className="hover:text-brand-700 hover:underline">
                            {a.name}
                          </a>
                        )}
                      </span>
                      <span className="block text-xs text-slate-600">
                        {[a.isReseller ? 'Reseller' : null, current ? 'Current account' : null].filter(Boolean).join(' · ') || 'Account'}
                      </span>
                    </span>
                  </div>
                  <span className="flex flex-wrap gap-1.5 sm:justify-end">
                    {memberRoleLabels(a.role, projectRoles.get(a.id)).map((label) => (
                      <Badge key={label} tone={a.role === 'owner' ? 'brand' : 'neutral'}>
                        {label}
                      </Badge>
                    ))}
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
      </Section>
    </div>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div>
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      </div>
      <div className="space-y-4">{children}</div>
    </section>
  );
}

function Row({ children }: { children: ReactNode }) {
  return <div className="px-6 py-5">{children}</div>;
}
