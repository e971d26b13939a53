// The Bot API client over real HTTP against a fake Telegram on 127.0.0.1, and
// the simulator transport against a real PostgreSQL.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { telegramSimMessages } from '@/db/schema';
import { freePort } from '@/db/embedded';
import { setupTestDatabase } from '@/test/db';
import { startFakeTelegram, type FakeTelegram } from '@/test/fakes/telegram';
import { botApiClient, createBotApi, simulatorClient, TelegramApiError, TelegramBlockedError } from './client';

const t = setupTestDatabase();
let telegram: FakeTelegram;

beforeAll(async () => {
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await telegram?.close();
});
beforeEach(() => telegram.reset());

const client = (options: Partial<Parameters<typeof botApiClient>[0]> = {}) =>
  botApiClient({ token: telegram.token, baseUrl: telegram.url, ...options });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('Bot API client', () => {
  it('sends a message with sendMessage', async () => {
    const { messageId } = await client().sendMessage(4242, 'Hello from the test');
    expect(messageId).toBe(1);
    expect(telegram.messages).toMatchObject([{ chatId: 4242, text: 'Hello from the test' }]);
    expect(telegram.calls('sendMessage')[0].path).toBe('/bot<token>/sendMessage');
  });

  it('waits out a 429 for retry_after seconds and then delivers once', async () => {
    telegram.rateLimitNext(1, 1);
    const started = Date.now();
    await client().sendMessage(4242, 'after the rate limit');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(telegram.calls('sendMessage').map((r) => r.status)).toEqual([429, 200]);
    expect(telegram.messages).toHaveLength(1);
  });

  it('gives up after its attempts, or at once when retry_after is longer than it will wait, with a retryable error', async () => {
    const waits: number[] = [];
    telegram.rateLimitNext(3, 2);
    const error = await failure(client({ maxAttempts: 3, sleep: async (ms) => void waits.push(ms) }).sendMessage(1, 'x'));
    expect(error).toBeInstanceOf(TelegramApiError);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 2 });
    expect(waits).toEqual([2000, 2000]);
    expect(telegram.messages).toHaveLength(0);

    telegram.reset();
    telegram.rateLimitNext(1, 3600);
    const tooLong = await failure(client({ sleep: async () => {} }).sendMessage(1, 'x'));
    expect(tooLong).toMatchObject({ status: 429, retryAfterSeconds: 3600 });
    expect(telegram.calls('sendMessage')).toHaveLength(1);
  });

  it('turns a 403 into TelegramBlockedError, without retrying', async () => {
    telegram.blockChat(777);
    const error = await failure(client().sendMessage(777, 'anyone there?'));
    expect(error).toBeInstanceOf(TelegramBlockedError);
    expect((error as TelegramBlockedError).description).toBe('Forbidden: bot was blocked by the user');
    expect(telegram.calls('sendMessage')).toHaveLength(1);
  });

  it('reports a 5xx as retryable and a 400 as final, without retrying either (a message may not be sent twice)', async () => {
    telegram.failNext(1, 502, 'Bad Gateway');
    expect(await failure(client().sendMessage(1, 'x'))).toMatchObject({ status: 502, retryable: true });
    expect(await failure(client().sendMessage(1, ''))).toMatchObject({ status: 400, retryable: false });
    expect(telegram.calls('sendMessage')).toHaveLength(2);
  });

  it('never puts the bot token in an error', async () => {
    const wrongToken = '999:WRONG-token';
    const unauthorized = await failure(botApiClient({ token: wrongToken, baseUrl: telegram.url }).sendMessage(1, 'x'));
    expect(unauthorized).toMatchObject({ status: 401, retryable: false });
    expect(String((unauthorized as Error).message)).not.toContain(wrongToken);

    const unreachable = await failure(botApiClient({ token: wrongToken, baseUrl: 'http://127.0.0.1:1' }).sendMessage(1, 'x'));
    expect(unreachable).toMatchObject({ status: null, retryable: true });
    expect(String((unreachable as Error).message)).not.toContain(wrongToken);
  });

  it('tells a refused connection (nothing sent) from a lost answer (maybe sent)', async () => {
    const closedPort = await freePort();
    const refused = await failure(botApiClient({ token: telegram.token, baseUrl: `http://127.0.0.1:${closedPort}` }).sendMessage(1, 'x'));
    expect(refused).toMatchObject({ status: null, retryable: true, outcomeUnknown: false });

    telegram.dropResponseNext(1);
    const lost = await failure(client().sendMessage(1, 'x'));
    expect(lost).toMatchObject({ status: null, retryable: true, outcomeUnknown: true });
    expect(telegram.messages).toHaveLength(1);
  });

  it('times out a request that gets no answer', async () => {
    const hanging = createBotApi({
      token: telegram.token,
      baseUrl: telegram.url,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });
    const error = await failure(hanging.call('getMe', {}));
    // Telegram may have carried it out before the answer got lost.
    expect(error).toMatchObject({ status: null, retryable: true, outcomeUnknown: true });
    expect((error as Error).message).toMatch(/no answer within 50 ms/);
  });
});

describe('simulator transport', () => {
  it('stores what the bot would have sent, for /dev/telegram', async () => {
    const sim = simulatorClient(t.db);
    expect(sim.transport).toBe('simulator');
    const { messageId } = await sim.sendMessage(9001, 'Hi from the simulator');
    const rows = await t.db.select().from(telegramSimMessages).where(eq(telegramSimMessages.chatId, 9001));
    expect(rows).toMatchObject([{ id: messageId, direction: 'from_bot', text: 'Hi from the simulator' }]);
  });
});
