import { expect, test } from '@playwright/test';
import { signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { mailboxCount, openNewestMessage, waitForMailboxCount } from '../fixtures/mailbox';
import {
  addDialog,
  categoryTab,
  categoryTabs,
  confirmEmailBox,
  openNotifications,
  recipientCount,
  removeDialog,
  removeRecipient,
  subscriberRow,
  subscribersTable,
  unsubscribedSubject,
} from '../fixtures/notifications';

// One database serves every spec of the run. These tests use filler users of Northwind Labs
// that no other spec touches, and each one removes again whom it subscribed.

const BALANCE = 'Balance and payments';

test.describe('Account Notifications as the Owner', () => {
  test('adds two recipients, deletes one after typing the e-mail, and the removed user is mailed', async ({ page }, testInfo) => {
    const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name), fullPage: true });
    const mailsBefore = await mailboxCount(page, unsubscribedSubject(BALANCE));
    await signInAs(page, 'Olivia Owner');
    const path = await openNotifications(page);

    await categoryTab(page, BALANCE).click();
    await expect(categoryTab(page, BALANCE)).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/[?&]category=balance_payments/);
    const table = subscribersTable(page, BALANCE);
    // The Owner comes first, locked: no Delete for them.
    await expect(table.getByRole('row').nth(1)).toContainText('Olivia Owner');
    await expect(table.getByRole('row').nth(1)).toContainText('Locked');
    await expect(page.getByRole('button', { name: /^Delete Olivia Owner/ })).toHaveCount(0);
    await expect(subscriberRow(page, BALANCE, 'Bianca Billing')).toBeVisible();
    await expectNoAxeViolations(page);
    await shot('1-owner-balance.png');
    const before = await recipientCount(page, BALANCE);

    // Add: search, pick two people, "Add 2".
    await page.getByRole('button', { name: 'Add recipients' }).click();
    const dialog = addDialog(page, BALANCE);
    await expect(dialog).toBeVisible();
    const search = dialog.getByRole('searchbox', { name: 'Search users' });
    await expect(search).toBeFocused();
    await expect(dialog.getByRole('checkbox').first()).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
    await expectNoAxeViolations(page);
    await shot('2-add-dialog.png');

    await search.fill('Omar Meyer');
    await dialog.getByRole('checkbox', { name: /Omar Meyer/ }).check();
    await search.fill('Maria Novak');
    await expect(dialog.getByRole('checkbox', { name: /Omar Meyer/ })).toHaveCount(0);
    await dialog.getByRole('checkbox', { name: /Maria Novak/ }).check();
    await expect(dialog.getByText('2 selected')).toBeVisible();
    await expect(dialog.getByText('Also selected, not in this search: Omar Meyer')).toBeVisible();
    await shot('3-add-two-selected.png');
    await search.fill('nobody-by-this-name');
    await expect(dialog.getByText('No eligible users match “nobody-by-this-name”.')).toBeVisible();
    await expectNoAxeViolations(page);
    await shot('4-add-no-match.png');
    await dialog.getByRole('button', { name: 'Add 2', exact: true }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Added 2 recipients to ${BALANCE}.` })).toBeVisible();
    await expect(subscriberRow(page, BALANCE, 'Omar Meyer')).toContainText('omar.meyer.4@example.com');
    await expect(subscriberRow(page, BALANCE, 'Maria Novak')).toBeVisible();
    await expect(table.getByRole('row').nth(1)).toContainText('Olivia Owner');
    expect(await recipientCount(page, BALANCE)).toBe(before + 2);
    await expectNoAxeViolations(page);
    await shot('5-added-flash.png');

    // Delete: the button stays disabled until the user's e-mail is typed.
    await page.getByRole('button', { name: `Delete Maria Novak from ${BALANCE}` }).click();
    const confirm = removeDialog(page, 'Maria Novak');
    const typed = confirmEmailBox(confirm);
    const remove = confirm.getByRole('button', { name: 'Delete', exact: true });
    await expect(typed).toBeFocused();
    await expect(remove).toBeDisabled();
    await expectNoAxeViolations(page);
    await shot('6-delete-empty.png');
    await typed.fill('maria.novak');
    await expect(remove).toBeDisabled();
    await typed.fill('omar.meyer.4@example.com');
    await expect(remove).toBeDisabled();
    await typed.fill('maria.novak.13@example.com');
    await expect(remove).toBeEnabled();
    await expect(confirm.getByText('The e-mail matches.')).toBeVisible();
    await expectNoAxeViolations(page);
    await shot('7-delete-enabled.png');
    await remove.click();

    await expect(confirm).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: `Maria Novak was unsubscribed from ${BALANCE} and has been notified by e-mail.` }),
    ).toBeVisible();
    await expect(subscriberRow(page, BALANCE, 'Maria Novak')).toHaveCount(0);
    await expect(subscriberRow(page, BALANCE, 'Omar Meyer')).toBeVisible();
    // The row and its button are gone: focus goes to the category's heading, not to the page's top.
    await expect(page.getByRole('heading', { name: BALANCE, level: 2 })).toBeFocused();
    expect(await recipientCount(page, BALANCE)).toBe(before + 1);
    await shot('8-deleted-flash.png');

    // The removed user gets the notice, saying from what and by whom.
    await waitForMailboxCount(page, mailsBefore + 1, unsubscribedSubject(BALANCE));
    await openNewestMessage(page, unsubscribedSubject(BALANCE));
    await expect(page.getByText('maria.novak.13@example.com', { exact: true })).toBeVisible();
    await expect(
      page
        .frameLocator('iframe[title="Message body"]')
        .getByText(/Olivia Owner \(olivia@demo\.example\) unsubscribed you from the category Balance and payments in the account Northwind Labs/),
    ).toBeVisible();

    // Put the account back as it was for the other specs.
    await page.goto(`${path}?category=balance_payments`);
    await removeRecipient(page, BALANCE, 'Omar Meyer', 'omar.meyer.4@example.com');
    expect(await recipientCount(page, BALANCE)).toBe(before);

    // The audit log lists every change: when, who, what, from where (newest first).
    await page.getByRole('tablist', { name: 'Account Notifications sections' }).getByRole('tab', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/[?&]tab=audit/);
    const log = page.getByRole('table', { name: /Changes to notification subscriptions/ });
    const rows = log.getByRole('row');
    await expect(rows.nth(1)).toContainText(`Removed Omar Meyer from ${BALANCE}`);
    await expect(rows.nth(2)).toContainText(`Removed Maria Novak from ${BALANCE}`);
    const added = log.getByRole('row').filter({ hasText: /Added (Omar Meyer|Maria Novak) to Balance and payments/ });
    await expect(added).toHaveCount(2);
    for (const row of [rows.nth(1), rows.nth(2), added.first(), added.last()]) {
      await expect(row.getByRole('cell').nth(1)).toHaveText('Olivia Owner');
      await expect(row.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    }
    await expectNoAxeViolations(page);
    await shot('9-audit-log.png');
  });

  test('a Subscriber is offered only for Accounting documents and Balance and payments', async ({ page }) => {
    await signInAs(page, 'Olivia Owner');
    // Jon Meyer is a Subscriber; Alex Silva an Account Administrator.
    for (const [query, title, offered] of [
      ['?category=services', 'Services and facilities', false],
      ['?category=account_agreement', 'Account and agreement', false],
      ['?category=accounting_documents', 'Accounting documents', true],
    ] as const) {
      await openNotifications(page, query);
      await page.getByRole('button', { name: 'Add recipients' }).click();
      const dialog = addDialog(page, title);
      const search = dialog.getByRole('searchbox', { name: 'Search users' });
      await search.fill('Jon Meyer');
      if (offered) await expect(dialog.getByRole('checkbox', { name: /Jon Meyer/ })).toBeVisible();
      else await expect(dialog.getByText('No eligible users match “Jon Meyer”.')).toBeVisible();
      await search.fill('Alex Silva');
      await expect(dialog.getByRole('checkbox', { name: /Alex Silva/ })).toBeVisible();
      // Cancel forgets the search and the selection.
      await dialog.getByRole('checkbox', { name: /Alex Silva/ }).check();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await page.getByRole('button', { name: 'Add recipients' }).click();
      await expect(dialog.getByRole('searchbox', { name: 'Search users' })).toHaveValue('');
      await expect(dialog.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
  });

  test('the selected category is in the URL: a link opens it and a reload keeps it', async ({ page }) => {
    await signInAs(page, 'Olivia Owner');
    const path = await openNotifications(page);
    // Without a category the first one is open.
    await page.goto(path);
    await expect(categoryTab(page, 'Account and agreement')).toHaveAttribute('aria-selected', 'true');

    await page.goto(`${path}?category=services`);
    await expect(categoryTab(page, 'Services and facilities')).toHaveAttribute('aria-selected', 'true');
    await expect(categoryTab(page, 'Account and agreement')).toHaveAttribute('aria-selected', 'false');
    await expect(page.getByRole('heading', { name: 'Services and facilities', level: 2 })).toBeVisible();
    await expect(subscribersTable(page, 'Services and facilities')).toBeVisible();
    await expect(page.getByRole('tabpanel', { name: /^Services and facilities/ })).toBeVisible();

    await categoryTab(page, 'Scheduled maintenance').click();
    await expect(page).toHaveURL(/[?&]category=scheduled_maintenance/);
    await expect(page.getByRole('heading', { name: 'Scheduled maintenance', level: 2 })).toBeVisible();
    await page.reload();
    await expect(categoryTab(page, 'Scheduled maintenance')).toHaveAttribute('aria-selected', 'true');
    await expect(subscriberRow(page, 'Scheduled maintenance', 'Paula Projectadmin')).toBeVisible();

    // An unknown category falls back to the first one rather than failing.
    await page.goto(`${path}?category=no-such-category`);
    await expect(categoryTab(page, 'Account and agreement')).toHaveAttribute('aria-selected', 'true');
  });

  test('arrow keys, Home and End move between the tabs; Enter opens one', async ({ page }) => {
    await signInAs(page, 'Olivia Owner');
    await openNotifications(page, '?category=accounting_documents');
    const tabs = categoryTabs(page).getByRole('tab');
    await expect(tabs).toHaveCount(5);
    // One tab stop: only the selected tab is in the Tab order.
    await expect(categoryTabs(page).locator('[tabindex="0"]')).toHaveCount(1);

    await categoryTab(page, 'Accounting documents').focus();
    await page.keyboard.press('ArrowRight');
    await expect(categoryTab(page, BALANCE)).toBeFocused();
    await page.keyboard.press('End');
    await expect(categoryTab(page, 'Services and facilities')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(categoryTab(page, 'Account and agreement')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(categoryTab(page, 'Services and facilities')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(categoryTab(page, 'Account and agreement')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(categoryTab(page, BALANCE)).toBeFocused();
    // Moving focus does not open a tab; Enter does.
    await expect(categoryTab(page, 'Accounting documents')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]category=balance_payments/);
    await expect(categoryTab(page, BALANCE)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: BALANCE, level: 2 })).toBeVisible();

    // The section tabs work the same way.
    const sections = page.getByRole('tablist', { name: 'Account Notifications sections' });
    await sections.getByRole('tab', { name: 'User subscriptions' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(sections.getByRole('tab', { name: 'Audit log' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/[?&]tab=audit/);
    await expect(sections.getByRole('tab', { name: 'Audit log' })).toHaveAttribute('aria-selected', 'true');
  });

  test('search narrows the list of subscribers', async ({ page }, testInfo) => {
    await signInAs(page, 'Olivia Owner');
    await openNotifications(page, '?category=accounting_documents');
    const title = 'Accounting documents';
    const search = page.getByRole('searchbox', { name: `Search subscribers of ${title}` });
    await expect(subscriberRow(page, title, 'Bianca Billing')).toBeVisible();
    await expect(subscriberRow(page, title, 'Sam Subscriber')).toBeVisible();

    await search.fill('sam');
    await expect(subscriberRow(page, title, 'Bianca Billing')).toHaveCount(0);
    await expect(subscriberRow(page, title, 'Sam Subscriber')).toBeVisible();
    await expect(subscriberRow(page, title, 'Olivia Owner')).toHaveCount(0);
    await expect(page.getByText(/^1 of \d+ recipients matches “sam”$/)).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=sam/);

    // By e-mail too; the Owner is listed when they match.
    await search.fill('olivia@demo');
    await expect(subscriberRow(page, title, 'Olivia Owner')).toBeVisible();
    await expect(subscriberRow(page, title, 'Sam Subscriber')).toHaveCount(0);

    await search.fill('nobody-by-this-name');
    await expect(page.getByRole('heading', { name: 'No recipients match “nobody-by-this-name”' })).toBeVisible();
    await expect(subscribersTable(page, title)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath('search-no-match.png'), fullPage: true });

    await search.fill('');
    await expect(subscriberRow(page, title, 'Bianca Billing')).toBeVisible();
    await expect(page).not.toHaveURL(/[?&]q=/);
  });
});
