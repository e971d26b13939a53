import { describe, expect, it } from 'vitest';
import { generateLinkToken, hashLinkToken, isWellFormedLinkToken, LINK_TOKEN_PATTERN, telegramDeepLink } from './tokens';

describe('link tokens', () => {
  const tokens = Array.from({ length: 2000 }, generateLinkToken);

  it('fit Telegram’s start parameter: at most 64 characters of A-Za-z0-9_-', () => {
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(token.length).toBeLessThanOrEqual(64);
      expect(isWellFormedLinkToken(token)).toBe(true);
    }
  });

  it('carry at least 256 bits of entropy and never repeat', () => {
    // 43 base64url characters carry 6 bits each; 2000 draws must all differ.
    expect(tokens[0].length).toBeGreaterThanOrEqual(43);
    expect(new Set(tokens).size).toBe(tokens.length);
    // Every position uses the whole alphabet over many draws (no fixed prefix, no narrow charset).
    const alphabet = new Set(tokens.join(''));
    expect(alphabet.size).toBe(64);
    const firstChars = new Set(tokens.map((t) => t[0]));
    expect(firstChars.size).toBeGreaterThan(50);
  });

  it('are stored as a SHA-256 hash, never as themselves', () => {
    const token = tokens[0];
    const hash = hashLinkToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashLinkToken(token)).toBe(hash);
    expect(hashLinkToken(tokens[1])).not.toBe(hash);
    // A known vector, so the stored format cannot change by accident.
    expect(hashLinkToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses what Telegram would not carry', () => {
    for (const bad of ['', 'a'.repeat(65), 'has space', 'semi;colon', 'ünï', 'a/b', 'a+b', 'a=b']) {
      expect(LINK_TOKEN_PATTERN.test(bad)).toBe(false);
    }
    expect(isWellFormedLinkToken('a'.repeat(64))).toBe(true);
  });

  it('go into a t.me deep link', () => {
    expect(telegramDeepLink('NimbusCloudBot', 'abc_DEF-123')).toBe('https://t.me/NimbusCloudBot?start=abc_DEF-123');
  });
});
