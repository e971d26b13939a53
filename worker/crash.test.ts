// A worker killed with SIGKILL in the middle of a chunk: after another worker
// takes over, every delivery is sent, and the provider accepted each exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliveries, subscriptions } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishNotification } from '@/lib/delivery/publish';
import { createAccount, setupTestDatabase } from '@/test/db';
import { startFakeResend, type FakeResend } from '@/test/fakes/resend';
import { queryRows } from '@/db';

const t = setupTestDatabase();
let resend: FakeResend;
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a child process that SIGKILL would orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    env: {
      ...process.env,
      ...resend.env(),
      DATABASE_URL: t.url,
      NODE_ENV: 'production',
      RESEND_RATE_LIMIT: '20',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_AFTER_MS: '1500',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  resend = await startFakeResend();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await resend?.close();
});

it('delivers everything exactly once after a worker is killed mid-chunk', { timeout: 90_000 }, async () => {
  const acc = await createAccount(t.db, {
    members: Array.from({ length: 249 }, (_, i) => ({ role: 'account_admin' as const, email: `crash-${i}@test.example` })),
  });
  await t.db.insert(subscriptions).values(acc.members.map((m) => ({ accountId: acc.accountId, userId: m.userId, category: 'services' as const })));
  const { id: apiKeyId } = await createApiKey(t.db, { name: 'crash' });

  // The provider accepts the first batch at once but answers only after 6 s: the worker dies waiting, and a retry meanwhile gets 409 concurrent_idempotent_requests.
  resend.delayNext(1, 6_000);
  const first = startWorkerProcess();
  const published = await publishNotification(t.db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type: 'product_updates', subject: 'Crash test' },
  });
  expect(published.status).toBe(202);
  const id = published.body.id as string;

  await resend.waitForEmails(100, 30_000);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  startWorkerProcess();
  await expect
    .poll(
      async () => {
        const [row] = await queryRows<{ sent: number }>(t.db, 
          sql`select count(*) filter (where status = 'sent')::int as sent from deliveries where notification_id = ${id} and channel = 'email'`,
        );
        return row.sent;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(250);

  // Exactly one accepted send per delivery: the retried chunk was replayed by its Idempotency-Key.
  const accepted = resend.emails.map((e) => e.to[0]);
  expect(accepted).toHaveLength(250);
  expect(new Set(accepted).size).toBe(250);
  expect(resend.requests.map((r) => `${r.status} ${r.outcome}`)).toContain('200 replayed');
  const rows = await t.db.select().from(deliveries).where(eq(deliveries.notificationId, id));
  expect(rows.filter((r) => r.channel === 'email').every((r) => r.providerMessageId)).toBe(true);
});
