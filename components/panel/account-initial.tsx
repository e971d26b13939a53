import { cn } from '@/lib/utils';

/** An account's first letter in a square, filled for the account being viewed (account switcher, Profile & Settings). */
export function AccountInitial({ name, current }: { name: string; current: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'flex size-8 shrink-0 items-center justify-center rounded-md text-xs font-semibold',
        current ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700',
      )}
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
