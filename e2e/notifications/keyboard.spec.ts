import { expect, test } from '@playwright/test';
import { signInAs } from '../fixtures/auth';
import {
  addDialog,
  confirmEmailBox,
  openNotifications,
  removeDialog,
  subscriberRow,
  tabTo,
} from '../fixtures/notifications';

// Adds and deletes a recipient with the keyboard alone, from the top of the page. Uses a
// filler user no other spec touches and leaves the account as it found it.

const SERVICES = 'Services and facilities';

test('keyboard only: add a recipient and delete them again', async ({ page }, testInfo) => {
  await signInAs(page, 'Olivia Owner');
  await openNotifications(page, '?category=services');
  await expect(subscriberRow(page, SERVICES, 'Adam Admin')).toBeVisible();

  // From the top of the freshly loaded page. Escape closes the dialog and gives focus back to the button that opened it.
  const addButton = page.getByRole('button', { name: 'Add recipients' });
  await tabTo(page, addButton);
  await page.keyboard.press('Enter');
  const dialog = addDialog(page, SERVICES);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(addButton).toBeFocused();

  // Add: Enter opens, type to search, Tab to the checkbox, Space ticks it, Tab to "Add 1", Enter.
  await page.keyboard.press('Enter');
  const search = dialog.getByRole('searchbox', { name: 'Search users' });
  await expect(search).toBeFocused();
  await page.keyboard.type('Nora Novak');
  const checkbox = dialog.getByRole('checkbox', { name: /Nora Novak/ });
  await expect(checkbox).toBeVisible();
  await expect(dialog.getByRole('checkbox')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(checkbox).toBeFocused();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('1-keyboard-add.png') });
  const add = dialog.getByRole('button', { name: 'Add 1', exact: true });
  await tabTo(page, add, 5);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(addButton).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: `Added 1 recipient to ${SERVICES}.` })).toBeVisible();
  await expect(subscriberRow(page, SERVICES, 'Nora Novak')).toBeVisible();

  // Delete: Tab to the row's button, Enter; focus is in the e-mail box; Enter with an incomplete
  // e-mail does nothing; the whole e-mail and Enter delete.
  const deleteButton = page.getByRole('button', { name: `Delete Nora Novak from ${SERVICES}` });
  await tabTo(page, deleteButton);
  await page.keyboard.press('Enter');
  const confirm = removeDialog(page, 'Nora Novak');
  await expect(confirm).toBeVisible();
  await expect(confirmEmailBox(confirm)).toBeFocused();
  await page.keyboard.type('nora.novak');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await page.keyboard.type('.20@example.com');
  await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('2-keyboard-delete.png') });
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(subscriberRow(page, SERVICES, 'Nora Novak')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `Nora Novak was unsubscribed from ${SERVICES}` })).toBeVisible();
  // Focus is kept on the page, at the category, so the next Tab continues from there.
  await expect(page.getByRole('heading', { name: SERVICES, level: 2 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(addButton).toBeFocused();
});

// The header's menus load their code on first use (components/ui/on-demand.tsx): from a freshly
// loaded page, the keys must still open them, move into them and give focus back when they close.
test('keyboard only: the header menus open on first use and give focus back', async ({ page }) => {
  await signInAs(page, 'Olivia Owner');
  await openNotifications(page);

  const switcher = page.getByRole('button', { name: /^Switch account/ });
  await expect(switcher).toHaveAttribute('aria-expanded', 'false');
  await tabTo(page, switcher);
  await page.keyboard.press('ArrowDown');
  const accounts = page.getByRole('menu');
  await expect(accounts.getByRole('menuitem', { name: /Skyline Reseller/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(accounts.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(accounts).toBeHidden();
  await expect(switcher).toBeFocused();
  await expect(switcher).toHaveAttribute('aria-expanded', 'false');

  const userMenu = page.getByRole('button', { name: 'Account menu' });
  await tabTo(page, userMenu);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(userMenu).toBeFocused();
});
