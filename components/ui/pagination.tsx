import Link from 'next/link';
import { buttonVariants } from './button';

/**
 * "Showing 1–50 of 312" with Previous/Next links that keep the other query parameters.
 * The links scroll like any navigation (to the top, or to an `#id` in `hrefFor`'s URL): left
 * where it was, a click on Next at the foot of a list showed the foot of the next page.
 */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  label: string;
}) {
  if (total <= pageSize && page === 1) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const disabled = 'pointer-events-none opacity-50';
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4 px-1 pt-4 text-sm text-slate-600">
      <p>
        Showing <span className="font-medium text-slate-900">{from}</span>–<span className="font-medium text-slate-900">{to}</span> of{' '}
        <span className="font-medium text-slate-900">{total}</span>
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={buttonVariants({ variant: 'secondary', size: 'sm', className: disabled })}>
            Previous
          </span>
        )}
        {page < pages ? (
          <Link href={hrefFor(page + 1)} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
            Next
          </Link>
        ) : (
          <span aria-disabled="true" className={buttonVariants({ variant: 'secondary', size: 'sm', className: disabled })}>
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
