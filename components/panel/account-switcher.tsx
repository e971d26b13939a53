'use client';

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useTranslations } from 'next-intl';
import { CheckIcon } from '@/components/ui/icons';
import { AccountSwitcherTrigger } from './account-switcher-button';
import { AccountInitial } from '@/components/panel/account-initial';

export type SwitcherAccount = { id: string; name: string; roleLabel: string; isReseller: boolean };
export type AccountSwitcherProps = { accounts: SwitcherAccount[]; currentId: string };

/**
 * Every account the person belongs to. The items are plain links to the switch
 * route (a full navigation: it remembers the choice for "/" and resets page state).
 * Loaded on demand by AccountSwitcherButton.
 */
export function AccountSwitcher({ accounts, currentId, initialOpen = false }: AccountSwitcherProps & { initialOpen?: boolean }) {
  const t = useTranslations('accountSwitcher');
  const current = accounts.find((a) => a.id === currentId);
  return (
    // Not modal: the rest of the page stays in the accessibility tree while the menu is open.
    <DropdownMenu modal={false} defaultOpen={initialOpen}>
      <DropdownMenuTrigger asChild>
        <AccountSwitcherTrigger currentName={current?.name} />
      </DropdownMenuTrigger>
      <DropdownMenuContent portal={false} className="w-72">
        <DropdownMenuLabel>{t('yourAccounts')}</DropdownMenuLabel>
        {accounts.map((account) => {
          const isCurrent = account.id === currentId;
          return (
            <DropdownMenuItem key={account.id} asChild>
              <a href={`/accounts/${account.id}/switch`} aria-current={isCurrent ? 'true' : undefined}>
                <AccountInitial name={account.name} current={isCurrent} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-slate-900">{account.name}</span>
                  {/* Wraps rather than cuts: "Владелец аккаунта · Реселлер" is wider than the menu. */}
                  <span className="block text-xs text-slate-600">
                    {account.roleLabel}
                    {account.isReseller ? ` · ${t('reseller')}` : ''}
                  </span>
                </span>
                {isCurrent ? (
                  <>
                    <CheckIcon className="text-brand-600!" />
                    <span className="sr-only">{t('current')}</span>
                  </>
                ) : null}
              </a>
            </DropdownMenuItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
