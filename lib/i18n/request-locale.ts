import 'server-only';
import { headers } from 'next/headers';
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
