// Typed keys: English is the reference catalog, so a key used in code that en.json lacks fails
// `tsc`; and the other catalogs must have every English key (CatalogOf below), or `tsc` fails too.
import type { Locale } from '@/lib/i18n/locales';
import type en from '@/messages/en.json';

export type Messages = typeof en;

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

/** Compiles only when T has every key of the English catalog. */
type CatalogOf<T extends Messages> = T;
export type CheckedCatalogs = [CatalogOf<typeof import('@/messages/ru.json')>];
