// npm run bench — measures the engine in one run on one fresh database and
// prints ratios against the targets in docs/benchmarks.md. Uses its own
// embedded PostgreSQL (or a fresh database on DATABASE_URL) and a fake Resend
// on 127.0.0.1; nothing leaves the machine.
//
//   BENCH_RECIPIENTS=100000 (fan-out size)   BENCH_EMAILS=3000 (throughput run)
//   BENCH_WORKERS=2, BENCH_PROVIDER_RPS=2 (throughput run)
//   BENCH_MEMBERS=10000 (directory snapshot)  BENCH_ONLY=page,users,fanout,broadcast,retention,render,throughput,directory
//   BENCH_BROADCAST_RECIPIENTS=1000000, BENCH_BROADCAST_ACCOUNTS=10000 (broadcast)
import { createElement } from 'react';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from '@react-email/render';
import { sql } from 'drizzle-orm';
import { createDb, type Db, queryRows } from '@/db';
import { textArray } from '@/db/sql-array';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { categoryTemplates } from '@/emails/notifications';
import { createApiKey } from '@/lib/delivery/api-keys';
import { fanOut } from '@/lib/delivery/fanout';
import { publishNotification } from '@/lib/delivery/publish';
import { perSecond } from '@/lib/delivery/rate-limit';
import { personalize, renderNotificationTemplate } from '@/lib/delivery/render';
import { countSubscribersByCategory, getAccountOwner, listSubscribers } from '@/db/queries/subscriptions';
import { listProjectRolesOfMembers } from '@/db/queries/project-roles';
import { listAccountMembers, listLiveProjects, listOpenInvitations } from '@/db/queries/users';
import { catalog } from '@/lib/notifications/catalog';
import { startFakeResend, FAKE_RESEND_API_KEY } from '@/test/fakes/resend';
import { startWorker } from '@/worker/run';
import { withClient } from '@/db/client';
import { benchRetention } from './lib/bench-retention';
import { benchBroadcast } from './lib/bench-broadcast';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const THROUGHPUT_EMAILS = Number(process.env.BENCH_EMAILS ?? 3_000);
const SNAPSHOT_MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
/** The throughput run: worker processes (in this one) and the fake provider's limit (Resend's default is 2). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PROVIDER_RPS = Number(process.env.BENCH_PROVIDER_RPS ?? 2);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const runs = (name: string) => !ONLY || ONLY.has(name);
const results: Array<{ name: string; value: string; target: string; ok: boolean }> = [];
const report = (name: string, value: string, target: string, ok: boolean) => {
  results.push({ name, value, target, ok });
  console.log(`  ${ok ? '✓' : '✗'} ${name}: ${value} (target ${target})`);
};
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (n: number) => `${n.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** An account with `members` account admins, all subscribed to every category but Services only where `subscribeAll`. */
async function seedAccount(db: Db, members: number, name: string): Promise<{ accountId: string; ownerId: string }> {
  return db.transaction(async (tx) => {
    const [account] = await queryRows<{ id: string }>(tx, sql`insert into accounts (name) values (${name}) returning id`);
    const tag = randomBytes(4).toString('hex');
    await tx.execute(sql`
      insert into users (id, name, email)
      select ${tag} || '-' || g, 'Person ' || g, 'p' || g || '-' || ${tag} || '@bench.example' from generate_series(0, ${members}) g`);
    await tx.execute(sql`
      insert into memberships (account_id, user_id, role)
      select ${account.id}, ${tag} || '-' || g, case when g = 0 then 'owner' else 'account_admin' end::member_role
      from generate_series(0, ${members}) g`);
    await tx.execute(sql`
      insert into subscriptions (account_id, user_id, category)
      select ${account.id}, ${tag} || '-' || g, 'services' from generate_series(1, ${members}) g`);
    return { accountId: account.id, ownerId: `${tag}-0` };
  });
}

async function benchFanOut(db: Db) {
  console.log(`\nFan-out of one notification to ${RECIPIENTS.toLocaleString('en')} recipients`);
  const { accountId } = await seedAccount(db, RECIPIENTS - 1, 'Fan-out Inc');
  await db.execute(sql`vacuum analyze`);
  const rowsPerRecipient = 2; // e-mail + in-app (Services is not a Telegram category)

  // Baseline: the database's own INSERT … SELECT of the same number of rows into an identical table
  // (same columns, defaults and indexes), with no resolution and no jobs. LIKE makes it a plain table,
  // so the ratio also carries what the monthly partitioning of deliveries costs the fan-out.
  await db.execute(sql`create table bench_bare (like deliveries including all)`);
  const [{ id: fakeNotification }] = await queryRows<{ id: string }>(db, sql`
    insert into notifications (account_id, category, type_key, availability, subject)
    values (${accountId}, 'services', 'service_status', 'account_users', 'baseline') returning id`);
  let started = performance.now();
  await db.execute(sql`
    insert into bench_bare (notification_id, created_at, account_id, user_id, channel, address, recipient_name, chunk, status)
    select ${fakeNotification}, now(), ${accountId}, 'u' || g, case when g % 2 = 0 then 'email' else 'in_app' end::delivery_channel,
           'p' || g || '@bench.example', 'Person ' || g, g / 100, 'queued'
    from generate_series(1, ${RECIPIENTS * rowsPerRecipient}) g`);
  const bareMs = performance.now() - started;

  started = performance.now();
  const counts = await db.transaction(async (tx) => {
    const [n] = await queryRows<{ id: string }>(tx, sql`
      insert into notifications (account_id, category, type_key, availability, subject)
      values (${accountId}, 'services', 'service_status', 'account_users', 'bench') returning id`);
    return fanOut(tx, { id: n.id, accountId, category: 'services', availability: 'account_users', projectId: null });
  });
  const fanOutMs = performance.now() - started;
  const rows = counts.email + counts.in_app + counts.telegram + counts.suppressed;
  const bareRate = (RECIPIENTS * rowsPerRecipient) / (bareMs / 1000);
  const fanRate = rows / (fanOutMs / 1000);
  console.log(`    bare INSERT…SELECT: ${Math.round(bareRate).toLocaleString('en')} rows/s (${ms(bareMs)})`);
  console.log(`    fan-out (resolve + ${rows.toLocaleString('en')} rows + ${Math.ceil(counts.email / 100)} jobs): ${Math.round(fanRate).toLocaleString('en')} rows/s (${ms(fanOutMs)})`);
  report('fan-out rate (partitioned) / bare INSERT…SELECT rate', (fanRate / bareRate).toFixed(2), '≥ 0.70', fanRate / bareRate >= 0.7);
  await db.execute(sql`drop table bench_bare`);
  await db.execute(sql`delete from graphile_worker._private_jobs`);
}

async function benchRender() {
  console.log('\nRendering 10,000 e-mails');
  const base = {
    category: 'balance_payments' as const,
    typeKey: 'debt',
    subject: 'Your balance is negative',
    content: { summary: 'Top up by Friday.', data: { balance: '-42 EUR', due: '1 Dec' } },
    accountName: 'Bench Ltd',
    manageUrl: 'http://localhost:3000/accounts/x/notifications',
  };
  const props = (i: number) => ({
    accountName: base.accountName,
    categoryTitle: 'Balance and payments',
    typeTitle: 'Debt',
    subject: base.subject,
    summary: base.content.summary,
    data: base.content.data,
    manageUrl: base.manageUrl,
    recipientName: `Person ${i}`,
    reason: 'You receive this e-mail because you are subscribed to Balance and payments in Bench Ltd.',
  });
  const Template = categoryTemplates.balance_payments;
  for (let i = 0; i < 50; i++) await render(createElement(Template, props(i))); // warm-up
  const reactSample = 1_000;
  let started = performance.now();
  for (let i = 0; i < reactSample; i++) {
    const element = createElement(Template, props(i));
    await Promise.all([render(element), render(element, { plainText: true })]);
  }
  const reactPerEmail = (performance.now() - started) / reactSample;

  started = performance.now();
  const template = await renderNotificationTemplate(base);
  let bytes = 0;
  for (let i = 0; i < 10_000; i++) bytes += personalize(template, { recipientName: `Person ${i}`, reason: 'You receive this e-mail because…' }).html.length;
  const onceTotal = performance.now() - started;
  console.log(`    one React render (HTML + text) per recipient: ${ms(reactPerEmail)} each → ${ms(reactPerEmail * 10_000)} for 10,000 (measured over ${reactSample})`);
  console.log(`    render once + substitute: ${ms(onceTotal)} for 10,000 (${(bytes / 1e6).toFixed(0)} MB of HTML)`);
  const speedup = (reactPerEmail * 10_000) / onceTotal;
  report('render-once speed-up over per-recipient React render', `${speedup.toFixed(0)}×`, '≥ 50×', speedup >= 50);
}

const FIRST_SEND_PROBES = 50;

/** Waits until no job is queued or running and the named limiter has a free slot in its window (polled, not slept). */
async function untilIdle(db: Db, limiter: string, limit: number) {
  for (;;) {
    const [row] = await queryRows<{ jobs: number; recent: number }>(
      db,
      sql`select (select count(*) from graphile_worker.jobs)::int as jobs,
                 (select count(*) from rate_limits r, unnest(r.recent) t
                   where r.name = ${limiter} and t > clock_timestamp() - interval '1 second')::int as recent`,
    );
    if (row.jobs === 0 && row.recent < limit) return;
    await sleep(20);
  }
}

async function benchThroughput(url: string, db: Db) {
  console.log(
    `\nSustained e-mail throughput: ${THROUGHPUT_EMAILS.toLocaleString('en')} e-mails, fake Resend limited to ${PROVIDER_RPS} requests/s, ${WORKERS} worker(s)`,
  );
  const resend = await startFakeResend({ rateLimit: { limit: PROVIDER_RPS, windowMs: 1000 } });
  process.env.RESEND_BASE_URL = resend.url;
  const { accountId } = await seedAccount(db, THROUGHPUT_EMAILS - 1, 'Throughput Inc');
  const { id: apiKeyId } = await createApiKey(db, { name: 'bench' });
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startWorker({ databaseUrl: url, from: 'Bench <bench@cloud.example>', resendApiKey: FAKE_RESEND_API_KEY, emailRate: perSecond(PROVIDER_RPS), concurrency: 4 }),
    ),
  );
  try {
    await publishNotification(db, {
      apiKeyId,
      idempotencyKey: null,
      body: { account_id: accountId, type: 'service_status', availability: 'account_users', subject: 'Throughput' },
    });
    await resend.waitForEmails(THROUGHPUT_EMAILS, 10 * 60_000);
    const batches = resend.requests.filter((r) => r.path === '/emails/batch' && r.outcome === 'accepted');
    const overLimit = resend.requests.filter((r) => r.status === 429).length;
    const span = (batches.at(-1)!.receivedAt.getTime() - batches[0].receivedAt.getTime()) / 1000;
    // n requests at the limit take (n-1)/PROVIDER_RPS s between the first and the last.
    const rate = ((batches.length - 1) * 100) / span;
    console.log(`    ${batches.length} batch requests over ${span.toFixed(1)} s → ${rate.toFixed(1)} e-mails/s; ${overLimit} answered 429`);
    const ceiling = PROVIDER_RPS * 100;
    report(`e-mail throughput / ${ceiling} e-mails/s ceiling`, `${((rate / ceiling) * 100).toFixed(1)} %`, '≥ 95 %', rate / ceiling >= 0.95);
    report('requests over the provider limit', String(overLimit), '0', overLimit === 0);

    console.log('\nPublish API and first-send latency (small account, idle workers, 50 probes)');
    resend.reset();
    resend.setRateLimit(null);
    const small = await seedAccount(db, 5, 'Small Co');
    const latencies: number[] = [];
    const firstSend: number[] = [];
    for (let i = 0; i < FIRST_SEND_PROBES; i++) {
      // Each probe starts idle: nothing queued or running, and the shared limiter with a free slot.
      await untilIdle(db, 'email:resend', perSecond(PROVIDER_RPS).limit);
      const before = resend.requests.length;
      const startedAt = Date.now();
      const started = performance.now();
      const result = await publishNotification(db, {
        apiKeyId,
        idempotencyKey: `lat-${i}`,
        body: { account_id: small.accountId, type: 'service_status', availability: 'account_users', subject: `Latency ${i}` },
      });
      latencies.push(performance.now() - started);
      if (result.status !== 202) throw new Error(`publish failed: ${JSON.stringify(result.body)}`);
      await resend.waitForRequests(before + 1, 10_000);
      firstSend.push(resend.requests[before].receivedAt.getTime() - startedAt);
    }
    console.log(`    publish: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))} (${latencies.length} calls, in process)`);
    console.log(
      `    publish → first provider request: p50 ${ms(percentile(firstSend, 50))}, p95 ${ms(percentile(firstSend, 95))}, max ${ms(Math.max(...firstSend))}`,
    );
    report('publish latency p95', ms(percentile(latencies, 95)), '< 100 ms', percentile(latencies, 95) < 100);
    report('publish → first provider request p95', ms(percentile(firstSend, 95)), '≤ 50 ms', percentile(firstSend, 95) <= 50);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await resend.close();
  }
}

async function benchPage(db: Db) {
  console.log('\nAccount Notifications page data, account of 2,000 members, 5 categories');
  const { accountId } = await seedAccount(db, 2_000, 'Page Ltd');
  await db.execute(sql`
    insert into subscriptions (account_id, user_id, category)
    select m.account_id, m.user_id, c::notification_category from memberships m
    cross join unnest(array['account_agreement','accounting_documents','balance_payments','scheduled_maintenance']) c
    where m.account_id = ${accountId} and m.role <> 'owner'`);
  await db.execute(sql`analyze`);
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const c of catalog) {
      const started = performance.now();
      await Promise.all([
        getAccountOwner(db, { accountId }),
        countSubscribersByCategory(db, { accountId }),
        listSubscribers(db, { accountId, category: c.key, page: 1 + (round % 40), pageSize: 50, search: round % 4 === 3 ? 'person 1' : undefined }),
      ]);
      times.push(performance.now() - started);
    }
  }
  console.log(`    ${times.length} tab loads: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  report('page data p95 (2,000 members)', ms(percentile(times, 95)), '< 100 ms', percentile(times, 95) < 100);
}

/** Access control → Users: its page data (members page, their project roles, open invitations, projects) in an account of 10,000. */
async function benchUsers(db: Db) {
  const n = 10_000;
  console.log(`\nUsers page data, account of ${n.toLocaleString('en')} members (offset pages, searches)`);
  const { accountId } = await seedAccount(db, n, 'Users Ltd');
  await db.execute(sql`
    insert into user_sign_ins (user_id, last_sign_in_at)
    select user_id, now() - (random() * interval '90 days') from memberships where account_id = ${accountId} and random() < 0.7`);
  await db.execute(sql`
    insert into invitations (account_id, email, role, token_hash, expires_at)
    select ${accountId}, 'invitee' || g || '@bench.example', 'billing_admin', md5(random()::text), now() + interval '7 days' from generate_series(1, 50) g`);
  await db.execute(sql`analyze`);
  const times: number[] = [];
  for (let round = 0; round < 100; round++) {
    const started = performance.now();
    const search = round % 4 === 3 ? `person ${round}` : undefined;
    const page = search ? 1 : 1 + ((round * 37) % Math.ceil(n / 50));
    const [{ rows }] = await Promise.all([
      listAccountMembers(db, { accountId, search, page, pageSize: 50 }),
      listOpenInvitations(db, { accountId, limit: 200 }),
      listLiveProjects(db, { accountId }),
    ]);
    await listProjectRolesOfMembers(db, { accountId, userIds: rows.map((r) => r.userId) });
    times.push(performance.now() - started);
  }
  console.log(`    ${times.length} page loads: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  report('Users page data p95 (10,000 members)', ms(percentile(times, 95)), '< 100 ms', percentile(times, 95) < 100);
}

/**
 * A directory snapshot of SNAPSHOT_MEMBERS members into an account that has as many: a tenth
 * changed (role or project roles), a tenth removed, a tenth added. Through the route handler, so
 * the JSON parse, the validation and the rules (subscriptions, queued deliveries, audit) count.
 * Baseline: a bare INSERT … ON CONFLICT DO UPDATE of the same rows into a table keyed by e-mail.
 */
async function benchDirectory(url: string, db: Db) {
  const n = SNAPSHOT_MEMBERS;
  const tenth = Math.round(n / 10);
  console.log(`\nDirectory snapshot of ${n.toLocaleString('en')} members into an account of ${n.toLocaleString('en')} (${tenth.toLocaleString('en')} changed, removed, added)`);
  process.env.DATABASE_URL = url;
  process.env.API_RATE_LIMIT = '1000000';
  const key = (await createApiKey(db, { name: 'Bench directory', scopes: ['directory'] })).secret;
  const { PUT: putAccount } = await import('@/app/api/v1/accounts/[ref]/route');
  const { PUT: putSnapshot } = await import('@/app/api/v1/accounts/[ref]/directory/route');
  const params = { params: Promise.resolve({ ref: 'bench-directory' }) };
  const request = (body: unknown) =>
    new Request('http://localhost/api/v1/accounts/bench-directory/directory', {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const roles = ['account_admin', 'billing_admin', 'user_admin', 'subscriber'] as const;
  const projects = [
    { ref: 'web', name: 'Web shop' },
    { ref: 'data', name: 'Data platform' },
  ];
  type Row = { email: string; name: string; role: string; projects: { ref: string; role: string }[] };
  const member = (i: number, changed = false): Row => ({
    email: `m${i}@directory.bench`,
    name: `Member ${i}`,
    role: i === 0 ? 'owner' : roles[(i + (changed ? 1 : 0)) % roles.length],
    projects: i % 5 === 0 && i > 0 ? [{ ref: projects[(i + (changed ? 1 : 0)) % 2].ref, role: 'project_admin' }] : [],
  });
  const before = Array.from({ length: n }, (_, i) => member(i));
  const after = [
    ...Array.from({ length: n - tenth }, (_, i) => member(i, i >= 1 && i <= tenth)),
    ...Array.from({ length: tenth }, (_, i) => member(n + i)),
  ];

  expect((await putAccount(request({ name: 'Directory Bench', owner: { email: before[0].email } }), params)).status, 201);
  let started = performance.now();
  expect((await putSnapshot(request({ projects, members: before }), params)).status, 200);
  console.log(`    first snapshot (${n.toLocaleString('en')} added): ${ms(performance.now() - started)}`);

  // Baseline: the same rows upserted into a bare table keyed by e-mail, from parameter arrays.
  await db.execute(sql`create table bench_upsert (email text primary key, name text not null, role member_role not null, projects jsonb not null)`);
  const upsert = (rows: Row[]) => sql`
    insert into bench_upsert (email, name, role, projects)
    select * from unnest(${textArray(rows.map((r) => r.email))}::text[], ${textArray(rows.map((r) => r.name))}::text[],
                         ${textArray(rows.map((r) => r.role))}::member_role[], ${textArray(rows.map((r) => JSON.stringify(r.projects)))}::jsonb[])
    on conflict (email) do update set name = excluded.name, role = excluded.role, projects = excluded.projects`;
  await db.execute(upsert(before));

  // Five rounds, from `before` to `after` and back: each changes, removes and adds a tenth.
  // The body is serialized before the clock starts (that is the platform's work, not ours).
  const snapshotTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    const target = round % 2 === 0 ? after : before;
    // Everyone but the Owner and the Subscribers is subscribed to two categories, as in a real account.
    await db.execute(sql`
      insert into subscriptions (account_id, user_id, category)
      select m.account_id, m.user_id, c::notification_category from memberships m
      join accounts a on a.id = m.account_id and a.ref = 'bench-directory'
      cross join unnest(array['balance_payments', 'services']) c
      where m.role not in ('owner', 'subscriber')
      on conflict do nothing`);
    await db.execute(sql`vacuum analyze`);
    const body = request({ projects, members: target });
    started = performance.now();
    const response = await putSnapshot(body, params);
    snapshotTimes.push(performance.now() - started);
    const result = await response.json();
    expect(response.status, 200, JSON.stringify(result));
    if (result.added !== tenth || result.removed !== tenth || result.changed !== tenth) throw new Error(`the snapshot did not do what was asked: ${JSON.stringify(result)}`);
    const statement = upsert(target);
    started = performance.now();
    await db.execute(statement);
    bareTimes.push(performance.now() - started);
  }
  const snapshotMs = percentile(snapshotTimes, 50);
  const bareMs = percentile(bareTimes, 50);
  console.log(`    snapshot (${tenth.toLocaleString('en')} added, changed and removed, ${(n - 2 * tenth).toLocaleString('en')} unchanged): median ${ms(snapshotMs)} of ${snapshotTimes.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(`    bare INSERT … ON CONFLICT DO UPDATE of the same ${after.length.toLocaleString('en')} rows: median ${ms(bareMs)} of ${bareTimes.map((t) => t.toFixed(0)).join(', ')}`);
  report('directory snapshot speed / bare upsert speed', (bareMs / snapshotMs).toFixed(2), '≥ 0.50', bareMs / snapshotMs >= 0.5);
  await db.execute(sql`drop table bench_upsert`);
}

function expect(actual: number, wanted: number, detail = '') {
  if (actual !== wanted) throw new Error(`expected ${wanted}, got ${actual} ${detail}`);
}

async function main() {
  const external = process.env.DATABASE_URL;
  let url: string;
  let cleanup: () => Promise<void>;
  if (external) {
    const name = `an_bench_${randomBytes(4).toString('hex')}`;
    await withClient(external, (admin) => admin.query(`create database ${name}`));
    const u = new URL(external);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      await withClient(external, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'an-bench-'));
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), persistent: false });
    url = pg.url;
    cleanup = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  console.log(`Account Notifications benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 10 });
  try {
    if (runs('page')) await benchPage(db);
    if (runs('users')) await benchUsers(db);
    if (runs('fanout')) await benchFanOut(db);
    if (runs('broadcast')) await benchBroadcast(db, report);
    if (runs('retention')) await benchRetention(db, report, (await seedAccount(db, 0, 'Retention Bench')).accountId);
    if (runs('render')) await benchRender();
    if (runs('throughput')) await benchThroughput(url, db);
    if (runs('directory')) await benchDirectory(url, db);
  } finally {
    await close();
    await cleanup();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} of ${results.length} targets met.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
