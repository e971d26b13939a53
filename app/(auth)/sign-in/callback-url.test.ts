import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps a same-site path with its query and hash', () => {
    expect(safeCallbackUrl('/accounts/abc/notifications?tab=services#log')).toBe(
      '/accounts/abc/notifications?tab=services#log',
    );
  });

  it.each([
    ['another host', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/path'],
    ['a backslash host', '/\\evil.example'],
    ['a tab inside the host', '/\t/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'accounts/abc'],
    ['nothing', undefined],
    ['a non-string', ['/a']],
  ])('falls back to "/" for %s', (_what, value) => {
    expect(safeCallbackUrl(value)).toBe('/');
  });

  it('never sends the person back to the sign-in pages', () => {
    expect(safeCallbackUrl('/sign-in')).toBe('/');
    expect(safeCallbackUrl('/sign-in/check-email')).toBe('/');
  });
});
