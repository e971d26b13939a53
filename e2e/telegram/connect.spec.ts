import { expect, test, type Page } from '@playwright/test';
import { signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';

// The e2e server runs without TELEGRAM_BOT_TOKEN, so the bot talks to the
// local Telegram simulator at /dev/telegram: the whole flow works offline.

const telegramBlock = (page: Page) => page.getByRole('region', { name: 'Telegram' });

/** Opens the panel on the given account through the account switcher (demo users may land on another one). */
async function openAccount(page: Page, name: string) {
  const switcher = page.getByRole('button', { name: 'Switch account' });
  if (!(await switcher.textContent())?.includes(name)) {
    await switcher.click();
    await page.getByRole('menuitem', { name: new RegExp(name) }).click();
  }
  await expect(switcher).toContainText(name);
  await expect(telegramBlock(page)).toBeVisible();
}

test.describe('Telegram', () => {
  test('a Billing Administrator connects through the simulator, sees it without reloading, and disconnects', async ({
    page,
    browser,
  }, testInfo) => {
    await signInAs(page, 'Bianca Billing');
    await openAccount(page, 'Northwind Labs');
    const block = telegramBlock(page);
    await expect(block.getByText('Not connected', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('1-not-connected.png'), fullPage: true });

    // A marker that a reload would wipe: the page must notice the link by itself.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    await block.getByRole('button', { name: 'Connect' }).click();
    const qr = block.getByRole('img', { name: 'QR code for the Telegram link' });
    await expect(qr).toBeVisible();
    await expect(qr.locator('svg')).toBeVisible();
    const deepLink = block.getByRole('link', { name: /^https:\/\/t\.me\/\w+\?start=/ });
    const href = (await deepLink.getAttribute('href')) ?? '';
    const token = new URL(href).searchParams.get('start') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
    await expect(block.getByText(/Code expires in \d+:\d\d/)).toBeVisible();
    await expect(block.getByRole('button', { name: 'Get a new code' })).toBeVisible();
    await expect(block.getByText('Waiting for you to press Start in Telegram…')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('2-connecting.png'), fullPage: true });

    // The simulator opens in a new tab, pre-filled with /start <token>.
    const [simulator] = await Promise.all([
      page.waitForEvent('popup'),
      block.getByRole('link', { name: 'Open the Telegram simulator' }).click(),
    ]);
    await expect(simulator.getByRole('heading', { name: 'Telegram simulator', level: 1 })).toBeVisible();
    const message = simulator.getByRole('textbox', { name: 'Message' });
    await expect(message).toHaveValue(`/start ${token}`);
    await expectNoAxeViolations(simulator);
    await simulator.getByRole('button', { name: 'Send', exact: true }).click();
    // The simulated chat id is derived from the person, so older runs may have left messages: look at the newest.
    const chat = simulator.getByRole('region', { name: 'Chat messages' });
    await expect(chat.getByText(/^Connected\. Balance and payments notifications/).last()).toBeVisible();
    await expect(simulator.getByText('Linked to Bianca Billing').first()).toBeVisible();
    await simulator.screenshot({ path: testInfo.outputPath('3-simulator.png'), fullPage: true });

    // Back in the panel, without any reload.
    await expect(block.getByText(/^Connected as @\w+/)).toBeVisible();
    await expect(block.getByText('Connected', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('4-connected.png'), fullPage: true });

    await block.getByRole('button', { name: 'Send test message' }).click();
    await expect(block.getByText(/Test message sent to @\w+/)).toBeVisible();
    await simulator.reload();
    await expect(chat.locator('li').last()).toContainText('Test message from Nimbus Cloud');

    // The same code cannot link anything a second time.
    await message.fill(`/start ${token}`);
    await simulator.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(chat.locator('li').last()).toContainText('this link can’t be used');

    await block.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable Telegram notifications?' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(block.getByText('Not connected', { exact: true })).toBeVisible();
    await expect(block.getByRole('button', { name: 'Connect' })).toBeVisible();
    await expect(block.getByText(/Telegram is disconnected/)).toBeVisible();
    await simulator.reload();
    await expect(chat.locator('li').last()).toContainText('now off: you disconnected this chat');
    await simulator.close();

    // The Owner sees both changes in the audit log (newest first).
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await signInAs(ownerPage, 'Olivia Owner');
    await openAccount(ownerPage, 'Northwind Labs');
    await ownerPage.getByRole('tab', { name: 'Audit log' }).click();
    const log = ownerPage.getByRole('table', { name: /Changes to notification subscriptions/ });
    await expect(log.getByRole('row').nth(1)).toContainText('Bianca Billing disconnected Telegram notifications');
    await expect(log.getByRole('row').nth(2)).toContainText('Bianca Billing connected Telegram notifications');
    await owner.close();
  });

  test('a Subscriber sees why Telegram is not available and whom to ask, instead of Connect', async ({ page }, testInfo) => {
    await signInAs(page, 'Sam Subscriber');
    await openAccount(page, 'Northwind Labs');
    const block = telegramBlock(page);
    await expect(block.getByText('Not available', { exact: true })).toBeVisible();
    await expect(block.getByText('Telegram notifications are not available to users with the Subscriber role.')).toBeVisible();
    await expect(block.getByRole('link', { name: 'Olivia Owner' })).toHaveAttribute('href', 'mailto:olivia@demo.example');
    await expect(block.getByRole('link', { name: 'Ursula Useradmin' })).toBeVisible();
    await expect(block.getByRole('button', { name: 'Connect' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('subscriber.png'), fullPage: true });
  });

  test('someone not subscribed to Balance and payments is told whom to ask', async ({ page }) => {
    await signInAs(page, 'Adam Admin');
    await openAccount(page, 'Northwind Labs');
    const block = telegramBlock(page);
    await expect(block.getByText(/you are not subscribed to Balance and payments in any of your accounts/)).toBeVisible();
    await expect(block.getByText(/ask Olivia Owner \(Account Owner\) or Ursula Useradmin \(User Administrator\) to subscribe you/)).toBeVisible();
    await expect(block.getByRole('button', { name: 'Connect' })).toHaveCount(0);
  });
});
