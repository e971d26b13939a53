// The directory API through its route handlers, against a real PostgreSQL:
// contract (2xx, 401, 403 scope, 404, 409, 422, repeats) and the rules of
// lib/directory/members.ts.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, deliveries, memberships, subscriptions, users } from '@/db/schema';
import { setupTestDatabase } from '@/test/db';
import { createApiKey } from '@/lib/delivery/api-keys';

const t = setupTestDatabase();
let directoryKey: string;
let publishKey: string;
type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: {
  account: { GET: Handler; PUT: Handler; DELETE: Handler };
  members: { GET: Handler };
  member: { GET: Handler; PUT: Handler; DELETE: Handler };
  project: { PUT: Handler; DELETE: Handler };
  snapshot: { PUT: Handler };
  publish: (request: Request) => Promise<Response>;
  status: Handler;
};

beforeAll(async () => {
  process.env.DATABASE_URL = t.url;
  directoryKey = (await createApiKey(t.db, { name: 'Directory sync', scopes: ['directory', 'publish'] })).secret;
  publishKey = (await createApiKey(t.db, { name: 'Billing', scopes: ['publish'] })).secret;
  routes = {
    account: (await import('@/app/api/v1/accounts/[ref]/route')) as never,
    members: (await import('@/app/api/v1/accounts/[ref]/members/route')) as never,
    member: (await import('@/app/api/v1/accounts/[ref]/members/[email]/route')) as never,
    project: (await import('@/app/api/v1/accounts/[ref]/projects/[projectRef]/route')) as never,
    snapshot: (await import('@/app/api/v1/accounts/[ref]/directory/route')) as never,
    publish: (await import('@/app/api/v1/notifications/route')).POST,
    status: (await import('@/app/api/v1/notifications/[id]/route')).GET as never,
  };
});

const call = async (handler: Handler, params: Record<string, string>, init: { method: string; body?: unknown; key?: string; path?: string }) => {
  const response = await handler(
    new Request(`http://localhost/api/v1${init.path ?? ''}`, {
      method: init.method,
      headers: { authorization: `Bearer ${init.key ?? directoryKey}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(params) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
};

const putAccount = (ref: string, body: unknown, key?: string) => call(routes.account.PUT, { ref }, { method: 'PUT', body, key });
const putMember = (ref: string, email: string, body: unknown) => call(routes.member.PUT, { ref, email }, { method: 'PUT', body });
const putSnapshot = (ref: string, body: unknown) => call(routes.snapshot.PUT, { ref }, { method: 'PUT', body });
const roleOf = async (accountId: string, email: string) =>
  (
    await t.db
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, accountId), eq(users.email, email)))
  )[0]?.role ?? null;
const auditCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;

describe('accounts', () => {
  it('creates with its Owner (201), updates (200), reads, and refuses a publish-only key with 403 changing nothing', async () => {
    const created = await putAccount('acme', { name: 'Acme', owner: { email: 'Alice@Acme.example', name: 'Alice' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ref: 'acme', name: 'Acme', status: 'open', is_reseller: false });
    expect(await roleOf(created.body.id, 'alice@acme.example')).toBe('owner');
    expect((await putAccount('acme', { name: 'Acme Corp' })).status).toBe(200);
    expect((await call(routes.account.GET, { ref: 'acme' }, { method: 'GET' })).body.name).toBe('Acme Corp');

    const before = await auditCount();
    const refused = await putAccount('acme', { name: 'Hijacked' }, publishKey);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('insufficient_scope');
    expect((await call(routes.account.GET, { ref: 'acme' }, { method: 'GET' })).body.name).toBe('Acme Corp');
    expect(await auditCount()).toBe(before);
  });

  it('answers 401 without a key, 404 for an unknown ref, 422 naming the field for bad input', async () => {
    expect((await call(routes.account.GET, { ref: 'acme' }, { method: 'GET', key: 'an_nothing_nothing_nothing' })).status).toBe(401);
    expect((await call(routes.account.GET, { ref: 'nope' }, { method: 'GET' })).status).toBe(404);
    const badRef = await putAccount('bad ref!', { name: 'X', owner: { email: 'x@x.example' } });
    expect([badRef.status, badRef.body.error.message]).toEqual([422, expect.stringMatching(/^ref: /)]);
    const noOwner = await putAccount('no-owner', { name: 'X' });
    expect([noOwner.status, noOwner.body.error.message]).toEqual([422, expect.stringMatching(/^owner: /)]);
    const unknown = await putAccount('acme', { name: 'X', colour: 'red' });
    expect([unknown.status, unknown.body.error.message]).toEqual([422, expect.stringMatching(/colour/)]);
    const notReseller = await putAccount('cust', { name: 'C', reseller_ref: 'acme', owner: { email: 'c@c.example' } });
    expect([notReseller.status, notReseller.body.error.message]).toEqual([422, expect.stringMatching(/^reseller_ref: .*not a reseller/)]);
    expect((await call(routes.account.GET, { ref: 'cust' }, { method: 'GET' })).status).toBe(404);
  });

  it('refuses to make a reseller the customer of another reseller', async () => {
    await putAccount('res-1', { name: 'Reseller One', is_reseller: true, owner: { email: 'r1@res.example' } });
    await putAccount('res-2', { name: 'Reseller Two', is_reseller: true, owner: { email: 'r2@res.example' } });
    const refused = await putAccount('res-2', { name: 'Reseller Two', reseller_ref: 'res-1' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].field).toBe('reseller_ref');
  });
});

describe('members', () => {
  it('adds (201), changes (200), lists with a cursor, and refuses unknown roles and foreign projects', async () => {
    await putAccount('globex', { name: 'Globex', owner: { email: 'owner@globex.example' } });
    await call(routes.project.PUT, { ref: 'globex', projectRef: 'web' }, { method: 'PUT', body: { name: 'Website' } });
    const added = await putMember('globex', 'bob@globex.example', { name: 'Bob', role: 'project_member', projects: [{ ref: 'web', role: 'project_admin' }] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'bob@globex.example', role: 'project_member', projects: [{ ref: 'web', role: 'project_admin' }] });
    expect((await putMember('globex', 'bob@globex.example', { role: 'billing_admin' })).status).toBe(200);
    for (const i of [1, 2, 3]) await putMember('globex', `m${i}@globex.example`, { role: 'subscriber' });

    const first = await call(routes.members.GET, { ref: 'globex' }, { method: 'GET', path: '/accounts/globex/members?limit=2' });
    expect(first.body.members).toHaveLength(2);
    const second = await call(routes.members.GET, { ref: 'globex' }, { method: 'GET', path: `/accounts/globex/members?limit=10&cursor=${first.body.next_cursor}` });
    expect([...first.body.members, ...second.body.members].map((m: { email: string }) => m.email)).toEqual([
      'bob@globex.example',
      'm1@globex.example',
      'm2@globex.example',
      'm3@globex.example',
      'owner@globex.example',
    ]);
    expect(second.body.next_cursor).toBeNull();

    const role = await putMember('globex', 'eve@globex.example', { role: 'emperor' });
    expect([role.status, role.body.error.details[0].field]).toEqual([422, 'role']);
    await putAccount('other', { name: 'Other', owner: { email: 'o@other.example' } });
    await call(routes.project.PUT, { ref: 'other', projectRef: 'secret' }, { method: 'PUT', body: { name: 'Secret' } });
    const foreign = await putMember('globex', 'eve@globex.example', { role: 'project_member', projects: [{ ref: 'secret', role: 'project_admin' }] });
    expect([foreign.status, foreign.body.error.details[0].field]).toEqual([422, 'projects.0.ref']);
    const notEmail = await putMember('globex', 'not-an-email', { role: 'subscriber' });
    expect([notEmail.status, notEmail.body.error.details[0].field]).toEqual([422, 'email']);
    expect((await call(routes.member.GET, { ref: 'globex', email: 'eve@globex.example' }, { method: 'GET' })).status).toBe(404);
  });

  it('moves ownership: two concurrent requests end with exactly one Owner, the previous one an Account Administrator', async () => {
    await putAccount('initech', { name: 'Initech', owner: { email: 'peter@initech.example' } });
    await putMember('initech', 'bill@initech.example', { role: 'account_admin' });
    await putMember('initech', 'milton@initech.example', { role: 'account_admin' });
    const [a, b] = await Promise.all([
      putMember('initech', 'bill@initech.example', { role: 'owner' }),
      putMember('initech', 'milton@initech.example', { role: 'owner' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const id = (await call(routes.account.GET, { ref: 'initech' }, { method: 'GET' })).body.id;
    const owners = await t.db.select().from(memberships).where(and(eq(memberships.accountId, id), eq(memberships.role, 'owner')));
    expect(owners).toHaveLength(1);
    expect(await roleOf(id, 'peter@initech.example')).toBe('account_admin');
    // The account is never left without an Owner.
    const owner = (await t.db.select({ email: users.email }).from(users).where(eq(users.id, owners[0].userId)))[0].email;
    const demote = await putMember('initech', owner, { role: 'subscriber' });
    expect([demote.status, demote.body.error.code]).toEqual([422, 'owner_required']);
    const remove = await call(routes.member.DELETE, { ref: 'initech', email: owner }, { method: 'DELETE' });
    expect(remove.status).toBe(422);
  });

  it('a new Subscriber loses exactly the three categories a Subscriber may not have', async () => {
    await putAccount('umbrella', { name: 'Umbrella', owner: { email: 'boss@umbrella.example' } });
    const added = await putMember('umbrella', 'ada@umbrella.example', { role: 'account_admin' });
    const id = (await call(routes.account.GET, { ref: 'umbrella' }, { method: 'GET' })).body.id;
    const all = ['account_agreement', 'accounting_documents', 'balance_payments', 'scheduled_maintenance', 'services'] as const;
    await t.db.insert(subscriptions).values(all.map((category) => ({ accountId: id, userId: added.body.user_id, category })));
    await putMember('umbrella', 'ada@umbrella.example', { role: 'subscriber' });
    const left = await t.db.select({ category: subscriptions.category }).from(subscriptions).where(eq(subscriptions.userId, added.body.user_id));
    expect(left.map((s) => s.category).sort()).toEqual(['accounting_documents', 'balance_payments']);
  });

  it('a removed member’s queued deliveries of the account are skipped, and they can no longer be reached there', async () => {
    await putAccount('hooli', { name: 'Hooli', owner: { email: 'gavin@hooli.example' } });
    const richard = await putMember('hooli', 'richard@hooli.example', { role: 'account_admin' });
    const id = (await call(routes.account.GET, { ref: 'hooli' }, { method: 'GET' })).body.id;
    await t.db.insert(subscriptions).values({ accountId: id, userId: richard.body.user_id, category: 'services' });
    const published = await routes.publish(
      new Request('http://localhost/api/v1/notifications', {
        method: 'POST',
        headers: { authorization: `Bearer ${publishKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ account_ref: 'hooli', type: 'product_updates', subject: 'New regions' }),
      }),
    );
    expect(published.status).toBe(202);
    const { id: notificationId } = await published.json();
    expect(published.headers.get('location')).toBe(`/api/v1/notifications/${notificationId}`);

    expect((await call(routes.member.DELETE, { ref: 'hooli', email: 'richard@hooli.example' }, { method: 'DELETE' })).status).toBe(204);
    const rows = await t.db.select().from(deliveries).where(and(eq(deliveries.notificationId, notificationId), eq(deliveries.channel, 'email')));
    expect(Object.fromEntries(rows.map((r) => [r.address, r.status]))).toEqual({ 'gavin@hooli.example': 'queued', 'richard@hooli.example': 'skipped' });
    expect(await roleOf(id, 'richard@hooli.example')).toBeNull();
    const { findMembership } = await import('@/lib/membership');
    expect(await findMembership(t.db, { accountId: id, userId: richard.body.user_id })).toBeNull();

    const status = await call(routes.status, { id: notificationId }, { method: 'GET', key: publishKey });
    expect(status.body.deliveries.email).toEqual({ queued: 1, skipped: 1 });
    expect((await call(routes.status, { id: notificationId }, { method: 'GET', key: directoryKey })).status).toBe(404);
  });
});

describe('snapshot', () => {
  it('applies the difference set-based, and the same snapshot twice changes nothing and writes no audit entry', async () => {
    await putAccount('stark', { name: 'Stark', owner: { email: 'tony@stark.example' } });
    await putMember('stark', 'old@stark.example', { role: 'billing_admin' });
    await putMember('stark', 'same@stark.example', { role: 'subscriber' });
    await putMember('stark', 'moved@stark.example', { role: 'subscriber' });
    const snapshot = {
      projects: [{ ref: 'armor', name: 'Armor' }],
      members: [
        { email: 'pepper@stark.example', name: 'Pepper', role: 'owner' },
        { email: 'tony@stark.example', role: 'account_admin' },
        { email: 'same@stark.example', role: 'subscriber' },
        { email: 'moved@stark.example', role: 'user_admin' },
        { email: 'happy@stark.example', role: 'project_member', projects: [{ ref: 'armor', role: 'project_supervisor' }] },
      ],
    };
    const first = await putSnapshot('stark', snapshot);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 2, changed: 2, removed: 1, unchanged: 1, projects: { added: 1, renamed: 0, removed: 0 } });
    const id = (await call(routes.account.GET, { ref: 'stark' }, { method: 'GET' })).body.id;
    expect(await roleOf(id, 'pepper@stark.example')).toBe('owner');
    expect(await roleOf(id, 'old@stark.example')).toBeNull();

    const before = await auditCount();
    const again = await putSnapshot('stark', snapshot);
    expect(again.body).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 5, projects: { added: 0, renamed: 0, removed: 0 } });
    expect(await auditCount()).toBe(before);
  });

  it('refuses a snapshot without exactly one Owner, or naming a person twice, changing nothing', async () => {
    const before = await auditCount();
    const none = await putSnapshot('stark', { members: [{ email: 'a@stark.example', role: 'subscriber' }] });
    expect([none.status, none.body.error.details[0].field]).toEqual([422, 'members']);
    const twice = await putSnapshot('stark', {
      members: [
        { email: 'a@stark.example', role: 'owner' },
        { email: 'A@stark.example', role: 'subscriber' },
      ],
    });
    expect([twice.status, twice.body.error.details[0].field]).toEqual([422, 'members.1.email']);
    expect(await auditCount()).toBe(before);
  });
});

describe('closing', () => {
  it('closes: members lose access, publishing answers 409 account_closed, history is kept', async () => {
    await putAccount('wayne', { name: 'Wayne', owner: { email: 'bruce@wayne.example' } });
    const id = (await call(routes.account.GET, { ref: 'wayne' }, { method: 'GET' })).body.id;
    const bruce = (await t.db.select().from(users).where(eq(users.email, 'bruce@wayne.example')))[0];
    const closed = await call(routes.account.DELETE, { ref: 'wayne' }, { method: 'DELETE' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const { listAccountsForUser } = await import('@/db/queries/accounts');
    const { findMembership } = await import('@/lib/membership');
    expect(await findMembership(t.db, { accountId: id, userId: bruce.id })).toBeNull();
    expect(await listAccountsForUser(t.db, { userId: bruce.id })).toEqual([]);
    const publish = await routes.publish(
      new Request('http://localhost/api/v1/notifications', {
        method: 'POST',
        headers: { authorization: `Bearer ${publishKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ account_ref: 'wayne', type: 'product_updates', subject: 'Hello' }),
      }),
    );
    expect(publish.status).toBe(409);
    expect((await publish.json()).error.code).toBe('account_closed');
    expect((await putMember('wayne', 'alfred@wayne.example', { role: 'subscriber' })).status).toBe(409);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.accountId, id));
    expect(audit.map((a) => a.action)).toContain('account.closed');
  });
});
