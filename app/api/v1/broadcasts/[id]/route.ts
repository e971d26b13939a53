import { db } from '@/db';
import { apiEndpoint } from '@/lib/api/endpoint';
import { broadcastStatus } from '@/lib/delivery/broadcast';

type Context = { params: Promise<{ id: string }> };

/** A broadcast's progress: accounts done, deliveries by channel and status (the `Location` of its 202). */
export async function GET(request: Request, { params }: Context) {
  const { id } = await params;
  return apiEndpoint(request, { scope: 'publish', body: false }, async ({ key }) => ({
    status: 200,
    body: await broadcastStatus(db, { id, apiKeyId: key.id }),
  }));
}
