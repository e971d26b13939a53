// Calls server actions and route handlers the way Next.js does, outside Next.js:
// `next/headers` answers from a per-call request (its cookies carry a real
// database session), so Auth.js, `currentUser()` and every domain check run
// unchanged against the test's PostgreSQL. Only the framework's request store
// is replaced; nothing in the app is.
//
// Use: call `installNextRequestMocks()` at the top of the test file (vi.mock is
// hoisted only within the file that calls it, so the file must call vi.mock
// itself: see the snippet in the function's comment), then `asRequest(...)`.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db';
import { sessions } from '@/db/schema';

export type RequestContext = {
  headers: Headers;
  cookies: Map<string, string>;
  /** Cookies the code under test set, by name. */
  setCookies: Map<string, { value: string; options: Record<string, unknown> }>;
  /** Paths passed to revalidatePath. */
  revalidated: string[];
};

const storage = new AsyncLocalStorage<RequestContext>();

// Auth.js refuses to run without a secret (it signs its CSRF and callback cookies).
process.env.AUTH_SECRET ??= randomBytes(32).toString('hex');

function current(): RequestContext {
  const ctx = storage.getStore();
  if (!ctx) throw new Error('next-request harness: called outside asRequest()');
  return ctx;
}

/** What `next/headers` exports, backed by the current asRequest() context. */
export const nextHeadersMock = {
  headers: async () => {
    const ctx = current();
    const h = new Headers(ctx.headers);
    if (ctx.cookies.size) h.set('cookie', [...ctx.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    return h;
  },
  cookies: async () => {
    const ctx = current();
    const store = {
      get: (name: string) => (ctx.cookies.has(name) ? { name, value: ctx.cookies.get(name)! } : undefined),
      getAll: () => [...ctx.cookies].map(([name, value]) => ({ name, value })),
      has: (name: string) => ctx.cookies.has(name),
      set: (nameOrCookie: string | { name: string; value: string }, value?: string, options: Record<string, unknown> = {}) => {
        const cookie = typeof nameOrCookie === 'string' ? { name: nameOrCookie, value: value ?? '', ...options } : nameOrCookie;
        const { name, value: v, ...rest } = cookie as { name: string; value: string } & Record<string, unknown>;
        ctx.setCookies.set(name, { value: v, options: rest });
        ctx.cookies.set(name, v);
        return store;
      },
      delete: (name: string) => {
        ctx.setCookies.set(name, { value: '', options: { maxAge: 0 } });
        ctx.cookies.delete(name);
        return store;
      },
      toString: () => [...ctx.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    return store;
  },
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

/** What `next/cache` exports that the app uses: revalidation is recorded, not performed. */
export const nextCacheMock = {
  revalidatePath: (path: string) => {
    storage.getStore()?.revalidated.push(path);
  },
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
};

/** Runs `fn` as one request, signed in with `sessionToken` (or signed out when null). */
export async function asRequest<T>(
  sessionToken: string | null,
  fn: () => Promise<T>,
  init: { headers?: Record<string, string>; cookies?: Record<string, string> } = {},
): Promise<{ result: T; ctx: RequestContext }> {
  const ctx: RequestContext = {
    headers: new Headers({ host: 'localhost:3000', 'user-agent': 'vitest', 'x-forwarded-for': '127.0.0.1', ...init.headers }),
    cookies: new Map(Object.entries(init.cookies ?? {})),
    setCookies: new Map(),
    revalidated: [],
  };
  if (sessionToken) ctx.cookies.set('authjs.session-token', sessionToken);
  const result = await storage.run(ctx, fn);
  return { result, ctx };
}

/** A real database session for `userId`, as a magic link would create. */
export async function createSession(db: Db, userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString('hex');
  await db.insert(sessions).values({ sessionToken, userId, expires: new Date(Date.now() + 24 * 3600 * 1000) });
  return sessionToken;
}

/** What a thrown redirect()/notFound() means, or null for any other error. */
export function navigationOf(error: unknown): { kind: 'redirect'; url: string } | { kind: 'not_found' } | null {
  const digest = (error as { digest?: unknown })?.digest;
  if (typeof digest !== 'string') return null;
  if (digest.startsWith('NEXT_REDIRECT')) return { kind: 'redirect', url: digest.split(';')[2] ?? '' };
  if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404' || digest === 'NEXT_NOT_FOUND') return { kind: 'not_found' };
  return null;
}
