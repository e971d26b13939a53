import { NextResponse, type NextRequest } from 'next/server';

// Only a fast redirect for visitors with no session cookie at all. The real
// check (a valid, unexpired database session and membership of the account)
// happens in every page, server action and route handler.
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
  if (!hasSession) {
    const url = new URL('/sign-in', request.url);
    const back = request.nextUrl.pathname + request.nextUrl.search;
    if (back !== '/') url.searchParams.set('callbackUrl', back);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/', '/accounts/:path*'],
};
