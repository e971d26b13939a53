import { db } from '@/db';
import { apiEndpoint } from '@/lib/api/endpoint';
import { publishNotification } from '@/lib/delivery/publish';

/** Publishes a category notification. See README → "Publishing API". */
export async function POST(request: Request) {
  return apiEndpoint(request, { scope: 'publish', body: true }, ({ key, idempotencyKey, body }) =>
    publishNotification(db, { apiKeyId: key.id, idempotencyKey, body }),
  );
}
