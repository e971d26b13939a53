// POST /api/v1/broadcasts and GET /api/v1/broadcasts/{id} through their route
// handlers: the key and its scope, the body's shape, and the answers' headers.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@/db';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { createApiKey } from './api-keys';

const t = setupTestDatabase();
let acc: CreatedAccount;
let publishKey: string;
let directoryKey: string;
let POST: (request: Request) => Promise<Response>;
let GET: (request: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

beforeAll(async () => {
  // The app's db handle and env are read on first use: point them at this test's database first.
  process.env.DATABASE_URL = t.url;
  acc = await createAccount(t.db, { name: 'Broadcast HTTP Ltd' });
  publishKey = (await createApiKey(t.db, { name: 'publisher' })).secret;
  directoryKey = (await createApiKey(t.db, { name: 'directory only', scopes: ['directory'] })).secret;
  POST = (await import('@/app/api/v1/broadcasts/route')).POST;
  GET = (await import('@/app/api/v1/broadcasts/[id]/route')).GET;
});

const post = (body: string, headers: Record<string, string> = {}) =>
  POST(
    new Request('http://localhost/api/v1/broadcasts', {
      method: 'POST',
      headers: { authorization: `Bearer ${publishKey}`, 'content-type': 'application/json', ...headers },
      body,
    }),
  );
const get = (id: string, key: string | null = publishKey) =>
  GET(new Request(`http://localhost/api/v1/broadcasts/${id}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), { params: Promise.resolve({ id }) });

const validBody = () => JSON.stringify({ account_ids: [acc.accountId], type: 'product_updates', availability: 'all_users', subject: 'New data centre in Oslo' });

async function written() {
  const [row] = await queryRows<{ broadcasts: number; notifications: number; jobs: number }>(t.db, sql`
    select (select count(*) from broadcasts)::int as broadcasts, (select count(*) from notifications)::int as notifications,
           (select count(*) from graphile_worker.jobs)::int as jobs`);
  return row;
}

describe('POST /api/v1/broadcasts', () => {
  it('answers 202 with Location, and the same answer for the same Idempotency-Key', async () => {
    const response = await post(validBody(), { 'idempotency-key': 'oslo-1' });
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'accepted', type: 'product_updates', accounts: { total: 1, closed_skipped: 0 } });
    expect(response.headers.get('location')).toBe(`/api/v1/broadcasts/${body.id}`);
    const again = await post(validBody(), { 'idempotency-key': 'oslo-1' });
    expect(again.headers.get('location')).toBe(`/api/v1/broadcasts/${body.id}`);
    expect(await again.json()).toEqual(body);
  });

  it.each([
    ['no key', { authorization: '' }, 401, 'unauthorized'],
    ['a wrong key', { authorization: 'Bearer an_wrongwrongwrongwrong' }, 401, 'unauthorized'],
    ['a key without the publish scope', { get authorization() { return `Bearer ${directoryKey}`; } }, 403, 'insufficient_scope'],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
  ])('refuses %s and writes nothing', async (_name, headers, status, code) => {
    const before = await written();
    const response = await post(validBody(), { ...headers });
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    expect(await written()).toEqual(before);
  });

  it('refuses malformed JSON with 400, a bad Idempotency-Key with 400, and bad fields with 422 naming them', async () => {
    const before = await written();
    expect((await post('{"account_ids": ')).status).toBe(400);
    const badKey = await post(validBody(), { 'idempotency-key': 'a'.repeat(256) });
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error.code).toBe('invalid_idempotency_key');
    const bad = await post(JSON.stringify({ account_ids: [acc.accountId], type: 'no_such_type', subject: '' }));
    expect(bad.status).toBe(422);
    const { error } = await bad.json();
    expect(error.message).toBe('type: is not a notification type of the catalog');
    expect(error.details.map((d: { field: string }) => d.field)).toEqual(['type', 'subject']);
    expect(await written()).toEqual(before);
  });

  it('takes a list of 100,000 accounts, larger than the other bodies may be', async () => {
    const refs = Array.from({ length: 100_000 }, (_, i) => `platform-account-${String(i).padStart(8, '0')}`);
    const response = await post(JSON.stringify({ account_refs: refs, type: 'refund', subject: 'Too many unknowns' }));
    // Past the size limit to the accounts: none of these exists.
    expect(response.status).toBe(404);
    const { error } = await response.json();
    expect(error.message).toBe('account_refs.0: is not an account (100000 accounts in all are unknown). Nothing was sent.');
    expect(error.details).toHaveLength(100);
  });
});

describe('GET /api/v1/broadcasts/{id}', () => {
  it('answers the progress to the key that made it, and 404 to another key or an unknown id', async () => {
    const { id } = await (await post(validBody())).json();
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: 'fanning_out', accounts: { total: 1, done: 0 } });
    const otherPublisher = (await createApiKey(t.db, { name: 'another publisher' })).secret;
    expect((await get(id, otherPublisher)).status).toBe(404);
    expect((await get('3b0f1e9e-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('../../etc')).status).toBe(404);
    expect((await get(id, null)).status).toBe(401);
    expect((await get(id, directoryKey)).status).toBe(403);
  });
});
