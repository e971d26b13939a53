import { db } from '@/db';
import { publishingEndpoint } from '@/lib/delivery/http';
import { publishNotification } from '@/lib/delivery/publish';

/** Publishes a category notification. See README → "Publishing API". */
export async function POST(request: Request) {
  return publishingEndpoint(request, (input) => publishNotification(db, input));
}
