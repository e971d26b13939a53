// Property-based fuzzing of every server action, called as Next.js calls them
// (test/harness/next-request.ts) by a signed-in Owner of a reseller account,
// who may do everything, so the inputs reach the domain code and not only the
// authorization check. For any input, an action answers `{ ok: true }` or
// `{ ok: false, error }` with a message a person can read; it never throws,
// and when it refuses, the database is exactly as it was.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountContacts, deliveries, invitations, sessions, subscriptions, suppressions, telegramLinks } from '@/db/schema';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth-constants';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishNotification } from '@/lib/delivery/publish';
import { eventKeys } from '@/lib/events/catalog';
import { CONTACT_ROLES } from '@/lib/events/recipient-spec';
import { locales } from '@/lib/i18n/locales';
import { categoryKeys } from '@/lib/notifications/catalog';
import { createAccount, createUser, setupTestDatabase, type CreatedAccount, type CreatedMember } from '@/test/db';
import { OIDC_TEST_CLIENT, startOidcProvider } from '@/test/fakes/oidc-provider';
import { asRequest, navigationOf, nextCacheMock, nextHeadersMock } from '@/test/harness/next-request';
import {
  anyActionInput,
  assertPrototypeClean,
  everyTextField,
  hostileString,
  hostileValue,
  messageProblems,
  mutated,
  rawText,
  replacedAt,
  runs,
  simpleEmail,
  snapshot,
  UNSTORABLE_STRINGS,
} from './support';

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => nextCacheMock);

const t = setupTestDatabase();

// Everything an action may write (`sessions` only for the sign-in actions, below).
const WRITTEN_TABLES = [
  'users',
  'accounts',
  'memberships',
  'subscriptions',
  'audit_log',
  'event_settings',
  'account_contacts',
  'notifications',
  'deliveries',
  'suppressions',
  'telegram_links',
  'telegram_link_tokens',
  'telegram_updates',
  'telegram_sim_messages',
  'mail_messages',
  'mailbox_messages',
  'invitations',
  'verification_tokens',
  'graphile_worker._private_jobs',
] as const;

// Each run is a real request (session lookup, the action, table checksums): about 10 ms, so
// these counts keep both fuzz files under a minute on two busy cores. FUZZ_SCALE raises them.
const RUNS = { any: runs(30), mutated: runs(50), valid: runs(8), signIn: runs(80) };

type Fixtures = {
  reseller: CreatedAccount;
  customer: CreatedAccount;
  foreign: CreatedAccount;
  actor: CreatedMember;
  session: string;
  failedDeliveryIds: number[];
  inAppDeliveryIds: number[];
  foreignDeliveryIds: number[];
  demoUserId: string;
};
let f: Fixtures;

beforeAll(async () => {
  // The app's db handle and env are read on first use: point them at this file's database first.
  process.env.DATABASE_URL = t.url;
  delete process.env.TELEGRAM_BOT_TOKEN;

  const reseller = await createAccount(t.db, {
    name: 'Skyline Reseller',
    isReseller: true,
    members: [
      { role: 'owner', name: 'Olivia Owner' },
      { role: 'account_admin' },
      { role: 'user_admin' },
      { role: 'billing_admin', projects: [{ project: 'Web', role: 'project_admin' }] },
      { role: 'subscriber' },
      { role: 'project_member', projects: [{ project: 'Web', role: 'project_supervisor' }] },
    ],
  });
  const customer = await createAccount(t.db, { name: 'Acme Corp', resellerId: reseller.accountId, members: [{ role: 'account_admin' }] });
  const foreign = await createAccount(t.db, { name: 'Foreign Ltd', isReseller: true, members: [{ role: 'user_admin' }] });
  const actor = reseller.owner;
  const member = (role: string) => reseller.members.find((m) => m.role === role)!;

  await t.db.insert(subscriptions).values([
    { accountId: reseller.accountId, userId: member('billing_admin').userId, category: 'balance_payments' },
    { accountId: reseller.accountId, userId: member('subscriber').userId, category: 'services' },
  ]);
  await t.db.insert(accountContacts).values([
    { accountId: reseller.accountId, kind: 'primary', name: 'Rita Reseller', email: 'rita@skyline.test' },
    { accountId: customer.accountId, kind: 'primary', name: 'Carl Customer', email: 'carl@acme.test' },
  ]);
  const { id: apiKeyId } = await createApiKey(t.db, { name: 'fuzz' });
  for (const account of [reseller, foreign]) {
    for (let i = 0; i < 3; i++) {
      await publishNotification(t.db, { apiKeyId, idempotencyKey: null, body: { account_id: account.accountId, type: 'refund', subject: `Refund ${i}` } });
    }
  }
  const rows = await t.db.select({ id: deliveries.id, accountId: deliveries.accountId, channel: deliveries.channel }).from(deliveries);
  const ofReseller = rows.filter((r) => r.accountId === reseller.accountId);
  const failedDeliveryIds = ofReseller.filter((r) => r.channel === 'email').map((r) => r.id);
  for (const id of failedDeliveryIds) {
    await t.db.execute(sql`update deliveries set status = 'failed', last_error = 'provider said no' where id = ${id}`);
  }
  await t.db.insert(suppressions).values([
    { email: member('billing_admin').email, reason: 'bounced', detail: 'mailbox full' },
    { email: member('subscriber').email, reason: 'complained' },
  ]);
  await t.db.insert(telegramLinks).values({ userId: actor.userId, chatId: 700_000_123, username: 'olivia_tg', firstName: 'Olivia' });
  const demo = await createUser(t.db, { name: 'Demo Dana', email: 'dana@demo.example' });

  f = {
    reseller,
    customer,
    foreign,
    actor,
    session: await longSession(actor.userId),
    failedDeliveryIds,
    inAppDeliveryIds: ofReseller.filter((r) => r.channel === 'in_app').map((r) => r.id),
    foreignDeliveryIds: rows.filter((r) => r.accountId === foreign.accountId).map((r) => r.id),
    demoUserId: demo.userId,
  };
});

/**
 * A session as fresh as a new sign-in: the harness's shorter one would be
 * extended (written) by Auth.js on every read, which only costs time here.
 */
async function longSession(userId: string) {
  const sessionToken = randomBytes(32).toString('hex');
  await t.db.insert(sessions).values({ sessionToken, userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) });
  return sessionToken;
}

/** Ids of other tenants and of nothing, for any id-shaped field. */
const foreignIds = () =>
  fc.constantFrom<unknown>(
    f.foreign.accountId,
    f.customer.accountId,
    f.foreign.owner.userId,
    f.foreign.members[0].userId,
    f.customer.members[0].userId,
    ...f.foreignDeliveryIds,
    crypto.randomUUID(),
    f.reseller.accountId.toUpperCase(),
    ` ${f.reseller.accountId}`,
  );

const problem = (text: string, value: unknown) => {
  let shown: string;
  try {
    shown = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(value);
  } catch {
    shown = String(value);
  }
  return new Error(`${text}\ninput: ${shown}`);
};

const lastSnapshot: { value: Record<string, string> | null } = { value: null };
// Fixtures and other tests write between properties: start each test from a fresh snapshot.
beforeEach(() => {
  lastSnapshot.value = null;
});

/**
 * Runs `call(input)` as one request and checks the contract: it answers (never
 * throws), with ok:true or ok:false and a readable message, and an ok:false
 * answer wrote nothing.
 */
async function checkAction(call: (input: unknown) => Promise<unknown>, input: unknown, opts: { session?: string | null } = {}): Promise<void> {
  // A refusal proved the database unchanged, so its snapshot still holds: most runs are refusals.
  const before = lastSnapshot.value ?? (await snapshot(t.db, WRITTEN_TABLES));
  lastSnapshot.value = null;
  let result: unknown;
  try {
    ({ result } = await asRequest(opts.session === undefined ? f.session : opts.session, () => call(input)));
  } catch (error) {
    throw problem(`the action threw: ${(error as Error)?.stack ?? String(error)}`, input);
  }
  assertPrototypeClean();
  const r = result as { ok?: unknown; error?: unknown };
  if (r?.ok === true) return;
  if (r?.ok !== false) throw problem(`neither ok:true nor ok:false: ${JSON.stringify(result)}`, input);
  const problems = messageProblems(r.error, input);
  if (problems.length) throw problem(`unclear message ${JSON.stringify(r.error)}: ${problems.join(', ')}`, input);
  const after = await snapshot(t.db, WRITTEN_TABLES);
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  if (changed.length) throw problem(`refused with ${JSON.stringify(r.error)} but changed ${changed.join(', ')}`, input);
  lastSnapshot.value = after;
}

// ---------------------------------------------------------------------------
// Valid inputs, one arbitrary per action (built lazily: they need the fixtures)
// ---------------------------------------------------------------------------

const category = () => fc.constantFrom(...categoryKeys);
const eventKey = () => fc.constantFrom(...eventKeys);
const resellerMember = () => fc.constantFrom(...f.reseller.members.filter((m) => m.role !== 'owner'));
const recipientSpec = () =>
  fc.oneof(
    fc.constantFrom(...CONTACT_ROLES).map((role) => ({ type: 'contact' as const, role })),
    fc.constantFrom({ type: 'initiator' as const }, { type: 'invited_user' as const }, { type: 'affected_user' as const }),
    simpleEmail.map((email) => ({ type: 'address' as const, email })),
  );
const recipientList = () =>
  fc.record({
    to: fc.uniqueArray(recipientSpec(), { minLength: 1, maxLength: 3, selector: (s) => JSON.stringify(s) }),
    cc: fc.uniqueArray(recipientSpec(), { maxLength: 3, selector: (s) => JSON.stringify(s) }),
  });
const contact = () =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ name: '', email: '' }) },
    { weight: 3, arbitrary: fc.record({ name: fc.constantFrom('Carl Customer', 'Zoë Ñandú', 'Bill Ing'), email: simpleEmail }) },
  );

type ActionCase = {
  name: string;
  module: () => Promise<Record<string, unknown>>;
  valid: () => fc.Arbitrary<Record<string, unknown>>;
};

const notificationsModule = () => import('@/app/(panel)/accounts/[accountId]/notifications/actions');
const telegramModule = () => import('@/app/(panel)/accounts/[accountId]/telegram-actions');
const eventsModule = () => import('@/app/(panel)/accounts/[accountId]/settings/notifications/events/actions');
const deliveryLogModule = () => import('@/app/(panel)/accounts/[accountId]/delivery-log/actions');
const inboxModule = () => import('@/app/(panel)/accounts/[accountId]/inbox-actions');
const contactsModule = () => import('@/app/(panel)/accounts/[accountId]/settings/contacts/actions');
const profileModule = () => import('@/app/(panel)/accounts/[accountId]/profile/actions');
const usersModule = () => import('@/app/(panel)/accounts/[accountId]/users/actions');
const languageModule = () => import('@/app/(panel)/accounts/[accountId]/language-actions');

const accountOnly = () => fc.constant({ accountId: f.reseller.accountId });

const userActions: ActionCase[] = [
  {
    name: 'searchCandidatesAction',
    module: notificationsModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), category: category(), search: fc.option(fc.string(), { nil: undefined }) }),
  },
  {
    name: 'addRecipientsAction',
    module: notificationsModule,
    valid: () =>
      fc.record({
        accountId: fc.constant(f.reseller.accountId),
        category: category(),
        userIds: fc.subarray(f.reseller.members.map((m) => m.userId), { minLength: 1 }),
      }),
  },
  {
    name: 'removeRecipientAction',
    module: notificationsModule,
    valid: () =>
      fc.tuple(category(), resellerMember()).map(([c, m]) => ({ accountId: f.reseller.accountId, category: c, userId: m.userId, confirmEmail: m.email })),
  },
  { name: 'connectTelegramAction', module: telegramModule, valid: accountOnly },
  { name: 'telegramStatusAction', module: telegramModule, valid: accountOnly },
  { name: 'sendTelegramTestAction', module: telegramModule, valid: accountOnly },
  { name: 'disconnectTelegramAction', module: telegramModule, valid: accountOnly },
  {
    name: 'toggleEventAction',
    module: eventsModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), eventKey: eventKey(), enabled: fc.boolean() }),
  },
  {
    name: 'saveEventRecipientsAction',
    module: eventsModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), eventKey: eventKey(), recipients: recipientList() }),
  },
  {
    name: 'previewEventAction',
    module: eventsModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), eventKey: eventKey(), recipients: recipientList() }),
  },
  {
    name: 'sendEventTestAction',
    module: eventsModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), eventKey: eventKey(), recipients: recipientList() }),
  },
  {
    name: 'retryDeliveryAction',
    module: deliveryLogModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), deliveryId: fc.constantFrom(...f.failedDeliveryIds) }),
  },
  {
    name: 'removeSuppressionAction',
    module: deliveryLogModule,
    valid: () =>
      fc.record({
        accountId: fc.constant(f.reseller.accountId),
        email: fc.constantFrom(...f.reseller.members.filter((m) => m.role === 'billing_admin' || m.role === 'subscriber').map((m) => m.email)),
      }),
  },
  { name: 'loadInboxAction', module: inboxModule, valid: accountOnly },
  { name: 'unreadCountAction', module: inboxModule, valid: accountOnly },
  {
    name: 'markReadAction',
    module: inboxModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), deliveryId: fc.option(fc.constantFrom(...f.inAppDeliveryIds), { nil: undefined }) }),
  },
  {
    name: 'updateContactsAction',
    module: contactsModule,
    valid: () =>
      fc.record(
        {
          accountId: fc.constant(f.reseller.accountId),
          customerId: fc.constant(f.customer.accountId),
          contacts: fc.record({ primary: contact(), billing: contact(), account_manager: contact() }),
        },
        { requiredKeys: ['accountId', 'contacts'] },
      ),
  },
];

userActions.push({
  name: 'updateProfileNameAction',
  module: profileModule,
  valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), name: fc.constantFrom('Olivia Owner', 'Zoë Ñandú-Øster', '  Olivia   Owner ', 'O') }),
});

userActions.push({ name: 'setLanguageAction', module: languageModule, valid: () => fc.record({ locale: fc.constantFrom(...locales) }) });

// Access control → Users, last: its valid inputs change roles and remove members of the fixture account.
const invitationIds: string[] = [];
beforeAll(async () => {
  const rows = await t.db
    .insert(invitations)
    .values([1, 2, 3].map((i) => ({ accountId: f.reseller.accountId, email: `fuzz-invitee-${i}@example.test`, role: 'billing_admin' as const, tokenHash: `fuzz-${i}-${randomBytes(8).toString('hex')}`, expiresAt: new Date(Date.now() + 86_400_000) })))
    .returning({ id: invitations.id });
  invitationIds.push(...rows.map((r) => r.id));
});
const memberRoles = ['owner', 'account_admin', 'billing_admin', 'user_admin', 'subscriber', 'project_member'] as const;
userActions.push(
  {
    name: 'inviteUsersAction',
    module: usersModule,
    valid: () =>
      fc.record({
        accountId: fc.constant(f.reseller.accountId),
        emails: fc.uniqueArray(simpleEmail, { minLength: 1, maxLength: 3 }),
        role: fc.constantFrom(...memberRoles),
        projectRoles: fc.constant([]),
      }),
  },
  {
    name: 'resendInvitationAction',
    module: usersModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), invitationId: fc.constantFrom(...invitationIds) }),
  },
  {
    name: 'revokeInvitationAction',
    module: usersModule,
    valid: () => fc.record({ accountId: fc.constant(f.reseller.accountId), invitationId: fc.constantFrom(...invitationIds) }),
  },
  {
    name: 'changeMemberRoleAction',
    module: usersModule,
    valid: () => fc.tuple(resellerMember(), fc.constantFrom(...memberRoles)).map(([m, role]) => ({ accountId: f.reseller.accountId, userId: m.userId, role })),
  },
  {
    name: 'removeMemberAction',
    module: usersModule,
    valid: () => resellerMember().map((m) => ({ accountId: f.reseller.accountId, userId: m.userId, confirmEmail: m.email })),
  },
);

describe.each(userActions)('$name', ({ name, module, valid }) => {
  const action = async () => (await module())[name] as (input: unknown) => Promise<unknown>;

  it('answers any value with ok:true or a readable ok:false, writing nothing when it refuses', async () => {
    const call = await action();
    await fc.assert(fc.asyncProperty(anyActionInput, (input) => checkAction(call, input)), { numRuns: RUNS.any });
  });

  it('answers a valid input with one field made hostile the same way', async () => {
    const call = await action();
    const hostile = hostileValue([foreignIds()]);
    await fc.assert(fc.asyncProperty(mutated(valid(), hostile), (input) => checkAction(call, input)), { numRuns: RUNS.mutated });
  });

  it('refuses, in every text field, what PostgreSQL cannot store', async () => {
    const call = await action();
    for (const [input, path] of everyTextField(valid())) {
      for (const text of UNSTORABLE_STRINGS) await checkAction(call, replacedAt(input, path, text));
    }
  });

  it('accepts valid inputs without throwing', async () => {
    const call = await action();
    await fc.assert(fc.asyncProperty(valid(), (input) => checkAction(call, input)), { numRuns: RUNS.valid });
  });
});

// ---------------------------------------------------------------------------
// The Telegram simulator (no sign-in, like Telegram itself)
// ---------------------------------------------------------------------------

describe('sendSimulatedMessageAction', () => {
  const validMessage = () =>
    fc.record({
      chatId: fc.integer({ min: 1, max: 9_999_999_999_999 }),
      username: fc.constantFrom('', '@tess_tester', 'NimbusFan99'),
      firstName: fc.constantFrom('Tess', 'Zoë'),
      text: fc.oneof(fc.constantFrom('/start', '/stop', '/help', 'hello', '/start not-a-token'), fc.string({ minLength: 1 })),
    });
  const call = async () => (await import('@/app/dev/telegram/actions')).sendSimulatedMessageAction as (input: unknown) => Promise<unknown>;

  it('answers any value, writing nothing when it refuses', async () => {
    const send = await call();
    await fc.assert(fc.asyncProperty(anyActionInput, (input) => checkAction(send, input, { session: null })), { numRuns: RUNS.any });
  });

  it('refuses, in every text field, what PostgreSQL cannot store', async () => {
    const send = await call();
    for (const [input, path] of everyTextField(validMessage())) {
      for (const text of UNSTORABLE_STRINGS) await checkAction(send, replacedAt(input, path, text), { session: null });
    }
  });

  it('answers valid messages and valid messages with one field made hostile', async () => {
    const send = await call();
    const input = fc.oneof(validMessage(), mutated(validMessage(), hostileValue([rawText(200)])));
    await fc.assert(fc.asyncProperty(input, (i) => checkAction(send, i, { session: null })), { numRuns: RUNS.mutated });
  });
});

// ---------------------------------------------------------------------------
// Sign-in: form posts; the answer is a state for the form or a redirect.
// ---------------------------------------------------------------------------

describe('sign-in actions', () => {
  const SIGN_IN_TABLES = [...WRITTEN_TABLES, 'sessions'] as const;
  const formValue = () =>
    fc.oneof(
      { weight: 4, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constant(new Blob(['not text'])) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  const form = (entries: Record<string, unknown>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(entries)) {
      if (value instanceof Blob) data.append(key, value, 'upload.txt');
      else if (value !== undefined) data.append(key, String(value));
    }
    return data;
  };

  let redirects = 0;

  /** A form state or a same-site redirect; a refusal (a state) leaves the database as it was. */
  async function checkSignIn(call: (prev: object, data: FormData) => Promise<unknown>, entries: Record<string, unknown>) {
    const before = await snapshot(t.db, SIGN_IN_TABLES);
    let state: { error?: unknown; fieldErrors?: { email?: unknown } };
    try {
      ({ result: state } = await asRequest(null, () => call({}, form(entries)) as Promise<typeof state>));
    } catch (error) {
      const navigation = navigationOf(error);
      if (navigation?.kind === 'redirect' && navigation.url.startsWith('/') && !navigation.url.startsWith('//')) {
        redirects++;
        return;
      }
      throw problem(`the action threw: ${(error as Error)?.stack ?? String(error)}`, entries);
    }
    assertPrototypeClean();
    const message = state.fieldErrors?.email ?? state.error;
    const problems = messageProblems(message, entries);
    if (problems.length) throw problem(`unclear message ${JSON.stringify(message)}: ${problems.join(', ')}`, entries);
    const after = await snapshot(t.db, SIGN_IN_TABLES);
    if (JSON.stringify(after) !== JSON.stringify(before)) throw problem(`refused with ${JSON.stringify(message)} but wrote to the database`, entries);
  }

  it('signInWithEmail answers any form with a field error or a redirect', async () => {
    redirects = 0;
    const { signInWithEmail } = await import('@/app/(auth)/sign-in/actions');
    const email = fc.oneof(formValue(), simpleEmail, fc.constant(f.actor.email.toUpperCase()));
    await fc.assert(
      fc.asyncProperty(fc.record({ email, callbackUrl: formValue() }), (entries) => checkSignIn(signInWithEmail, entries)),
      { numRuns: RUNS.signIn },
    );
    expect(redirects, 'some valid addresses got through to Auth.js').toBeGreaterThan(0);
  });

  it('signInAsDemoUser answers any form with an error or a redirect', async () => {
    redirects = 0;
    const { signInAsDemoUser } = await import('@/app/(auth)/sign-in/actions');
    const userId = fc.oneof(formValue(), fc.constant(f.demoUserId), fc.constant(f.actor.userId));
    await fc.assert(
      fc.asyncProperty(fc.record({ userId, callbackUrl: formValue() }), (entries) => checkSignIn(signInAsDemoUser, entries)),
      { numRuns: RUNS.signIn },
    );
    expect(redirects, 'the demo user got signed in').toBeGreaterThan(0);
  });

  it('acceptInvitationAction answers any form with an error or a redirect', async () => {
    redirects = 0;
    const { acceptInvitationAction } = await import('@/app/(auth)/invitations/[token]/actions');
    const { generateLinkToken, hashLinkToken } = await import('@/lib/telegram/tokens');
    const valid: string[] = [];
    for (let i = 0; i < 3; i++) {
      const token = generateLinkToken();
      await t.db.insert(invitations).values({ accountId: f.customer.accountId, email: `fuzz-accept-${i}@example.test`, role: 'subscriber', tokenHash: hashLinkToken(token), expiresAt: new Date(Date.now() + 86_400_000) });
      valid.push(token);
    }
    const token = fc.oneof(formValue(), fc.constantFrom(...valid), fc.constant('A'.repeat(43)));
    await fc.assert(fc.asyncProperty(fc.record({ token }), (entries) => checkSignIn(acceptInvitationAction, entries)), { numRuns: RUNS.signIn });
    expect(redirects, 'an invitee got signed in').toBeGreaterThan(0);
  });

  it('signInWithSso answers any form with an error, or a redirect to the provider that comes back only to this site', async () => {
    // Not configured (this suite's environment): a readable refusal, nothing written.
    const unconfigured = (await import('@/app/(auth)/sign-in/actions')).signInWithSso;
    await fc.assert(fc.asyncProperty(fc.record({ callbackUrl: formValue() }), (entries) => checkSignIn(unconfigured, entries)), { numRuns: RUNS.valid });

    const provider = await startOidcProvider({ port: 0, redirectUris: ['http://localhost:3000/api/auth/callback/oidc'] });
    const saved = { ...process.env };
    Object.assign(process.env, { AUTH_OIDC_ISSUER: provider.issuer, AUTH_OIDC_CLIENT_ID: OIDC_TEST_CLIENT.clientId, AUTH_OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.clientSecret });
    // lib/env.ts parses the environment once per module instance: a fresh one reads this configuration.
    vi.resetModules();
    try {
      const { signInWithSso } = await import('@/app/(auth)/sign-in/actions');
      const callbackUrl = fc.oneof(formValue(), fc.constantFrom('/accounts', '//evil.example/', 'https://evil.example/', '/\\evil.example'));
      await fc.assert(
        fc.asyncProperty(fc.record({ callbackUrl }), async (entries) => {
          const before = await snapshot(t.db, SIGN_IN_TABLES);
          const { result, ctx } = await asRequest(null, () => signInWithSso({}, form(entries)).then((state) => ({ state }), (error: unknown) => ({ error })));
          if ('state' in result) throw problem(`refused a configured sign-in: ${JSON.stringify(result.state)}`, entries);
          const navigation = navigationOf(result.error);
          if (navigation?.kind !== 'redirect' || !navigation.url.startsWith(`${provider.issuer}/auth?`)) {
            throw problem(`did not go to the provider: ${navigation ? JSON.stringify(navigation) : String(result.error)}`, entries);
          }
          // Where Auth.js sends the person after the provider: kept in its callback-url cookie, this site only.
          const back = ctx.setCookies.get('authjs.callback-url')?.value ?? '';
          if (new URL(back, 'http://unparsable.invalid').host !== 'localhost:3000') throw problem(`would come back to ${back}`, entries);
          if (JSON.stringify(await snapshot(t.db, SIGN_IN_TABLES)) !== JSON.stringify(before)) throw problem('wrote to the database', entries);
        }),
        { numRuns: RUNS.valid * 2 },
      );
    } finally {
      process.env = saved;
      vi.resetModules();
      await provider.close();
    }
  });

  it('signOutAction ignores whatever it is called with, ends the session and goes to /sign-in', async () => {
    const { signOutAction } = await import('@/app/(auth)/sign-in/actions');
    const callAnyhow = signOutAction as (...args: unknown[]) => Promise<void>;
    await fc.assert(
      fc.asyncProperty(fc.array(anyActionInput, { maxLength: 2 }), async (args) => {
        const session = await longSession(f.actor.userId);
        const error = await asRequest(session, () => callAnyhow(...args)).then(() => null, (e: unknown) => e);
        const navigation = navigationOf(error);
        expect(navigation?.kind === 'redirect' && new URL(navigation.url, 'http://localhost').pathname).toBe('/sign-in');
        expect(await t.db.select().from(sessions).where(eq(sessions.sessionToken, session))).toEqual([]);
      }),
      { numRuns: RUNS.valid },
    );
  });
});

// ---------------------------------------------------------------------------
// What the fuzzing found (each failed with a PostgreSQL error, a 500, before its fix)
// ---------------------------------------------------------------------------

describe('updateProfileNameAction, case by case', () => {
  const call = async (input: unknown) => ((await profileModule()).updateProfileNameAction as (input: unknown) => Promise<unknown>)(input);
  const ownName = async () => (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, f.actor.userId) }))!.name;

  it('refuses names that would break a header, a sentence or the database, and writes nothing', async () => {
    const refused = [
      'Olivia\u0000Owner',
      'Olivia \ud800',
      'x\udfffy',
      'Olivia\r\nBcc: victim@example.com',
      'Olivia\nOwner',
      'Olivia\tOwner',
      'Olivia\u0007',
      'Olivia\u0085',
      'Olivia\u2028Owner',
      'Olivia\u2029Owner',
      '',
      '   ',
      'x'.repeat(121),
      'x'.repeat(100_000),
    ];
    for (const name of refused) {
      const before = await snapshot(t.db, WRITTEN_TABLES);
      const { result } = await asRequest(f.session, () => call({ accountId: f.reseller.accountId, name }));
      expect(result, JSON.stringify(name)).toMatchObject({ ok: false });
      expect(messageProblems((result as { error: unknown }).error, { name })).toEqual([]);
      expect(await snapshot(t.db, WRITTEN_TABLES)).toEqual(before);
    }
  });

  it('refuses an account that is not an account of the actor, or not an id, and writes nothing', async () => {
    for (const accountId of [f.foreign.accountId, f.customer.accountId, 'not-a-uuid', '00000000-0000-4000-8000-000000000000', '', null, 42]) {
      const before = await snapshot(t.db, WRITTEN_TABLES);
      const { result } = await asRequest(f.session, () => call({ accountId, name: 'Mallory Renamed' }));
      expect(result, JSON.stringify(accountId)).toMatchObject({ ok: false });
      expect(await snapshot(t.db, WRITTEN_TABLES)).toEqual(before);
    }
  });

  it('saves a name trimmed, with its runs of spaces collapsed', async () => {
    const { result } = await asRequest(f.session, () => call({ accountId: f.reseller.accountId, name: '   Olivia    Q.   Owner  ' }));
    expect(result).toMatchObject({ ok: true });
    expect(await ownName()).toBe('Olivia Q. Owner');
    await asRequest(f.session, () => call({ accountId: f.reseller.accountId, name: 'Olivia Owner' }));
    expect(await ownName()).toBe('Olivia Owner');
  });
});

describe('setLanguageAction, case by case', () => {
  const call = async (input: unknown) => ((await languageModule()).setLanguageAction as (input: unknown) => Promise<unknown>)(input);
  const ownLocale = async () => (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, f.actor.userId) }))!.locale;

  it('refuses a language we do not speak, naming the ones we do, and writes nothing', async () => {
    for (const locale of ['nl', 'RU', 'ru-RU', ' en', '', 'en\u0000', '\ud800', 'x'.repeat(100_000), null, 42, ['ru'], { ru: true }]) {
      const before = await snapshot(t.db, WRITTEN_TABLES);
      const { result } = await asRequest(f.session, () => call({ locale }));
      expect(result, JSON.stringify(locale)?.slice(0, 40)).toMatchObject({ ok: false, code: 'invalid' });
      if (typeof locale === 'string' && locale.length < 100) expect((result as { error: string }).error).toMatch(/English, Русский/);
      expect(await snapshot(t.db, WRITTEN_TABLES)).toEqual(before);
    }
  });

  it('sets the caller’s own language, and a person signed out gets no language changed', async () => {
    const { result } = await asRequest(f.session, () => call({ locale: 'ru' }));
    expect(result).toMatchObject({ ok: true, data: { locale: 'ru' } });
    expect(await ownLocale()).toBe('ru');
    const before = await snapshot(t.db, WRITTEN_TABLES);
    const { result: anonymous } = await asRequest(null, () => call({ locale: 'en' }));
    expect(anonymous).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await snapshot(t.db, WRITTEN_TABLES)).toEqual(before);
    await asRequest(f.session, () => call({ locale: 'en' }));
    expect(await ownLocale()).toBe('en');
  });
});

describe('regressions', () => {
  const refused = async (call: () => Promise<unknown>, session: string | null = f.session) => {
    const before = await snapshot(t.db, WRITTEN_TABLES);
    const { result } = await asRequest(session, call);
    expect(await snapshot(t.db, WRITTEN_TABLES)).toEqual(before);
    return result;
  };

  it('a NUL in a user id or the search of the Add recipients dialog is refused, not a database error', async () => {
    const { addRecipientsAction, removeRecipientAction, searchCandidatesAction } = await notificationsModule();
    const accountId = f.reseller.accountId;
    const member = f.reseller.members[1];
    expect(await refused(() => removeRecipientAction({ accountId, category: 'services', userId: '\u0000', confirmEmail: member.email }))).toMatchObject({
      ok: false,
      error: 'Unknown user.',
    });
    expect(await refused(() => addRecipientsAction({ accountId, category: 'services', userIds: [member.userId, '\u0000'] }))).toMatchObject({ ok: false });
    expect(await refused(() => searchCandidatesAction({ accountId, category: 'services', search: '% \u0000 %' }))).toMatchObject({
      ok: false,
      error: 'The search contains an invalid character.',
    });
  });

  it('a half surrogate pair in a contact name is refused, not a database error in the audit entry', async () => {
    const { updateContactsAction } = await contactsModule();
    const empty = { name: '', email: '' };
    const contacts = { primary: { name: 'Zo\udc00', email: 'zoe@acme.test' }, billing: empty, account_manager: empty };
    expect(await refused(() => updateContactsAction({ accountId: f.reseller.accountId, contacts }))).toMatchObject({
      ok: false,
      error: 'This name contains an invalid character. Type it again.',
    });
  });

  it('a NUL in a simulated Telegram message or name is refused', async () => {
    const { sendSimulatedMessageAction } = await import('@/app/dev/telegram/actions');
    const message = { chatId: 9_999_999_999_980, username: '', firstName: 'Tess', text: 'a\u0000b' };
    expect(await refused(() => sendSimulatedMessageAction(message), null)).toMatchObject({ ok: false, error: 'The message contains an invalid character.' });
    expect(await refused(() => sendSimulatedMessageAction({ ...message, text: 'hi', firstName: '\u0000' }), null)).toMatchObject({
      ok: false,
      error: 'The first name contains an invalid character.',
    });
  });

  it('a NUL as demo user id is "choose a demo user", not a database error', async () => {
    const { signInAsDemoUser } = await import('@/app/(auth)/sign-in/actions');
    const data = new FormData();
    data.append('userId', '\u0000');
    data.append('callbackUrl', '');
    expect(await refused(() => signInAsDemoUser({}, data), null)).toEqual({ error: 'Choose one of the demo users.' });
  });
});

it('keeps the actor able to act (the fixtures were not what refused)', async () => {
  const { telegramStatusAction } = await telegramModule();
  const { result } = await asRequest(f.session, () => telegramStatusAction({ accountId: f.reseller.accountId }));
  expect(result.ok).toBe(true);
});
