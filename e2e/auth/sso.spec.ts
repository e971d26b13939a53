// Sign in with the host platform, against a real OpenID provider on 127.0.0.1
// (test/fakes/oidc-provider.ts, started by playwright.config.ts).
import { expect, test, type Page } from '@playwright/test';
import type { OidcTestLogin } from '../../test/fakes/oidc-provider';
import { panelHeading } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { E2E_OIDC_ISSUER, E2E_OIDC_NAME } from '../fixtures/oidc';

const ssoButton = (page: Page) => page.getByRole('button', { name: `Continue with ${E2E_OIDC_NAME}` });
const signInHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in', level: 1 });
const atProvider = (url: URL) => url.href.startsWith(`${E2E_OIDC_ISSUER}/`);

/** From the sign-in page to the provider, and through its login page (any password) as `login`. */
async function continueAtProvider(page: Page, login: OidcTestLogin) {
  await page.goto('/sign-in');
  await ssoButton(page).click();
  await page.waitForURL(atProvider);
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** Nobody is signed in in this browser: the panel sends it to sign-in. */
async function expectSignedOut(page: Page) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(signInHeading(page)).toBeVisible();
}

test.describe('sign in with the host platform', () => {
  test('the sign-in page offers it beside the e-mail link, on a desktop and a phone', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(ssoButton(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send sign-in link' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath('sign-in-desktop.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    const box = await ssoButton(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390, 'the button fits a 390 px screen').toBe(true);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath('sign-in-390.png'), fullPage: true });
  });

  test('a person someone added signs in with a verified address, lands in their panel, and signs out of both', async ({ page }) => {
    await continueAtProvider(page, 'olivia');
    await expect(panelHeading(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Switch account' })).toContainText('Northwind Labs');

    // Sign-out ends the session here, then the provider's (RP-initiated logout), and comes back to sign-in.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(atProvider);
    const logout = new URL(page.url());
    expect(logout.pathname).toBe('/session/end');
    expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
    expect(logout.searchParams.get('post_logout_redirect_uri')).toMatch(/\/sign-in$/);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(signInHeading(page)).toBeVisible();
    await expectSignedOut(page);

    // The provider's session ended too: the next "Continue" asks to sign in there again.
    await page.goto('/sign-in');
    await ssoButton(page).click();
    await page.waitForURL(atProvider);
    await expect(page.getByPlaceholder('Enter any login')).toBeVisible();
  });

  test('an address the provider has not verified is refused with a page that says so', async ({ page }) => {
    await continueAtProvider(page, 'olivia-unverified');
    await expect(page.getByRole('heading', { name: `${E2E_OIDC_NAME} did not confirm your email address` })).toBeVisible();
    await expect(panelHeading(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await expectSignedOut(page);
  });

  test('a person nobody added is refused, not given an empty panel', async ({ page }) => {
    await continueAtProvider(page, 'stranger');
    await expect(page.getByRole('heading', { name: 'No Nimbus Cloud user has this email address' })).toBeVisible();
    await expect(page.getByText(/nobody has added the email address/)).toBeVisible();
    await expect(panelHeading(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await expectSignedOut(page);
  });

  test('an answer whose state was changed on the way is refused', async ({ page }) => {
    // The provider returns the state it was given: change it on the way there, and its answer comes back
    // with a state that does not match this browser's cookie (as if an attacker had put their own answer in).
    let sent: string | undefined;
    await page.route(/\/auth\?/, async (route) => {
      const url = new URL(route.request().url());
      if (!atProvider(url) || !url.searchParams.get('state')) return route.continue();
      sent = url.searchParams.get('state')!;
      url.searchParams.set('state', `${sent.slice(0, -4)}${sent.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`);
      await route.continue({ url: url.toString() });
    });
    await continueAtProvider(page, 'olivia');
    expect(sent, 'the authorization request carried a state').toBeTruthy();

    await expect(page.getByRole('heading', { name: `Signing in with ${E2E_OIDC_NAME} didn't complete` })).toBeVisible();
    await expect(panelHeading(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await expectSignedOut(page);
  });
});
