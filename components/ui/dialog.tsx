'use client';

import { Dialog as Primitive } from 'radix-ui';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ComponentProps, type Ref } from 'react';
import { cn } from '@/lib/utils';

// Focus goes back to the trigger in the same task that closes the dialog. Radix returns it from a
// setTimeout, and on a busy page that timer can wait a second or two with focus on <body>: a Tab
// pressed meanwhile starts again from the top of the page.
type ReturnFocus = {
  trigger: () => HTMLElement | null;
  setTrigger: (node: HTMLElement | null) => void;
  /** Where focus goes instead of the trigger (say, the trigger's row was just deleted); null for the trigger. */
  target: () => HTMLElement | null | undefined;
};
const ReturnFocusContext = createContext<ReturnFocus | null>(null);

export function Dialog({
  returnFocusTo,
  ...props
}: ComponentProps<typeof Primitive.Root> & { returnFocusTo?: () => HTMLElement | null | undefined }) {
  const trigger = useRef<HTMLElement | null>(null);
  const latest = useRef(returnFocusTo);
  useEffect(() => {
    latest.current = returnFocusTo;
  });
  const value = useMemo<ReturnFocus>(
    () => ({
      trigger: () => trigger.current,
      setTrigger: (node) => {
        trigger.current = node;
      },
      target: () => latest.current?.(),
    }),
    [],
  );
  return (
    <ReturnFocusContext.Provider value={value}>
      <Primitive.Root {...props} />
    </ReturnFocusContext.Provider>
  );
}

export function DialogTrigger({ ref, ...props }: ComponentProps<typeof Primitive.Trigger>) {
  const context = useContext(ReturnFocusContext);
  const setRef = useCallback(
    (node: HTMLButtonElement | null) => {
      context?.setTrigger(node);
      assignRef(ref, node);
    },
    [context, ref],
  );
  return <Primitive.Trigger ref={setRef} {...props} />;
}

function assignRef<T>(ref: Ref<T> | undefined, value: T) {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}

/**
 * Rendered inside the content: its cleanup runs once the content has left the page (React runs
 * passive cleanups after removing the elements, and at once for an update from a key press), so
 * focus is not pulled back in by the dialog's focus trap.
 */
function FocusReturner() {
  const context = useContext(ReturnFocusContext);
  useEffect(
    () => () => {
      if (!context) return;
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const target = context.target() ?? context.trigger();
      if (target?.isConnected) target.focus();
    },
    [context],
  );
  return null;
}

export const DialogClose = Primitive.Close;

/** A modal dialog: focus is trapped, Escape and the close button dismiss it. Always give it a DialogTitle. */
export function DialogContent({
  className,
  children,
  closeLabel = 'Close',
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof Primitive.Content> & { closeLabel?: string }) {
  return (
    <Primitive.Portal>
      <Primitive.Overlay className="fixed inset-0 z-50 bg-slate-900/50 backdrop-blur-[1px] data-[state=open]:animate-fade-in" />
      <Primitive.Content
        className={cn(
          'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col',
          'rounded-2xl border border-slate-200 bg-white shadow-2xl shadow-slate-900/20 data-[state=open]:animate-fade-in',
          className,
        )}
        {...props}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          // FocusReturner has already put focus where it belongs; the late timer must not move it again.
          event.preventDefault();
        }}
      >
        <FocusReturner />
        {children}
        <Primitive.Close
          className="absolute top-4 right-4 inline-flex size-8 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          aria-label={closeLabel}
        >
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-5">
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </Primitive.Close>
      </Primitive.Content>
    </Primitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('flex flex-col gap-1.5 px-6 pt-6 pr-14 pb-4', className)} {...props} />;
}

export function DialogBody({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('min-h-0 flex-1 overflow-y-auto px-6 pb-4', className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn(
        'flex flex-col-reverse gap-2 rounded-b-2xl border-t border-slate-200 bg-slate-50 px-6 py-4 sm:flex-row sm:justify-end',
        className,
      )}
      {...props}
    />
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof Primitive.Title>) {
  return <Primitive.Title className={cn('text-lg font-semibold text-slate-900', className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof Primitive.Description>) {
  return <Primitive.Description className={cn('text-sm text-slate-600', className)} {...props} />;
}
