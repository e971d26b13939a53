'use client';

import { DropdownMenu as Primitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

export const DropdownMenu = Primitive.Root;
export const DropdownMenuTrigger = Primitive.Trigger;
export const DropdownMenuGroup = Primitive.Group;
export const DropdownMenuRadioGroup = Primitive.RadioGroup;

/**
 * The open menu. `portal={false}` renders it in place (it is still positioned over the page),
 * which keeps it inside the surrounding landmark, e.g. the page header.
 */
export function DropdownMenuContent({
  className,
  sideOffset = 6,
  align = 'start',
  portal = true,
  ...props
}: ComponentProps<typeof Primitive.Content> & { portal?: boolean }) {
  const content = (
    <Primitive.Content
      sideOffset={sideOffset}
      align={align}
      className={cn(
        'z-50 max-h-(--radix-dropdown-menu-content-available-height) min-w-56 overflow-y-auto rounded-xl border border-slate-200 bg-white p-1.5 text-slate-900 shadow-lg shadow-slate-900/10',
        'origin-(--radix-dropdown-menu-content-transform-origin) data-[state=open]:animate-pop-in',
        className,
      )}
      {...props}
    />
  );
  return portal ? <Primitive.Portal>{content}</Primitive.Portal> : content;
}

const itemClassName = cn(
  'relative flex w-full cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm text-slate-800 outline-none select-none',
  'data-highlighted:bg-slate-100 data-highlighted:text-slate-900 data-disabled:pointer-events-none data-disabled:opacity-50',
  '[&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-slate-500',
);

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof Primitive.Item>) {
  return <Primitive.Item className={cn(itemClassName, className)} {...props} />;
}

export function DropdownMenuCheckboxItem({
  className,
  children,
  ...props
}: ComponentProps<typeof Primitive.CheckboxItem>) {
  return (
    <Primitive.CheckboxItem className={cn(itemClassName, 'pr-8', className)} {...props}>
      {children}
      <Primitive.ItemIndicator className="absolute right-2.5">
        <CheckMark />
      </Primitive.ItemIndicator>
    </Primitive.CheckboxItem>
  );
}

export function DropdownMenuRadioItem({ className, children, ...props }: ComponentProps<typeof Primitive.RadioItem>) {
  return (
    <Primitive.RadioItem className={cn(itemClassName, 'pr-8', className)} {...props}>
      {children}
      <Primitive.ItemIndicator className="absolute right-2.5">
        <CheckMark />
      </Primitive.ItemIndicator>
    </Primitive.RadioItem>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof Primitive.Label>) {
  return (
    <Primitive.Label
      className={cn('px-2.5 pt-1.5 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase', className)}
      {...props}
    />
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof Primitive.Separator>) {
  return <Primitive.Separator className={cn('-mx-1.5 my-1.5 h-px bg-slate-200', className)} {...props} />;
}

function CheckMark() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 text-brand-600">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
