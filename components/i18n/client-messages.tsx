import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Messages } from '@/i18n/app-config';

/**
 * Gives the client components below the parts of this request's catalog they use, and no more:
 * each namespace listed here is sent to the browser. The nearest one wins (they do not merge).
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly (keyof Messages)[]; children: ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}

/** What the client components of every page use: the error boundary and the frame around it. */
export const ROOT_CLIENT_NAMESPACES = ['shell', 'errorState'] as const satisfies readonly (keyof Messages)[];
