// The retry policy is the one source of every retry ceiling: built from
// DELIVERY_MAX_ATTEMPTS, and the jobs the web side queues (fan-out chunks,
// sign-in mail) carry the ceilings it names.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, setupTestDatabase } from '@/test/db';
import { backoffDelay, retryPolicy, retryPolicyFrom } from './retry-policy';
import { queryRows } from '@/db';

const t = setupTestDatabase();

beforeAll(() => {
  process.env.DATABASE_URL = t.url;
});

describe('retryPolicyFrom', () => {
  it('takes the tries of a delivery, and of sign-in and notice mail, from DELIVERY_MAX_ATTEMPTS', () => {
    expect(retryPolicyFrom({ DELIVERY_MAX_ATTEMPTS: 3 })).toMatchObject({ maxAttempts: 3, manualRetryMaxAttempts: 10, chunkJobMaxAttempts: 25 });
    expect(retryPolicy().maxAttempts).toBe(8);
  });

  it('waits a random time up to base·2^(n-1), never more than the cap', () => {
    const b = { baseMs: 100, capMs: 1_000 };
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, b, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, b, () => 0)).toBe(0);
  });
});

describe('the jobs queued by the web side', () => {
  const jobs = (task: string) =>
    queryRows<{ max_attempts: number }>(t.db, sql`select max_attempts from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = ${task}`);

  it('carry the policy’s ceilings: a chunk job and a sign-in mail job, which both retry themselves with the back-off', async () => {
    const { publishNotification } = await import('./publish');
    const { createApiKey } = await import('./api-keys');
    const { queueMail } = await import('@/lib/mail/queue');
    const { accountId } = await createAccount(t.db, { name: 'Retry Ltd' });
    const key = await createApiKey(t.db, { name: 'retry policy' });
    const answer = await publishNotification(t.db, { apiKeyId: key.id, idempotencyKey: null, body: { account_id: accountId, type: 'refund', subject: 'Refund' } });
    expect(answer.status).toBe(202);
    await t.db.transaction((tx) => queueMail(tx, { to: ['someone@retry.example'], template: 'magic-link', props: { url: 'http://localhost/x', host: 'localhost' } }));
    const policy = retryPolicy();
    expect((await jobs('deliver_email')).map((j) => j.max_attempts)).toEqual([policy.chunkJobMaxAttempts]);
    expect((await jobs('send_email')).map((j) => j.max_attempts)).toEqual([policy.chunkJobMaxAttempts]);
  });
});
