import { db } from '@/db';
import { apiEndpoint } from '@/lib/api/endpoint';
import { publishEvent } from '@/lib/events/publish';

/** Publishes a reseller event (seed 002). See README → "Event API". */
export async function POST(request: Request) {
  return apiEndpoint(request, { scope: 'publish', body: true }, ({ key, idempotencyKey, body }) =>
    publishEvent(db, { apiKeyId: key.id, idempotencyKey, body }),
  );
}
