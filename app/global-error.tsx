'use client';

import { createTranslator } from 'next-intl';
import { Suspense, use, useEffect, useSyncExternalStore } from 'react';
import type { Messages } from '@/i18n/app-config';
import { defaultLocale, negotiateLocale, toLocale, type Locale } from '@/lib/i18n/locales';
import './globals.css';

// The root layout failed, so neither the person's language nor the catalog came with this page:
// the language is the one the page was in (its <html lang>), else the browser's; its catalog
// loads on demand, so no page carries it before an error happens.
const catalogs = new Map<Locale, Promise<Messages>>();
function catalog(locale: Locale): Promise<Messages> {
  let loading = catalogs.get(locale);
  if (!loading) {
    loading = import(`../messages/${locale}.json`).then((m: { default: Messages }) => m.default);
    if (locale !== defaultLocale) loading = loading.catch(() => catalog(defaultLocale));
    catalogs.set(locale, loading);
  }
  return loading;
}

const pageLocale = (): Locale =>
  toLocale(document.documentElement.lang) ?? negotiateLocale(navigator.languages.join(',')) ?? defaultLocale;
const subscribe = () => () => {};

/** Replaces the root layout when it fails itself, so it brings its own <html> and keeps to plain markup. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const locale = useSyncExternalStore(subscribe, pageLocale, () => defaultLocale);
  return (
    <html lang={locale}>
      <body className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 font-sans text-slate-900">
        <Suspense fallback={null}>
          <GlobalErrorMessage locale={locale} retry={retry} />
        </Suspense>
      </body>
    </html>
  );
}

function GlobalErrorMessage({ locale, retry }: { locale: Locale; retry: () => void }) {
  const t = createTranslator({ locale, messages: use(catalog(locale)), namespace: 'globalError' });
  return (
    <>
      <title>{t('documentTitle')}</title>
      <main className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold text-brand-700">Nimbus Cloud</p>
        <h1 className="mt-2 text-xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-sm leading-relaxed text-slate-600">{t('body')}</p>
        <button
          type="button"
          onClick={() => retry()}
          className="mt-6 inline-flex h-9 cursor-pointer items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t('retry')}
        </button>
      </main>
    </>
  );
}
