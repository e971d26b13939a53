// Readiness: PostgreSQL answers and has every migration of this build (200),
// or not (503). The workers' heartbeat is reported, not required
// (lib/ops/readiness.ts says why).
import { db } from '@/db';
import { env } from '@/lib/env';
import { checkReadiness } from '@/lib/ops/readiness';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(db, { staleAfterMs: env.WORKER_STALE_AFTER_MS });
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
