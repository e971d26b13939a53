'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert } from './alert';

const FlashContext = createContext<(message: string) => void>(() => {});

const VISIBLE_MS = 10_000;

/** Shows the outcome of the last action in a polite live region above the content. */
export function FlashProvider({ children }: { children: ReactNode }) {
  // A counter with the text, so the same message twice in a row is shown (and announced) again.
  const [flash, setFlash] = useState<{ text: string; id: number } | null>(null);
  const show = useCallback((text: string) => setFlash((prev) => ({ text, id: (prev?.id ?? 0) + 1 })), []);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [flash]);
  return (
    <FlashContext.Provider value={show}>
      {/* Always rendered (never display:none): a live region must exist before its text arrives to be announced. */}
      <div role="status" aria-live="polite">
        {flash ? (
          <Alert key={flash.id} tone="success" className="mb-4 animate-fade-in">
            <div className="flex items-start justify-between gap-3">
              <span>{flash.text}</span>
              <button
                type="button"
                onClick={() => setFlash(null)}
                aria-label="Dismiss message"
                className="-my-1 -mr-2 inline-flex size-7 shrink-0 cursor-pointer items-center justify-center rounded-md text-emerald-800 hover:bg-emerald-100"
              >
                <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </button>
            </div>
          </Alert>
        ) : null}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

export const useFlash = () => useContext(FlashContext);
