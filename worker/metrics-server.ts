// A worker's own metrics (lib/ops/worker-metrics.ts) on WORKER_METRICS_PORT,
// behind the same bearer token as the web's /metrics.
import http from 'node:http';
import { metricsRefusal } from '@/lib/ops/metrics-access';
import { workerMetrics } from '@/lib/ops/worker-metrics';

export function serveWorkerMetrics(port: number, token: string | undefined): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') return reply(404, 'Not found: the worker serves GET /metrics.\n');
    const refusal = metricsRefusal(request.headers.authorization, token);
    if (refusal) return reply(refusal.status, refusal.message, refusal.status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {});
    const { registry } = workerMetrics();
    registry.metrics().then(
      (text) => reply(200, text, { 'content-type': registry.contentType }),
      (error: unknown) => reply(500, `Metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
