import 'server-only';
import { headers } from 'next/headers';
import { createTranslator } from 'next-intl';
import type { Messages } from '@/i18n/app-config';
import { currentUser } from '@/lib/session';
import { defaultLocale, negotiateLocale, type Locale } from './locales';

/**
 * The language of this request: the signed-in person's, else the first of ours the browser asks
 * for (Accept-Language), else the default. The URL carries none (no i18n routing).
 */
export async function requestLocale(): Promise<Locale> {
  const user = await currentUser();
  return user?.locale ?? negotiateLocale((await headers()).get('accept-language')) ?? defaultLocale;
}

/** One language's catalog; each is its own chunk, so a request loads only the one it speaks. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await import(`../../messages/${locale}.json`)).default as Messages;
}

/**
 * This request's messages for a server action's answer. (next-intl's getTranslations needs the
 * Next.js plugin's module alias, which the tests that call actions outside Next.js do not have.)
 */
export async function requestTranslator() {
  const locale = await requestLocale();
  return createTranslator({ locale, messages: await loadMessages(locale) });
}
