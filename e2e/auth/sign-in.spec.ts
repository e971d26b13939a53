import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { panelHeading, signInAs, signOut } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { mailboxCount, readSignInLink, requestMagicLink, waitForMailboxCount, openNewestMessage } from '../fixtures/mailbox';

const signInHeading = (page: Page) => page.getByRole('heading', { name: 'Sign in', level: 1 });
const unusableLinkHeading = (page: Page) =>
  page.getByRole('heading', { name: "This sign-in link can't be used" });

test.describe('magic link', () => {
  test('a link from the mailbox signs the person in, once', async ({ page, browser }) => {
    const before = await mailboxCount(page);

    await page.goto('/sign-in');
    await expect(signInHeading(page)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Email').fill('olivia@demo.example');
    await page.getByRole('button', { name: 'Send sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expectNoAxeViolations(page);

    await waitForMailboxCount(page, before + 1);
    await expectNoAxeViolations(page); // the mailbox list, with the message in it
    await openNewestMessage(page);
    // The message body is the e-mail's own HTML in a script-less sandbox, where axe cannot run.
    await expectNoAxeViolations(page, { exclude: ['iframe[title="Message body"]'] });
    const link = await readSignInLink(page);
    expect(new URL(link).searchParams.get('email')).toBe('olivia@demo.example');

    await page.goto(link);
    await expect(panelHeading(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Switch account' })).toContainText('Northwind Labs');
    await expectNoAxeViolations(page);

    // Single use: the same link no longer works, even in another browser.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(unusableLinkHeading(otherPage)).toBeVisible();
    await expect(panelHeading(otherPage)).toHaveCount(0);
    await other.close();
  });

  test('a malformed address gets an inline error and no e-mail', async ({ page }) => {
    const before = await mailboxCount(page);

    await page.goto('/sign-in');
    const email = page.getByLabel('Email');
    await email.fill('olivia@@demo');
    await page.getByRole('button', { name: 'Send sign-in link' }).click();

    await expect(signInHeading(page)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toHaveCount(0);
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/valid e-?mail/i)).toBeVisible();

    // A valid request afterwards is the only new message: the malformed one queued nothing
    // (the worker takes jobs in order, so it would have arrived first).
    await email.fill('adam@demo.example');
    await page.getByRole('button', { name: 'Send sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await waitForMailboxCount(page, before + 1);
    await openNewestMessage(page);
    expect(new URL(await readSignInLink(page)).searchParams.get('email')).toBe('adam@demo.example');
  });

  test('a tampered link is refused', async ({ page }) => {
    const link = new URL(await requestMagicLink(page, 'olivia@demo.example'));
    const token = link.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(0);
    link.searchParams.set('token', `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`);

    await page.goto(link.toString());
    await expect(unusableLinkHeading(page)).toBeVisible();
    await expect(panelHeading(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

test.describe('access', () => {
  test('the panel sends visitors without a session to sign-in', async ({ page }) => {
    await page.goto(`/accounts/${randomUUID()}/notifications`);
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(signInHeading(page)).toBeVisible();
  });

  test('demo sign-in reaches the panel', async ({ page }) => {
    await signInAs(page, 'Olivia Owner');
    await expect(panelHeading(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Switch account' })).toContainText('Northwind Labs');
  });

  test('switching to a reseller account shows its settings', async ({ page }) => {
    await signInAs(page, 'Olivia Owner');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const switcher = page.getByRole('button', { name: 'Switch account' });
    await expect(switcher).toContainText('Northwind Labs');
    await expect(nav.getByRole('link', { name: 'Account Notifications' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Notification Settings' })).toHaveCount(0);
    const northwindUrl = page.url();

    await switcher.click();
    await page.getByRole('menuitem', { name: /Skyline Reseller/ }).click();

    await expect(switcher).toContainText('Skyline Reseller');
    await expect(page).not.toHaveURL(northwindUrl);
    await expect(panelHeading(page)).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Notification Settings' })).toBeVisible();
  });

  test("another account's pages are not found", async ({ page, browser }) => {
    // Carl owns Acme Corp, which Olivia does not belong to.
    const carlContext = await browser.newContext();
    const { accountId: acmeId } = await signInAs(await carlContext.newPage(), 'Carl Customer');
    await carlContext.close();

    await signInAs(page, 'Olivia Owner');
    for (const path of [
      `/accounts/${acmeId}/notifications`,
      `/accounts/${randomUUID()}/notifications`,
      '/accounts/not-an-account/notifications',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
      await expect(page.getByText('Acme Corp')).toHaveCount(0);
      await expect(panelHeading(page)).toHaveCount(0);
    }
  });

  test('signing out ends the session', async ({ page }) => {
    await signInAs(page, 'Olivia Owner');
    const panelUrl = page.url();

    await signOut(page);
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);

    await page.goto(panelUrl);
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(signInHeading(page)).toBeVisible();
  });
});
