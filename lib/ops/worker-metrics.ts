// Metrics that only a worker process sees (its provider requests and its
// waits for a send slot). Prometheus scrapes them from each worker on
// WORKER_METRICS_PORT (worker/metrics-server.ts); the web's /metrics holds what
// PostgreSQL knows (lib/ops/metrics.ts).
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { MailTransport } from '@/lib/mail/transport';

type WorkerMetrics = {
  registry: Registry;
  providerRequestSeconds: Histogram<'provider' | 'outcome'>;
  providerRateLimited: Counter<'provider'>;
  rateLimitWaits: Counter<'limiter'>;
  rateLimitWaitSeconds: Counter<'limiter'>;
};

const globalForMetrics = globalThis as unknown as { __workerMetrics?: WorkerMetrics };

export function workerMetrics(): WorkerMetrics {
  if (globalForMetrics.__workerMetrics) return globalForMetrics.__workerMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  globalForMetrics.__workerMetrics = {
    registry,
    providerRequestSeconds: new Histogram({
      name: 'an_provider_request_duration_seconds',
      help: 'Requests to Resend and the Telegram Bot API, by provider and outcome (ok, rate_limited, error)',
      labelNames: ['provider', 'outcome'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers,
    }),
    providerRateLimited: new Counter({ name: 'an_provider_rate_limited_total', help: '429 answers from a provider', labelNames: ['provider'], registers }),
    rateLimitWaits: new Counter({ name: 'an_rate_limit_waits_total', help: 'Sends that waited for a slot of the shared rate limit', labelNames: ['limiter'], registers }),
    rateLimitWaitSeconds: new Counter({ name: 'an_rate_limit_wait_seconds_total', help: 'Time sends spent waiting for a slot of the shared rate limit', labelNames: ['limiter'], registers }),
  };
  return globalForMetrics.__workerMetrics;
}

/** Per-chat limiters (`telegram:chat:<id>`) share one label, or every chat would be a time series. */
const limiterLabel = (name: string) => name.replace(/^telegram:chat:.*/, 'telegram:chat');

/** Called by acquireSendSlot (lib/delivery/rate-limit.ts) when a send had to wait. */
export function recordRateLimitWait(limiter: string, waitedMs: number): void {
  if (waitedMs <= 0) return;
  const m = workerMetrics();
  m.rateLimitWaits.inc({ limiter: limiterLabel(limiter) });
  m.rateLimitWaitSeconds.inc({ limiter: limiterLabel(limiter) }, waitedMs / 1000);
}

function observe(provider: string, started: number, status: number | null | undefined, failed: boolean) {
  const m = workerMetrics();
  const outcome = status === 429 ? 'rate_limited' : failed ? 'error' : 'ok';
  m.providerRequestSeconds.observe({ provider, outcome }, (performance.now() - started) / 1000);
  if (status === 429) m.providerRateLimited.inc({ provider });
}

/** A fetch that times each request (the Telegram Bot API client takes one). */
export function measuredFetch(provider: string, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    try {
      const response = await inner(input, init);
      observe(provider, started, response.status, !response.ok);
      return response;
    } catch (error) {
      observe(provider, started, null, true);
      throw error;
    }
  };
}

/** The same transport, each request timed; a MailSendError's status tells a 429. */
export function measuredTransport(transport: MailTransport): MailTransport {
  if (transport.name !== 'resend') return transport;
  const timed = <A extends unknown[], R>(send: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        const result = await send(...args);
        observe('resend', started, 200, false);
        return result;
      } catch (error) {
        observe('resend', started, (error as { status?: number | null }).status, true);
        throw error;
      }
    };
  return { ...transport, send: timed(transport.send), sendBatch: timed(transport.sendBatch) };
}
