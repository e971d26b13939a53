/**
 * Where to go after signing in. Only a same-site relative path is accepted
 * ("/accounts/…"), never "//evil.example" or "/\evil.example" (browsers read both
 * as another host) and never the sign-in pages themselves (that would loop).
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://same-site.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/')) return '/';
  return url.pathname + url.search + url.hash;
}
