// Rate limits at the HTTP edge: the public API per key and per client without a
// key, and sign-in links through both the panel's form and a direct POST to
// Auth.js. Every refusal is a 429 with retry-after (or, in the form, a message).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/delivery/api-keys';
import { createAccount, setupTestDatabase } from '@/test/db';
import { asRequest, nextCacheMock, nextHeadersMock, navigationOf } from '@/test/harness/next-request';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => nextCacheMock);

const t = setupTestDatabase();
let accountId: string;

beforeAll(async () => {
  process.env.DATABASE_URL = t.url;
  process.env.API_RATE_LIMIT = '3';
  accountId = (await createAccount(t.db)).accountId;
});

describe('the publishing API', () => {
  const publish = (key: string, client: string) =>
    new Request('http://localhost/api/v1/notifications', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ account_id: accountId, type: 'refund', subject: 'Refund issued' }),
    });

  it('answers 429 with retry-after once a key has used its requests for the minute', async () => {
    const { POST } = await import('@/app/api/v1/notifications/route');
    const key = (await createApiKey(t.db, { name: 'limited' })).secret;
    const other = (await createApiKey(t.db, { name: 'another client' })).secret;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await POST(publish(key, `198.51.100.${i}`))).status);
    expect(statuses).toEqual([202, 202, 202, 429]);

    const refused = await POST(publish(key, '198.51.100.9'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests\. Try again in \d+ seconds?\.$/) } });
    // Another key is not affected.
    expect((await POST(publish(other, '198.51.100.9'))).status).toBe(202);
  });

  /**
   * Sends until the answer is 429: 60 a minute with a burst of 60, so at least 60 are answered 401
   * first, and on a slow machine a few more (the allowance refills one a second while they run).
   */
  async function sendUntilRefused(send: () => Promise<Response>) {
    for (let before = 0; before < 600; before++) {
      const response = await send();
      if (response.status === 429) return { refused: response, before };
      expect(response.status).toBe(401);
    }
    throw new Error('600 requests without a valid key, and none was refused');
  }

  it('limits a client sending requests without a valid key', async () => {
    const { POST } = await import('@/app/api/v1/events/route');
    const { refused, before } = await sendUntilRefused(() => POST(publish('an_notakeynotakeynotakey', '203.0.113.50')));
    expect(before).toBeGreaterThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });

  it('is not escaped by sending a new X-Forwarded-For address each time', async () => {
    const { POST } = await import('@/app/api/v1/events/route');
    // Behind the proxy (TRUSTED_PROXIES=1), the client writes the left of the header and the proxy appends what it saw.
    let i = 0;
    const { before } = await sendUntilRefused(() => POST(publish('an_notakeynotakeynotakey', `10.0.${i >> 8}.${i++ & 255}, 203.0.113.51`)));
    expect(before).toBeGreaterThanOrEqual(60);
  });
});

describe('sign-in links', () => {
  it('a direct POST to Auth.js gets 429 with retry-after after five links for one address', async () => {
    const { POST } = await import('@/app/api/auth/[...nextauth]/route');
    const request = (client: string) =>
      new Request('http://localhost:3000/api/auth/signin/resend', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
        body: new URLSearchParams({ email: 'Direct@Test.example', csrfToken: 'not checked before the limit' }),
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await POST(request(`192.0.2.${i}`))).status);
    // Auth.js answers the first five itself (a redirect: the CSRF token is not valid); the sixth never reaches it.
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses[5]).toBe(429);
    const refused = await POST(request('192.0.2.99'));
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused.json()).error.message).toMatch(/^Too many sign-in links were requested\. Try again in \d+ minutes\.$/);
  });

  it('the sign-in form says so after five links for one address, for unknown addresses too', async () => {
    const { signInWithEmail } = await import('@/app/(auth)/sign-in/actions');
    const submit = async (email: string) => {
      const form = new FormData();
      form.set('email', email);
      try {
        const { result } = await asRequest(null, () => signInWithEmail({}, form), { headers: { 'x-forwarded-for': '192.0.2.200' } });
        return result;
      } catch (error) {
        // Sent (or silently dropped for an unknown address): the form moves on to "check your e-mail".
        if (navigationOf(error)?.kind === 'redirect') return 'redirected';
        throw error;
      }
    };
    for (let i = 0; i < 5; i++) expect(await submit('nobody-here@test.example')).toBe('redirected');
    expect(await submit('nobody-here@test.example')).toEqual({
      email: 'nobody-here@test.example',
      error: expect.stringMatching(/^Too many sign-in links were requested\. Try again in \d+ minutes\.$/),
    });
  });
});
