import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of a secret someone sent with ours; hashing first gives equal-length buffers whatever was sent. */
export function secretMatches(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
