const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export const formatDate = (d: Date) => dateFormat.format(d);
export const formatDateTime = (d: Date) => `${dateTimeFormat.format(d)} UTC`;

/** A page number from a query parameter: 1 when missing or nonsense. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function stringParam(value: string | string[] | undefined, max = 200): string | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  return v ? v.slice(0, max) : undefined;
}

/** A short, readable form of a user agent for the audit log. */
export function shortUserAgent(ua: string | null): string {
  if (!ua) return '—';
  const browser = /(Edg|Firefox|Chrome|Safari|curl|node)\/[\d.]+/.exec(ua)?.[0]?.replace(/\/([\d]+).*/, ' $1');
  const os = /(Windows|Mac OS X|Linux|Android|iPhone)/.exec(ua)?.[0]?.replace('Mac OS X', 'macOS');
  return [browser, os].filter(Boolean).join(' on ') || ua.slice(0, 40);
}
