import { db } from '@/db';
import { publishingEndpoint } from '@/lib/delivery/http';
import { publishEvent } from '@/lib/events/publish';

/** Publishes a reseller event (seed 002). See README → "Event API". */
export async function POST(request: Request) {
  return publishingEndpoint(request, (input) => publishEvent(db, input));
}
