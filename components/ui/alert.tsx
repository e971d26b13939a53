import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/utils';

const tones = {
  info: { box: 'border-brand-200 bg-brand-50 text-brand-900', icon: 'text-brand-600' },
  success: { box: 'border-emerald-200 bg-emerald-50 text-emerald-900', icon: 'text-emerald-600' },
  warning: { box: 'border-amber-200 bg-amber-50 text-amber-900', icon: 'text-amber-600' },
  danger: { box: 'border-red-200 bg-red-50 text-red-900', icon: 'text-red-600' },
} as const;

const paths: Record<keyof typeof tones, string> = {
  info: 'M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3.25a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9Z',
  success:
    'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.8a.75.75 0 0 0-1.22-.87l-3.24 4.53-1.62-1.62a.75.75 0 1 0-1.06 1.06l2.25 2.25a.75.75 0 0 0 1.14-.1l3.75-5.25Z',
  warning:
    'M8.49 2.87c.66-1.15 2.36-1.15 3.02 0l6.28 10.93c.66 1.15-.17 2.57-1.51 2.57H3.72c-1.34 0-2.17-1.42-1.51-2.57L8.49 2.87ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z',
  danger:
    'M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z',
};

export type AlertTone = keyof typeof tones;

/**
 * A message box. It is not announced by itself: pass role="alert" for an error that
 * appears after an action, or role="status" for a quiet confirmation.
 */
export function Alert({
  tone = 'info',
  title,
  className,
  children,
  ...props
}: Omit<ComponentProps<'div'>, 'title'> & { tone?: AlertTone; title?: ReactNode }) {
  return (
    <div className={cn('flex gap-3 rounded-lg border px-4 py-3 text-sm', tones[tone].box, className)} {...props}>
      <svg
        viewBox="0 0 20 20"
        fill="currentColor"
        aria-hidden="true"
        className={cn('mt-0.5 size-5 shrink-0', tones[tone].icon)}
      >
        <path fillRule="evenodd" clipRule="evenodd" d={paths[tone]} />
      </svg>
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="leading-relaxed">{children}</div> : null}
      </div>
    </div>
  );
}
