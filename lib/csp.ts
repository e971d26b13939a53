/**
 * The Content-Security-Policy of every page. Scripts run only when they carry
 * this response's nonce (Next.js puts it on its own scripts when it finds the
 * policy on the request, see proxy.ts); 'strict-dynamic' lets those scripts load
 * the app's chunks. No inline or injected script runs, and nobody may frame us.
 *
 * Styles allow 'unsafe-inline': React's style attributes, Radix's positioning
 * and the e-mail previews (srcdoc frames inherit this policy) need it, and
 * styles cannot run code. A nonce in style-src would switch that off again.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean; formTargets?: string[] }): string {
  const directives = [
    `default-src 'self'`,
    // React's development build evaluates code for its stack traces and Fast Refresh.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    // The Telegram QR code and e-mail images may be data: URLs.
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    // A form may also lead to the sign-in provider: "Continue with …" and sign-out answer with a redirect
    // there, which the browser checks against this list when the form was sent before the page's scripts ran.
    `form-action 'self'${(options.formTargets ?? []).map((origin) => ` ${origin}`).join('')}`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** 128 random bits, base64: unguessable and new for every response. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
