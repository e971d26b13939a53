// The Telegram client and settings this deployment uses, from the environment.
import { db as defaultDb, type Tx } from '@/db';
import { env } from '@/lib/env';
import { botApiClient, simulatorClient, type BotApiOptions, type TelegramClient } from './client';

export const telegramBotUsername = () => env.TELEGRAM_BOT_USERNAME;

/** The real Bot API when TELEGRAM_BOT_TOKEN is set, else the local simulator. */
export function telegramClient(
  db: Tx = defaultDb,
  options: Pick<BotApiOptions, 'timeoutMs' | 'maxAttempts' | 'maxRetryAfterSeconds'> = {},
): TelegramClient {
  return env.TELEGRAM_BOT_TOKEN
    ? botApiClient({ token: env.TELEGRAM_BOT_TOKEN, baseUrl: env.TELEGRAM_API_BASE_URL, ...options })
    : simulatorClient(db);
}

/** For a person waiting on a button: a short time-out, and a rate limit waited out only if brief. */
export const interactiveTelegramClient = () => telegramClient(defaultDb, { timeoutMs: 5000, maxRetryAfterSeconds: 5 });
