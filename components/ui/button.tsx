import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

const variants = {
  primary: 'bg-brand-600 text-white shadow-sm hover:bg-brand-700 active:bg-brand-800',
  secondary: 'border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50 active:bg-slate-100',
  ghost: 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 active:bg-slate-200',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-700 active:bg-red-800',
  'ghost-danger': 'text-red-700 hover:bg-red-50 hover:text-red-800 active:bg-red-100',
  link: 'text-brand-700 underline-offset-4 hover:underline',
} as const;

const sizes = {
  sm: 'h-8 gap-1.5 rounded-md px-3 text-sm',
  md: 'h-9 gap-2 rounded-lg px-4 text-sm',
  lg: 'h-11 gap-2 rounded-lg px-5 text-base',
  icon: 'size-9 rounded-lg',
} as const;

export type ButtonVariant = keyof typeof variants;

// cn() only joins class names: a className that sets the same property as the variant (say, a
// text colour) does not reliably win. Pick or add a variant instead of overriding its colours.
export type ButtonSize = keyof typeof sizes;

/** The button look, for links and other elements that should look like a button. */
export function buttonVariants({
  variant = 'primary',
  size = 'md',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return cn(
    // Display, alignment, cursor, disabled look and icon size: the `btn` utility in app/globals.css.
    'btn',
    variant === 'link' ? 'h-auto p-0 text-sm' : sizes[size],
    variants[variant],
    className,
  );
}

export type ButtonProps = ComponentProps<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** A button; for a link that looks like one, put `buttonVariants()` on the link instead. */
export function Button({ variant, size, className, type, ...props }: ButtonProps) {
  return <button type={type ?? 'button'} className={buttonVariants({ variant, size, className })} {...props} />;
}
