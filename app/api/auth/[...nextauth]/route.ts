import type { NextRequest } from 'next/server';
import { db } from '@/db';
import { handlers } from '@/lib/auth';
import { clientAddress, magicLinkLimitMessage, takeMagicLinkRequest } from '@/lib/request-limits';
import { OIDC_PROVIDER_ID, ssoSessionCookie } from '@/lib/sso';

/**
 * Auth.js. On the provider's callback, two additions:
 * - a session begun there gets its SSO mark (lib/sso.ts), so sign-out also ends the provider's session;
 * - when the provider's answer fails its checks (a changed `state`, a missing state or PKCE cookie:
 *   started in another browser, or too late), Auth.js sends the person to its error page as
 *   "Configuration", which would blame the server: they get the SSO explanation instead.
 */
export async function GET(request: NextRequest) {
  const response = await handlers.GET(request);
  if (!new URL(request.url).pathname.endsWith(`/callback/${OIDC_PROVIDER_ID}`)) return response;
  const headers = new Headers(response.headers);
  const mark = ssoSessionCookie(response.headers.getSetCookie());
  if (mark) headers.append('set-cookie', mark);
  const location = response.headers.get('location');
  const target = location ? new URL(location, request.url) : null;
  if (target?.pathname === '/sign-in/error' && target.searchParams.get('error') === 'Configuration') {
    target.searchParams.set('error', 'SsoFailed');
    headers.set('location', target.toString());
  }
  return new Response(response.body, { status: response.status, headers });
}

/**
 * Auth.js, with the sign-in link limits in front of its e-mail sign-in (the
 * panel's form goes through the server action, which applies the same limits;
 * this covers a direct POST).
 */
export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith('/signin/resend')) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get('email');
    if (typeof email === 'string' && email.trim()) {
      const decision = await takeMagicLinkRequest(db, { email, client: clientAddress(request.headers) });
      if (!decision.allowed) {
        return Response.json(
          {
            error: {
              code: 'rate_limited',
              message: magicLinkLimitMessage(decision.retryAfterSeconds),
            },
          },
          { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' } },
        );
      }
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
