// The transactional mail pipeline end to end: queueMail in the caller's
// transaction → graphile-worker job → deliverMail → the real Resend SDK
// against a fake Resend API on 127.0.0.1 (or the local mailbox without a key).
import { makeWorkerUtils, runOnce, type WorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { quietLogger } from '@/db/migrate';
import { mailboxMessages, mailMessages } from '@/db/schema';
import { defaultEmailRate } from '@/lib/delivery/email';
import { retryPolicy, type RetryPolicy } from '@/lib/delivery/retry-policy';
import { deliverMail } from '@/lib/mail/deliver';
import { queueMail } from '@/lib/mail/queue';
import { mailboxTransport, resendTransport } from '@/lib/mail/transport';
import { startWorker } from '@/worker/run';
import { createTaskList } from '@/worker/tasks';
import { setupTestDatabase } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fakes/resend';
import { queryRows } from '@/db';

const FROM = 'Nimbus Cloud <notifications@cloud.example>';
const MAGIC_LINK = 'http://localhost:3000/api/auth/callback/resend?callbackUrl=%2F&token=4f9c2e7a1b&email=olivia%40example.com';

const t = setupTestDatabase();
let resend: FakeResend;
let workerUtils: WorkerUtils;
let previousBaseUrl: string | undefined;

beforeAll(async () => {
  resend = await startFakeResend();
  // The SDK reads this when a client is constructed (in createTaskList / resendTransport).
  previousBaseUrl = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = resend.url;
  workerUtils = await makeWorkerUtils({ connectionString: t.url, logger: quietLogger });
});

afterAll(async () => {
  await workerUtils?.release();
  await resend?.close();
  if (previousBaseUrl === undefined) delete process.env.RESEND_BASE_URL;
  else process.env.RESEND_BASE_URL = previousBaseUrl;
});

beforeEach(async () => {
  resend.reset();
  await t.db.delete(mailMessages);
  await t.db.delete(mailboxMessages);
  const leftover = await pendingJobs();
  if (leftover.length) await workerUtils.completeJobs(leftover.map((j) => j.id));
});

// ---- helpers -------------------------------------------------------------------

function queueMagicLink(to = 'olivia@example.com') {
  return t.db.transaction((tx) => queueMail(tx, { to: [to], template: 'magic-link', props: { url: MAGIC_LINK, host: 'localhost:3000' } }));
}

type JobRow = { id: string; attempts: number; last_error: string | null };
async function pendingJobs(): Promise<JobRow[]> {
  const result = await queryRows(t.db, 
    sql`select id::text as id, attempts, last_error from graphile_worker.jobs where task_identifier = 'send_email' order by id`,
  );
  return result as unknown as JobRow[];
}

/**
 * The policy with back-offs of up to an hour: a retry is then (all but surely) not due within the
 * same pass, so a test sees each try; makeRetriesDue brings it forward.
 */
const hourRetry: RetryPolicy = { ...retryPolicy(), backoff: { baseMs: 3_600_000, capMs: 3_600_000 } };

/**
 * One pass of a real graphile-worker over the jobs that are due now, until the queue has recorded
 * every outcome: graphile-worker completes or fails a job without awaiting it, so runOnce can
 * resolve while the job it ran is still locked.
 */
async function workOnce(options: { resend: boolean; retry?: RetryPolicy }) {
  await runOnce(
    { connectionString: t.url, logger: quietLogger, noHandleSignals: true },
    createTaskList({ db: t.db, from: FROM, resendApiKey: options.resend ? resend.apiKey : undefined, retry: options.retry ?? hourRetry }),
  );
  await eventually(async () => (await lockedJobs()) === 0, 'the queue to record the pass’s outcomes');
}

async function lockedJobs(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'send_email' and locked_at is not null`,
  );
  return row.n;
}

/** Skips the back-off: the re-queued jobs become due now. */
async function makeRetriesDue() {
  const jobs = await pendingJobs();
  await workerUtils.rescheduleJobs(
    jobs.map((j) => j.id),
    { runAt: new Date() },
  );
}

const message = async (id: string) => (await t.db.query.mailMessages.findFirst({ where: eq(mailMessages.id, id) }))!;
const mailbox = () => t.db.select().from(mailboxMessages);
const unescapeHtml = (html: string) => html.replaceAll('&amp;', '&');

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// ---- tests -------------------------------------------------------------------------

describe('through Resend', () => {
  test('a committed message is delivered exactly once by the running worker', async () => {
    const worker = await startWorker({ databaseUrl: t.url, from: FROM, resendApiKey: resend.apiKey, concurrency: 2 });
    let id: string;
    try {
      id = await queueMagicLink('olivia@example.com');
      await resend.waitForEmails(1);
      await eventually(async () => (await message(id)).status === 'sent', 'the message to be marked sent');
      // And its job completed: a worker stopped between the two leaves the job locked until the sweep frees it.
      await eventually(async () => (await pendingJobs()).length === 0, 'the job to be completed');
    } finally {
      await worker.stop();
    }

    expect(resend.emails).toHaveLength(1);
    expect(resend.requests).toHaveLength(1);
    const [email] = resend.emails;
    expect(email.to).toEqual(['olivia@example.com']);
    expect(email.from).toBe(FROM);
    expect(email.subject).toBe('Sign in to Nimbus Cloud');
    expect(unescapeHtml(email.html ?? '')).toContain(`href="${MAGIC_LINK}"`);
    expect(email.text).toContain(MAGIC_LINK);
    expect(email.idempotencyKey).toBe(id);

    const row = await message(id);
    expect(row).toMatchObject({ status: 'sent', transport: 'resend', providerMessageId: email.id, attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    // The link was sent; the outbox does not keep it.
    expect(JSON.stringify(row.props)).not.toContain(MAGIC_LINK);
    expect(await pendingJobs()).toEqual([]);
  });

  test('a rolled-back transaction sends nothing', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await queueMail(tx, { to: ['olivia@example.com'], template: 'magic-link', props: { url: MAGIC_LINK, host: 'localhost:3000' } });
        throw new Error('the surrounding change failed');
      }),
    ).rejects.toThrow('the surrounding change failed');

    expect(await t.db.select().from(mailMessages)).toEqual([]);
    expect(await pendingJobs()).toEqual([]);
    await workOnce({ resend: true });
    await workOnce({ resend: false });
    expect(resend.requests).toEqual([]);
    expect(await mailbox()).toEqual([]);
  });

  test('a 500 is retried with the same Idempotency-Key and ends in one accepted send', async () => {
    resend.failNext(1, { status: 500 });
    const id = await queueMagicLink();

    await workOnce({ resend: true });
    expect(resend.emails).toHaveLength(0);
    let row = await message(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/unexpected error/i);
    // The job re-queued the message with the policy's back-off, as a chunk does: the failed try
    // is the message's (attempts above), not the job's, whose ceiling only counts crashes.
    const [job] = await pendingJobs();
    expect(job.attempts).toBe(0);

    await makeRetriesDue();
    await workOnce({ resend: true });

    const sends = resend.requestsTo('POST /emails');
    expect(sends.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [500, id],
      [200, id],
    ]);
    expect(resend.emails).toHaveLength(1);
    row = await message(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null, providerMessageId: resend.emails[0].id });
    expect(await pendingJobs()).toEqual([]);
  });

  test('faults end in failed after the policy’s tries, without the sign-in link, and a 429 is not a try', async () => {
    const retry: RetryPolicy = { ...retryPolicy(), maxAttempts: 2 };
    resend.rateLimitNext(1, { retryAfterSeconds: 1 });
    resend.failNext(2, { status: 503 });
    const id = await queueMagicLink();

    await workOnce({ resend: true, retry });
    expect(await message(id)).toMatchObject({ status: 'queued', attempts: 0 });
    // Each pass runs what is due (a back-off can be short enough to come due within one pass).
    for (let pass = 0; (await message(id)).status === 'queued' && pass < 5; pass++) {
      await makeRetriesDue();
      await workOnce({ resend: true, retry });
    }
    const row = await message(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(JSON.stringify(row.props)).not.toContain(MAGIC_LINK);
    expect(row.lastError).not.toContain('4f9c2e7a1b');
    expect(await pendingJobs()).toEqual([]);
    expect(resend.requestsTo('POST /emails').map((r) => r.status)).toEqual([429, 503, 503]);
    expect(resend.emails).toHaveLength(0);
  });

  test('a 429 is retried and sends once', async () => {
    resend.rateLimitNext(1, { retryAfterSeconds: 1 });
    const id = await queueMagicLink();

    await workOnce({ resend: true });
    expect((await message(id)).status).toBe('queued');
    expect((await message(id)).lastError).toMatch(/too many requests/i);

    await makeRetriesDue();
    await workOnce({ resend: true });
    expect(resend.requestsTo('POST /emails').map((r) => r.status)).toEqual([429, 200]);
    expect(resend.emails).toHaveLength(1);
    expect((await message(id)).status).toBe('sent');
  });

  test('an answer lost after Resend accepted the e-mail does not send it twice', async () => {
    resend.dropResponseNext(1);
    const id = await queueMagicLink();

    await workOnce({ resend: true });
    expect(resend.emails).toHaveLength(1); // Resend has sent it …
    expect((await message(id)).status).toBe('queued'); // … but the worker could not know

    await makeRetriesDue();
    await workOnce({ resend: true });
    const sends = resend.requestsTo('POST /emails');
    expect(sends.map((r) => r.outcome)).toEqual(['accepted', 'replayed']);
    expect(resend.emails).toHaveLength(1);
    expect(await message(id)).toMatchObject({ status: 'sent', providerMessageId: resend.emails[0].id });
  });

  test('a 422 marks the message failed with the reason and is not retried', async () => {
    const id = await queueMagicLink('not-an-address');

    await workOnce({ resend: true });
    const row = await message(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('Invalid `to` field');
    expect(await pendingJobs()).toEqual([]);

    await workOnce({ resend: true });
    expect(resend.requests).toHaveLength(1);
    expect(resend.emails).toHaveLength(0);
  });

  test('processing the same message twice sends it once', async () => {
    const id = await queueMagicLink();
    const transport = resendTransport(resend.apiKey);
    const deliver = () => deliverMail(t.db, id, { from: FROM, transport, rate: defaultEmailRate, retry: retryPolicy() });

    await deliver();
    await deliver();
    expect(resend.requests).toHaveLength(1);
    expect(resend.emails).toHaveLength(1);
    const sent = await message(id);
    expect(sent.status).toBe('sent');

    // A worker that died between Resend's answer and recording it: the job runs again.
    // (Then nothing was recorded: the message still has its link.)
    await t.db
      .update(mailMessages)
      .set({ status: 'sending', providerMessageId: null, sentAt: null, props: { url: MAGIC_LINK, host: 'localhost:3000' } })
      .where(eq(mailMessages.id, id));
    await Promise.all([deliver(), deliver()]);
    expect(resend.emails).toHaveLength(1);
    expect(resend.requests.every((r) => r.idempotencyKey === id)).toBe(true);
    expect(await message(id)).toMatchObject({ status: 'sent', providerMessageId: sent.providerMessageId });
  });
});

describe('without a Resend key', () => {
  test('the message lands in the local mailbox exactly once', async () => {
    const id = await queueMagicLink('olivia@example.com');

    await workOnce({ resend: false });
    const rows = await mailbox();
    expect(rows).toHaveLength(1);
    const [mail] = rows;
    expect(mail).toMatchObject({ to: ['olivia@example.com'], from: FROM, subject: 'Sign in to Nimbus Cloud', idempotencyKey: id });
    expect(unescapeHtml(mail.html)).toContain(`href="${MAGIC_LINK}"`);
    expect(mail.text).toContain(MAGIC_LINK);
    expect(await message(id)).toMatchObject({ status: 'sent', transport: 'mailbox', providerMessageId: mail.id });

    // Delivered again, as if the worker had died before recording the send.
    await t.db.update(mailMessages).set({ status: 'sending', props: { url: MAGIC_LINK, host: 'localhost:3000' } }).where(eq(mailMessages.id, id));
    await deliverMail(t.db, id, { from: FROM, transport: mailboxTransport(t.db), rate: defaultEmailRate, retry: retryPolicy() });
    expect(await message(id)).toMatchObject({ status: 'sent', providerMessageId: mail.id });
    expect(await mailbox()).toHaveLength(1);
    expect(resend.requests).toEqual([]);
  });
});
