// Which languages the panel speaks, and which one it falls back to. The one place that knows:
// a language is a catalog in messages/<locale>.json plus its code here (locales.test.ts fails
// when the two disagree). Pure, so the browser and the server share it.

export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];

/** For a visitor who has not chosen and whose browser asks for nothing we speak. */
export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A stored value as a language, or null: a language taken out of the list reads as "not chosen". */
export const toLocale = (value: string | null | undefined): Locale | null => (isLocale(value) ? value : null);

/** The language's own name for itself, as the switch lists it ("English", "Русский"). */
export function languageName(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * The first of our languages an Accept-Language header asks for, by its q-values
 * ("ru-RU,ru;q=0.9,en;q=0.8" → ru); a region matches its language. Null when none does.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const wanted = acceptLanguage
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((w) => w.tag && w.q > 0 && Number.isFinite(w.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of wanted) {
    const language = tag.split('-')[0];
    if (isLocale(language)) return language;
  }
  return null;
}
