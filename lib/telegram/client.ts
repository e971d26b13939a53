// Talking to Telegram: the Bot API over HTTPS, or — without a bot token — the
// local simulator, which stores what the bot would have sent (/dev/telegram).
import type { Tx } from '@/db';
import { telegramSimMessages } from '@/db/schema';
import { safeErrorText } from '@/lib/redact';
import { TELEGRAM_REQUEST_RETRIES } from '@/lib/delivery/retry-policy';

export const DEFAULT_TELEGRAM_API_BASE_URL = 'https://api.telegram.org';
/** How long one Bot API request may take before the client gives up on its answer. */
export const DEFAULT_TELEGRAM_TIMEOUT_MS = 10_000;

export type BotMessage = { chatId: number; text: string };

/**
 * Telegram answered 403: the user blocked the bot, deleted the chat or never
 * started it. Nothing will get through until they connect again.
 */
export class TelegramBlockedError extends Error {
  readonly code = 'blocked';
  constructor(readonly description: string) {
    super(`Telegram refused the message: ${description}`);
    this.name = 'TelegramBlockedError';
  }
}

/**
 * Any other failure. `retryable` ones (429 beyond our patience, 5xx, network, time-out) may be tried again later.
 * `outcomeUnknown`: no answer came after the request may have reached Telegram (a time-out, a dropped
 * connection), so it may have been carried out — a message sent again could arrive twice.
 */
export class TelegramApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly retryAfterSeconds: number | null = null,
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = 'TelegramApiError';
  }
}

export type TelegramClient = {
  transport: 'bot_api' | 'simulator';
  sendMessage: (chatId: number, text: string) => Promise<{ messageId: number }>;
};

export type BotApiOptions = {
  token: string;
  /** Default https://api.telegram.org; tests point it at a fake on 127.0.0.1. */
  baseUrl?: string;
  /** Per request. */
  timeoutMs?: number;
  /** Requests per call, counting the first; only 429 answers are retried. */
  maxAttempts?: number;
  /** A longer `retry_after` is not waited out here: the caller gets a retryable error instead. */
  maxRetryAfterSeconds?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

type ApiAnswer = {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Network errors that happen before a request is on its way: Telegram cannot have seen it. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The Bot API: `POST <base>/bot<token>/<method>` with a JSON body. */
export function createBotApi(options: BotApiOptions) {
  const base = (options.baseUrl ?? DEFAULT_TELEGRAM_API_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TELEGRAM_TIMEOUT_MS;
  const maxAttempts = Math.max(1, options.maxAttempts ?? TELEGRAM_REQUEST_RETRIES.maxAttempts);
  const maxRetryAfter = options.maxRetryAfterSeconds ?? TELEGRAM_REQUEST_RETRIES.maxRetryAfterSeconds;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  // The token is part of the URL: keep it out of every error message and log.
  const redact = (text: string) => safeErrorText(text, [options.token]);

  async function once(method: string, params: Record<string, unknown>): Promise<{ status: number; answer: ApiAnswer | null }> {
    let response: Response;
    try {
      response = await doFetch(`${base}/bot${options.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
      throw new TelegramApiError(
        redact(timedOut ? `Telegram ${method}: no answer within ${timeoutMs} ms` : `Telegram ${method}: ${detail}`),
        null,
        true,
        null,
        timedOut || !NOT_CONNECTED.has(String(code)),
      );
    }
    const answer = (await response.json().catch(() => null)) as ApiAnswer | null;
    return { status: response.status, answer };
  }

  async function call<T = unknown>(method: string, params: Record<string, unknown>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { status, answer } = await once(method, params);
      if (status === 200 && answer?.ok) return answer.result as T;
      const code = answer?.error_code ?? status;
      const description = redact(answer?.description ?? `HTTP ${status}`);
      if (code === 429) {
        const retryAfter = Math.max(1, Number(answer?.parameters?.retry_after) || 1);
        if (attempt < maxAttempts && retryAfter <= maxRetryAfter) {
          await sleep(retryAfter * 1000);
          continue;
        }
        throw new TelegramApiError(`Telegram ${method}: ${description}`, 429, true, retryAfter);
      }
      if (code === 403) throw new TelegramBlockedError(description);
      throw new TelegramApiError(`Telegram ${method}: ${description}`, status, status >= 500);
    }
  }

  return { call };
}

export function botApiClient(options: BotApiOptions): TelegramClient {
  const api = createBotApi(options);
  return {
    transport: 'bot_api',
    async sendMessage(chatId, text) {
      const result = await api.call<{ message_id: number }>('sendMessage', {
        chat_id: chatId,
        text,
        link_preview_options: { is_disabled: true },
      });
      return { messageId: result.message_id };
    },
  };
}

/** Without a bot token: what the bot sends is stored for the simulator page instead of leaving the machine. */
export function simulatorClient(db: Tx): TelegramClient {
  return {
    transport: 'simulator',
    async sendMessage(chatId, text) {
      const [row] = await db
        .insert(telegramSimMessages)
        .values({ chatId, direction: 'from_bot', text })
        .returning({ id: telegramSimMessages.id });
      return { messageId: row.id };
    },
  };
}
