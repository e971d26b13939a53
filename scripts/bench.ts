// npm run bench — measures the engine in one run on one fresh database and
// prints ratios against the targets in docs/benchmarks.md. Uses its own
// embedded PostgreSQL (or a fresh database on DATABASE_URL) and a fake Resend
// on 127.0.0.1; nothing leaves the machine.
//
//   BENCH_RECIPIENTS=100000 (fan-out size)   BENCH_EMAILS=3000 (throughput run)
import { createElement } from 'react';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from '@react-email/render';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Db } from '@/db';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { categoryTemplates } from '@/emails/notifications';
import { createApiKey } from '@/lib/delivery/api-keys';
import { fanOut } from '@/lib/delivery/fanout';
import { publishNotification } from '@/lib/delivery/publish';
import { perSecond } from '@/lib/delivery/rate-limit';
import { personalize, renderNotificationTemplate } from '@/lib/delivery/render';
import { countSubscribersByCategory, getAccountOwner, listSubscribers } from '@/db/queries/subscriptions';
import { catalog } from '@/lib/notifications/catalog';
import { startFakeResend, FAKE_RESEND_API_KEY } from '@/test/fakes/resend';
import { startWorker } from '@/worker/run';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const THROUGHPUT_EMAILS = Number(process.env.BENCH_EMAILS ?? 3_000);
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
    const [account] = await tx.execute<{ id: string }>(sql`insert into accounts (name) values (${name}) returning id`);
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
  // (same columns, defaults and indexes), with no resolution and no jobs.
  await db.execute(sql`create table bench_bare (like deliveries including all)`);
  const [{ id: fakeNotification }] = await db.execute<{ id: string }>(sql`
    insert into notifications (account_id, category, type_key, availability, subject)
    values (${accountId}, 'services', 'service_status', 'account_users', 'baseline') returning id`);
  let started = performance.now();
  await db.execute(sql`
    insert into bench_bare (notification_id, account_id, user_id, channel, address, recipient_name, chunk, status)
    select ${fakeNotification}, ${accountId}, 'u' || g, case when g % 2 = 0 then 'email' else 'in_app' end::delivery_channel,
           'p' || g || '@bench.example', 'Person ' || g, g / 100, 'queued'
    from generate_series(1, ${RECIPIENTS * rowsPerRecipient}) g`);
  const bareMs = performance.now() - started;

  started = performance.now();
  const counts = await db.transaction(async (tx) => {
    const [n] = await tx.execute<{ id: string }>(sql`
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
  report('fan-out rate / bare INSERT…SELECT rate', (fanRate / bareRate).toFixed(2), '≥ 0.70', fanRate / bareRate >= 0.7);
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

async function benchThroughput(url: string, db: Db) {
  console.log(`\nSustained e-mail throughput: ${THROUGHPUT_EMAILS.toLocaleString('en')} e-mails, fake Resend limited to 2 requests/s, two workers`);
  const resend = await startFakeResend({ rateLimit: { limit: 2, windowMs: 1000 } });
  process.env.RESEND_BASE_URL = resend.url;
  const { accountId } = await seedAccount(db, THROUGHPUT_EMAILS - 1, 'Throughput Inc');
  const { id: apiKeyId } = await createApiKey(db, { name: 'bench' });
  const workers = await Promise.all(
    [1, 2].map(() =>
      startWorker({ databaseUrl: url, from: 'Bench <bench@cloud.example>', resendApiKey: FAKE_RESEND_API_KEY, emailRate: perSecond(2), concurrency: 4 }),
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
    // n requests at the limit take (n-1)/2 s between the first and the last.
    const rate = ((batches.length - 1) * 100) / span;
    console.log(`    ${batches.length} batch requests over ${span.toFixed(1)} s → ${rate.toFixed(1)} e-mails/s; ${overLimit} answered 429`);
    report('e-mail throughput / 200 e-mails/s ceiling', `${((rate / 200) * 100).toFixed(1)} %`, '≥ 95 %', rate / 200 >= 0.95);
    report('requests over the provider limit', String(overLimit), '0', overLimit === 0);

    console.log('\nPublish API and first-send latency (small account, idle workers)');
    resend.reset();
    resend.setRateLimit(null);
    await sleep(1500);
    const small = await seedAccount(db, 5, 'Small Co');
    const latencies: number[] = [];
    const firstSend: number[] = [];
    for (let i = 0; i < 60; i++) {
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
      if (i % 6 === 0) {
        await resend.waitForRequests(before + 1, 10_000);
        firstSend.push(resend.requests[before].receivedAt.getTime() - startedAt);
        await sleep(600); // let the limiter window clear so the next probe starts idle
      }
    }
    console.log(`    publish: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))} (${latencies.length} calls, in process)`);
    console.log(`    publish → first provider request: p50 ${ms(percentile(firstSend, 50))}, max ${ms(Math.max(...firstSend))}`);
    report('publish latency p95', ms(percentile(latencies, 95)), '< 100 ms', percentile(latencies, 95) < 100);
    report('publish → first provider request p50', ms(percentile(firstSend, 50)), '< 500 ms', percentile(firstSend, 50) < 500);
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

async function main() {
  const external = process.env.DATABASE_URL;
  let url: string;
  let cleanup: () => Promise<void>;
  if (external) {
    const name = `an_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(external, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(external);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
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
  const { sql: client, db } = createDb(url, { max: 10 });
  try {
    await benchPage(db);
    await benchFanOut(db);
    await benchRender();
    await benchThroughput(url, db);
  } finally {
    await client.end();
    await cleanup();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} of ${results.length} targets met.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
