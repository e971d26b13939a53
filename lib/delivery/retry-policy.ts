// How often, and how far apart, a send is tried again: the one place that
// says it. Built from the environment once (retryPolicyFrom) and passed to
// the worker's tasks; the SQL that queues jobs (fan-out, events, the log's
// Retry, sign-in and notice mail) takes its ceilings from here too.
// README → Configuration → "Retries" tells the same story, knob by knob.
import { env, type Env } from '@/lib/env';

export type Backoff = {
  /** The wait before retry n (1-based) is random in [0, min(capMs, baseMs·2^(n-1))]: "full jitter". */
  baseMs: number;
  capMs: number;
};

export type RetryPolicy = {
  /**
   * Tries of one delivery (e-mail, Telegram, a reseller event, a sign-in or notice mail) before
   * a provider fault (5xx, time-out, refused connection) makes it final `failed`. A 429 is not a
   * fault: the send waits out `Retry-After` and is not counted. DELIVERY_MAX_ATTEMPTS.
   */
  maxAttempts: number;
  /** The wait between two tries of a delivery. */
  backoff: Backoff;
  /**
   * graphile-worker's own ceiling for a chunk, event or mail job, which re-queues itself with the
   * back-off above for every retry: only a worker crash or a bug counts against it.
   */
  chunkJobMaxAttempts: number;
  /**
   * A delivery retried by hand from the delivery log: one job, retried by graphile-worker itself
   * (its exponential back-off, about 2^n seconds), and final when this many runs have failed.
   */
  manualRetryMaxAttempts: number;
  /** Requests to Telegram within one try, for 429 answers whose `retry_after` is at most `maxRetryAfterSeconds`. */
  telegramRequest: { maxAttempts: number; maxRetryAfterSeconds: number };
};

export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, capMs: 5 * 60_000 };

/** Requests to Telegram within one try (lib/telegram/client.ts), for 429s with a short `retry_after`. */
export const TELEGRAM_REQUEST_RETRIES = { maxAttempts: 4, maxRetryAfterSeconds: 30 };

/** The policy for this configuration. */
export function retryPolicyFrom(config: Pick<Env, 'DELIVERY_MAX_ATTEMPTS'>): RetryPolicy {
  return {
    maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
    backoff: DEFAULT_BACKOFF,
    chunkJobMaxAttempts: 25,
    manualRetryMaxAttempts: 10,
    telegramRequest: TELEGRAM_REQUEST_RETRIES,
  };
}

/** The policy of this process's environment. */
export const retryPolicy = (): RetryPolicy => retryPolicyFrom(env);

/** How long to wait before retry `attempt` (1-based). */
export const backoffDelay = (attempt: number, b: Backoff, random = Math.random) =>
  Math.round(random() * Math.min(b.capMs, b.baseMs * 2 ** Math.max(0, attempt - 1)));
