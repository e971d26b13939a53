// Deep-link tokens for `https://t.me/<bot>?start=<token>`. Telegram accepts at
// most 64 characters of A-Z, a-z, 0-9, _ and - in the start parameter.
import { createHash, randomBytes } from 'node:crypto';

/** A link token is good for ten minutes and one use. */
export const LINK_TOKEN_TTL_SECONDS = 10 * 60;

/** 32 random bytes: 256 bits of entropy, 43 characters of base64url. */
const TOKEN_BYTES = 32;

export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function generateLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Only this hash is stored: a database leak gives nobody a usable link. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const isWellFormedLinkToken = (value: string) => LINK_TOKEN_PATTERN.test(value);

export function telegramDeepLink(botUsername: string, token: string): string {
  return `https://t.me/${encodeURIComponent(botUsername)}?start=${token}`;
}
