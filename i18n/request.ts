// next-intl's request configuration, found here by createNextIntlPlugin (next.config.mjs).
// Without i18n routing: the language is the person's (lib/i18n/request-locale.ts), not the URL's.
import { getRequestConfig } from 'next-intl/server';
import { loadMessages, requestLocale } from '@/lib/i18n/request-locale';

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    // Dates are still formatted by lib/format.ts, in UTC; issue 19 moves them to the person's time zone.
    timeZone: 'UTC',
  };
});
