// The engine end to end: a notification published through the API reaches the
// local mailbox, the Telegram simulator and the bell, and shows in the
// delivery log, where a failed delivery can be retried.
import { expect, test, type Page } from '@playwright/test';
import { publishNotification, stageInDatabase } from '../fixtures/api';
import { signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications/ });

async function unread(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

async function connectTelegramThroughSimulator(page: Page) {
  const block = page.getByRole('region', { name: 'Telegram' });
  if (await block.getByText(/^Connected as @\w+/).isVisible()) return;
  await block.getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
  const [simulator] = await Promise.all([page.waitForEvent('popup'), block.getByRole('link', { name: 'Open the Telegram simulator' }).click()]);
  await simulator.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(block.getByText(/^Connected as @\w+/)).toBeVisible();
  await simulator.close();
}

test('a published notification reaches the mailbox, Telegram, the bell and the delivery log; a failed one is retried', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000); // one long journey through five pages and two workers' hand-offs
  const { accountId } = await signInAs(page, 'Olivia Owner');
  await connectTelegramThroughSimulator(page);
  const before = await unread(page);

  const subject = `Balance below zero ${Date.now()}`;
  const published = await publishNotification(request, {
    account_id: accountId,
    type: 'debt',
    subject,
    summary: 'Top up by Friday to keep your services running.',
    data: { balance: '-42.10 EUR' },
  });
  expect(published.status).toBe(202);
  expect(published.body.recipients).toMatchObject({ telegram: 1 });

  // The e-mail, in the local mailbox.
  await page.goto('/dev/mailbox');
  await expect(page.getByRole('link', { name: subject }).first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: subject }).first().click();
  const body = page.frameLocator('iframe[title="Message body"]');
  await expect(body.getByText('-42.10 EUR')).toBeVisible();
  await expect(body.getByText(/Hello (Olivia Owner|Bianca Billing),/)).toBeVisible();

  // The Telegram message, in the simulator.
  await page.goto('/dev/telegram');
  await expect(page.getByRole('region', { name: 'Chat messages' }).getByText(subject).first()).toBeVisible({ timeout: 20_000 });

  // The bell counts it.
  await page.goto(`/accounts/${accountId}/notifications`);
  await expect.poll(() => unread(page)).toBe(before + 1);
  await bell(page).click();
  const centre = page.getByRole('dialog', { name: 'Notifications' });
  await expect(centre.getByText(new RegExp(`^${subject}`))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('1-bell.png') });
  await centre.getByRole('button', { name: `Mark read: ${subject}` }).click();
  await expect.poll(() => unread(page)).toBe(before);
  await page.keyboard.press('Escape');

  // The delivery log lists it with its deliveries.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Delivery log' }).click();
  await expect(page.getByRole('heading', { name: 'Delivery log', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByText('Telegram')).toBeVisible();
  await expect(table.getByText('Sent').first()).toBeVisible({ timeout: 20_000 });

  // Stage a failure the local transports cannot produce: Olivia's e-mail failed eight times.
  const [failed] = await stageInDatabase<{ id: string }>(
    `update deliveries set status = 'failed', attempts = 8, last_error = 'Resend: 503 Service Unavailable'
     where notification_id = $1 and channel = 'email' and address = 'olivia@demo.example'
     returning id`,
    [published.body.id as string],
  );
  expect(failed).toBeTruthy();
  await page.reload();
  await page.getByRole('link', { name: 'Failed' }).click();
  const row = page.getByRole('row', { name: /Olivia Owner/ });
  await expect(row.getByText('Resend: 503 Service Unavailable')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('2-failed.png'), fullPage: true });
  await row.getByRole('button', { name: 'Retry E-mail to Olivia Owner' }).click();
  await expect(page.getByText('Queued again.')).toBeVisible();

  // The worker sends it again: it leaves the Failed filter and shows as sent.
  await page.getByRole('link', { name: 'All' }).click();
  const oliviaEmail = page.getByRole('row', { name: /Olivia Owner.*olivia@demo\.example.*E-mail/ });
  await expect.poll(async () => (await oliviaEmail.textContent()) ?? '', { timeout: 20_000, intervals: [500, 1000] }).toMatch(/Sent/);
  await page.reload();
  await expect(page.getByRole('row', { name: /Olivia Owner.*olivia@demo\.example.*E-mail.*Sent.*9/ })).toBeVisible();
});

test('the delivery log is not there for a Billing Administrator', async ({ page }) => {
  const { accountId } = await signInAs(page, 'Bianca Billing');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Delivery log' })).toHaveCount(0);
  const response = await page.goto(`/accounts/${accountId}/delivery-log`);
  expect(response?.status()).toBe(404);
});
