'use client';

import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

type SwitchProps = Omit<ComponentProps<'button'>, 'type' | 'role'> & {
  checked: boolean;
  onCheckedChange?: (checked: boolean) => void;
};

/**
 * An on/off switch: a button with role="switch" and aria-checked, toggled by click, Enter
 * and Space. Label it with a <Label htmlFor> or aria-label. A plain button rather than a
 * library primitive: the settings page renders 31 of them, and each should cost nothing
 * to hydrate.
 */
export function Switch({ checked, onCheckedChange, onClick, className, ...props }: SwitchProps) {
  const state = checked ? 'checked' : 'unchecked';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      data-state={state}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) onCheckedChange?.(!checked);
      }}
      // The `switch` and `switch-thumb` utilities are in app/globals.css.
      className={cn('switch', className)}
      {...props}
    >
      <span data-state={state} className="switch-thumb" />
    </button>
  );
}
