import { secretMatches } from '@/lib/secret-match';

export type MetricsRefusal = { status: 401 | 404; message: string };

/**
 * Who may read /metrics (the web's and a worker's): whoever sends
 * `Authorization: Bearer $METRICS_TOKEN`. Without a token configured the
 * metrics are off, so an operator who forgot it learns why instead of
 * publishing queue sizes to the internet.
 */
export function metricsRefusal(authorization: string | null | undefined, token: string | undefined): MetricsRefusal | null {
  if (!token) return { status: 404, message: 'Metrics are off: set METRICS_TOKEN to enable /metrics.\n' };
  const given = /^Bearer[ ]+(.+)$/i.exec(authorization?.trim() ?? '')?.[1]?.trim();
  if (!given) return { status: 401, message: 'Send Authorization: Bearer <METRICS_TOKEN>.\n' };
  if (!secretMatches(given, token)) return { status: 401, message: 'Wrong metrics token.\n' };
  return null;
}
