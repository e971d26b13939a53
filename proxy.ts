import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce } from '@/lib/csp';

const dev = process.env.NODE_ENV === 'development';

/** The OpenID provider's origin (AUTH_OIDC_ISSUER, validated at start by lib/env.ts): sign-in and sign-out forms lead there. */
const formTargets = (() => {
  try {
    return process.env.AUTH_OIDC_ISSUER ? [new URL(process.env.AUTH_OIDC_ISSUER).origin] : [];
  } catch {
    return [];
  }
})();

// Every page gets a fresh CSP nonce. Next.js reads the policy from the request
// headers and puts the nonce on the scripts it renders, so pages are rendered
// per request (the root layout asks for the connection).
//
// For the panel's own paths there is also a fast redirect for visitors with no
// session cookie at all. The real check (a valid, unexpired database session and
// membership of the account) happens in every page, server action and route handler.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const needsSession = pathname === '/' || pathname.startsWith('/accounts/');
  const hasSession =
    request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
  if (needsSession && !hasSession) {
    const url = new URL('/sign-in', request.url);
    const back = pathname + search;
    if (back !== '/') url.searchParams.set('callbackUrl', back);
    return NextResponse.redirect(url);
  }

  const nonce = createNonce();
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const policy = contentSecurityPolicy(nonce, { dev, https, formTargets });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API routes answer JSON (their policy is in next.config.mjs), static files need no nonce.
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      // Prefetches render nothing that runs.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
