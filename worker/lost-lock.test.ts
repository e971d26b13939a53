// The heartbeat sweep frees the jobs of a worker that stopped reporting. When
// that worker was alive after all (cut off from the database for a while), it
// finishes the job it no longer holds: its chunk must not be lost.
import { retryPolicy } from '@/lib/delivery/retry-policy';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliveries, subscriptions, telegramLinks } from '@/db/schema';
import { createApiKey } from '@/lib/delivery/api-keys';
import { publishNotification } from '@/lib/delivery/publish';
import { TelegramApiError, type TelegramClient } from '@/lib/telegram/client';
import { createAccount, setupTestDatabase } from '@/test/db';
import { startWorker } from './run';

const t = setupTestDatabase();
let stopWorker: (() => Promise<void>) | null = null;

afterAll(async () => {
  await stopWorker?.();
});

let failFirstSend: () => void;
const firstSendMayFail = new Promise<void>((resolve) => (failFirstSend = resolve));
let firstSendStarted: () => void;
const firstSendReached = new Promise<void>((resolve) => (firstSendStarted = resolve));
let calls = 0;
const delivered: number[] = [];

/** The first message waits for the test, then fails with a 5xx (retry later); the rest go through. */
const telegram: TelegramClient = {
  transport: 'bot_api',
  async sendMessage(chatId) {
    if (++calls === 1) {
      firstSendStarted();
      await firstSendMayFail;
      throw new TelegramApiError('Telegram sendMessage: Internal Server Error', 500, true);
    }
    delivered.push(chatId);
    return { messageId: calls };
  },
};

beforeAll(async () => {
  // One job at a time, so the worker cannot pick its freed job up again while still running it.
  const worker = await startWorker({
    databaseUrl: t.url,
    from: 'Tests <tests@cloud.example>',
    concurrency: 1,
    telegramClient: telegram,
    retry: { ...retryPolicy(), backoff: { baseMs: 50, capMs: 100 } },
  });
  stopWorker = worker.stop;
});

it('a chunk whose job was freed while its worker ran it is still delivered', { timeout: 60_000 }, async () => {
  const acc = await createAccount(t.db, { members: [{ role: 'billing_admin' }] });
  await t.db.insert(subscriptions).values({ accountId: acc.accountId, userId: acc.members[0].userId, category: 'balance_payments' });
  await t.db.insert(telegramLinks).values([
    { userId: acc.owner.userId, chatId: 6001 },
    { userId: acc.members[0].userId, chatId: 6002 },
  ]);
  const { id: apiKeyId } = await createApiKey(t.db, { name: 'lost-lock' });
  const published = await publishNotification(t.db, {
    apiKeyId,
    idempotencyKey: null,
    body: { account_id: acc.accountId, type: 'debt', subject: 'Lost lock' },
  });
  const id = published.body.id as string;

  await firstSendReached;
  // What the sweep does to a worker it takes for dead.
  await t.db.execute(sql`
    select graphile_worker.force_unlock_workers(array_agg(locked_by))
    from graphile_worker._private_jobs where locked_by is not null`);
  failFirstSend();

  await expect
    .poll(
      async () =>
        (
          await t.db
            .select({ status: deliveries.status })
            .from(deliveries)
            .where(and(eq(deliveries.notificationId, id), eq(deliveries.channel, 'telegram')))
        ).map((r) => r.status),
      { timeout: 30_000, interval: 200 },
    )
    .toEqual(['sent', 'sent']);
  expect(delivered.sort()).toEqual([6001, 6002]);
});
