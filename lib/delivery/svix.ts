import { createHmac, timingSafeEqual } from 'node:crypto';

export const SVIX_TOLERANCE_SECONDS = 5 * 60;

export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/**
 * Verifies a Svix-signed webhook (Resend's): HMAC-SHA256 over
 * `${id}.${timestamp}.${raw body}` with the base64 secret after `whsec_`,
 * compared in constant time against every `v1,<base64>` in the header, and a
 * timestamp no further than five minutes from now (no replays of old requests).
 */
export function verifySvix(
  secret: string,
  rawBody: string,
  headers: SvixHeaders,
  nowSeconds = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; reason: string } {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing svix-id, svix-timestamp or svix-signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > SVIX_TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp too old or in the future' };
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  const matches = signature
    .split(' ')
    .map((part) => part.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .some(([, value]) => {
      const given = Buffer.from(value, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

/** Signs like Svix does (for tests and the local tools). */
export function signSvix(secret: string, rawBody: string, id: string, timestamp: number): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`;
}
