// The request limits (sign-in links, the public API) on a real PostgreSQL.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { clientAddress, pruneRequestLimits, retryAfterText, takeMagicLinkRequest, takeRequest, MAGIC_LINK_PER_EMAIL } from './request-limits';
import { queryRows } from '@/db';

const t = setupTestDatabase();
beforeAll(() => {
  process.env.DATABASE_URL = t.url;
});

describe('takeRequest', () => {
  it('allows `limit` requests at once, then refuses with the wait until the next slot', async () => {
    const policy = { limit: 3, windowMs: 60_000 };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await takeRequest(t.db, 'burst', policy));
    expect(answers.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(answers[3]).toMatchObject({ allowed: false });
    // One slot frees every window / limit = 20 s.
    const wait = (answers[3] as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(19);
    expect(wait).toBeLessThanOrEqual(20);
  });

  it('frees slots as time passes', async () => {
    const policy = { limit: 2, windowMs: 400 };
    expect(await takeRequest(t.db, 'refill', policy)).toEqual({ allowed: true });
    expect(await takeRequest(t.db, 'refill', policy)).toEqual({ allowed: true });
    expect(await takeRequest(t.db, 'refill', policy)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await takeRequest(t.db, 'refill', policy)).toEqual({ allowed: true });
  });

  it('never lets concurrent requests take more than the limit', async () => {
    const policy = { limit: 10, windowMs: 60_000 };
    const answers = await Promise.all(Array.from({ length: 40 }, () => takeRequest(t.db, 'race', policy)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(10);
  });

  it('keeps keys apart', async () => {
    const policy = { limit: 1, windowMs: 60_000 };
    expect(await takeRequest(t.db, 'a', policy)).toEqual({ allowed: true });
    expect(await takeRequest(t.db, 'b', policy)).toEqual({ allowed: true });
    expect(await takeRequest(t.db, 'a', policy)).toMatchObject({ allowed: false });
  });

  it('prunes rows that no longer hold anything, and only those', async () => {
    await takeRequest(t.db, 'short', { limit: 1, windowMs: 100 });
    await takeRequest(t.db, 'long', { limit: 1, windowMs: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await pruneRequestLimits(t.db);
    const keys = (await queryRows<{ key: string }>(t.db, sql`select key from request_limits where key in ('short', 'long')`)).map((r) => r.key);
    expect(keys).toEqual(['long']);
  });
});

describe('sign-in link limits', () => {
  it('count an address in any spelling, and refuse the sixth link within 15 minutes', async () => {
    const spellings = ['Flood@Test.example', 'flood@test.example ', ' FLOOD@test.example'];
    for (let i = 0; i < MAGIC_LINK_PER_EMAIL.limit; i++) {
      expect(await takeMagicLinkRequest(t.db, { email: spellings[i % 3], client: `10.0.0.${i}` })).toEqual({ allowed: true });
    }
    expect(await takeMagicLinkRequest(t.db, { email: 'flood@test.example', client: '10.0.1.1' })).toMatchObject({ allowed: false });
  });

  it('limit one client asking for many addresses', async () => {
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push(await takeMagicLinkRequest(t.db, { email: `probe-${i}@test.example`, client: '192.0.2.7' }));
    expect(answers.filter((a) => a.allowed)).toHaveLength(30);
    expect(answers[30]).toMatchObject({ allowed: false });
  });
});

it('retryAfterText says seconds, then minutes', () => {
  expect(retryAfterText(1)).toBe('1 second');
  expect(retryAfterText(45)).toBe('45 seconds');
  expect(retryAfterText(600)).toBe('10 minutes');
});

it('without a client address only the per-address limit applies', async () => {
  for (let i = 0; i < 40; i++) {
    expect(await takeMagicLinkRequest(t.db, { email: `anon-${i}@test.example`, client: null })).toEqual({ allowed: true });
  }
});

describe('clientAddress', () => {
  const from = (forwardedFor: string | null, trustedProxies: number) =>
    clientAddress(new Headers(forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor }), trustedProxies);

  it('takes the entry the trusted proxy added, not the ones the client sent', () => {
    // nginx's $proxy_add_x_forwarded_for appends the address it saw to whatever the client sent.
    expect(from('198.51.100.7', 1)).toBe('198.51.100.7');
    expect(from('10.9.9.9, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(from('1.2.3.4,5.6.7.8 ,  198.51.100.7', 1)).toBe('198.51.100.7');
    expect(from('2001:db8::1', 1)).toBe('2001:db8::1');
  });

  it('counts one entry per trusted proxy from the right', () => {
    // client → CDN → load balancer → app: the CDN's entry is the client.
    expect(from('10.9.9.9, 198.51.100.7, 172.16.0.2', 2)).toBe('198.51.100.7');
    // Fewer entries than proxies: the furthest one there is.
    expect(from('198.51.100.7', 2)).toBe('198.51.100.7');
  });

  it('knows no address without trusted proxies, without the header, or when the entry is not an address', () => {
    expect(from('198.51.100.7', 0)).toBeNull();
    expect(from(null, 1)).toBeNull();
    expect(from('', 1)).toBeNull();
    expect(from(' , ', 1)).toBeNull();
    expect(from('198.51.100.7, unknown', 1)).toBeNull();
    expect(from('198.51.100.7, <script>', 1)).toBeNull();
  });
});
