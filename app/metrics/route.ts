// Prometheus metrics of the whole system, as PostgreSQL knows them
// (lib/ops/metrics.ts), for whoever holds METRICS_TOKEN.
import { db } from '@/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { metricsRefusal } from '@/lib/ops/metrics-access';
import { scrapeMetrics } from '@/lib/ops/metrics';

export const dynamic = 'force-dynamic';

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

export async function GET(request: Request): Promise<Response> {
  const refusal = metricsRefusal(request.headers.get('authorization'), env.METRICS_TOKEN);
  if (refusal) return text(refusal.message, refusal.status, refusal.status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {});
  try {
    const scrape = await scrapeMetrics(db, { staleAfterMs: env.WORKER_STALE_AFTER_MS });
    return text(scrape.text, 200, { 'content-type': scrape.contentType });
  } catch (error) {
    log('metrics').error({ err: error }, 'scrape failed');
    return text('Metrics unavailable: PostgreSQL did not answer.\n', 503);
  }
}
