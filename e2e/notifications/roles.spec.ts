import { expect, test, type Page } from '@playwright/test';
import { signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { addRecipients, openNotifications, removeRecipient, subscriberRow } from '../fixtures/notifications';

// Who may manage subscriptions and what everyone else sees (SPEC §3): the Owner and User
// Administrators manage; every other role sees their own subscriptions, read-only.

const ALL_CATEGORIES = ['Account and agreement', 'Accounting documents', 'Balance and payments', 'Scheduled maintenance', 'Services and facilities'];

const ownSubscriptions = (page: Page) => page.getByRole('region', { name: 'Your subscriptions' });
const ownCategory = (page: Page, title: string) =>
  ownSubscriptions(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

/** Nothing on the page lets this person change anyone's subscriptions, and there is no audit log for them. */
async function expectReadOnly(page: Page) {
  await expect(page.getByRole('button', { name: 'Add recipients' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Notification categories' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Audit log' })).toHaveCount(0);
  await expect(page.getByText('You can see your own subscriptions')).toBeVisible();
}

test.describe('read-only views', () => {
  test('a Subscriber sees only the two categories they may receive, and no controls', async ({ page }, testInfo) => {
    await signInAs(page, 'Sam Subscriber');
    const path = await openNotifications(page);
    await expect(page.getByText('The e-mail notifications you receive in Northwind Labs, by category.')).toBeVisible();
    await expect(ownSubscriptions(page).getByRole('heading', { level: 3 })).toHaveText(['Accounting documents', 'Balance and payments']);
    await expect(ownCategory(page, 'Accounting documents')).toContainText('Subscribed');
    await expect(ownCategory(page, 'Accounting documents')).toContainText('added by Olivia Owner');
    await expect(ownCategory(page, 'Balance and payments')).toContainText('Not subscribed');
    await expect(page.getByText('As a Subscriber you can receive Accounting documents and Balance and payments only.')).toBeVisible();
    // Whom to ask, with their addresses.
    const alert = page.getByText('Only the Account Owner and User Administrators can subscribe or unsubscribe users.');
    await expect(alert.getByRole('link', { name: 'Olivia Owner' })).toHaveAttribute('href', 'mailto:olivia@demo.example');
    await expect(alert.getByRole('link', { name: 'Ursula Useradmin' })).toHaveAttribute('href', 'mailto:ursula@demo.example');
    await expectReadOnly(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('subscriber.png'), fullPage: true });

    // The manager views are not reachable by URL either.
    for (const query of ['?tab=audit', '?category=services']) {
      await page.goto(`${path}${query}`);
      await expect(ownSubscriptions(page)).toBeVisible();
      await expectReadOnly(page);
      await expect(page.getByRole('table')).toHaveCount(0);
    }
  });

  test('a Billing Administrator sees every category read-only, with their own subscriptions marked', async ({ page }, testInfo) => {
    await signInAs(page, 'Bianca Billing');
    await openNotifications(page);
    await expect(ownSubscriptions(page).getByRole('heading', { level: 3 })).toHaveText(ALL_CATEGORIES);
    await expect(ownCategory(page, 'Accounting documents')).toContainText('Subscribed');
    await expect(ownCategory(page, 'Balance and payments')).toContainText('Subscribed');
    for (const title of ['Account and agreement', 'Scheduled maintenance', 'Services and facilities']) {
      await expect(ownCategory(page, title)).toContainText('Not subscribed');
    }
    await expect(page.getByText(/As a Subscriber/)).toHaveCount(0);
    await expectReadOnly(page);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('billing-admin.png'), fullPage: true });
  });

  test('the narrow mobile layout has no sideways scrolling', async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, 'Olivia Owner');
    for (const query of ['?category=accounting_documents', '?tab=audit']) {
      await openNotifications(page, query);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: testInfo.outputPath(`mobile-owner${query.replace(/\W+/g, '-')}.png`), fullPage: true });
    }
    await page.getByRole('tab', { name: 'User subscriptions' }).click();
    await page.getByRole('button', { name: 'Add recipients' }).click();
    await expect(page.getByRole('dialog').getByRole('checkbox').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('mobile-add-dialog.png') });
    await context.close();
  });
});

test('a User Administrator adds and deletes recipients, and the Owner sees who did it in the audit log', async ({
  page,
  browser,
}, testInfo) => {
  const title = 'Scheduled maintenance';
  await signInAs(page, 'Ursula Useradmin');
  await openNotifications(page, '?category=scheduled_maintenance');
  await expect(page.getByRole('tab', { name: 'Audit log' })).toBeVisible();
  await expect(subscriberRow(page, title, 'Paula Projectadmin')).toBeVisible();
  await addRecipients(page, title, ['Lea Novak']);
  await expect(subscriberRow(page, title, 'Lea Novak')).toContainText('Ursula Useradmin');
  await page.screenshot({ path: testInfo.outputPath('user-admin.png'), fullPage: true });
  await removeRecipient(page, title, 'Lea Novak', 'lea.novak.15@example.com');
  await expect(page.getByRole('status').filter({ hasText: `Lea Novak was unsubscribed from ${title}` })).toBeVisible();

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInAs(owner, 'Olivia Owner');
  await openNotifications(owner, '?tab=audit');
  const rows = owner.getByRole('table', { name: /Changes to notification subscriptions/ }).getByRole('row');
  await expect(rows.nth(1)).toContainText(`Removed Lea Novak from ${title}`);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('Ursula Useradmin');
  await expect(rows.nth(2)).toContainText(`Added Lea Novak to ${title}`);
  await expect(rows.nth(2).getByRole('cell').nth(1)).toHaveText('Ursula Useradmin');
  await ownerContext.close();
});
