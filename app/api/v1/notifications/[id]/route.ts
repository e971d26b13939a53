import { db } from '@/db';
import { apiEndpoint } from '@/lib/api/endpoint';
import { notificationStatus } from '@/lib/delivery/status';

type Context = { params: Promise<{ id: string }> };

/** A published notification's status and delivery counts (the `Location` of a publish's 202). */
export async function GET(request: Request, { params }: Context) {
  const { id } = await params;
  return apiEndpoint(request, { scope: 'publish', body: false }, async ({ key }) => ({
    status: 200,
    body: await notificationStatus(db, { id, apiKeyId: key.id }),
  }));
}
