import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages, ROOT_CLIENT_NAMESPACES } from '@/components/i18n/client-messages';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('metadata');
  return { title: { default: t('title'), template: t('titleTemplate') }, description: t('description') };
}

export const viewport: Viewport = { themeColor: '#4f46e5' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, never prerendered: each response's scripts carry that response's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang={await getLocale()}>
      <body className="min-h-dvh">
        <ClientMessages namespaces={ROOT_CLIENT_NAMESPACES}>{children}</ClientMessages>
      </body>
    </html>
  );
}
