import { expect, test } from '@playwright/test';

test('every response carries the security headers', async ({ request }) => {
  for (const path of ['/sign-in', '/dev/mailbox', '/api/v1/notifications']) {
    const response = path.startsWith('/api') ? await request.post(path, { data: {} }) : await request.get(path);
    const headers = response.headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['x-powered-by'], path).toBeUndefined();
  }
});
