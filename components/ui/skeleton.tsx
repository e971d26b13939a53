import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

/** A grey placeholder block while content loads; decorative, so hidden from assistive tech. */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-slate-200/80', className)} {...props} />;
}
