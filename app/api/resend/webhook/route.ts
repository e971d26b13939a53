import { db } from '@/db';
import { applyResendEvent } from '@/lib/delivery/resend-webhook';
import { verifyResendWebhook } from '@/lib/delivery/webhook-signature';
import { env } from '@/lib/env';

/** Resend's delivery events (Svix-signed). Configure RESEND_WEBHOOK_SECRET to enable it. */
export async function POST(request: Request) {
  const secret = env.RESEND_WEBHOOK_SECRET;
  if (!secret) return Response.json({ error: 'The Resend webhook is not configured.' }, { status: 404 });
  const raw = await request.text();
  const verified = verifyResendWebhook(secret, raw, {
    id: request.headers.get('svix-id'),
    timestamp: request.headers.get('svix-timestamp'),
    signature: request.headers.get('svix-signature'),
  });
  if (!verified.ok) return Response.json({ error: `Invalid signature: ${verified.reason}` }, { status: 401 });
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return Response.json({ error: 'The body is not valid JSON.' }, { status: 400 });
  }
  const result = await applyResendEvent(db, request.headers.get('svix-id')!, payload);
  return Response.json(result, { status: 200 });
}
