// Issue 21: the seeds' help pages, followed step by step in the panel as a new user would.
// One test per point of the issue; each leaves the demo data as it found it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { addDialog, openNotifications, removeDialog, subscriberRow, tabTo } from '../fixtures/notifications';

const SERVICES = 'Services and facilities';
const MAINTENANCE = 'Scheduled maintenance';
const AGREEMENT = 'Account and agreement';
const PHONE = { width: 390, height: 844 };

const telegramBlock = (page: Page) => page.getByRole('region', { name: 'Telegram' });
const recipientChips = (dialog: Locator, field: 'To' | 'CC') => dialog.getByRole('list', { name: `${field} recipients` }).getByRole('listitem');

test('1. seed 001: the menu in the upper right corner → Profile & Settings → Account Notifications', async ({ page }, testInfo) => {
  await signInAs(page, 'Olivia Owner');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Profile & Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Profile & Settings', level: 1 })).toBeVisible();

  // The person's own name, e-mail, language and Telegram.
  const details = page.getByRole('region', { name: 'Personal details' });
  const name = details.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveValue('Olivia Owner');
  await expect(details.getByText('olivia@demo.example').first()).toBeVisible();
  await expect(details.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
  await expect(telegramBlock(page)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your accounts' })).toContainText('Skyline Reseller');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('1-profile-desktop.png'), fullPage: true });

  // A name that is only spaces is refused with a message, and nothing is saved.
  const save = details.getByRole('button', { name: 'Save name' });
  await expect(save).toBeDisabled();
  await name.fill('   ');
  await save.click();
  await expect(details.getByText('Enter your name.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');

  // A new name is saved and shows in the header's menu; then the old one comes back.
  await name.fill('Olivia  Q. Owner ');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Your name is now Olivia Q. Owner.' })).toBeVisible();
  await expect(name).toHaveValue('Olivia Q. Owner');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await expect(page.getByRole('menu')).toContainText('Olivia Q. Owner');
  await page.keyboard.press('Escape');
  await name.fill('Olivia Owner');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Your name is now Olivia Owner.' })).toBeVisible();

  // Step 2 of the seed: Go to Account Notifications.
  await page.setViewportSize(PHONE);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('1-profile-390.png'), fullPage: true });
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Account Notifications/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Account Notifications', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/notifications$/);
});

test('2. Telegram: one chat for all accounts, so Bianca connects from Acme Corp, where she is not subscribed', async ({ page }, testInfo) => {
  await signInAs(page, 'Bianca Billing');
  await openNotifications(page, '', 'Acme Corp');
  const block = telegramBlock(page);
  await expect(block.getByText('Not connected', { exact: true })).toBeVisible();
  await expect(block.getByText('Not available')).toHaveCount(0);
  // Where the chat will deliver, and why not here.
  await expect(block).toContainText('The chat will receive Balance and payments notifications of');
  await expect(block).toContainText('Northwind Labs');
  await expect(block).toContainText('Not of Acme Corp: you are not subscribed to Balance and payments here.');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('2-telegram-acme.png'), fullPage: true });

  await block.getByRole('button', { name: 'Connect' }).click();
  const token = new URL((await block.getByRole('link', { name: /^https:\/\/t\.me\/\w+\?start=/ }).getAttribute('href')) ?? '').searchParams.get('start');
  expect(token).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
  const [simulator] = await Promise.all([page.waitForEvent('popup'), block.getByRole('link', { name: 'Open the Telegram simulator' }).click()]);
  await expect(simulator.getByRole('textbox', { name: 'Message' })).toHaveValue(`/start ${token}`);
  await simulator.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    simulator
      .getByRole('region', { name: 'Chat messages' })
      .getByText('Connected. Balance and payments notifications from Nimbus Cloud for Northwind Labs will arrive in this chat.', { exact: false })
      .last(),
  ).toBeVisible();
  await simulator.close();
  await expect(block.getByText(/^Connected as @\w+/)).toBeVisible();
  await expect(block).toContainText('The chat receives Balance and payments notifications of');
  await page.screenshot({ path: testInfo.outputPath('2-telegram-acme-connected.png'), fullPage: true });

  // Seed 001, "Turn off notifications in Telegram": In the Telegram block, click Disable.
  await block.getByRole('button', { name: 'Disable', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Disable Telegram notifications?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(block.getByText('Not connected', { exact: true })).toBeVisible();
});

test('3. project members are shown by their project roles and projects, never as "Project user"', async ({ page }, testInfo) => {
  await signInAs(page, 'Olivia Owner');
  await openNotifications(page, '?category=scheduled_maintenance');
  const paula = subscriberRow(page, MAINTENANCE, 'Paula Projectadmin');
  await expect(paula.getByText('Project Administrator · Web shop').filter({ visible: true })).toBeVisible();
  const victor = subscriberRow(page, MAINTENANCE, 'Victor Supervisor');
  await expect(victor.getByText('Project Administrator · Analytics').filter({ visible: true })).toBeVisible();
  await expect(victor.getByText('Project Supervisor · Web shop').filter({ visible: true })).toBeVisible();
  await expect(page.getByText(/Project user/)).toHaveCount(0);

  await page.goto(page.url().replace(/\?.*$/, '?category=services'));
  await page.getByRole('button', { name: 'Add recipients' }).click();
  const dialog = addDialog(page, SERVICES);
  await dialog.getByRole('searchbox', { name: 'Search users' }).fill('Victor');
  const victorBox = dialog.getByRole('checkbox', { name: /Victor Supervisor/ });
  await expect(victorBox).toBeVisible();
  // Victor is in the list before the search too: wait for its answer (nobody else left), or axe may meet
  // the list dimming as the debounced search starts.
  await expect(dialog.getByRole('checkbox', { name: /^(?![\s\S]*Victor)/ })).toHaveCount(0);
  await expect(victorBox).toHaveAccessibleName(/Project Administrator · Analytics Project Supervisor · Web shop$/);
  await expect(dialog.getByText(/Project user/)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('3-add-recipients.png') });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: testInfo.outputPath('3-add-recipients-390.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('4. the seeds’ words: Services and facilities, crashes and outages, ordering new infrastructure, Delete', async ({ page }) => {
  await signInAs(page, 'Olivia Owner');
  const path = await openNotifications(page, '?category=services');
  await expect(page.getByRole('tab', { name: /^Services and facilities/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: SERVICES, level: 2 })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: /^Services and facilities/ })).toContainText('Ordering new infrastructure');

  // Seed 000/001, "Unsubscribe": in the row, click the button, enter the user's e-mail, press Delete.
  await page.getByRole('button', { name: `Delete Adam Admin from ${SERVICES}` }).click();
  const dialog = removeDialog(page, 'Adam Admin');
  await expect(dialog).toHaveAccessibleName(`Delete Adam Admin from ${SERVICES}?`);
  await expect(dialog.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`${path}?category=scheduled_maintenance`);
  const panel = page.getByRole('tabpanel', { name: /^Scheduled maintenance/ });
  await expect(panel).toContainText('accidents and malfunctions');
  await expect(panel).toContainText('Crashes and outages');
  // (Telegram's Disable is followed in test 2.)
});

test('5. seed 002: the Edit dialog shows where each role in To and CC goes, and says when it goes nowhere', async ({ page }, testInfo) => {
  const { accountId } = await signInAs(page, 'Rita Reseller');
  const events = `/accounts/${accountId}/settings/notifications/events`;
  await page.goto(events);
  await page.getByRole('button', { name: 'Edit Payments – automatic card payment failed' }).click();
  let dialog = page.getByRole('dialog', { name: 'Payments – automatic card payment failed' });
  await expect(dialog).toBeVisible();
  // Filled in as the seed says, with the first customer's (Acme Corp's) and the reseller's addresses.
  await expect(recipientChips(dialog, 'To')).toHaveText([
    /^Customer billing contact\s*Bianca Billing <bianca@demo\.example>/,
    /^Customer primary contact\s*Carl Customer <carl@demo\.example>/,
  ]);
  await expect(recipientChips(dialog, 'CC')).toHaveText([
    /^Reseller billing contact\s*Skyline Accounts <accounts@skyline\.example>/,
    /^Reseller primary contact\s*Rita Reseller <rita@demo\.example>/,
  ]);
  await expect(dialog.getByText('your first customer')).toBeVisible();
  await expect(dialog).toContainText('Acme Corp');
  // A role added by hand shows its address at once.
  await dialog.getByRole('button', { name: 'Add contact role to CC' }).click();
  await page.getByRole('menuitem', { name: 'Customer account manager' }).click();
  await expect(recipientChips(dialog, 'CC').last()).toHaveText(/^Customer account manager\s*Alex Acme <alex@acme\.example>/);
  await expectNoAxeViolations(page, { exclude: ['iframe[title="E-mail preview"]'] });
  await page.screenshot({ path: testInfo.outputPath('5-edit-desktop.png') });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: testInfo.outputPath('5-edit-390.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Without an account manager, the role goes nowhere, and the dialog says so.
  await page.goto(`/accounts/${accountId}/settings/contacts`);
  const contacts = page.getByRole('form', { name: 'Contacts of Skyline Reseller' });
  const manager = contacts.getByRole('group', { name: 'Account manager' });
  await manager.getByRole('textbox', { name: /^Name/ }).fill('');
  await manager.getByRole('textbox', { name: /^E-mail/ }).fill('');
  await contacts.getByRole('button', { name: 'Save contacts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contacts saved (1 change).' })).toBeVisible();
  try {
    await page.goto(events);
    await page.getByRole('button', { name: 'Edit Quotes – accepted' }).click();
    dialog = page.getByRole('dialog', { name: 'Quotes – accepted' });
    await expect(recipientChips(dialog, 'To')).toHaveText([/^Reseller account manager\s*No address: Skyline Reseller has no account manager/]);
    await page.screenshot({ path: testInfo.outputPath('5-edit-missing.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await page.goto(`/accounts/${accountId}/settings/contacts`);
    await manager.getByRole('textbox', { name: /^Name/ }).fill('Olivia Owner');
    await manager.getByRole('textbox', { name: /^E-mail/ }).fill('olivia@demo.example');
    await contacts.getByRole('button', { name: 'Save contacts' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Contacts saved (1 change).' })).toBeVisible();
  }
});

test('6. focus is back on the trigger before the next task after a dialog closes', async ({ page }) => {
  await signInAs(page, 'Olivia Owner');
  // A category whose name the seeds and the panel always agreed on.
  await openNotifications(page, '?category=account_agreement');
  const addButton = page.getByRole('button', { name: 'Add recipients' });
  await tabTo(page, addButton);
  await page.keyboard.press('Enter');
  const dialog = addDialog(page, AGREEMENT);
  await expect(dialog.getByRole('searchbox', { name: 'Search users' })).toBeFocused();

  // Escape, then look before any other task (a key press, say) can run: focus must not be on <body>.
  const focusedNextTask = await page.evaluate(async () => {
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const focused = document.activeElement;
    return focused === document.body ? '<body>' : (focused?.textContent?.trim() ?? focused?.tagName);
  });
  expect(focusedNextTask).toBe('Add recipients');
  await expect(dialog).toBeHidden();

  // And with real keys: Enter, Escape, Tab at once goes on from the trigger, not from the top of the page.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('searchbox', { name: 'Search users' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: `Search subscribers of ${AGREEMENT}` })).toBeFocused();
});

test('7. on a phone every navigation entry is on screen', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  try {
    await signInAs(page, 'Rita Reseller');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const links = nav.getByRole('link');
    await expect(links).toHaveText(['Users', 'Account Notifications', 'Delivery log', 'Notification Settings', 'Contacts']);
    for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 });
    // Nothing to scroll sideways, in the menu or on the page.
    expect(await nav.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('7-nav-390.png') });
    await nav.getByRole('link', { name: 'Contacts' }).click();
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);
  } finally {
    await context.close();
  }
});
