// The authorization matrix (issue 7): every server action and route handler of
// the app, found on disk, called as every kind of caller, against what the
// spec says each caller may do. The expectations below are written by hand
// from SPEC.md (§1 roles, §3 screens, §5 "every server action and route checks
// the session and the role; no access across accounts") and the README's
// per-screen rules, never computed from lib/notifications/rules.ts: a test
// that asked the rules what the rules allow could not fail.
//
// "Allowed" means the call succeeded and changed or returned something;
// "denied" means { ok: false, code: unauthenticated | forbidden | not_found }
// from an action, a redirect to sign-in or a 404 from a page route, a 401,
// 403 or 404 from an API. A denied call must leave the database as it was.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invitations, memberships, sessions, subscriptions, telegramLinks, users } from '@/db/schema';
import type { ActionResult } from '@/lib/actions';
import type { RecipientList } from '@/lib/events/recipients';
import { createUser, setupTestDatabase } from '@/test/db';
import { asRequest, createSession, navigationOf, nextCacheMock, nextHeadersMock } from '@/test/harness/next-request';
import { discoverEntryPoints, entryId } from './discover';
import { parseMarks, renderTable, type CellResult, type Column, type Mark, type TableRow } from './table';
import { buildWorld, MEMBER_KEYS, type MemberKey, type Person, type World } from './world';
import { bigintArray } from '@/db/sql-array';
import { queryRows } from '@/db';
import { OIDC_TEST_CLIENT, startOidcProvider, type TestOidcProvider } from '@/test/fakes/oidc-provider';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => nextCacheMock);

const t = setupTestDatabase();
const RESEND_SECRET = `whsec_${Buffer.from('the authz matrix signing secret!').toString('base64')}`;
const TELEGRAM_SECRET = 'authz-matrix_telegram-webhook-secret';
const METRICS_TOKEN = 'authz-matrix-metrics-token-0123456789';
const SESSION_COOKIE = 'authjs.session-token';
const savedEnv = { ...process.env };
const unique = () => randomBytes(6).toString('hex');

const FILES = {
  signIn: 'app/(auth)/sign-in/actions.ts',
  deliveryLog: 'app/(panel)/accounts/[accountId]/delivery-log/actions.ts',
  inbox: 'app/(panel)/accounts/[accountId]/inbox-actions.ts',
  notifications: 'app/(panel)/accounts/[accountId]/notifications/actions.ts',
  telegram: 'app/(panel)/accounts/[accountId]/telegram-actions.ts',
  contacts: 'app/(panel)/accounts/[accountId]/settings/contacts/actions.ts',
  events: 'app/(panel)/accounts/[accountId]/settings/notifications/events/actions.ts',
  simulator: 'app/dev/telegram/actions.ts',
  profile: 'app/(panel)/accounts/[accountId]/profile/actions.ts',
  language: 'app/(panel)/accounts/[accountId]/language-actions.ts',
  users: 'app/(panel)/accounts/[accountId]/users/actions.ts',
  invitation: 'app/(auth)/invitations/[token]/actions.ts',
  switchRoute: 'app/(panel)/accounts/[accountId]/switch/route.ts',
  authRoute: 'app/api/auth/[...nextauth]/route.ts',
  resendWebhook: 'app/api/resend/webhook/route.ts',
  telegramWebhook: 'app/api/telegram/webhook/route.ts',
  eventsApi: 'app/api/v1/events/route.ts',
  notificationsApi: 'app/api/v1/notifications/route.ts',
  notificationStatus: 'app/api/v1/notifications/[id]/route.ts',
  broadcastsApi: 'app/api/v1/broadcasts/route.ts',
  broadcastStatus: 'app/api/v1/broadcasts/[id]/route.ts',
  openApi: 'app/api/v1/openapi.json/route.ts',
  accountApi: 'app/api/v1/accounts/[ref]/route.ts',
  membersApi: 'app/api/v1/accounts/[ref]/members/route.ts',
  memberApi: 'app/api/v1/accounts/[ref]/members/[email]/route.ts',
  projectApi: 'app/api/v1/accounts/[ref]/projects/[projectRef]/route.ts',
  snapshotApi: 'app/api/v1/accounts/[ref]/directory/route.ts',
  health: 'app/api/health/route.ts',
  ready: 'app/api/ready/route.ts',
  metrics: 'app/metrics/route.ts',
} as const;
const entry = (file: keyof typeof FILES, name: string) => entryId({ file: FILES[file], name });

// Imported only after the environment is set: lib/env.ts parses it once, on first import.
async function loadApp() {
  return {
    signIn: await import('@/app/(auth)/sign-in/actions'),
    deliveryLog: await import('@/app/(panel)/accounts/[accountId]/delivery-log/actions'),
    inbox: await import('@/app/(panel)/accounts/[accountId]/inbox-actions'),
    notifications: await import('@/app/(panel)/accounts/[accountId]/notifications/actions'),
    telegram: await import('@/app/(panel)/accounts/[accountId]/telegram-actions'),
    contacts: await import('@/app/(panel)/accounts/[accountId]/settings/contacts/actions'),
    events: await import('@/app/(panel)/accounts/[accountId]/settings/notifications/events/actions'),
    simulator: await import('@/app/dev/telegram/actions'),
    profile: await import('@/app/(panel)/accounts/[accountId]/profile/actions'),
    language: await import('@/app/(panel)/accounts/[accountId]/language-actions'),
    users: await import('@/app/(panel)/accounts/[accountId]/users/actions'),
    switchRoute: await import('@/app/(panel)/accounts/[accountId]/switch/route'),
    authRoute: await import('@/app/api/auth/[...nextauth]/route'),
    resendWebhook: await import('@/app/api/resend/webhook/route'),
    telegramWebhook: await import('@/app/api/telegram/webhook/route'),
    eventsApi: await import('@/app/api/v1/events/route'),
    notificationsApi: await import('@/app/api/v1/notifications/route'),
    notificationStatus: await import('@/app/api/v1/notifications/[id]/route'),
    broadcastsApi: await import('@/app/api/v1/broadcasts/route'),
    broadcastStatus: await import('@/app/api/v1/broadcasts/[id]/route'),
    openApi: await import('@/app/api/v1/openapi.json/route'),
    accountApi: await import('@/app/api/v1/accounts/[ref]/route'),
    membersApi: await import('@/app/api/v1/accounts/[ref]/members/route'),
    memberApi: await import('@/app/api/v1/accounts/[ref]/members/[email]/route'),
    projectApi: await import('@/app/api/v1/accounts/[ref]/projects/[projectRef]/route'),
    snapshotApi: await import('@/app/api/v1/accounts/[ref]/directory/route'),
    health: await import('@/app/api/health/route'),
    ready: await import('@/app/api/ready/route'),
    metrics: await import('@/app/metrics/route'),
    lib: {
      session: await import('@/lib/session'),
      lastAccount: await import('@/lib/last-account'),
      events: await import('@/lib/events/catalog'),
      resendWebhookSigner: await import('@/test/fakes/resend-webhook'),
      telegramLinks: await import('@/lib/telegram/links'),
    },
  };
}

let app: Awaited<ReturnType<typeof loadApp>>;
let world: World;

beforeAll(async () => {
  process.env.DATABASE_URL = t.url;
  process.env.RESEND_WEBHOOK_SECRET = RESEND_SECRET;
  process.env.TELEGRAM_WEBHOOK_SECRET = TELEGRAM_SECRET;
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  // The defaults of a development machine: demo sign-in and dev tools on (NODE_ENV=test), Telegram simulated.
  for (const name of ['DEMO_MODE', 'DEV_TOOLS', 'TELEGRAM_BOT_TOKEN', 'RESEND_API_KEY', 'APP_URL', 'AUTH_URL']) delete process.env[name];
  app = await loadApp();
  world = await buildWorld(t);
});

afterAll(async () => {
  // Passing tests' console output is silenced (vitest.config.ts), and the matrix is worth reading either way.
  process.stdout.write(`\n${printMatrix()}\n`);
  const { closeDb } = await import('@/db');
  await closeDb();
  process.env = savedEnv;
});

// ---------------------------------------------------------------------------
// Outcomes, and the database state a denied call must not change
// ---------------------------------------------------------------------------

type Outcome = { allowed: boolean; how: string; detail?: string; problem?: string };
const allow = (how: string, problem?: string): Outcome => ({ allowed: true, how, problem });
const deny = (how: string, detail?: string, problem?: string): Outcome => ({ allowed: false, how, detail, problem });

/** A server action's answer; `effective` decides whether an `ok` answer did anything. */
async function act<T>(token: string | null, run: () => Promise<ActionResult<T>>, effective?: (data: T) => boolean): Promise<Outcome> {
  const { result } = await asRequest(token, run);
  if (!result.ok) return deny(result.code ?? 'no code', result.error);
  return effective && !effective(result.data) ? deny('no effect') : allow('ok');
}

async function httpOutcome(response: Response, success: number): Promise<Outcome> {
  if (response.status === success) return allow(String(success));
  return deny(String(response.status), (await response.text()).slice(0, 160));
}

/** Everything a caller could change through these entry points (sessions aside: reading one refreshes it). */
const WATCHED_TABLES = [
  'accounts',
  'memberships',
  'subscriptions',
  'audit_log',
  'mail_messages',
  'notifications',
  'deliveries',
  'broadcasts',
  'broadcast_accounts',
  'suppressions',
  'resend_webhook_events',
  'telegram_links',
  'telegram_link_tokens',
  'telegram_updates',
  'telegram_sim_messages',
  'event_settings',
  'account_contacts',
  'users',
  'projects',
  'project_memberships',
  'invitations',
];

async function snapshot(): Promise<Map<string, string>> {
  const rows = await queryRows<{ name: string; hash: string }>(
    t.db,
    sql.raw(WATCHED_TABLES.map((table) => `select '${table}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash from ${table} x`).join(' union all ')),
  );
  return new Map(rows.map((r) => [r.name, r.hash]));
}

const changedTables = (before: Map<string, string>, after: Map<string, string>) => WATCHED_TABLES.filter((name) => before.get(name) !== after.get(name));

type CellPlan = {
  expected: Mark;
  run: () => Promise<Outcome>;
  prepare?: () => Promise<unknown>;
  /** Whether an allowed call must change the database. */
  writes: boolean;
  /** How a denial may look for this caller; anything else is reported. */
  denials: readonly string[];
};

async function runCell(plan: CellPlan): Promise<CellResult> {
  const { expected } = plan;
  if (expected === '–') return { expected, actual: '–', how: 'n/a', problems: [] };
  await plan.prepare?.();
  const before = await snapshot();
  let outcome: Outcome;
  try {
    outcome = await plan.run();
  } catch (error) {
    return { expected, actual: 'E', how: 'threw', problems: [`threw: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const changed = changedTables(before, await snapshot());
  const actual: Mark = outcome.allowed ? '✓' : '✗';
  const detail = outcome.detail ? ` — ${outcome.detail}` : '';
  const problems: string[] = [];
  if (actual !== expected) problems.push(outcome.allowed ? `UNEXPECTED ALLOW (${outcome.how})` : `unexpected deny (${outcome.how}${detail})`);
  else if (!outcome.allowed && !plan.denials.includes(outcome.how)) problems.push(`denied, but as "${outcome.how}"${detail}`);
  if (!outcome.allowed && changed.length) problems.push(`denied, yet changed ${changed.join(', ')}`);
  if (outcome.allowed && plan.writes && !changed.length) problems.push('allowed, yet changed nothing');
  if (outcome.problem) problems.push(outcome.problem);
  return { expected, actual, how: outcome.how, problems };
}

/** The problems of a row's cells, by column, for the assertion message. */
const problemsOf = (columns: readonly Column[], cells: CellResult[]) =>
  cells.flatMap((cell, i) => cell.problems.map((p) => `${columns[i].label}: ${p}`));

type Family = { title: string; columns: readonly Column[]; rows: { label: string; entry: string }[]; results: Map<string, CellResult[]> };
const families: Family[] = [];

function printMatrix(): string {
  const all = families.flatMap((f) => [...f.results.values()].flat());
  const ran = all.filter((c) => c.actual !== '–');
  const tables = families.map((f) =>
    renderTable(
      f.title,
      f.columns,
      f.rows.filter((r) => f.results.has(r.label)).map((r): TableRow => ({ label: r.label, cells: f.results.get(r.label)! })),
    ),
  );
  const summary =
    `${all.length} cells: ${ran.length} called — ${ran.filter((c) => c.actual === '✓').length} allowed, ` +
    `${ran.filter((c) => c.actual === '✗').length} denied, ${ran.filter((c) => c.actual === 'E').length} errors; ` +
    `${all.length - ran.length} not applicable; ${ran.filter((c) => c.problems.length).length} disagree with the spec (marked !)`;
  return ['AUTHORIZATION MATRIX  (✓ allowed · ✗ denied · – not applicable)', ...tables, summary].join('\n\n');
}

// ---------------------------------------------------------------------------
// Panel: server actions and the account switcher, by session
// ---------------------------------------------------------------------------

const SESSION_COLUMNS = [
  { key: 'anon', label: 'anon', title: 'signed out' },
  { key: 'forged', label: 'forged', title: 'a session cookie that is in no database' },
  { key: 'expired', label: 'expired', title: 'the Owner’s session, expired' },
  { key: 'owner', label: 'owner', title: 'Account Owner' },
  { key: 'accountAdmin', label: 'admin', title: 'Account Administrator' },
  { key: 'billingAdmin', label: 'billing', title: 'Billing Administrator' },
  { key: 'userAdmin', label: 'usrAdm', title: 'User Administrator' },
  { key: 'subscriber', label: 'subscr', title: 'Subscriber' },
  { key: 'projectAdmin', label: 'pAdmin', title: 'Project Administrator (no account-level role)' },
  { key: 'projectSupervisor', label: 'pSuper', title: 'Project Supervisor (no account-level role)' },
  { key: 'customer', label: 'cust', title: 'Owner of a customer account of the reseller, with this account’s ids' },
  { key: 'other', label: 'other', title: 'Owner of another account, with this account’s ids' },
  { key: 'foreignObject', label: 'fObj', title: 'this account’s Owner, this account’s id, another account’s user/delivery/customer/address' },
  { key: 'foreignAccount', label: 'fAcct', title: 'this account’s Owner, naming another account (and its objects)' },
] as const satisfies readonly Column[];
type SessionPrincipal = (typeof SESSION_COLUMNS)[number]['key'];

const isMemberKey = (p: SessionPrincipal): p is MemberKey => (MEMBER_KEYS as readonly string[]).includes(p);

function denialsFor(p: SessionPrincipal): string[] {
  if (p === 'anon' || p === 'forged' || p === 'expired') return ['unauthenticated', 'sign-in', 'no session'];
  // A stranger learns nothing, not even that the account exists.
  if (p === 'customer' || p === 'other' || p === 'foreignAccount') return ['not_found', '404'];
  // Another tenant's object named inside one's own account: refused as unknown, or does nothing.
  if (p === 'foreignObject') return ['not_found', 'invalid', 'no effect'];
  return ['forbidden', 'not_found'];
}

type Caller = { token: string | null; person: Person | null };

async function callerFor(p: SessionPrincipal): Promise<Caller> {
  if (p === 'anon') return { token: null, person: null };
  if (p === 'forged') return { token: randomBytes(32).toString('hex'), person: null };
  if (p === 'expired') {
    const token = randomBytes(32).toString('hex');
    await t.db.insert(sessions).values({ sessionToken: token, userId: world.people.owner.userId, expires: new Date(Date.now() - 60_000) });
    return { token, person: null };
  }
  const person = isMemberKey(p) ? world.people[p] : p === 'customer' ? world.customer.owner : p === 'other' ? world.other.owner : world.people.owner;
  return { token: await createSession(t.db, person.userId), person };
}

/** What a call names: its account, and whether its objects belong to the other account. */
type Scope = { accountId: string; away: boolean };

type SessionRow = {
  entry: string;
  label: string;
  /** The account the callers are members of: direct for the notification screens, the reseller for events and contacts. */
  home: 'direct' | 'reseller';
  expect: string;
  writes?: boolean;
  prepare?: () => Promise<unknown>;
  call: (scope: Scope, caller: Caller) => Promise<Outcome>;
};

const services = 'services' as const;
const eventKey = 'quotes.accepted';
const customRecipients: RecipientList = {
  to: [{ type: 'contact', role: 'reseller_account_manager' }],
  cc: [{ type: 'address', email: 'sales-team@skyline.test' }],
};
const contactsForm = {
  primary: { name: 'Pat Primary', email: 'pat@contacts.test' },
  billing: { name: '', email: '' },
  account_manager: { name: '', email: '' },
};

const subscribe = (accountId: string, person: Person) =>
  t.db.insert(subscriptions).values({ accountId, userId: person.userId, category: services }).onConflictDoNothing();
const unsubscribeAll = () => t.db.delete(subscriptions).where(eq(subscriptions.category, services));
const setDeliveryStatus = (status: string, ...ids: number[]) => t.db.execute(sql`update deliveries set status = ${status}::delivery_status where id = any(${bigintArray(ids)})`);

/** Every home member but the Owner receives Balance and payments in the direct account (as buildWorld leaves it). */
const subscribeHomeToBalance = () =>
  t.db
    .insert(subscriptions)
    .values(
      MEMBER_KEYS.filter((k) => k !== 'owner').map((k) => ({ accountId: world.direct, userId: world.people[k].userId, category: 'balance_payments' as const })),
    )
    .onConflictDoNothing();

/** Everyone's name as buildWorld gave it, so that each rename in the profile row is a change. */
const restoreNames = () =>
  Promise.all(Object.values(world.people).map((p) => t.db.update(users).set({ name: p.name }).where(eq(users.id, p.userId))));

/** Gives every person of the world a Telegram link (status as given), so disconnecting or testing has one to act on. */
async function linkEveryone(status: 'active' | 'inactive') {
  const people = [...Object.values(world.people), world.customer.owner, world.other.owner];
  await t.db.delete(telegramLinks);
  await t.db.insert(telegramLinks).values(people.map((p, i) => ({ userId: p.userId, chatId: 90_000_000 + i, username: `authz_${i}`, firstName: p.name, status })));
}


/** An open invitation in the direct account and one in the other account, for resending and revoking. */
const invitationIds = { home: '', away: '' };
async function openInvitations() {
  await t.db.delete(invitations);
  const make = async (accountId: string) =>
    (
      await t.db
        .insert(invitations)
        .values({ accountId, email: `pending-${unique()}@authz.test`, role: 'billing_admin', tokenHash: `authz-${unique()}`, expiresAt: new Date(Date.now() + 86_400_000) })
        .returning({ id: invitations.id })
    )[0].id;
  invitationIds.home = await make(world.direct);
  invitationIds.away = await make(world.other.accountId);
}

/** The people the Users rows change, back as buildWorld made them: members, with their roles. */
async function restoreTargets() {
  for (const [accountId, person, role] of [
    [world.direct, world.people.target, 'account_admin'],
    [world.other.accountId, world.other.member, 'account_admin'],
  ] as const) {
    await t.db.insert(memberships).values({ accountId, userId: person.userId, role }).onConflictDoUpdate({ target: [memberships.accountId, memberships.userId], set: { role } });
  }
}

// Columns:      anon forged expired | owner admin billing usrAdm subscr | pAdmin pSuper | cust other | fObj fAcct
const sessionRows: SessionRow[] = [
  // §3 "Add recipients (Owner / User Admin only)": the candidate list is part of that dialog.
  {
    entry: entry('notifications', 'searchCandidatesAction'),
    label: 'searchCandidatesAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    call: (s, c) => act(c.token, () => app.notifications.searchCandidatesAction({ accountId: s.accountId, category: services })),
  },
  {
    entry: entry('notifications', 'addRecipientsAction'),
    label: 'addRecipientsAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: unsubscribeAll,
    call: (s, c) =>
      act(c.token, () =>
        app.notifications.addRecipientsAction({
          accountId: s.accountId,
          category: services,
          userIds: [(s.away ? world.other.member : world.people.target).userId],
        }),
      ),
  },
  // §3 "Delete on a row (Owner / User Admin only, never on the Owner)".
  {
    entry: entry('notifications', 'removeRecipientAction'),
    label: 'removeRecipientAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: () => Promise.all([subscribe(world.direct, world.people.target), subscribe(world.other.accountId, world.other.member)]),
    call: (s, c) => {
      const whom = s.away ? world.other.member : world.people.target;
      return act(c.token, () =>
        app.notifications.removeRecipientAction({ accountId: s.accountId, category: services, userId: whom.userId, confirmEmail: whom.email }),
      );
    },
  },
  {
    entry: entry('notifications', 'removeRecipientAction'),
    label: 'removeRecipientAction · the Owner',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✗ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) => {
      const whom = s.away ? world.other.owner : world.people.owner;
      return act(c.token, () =>
        app.notifications.removeRecipientAction({ accountId: s.accountId, category: services, userId: whom.userId, confirmEmail: whom.email }),
      );
    },
  },
  // README "Monitoring → Delivery log": for the Owner, User and Account Administrators; Retry sends a failed one again.
  {
    entry: entry('deliveryLog', 'retryDeliveryAction'),
    label: 'retryDeliveryAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: () => setDeliveryStatus('failed', world.deliveries.homeEmail, world.deliveries.awayEmail),
    call: (s, c) =>
      act(c.token, () =>
        app.deliveryLog.retryDeliveryAction({ accountId: s.accountId, deliveryId: s.away ? world.deliveries.awayEmail : world.deliveries.homeEmail }),
      ),
  },
  // README: "The Owner's Suppressed addresses tab … lifts them."
  {
    entry: entry('deliveryLog', 'removeSuppressionAction'),
    label: 'removeSuppressionAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: () =>
      t.db.execute(sql`insert into suppressions (email, reason) values (${world.people.target.email}, 'bounced'), (${world.other.member.email}, 'bounced') on conflict do nothing`),
    call: (s, c) =>
      act(c.token, () =>
        app.deliveryLog.removeSuppressionAction({ accountId: s.accountId, email: (s.away ? world.other.member : world.people.target).email }),
      ),
  },
  // §3 "Notification centre": every user reads the notifications they received, in their own account only.
  {
    entry: entry('inbox', 'loadInboxAction'),
    label: 'loadInboxAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    call: (s, c) => act(c.token, () => app.inbox.loadInboxAction({ accountId: s.accountId }), (data) => data.items.length > 0),
  },
  {
    entry: entry('inbox', 'unreadCountAction'),
    label: 'unreadCountAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    call: (s, c) => act(c.token, () => app.inbox.unreadCountAction({ accountId: s.accountId })),
  },
  {
    entry: entry('inbox', 'markReadAction'),
    label: 'markReadAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: () => t.db.execute(sql`update deliveries set read_at = null where channel = 'in_app'`),
    call: (s, c) =>
      act(
        c.token,
        () => app.inbox.markReadAction({ accountId: s.accountId, deliveryId: s.away ? world.deliveries.awayInApp : undefined }),
        (data) => data.marked > 0,
      ),
  },
  // §3 Telegram block: "only to a user subscribed to Balance and payments whose role is not Subscriber"
  // (the Owner receives it without a subscription). Every caller here but the Owner is subscribed.
  {
    entry: entry('telegram', 'connectTelegramAction'),
    label: 'connectTelegramAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✗ | ✓ ✓ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) => act(c.token, () => app.telegram.connectTelegramAction({ accountId: s.accountId })),
  },
  // The same people in the reseller account, where nobody is subscribed. One chat serves all of a person's
  // accounts (SPEC §1, issue 21): who receives Balance and payments in the direct account connects from here too.
  {
    entry: entry('telegram', 'connectTelegramAction'),
    label: 'connectTelegramAction · unsubscribed',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✗ | ✓ ✓ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) => act(c.token, () => app.telegram.connectTelegramAction({ accountId: s.accountId })),
  },
  // Subscribed in none of their accounts: only the Owner, who receives everything, qualifies.
  {
    entry: entry('telegram', 'connectTelegramAction'),
    label: 'connectTelegramAction · subscribed nowhere',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    prepare: () => t.db.delete(subscriptions).where(and(eq(subscriptions.accountId, world.direct), eq(subscriptions.category, 'balance_payments'))),
    call: (s, c) => act(c.token, () => app.telegram.connectTelegramAction({ accountId: s.accountId })),
  },
  // One's own Telegram link: any member may see its state and switch it off (the spec lets nobody keep
  // messages coming to someone's chat against their will); strangers learn nothing.
  {
    entry: entry('telegram', 'telegramStatusAction'),
    label: 'telegramStatusAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    call: (s, c) => act(c.token, () => app.telegram.telegramStatusAction({ accountId: s.accountId })),
  },
  {
    entry: entry('telegram', 'disconnectTelegramAction'),
    label: 'disconnectTelegramAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    writes: true,
    prepare: () => linkEveryone('inactive'),
    call: (s, c) => act(c.token, () => app.telegram.disconnectTelegramAction({ accountId: s.accountId })),
  },
  {
    entry: entry('telegram', 'sendTelegramTestAction'),
    label: 'sendTelegramTestAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✗ | ✓ ✓ | ✗ ✗ | – ✗',
    writes: true,
    prepare: async () => {
      await subscribeHomeToBalance();
      await linkEveryone('active');
    },
    call: (s, c) => act(c.token, () => app.telegram.sendTelegramTestAction({ accountId: s.accountId })),
  },
  // README "Settings → Notification Settings → Events": the reseller's Owner and Account Administrators
  // may change events (and send a test); other members see them read-only, preview included.
  {
    entry: entry('events', 'toggleEventAction'),
    label: 'toggleEventAction',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    prepare: () => t.db.execute(sql`delete from event_settings`),
    call: (s, c) => act(c.token, () => app.events.toggleEventAction({ accountId: s.accountId, eventKey, enabled: true })),
  },
  {
    entry: entry('events', 'saveEventRecipientsAction'),
    label: 'saveEventRecipientsAction',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    prepare: () => t.db.execute(sql`delete from event_settings`),
    call: (s, c) => act(c.token, () => app.events.saveEventRecipientsAction({ accountId: s.accountId, eventKey, recipients: customRecipients })),
  },
  {
    entry: entry('events', 'previewEventAction'),
    label: 'previewEventAction',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    call: (s, c) =>
      act(c.token, () => app.events.previewEventAction({ accountId: s.accountId, eventKey, recipients: app.lib.events.getEvent(eventKey).defaults })),
  },
  {
    entry: entry('events', 'sendEventTestAction'),
    label: 'sendEventTestAction',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) =>
      act(c.token, () => app.events.sendEventTestAction({ accountId: s.accountId, eventKey, recipients: app.lib.events.getEvent(eventKey).defaults })),
  },
  // §3 "(reseller accounts, seed 002)": an account that is not a reseller has no event settings at all.
  {
    entry: entry('events', 'toggleEventAction'),
    label: 'toggleEventAction · not a reseller',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✗ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) => act(c.token, () => app.events.toggleEventAction({ accountId: s.accountId, eventKey, enabled: true })),
  },
  {
    entry: entry('events', 'previewEventAction'),
    label: 'previewEventAction · not a reseller',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✗ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    call: (s, c) =>
      act(c.token, () => app.events.previewEventAction({ accountId: s.accountId, eventKey, recipients: app.lib.events.getEvent(eventKey).defaults })),
  },
  // README "Settings → Contacts": edited by the account's Owner, Account and User Administrators, and by its reseller's.
  {
    entry: entry('contacts', 'updateContactsAction'),
    label: 'updateContactsAction · own',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    prepare: () => t.db.execute(sql`delete from account_contacts`),
    call: (s, c) => act(c.token, () => app.contacts.updateContactsAction({ accountId: s.accountId, contacts: contactsForm })),
  },
  {
    entry: entry('contacts', 'updateContactsAction'),
    label: 'updateContactsAction · customer',
    home: 'reseller',
    expect: '✗ ✗ ✗ | ✓ ✓ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: () => t.db.execute(sql`delete from account_contacts`),
    call: (s, c) =>
      act(c.token, () =>
        app.contacts.updateContactsAction({
          accountId: s.accountId,
          customerId: s.away ? world.other.customerId : world.customer.accountId,
          contacts: contactsForm,
        }),
      ),
  },
  // Profile & Settings (issue 21): every member renames themselves, and only themselves (the action takes no user id).
  {
    entry: entry('profile', 'updateProfileNameAction'),
    label: 'updateProfileNameAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    writes: true,
    prepare: restoreNames,
    call: async (s, c) => {
      const outcome = await act(c.token, () => app.profile.updateProfileNameAction({ accountId: s.accountId, name: `${c.person?.name ?? 'Nobody'} Renamed` }));
      if (!outcome.allowed || !c.person) return outcome;
      const renamed = await queryRows<{ id: string }>(t.db, sql`select id from users where name like '% Renamed'`);
      const others = renamed.filter((r) => r.id !== c.person!.userId).length;
      return others ? allow(outcome.how, `renamed ${others} other person(s)`) : outcome;
    },
  },
  // README "Languages": every signed-in person sets their own language, and only their own (the action takes no user id).
  {
    entry: entry('language', 'setLanguageAction'),
    label: 'setLanguageAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✓ ✓ | – –',
    writes: true,
    prepare: () => t.db.update(users).set({ locale: null }),
    call: async (_s, c) => {
      const outcome = await act(c.token, () => app.language.setLanguageAction({ locale: 'ru' }));
      if (!outcome.allowed || !c.person) return outcome;
      const changed = await queryRows<{ id: string }>(t.db, sql`select id from users where locale is not null`);
      const others = changed.filter((r) => r.id !== c.person!.userId).length;
      if (changed.length === others) return allow(outcome.how, 'answered ok, yet the caller’s language is unchanged');
      return others ? allow(outcome.how, `changed the language of ${others} other person(s)`) : outcome;
    },
  },
  // README "Access control → Users": the Owner and User Administrators invite, resend, revoke, change roles and remove;
  // nobody invites into, or names the objects of, another account.
  {
    entry: entry('users', 'inviteUsersAction'),
    label: 'inviteUsersAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    call: (s, c) =>
      act(c.token, () =>
        app.users.inviteUsersAction({
          accountId: s.accountId,
          emails: [`invitee-${unique()}@authz.test`],
          role: 'billing_admin',
          projectRoles: s.away ? [{ projectId: world.other.projectId, role: 'project_admin' }] : [],
        }),
      ),
  },
  {
    entry: entry('users', 'resendInvitationAction'),
    label: 'resendInvitationAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: openInvitations,
    call: (s, c) => act(c.token, () => app.users.resendInvitationAction({ accountId: s.accountId, invitationId: s.away ? invitationIds.away : invitationIds.home })),
  },
  {
    entry: entry('users', 'revokeInvitationAction'),
    label: 'revokeInvitationAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: openInvitations,
    call: (s, c) => act(c.token, () => app.users.revokeInvitationAction({ accountId: s.accountId, invitationId: s.away ? invitationIds.away : invitationIds.home })),
  },
  {
    entry: entry('users', 'changeMemberRoleAction'),
    label: 'changeMemberRoleAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: restoreTargets,
    call: (s, c) =>
      act(c.token, () =>
        app.users.changeMemberRoleAction({ accountId: s.accountId, userId: (s.away ? world.other.member : world.people.target).userId, role: 'billing_admin' }),
      ),
  },
  // Only the Owner moves ownership, and the Owner's own role changes only by naming another Owner.
  {
    entry: entry('users', 'changeMemberRoleAction'),
    label: 'changeMemberRoleAction · the Owner',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✗ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) =>
      act(c.token, () =>
        app.users.changeMemberRoleAction({ accountId: s.accountId, userId: (s.away ? world.other.owner : world.people.owner).userId, role: 'user_admin' }),
      ),
  },
  {
    entry: entry('users', 'removeMemberAction'),
    label: 'removeMemberAction',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✗ ✗ ✓ ✗ | ✗ ✗ | ✗ ✗ | ✗ ✗',
    writes: true,
    prepare: restoreTargets,
    call: (s, c) => {
      const whom = s.away ? world.other.member : world.people.target;
      return act(c.token, () => app.users.removeMemberAction({ accountId: s.accountId, userId: whom.userId, confirmEmail: whom.email }));
    },
  },
  {
    entry: entry('users', 'removeMemberAction'),
    label: 'removeMemberAction · the Owner',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✗ ✗ ✗ ✗ ✗ | ✗ ✗ | ✗ ✗ | – ✗',
    writes: true,
    call: (s, c) => {
      const whom = s.away ? world.other.owner : world.people.owner;
      return act(c.token, () => app.users.removeMemberAction({ accountId: s.accountId, userId: whom.userId, confirmEmail: whom.email }));
    },
  },
  // The account switcher: any member opens (and remembers) their account; others are sent to sign in or get the 404 page.
  {
    entry: entry('switchRoute', 'GET'),
    label: 'GET /accounts/[id]/switch',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✗ ✗ | – ✗',
    call: async (s, c) => {
      const { result: thrown, ctx } = await asRequest(c.token, () =>
        app.switchRoute
          .GET(new Request(`http://localhost:3000/accounts/${s.accountId}/switch`), { params: Promise.resolve({ accountId: s.accountId }) })
          .then(
            () => null,
            (error: unknown) => error,
          ),
      );
      const nav = navigationOf(thrown);
      if (nav?.kind !== 'redirect') throw new Error(`expected a redirect, got ${String(thrown)}`);
      if (nav.url.startsWith('/sign-in')) return deny('sign-in');
      const remembered = ctx.setCookies.get(app.lib.lastAccount.LAST_ACCOUNT_COOKIE)?.value;
      if (remembered === s.accountId && nav.url === `/accounts/${s.accountId}/notifications`) return allow('opened');
      // Not remembered: the redirect goes to the account's page, which must answer 404 to this person.
      const page = await asRequest(c.token, () =>
        app.lib.session.requireMember(s.accountId).then(
          () => 'member',
          (error: unknown) => navigationOf(error)?.kind ?? String(error),
        ),
      );
      return page.result === 'not_found' ? deny('404') : allow(`redirected to ${nav.url}`, `the page answered "${page.result}", not 404`);
    },
  },
  // Auth.js itself, public by design: it tells a signed-in person who they are, and nobody anything else.
  {
    entry: entry('authRoute', 'GET'),
    label: 'GET /api/auth/session',
    home: 'direct',
    expect: '✗ ✗ ✗ | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✓ ✓ | – –',
    call: async (_s, c) => {
      const headers: Record<string, string> = c.token ? { cookie: `${SESSION_COOKIE}=${c.token}` } : {};
      const { result } = await asRequest(c.token, () => app.authRoute.GET(new NextRequest('http://localhost:3000/api/auth/session', { headers })));
      const text = await result.text();
      const body = JSON.parse(text) as { user?: { email?: string } } | null;
      if (!body?.user) return deny('no session');
      const problems = [
        body.user.email !== c.person?.email ? `answered with ${body.user.email}’s session` : null,
        c.token && text.includes(c.token) ? 'exposes the HttpOnly session token to scripts' : null,
      ].filter(Boolean);
      return allow('own session', problems.join('; ') || undefined);
    },
  },
  // Signing out ends one's own session, and only that one.
  {
    entry: entry('signIn', 'signOutAction'),
    label: 'signOutAction',
    home: 'direct',
    expect: '– – – | ✓ ✓ ✓ ✓ ✓ | ✓ ✓ | ✓ ✓ | – –',
    call: async (_s, c) => {
      const token = c.token!;
      const others = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from sessions where session_token <> ${token} and expires > now()`))[0].n;
      const before = await others();
      await asRequest(token, () =>
        app.signIn.signOutAction().catch((error: unknown) => {
          if (!navigationOf(error)) throw error;
        }),
      );
      const [own] = await t.db.select().from(sessions).where(eq(sessions.sessionToken, token));
      const after = await others();
      const problem = after === before ? undefined : `ended ${before - after} other session(s)`;
      return own ? deny('session kept', undefined, problem) : allow('signed out', problem);
    },
  },
];

// ---------------------------------------------------------------------------
// Publishing API, by API key
// ---------------------------------------------------------------------------

const API_COLUMNS = [
  { key: 'noKey', label: 'no key', title: 'no Authorization header' },
  { key: 'wrongKey', label: 'wrong', title: 'a well-formed key that was never issued' },
  { key: 'revokedKey', label: 'revoked', title: 'a revoked key' },
  { key: 'session', label: 'session', title: 'no key, but the account Owner’s panel session cookie' },
  { key: 'directoryOnly', label: 'dirOnly', title: 'a valid key with the directory scope only (no publish)' },
  { key: 'validKey', label: 'valid', title: 'a valid key' },
  { key: 'foreignIds', label: 'v+fIds', title: 'a valid key, naming another account’s project or customer' },
] as const satisfies readonly Column[];
type ApiPrincipal = (typeof API_COLUMNS)[number]['key'];

type HttpRow<P extends string> = {
  entry: string;
  label: string;
  expect: string;
  prepare?: () => Promise<unknown>;
  call: (principal: P) => Promise<Outcome>;
};

async function publishAs(p: ApiPrincipal, handler: (request: Request) => Promise<Response>, path: string, body: object): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': `authz-${unique()}` };
  const keys: Record<ApiPrincipal, string | null> = {
    noKey: null,
    wrongKey: `an_${randomBytes(24).toString('base64url')}`,
    revokedKey: world.apiKeys.revoked,
    session: null,
    directoryOnly: world.apiKeys.directoryOnly,
    validKey: world.apiKeys.valid,
    foreignIds: world.apiKeys.valid,
  };
  if (keys[p]) headers.authorization = `Bearer ${keys[p]}`;
  const token = p === 'session' ? await createSession(t.db, world.people.owner.userId) : null;
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  const request = new Request(`http://localhost:3000${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return httpOutcome((await asRequest(token, () => handler(request))).result, 202);
}

// §4: a bearer API key, stored hashed, is the only way in; a panel session is not one.
const apiRows: HttpRow<ApiPrincipal>[] = [
  {
    entry: entry('notificationsApi', 'POST'),
    label: 'POST /api/v1/notifications',
    expect: '✗ ✗ ✗ ✗ ✗ | ✓ ✗',
    call: (p) =>
      publishAs(
        p,
        app.notificationsApi.POST,
        '/api/v1/notifications',
        p === 'foreignIds'
          ? { account_id: world.direct, type: 'refund', availability: 'project_users', project_id: world.other.projectId, subject: 'Refund issued' }
          : { account_id: world.direct, type: 'refund', subject: 'Refund issued' },
      ),
  },
  {
    entry: entry('eventsApi', 'POST'),
    label: 'POST /api/v1/events',
    expect: '✗ ✗ ✗ ✗ ✗ | ✓ ✗',
    call: (p) =>
      publishAs(p, app.eventsApi.POST, '/api/v1/events', {
        event: eventKey,
        reseller_id: world.reseller,
        customer_id: p === 'foreignIds' ? world.other.customerId : world.customer.accountId,
        initiator: { name: 'Carl Customer', email: 'carl@acme.test' },
        data: { quote_number: 'Q-42' },
      }),
  },
  // A broadcast may name any account: the platform's key speaks for all of them, so no id is foreign to it.
  {
    entry: entry('broadcastsApi', 'POST'),
    label: 'POST /api/v1/broadcasts',
    expect: '✗ ✗ ✗ ✗ ✗ | ✓ –',
    call: (p) =>
      publishAs(p, app.broadcastsApi.POST, '/api/v1/broadcasts', {
        account_ids: [world.direct, world.other.accountId],
        type: 'technical_work',
        availability: 'account_users',
        subject: 'Maintenance on Saturday',
      }),
  },
];

// ---------------------------------------------------------------------------
// Directory API (and the status of a notification), by API key and scope
// ---------------------------------------------------------------------------

const DIRECTORY_COLUMNS = [
  { key: 'noKey', label: 'no key', title: 'no Authorization header' },
  { key: 'wrongKey', label: 'wrong', title: 'a well-formed key that was never issued' },
  { key: 'revokedKey', label: 'revoked', title: 'a revoked key' },
  { key: 'session', label: 'session', title: 'no key, but the account Owner’s panel session cookie' },
  { key: 'publishKey', label: 'publish', title: 'a valid key with the publish scope only' },
  { key: 'directoryKey', label: 'directory', title: 'a valid key with the directory (and publish) scope' },
] as const satisfies readonly Column[];
type DirectoryPrincipal = (typeof DIRECTORY_COLUMNS)[number]['key'];

type DirectoryRow = HttpRow<DirectoryPrincipal> & { writes: boolean };

/** Calls a directory route handler as `p`; `success` is the status an allowed call answers. */
async function directoryAs(
  p: DirectoryPrincipal,
  handler: (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  request: { method: string; path: string; params: Record<string, string>; body?: unknown },
  success: number,
): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const keys: Record<DirectoryPrincipal, string | null> = {
    noKey: null,
    wrongKey: `an_${randomBytes(24).toString('base64url')}`,
    revokedKey: world.apiKeys.revoked,
    session: null,
    publishKey: world.apiKeys.valid,
    directoryKey: world.apiKeys.directory,
  };
  if (keys[p]) headers.authorization = `Bearer ${keys[p]}`;
  const token = p === 'session' ? await createSession(t.db, world.people.owner.userId) : null;
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  const req = new Request(`http://localhost:3000/api/v1${request.path}`, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  return httpOutcome((await asRequest(token, () => handler(req, { params: Promise.resolve(request.params) }))).result, success);
}

/** A fresh account (with its Owner), made through the API itself, for the calls that close or replace one. */
let freshRef = '';
async function freshAccount() {
  freshRef = `authz-${unique()}`;
  const made = await directoryAs('directoryKey', app.accountApi.PUT as never, {
    method: 'PUT',
    path: `/accounts/${freshRef}`,
    params: { ref: freshRef },
    body: { name: 'Fresh Ltd', owner: { email: `owner-${freshRef}@authz.test` } },
  }, 201);
  if (!made.allowed) throw new Error(`fixture: could not create ${freshRef}: ${made.how} ${made.detail}`);
}
let freshEmail = '';
let freshProject = '';

// §6 "Directory": the host platform's key with the directory scope, and nobody else; a publishing key may read
// the status of what it published, and no other key may.
const directoryRows: DirectoryRow[] = [
  {
    entry: entry('accountApi', 'GET'),
    label: 'GET /api/v1/accounts/{ref}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: false,
    call: (p) => directoryAs(p, app.accountApi.GET as never, { method: 'GET', path: `/accounts/${world.refs.direct}`, params: { ref: world.refs.direct } }, 200),
  },
  {
    entry: entry('accountApi', 'PUT'),
    label: 'PUT /api/v1/accounts/{ref}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: async () => (freshRef = `authz-${unique()}`),
    call: (p) =>
      directoryAs(p, app.accountApi.PUT as never, {
        method: 'PUT',
        path: `/accounts/${freshRef}`,
        params: { ref: freshRef },
        body: { name: 'New Ltd', owner: { email: `owner-${freshRef}@authz.test` } },
      }, 201),
  },
  {
    entry: entry('accountApi', 'DELETE'),
    label: 'DELETE /api/v1/accounts/{ref}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: freshAccount,
    call: (p) => directoryAs(p, app.accountApi.DELETE as never, { method: 'DELETE', path: `/accounts/${freshRef}`, params: { ref: freshRef } }, 200),
  },
  {
    entry: entry('membersApi', 'GET'),
    label: 'GET /api/v1/accounts/{ref}/members',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: false,
    call: (p) => directoryAs(p, app.membersApi.GET as never, { method: 'GET', path: `/accounts/${world.refs.direct}/members`, params: { ref: world.refs.direct } }, 200),
  },
  {
    entry: entry('memberApi', 'GET'),
    label: 'GET /api/v1/accounts/{ref}/members/{email}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: false,
    call: (p) =>
      directoryAs(p, app.memberApi.GET as never, {
        method: 'GET',
        path: `/accounts/${world.refs.direct}/members/${world.people.owner.email}`,
        params: { ref: world.refs.direct, email: world.people.owner.email },
      }, 200),
  },
  {
    entry: entry('memberApi', 'PUT'),
    label: 'PUT /api/v1/accounts/{ref}/members/{email}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: async () => (freshEmail = `new-${unique()}@authz.test`),
    call: (p) =>
      directoryAs(p, app.memberApi.PUT as never, {
        method: 'PUT',
        path: `/accounts/${world.refs.direct}/members/${freshEmail}`,
        params: { ref: world.refs.direct, email: freshEmail },
        body: { role: 'subscriber' },
      }, 201),
  },
  {
    entry: entry('memberApi', 'DELETE'),
    label: 'DELETE /api/v1/accounts/{ref}/members/{email}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: async () => {
      freshEmail = `leaving-${unique()}@authz.test`;
      await directoryAs('directoryKey', app.memberApi.PUT as never, {
        method: 'PUT',
        path: `/accounts/${world.refs.direct}/members/${freshEmail}`,
        params: { ref: world.refs.direct, email: freshEmail },
        body: { role: 'subscriber' },
      }, 201);
    },
    call: (p) =>
      directoryAs(p, app.memberApi.DELETE as never, {
        method: 'DELETE',
        path: `/accounts/${world.refs.direct}/members/${freshEmail}`,
        params: { ref: world.refs.direct, email: freshEmail },
      }, 204),
  },
  {
    entry: entry('projectApi', 'PUT'),
    label: 'PUT /api/v1/accounts/{ref}/projects/{ref}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: async () => (freshProject = `p-${unique()}`),
    call: (p) =>
      directoryAs(p, app.projectApi.PUT as never, {
        method: 'PUT',
        path: `/accounts/${world.refs.direct}/projects/${freshProject}`,
        params: { ref: world.refs.direct, projectRef: freshProject },
        body: { name: `Project ${freshProject}` },
      }, 201),
  },
  {
    entry: entry('projectApi', 'DELETE'),
    label: 'DELETE /api/v1/accounts/{ref}/projects/{ref}',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: async () => {
      freshProject = `p-${unique()}`;
      await directoryAs('directoryKey', app.projectApi.PUT as never, {
        method: 'PUT',
        path: `/accounts/${world.refs.direct}/projects/${freshProject}`,
        params: { ref: world.refs.direct, projectRef: freshProject },
        body: { name: `Project ${freshProject}` },
      }, 201);
    },
    call: (p) =>
      directoryAs(p, app.projectApi.DELETE as never, {
        method: 'DELETE',
        path: `/accounts/${world.refs.direct}/projects/${freshProject}`,
        params: { ref: world.refs.direct, projectRef: freshProject },
      }, 204),
  },
  {
    entry: entry('snapshotApi', 'PUT'),
    label: 'PUT /api/v1/accounts/{ref}/directory',
    expect: '✗ ✗ ✗ ✗ ✗ ✓',
    writes: true,
    prepare: freshAccount,
    call: (p) =>
      directoryAs(p, app.snapshotApi.PUT as never, {
        method: 'PUT',
        path: `/accounts/${freshRef}/directory`,
        params: { ref: freshRef },
        body: { members: [{ email: `owner-${freshRef}@authz.test`, role: 'owner' }, { email: `joiner-${freshRef}@authz.test`, role: 'billing_admin' }] },
      }, 200),
  },
  // The status of a notification: the key that published it (publish-only here), not any other key.
  {
    entry: entry('notificationStatus', 'GET'),
    label: 'GET /api/v1/notifications/{id}',
    expect: '✗ ✗ ✗ ✗ ✓ ✗',
    writes: false,
    call: (p) =>
      directoryAs(p, app.notificationStatus.GET as never, { method: 'GET', path: `/notifications/${world.publishedId}`, params: { id: world.publishedId } }, 200),
  },
  // A broadcast's progress, likewise: the key that made it.
  {
    entry: entry('broadcastStatus', 'GET'),
    label: 'GET /api/v1/broadcasts/{id}',
    expect: '✗ ✗ ✗ ✗ ✓ ✗',
    writes: false,
    call: (p) =>
      directoryAs(p, app.broadcastStatus.GET as never, { method: 'GET', path: `/broadcasts/${world.broadcastId}`, params: { id: world.broadcastId } }, 200),
  },
  // The API's reference is public, like any published API reference: it holds no data.
  {
    entry: entry('openApi', 'GET'),
    label: 'GET /api/v1/openapi.json (public)',
    expect: '✓ ✓ ✓ ✓ ✓ ✓',
    writes: false,
    call: (p) => directoryAs(p, app.openApi.GET as never, { method: 'GET', path: '/openapi.json', params: {} }, 200),
  },
];

// ---------------------------------------------------------------------------
// Webhooks, by signature or secret
// ---------------------------------------------------------------------------

const WEBHOOK_COLUMNS = [
  { key: 'unsigned', label: 'unsigned', title: 'no signature / secret header' },
  { key: 'wrong', label: 'wrong', title: 'a signature made with another secret / a wrong secret' },
  { key: 'stale', label: 'stale', title: 'correctly signed ten minutes ago (a replay)' },
  { key: 'session', label: 'session', title: 'unsigned, with the account Owner’s panel session cookie' },
  { key: 'valid', label: 'valid', title: 'correctly signed / the configured secret' },
] as const satisfies readonly Column[];
type WebhookPrincipal = (typeof WEBHOOK_COLUMNS)[number]['key'];

let nextUpdateId = 1;
const WEBHOOK_EMAIL_ID = 're_authz_matrix';
const WEBHOOK_CHAT = { id: 91_000_001, username: 'olga_tg', first_name: 'Olga' };

async function sessionHeaders(p: WebhookPrincipal): Promise<{ token: string | null; headers: Record<string, string> }> {
  if (p !== 'session') return { token: null, headers: {} };
  const token = await createSession(t.db, world.people.owner.userId);
  return { token, headers: { cookie: `${SESSION_COOKIE}=${token}` } };
}

let telegramStartToken = '';

// §5 "webhooks verified": the Svix signature over the raw body for Resend, the secret header for Telegram.
const webhookRows: HttpRow<WebhookPrincipal>[] = [
  {
    entry: entry('resendWebhook', 'POST'),
    label: 'POST /api/resend/webhook',
    expect: '✗ ✗ ✗ ✗ | ✓',
    prepare: async () => {
      await t.db.execute(sql`update deliveries set status = 'sent', provider_message_id = ${WEBHOOK_EMAIL_ID} where id = ${world.deliveries.webhook.id}`);
      await t.db.execute(sql`delete from suppressions where email = ${world.deliveries.webhook.address}`);
    },
    call: async (p) => {
      const body = JSON.stringify({ type: 'email.bounced', data: { email_id: WEBHOOK_EMAIL_ID, to: [world.deliveries.webhook.address] } });
      const id = `msg_${unique()}`;
      const now = Math.floor(Date.now() / 1000);
      const { token, headers } = await sessionHeaders(p);
      const otherSecret = `whsec_${Buffer.from('not the secret the endpoint uses').toString('base64')}`;
      const sign = (secret: string, at: number) => ({ 'svix-id': id, 'svix-timestamp': String(at), 'svix-signature': app.lib.resendWebhookSigner.signResendWebhook(secret, body, id, at) });
      const svix = { unsigned: {}, session: {}, wrong: sign(otherSecret, now), stale: sign(RESEND_SECRET, now - 600), valid: sign(RESEND_SECRET, now) }[p];
      const request = new Request('http://localhost:3000/api/resend/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...svix },
        body,
      });
      return httpOutcome((await asRequest(token, () => app.resendWebhook.POST(request))).result, 200);
    },
  },
  {
    entry: entry('telegramWebhook', 'POST'),
    label: 'POST /api/telegram/webhook',
    expect: '✗ ✗ – ✗ | ✓',
    prepare: async () => {
      await t.db.delete(telegramLinks);
      const owner = world.people.owner;
      telegramStartToken = (await app.lib.telegramLinks.createLinkToken(t.db, { accountId: world.direct, userId: owner.userId, botUsername: 'NimbusCloudBot' })).token;
    },
    call: async (p) => {
      const { token, headers } = await sessionHeaders(p);
      const secret = { unsigned: null, session: null, wrong: 'not-the-secret', stale: null, valid: TELEGRAM_SECRET }[p];
      if (secret) headers['x-telegram-bot-api-secret-token'] = secret;
      const update = {
        update_id: nextUpdateId++,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { ...WEBHOOK_CHAT, type: 'private' },
          from: { ...WEBHOOK_CHAT, is_bot: false },
          text: `/start ${telegramStartToken}`,
        },
      };
      const request = new Request('http://localhost:3000/api/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
      return httpOutcome((await asRequest(token, () => app.telegramWebhook.POST(request))).result, 200);
    },
  },
];

// ---------------------------------------------------------------------------
// Operations: liveness and readiness for load balancers, metrics for Prometheus
// ---------------------------------------------------------------------------

const OPS_COLUMNS = [
  { key: 'none', label: 'none', title: 'no Authorization header' },
  { key: 'wrong', label: 'wrong', title: 'Authorization: Bearer with a wrong token' },
  { key: 'apiKey', label: 'API key', title: 'Authorization: Bearer with a valid publishing API key' },
  { key: 'session', label: 'session', title: 'the account Owner’s panel session cookie, no Authorization header' },
  { key: 'token', label: 'token', title: 'Authorization: Bearer METRICS_TOKEN' },
] as const satisfies readonly Column[];
type OpsPrincipal = (typeof OPS_COLUMNS)[number]['key'];

async function opsAs(p: OpsPrincipal, handler: (request: Request) => Promise<Response>, path: string): Promise<Outcome> {
  const headers: Record<string, string> = {};
  let token: string | null = null;
  if (p === 'wrong') headers.authorization = 'Bearer not-the-metrics-token-0123456789';
  if (p === 'apiKey') headers.authorization = `Bearer ${world.apiKeys.valid}`;
  if (p === 'token') headers.authorization = `Bearer ${METRICS_TOKEN}`;
  if (p === 'session') {
    token = await createSession(t.db, world.people.owner.userId);
    headers.cookie = `${SESSION_COOKIE}=${token}`;
  }
  const request = new Request(`http://localhost:3000${path}`, { headers });
  return httpOutcome((await asRequest(token, () => handler(request))).result, 200);
}

// Load balancers and orchestrators ask without credentials, and the answers hold no data (README "Running in production").
// The metrics hold the system's volumes: only for the holder of METRICS_TOKEN, not for an API key or a person.
const opsRows: HttpRow<OpsPrincipal>[] = [
  { entry: entry('health', 'GET'), label: 'GET /api/health (public)', expect: '✓ ✓ ✓ ✓ ✓', call: (p) => opsAs(p, app.health.GET as never, '/api/health') },
  { entry: entry('ready', 'GET'), label: 'GET /api/ready (public)', expect: '✓ ✓ ✓ ✓ ✓', call: (p) => opsAs(p, app.ready.GET as never, '/api/ready') },
  { entry: entry('metrics', 'GET'), label: 'GET /metrics', expect: '✗ ✗ ✗ ✗ ✓', call: (p) => opsAs(p, app.metrics.GET, '/metrics') },
];

// ---------------------------------------------------------------------------
// Public entry points, by server configuration
// ---------------------------------------------------------------------------

const ssoEnv: Record<string, string> = {};
const ssoOnlyEnv: Record<string, string> = {};
const magicLinksOff = () => process.env.AUTH_MAGIC_LINK === 'false';

const ENV_COLUMNS = [
  { key: 'default', label: 'default', title: 'NODE_ENV=test, no DEMO_MODE / DEV_TOOLS, no bot token (a developer’s machine)', env: {} },
  { key: 'demoOff', label: 'DEMO_MODE=off', title: 'demo sign-in switched off', env: { DEMO_MODE: 'off' } },
  { key: 'devToolsOff', label: 'DEV_TOOLS=off', title: 'developer tools (/dev/*) switched off', env: { DEV_TOOLS: 'off' } },
  { key: 'production', label: 'production', title: 'NODE_ENV=production, DEMO_MODE and DEV_TOOLS unset', env: { NODE_ENV: 'production' } },
  { key: 'botToken', label: 'bot token', title: 'TELEGRAM_BOT_TOKEN set: the real bot, no simulator', env: { TELEGRAM_BOT_TOKEN: '123456:authz-matrix' } },
  { key: 'sso', label: 'SSO', title: 'AUTH_OIDC_* set: sign in with the host platform (a real OpenID provider on 127.0.0.1)', env: ssoEnv },
  { key: 'ssoOnly', label: 'SSO only', title: 'AUTH_MAGIC_LINK=false with AUTH_OIDC_*: no sign-in links', env: ssoOnlyEnv },
] as const satisfies readonly (Column & { env: Record<string, string> })[];

// The OpenID provider of the SSO columns, started once; the columns' variables are filled in when it listens.
let oidcProvider: TestOidcProvider;
beforeAll(async () => {
  oidcProvider = await startOidcProvider({ port: 0, redirectUris: ['http://localhost:3000/api/auth/callback/oidc'] });
  const oidc = { AUTH_OIDC_ISSUER: oidcProvider.issuer, AUTH_OIDC_CLIENT_ID: OIDC_TEST_CLIENT.clientId, AUTH_OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.clientSecret };
  Object.assign(ssoEnv, oidc);
  Object.assign(ssoOnlyEnv, oidc, { AUTH_MAGIC_LINK: 'false' });
});
afterAll(() => oidcProvider?.close());

async function loadPublicEntryPoints() {
  return {
    signIn: await import('@/app/(auth)/sign-in/actions'),
    simulator: await import('@/app/dev/telegram/actions'),
    authRoute: await import('@/app/api/auth/[...nextauth]/route'),
    invitation: await import('@/app/(auth)/invitations/[token]/actions'),
  };
}
type PublicEntryPoints = Awaited<ReturnType<typeof loadPublicEntryPoints>>;

type EnvRow = {
  entry: string;
  label: string;
  expect: string;
  writes: boolean;
  denials: string[];
  prepare?: () => Promise<unknown>;
  call: (mods: PublicEntryPoints) => Promise<Outcome>;
};

const CHECK_EMAIL_URL = '/sign-in/check-email?provider=resend&type=email';

/** A person someone added to an account (the customer's), fresh for each attempt. */
async function newMember() {
  const person = await createUser(t.db);
  await t.db.insert(memberships).values({ accountId: world.customer.accountId, userId: person.userId, role: 'subscriber' });
  return person;
}

/** The address the next sign-in attempt uses: fresh each time, so the per-address limit never interferes. */
let signInAddress = '';
const useKnownAddress = async () => (signInAddress = (await newMember()).email);
const useUnknownAddress = async () => (signInAddress = `nobody-added-${unique()}@authz.test`);

// Each sign-in attempt comes from its own address and client: the sign-in link limits (lib/request-limits.ts)
// are not what this matrix is about, and would otherwise refuse the later columns.
let nextClient = 1;
const freshClient = () => ({ 'x-forwarded-for': `203.0.113.${nextClient++}` });

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

const magicLinksTo = async (email: string) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from mail_messages where template = 'magic-link' and ${email} = any("to")`))[0].n;

async function demoSignIn(mods: PublicEntryPoints, person: Person): Promise<Outcome> {
  const { result, ctx } = await asRequest(null, () =>
    mods.signIn.signInAsDemoUser({}, form({ userId: person.userId })).then(
      (state) => ({ state }),
      (error: unknown) => ({ error }),
    ),
  );
  if ('state' in result) return deny('refused', result.state.error);
  if (navigationOf(result.error)?.kind !== 'redirect') throw result.error;
  const token = ctx.setCookies.get(SESSION_COOKIE)?.value;
  const [session] = token ? await t.db.select().from(sessions).where(eq(sessions.sessionToken, token)) : [];
  return session?.userId === person.userId ? allow('signed in') : deny('no session', 'redirected without a session');
}

/** The sign-in form: a link only to people someone added, and the same answer for every address (§3, lib/magic-link.ts). */
async function emailSignIn(mods: PublicEntryPoints, email: string): Promise<Outcome> {
  const before = await magicLinksTo(email);
  const { result } = await asRequest(
    null,
    () =>
      mods.signIn.signInWithEmail({}, form({ email })).then(
        (state) => ({ state }),
        (error: unknown) => ({ error }),
      ),
    { headers: freshClient() },
  );
  if ('state' in result) {
    if (magicLinksOff() && result.state.error) return deny('off', result.state.error);
    throw new Error(`the form answered ${JSON.stringify(result.state)}`);
  }
  const nav = navigationOf(result.error);
  const problem = nav?.kind === 'redirect' && nav.url === CHECK_EMAIL_URL ? undefined : `answered ${JSON.stringify(nav)}, not the page every address gets`;
  return (await magicLinksTo(email)) > before ? allow('link sent', problem) : deny('no e-mail', undefined, problem);
}

/** The same through Auth.js's own endpoint, as a script would call it (CSRF token first). */
async function authJsSignIn(mods: PublicEntryPoints, email: string): Promise<Outcome> {
  const csrf = await mods.authRoute.GET(new NextRequest('http://localhost:3000/api/auth/csrf'));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const before = await magicLinksTo(email);
  const response = await mods.authRoute.POST(
    new NextRequest('http://localhost:3000/api/auth/signin/resend', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...freshClient() },
      body: new URLSearchParams({ email, csrfToken }),
    }),
  );
  const location = response.headers.get('location') ?? '';
  // With links off there is no e-mail provider: Auth.js answers every address with its error page.
  const expected = magicLinksOff() ? /\/sign-in\/error\?error=Configuration$/ : /\/verify-request\?provider=resend&type=email$/;
  const problem = response.status === 302 && expected.test(location) ? undefined : `answered ${response.status} ${location}, not the page every address gets`;
  if ((await magicLinksTo(email)) > before) return allow('link sent', problem);
  return magicLinksOff() ? deny('off', location, problem) : deny('no e-mail', undefined, problem);
}

/** "Continue with …": off to the provider's authorization endpoint, with state, PKCE and nonce, and their cookies. */
async function ssoSignIn(mods: PublicEntryPoints): Promise<Outcome> {
  const { result, ctx } = await asRequest(null, () =>
    mods.signIn.signInWithSso({}, form({ callbackUrl: '/accounts' })).then(
      (state) => ({ state }),
      (error: unknown) => ({ error }),
    ),
  );
  if ('state' in result) return deny('off', result.state.error);
  const nav = navigationOf(result.error);
  if (nav?.kind !== 'redirect') throw result.error;
  const to = new URL(nav.url, 'http://localhost:3000');
  if (!process.env.AUTH_OIDC_ISSUER || !to.href.startsWith(`${process.env.AUTH_OIDC_ISSUER}/`)) return deny('not to the provider', nav.url, `redirected to ${nav.url}`);
  const params = Object.fromEntries(['state', 'nonce', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'client_id'].map((k) => [k, to.searchParams.get(k)]));
  const cookies = ['authjs.state', 'authjs.pkce.code_verifier', 'authjs.nonce'].filter((name) => !ctx.setCookies.get(name)?.value);
  const problem =
    params.code_challenge_method !== 'S256' || !params.state || !params.nonce || !/^https?:\/\/localhost:3000\/api\/auth\/callback\/oidc$/.test(params.redirect_uri ?? '') || cookies.length
      ? `authorization request ${JSON.stringify(params)}, cookies missing: ${cookies.join(', ') || 'none'}`
      : undefined;
  return allow('to the provider', problem);
}

/** A made-up answer from the provider (a code and state nobody issued) at the callback: no session, no link. */
async function forgedSsoCallback(mods: PublicEntryPoints): Promise<Outcome> {
  const response = await mods.authRoute.GET(new NextRequest(`http://localhost:3000/api/auth/callback/oidc?code=made-up-${unique()}&state=made-up`));
  const session = response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
  const location = response.headers.get('location') ?? '';
  if (session) return allow('signed in', location);
  return deny('refused', location, /\/sign-in(\/error)?\?error=/.test(location) ? undefined : `answered ${response.status} ${location}`);
}

/** A fresh invitation to the direct account, straight in the database; answers its link's token. */
let invitationToken = '';
async function freshInvitation(state: 'open' | 'used' | 'expired') {
  const { generateLinkToken, hashLinkToken } = await import('@/lib/telegram/tokens');
  invitationToken = generateLinkToken();
  await t.db.insert(invitations).values({
    accountId: world.direct,
    email: `invited-${unique()}@authz.test`,
    role: 'subscriber',
    tokenHash: hashLinkToken(invitationToken),
    expiresAt: new Date(Date.now() + (state === 'expired' ? -1000 : 86_400_000)),
    acceptedAt: state === 'used' ? new Date() : null,
  });
}

/** The invitation link's Accept: signed out, the link alone signs its invitee in (README "Invitations"). */
async function acceptInvitation(mods: PublicEntryPoints, token: string): Promise<Outcome> {
  const { result, ctx } = await asRequest(null, () =>
    mods.invitation.acceptInvitationAction({}, form({ token })).then(
      (state) => ({ state }),
      (error: unknown) => ({ error }),
    ),
  );
  if ('state' in result) return deny('refused', result.state.error);
  if (navigationOf(result.error)?.kind !== 'redirect') throw result.error;
  const cookie = ctx.setCookies.get(SESSION_COOKIE)?.value;
  const [session] = cookie ? await t.db.select().from(sessions).where(eq(sessions.sessionToken, cookie)) : [];
  return session ? allow('signed in') : deny('no session', 'redirected without a session');
}

let nextSimulatedChat = 700_100_001;

// Columns:   default DEMO_MODE=off DEV_TOOLS=off production bot-token SSO SSO-only
const envRows: EnvRow[] = [
  {
    entry: entry('invitation', 'acceptInvitationAction'),
    label: 'acceptInvitationAction · open link',
    expect: '✓ ✓ ✓ ✓ ✓ ✓ ✓',
    writes: true,
    denials: [],
    prepare: () => freshInvitation('open'),
    call: (mods) => acceptInvitation(mods, invitationToken),
  },
  {
    entry: entry('invitation', 'acceptInvitationAction'),
    label: 'acceptInvitationAction · used link',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: true,
    denials: ['refused'],
    prepare: () => freshInvitation('used'),
    call: (mods) => acceptInvitation(mods, invitationToken),
  },
  {
    entry: entry('invitation', 'acceptInvitationAction'),
    label: 'acceptInvitationAction · expired link',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: true,
    denials: ['refused'],
    prepare: () => freshInvitation('expired'),
    call: (mods) => acceptInvitation(mods, invitationToken),
  },
  {
    entry: entry('invitation', 'acceptInvitationAction'),
    label: 'acceptInvitationAction · made-up link',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: true,
    denials: ['refused'],
    call: (mods) => acceptInvitation(mods, 'A'.repeat(43)),
  },
  // §3 "a demo sign-in … exists only when explicitly enabled and never in a production build unless configured".
  {
    entry: entry('signIn', 'signInAsDemoUser'),
    label: 'signInAsDemoUser · demo person',
    expect: '✓ ✗ ✓ ✗ ✓ ✓ ✓',
    writes: false,
    denials: ['refused'],
    call: (mods) => demoSignIn(mods, world.demoUser),
  },
  {
    entry: entry('signIn', 'signInAsDemoUser'),
    label: 'signInAsDemoUser · real person',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: false,
    denials: ['refused'],
    call: (mods) => demoSignIn(mods, world.people.owner),
  },
  {
    entry: entry('signIn', 'signInWithEmail'),
    label: 'signInWithEmail · known address',
    expect: '✓ ✓ ✓ ✓ ✓ ✓ ✗',
    writes: true,
    denials: ['off'],
    prepare: useKnownAddress,
    call: (mods) => emailSignIn(mods, signInAddress),
  },
  {
    entry: entry('signIn', 'signInWithEmail'),
    label: 'signInWithEmail · unknown address',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: true,
    denials: ['no e-mail', 'off'],
    prepare: useUnknownAddress,
    call: (mods) => emailSignIn(mods, signInAddress),
  },
  {
    entry: entry('authRoute', 'POST'),
    label: 'POST /api/auth/signin · known',
    expect: '✓ ✓ ✓ ✓ ✓ ✓ ✗',
    writes: true,
    denials: ['off'],
    prepare: useKnownAddress,
    call: (mods) => authJsSignIn(mods, signInAddress),
  },
  {
    entry: entry('authRoute', 'POST'),
    label: 'POST /api/auth/signin · unknown',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: true,
    denials: ['no e-mail', 'off'],
    prepare: useUnknownAddress,
    call: (mods) => authJsSignIn(mods, signInAddress),
  },
  // §4 "without a Telegram token, into a local Telegram simulator page": developer tools only, and only simulated.
  {
    entry: entry('simulator', 'sendSimulatedMessageAction'),
    label: 'sendSimulatedMessageAction',
    expect: '✓ ✓ ✗ ✗ ✗ ✓ ✓',
    writes: true,
    denials: ['off'],
    call: async (mods) => {
      const message = { chatId: nextSimulatedChat++, username: 'authz_tester', firstName: 'Tess', text: '/help' };
      const { result } = await asRequest(null, () => mods.simulator.sendSimulatedMessageAction(message));
      return result.ok ? allow('sent') : deny('off', result.error);
    },
  },
  // Issue 16 "sign in with the host platform": only where it is configured; the provider's answer is checked by Auth.js.
  {
    entry: entry('signIn', 'signInWithSso'),
    label: 'signInWithSso',
    expect: '✗ ✗ ✗ ✗ ✗ ✓ ✓',
    writes: false,
    denials: ['off'],
    call: (mods) => ssoSignIn(mods),
  },
  {
    entry: entry('authRoute', 'GET'),
    label: 'GET /api/auth/callback/oidc · made-up answer',
    expect: '✗ ✗ ✗ ✗ ✗ ✗ ✗',
    writes: false,
    denials: ['refused'],
    call: (mods) => forgedSsoCallback(mods),
  },
];

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

function family(title: string, columns: readonly Column[], rows: { label: string; entry: string }[]): Family {
  const f: Family = { title, columns, rows, results: new Map() };
  families.push(f);
  return f;
}

const panel = family('Panel — server actions and page routes, by session (home: the direct account; events, contacts and “unsubscribed”: the reseller)', SESSION_COLUMNS, sessionRows);
const api = family('Publishing API — by API key', API_COLUMNS, apiRows);
const directory = family('Directory API and notification status — by API key and scope', DIRECTORY_COLUMNS, directoryRows);
const webhooks = family('Webhooks — by signature', WEBHOOK_COLUMNS, webhookRows);
const ops = family('Operations — health, readiness, metrics, by bearer token', OPS_COLUMNS, opsRows);
const publicEntries = family('Public entry points — signed out, by server configuration', ENV_COLUMNS, envRows);

describe('authorization matrix', () => {
  it('lists every server action and route handler of the app, and only those', async () => {
    const { entryPoints, inline } = await discoverEntryPoints((file) => import(/* @vite-ignore */ file));
    const found = new Set(entryPoints.map(entryId));
    const listed = new Set(families.flatMap((f) => f.rows.map((r) => r.entry)));
    expect({
      notInMatrix: [...found].filter((e) => !listed.has(e)),
      noLongerInApp: [...listed].filter((e) => !found.has(e)),
      inlineServerActions: inline,
    }).toEqual({ notInMatrix: [], noLongerInApp: [], inlineServerActions: [] });
  });

  describe('panel, by session', () => {
    for (const row of sessionRows) {
      it(row.label, async () => {
        const marks = parseMarks(row.expect, SESSION_COLUMNS.length);
        const cells: CellResult[] = [];
        for (const [i, column] of SESSION_COLUMNS.entries()) {
          const principal = column.key;
          cells.push(
            await runCell({
              expected: marks[i],
              prepare: row.prepare,
              writes: row.writes ?? false,
              denials: denialsFor(principal),
              run: async () => {
                const caller = await callerFor(principal);
                const home = row.home === 'direct' ? world.direct : world.reseller;
                const scope = { accountId: principal === 'foreignAccount' ? world.other.accountId : home, away: principal === 'foreignObject' || principal === 'foreignAccount' };
                return row.call(scope, caller);
              },
            }),
          );
        }
        panel.results.set(row.label, cells);
        expect(problemsOf(SESSION_COLUMNS, cells)).toEqual([]);
      });
    }
  });

  describe('publishing API, by key', () => {
    for (const row of apiRows) {
      it(row.label, async () => {
        const marks = parseMarks(row.expect, API_COLUMNS.length);
        const cells: CellResult[] = [];
        for (const [i, column] of API_COLUMNS.entries()) {
          cells.push(
            await runCell({ expected: marks[i], prepare: row.prepare, writes: true, denials: ['401', '403', '404'], run: () => row.call(column.key) }),
          );
        }
        api.results.set(row.label, cells);
        expect(problemsOf(API_COLUMNS, cells)).toEqual([]);
      });
    }
  });

  describe('directory API, by key and scope', () => {
    for (const row of directoryRows) {
      it(row.label, async () => {
        const marks = parseMarks(row.expect, DIRECTORY_COLUMNS.length);
        const cells: CellResult[] = [];
        for (const [i, column] of DIRECTORY_COLUMNS.entries()) {
          cells.push(
            await runCell({ expected: marks[i], prepare: row.prepare, writes: row.writes, denials: ['401', '403', '404'], run: () => row.call(column.key) }),
          );
        }
        directory.results.set(row.label, cells);
        expect(problemsOf(DIRECTORY_COLUMNS, cells)).toEqual([]);
      });
    }
  });

  describe('webhooks, by signature', () => {
    for (const row of webhookRows) {
      it(row.label, async () => {
        const marks = parseMarks(row.expect, WEBHOOK_COLUMNS.length);
        const cells: CellResult[] = [];
        for (const [i, column] of WEBHOOK_COLUMNS.entries()) {
          cells.push(
            await runCell({ expected: marks[i], prepare: row.prepare, writes: true, denials: ['401', '403'], run: () => row.call(column.key) }),
          );
        }
        webhooks.results.set(row.label, cells);
        expect(problemsOf(WEBHOOK_COLUMNS, cells)).toEqual([]);
      });
    }
  });

  describe('operations, by bearer token', () => {
    for (const row of opsRows) {
      it(row.label, async () => {
        const marks = parseMarks(row.expect, OPS_COLUMNS.length);
        const cells: CellResult[] = [];
        for (const [i, column] of OPS_COLUMNS.entries()) {
          cells.push(await runCell({ expected: marks[i], prepare: row.prepare, writes: false, denials: ['401'], run: () => row.call(column.key) }));
        }
        ops.results.set(row.label, cells);
        expect(problemsOf(OPS_COLUMNS, cells)).toEqual([]);
      });
    }
  });

  describe('public entry points, by configuration', () => {
    for (const row of envRows) publicEntries.results.set(row.label, []);
    for (const [i, column] of ENV_COLUMNS.entries()) {
      it(`with ${column.label}`, async () => {
        const saved = { ...process.env };
        Object.assign(process.env, column.env);
        // lib/env.ts parses the environment once per module instance: a fresh one reads this configuration.
        vi.resetModules();
        try {
          const mods = await loadPublicEntryPoints();
          const problems: string[] = [];
          for (const row of envRows) {
            const expected = parseMarks(row.expect, ENV_COLUMNS.length)[i];
            const cell = await runCell({ expected, prepare: row.prepare, writes: row.writes, denials: row.denials, run: () => row.call(mods) });
            publicEntries.results.get(row.label)!.push(cell);
            problems.push(...cell.problems.map((p) => `${row.label}: ${p}`));
          }
          expect(problems).toEqual([]);
        } finally {
          process.env = saved;
          vi.resetModules();
        }
      });
    }
  });
});
