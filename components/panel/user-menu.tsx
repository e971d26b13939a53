'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { Avatar } from '@/components/ui/avatar';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { InboxIcon, SignOutIcon, UserCircleIcon } from '@/components/ui/icons';
import type { ActionResult } from '@/lib/actions';
import { isLocale, languageName, locales } from '@/lib/i18n/locales';
import { UserMenuTrigger } from './user-menu-button';

export type UserMenuProps = {
  name: string | null;
  email: string;
  roleLabel: string;
  accountName: string;
  /** Profile & Settings of the current account (seed 001: "the menu in the upper right corner"). */
  profileHref: string;
  /** The local mailbox, offered when developer tools are on. */
  mailboxHref?: string;
  signOutAction: () => Promise<void>;
  /** Sets the signed-in person's own language (app/(panel)/accounts/[accountId]/language-actions.ts). */
  setLanguageAction: (input: { locale: string }) => Promise<ActionResult<{ locale: string }>>;
};

/** Who is signed in, Profile & Settings, the local mailbox (dev tools), the language and Sign out. Loaded on demand by UserMenuButton. */
export function UserMenu({
  name,
  email,
  roleLabel,
  accountName,
  profileHref,
  mailboxHref,
  signOutAction,
  setLanguageAction,
  initialOpen = false,
}: UserMenuProps & { initialOpen?: boolean }) {
  const t = useTranslations('userMenu');
  const locale = useLocale();
  // The form lives outside the menu: the menu unmounts as soon as an item is chosen.
  const signOutForm = useRef<HTMLFormElement>(null);
  const displayName = name ?? email;
  const [pending, startTransition] = useTransition();
  const [languageError, setLanguageError] = useState<string | null>(null);
  const chooseLanguage = (next: string) => {
    if (!isLocale(next) || next === locale) return;
    setLanguageError(null);
    startTransition(async () => {
      // On success the action refreshes the page, which then speaks the new language.
      const result = await setLanguageAction({ locale: next });
      if (!result.ok) setLanguageError(t('languageFailed', { error: result.error }));
    });
  };
  return (
    <>
      <form ref={signOutForm} action={signOutAction} hidden />
      <DropdownMenu modal={false} defaultOpen={initialOpen}>
        <DropdownMenuTrigger asChild>
          <UserMenuTrigger displayName={displayName} email={email} />
        </DropdownMenuTrigger>
        <DropdownMenuContent portal={false} align="end" className="w-72">
          <div className="flex items-center gap-3 px-2.5 py-2">
            <Avatar name={displayName} />
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-slate-900">{displayName}</p>
              <p className="truncate text-xs text-slate-600">{email}</p>
            </div>
          </div>
          <p className="px-2.5 pb-2 text-xs text-slate-600">
            <span className="font-medium text-slate-800">{accountName}</span> · {roleLabel}
          </p>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href={profileHref}>
              <UserCircleIcon />
              {t('profile')}
            </Link>
          </DropdownMenuItem>
          {mailboxHref ? (
            <DropdownMenuItem asChild>
              <a href={mailboxHref}>
                <InboxIcon />
                {t('mailbox')}
              </a>
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuSeparator />
          <DropdownMenuLabel id="user-menu-language">{t('language')}</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={locale} onValueChange={chooseLanguage} aria-labelledby="user-menu-language" aria-busy={pending || undefined}>
            {locales.map((code) => (
              // Stays open on choosing: the menu itself turns into the new language, or shows why it did not.
              <DropdownMenuRadioItem key={code} value={code} lang={code} disabled={pending} onSelect={(event) => event.preventDefault()}>
                {languageName(code)}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          {languageError ? (
            <p role="alert" className="px-2.5 py-1.5 text-xs font-medium text-red-700">
              {languageError}
            </p>
          ) : null}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => signOutForm.current?.requestSubmit()}>
            <SignOutIcon />
            {t('signOut')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
