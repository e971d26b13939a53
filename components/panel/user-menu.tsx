'use client';

import Link from 'next/link';
import { useRef } from 'react';
import { Avatar } from '@/components/ui/avatar';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { InboxIcon, SignOutIcon, UserCircleIcon } from '@/components/ui/icons';
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
};

/** Who is signed in, Profile & Settings, the local mailbox (dev tools) and Sign out. Loaded on demand by UserMenuButton. */
export function UserMenu({
  name,
  email,
  roleLabel,
  accountName,
  profileHref,
  mailboxHref,
  signOutAction,
  initialOpen = false,
}: UserMenuProps & { initialOpen?: boolean }) {
  // The form lives outside the menu: the menu unmounts as soon as an item is chosen.
  const signOutForm = useRef<HTMLFormElement>(null);
  const displayName = name ?? email;
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
              Profile &amp; Settings
            </Link>
          </DropdownMenuItem>
          {mailboxHref ? (
            <DropdownMenuItem asChild>
              <a href={mailboxHref}>
                <InboxIcon />
                Local mailbox
              </a>
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem onSelect={() => signOutForm.current?.requestSubmit()}>
            <SignOutIcon />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
