// Liveness: the process answers. No database, so a PostgreSQL outage never
// makes an orchestrator restart every web process (that is /api/ready's job).
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
