// Property-based fuzzing of every HTTP body the app accepts: the publishing
// API (notifications, events), the directory API (accounts, members,
// projects, snapshots, and their path parameters), the Resend webhook (Svix-signed, so fuzzed
// bodies get past the signature to the parser) and the Telegram webhook
// (with its secret), and the Authorization header of /metrics. Whatever arrives, the answer is never a 5xx; a refusal
// is a 4xx that says what is wrong and leaves the database as it was; an
// acceptance matches what was written.
import { and, eq, isNotNull } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountContacts, broadcastAccounts, broadcasts, deliveries, eventSettings, notifications, subscriptions, suppressions, telegramLinks } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { eventKeys } from '@/lib/events/catalog';
import { findNotificationType } from '@/lib/notifications/catalog';
import { createLinkToken } from '@/lib/telegram/links';
import { botTexts } from '@/lib/telegram/updates';
import { createAccount, setupTestDatabase, type CreatedAccount } from '@/test/db';
import { signResendWebhook } from '@/test/fakes/resend-webhook';
import {
  assertPrototypeClean,
  everyTextField,
  hostileValue,
  messageProblems,
  mutated,
  rawText,
  replacedAt,
  runs,
  hostileString,
  simpleEmail,
  snapshot,
  UNSTORABLE_STRINGS,
} from './support';

const t = setupTestDatabase();
const RESEND_SECRET = `whsec_${Buffer.from('the fuzz suite signing secret 32').toString('base64')}`;
const TELEGRAM_SECRET = 'fuzz-webhook-secret_0123456789';
const METRICS_TOKEN = 'fuzz-metrics-token_0123456789';

// Each run is one request plus table checksums, a few ms: these counts keep both fuzz files
// under a minute on two busy cores. FUZZ_SCALE raises them.
const RUNS = { any: runs(80), mutated: runs(120), valid: runs(20), forged: runs(30) };

// Tables a publishing request writes; a refused one must leave them as they were.
const PUBLISH_TABLES = ['notifications', 'deliveries', 'suppressions', 'mail_messages', 'audit_log', 'graphile_worker._private_jobs'] as const;
const BROADCAST_TABLES = [...PUBLISH_TABLES, 'broadcasts', 'broadcast_accounts'] as const;
// What a read of a notification's or a broadcast's progress could write by mistake; checksumming every delivery after each of its
// refusals took most of a loaded machine's 30 s (the valid broadcasts above fan out to every account).
const PROGRESS_READ_TABLES = ['broadcasts', 'broadcast_accounts', 'notifications', 'audit_log', 'graphile_worker._private_jobs'] as const;
const RESEND_TABLES = ['deliveries', 'suppressions', 'notifications', 'graphile_worker._private_jobs'] as const;
const RESEND_TABLES_WITH_SEEN = [...RESEND_TABLES, 'resend_webhook_events'] as const;
// telegram_sim_messages is left out: a follow-up to a previous chat is sent after the answer, asynchronously.
const TELEGRAM_TABLES = ['telegram_updates', 'telegram_links', 'telegram_link_tokens', 'subscriptions', 'audit_log'] as const;

type Handler = (request: Request) => Promise<Response>;
type RouteHandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: { notifications: Handler; events: Handler; broadcasts: Handler; resend: Handler; telegram: Handler; metrics: Handler };
let broadcastProgress: RouteHandler;
let notificationProgress: RouteHandler;
let directoryRoutes: { account: RouteHandler; member: RouteHandler; project: RouteHandler; snapshot: RouteHandler; members: RouteHandler };
let key: string;
let directoryKey: string;
let plain: CreatedAccount;
let reseller: CreatedAccount;
let customer: CreatedAccount;
let foreignCustomer: CreatedAccount;
let providerIds: string[];

beforeAll(async () => {
  // Read by lib/env.ts and @/db when the routes are first imported.
  process.env.DATABASE_URL = t.url;
  process.env.RESEND_WEBHOOK_SECRET = RESEND_SECRET;
  process.env.TELEGRAM_WEBHOOK_SECRET = TELEGRAM_SECRET;
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  // A fuzz run sends hundreds of requests a minute with one key: the rate limit is not under test here.
  process.env.API_RATE_LIMIT = '1000000';
  delete process.env.TELEGRAM_BOT_TOKEN;

  plain = await createAccount(t.db, {
    name: 'Plain Ltd',
    members: [
      { role: 'billing_admin', projects: [{ project: 'Web', role: 'project_admin' }] },
      { role: 'user_admin' },
      { role: 'subscriber' },
    ],
  });
  await t.db.insert(subscriptions).values([
    { accountId: plain.accountId, userId: plain.members[0].userId, category: 'balance_payments' },
    { accountId: plain.accountId, userId: plain.members[2].userId, category: 'accounting_documents' },
  ]);
  await t.db.insert(suppressions).values({ email: plain.members[1].email, reason: 'bounced' });
  reseller = await createAccount(t.db, { name: 'Skyline Reseller', isReseller: true });
  customer = await createAccount(t.db, { name: 'Acme Corp', resellerId: reseller.accountId });
  const otherReseller = await createAccount(t.db, { name: 'Other Reseller', isReseller: true });
  foreignCustomer = await createAccount(t.db, { name: 'Initech', resellerId: otherReseller.accountId });
  await t.db.insert(accountContacts).values([
    { accountId: reseller.accountId, kind: 'primary', name: 'Rita Reseller', email: 'rita@skyline.test' },
    { accountId: customer.accountId, kind: 'primary', name: 'Carl Customer', email: 'carl@acme.test' },
  ]);
  await t.db.insert(eventSettings).values(eventKeys.filter((_, i) => i % 2 === 0).map((eventKey) => ({ accountId: reseller.accountId, eventKey, enabled: true })));
  key = (await createApiKey(t.db, { name: 'fuzz' })).secret;
  directoryKey = (await createApiKey(t.db, { name: 'fuzz directory', scopes: ['directory'] })).secret;

  routes = {
    notifications: (await import('@/app/api/v1/notifications/route')).POST,
    events: (await import('@/app/api/v1/events/route')).POST,
    broadcasts: (await import('@/app/api/v1/broadcasts/route')).POST,
    resend: (await import('@/app/api/resend/webhook/route')).POST,
    telegram: (await import('@/app/api/telegram/webhook/route')).POST,
    metrics: (await import('@/app/metrics/route')).GET,
  };
  broadcastProgress = (await import('@/app/api/v1/broadcasts/[id]/route')).GET as RouteHandler;
  notificationProgress = (await import('@/app/api/v1/notifications/[id]/route')).GET as RouteHandler;
  directoryRoutes = {
    account: (await import('@/app/api/v1/accounts/[ref]/route')).PUT as RouteHandler,
    member: (await import('@/app/api/v1/accounts/[ref]/members/[email]/route')).PUT as RouteHandler,
    project: (await import('@/app/api/v1/accounts/[ref]/projects/[projectRef]/route')).PUT as RouteHandler,
    snapshot: (await import('@/app/api/v1/accounts/[ref]/directory/route')).PUT as RouteHandler,
    members: (await import('@/app/api/v1/accounts/[ref]/members/route')).GET as RouteHandler,
  };

  // Deliveries the Resend webhook can find by their provider id.
  for (let i = 0; i < 4; i++) {
    const response = await routes.notifications(publishRequest('/api/v1/notifications', JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: `Refund ${i}` })));
    const { id } = (await response.json()) as { id: string };
    await t.db
      .update(deliveries)
      .set({ status: 'sent', providerMessageId: `re_fuzz_${i}` })
      .where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, 'email')));
  }
  providerIds = [0, 1, 2, 3].map((i) => `re_fuzz_${i}`);
});

// ---------------------------------------------------------------------------
// Requests and the contract every answer keeps
// ---------------------------------------------------------------------------

function publishRequest(path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: body as BodyInit,
  });
}

const shown = (body: string | Uint8Array) => (typeof body === 'string' ? JSON.stringify(body.slice(0, 400)) : `<${body.length} bytes>`);

const lastSnapshot: { tables: readonly string[] | null; value: Record<string, string> | null } = { tables: null, value: null };
// Fixtures and other tests write between properties: start each test from a fresh snapshot.
beforeEach(() => {
  lastSnapshot.value = null;
});

/**
 * Sends `request` and checks what holds for every answer: no throw, no 5xx,
 * a refusal with a readable message and no write. Returns the answer for
 * the caller's own checks of an acceptance.
 */
async function send(
  handler: Handler,
  request: Request,
  opts: { tables: readonly string[]; input: unknown; errorShape: 'api' | 'string' | 'text' },
): Promise<{ status: number; body: unknown }> {
  // A refusal proved the tables unchanged, so its snapshot still holds: most runs are refusals.
  const before = (lastSnapshot.tables === opts.tables && lastSnapshot.value) || (await snapshot(t.db, opts.tables));
  lastSnapshot.value = null;
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    throw new Error(`the handler threw: ${(error as Error)?.stack ?? String(error)}\ninput: ${String(opts.input).slice(0, 400)}`);
  }
  assertPrototypeClean();
  const text = await response.text();
  const fail = (why: string) => new Error(`${why}\nstatus ${response.status}, answer ${text.slice(0, 300)}\ninput: ${String(opts.input).slice(0, 400)}`);
  if (response.status >= 500) throw fail('a 5xx');
  let body: unknown = null;
  if (/json/.test(response.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text);
    } catch {
      throw fail('a JSON content type with a body that is not JSON');
    }
  }
  if (response.status >= 400) {
    const message =
      opts.errorShape === 'api' ? (body as { error?: { message?: unknown } })?.error?.message
      : opts.errorShape === 'string' ? (body as { error?: unknown })?.error
      : text;
    const problems = messageProblems(message, opts.input);
    if (problems.length) throw fail(`unclear error ${JSON.stringify(message)}: ${problems.join(', ')}`);
    const after = await snapshot(t.db, opts.tables);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    if (changed.length) throw fail(`refused but changed ${changed.join(', ')}`);
    Object.assign(lastSnapshot, { tables: opts.tables, value: after });
  }
  return { status: response.status, body };
}

/**
 * A status read (GET {path}/{id}) answers any id with 200 or 404, never a 5xx, writing nothing; `known`,
 * something this key made, answers 200.
 */
async function anyIdToProgress(route: RouteHandler, path: string, known: string | undefined) {
  expect(known, `something made with the key, for ${path}/{id}`).toBeDefined();
  const id = fc.oneof(fc.string({ maxLength: 80 }), fc.uuid(), fc.constant(known!), hostileString);
  let found = 0;
  await fc.assert(
    fc.asyncProperty(id, async (value) => {
      const request = new Request(`http://localhost${path}/x`, { headers: { authorization: `Bearer ${key}` } });
      const answer = await send((r) => route(r, { params: Promise.resolve({ id: value }) }), request, {
        tables: PROGRESS_READ_TABLES,
        // The id itself: the 404 names it, which is the caller's own words, not ours.
        input: value,
        errorShape: 'api',
      });
      expect([200, 404]).toContain(answer.status);
      if (answer.status === 200) found += 1;
    }),
    { numRuns: RUNS.any, examples: [[known!]] },
  );
  expect(found, `${path}/{id} of what the key made answered 200`).toBeGreaterThan(0);
}

/** JSON of a value with object keys sorted, for comparing what went in with what jsonb gives back. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/** Any body: bytes that may not even be UTF-8, JSON of any shape, or hostile text. */
const anyBody = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.json({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  rawText(300),
  fc.constantFrom('', 'null', '[]', '{}', '{"account_id": ', '\u0000', '"\\ud800"', '{"__proto__": {"polluted": "yes"}}', '1e999999', '-0', `[${'['.repeat(5000)}`),
);

const jsonHostile = hostileValue().filter((v) => {
  try {
    return JSON.stringify(v) !== undefined;
  } catch {
    return false;
  }
});

/** A header value a client can actually send (no CR, LF or NUL; ISO-8859-1). */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 300 });

// ---------------------------------------------------------------------------
// POST /api/v1/notifications
// ---------------------------------------------------------------------------

describe('POST /api/v1/notifications', () => {
  const path = '/api/v1/notifications';
  const validBody = () =>
    fc.oneof(
      fc.record(
        {
          account_id: fc.constant(plain.accountId),
          type: fc.constantFrom('refund', 'debt', 'invoice_to_pay', 'agreement_changed', 'terms_of_service_changed'),
          subject: fc.constantFrom('Refund issued', 'Zoë’s invoice 🚀', 'A'.repeat(200)),
          summary: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => !!s.trim() && !/[\u0000-\u001F\u007F]/.test(s)),
          data: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean()), { maxKeys: 5 }),
          action: fc.record({ label: fc.constantFrom('Open', 'Pay now'), url: fc.webUrl({ withQueryParameters: true }) }),
        },
        { requiredKeys: ['account_id', 'type', 'subject'] },
      ),
      fc.constant({ account_id: plain.accountId, type: 'refund', availability: 'project_users', project_id: plain.projects.Web, subject: 'For the project' }),
    );

  async function publish(body: string | Uint8Array, headers: Record<string, string> = {}, input: unknown = shown(body)) {
    const answer = await send(routes.notifications, publishRequest(path, body, headers), { tables: PUBLISH_TABLES, input, errorShape: 'api' });
    const error = (answer.body as { error?: { code?: string; message?: string } }).error;
    if (answer.status === 422 && error?.code === 'validation_error') {
      // The message names the field first: "subject: …", "data.amount: …", "(body): …".
      expect(error.message, 'a 422 names the field').toMatch(/^(\(body\)|[a-z_]+(\.[\s\S]*)?): \S/);
    }
    if (answer.status === 202) await expectPublished(answer.body as PublishedNotification, typeof body === 'string' ? body : '');
    return answer;
  }

  type PublishedNotification = { id: string; recipients: { email: number; telegram: number; in_app: number }; suppressed: number };

  /** A 202 describes what was written: the notification as sent, and one delivery per counted recipient. */
  async function expectPublished(answer: PublishedNotification, body: string) {
    const [row] = await t.db.select().from(notifications).where(eq(notifications.id, answer.id));
    expect(row, 'the accepted notification exists').toBeDefined();
    const sent = JSON.parse(body) as { account_id: string; type: string; data?: unknown };
    expect(row.accountId).toBe(sent.account_id);
    expect(row.typeKey).toBe(sent.type);
    // zod leaves out a `__proto__` key of a record (it guards against prototype pollution): the one key not stored.
    const sentData = sent.data && Object.fromEntries(Object.entries(sent.data).filter(([k]) => k !== '__proto__'));
    expect(canonical((row.content as { data?: unknown }).data), 'data is stored as sent').toBe(canonical(sentData));
    const rows = await t.db.select({ channel: deliveries.channel, status: deliveries.status }).from(deliveries).where(eq(deliveries.notificationId, answer.id));
    const count = (channel: string, status?: string) => rows.filter((r) => r.channel === channel && (!status || r.status === status)).length;
    expect({ email: count('email', 'queued'), telegram: count('telegram'), in_app: count('in_app'), suppressed: count('email', 'suppressed') }).toEqual({
      ...answer.recipients,
      suppressed: answer.suppressed,
    });
  }

  it('answers any body with a 4xx or a 202, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyBody, (body) => publish(body).then(() => {})), { numRuns: RUNS.any });
  });

  it('answers a valid body with one field made hostile', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(validBody(), jsonHostile), (body) => publish(JSON.stringify(body), {}, JSON.stringify(body)).then(() => {})),
      { numRuns: RUNS.mutated },
    );
  });

  it('refuses, in every text field, what PostgreSQL cannot store (422, nothing written)', async () => {
    for (const [body, field] of everyTextField(validBody(), 12)) {
      for (const text of UNSTORABLE_STRINGS) {
        const input = JSON.stringify(replacedAt(body, field, text));
        expect((await publish(input, {}, input)).status, `${field.join('.')} = ${JSON.stringify(text)}`).toBe(422);
      }
    }
    // A key of `data` is text too.
    for (const text of UNSTORABLE_STRINGS) {
      const input = JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: 'Keys', data: { [text]: 'x' } });
      expect((await publish(input, {}, input)).status, `data key ${JSON.stringify(text)}`).toBe(422);
    }
  });

  it('accepts valid bodies and answers what it wrote', async () => {
    await fc.assert(
      fc.asyncProperty(validBody(), async (body) => {
        expect((await publish(JSON.stringify(body))).status).toBe(202);
      }),
      { numRuns: RUNS.valid },
    );
  });

  it('answers any content type, Idempotency-Key and authorization header without a 5xx', async () => {
    const body = JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: 'Headers' });
    const headers = fc.record(
      {
        'content-type': fc.oneof(headerValue, fc.constantFrom('application/json; charset=utf-16', 'APPLICATION/JSON', 'text/plain', 'application/jsonp', 'multipart/form-data')),
        'idempotency-key': fc.oneof(headerValue, fc.constantFrom('a'.repeat(256), ' ', 'key with spaces', 'cl\u00e9')),
        authorization: fc.oneof(headerValue, fc.constantFrom('Bearer', 'Bearer ', `Bearer ${key} `, `bearer ${key}`, `Basic ${key}`)),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(headers, (h) => publish(body, h, JSON.stringify(h)).then(() => {})),
      { numRuns: RUNS.any },
    );
  });

  it('refuses huge bodies with 413 and oversized fields with 422', async () => {
    expect((await publish('x'.repeat(70_000))).status).toBe(413);
    expect((await publish(JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: 'S', pad: '😀'.repeat(20_000) }))).status).toBe(413);
    const big = JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: 'x'.repeat(60_000) });
    expect((await publish(big)).status).toBe(422);
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    expect((await publish(deep)).status).toBe(422);
  });

  it('answers any id in GET /api/v1/notifications/{id} with 200 or 404, never a 5xx', async () => {
    // One this key published (the tests above did), so the 200 is among the answers too.
    const [published] = await t.db.select({ id: notifications.id }).from(notifications).where(isNotNull(notifications.apiKeyId)).limit(1);
    await anyIdToProgress(notificationProgress, '/api/v1/notifications', published?.id);
  });
});

// ---------------------------------------------------------------------------
// POST /api/v1/events
// ---------------------------------------------------------------------------

describe('POST /api/v1/events', () => {
  const path = '/api/v1/events';
  const person = fc.record({ name: fc.constantFrom('Ivy Initiator', 'Zoë Ñ'), email: simpleEmail }, { requiredKeys: ['email'] });
  const validBody = () =>
    fc.record(
      {
        event: fc.constantFrom(...eventKeys),
        reseller_id: fc.constant(reseller.accountId),
        customer_id: fc.constant(customer.accountId),
        initiator: person,
        invited_user: person,
        affected_user: person,
        data: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean()), { maxKeys: 5 }),
        action: fc.record({ label: fc.constantFrom('Open the quote'), url: fc.webUrl() }),
      },
      { requiredKeys: ['event', 'reseller_id', 'customer_id'] },
    );
  const otherIds = () => fc.constantFrom<unknown>(foreignCustomer.accountId, plain.accountId, reseller.accountId, crypto.randomUUID());

  async function publish(body: string | Uint8Array, input: unknown = shown(body)) {
    const answer = await send(routes.events, publishRequest(path, body), { tables: PUBLISH_TABLES, input, errorShape: 'api' });
    const error = (answer.body as { error?: { code?: string; message?: string } }).error;
    if (answer.status === 422 && error?.code === 'validation_error') expect(error.message, 'a 422 names the field').toMatch(/^(\(body\)|[a-z_]+(\.[\s\S]*)?): \S/);
    if (answer.status === 202) {
      const accepted = answer.body as { id: string; outcome: string; recipients: { to: number; cc: number } };
      const [row] = await t.db.select().from(notifications).where(eq(notifications.id, accepted.id));
      expect(row, 'the accepted event exists').toMatchObject({ kind: 'event', outcome: accepted.outcome, accountId: reseller.accountId });
      const rows = await t.db.select().from(deliveries).where(eq(deliveries.notificationId, accepted.id));
      expect(rows).toHaveLength(accepted.outcome === 'sent' ? accepted.recipients.to + accepted.recipients.cc : 0);
    }
    return answer;
  }

  it('answers any body with a 4xx or a 202, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyBody, (body) => publish(body).then(() => {})), { numRuns: RUNS.any });
  });

  it('answers a valid body with one field made hostile', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated(validBody(), fc.oneof(jsonHostile, otherIds())),
        (body) => publish(JSON.stringify(body), JSON.stringify(body)).then(() => {}),
      ),
      { numRuns: RUNS.mutated },
    );
  });

  it('refuses, in every text field, what PostgreSQL cannot store (422, nothing written)', async () => {
    for (const [body, field] of everyTextField(validBody(), 12)) {
      for (const text of UNSTORABLE_STRINGS) {
        const input = JSON.stringify(replacedAt(body, field, text));
        expect((await publish(input, input)).status, `${field.join('.')} = ${JSON.stringify(text)}`).toBe(422);
      }
    }
  });

  it('accepts valid bodies and answers what it wrote', async () => {
    await fc.assert(
      fc.asyncProperty(validBody(), async (body) => {
        expect((await publish(JSON.stringify(body))).status).toBe(202);
      }),
      { numRuns: RUNS.valid },
    );
  });
});

// ---------------------------------------------------------------------------
// POST /api/v1/broadcasts and GET /api/v1/broadcasts/{id}
// ---------------------------------------------------------------------------

describe('POST /api/v1/broadcasts', () => {
  const path = '/api/v1/broadcasts';
  const texts = {
    type: fc.constantFrom('refund', 'debt', 'product_updates', 'terms_of_service_changed'),
    availability: fc.constantFrom('all_users', 'account_users'),
    subject: fc.constantFrom('Maintenance on Saturday', 'Zoë’s invoice 🚀', 'A'.repeat(200)),
    summary: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => !!s.trim() && !/[\u0000-\u001F\u007F]/.test(s)),
    data: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean()), { maxKeys: 5 }),
    action: fc.record({ label: fc.constantFrom('Open', 'Read more'), url: fc.webUrl({ withQueryParameters: true }) }),
  };
  const validBody = () =>
    fc.oneof(
      fc.record({ account_ids: fc.subarray([plain.accountId, reseller.accountId, customer.accountId], { minLength: 1 }), ...texts }, { requiredKeys: ['account_ids', 'type', 'subject'] }),
      fc.record({ all_accounts: fc.constant(true as const), ...texts }, { requiredKeys: ['all_accounts', 'type', 'subject'] }),
    );

  async function publish(body: string | Uint8Array, input: unknown = shown(body)) {
    const answer = await send(routes.broadcasts, publishRequest(path, body), { tables: BROADCAST_TABLES, input, errorShape: 'api' });
    const error = (answer.body as { error?: { code?: string; message?: string } }).error;
    if (answer.status === 422 && error?.code === 'validation_error') expect(error.message, 'a 422 names the field').toMatch(/^(\(body\)|[a-z_]+(\.[\s\S]*)?): \S/);
    if (answer.status === 202) {
      // A 202 describes what was written: the broadcast as sent, one row per open account it names.
      const accepted = answer.body as { id: string; type: string; accounts: { total: number } };
      const sent = JSON.parse(body as string) as { type: string; subject: string; account_ids?: string[] };
      const [row] = await t.db.select().from(broadcasts).where(eq(broadcasts.id, accepted.id));
      expect(row, 'the accepted broadcast exists').toMatchObject({ typeKey: sent.type, subject: sent.subject.trim() });
      const placed = await t.db.select().from(broadcastAccounts).where(eq(broadcastAccounts.broadcastId, accepted.id));
      expect(placed).toHaveLength(accepted.accounts.total);
      if (sent.account_ids) expect(placed.map((p) => p.accountId).sort()).toEqual([...new Set(sent.account_ids)].sort());
    }
    return answer;
  }

  it('answers any body with a 4xx or a 202, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyBody, (body) => publish(body).then(() => {})), { numRuns: RUNS.any });
  });

  it('answers a valid body with one field made hostile', async () => {
    const accountsOrNot = fc.constantFrom<unknown>([crypto.randomUUID()], ['fuzz-no-such-ref'], [plain.accountId, plain.accountId], [], false, 'all');
    await fc.assert(
      fc.asyncProperty(mutated(validBody(), fc.oneof(jsonHostile, accountsOrNot)), (body) => publish(JSON.stringify(body), JSON.stringify(body)).then(() => {})),
      { numRuns: RUNS.mutated },
    );
  });

  it('refuses, in every text field, what PostgreSQL cannot store (422, nothing written)', async () => {
    for (const [body, field] of everyTextField(validBody(), 12)) {
      for (const text of UNSTORABLE_STRINGS) {
        const input = JSON.stringify(replacedAt(body, field, text));
        expect((await publish(input, input)).status, `${field.join('.')} = ${JSON.stringify(text)}`).toBe(422);
      }
    }
    for (const text of UNSTORABLE_STRINGS) {
      const input = JSON.stringify({ account_refs: [text], type: 'refund', subject: 'Refs' });
      expect((await publish(input, input)).status, `account ref ${JSON.stringify(text)}`).toBe(422);
    }
  });

  it('accepts valid bodies and answers what it wrote', async () => {
    await fc.assert(
      fc.asyncProperty(validBody(), async (body) => {
        expect((await publish(JSON.stringify(body))).status).toBe(202);
      }),
      { numRuns: RUNS.valid },
    );
  });

  it('refuses a body past its own limit with 413, and a list past 100,000 with 422', async () => {
    expect((await publish(JSON.stringify({ all_accounts: true, type: 'refund', subject: 'S', pad: 'x'.repeat(14_000_000) }))).status).toBe(413);
    const tooMany = JSON.stringify({ account_ids: Array.from({ length: 100_001 }, () => plain.accountId), type: 'refund', subject: 'S' });
    expect((await publish(tooMany)).status).toBe(422);
  });

  it('answers any id in GET /api/v1/broadcasts/{id} with 200 or 404, never a 5xx', async () => {
    const [made] = await t.db.select({ id: broadcasts.id }).from(broadcasts).limit(1);
    await anyIdToProgress(broadcastProgress, '/api/v1/broadcasts', made?.id);
  });
});

// ---------------------------------------------------------------------------
// The directory API: PUT accounts, members, projects and snapshots
// ---------------------------------------------------------------------------

describe('the directory API', () => {
  // Everything a directory request may write; a refused one leaves all of it as it was.
  const DIRECTORY_TABLES = ['accounts', 'users', 'memberships', 'projects', 'project_memberships', 'subscriptions', 'deliveries', 'audit_log'] as const;
  const ACCOUNT = 'fuzz-dir';
  const PROJECTS = ['web', 'api'];
  const OWNER = 'olga@fuzz-dir.test';

  beforeAll(async () => {
    // Its own key, so the directory's accounts are not the publishing tests' accounts.
    const put = (handler: RouteHandler, params: Record<string, string>, body: unknown) =>
      handler(directoryRequest(params, body), { params: Promise.resolve(params) }).then((r) => expect(r.status, `fixture ${JSON.stringify(params)}`).toBeLessThan(300));
    await put(directoryRoutes.account, { ref: ACCOUNT }, { name: 'Fuzz Directory', owner: { email: OWNER, name: 'Olga' } });
    for (const projectRef of PROJECTS) await put(directoryRoutes.project, { ref: ACCOUNT, projectRef }, { name: `Project ${projectRef}` });
  });

  function directoryRequest(params: Record<string, string>, body: string | Uint8Array | unknown) {
    // The handlers take their path parameters from `params` (as Next passes them, decoded), not from the URL.
    return new Request('http://localhost/api/v1/accounts/fuzz', {
      method: 'PUT',
      headers: { authorization: `Bearer ${directoryKey}`, 'content-type': 'application/json' },
      body: (typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)) as BodyInit,
    });
  }

  /** One PUT through the contract every answer keeps; a 422 names its field first. */
  async function put(handler: RouteHandler, params: Record<string, string>, body: string | Uint8Array, input: unknown = shown(body)) {
    const answer = await send((request) => handler(request, { params: Promise.resolve(params) }), directoryRequest(params, body), {
      tables: DIRECTORY_TABLES,
      // The path parameters are input too: a message may echo them.
      input: [...Object.values(params), input],
      errorShape: 'api',
    });
    const error = (answer.body as { error?: { code?: string; message?: string } })?.error;
    if (answer.status === 422) expect(error?.message, 'a 422 names the field').toMatch(/^(\(body\)|[a-z_]+(\.[\s\S]*)?): \S/);
    return answer;
  }

  const role = fc.constantFrom('account_admin', 'billing_admin', 'user_admin', 'subscriber', 'project_member');
  const projectRoles = fc.uniqueArray(fc.record({ ref: fc.constantFrom(...PROJECTS), role: fc.constantFrom('project_admin', 'project_supervisor') }), {
    selector: (p) => p.ref,
    minLength: 1,
    maxLength: 2,
  });
  const memberBody = () =>
    fc.record({ name: fc.constantFrom('Pat Member', 'Zoë Ñandú', 'A'.repeat(120)), role, projects: projectRoles }, { requiredKeys: ['role', 'projects'] });
  const snapshotBody = () =>
    fc
      .uniqueArray(fc.record({ email: simpleEmail, name: fc.constantFrom('Sam', 'Zoë'), role, projects: projectRoles }, { requiredKeys: ['email', 'role', 'projects'] }), {
        selector: (m) => m.email,
        maxLength: 6,
      })
      .map((members) => ({ members: [{ email: OWNER, role: 'owner' }, ...members.filter((m) => m.email !== OWNER)] }));
  const accountBody = () =>
    fc.record({ name: fc.constantFrom('Fuzz Directory', 'Zoë’s Cloud 🚀'), is_reseller: fc.constant(false), owner: fc.record({ email: fc.constant(OWNER) }) }, { requiredKeys: ['name'] });
  const pathRef = fc.oneof(fc.constant(ACCOUNT), hostileString, fc.stringMatching(/^[A-Za-z0-9._:-]{1,130}$/));
  const pathEmail = fc.oneof(simpleEmail, hostileString, fc.emailAddress());

  it('answers any body to each PUT with a 4xx or a 2xx, never a 5xx', async () => {
    const target = fc.constantFrom(
      [directoryRoutes.account, { ref: ACCOUNT }],
      [directoryRoutes.member, { ref: ACCOUNT, email: 'pat@fuzz-dir.test' }],
      [directoryRoutes.project, { ref: ACCOUNT, projectRef: 'web' }],
      [directoryRoutes.snapshot, { ref: ACCOUNT }],
    ) as fc.Arbitrary<[RouteHandler, Record<string, string>]>;
    await fc.assert(fc.asyncProperty(target, anyBody, ([handler, params], body) => put(handler, params, body).then(() => {})), { numRuns: RUNS.any });
  });

  it('answers hostile path parameters with a 4xx naming them, changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(pathRef, pathEmail, async (ref, email) => {
        const answer = await put(directoryRoutes.member, { ref, email }, JSON.stringify({ role: 'subscriber' }));
        if (ref !== ACCOUNT) expect(answer.status, `ref ${JSON.stringify(ref)}`).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it('answers a valid member with one field made hostile; an accepted member reads back as answered', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(memberBody(), jsonHostile), simpleEmail, async (body, email) => {
        const input = JSON.stringify(body);
        const answer = await put(directoryRoutes.member, { ref: ACCOUNT, email }, input, input);
        if (answer.status < 300) {
          const params = { ref: ACCOUNT, email };
          const read = await (await import('@/app/api/v1/accounts/[ref]/members/[email]/route')).GET(
            new Request('http://localhost/', { headers: { authorization: `Bearer ${directoryKey}` } }),
            { params: Promise.resolve(params) },
          );
          expect(await read.json()).toEqual(answer.body);
        }
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it('answers a valid account or project with one field made hostile', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(accountBody(), jsonHostile), (body) => put(directoryRoutes.account, { ref: ACCOUNT }, JSON.stringify(body), JSON.stringify(body)).then(() => {})),
      { numRuns: RUNS.valid },
    );
    await fc.assert(
      fc.asyncProperty(mutated(fc.record({ name: fc.constantFrom('Project web') }), jsonHostile), (body) =>
        put(directoryRoutes.project, { ref: ACCOUNT, projectRef: 'web' }, JSON.stringify(body), JSON.stringify(body)).then(() => {}),
      ),
      { numRuns: RUNS.valid },
    );
  });

  it('answers a valid snapshot with one field made hostile; an accepted one sent again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(snapshotBody(), jsonHostile), async (body) => {
        const input = JSON.stringify(body);
        const answer = await put(directoryRoutes.snapshot, { ref: ACCOUNT }, input, input);
        if (answer.status === 200) {
          const again = await put(directoryRoutes.snapshot, { ref: ACCOUNT }, input, input);
          expect(again.body).toMatchObject({ added: 0, changed: 0, removed: 0 });
        }
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it('refuses, in every text field of a member and a snapshot, what PostgreSQL cannot store', async () => {
    const cases: [RouteHandler, Record<string, string>, fc.Arbitrary<unknown>][] = [
      [directoryRoutes.member, { ref: ACCOUNT, email: 'text@fuzz-dir.test' }, memberBody()],
      [directoryRoutes.snapshot, { ref: ACCOUNT }, snapshotBody()],
      [directoryRoutes.account, { ref: ACCOUNT }, accountBody()],
    ];
    for (const [handler, params, valid] of cases) {
      for (const [body, field] of everyTextField(valid, 6)) {
        for (const text of UNSTORABLE_STRINGS) {
          const input = JSON.stringify(replacedAt(body, field, text));
          expect((await put(handler, params, input, input)).status, `${field.join('.')} = ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------
// POST /api/resend/webhook
// ---------------------------------------------------------------------------

describe('POST /api/resend/webhook', () => {
  let messageCounter = 0;
  const signed = (body: string | Uint8Array, opts: { sign?: boolean } = {}) => {
    // Svix signs the bytes; the route verifies the text it decoded, so sign that.
    const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
    const id = `msg_fuzz_${++messageCounter}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(timestamp) };
    if (opts.sign !== false) headers['svix-signature'] = signResendWebhook(RESEND_SECRET, text, id, timestamp);
    return new Request('http://localhost/api/resend/webhook', { method: 'POST', headers, body: body as BodyInit });
  };
  const TYPES = ['email.sent', 'email.delivered', 'email.delivery_delayed', 'email.bounced', 'email.complained', 'email.failed', 'email.opened', 'contact.created'];
  const validEvent = () =>
    fc.record(
      {
        type: fc.constantFrom(...TYPES),
        created_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        data: fc.record(
          {
            email_id: fc.constantFrom(...providerIds, 're_unknown'),
            to: fc.oneof(fc.array(simpleEmail, { maxLength: 2 }), simpleEmail),
            bounce: fc.record({ message: fc.constantFrom('Mailbox full', 'No such user'), type: fc.constantFrom('Permanent', 'Transient') }),
            failed: fc.record({ reason: fc.constantFrom('reached_daily_quota') }),
          },
          { requiredKeys: ['email_id'] },
        ),
      },
      { requiredKeys: ['type', 'data'] },
    );

  async function deliver(body: string | Uint8Array, input: unknown = shown(body)) {
    const answer = await send(routes.resend, signed(body), { tables: RESEND_TABLES, input, errorShape: 'string' });
    if (answer.status !== 200) {
      expect(answer.status).toBe(400);
      return answer;
    }
    expect(answer.body).toMatchObject({ applied: expect.any(Boolean) });
    // An applied bounce or complaint suppresses every address it names.
    const event = JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as { type: string; data: { to?: string | string[] } };
    if ((answer.body as { applied: boolean }).applied && ['email.bounced', 'email.complained'].includes(event.type)) {
      for (const to of [event.data.to ?? []].flat()) {
        expect(await t.db.select().from(suppressions).where(eq(suppressions.email, to.toLowerCase())), `${to} suppressed`).toHaveLength(1);
      }
    }
    return answer;
  }

  it('answers any signed body with 200 or 400, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyBody, (body) => deliver(body).then(() => {})), { numRuns: RUNS.any });
  });

  it('answers a signed valid event with one field made hostile', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(validEvent(), jsonHostile), (event) => deliver(JSON.stringify(event), JSON.stringify(event)).then(() => {})),
      { numRuns: RUNS.mutated },
    );
  });

  it('answers every text field holding what PostgreSQL cannot store without a 5xx', async () => {
    for (const [event, field] of everyTextField(validEvent(), 12)) {
      for (const text of UNSTORABLE_STRINGS) {
        const input = JSON.stringify(replacedAt(event, field, text));
        await deliver(input, input);
      }
    }
  });

  it('refuses unsigned bodies with 401, recording nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const answer = await send(routes.resend, signed(body, { sign: false }), {
          tables: RESEND_TABLES_WITH_SEEN,
          input: shown(body),
          errorShape: 'string',
        });
        expect(answer.status).toBe(401);
      }),
      { numRuns: RUNS.forged },
    );
  });
});

// ---------------------------------------------------------------------------
// POST /api/telegram/webhook
// ---------------------------------------------------------------------------

let telegramUpdateId = 1_000_000;

describe('POST /api/telegram/webhook', () => {
  const webhook = (body: string | Uint8Array, secret = TELEGRAM_SECRET) =>
    new Request('http://localhost/api/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: body as BodyInit,
    });
  const TOKEN = '{fresh-token}';
  const who = fc.record({ id: fc.constantFrom(81_000_001, 81_000_002), username: fc.constantFrom('bianca_tg', 'x'), first_name: fc.constantFrom('Bianca', 'Zoë') });
  const validUpdate = () =>
    fc.oneof(
      fc.record({
        update_id: fc.constant(0),
        message: fc.record({
          message_id: fc.nat(),
          chat: who.map((p) => ({ ...p, type: 'private' })),
          from: who.map((p) => ({ ...p, is_bot: false })),
          text: fc.constantFrom(`/start ${TOKEN}`, '/start', '/stop', '/help', 'hello', `/start@NimbusCloudBot ${TOKEN}`),
        }),
      }),
      fc.record({
        update_id: fc.constant(0),
        my_chat_member: fc.record({ chat: who.map((p) => ({ ...p, type: 'private' })), new_chat_member: fc.record({ status: fc.constantFrom('kicked', 'member') }) }),
      }),
    );

  /** A fresh update id, and a fresh link token wherever the update says so, so the update reaches the linking code. */
  async function prepared(update: unknown): Promise<string> {
    let json = JSON.stringify(update);
    if (json === undefined) return 'null';
    if (json.includes(TOKEN)) {
      const { token } = await createLinkToken(t.db, { accountId: plain.accountId, userId: plain.members[0].userId, botUsername: 'NimbusCloudBot' });
      json = json.split(TOKEN).join(token);
      lastSnapshot.value = null;
    }
    return json.replace('"update_id":0', `"update_id":${++telegramUpdateId}`);
  }

  async function post(body: string | Uint8Array, input: unknown = shown(body)) {
    const answer = await send(routes.telegram, webhook(body), { tables: TELEGRAM_TABLES, input, errorShape: 'text' });
    if (answer.status !== 200) expect(answer.status).toBe(400);
    else if (answer.body !== null) {
      const reply = answer.body as { method: string; chat_id: number; text: string };
      expect(reply).toMatchObject({ method: 'sendMessage', chat_id: expect.any(Number), text: expect.any(String) });
      // "Connected" is only said once the chat is linked.
      if (reply.text === botTexts.linked(plain.name)) {
        expect(await t.db.select().from(telegramLinks).where(eq(telegramLinks.chatId, reply.chat_id)), 'the chat is linked').toHaveLength(1);
      }
    }
    return answer;
  }

  it('answers any body with 200 or 400, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(anyBody, (body) => post(body).then(() => {})), { numRuns: RUNS.any });
  });

  it('answers a valid update with one field made hostile', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(validUpdate(), jsonHostile), async (update) => {
        const body = await prepared(update);
        await post(body, body);
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it('answers every text field holding what PostgreSQL cannot store without a 5xx', async () => {
    for (const [update, field] of everyTextField(validUpdate(), 12)) {
      for (const text of UNSTORABLE_STRINGS) {
        const body = await prepared(replacedAt(update, field, text));
        await post(body, body);
      }
    }
  });

  it('refuses a wrong secret with 403, recording nothing', async () => {
    const body = await prepared({ update_id: 0, message: { message_id: 1, chat: { id: 1, type: 'private' }, text: '/stop' } });
    await fc.assert(
      fc.asyncProperty(headerValue.filter((s) => s.trim() !== TELEGRAM_SECRET && s.trim() !== ''), async (secret) => {
        const answer = await send(routes.telegram, webhook(body, secret), { tables: TELEGRAM_TABLES, input: secret, errorShape: 'text' });
        expect(answer.status).toBe(403);
      }),
      { numRuns: RUNS.forged },
    );
  });
});

// ---------------------------------------------------------------------------
// GET /metrics (its only input is the Authorization header)
// ---------------------------------------------------------------------------

describe('GET /metrics', () => {
  const scrape = (headers: Record<string, string>) => new Request('http://localhost/metrics', { headers });
  /** What a client can put in a header: Latin-1 without NUL, CR or LF (Request refuses the rest). */
  const sendable = (value: string) => {
    try {
      new Headers({ authorization: value });
      return true;
    } catch {
      return false;
    }
  };
  const bearer = fc.oneof(headerValue, headerValue.map((v) => `Bearer ${v}`), hostileString.map((v) => `Bearer ${v}`)).filter(sendable);

  it('answers any Authorization header but the token with a readable 401, never a 5xx, reading nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bearer, headerValue, async (authorization, other) => {
        const headers = { authorization, 'x-other': other };
        const answer = await send(routes.metrics, scrape(headers), { tables: PUBLISH_TABLES, input: authorization, errorShape: 'text' });
        expect(answer.status).toBe(authorization.trim() === `Bearer ${METRICS_TOKEN}` ? 200 : 401);
      }),
      { numRuns: RUNS.forged },
    );
  });

  it('answers the token with the metrics', async () => {
    const answer = await send(routes.metrics, scrape({ authorization: `Bearer ${METRICS_TOKEN}` }), { tables: PUBLISH_TABLES, input: '', errorShape: 'text' });
    expect(answer.status).toBe(200);
  });
});

// ---------------------------------------------------------------------------
// What the fuzzing found (each a 500 from PostgreSQL before its fix, unless said otherwise)
// ---------------------------------------------------------------------------

describe('regressions', () => {
  const refusedWith = async (handler: Handler, request: Request, tables: readonly string[]) => {
    const before = await snapshot(t.db, tables);
    const response = await handler(request);
    expect(await snapshot(t.db, tables)).toEqual(before);
    return { status: response.status, body: (await response.text()) || null };
  };

  it('a NUL or half a surrogate pair in a notification is a 422 naming the field', async () => {
    const body = (extra: object) => JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: 'Refund issued', ...extra });
    const cases: [object, string][] = [
      [{ data: { note: 'a\u0000b' } }, 'data.note: must not contain NUL characters or unpaired UTF-16 surrogates'],
      [{ summary: 'x\ud800' }, 'summary: must not contain NUL characters or unpaired UTF-16 surrogates'],
      [{ action: { label: 'Open \udc00', url: 'https://example.com' } }, 'action.label: must not contain NUL characters or unpaired UTF-16 surrogates'],
      // Not a 500 but silent damage: the text column stored U+FFFD instead.
      [{ subject: 'Refund \ud800' }, 'subject: must not contain NUL characters or unpaired UTF-16 surrogates'],
    ];
    for (const [extra, message] of cases) {
      const answer = await refusedWith(routes.notifications, publishRequest('/api/v1/notifications', body(extra)), PUBLISH_TABLES);
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.body!).error.message).toBe(message);
    }
  });

  it('a NUL or half a surrogate pair in an event is a 422 naming the field', async () => {
    const body = (extra: object) => JSON.stringify({ event: eventKeys[0], reseller_id: reseller.accountId, customer_id: customer.accountId, ...extra });
    for (const [extra, field] of [
      [{ initiator: { name: 'x\ud800y', email: 'ivy@acme.test' } }, 'initiator.name'],
      [{ data: { quote: '\u0000' } }, 'data.quote'],
    ] as const) {
      const answer = await refusedWith(routes.events, publishRequest('/api/v1/events', body(extra)), PUBLISH_TABLES);
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.body!).error.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
  });

  it('a Resend event with a NUL is not applied, and answered 200 so Resend does not retry it for days', async () => {
    const id = 'msg_regression_nul';
    const raw = JSON.stringify({ type: 'email.bounced\u0000', data: { email_id: providerIds[0], to: ['a\u0000@example.com'] } });
    const timestamp = Math.floor(Date.now() / 1000);
    const request = new Request('http://localhost/api/resend/webhook', {
      method: 'POST',
      headers: { 'svix-id': id, 'svix-timestamp': String(timestamp), 'svix-signature': signResendWebhook(RESEND_SECRET, raw, id, timestamp) },
      body: raw,
    });
    const answer = await refusedWith(routes.resend, request, RESEND_TABLES_WITH_SEEN);
    expect(answer).toEqual({ status: 200, body: JSON.stringify({ applied: false, reason: 'not a Resend e-mail event' }) });
  });

  it('a Telegram /start from a name PostgreSQL cannot store links nothing and answers 200', async () => {
    for (const username of ['\u0000', '\ud800']) {
      const { token } = await createLinkToken(t.db, { accountId: plain.accountId, userId: plain.members[0].userId, botUsername: 'NimbusCloudBot' });
      const from = { id: 81_000_009, username, first_name: 'Bianca' };
      const update = { update_id: ++telegramUpdateId, message: { message_id: 1, chat: { ...from, type: 'private' }, from: { ...from, is_bot: false }, text: `/start ${token}` } };
      const request = new Request('http://localhost/api/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
        body: JSON.stringify(update),
      });
      expect(await refusedWith(routes.telegram, request, TELEGRAM_TABLES)).toEqual({ status: 200, body: null });
    }
  });
});

it('the fixtures were sound: a plain valid request is accepted', async () => {
  const response = await routes.notifications(publishRequest('/api/v1/notifications', JSON.stringify({ account_id: plain.accountId, type: 'refund', subject: 'Still fine' })));
  expect(response.status).toBe(202);
  expect(findNotificationType('refund')).not.toBeNull();
});
