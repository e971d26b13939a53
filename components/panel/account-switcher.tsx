'use client';

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { BuildingIcon, CheckIcon, ChevronUpDownIcon } from '@/components/ui/icons';
import { cn } from '@/lib/utils';

export type SwitcherAccount = { id: string; name: string; roleLabel: string; isReseller: boolean };

/**
 * Every account the person belongs to. The items are plain links to the switch
 * route (a full navigation: it remembers the choice for "/" and resets page state).
 */
export function AccountSwitcher({ accounts, currentId }: { accounts: SwitcherAccount[]; currentId: string }) {
  const current = accounts.find((a) => a.id === currentId);
  return (
    // Not modal: the rest of the page stays in the accessibility tree while the menu is open.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger
        className={cn(
          'group flex h-10 max-w-[16rem] min-w-0 cursor-pointer items-center gap-2.5 rounded-lg border border-slate-200 bg-white py-1 pr-2 pl-2.5 text-left shadow-sm',
          'hover:border-slate-300 hover:bg-slate-50 data-[state=open]:border-brand-300 data-[state=open]:bg-brand-50/50',
        )}
      >
        <BuildingIcon className="size-4 text-slate-500" />
        {/* Named "Switch account: <current account>", so the visible name is part of the accessible one. */}
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">
          <span className="sr-only">Switch account: </span>
          {current?.name ?? 'Choose an account'}
        </span>
        <ChevronUpDownIcon className="size-4 text-slate-500" />
      </DropdownMenuTrigger>
      <DropdownMenuContent portal={false} className="w-72">
        <DropdownMenuLabel>Your accounts</DropdownMenuLabel>
        {accounts.map((account) => {
          const isCurrent = account.id === currentId;
          return (
            <DropdownMenuItem key={account.id} asChild>
              <a href={`/accounts/${account.id}/switch`} aria-current={isCurrent ? 'true' : undefined}>
                <span
                  aria-hidden="true"
                  className={cn(
                    'flex size-8 shrink-0 items-center justify-center rounded-md text-xs font-semibold',
                    isCurrent ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700',
                  )}
                >
                  {account.name.slice(0, 1).toUpperCase()}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-slate-900">{account.name}</span>
                  <span className="block truncate text-xs text-slate-600">
                    {account.roleLabel}
                    {account.isReseller ? ' · Reseller' : ''}
                  </span>
                </span>
                {isCurrent ? (
                  <>
                    <CheckIcon className="text-brand-600!" />
                    <span className="sr-only">(current account)</span>
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
