import { cn } from '@/lib/utils';

export const productName = 'Nimbus Cloud';

/** The Nimbus Cloud mark: the same indigo tile with an "N" that every e-mail carries. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-flex size-8 shrink-0 items-center justify-center rounded-lg bg-brand-600 text-lg leading-none font-bold text-white shadow-sm shadow-brand-900/20',
        className,
      )}
    >
      N
    </span>
  );
}

/** Mark and wordmark. The visible text is the accessible name, so wrap it in a link as is. */
export function Logo({
  subtitle,
  collapseOnMobile = false,
  className,
}: {
  subtitle?: string;
  /** Only the mark on narrow screens (the product name stays readable to screen readers). */
  collapseOnMobile?: boolean;
  className?: string;
}) {
  return (
    <span className={cn('inline-flex items-center gap-2.5', className)}>
      <LogoMark />
      {collapseOnMobile ? <span className="sr-only sm:hidden">{productName}</span> : null}
      <span className={cn('flex-col leading-tight', collapseOnMobile ? 'hidden sm:flex' : 'flex')}>
        <span className="text-[15px] font-semibold tracking-tight text-slate-900">{productName}</span>
        {subtitle ? <span className="text-xs text-slate-600">{subtitle}</span> : null}
      </span>
    </span>
  );
}
