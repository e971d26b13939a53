// Signs a Resend webhook as Resend does, with the Standard Webhooks library
// itself (never with the product's own code), for the suites that post to
// /api/resend/webhook.
import { Webhook } from 'standardwebhooks';

export const signResendWebhook = (secret: string, rawBody: string, id: string, timestampSeconds: number) =>
  new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), rawBody);
