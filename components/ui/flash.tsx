'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert } from './alert';

const FlashContext = createContext<(message: string) => void>(() => {});

/** Shows the outcome of the last action in a polite live region above the content. */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const show = useCallback((m: string) => setMessage(m), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 8000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <FlashContext.Provider value={show}>
      <div role="status" aria-live="polite" className="empty:hidden">
        {message ? (
          <Alert tone="success" className="mb-4">
            {message}
          </Alert>
        ) : null}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

export const useFlash = () => useContext(FlashContext);
