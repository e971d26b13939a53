// Session cookies as a browser receives them: a magic link is requested and
// followed through Auth.js's own route handlers, and the demo sign-in and the
// account switcher set theirs. Behind HTTPS (APP_URL https://…) every cookie is
// Secure with the __Secure- prefix; always HttpOnly and SameSite=Lax.
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailMessages } from '@/db/schema';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { asRequest, createSession, nextCacheMock, nextHeadersMock, navigationOf } from '@/test/harness/next-request';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => nextCacheMock);

const t = setupTestDatabase();
let acc: CreatedAccount;

beforeAll(async () => {
  process.env.DATABASE_URL = t.url;
  // A demo address, so the demo sign-in accepts the owner too.
  acc = await createAccount(t.db, { name: 'Cookie Ltd', members: [{ role: 'owner', email: 'cookie-owner@demo.example' }] });
});

afterEach(() => {
  vi.resetModules();
});

/** Parses one Set-Cookie header into its name, value and attributes (lower-cased). */
function parseSetCookie(header: string) {
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const [name, ...value] = pair.split('=');
  const attrs = new Map(attributes.map((a) => {
    const [k, ...v] = a.split('=');
    return [k.toLowerCase(), v.join('=').toLowerCase()] as const;
  }));
  return { name, value: value.join('='), attrs };
}

/** Requests a link for `email` and follows it, as a browser would; returns the cookies the callback set. */
async function signInThroughMagicLink(origin: string, email: string) {
  const { GET, POST } = await import('@/app/api/auth/[...nextauth]/route');
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(header);
      jar.set(cookie.name, cookie.value);
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  const csrf = await GET(new Request(`${origin}/api/auth/csrf`) as never);
  remember(csrf);
  const { csrfToken } = await csrf.json();
  const signIn = await POST(
    new Request(`${origin}/api/auth/signin/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `${origin}/` }),
    }),
  );
  expect(signIn.status).toBe(302);
  expect(signIn.headers.get('location')).toMatch(/verify-request|check-email/);

  const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.template, 'magic-link'));
  const link = (mail.props as { url: string }).url;
  await t.db.delete(mailMessages).where(eq(mailMessages.id, mail.id));
  const callback = await GET(new Request(link, { headers: { cookie: cookieHeader() } }) as never);
  expect(callback.status).toBe(302);
  return callback.headers.getSetCookie().map(parseSetCookie);
}

describe('behind HTTPS', () => {
  beforeAll(() => {
    process.env.APP_URL = 'https://panel.test.example';
  });

  it('the magic link sets a __Secure- session cookie: HttpOnly, Secure, SameSite=Lax', async () => {
    const cookies = await signInThroughMagicLink('https://panel.test.example', acc.owner.email);
    const session = cookies.find((c) => c.name.endsWith('authjs.session-token'));
    expect(session?.name).toBe('__Secure-authjs.session-token');
    expect(session?.value).toMatch(/\S{20,}/);
    expect(session?.attrs.has('httponly')).toBe(true);
    expect(session?.attrs.has('secure')).toBe(true);
    expect(session?.attrs.get('samesite')).toBe('lax');
    expect(session?.attrs.get('path')).toBe('/');
    // Every other cookie Auth.js set on the way is Secure and HttpOnly too.
    for (const cookie of cookies) {
      expect(cookie.attrs.has('secure'), cookie.name).toBe(true);
      expect(cookie.attrs.has('httponly'), cookie.name).toBe(true);
    }
  });

  it('the demo sign-in and the account switcher set theirs the same way', async () => {
    process.env.DEMO_MODE = 'on';
    const { signInAsDemoUser } = await import('@/app/(auth)/sign-in/actions');
    const form = new FormData();
    form.set('userId', acc.owner.userId);
    const demo = await asRequest(null, async () => {
      try {
        return await signInAsDemoUser({}, form);
      } catch (error) {
        if (navigationOf(error)?.kind !== 'redirect') throw error;
        return 'redirected';
      }
    });
    expect(demo.result).toBe('redirected');
    const set = demo.ctx.setCookies.get('__Secure-authjs.session-token');
    expect(set?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });

    const { GET } = await import('@/app/(panel)/accounts/[accountId]/switch/route');
    const token = await createSession(t.db, acc.owner.userId);
    const switched = await asRequest(null, async () => {
      try {
        await GET(new Request('https://panel.test.example/'), { params: Promise.resolve({ accountId: acc.accountId }) });
      } catch (error) {
        if (navigationOf(error)?.kind !== 'redirect') throw error;
      }
    }, { cookies: { '__Secure-authjs.session-token': token } });
    expect(switched.ctx.setCookies.get('last_account')?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true });
    delete process.env.DEMO_MODE;
  });
});

describe('on plain HTTP (local development)', () => {
  beforeAll(() => {
    process.env.APP_URL = 'http://localhost:3000';
  });

  it('the session cookie is HttpOnly and SameSite=Lax, without Secure (a browser would drop it on http)', async () => {
    const cookies = await signInThroughMagicLink('http://localhost:3000', acc.owner.email);
    const session = cookies.find((c) => c.name.endsWith('authjs.session-token'));
    expect(session?.name).toBe('authjs.session-token');
    expect(session?.attrs.has('httponly')).toBe(true);
    expect(session?.attrs.get('samesite')).toBe('lax');
    expect(session?.attrs.has('secure')).toBe(false);
  });
});
