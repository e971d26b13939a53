// npm run test:load — 20 signed-in people use the panel at once for 60 s against a
// production build: they browse its pages and, through the real server actions over
// HTTP, add and remove the same few subscriptions, so that changes of one subscription
// race. Passes when no request failed, every subscription is stored once, and the
// audit log, replayed, gives exactly the final subscriptions and counts every change
// the people were told succeeded.
//
// It needs a production build and does not make one (a build takes minutes and would
// be measured against whatever else the machine does): `npm run build` first, or
// `NEXT_DIST_DIR=.next-x npx next build` and then `NEXT_DIST_DIR=.next-x npm run test:load`.
// The app runs through scripts/start.ts --ephemeral on a free loopback port with a
// throw-away database (web server + worker), and is stopped at the end, Ctrl-C included.
//
//   LOAD_USERS=20   LOAD_DURATION_S=60   LOAD_READERS=5 (of the users, read-only roles)
//
// Exit code 0 passed, 1 a check failed (the server's log is kept and named), 2 no build,
// 130 interrupted. Latencies are measured on this machine by a generator on the same
// CPUs, so they are an upper bound.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql as dsql } from 'drizzle-orm';
import { createDb, queryRows, type Db, type DbHandle } from '@/db';
import { textArray } from '@/db/sql-array';
import type { MemberRole, NotificationCategory } from '@/db/schema';
import { canViewDeliveryLog, eligibleRolesFor } from '@/lib/notifications/rules';
import { categoryKeys } from '@/lib/notifications/catalog';
import { checkBuild, distDir, startApp, stopApp, type App } from './lib/app-server';

const USERS = Math.max(2, Number(process.env.LOAD_USERS ?? 20));
const DURATION_MS = Number(process.env.LOAD_DURATION_S ?? 60) * 1000;
const READERS = Math.min(USERS - 1, Number(process.env.LOAD_READERS ?? Math.round(USERS / 4)));
const REQUEST_TIMEOUT_MS = 30_000;
/** How long the worker may take after the run to send the unsubscribe notices. */
const MAIL_DRAIN_MS = 90_000;

const root = process.cwd();
const paint = (code: number, text: string) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
const log = (message: string) => console.log(`${paint(35, '[load]')} ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const shuffle = <T>(xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

// ---------------------------------------------------------------------------
// The build and the app under test
// ---------------------------------------------------------------------------

type ActionIds = { add: string; remove: string };

/** Server action ids of the notifications page, as the browser bundle knows them. */
function readActionIds(): ActionIds {
  const manifestPath = path.join(root, distDir, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const find = (exportedName: string) => {
    const entry = Object.entries(manifest.node).find(
      ([, a]) => a.exportedName === exportedName && a.filename.includes('accounts/[accountId]/notifications/actions'),
    );
    if (!entry) throw new Error(`${exportedName} is not in ${manifestPath}`);
    return entry[0];
  };
  return { add: find('addRecipientsAction'), remove: find('removeRecipientAction') };
}

// ---------------------------------------------------------------------------
// The people and the contested subscriptions
// ---------------------------------------------------------------------------

type VirtualUser = { name: string; userId: string; role: MemberRole; token: string };
type Target = { userId: string; email: string; role: MemberRole };
type Pair = { category: NotificationCategory; target: Target };
type World = {
  accountId: string;
  notificationId: string;
  people: VirtualUser[];
  pairs: Pair[];
  /** Subscriptions of the contested pairs before the run. */
  initial: Map<string, boolean>;
  auditIdBefore: number;
  noticesBefore: number;
};

const pairKey = (category: string, userId: string) => `${category}/${userId}`;
const CONTESTED_CATEGORIES: NotificationCategory[] = ['accounting_documents', 'balance_payments', 'services'];
const READER_ROLES: MemberRole[] = ['account_admin', 'billing_admin', 'subscriber', 'project_member'];

/**
 * In the demo's Northwind Labs: the Owner and User Administrators (who may change
 * subscriptions), some read-only members, each with a database session as after
 * sign-in; and three members whose subscriptions everybody changes at once.
 */
async function prepare(app: App, db: Db): Promise<World> {
  const [account] = await queryRows<{ id: string; ownerId: string; ownerName: string }>(db, dsql`
    select a.id, u.id as "ownerId", u.name as "ownerName" from accounts a
    join memberships m on m.account_id = a.id and m.role = 'owner' join users u on u.id = m.user_id
    where a.name = 'Northwind Labs'`);
  if (!account) throw new Error('the demo account Northwind Labs is missing (is DEMO_MODE off?)');

  const tag = randomBytes(3).toString('hex');
  const member = async (name: string, role: MemberRole) => {
    const userId = randomUUID();
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@load.example`;
    await queryRows(db, dsql`insert into users (id, name, email, email_verified) values (${userId}, ${name}, ${email}, now())`);
    await queryRows(db, dsql`insert into memberships (account_id, user_id, role) values (${account.id}, ${userId}, ${role})`);
    return { userId, email, role };
  };
  const session = async (userId: string) => {
    const token = randomBytes(32).toString('base64url');
    await queryRows(db, dsql`insert into sessions (session_token, user_id, expires) values (${token}, ${userId}, now() + interval '1 day')`);
    return token;
  };

  const people: VirtualUser[] = [
    { name: account.ownerName, userId: account.ownerId, role: 'owner', token: await session(account.ownerId) },
  ];
  for (let i = 1; people.length < USERS - READERS; i++) {
    const m = await member(`Load Useradmin ${i}`, 'user_admin');
    people.push({ name: `Load Useradmin ${i}`, ...m, token: await session(m.userId) });
  }
  for (let i = 0; i < READERS; i++) {
    const role = READER_ROLES[i % READER_ROLES.length];
    const m = await member(`Load Reader ${i + 1}`, role);
    people.push({ name: `Load Reader ${i + 1} (${role})`, ...m, token: await session(m.userId) });
  }

  const targets = [await member('Contested Admin', 'account_admin'), await member('Contested Billing', 'billing_admin'), await member('Contested Subscriber', 'subscriber')];
  const pairs = CONTESTED_CATEGORIES.flatMap((category) =>
    targets.filter((t) => eligibleRolesFor(category).includes(t.role)).map((target) => ({ category, target })),
  );
  // Half of them subscribed to begin with, so removals succeed from the first second.
  const initial = new Map<string, boolean>();
  for (const [i, p] of pairs.entries()) {
    initial.set(pairKey(p.category, p.target.userId), i % 2 === 0);
    if (i % 2 === 0) {
      await queryRows(db, dsql`insert into subscriptions (account_id, user_id, category, added_by_user_id)
                values (${account.id}, ${p.target.userId}, ${p.category}, ${account.ownerId})`);
    }
  }

  // One published notification, so the delivery log has an entry to open.
  const published = await fetch(`${app.baseUrl}/api/v1/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ account_id: account.id, type: 'debt', subject: 'Load test: balance below zero', summary: 'Top up soon.' }),
  });
  if (published.status !== 202) throw new Error(`publishing a notification answered ${published.status}: ${await published.text()}`);
  const { id: notificationId } = (await published.json()) as { id: string };

  const [{ max }] = await queryRows<{ max: number }>(db, dsql`select coalesce(max(id), 0)::int as max from audit_log`);
  const [{ count }] = await queryRows<{ count: number }>(db, dsql`select count(*)::int from mail_messages where template = 'unsubscribed'`);
  return { accountId: account.id, notificationId, people, pairs, initial, auditIdBefore: max, noticesBefore: count };
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/**
 * The rows of a React Server Components (flight) response by id: `id:payload\n`,
 * except text rows `id:T<hex length>,<bytes>` that carry no newline.
 */
function flightRows(body: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let pos = 0;
  while (pos < body.length) {
    const colon = body.indexOf(0x3a, pos);
    if (colon < 0) break;
    const id = body.toString('utf8', pos, colon);
    if (body[colon + 1] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, colon);
      const length = parseInt(body.toString('utf8', colon + 2, comma), 16);
      rows.set(id, body.toString('utf8', comma + 1, comma + 1 + length));
      pos = comma + 1 + length;
      continue;
    }
    let end = body.indexOf(0x0a, colon);
    if (end < 0) end = body.length;
    rows.set(id, body.toString('utf8', colon + 1, end));
    pos = end + 1;
  }
  return rows;
}

type ActionAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; code?: string; error: string };

/** The server action's return value in an action response (row 0 points at it: `"a":"$@<id>"`). */
function actionAnswer(body: Buffer): ActionAnswer {
  const rows = flightRows(body);
  const head = rows.get('0');
  if (!head) throw new Error('no root row in the action response');
  const ref = (JSON.parse(head) as { a?: unknown }).a;
  if (typeof ref !== 'string' || !ref.startsWith('$@')) throw new Error(`unexpected root row: ${head.slice(0, 200)}`);
  const row = rows.get(ref.slice(2));
  if (row === undefined) throw new Error(`action result row ${ref} is missing`);
  if (!row.startsWith('{')) throw new Error(`the action failed on the server: ${row.slice(0, 300)}`);
  return JSON.parse(row) as ActionAnswer;
}

type Outcome =
  | 'page ok'
  | 'add: added'
  | 'add: already subscribed'
  | 'remove: removed'
  | 'remove: already removed (race)'
  | 'error';
type Sample = { kind: string; ms: number; outcome: Outcome; added?: number };

const samples: Sample[] = [];
/** Distinct error messages with how often each occurred. */
const errorMessages = new Map<string, number>();
function recordError(kind: string, ms: number, detail: string) {
  samples.push({ kind, ms, outcome: 'error' });
  const message = `${kind}: ${detail}`;
  errorMessages.set(message, (errorMessages.get(message) ?? 0) + 1);
}

class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly person: VirtualUser,
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { cookie: `authjs.session-token=${this.person.token}`, 'user-agent': 'an-load/1 (scripts/load.ts)', ...extra };
  }

  async page(kind: string, pathAndQuery: string) {
    const started = performance.now();
    try {
      const res = await fetch(this.baseUrl + pathAndQuery, {
        headers: this.headers({ accept: 'text/html' }),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      const ms = performance.now() - started;
      if (res.status !== 200) return recordError(kind, ms, `${pathAndQuery} answered ${res.status} ${res.headers.get('location') ?? ''}`);
      samples.push({ kind, ms, outcome: 'page ok' });
    } catch (error) {
      recordError(kind, performance.now() - started, `${pathAndQuery}: ${String(error)}`);
    }
  }

  /** A server action called as React's client does: POST to the page, arguments as a JSON array. */
  async action(kind: string, actionId: string, accountId: string, category: string, input: Record<string, unknown>) {
    const pagePath = `/accounts/${accountId}/notifications?category=${category}`;
    const tree = ['', { children: ['(panel)', { children: ['accounts', { children: [['accountId', accountId, 'd'], { children: ['notifications', { children: ['__PAGE__', {}] }] }] }] }] }];
    const started = performance.now();
    try {
      const res = await fetch(this.baseUrl + pagePath, {
        method: 'POST',
        headers: this.headers({
          accept: 'text/x-component',
          'content-type': 'text/plain;charset=UTF-8',
          'next-action': actionId,
          'next-router-state-tree': encodeURIComponent(JSON.stringify(tree)),
          origin: this.baseUrl,
        }),
        body: JSON.stringify([input]),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - started;
      if (res.status !== 200) return recordError(kind, ms, `answered ${res.status}: ${body.toString('utf8', 0, 200)}`);
      return { ms, answer: actionAnswer(body) };
    } catch (error) {
      recordError(kind, performance.now() - started, String(error));
    }
  }
}

// ---------------------------------------------------------------------------
// What each person does
// ---------------------------------------------------------------------------

type Step = { weight: number; run: () => Promise<void> };

function weighted(steps: Step[]): () => Promise<void> {
  const total = steps.reduce((sum, s) => sum + s.weight, 0);
  return () => {
    let r = Math.random() * total;
    for (const s of steps) if ((r -= s.weight) < 0) return s.run();
    return steps[steps.length - 1].run();
  };
}

function behaviour(world: World, person: VirtualUser, client: Client, ids: ActionIds): () => Promise<void> {
  const base = `/accounts/${world.accountId}`;
  const browse: Step[] = [
    { weight: 30, run: () => client.page('GET notifications', `${base}/notifications?category=${pick(categoryKeys)}`) },
    { weight: 5, run: () => client.page('GET contacts', `${base}/settings/contacts`) },
  ];
  if (canViewDeliveryLog(person.role).allowed) {
    browse.push(
      { weight: 7, run: () => client.page('GET delivery log', `${base}/delivery-log`) },
      { weight: 5, run: () => client.page('GET delivery detail', `${base}/delivery-log/${world.notificationId}`) },
    );
  }
  if (person.role !== 'owner' && person.role !== 'user_admin') return weighted(browse);

  const add = async (category: NotificationCategory, targets: Target[]) => {
    const kind = targets.length > 1 ? 'POST add (several)' : 'POST add';
    const result = await client.action(kind, ids.add, world.accountId, category, {
      accountId: world.accountId,
      category,
      userIds: targets.map((t) => t.userId),
    });
    if (!result) return;
    const { answer, ms } = result;
    if (!answer.ok) return recordError(kind, ms, `refused: ${answer.code} ${answer.error}`);
    const added = Number(answer.data.added);
    samples.push({ kind, ms, outcome: added > 0 ? 'add: added' : 'add: already subscribed', added });
  };
  const addOne = ({ category, target }: Pair) => add(category, [target]);
  const remove = async ({ category, target }: Pair) => {
    const kind = 'POST remove';
    const result = await client.action(kind, ids.remove, world.accountId, category, {
      accountId: world.accountId,
      category,
      userId: target.userId,
      // The dialog asks for the e-mail, typed loosely.
      confirmEmail: ` ${target.email.toUpperCase()} `,
    });
    if (!result) return;
    const { answer, ms } = result;
    if (answer.ok) return void samples.push({ kind, ms, outcome: 'remove: removed' });
    // Someone else removed it a moment earlier: the dialog says so, which is the documented answer.
    if (answer.code === 'not_found' && /no longer subscribed/.test(answer.error)) {
      return void samples.push({ kind, ms, outcome: 'remove: already removed (race)' });
    }
    recordError(kind, ms, `refused: ${answer.code} ${answer.error}`);
  };
  return weighted([
    ...browse,
    { weight: 4, run: () => client.page('GET audit log', `${base}/notifications?tab=audit`) },
    { weight: 3, run: () => client.page('GET search', `${base}/notifications?category=${pick(CONTESTED_CATEGORIES)}&q=contested`) },
    { weight: 18, run: () => remove(pick(world.pairs)) },
    { weight: 18, run: () => addOne(pick(world.pairs)) },
    {
      // Several people at once, in the order they were ticked: overlapping adds in different orders.
      weight: 6,
      run: () => {
        const category = pick(CONTESTED_CATEGORIES);
        return add(category, shuffle(world.pairs.filter((p) => p.category === category).map((p) => p.target)));
      },
    },
  ]);
}

// ---------------------------------------------------------------------------
// Report and checks
// ---------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function table(header: string[], rows: string[][], rightFrom = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log('  ' + line(header));
  console.log('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log('  ' + line(r));
}

function latencyRow(name: string, xs: Sample[], seconds: number): string[] {
  const sorted = xs.map((s) => s.ms).sort((a, b) => a - b);
  const f = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(0));
  return [
    name,
    String(xs.length),
    (xs.length / seconds).toFixed(1),
    String(xs.filter((s) => s.outcome === 'error').length),
    f(percentile(sorted, 50)),
    f(percentile(sorted, 95)),
    f(percentile(sorted, 99)),
    f(sorted[sorted.length - 1]),
  ];
}

function report(seconds: number) {
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  console.log(`\nLatency (ms) — ${USERS} users (${USERS - READERS} may change subscriptions), ${seconds.toFixed(1)} s\n`);
  table(['request', 'count', 'req/s', 'errors', 'p50', 'p95', 'p99', 'max'], [
    ...kinds.map((k) => latencyRow(k, samples.filter((s) => s.kind === k), seconds)),
    latencyRow('all page GETs', samples.filter((s) => s.kind.startsWith('GET')), seconds),
    latencyRow('all server actions', samples.filter((s) => s.kind.startsWith('POST')), seconds),
    latencyRow('ALL', samples, seconds),
  ]);
  const outcomes = new Map<string, number>();
  for (const s of samples) outcomes.set(s.outcome, (outcomes.get(s.outcome) ?? 0) + 1);
  console.log('\nOutcomes\n');
  table(['outcome', 'count'], [...outcomes].sort().map(([o, n]) => [o, String(n)]));
  if (errorMessages.size) {
    const top = [...errorMessages].sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log(`\nErrors (${errorMessages.size} distinct):\n${top.map(([m, n]) => `  ${String(n).padStart(5)} × ${m}`).join('\n')}`);
  }
}

type Check = { name: string; ok: boolean; detail: string };

async function checkDatabase(db: Db, world: World): Promise<Check[]> {
  const checks: Check[] = [];
  const names = new Map(world.pairs.map((p) => [p.target.userId, p.target.email.split('.')[1]]));
  const label = (category: string, userId: string) => `${category} × ${names.get(userId) ?? userId}`;

  const duplicates = await queryRows(db, dsql`
    select account_id, category, user_id, count(*)::int as n from subscriptions group by 1, 2, 3 having count(*) > 1`);
  checks.push({ name: 'each subscription is stored once', ok: duplicates.length === 0, detail: `${duplicates.length} duplicated` });

  const entries = await queryRows<{ id: number; action: string; category: string; targetUserId: string; actorUserId: string | null }>(db, dsql`
    select id::int, action, details->>'category' as category, target_user_id as "targetUserId", actor_user_id as "actorUserId"
    from audit_log where id > ${world.auditIdBefore} and account_id = ${world.accountId}
      and action in ('subscription.added', 'subscription.removed')
    order by id`);
  const finalRows = await queryRows<{ category: string; userId: string }>(db, dsql`
    select category::text, user_id as "userId" from subscriptions where account_id = ${world.accountId}
      and user_id = any(${textArray(world.pairs.map((p) => p.target.userId))})`);
  const final = new Set(finalRows.map((r) => pairKey(r.category, r.userId)));

  // Replay: per subscription, additions and removals alternate from the state before the
  // run and end in the state stored now. Audit ids follow the order the changes took
  // effect: a change of a subscription waits for the transaction that changed it before.
  const contested = new Set(world.initial.keys());
  const replayed = new Map(world.initial);
  const problems: string[] = [];
  for (const e of entries) {
    const key = pairKey(e.category, e.targetUserId);
    if (!contested.has(key)) {
      problems.push(`unexpected entry #${e.id} for ${label(e.category, e.targetUserId)}`);
      continue;
    }
    const subscribed = replayed.get(key)!;
    if (e.action === 'subscription.added' && subscribed) problems.push(`#${e.id} adds ${label(e.category, e.targetUserId)}, already subscribed`);
    if (e.action === 'subscription.removed' && !subscribed) problems.push(`#${e.id} removes ${label(e.category, e.targetUserId)}, not subscribed`);
    replayed.set(key, e.action === 'subscription.added');
  }
  for (const key of contested) {
    const [category, userId] = key.split('/');
    if (replayed.get(key) !== final.has(key)) {
      problems.push(`${label(category, userId)}: the audit log says ${replayed.get(key) ? 'subscribed' : 'not subscribed'}, the table says ${final.has(key) ? 'subscribed' : 'not subscribed'}`);
    }
  }
  checks.push({
    name: 'replaying the audit log gives the final subscriptions',
    ok: problems.length === 0,
    detail: problems.length ? problems.slice(0, 5).join('; ') : `${entries.length} entries over ${contested.size} subscriptions`,
  });

  const actors = new Set(world.people.map((p) => p.userId));
  const badActors = entries.filter((e) => !e.actorUserId || !actors.has(e.actorUserId)).length;
  checks.push({ name: 'every audit entry names who made the change', ok: badActors === 0, detail: `${badActors} without a known actor` });

  const addedSeen = samples.reduce((sum, s) => sum + (s.added ?? 0), 0);
  const removedSeen = samples.filter((s) => s.outcome === 'remove: removed').length;
  const addedLogged = entries.filter((e) => e.action === 'subscription.added').length;
  const removedLogged = entries.filter((e) => e.action === 'subscription.removed').length;
  checks.push({
    name: 'every confirmed addition is in the audit log, and no other',
    ok: addedSeen === addedLogged,
    detail: `${addedSeen} subscriptions confirmed added to the people, ${addedLogged} logged`,
  });
  checks.push({
    name: 'every confirmed removal is in the audit log, and no other',
    ok: removedSeen === removedLogged,
    detail: `${removedSeen} confirmed removed to the people, ${removedLogged} logged`,
  });

  // The worker keeps up: each removal's notice e-mail was queued once and gets sent.
  const deadline = Date.now() + MAIL_DRAIN_MS;
  let notices = { queued: 0, sent: 0 };
  for (;;) {
    [notices] = await queryRows<{ queued: number; sent: number }>(db, dsql`
      select count(*)::int as queued, (count(*) filter (where status = 'sent'))::int as sent
      from mail_messages where template = 'unsubscribed'`);
    if (notices.sent === notices.queued || Date.now() > deadline) break;
    await sleep(1000);
  }
  const noticesQueued = notices.queued - world.noticesBefore;
  checks.push({
    name: 'one unsubscribe notice per removal, all sent by the worker',
    ok: noticesQueued === removedSeen && notices.sent === notices.queued,
    detail: `${noticesQueued} queued for ${removedSeen} removals, ${notices.queued - notices.sent} unsent`,
  });
  return checks;
}

// ---------------------------------------------------------------------------

let interrupted = false;
let database: DbHandle | null = null;
let serverLog: string | null = null;

async function cleanUp() {
  await database?.close().catch(() => {});
  database = null;
  await stopApp();
}

async function main(): Promise<number> {
  checkBuild();
  const ids = readActionIds();
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('interrupted: stopping the app…');
    void cleanUp().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  log(`build ${distDir}/ · ${USERS} users for ${DURATION_MS / 1000} s · starting the app on a throw-away database…`);
  const app = await startApp();
  serverLog = app.logFile;
  log(`app ready at ${app.baseUrl} (server log: ${app.logFile})`);
  database = createDb(app.databaseUrl, { max: 2 });
  const { db } = database;
  const world = await prepare(app, db);
  log(`${world.pairs.length} contested subscriptions: ${world.pairs.map((p) => `${p.category}×${p.target.role}`).join(', ')}`);

  // Each page once before measuring: the first request of a route loads its modules.
  const warm = new Client(app.baseUrl, world.people[0]);
  for (const p of ['notifications', 'notifications?tab=audit', 'delivery-log', `delivery-log/${world.notificationId}`, 'settings/contacts']) {
    await warm.page('warm-up', `/accounts/${world.accountId}/${p}`);
  }
  if (samples.some((s) => s.outcome === 'error')) throw new Error(`warm-up failed: ${[...errorMessages.keys()].join('; ')}`);
  samples.length = 0;

  log(`running ${USERS} users for ${DURATION_MS / 1000} s…`);
  const started = performance.now();
  const deadline = started + DURATION_MS;
  await Promise.all(
    world.people.map(async (person) => {
      const next = behaviour(world, person, new Client(app.baseUrl, person), ids);
      while (performance.now() < deadline && !interrupted) await next();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (interrupted) return 130;

  report(seconds);
  const errors = samples.filter((s) => s.outcome === 'error').length;
  log('checking the database…');
  const checks: Check[] = [
    { name: 'no request failed', ok: errors === 0 && samples.length > 0, detail: `${errors} errors in ${samples.length} requests` },
    ...(await checkDatabase(db, world)),
  ];
  console.log('\nChecks\n');
  for (const c of checks) console.log(`  ${c.ok ? paint(32, '✓') : paint(31, '✗')} ${c.name} (${c.detail})`);
  const failed = checks.filter((c) => !c.ok);
  console.log(failed.length ? `\n${paint(31, 'FAILED:')} ${failed.map((c) => c.name).join('; ')}. Server log: ${app.logFile}` : `\n${paint(32, 'PASSED')}`);
  return failed.length ? 1 : 0;
}

main()
  .catch((error) => {
    console.error(error);
    return 1;
  })
  .then(async (code) => {
    if (interrupted) return; // the signal handler cleans up and exits
    log('stopping the app…');
    await cleanUp();
    // The server's log only matters when something failed.
    if (code === 0 && serverLog) rmSync(serverLog, { force: true });
    process.exit(code);
  });
