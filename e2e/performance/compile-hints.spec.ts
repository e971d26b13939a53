import { expect, test } from '@playwright/test';

// The build marks its client scripts for eager compilation (scripts/lib/compile-hints.mjs, run by
// next.config.mjs). This checks the scripts a page really loads, as served.
test('the scripts a page loads carry the compile hint on their first line', async ({ page }) => {
  const scripts: Promise<{ url: string; firstLine: string }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script' || !response.url().includes('/_next/static/')) return;
    scripts.push(response.text().then((body) => ({ url: response.url(), firstLine: body.split('\n', 1)[0].slice(0, 80) })));
  });
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  const loaded = await Promise.all(scripts);
  expect(loaded.length).toBeGreaterThanOrEqual(3);
  for (const script of loaded) expect(script.firstLine, script.url).toBe('//# allFunctionsCalledOnLoad');
});
