import { db } from '@/db';
import { apiEndpoint } from '@/lib/api/endpoint';
import { publishBroadcast } from '@/lib/delivery/broadcast';
import { BROADCAST_MAX_BODY_BYTES } from '@/lib/delivery/broadcast-schema';

/** One notification to many accounts. See README → "Publishing API" → "Broadcasts". */
export async function POST(request: Request) {
  return apiEndpoint(request, { scope: 'publish', body: true, maxBodyBytes: BROADCAST_MAX_BODY_BYTES }, ({ key, idempotencyKey, body }) =>
    publishBroadcast(db, { apiKeyId: key.id, idempotencyKey, body }),
  );
}
