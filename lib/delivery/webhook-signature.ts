// Resend signs its webhooks the Standard Webhooks way (Svix): HMAC-SHA256 over
// `${id}.${timestamp}.${raw body}` with the endpoint's `whsec_…` secret. The
// check is the `standardwebhooks` library's (the one the resend SDK's
// `webhooks.verify` uses), never a hand-written one; this module only says
// which secrets are acceptable and maps Resend's `svix-*` headers onto it.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** A signing key shorter than this is a configuration error (Resend's are 24 bytes or more). */
export const MIN_WEBHOOK_SECRET_BYTES = 24;

/** Why `secret` cannot sign webhooks, or null when it can. lib/env.ts refuses such a secret at start. */
export function webhookSecretProblem(secret: string): string | null {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return 'must be the endpoint’s signing secret: whsec_ followed by base64 (Resend → Webhooks → the endpoint → Signing secret)';
  }
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_WEBHOOK_SECRET_BYTES) {
    return `decodes to ${bytes} bytes; a signing secret needs at least ${MIN_WEBHOOK_SECRET_BYTES} (copy the whole whsec_… value from Resend)`;
  }
  return null;
}

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/**
 * Verifies a Resend webhook: a signature of the raw body made with `secret`, among the
 * `v1,…` signatures of the header, and a timestamp within five minutes of now (no replays).
 */
export function verifyResendWebhook(secret: string, rawBody: string, headers: WebhookHeaders): { ok: true } | { ok: false; reason: string } {
  const problem = webhookSecretProblem(secret);
  if (problem) return { ok: false, reason: `the configured secret ${problem}` };
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing svix-id, svix-timestamp or svix-signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  try {
    new Webhook(secret).verify(rawBody, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    return { ok: true };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, reason: error.message };
    throw error;
  }
}
