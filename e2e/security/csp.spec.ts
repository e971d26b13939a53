// The Content-Security-Policy (proxy.ts, lib/csp.ts): scripts run only with the
// response's nonce, and the panel still works under it — its pages hydrate,
// dialogs open, the e-mail previews render — with no violation reported.
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from '../fixtures/auth';

/** Collects every CSP violation the page reports, from the console and the DOM event. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return violations;
}

test('pages carry a nonce policy without unsafe-inline scripts, and every script carries the nonce', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const policy = first.headers()['content-security-policy'];
  expect(policy).toBeTruthy();
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(scriptSrc).not.toContain('unsafe-eval');
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  const nonce = scriptSrc.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  // A fresh nonce for every response: a reused one could be copied into an injected script.
  expect(second.headers()['content-security-policy']).not.toContain(nonce);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

  const api = await request.post('/api/v1/notifications', { data: {} });
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
});

test('the panel works under the policy with no violation', async ({ page }) => {
  const violations = watchViolations(page);

  // Sign-in page and the demo sign-in (a server action, then a client navigation).
  const { accountId } = await signInAs(page, 'Olivia Owner');

  // Hydrated: a client-side dialog opens, and its search (a server action) answers.
  await page.getByRole('button', { name: 'Add recipients' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Search users' }).fill('a');
  await expect(dialog.getByRole('checkbox').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.goto(`/accounts/${accountId}/delivery-log`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto('/dev/mailbox');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);
});

// The preview is a sandboxed srcdoc frame, which inherits the page's policy.
test('the reseller event editor and its live preview work under the policy', async ({ page }) => {
  const violations = watchViolations(page);
  await signInAs(page, 'Rita Reseller');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Notification Settings' }).click();
  await page.getByRole('button', { name: /^Edit / }).first().click();
  await expect(page.frameLocator('iframe[title="E-mail preview"]').locator('body')).not.toBeEmpty();
  await page.keyboard.press('Escape');
  expect(violations).toEqual([]);
});
