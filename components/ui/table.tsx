import type { ComponentProps, ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/utils';

/**
 * The panel's tables: in a card, scrolling sideways on narrow screens instead
 * of widening the page, with a caption for screen readers.
 */
export function TableCard({
  caption,
  className,
  footer,
  children,
}: {
  caption: ReactNode;
  /** For the table element, e.g. a minimum width. */
  className?: string;
  /** Below the table, inside the card: an empty state or a note on what is shown. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className="overflow-hidden">
      {/* relative: keeps the sr-only texts inside the scroll box, not widening the page. */}
      <div className="relative overflow-x-auto">
        <table className={cn('w-full text-left text-sm', className)}>
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer}
    </Card>
  );
}

/** The header row's band: small capitals on a light grey. */
export function TableHead({ className, ...props }: ComponentProps<'thead'>) {
  return (
    <thead
      className={cn('border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase', className)}
      {...props}
    />
  );
}
