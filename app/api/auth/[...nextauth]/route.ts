import { db } from '@/db';
import { handlers } from '@/lib/auth';
import { clientAddress, magicLinkLimitMessage, takeMagicLinkRequest } from '@/lib/request-limits';

export const { GET } = handlers;

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
