import { expect, test, type Browser } from '@playwright/test';
import { stageInDatabase } from '../fixtures/api';
import { panelHeading, signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { openMessageWhenItArrives } from '../fixtures/mailbox';
import { addDialog, openNotifications, tabTo } from '../fixtures/notifications';
import {
  invitationSubject,
  invitationsTable,
  inviteDialog,
  memberRow,
  membersTable,
  newAddress,
  openUsers,
  removedSubject,
} from '../fixtures/users';

// Invites people nobody else uses (fresh addresses), so the seeded members stay as they were.

const OWNER = 'Olivia Owner';
const BALANCE = 'Balance and payments';

/** Invites one address with a role through the dialog, and waits for the page's confirmation. */
async function invite(page: import('@playwright/test').Page, email: string, role: string) {
  await page.getByRole('button', { name: 'Invite users' }).click();
  const dialog = inviteDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('E-mail addresses').fill(email);
  await dialog.getByRole('radio', { name: new RegExp(`^${role}`) }).check();
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Invited 1 person as ${role}.` })).toBeVisible();
  await expect(invitationsTable(page).getByRole('row').filter({ hasText: email })).toBeVisible();
}

/** The "Accept the invitation" link of the newest invitation e-mail. */
async function invitationLink(page: import('@playwright/test').Page) {
  const body = await openMessageWhenItArrives(page, invitationSubject(OWNER));
  const href = await body.getByRole('link', { name: 'Accept the invitation' }).getAttribute('href');
  if (!href) throw new Error('the invitation has no link');
  return href;
}

/** Opens the link in a browser with no session (the invitee's own). */
async function openInFreshBrowser(browser: Browser, href: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(href);
  return { page, close: () => context.close() };
}

test('invite → the e-mail → the link in a fresh browser signs in; the member is listed and can be added as a recipient; the link works once', async ({ page, browser }, testInfo) => {
  const shot = (p: typeof page, name: string) => p.screenshot({ path: testInfo.outputPath(name), fullPage: true });
  const email = newAddress('invitee');
  await signInAs(page, OWNER);
  await openUsers(page);
  await expect(membersTable(page).getByRole('row').nth(1)).toContainText(OWNER);
  await expectNoAxeViolations(page);
  await shot(page, '1-users.png');

  await page.getByRole('button', { name: 'Invite users' }).click();
  await expect(inviteDialog(page)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, '2-invite-dialog.png');
  await page.keyboard.press('Escape');
  await invite(page, email, 'Billing Administrator');
  await expectNoAxeViolations(page);

  const href = await invitationLink(page);
  const invitee = await openInFreshBrowser(browser, href);
  await expect(invitee.page.getByRole('heading', { name: 'Join Northwind Labs' })).toBeVisible();
  await expect(invitee.page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(invitee.page);
  await invitee.page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(panelHeading(invitee.page)).toBeVisible();
  await invitee.close();

  // The Owner sees the new member (and no pending invitation), and can subscribe them.
  await openUsers(page);
  await expect(memberRow(page, email)).toContainText('Billing Administrator');
  await expect(invitationsTable(page).getByRole('row').filter({ hasText: email })).toHaveCount(0);
  await openNotifications(page, '?category=balance_payments');
  await page.getByRole('button', { name: 'Add recipients' }).click();
  const add = addDialog(page, BALANCE);
  await add.getByRole('searchbox', { name: 'Search users' }).fill(email);
  await expect(add.getByRole('checkbox', { name: new RegExp(email) })).toBeVisible();
  await page.keyboard.press('Escape');

  // The same link again, in another fresh browser: refused with a page that says why.
  const again = await openInFreshBrowser(browser, href);
  await expect(again.page.getByRole('heading', { name: 'This invitation was already used' })).toBeVisible();
  await expectNoAxeViolations(again.page);
  await again.close();
});

test('an expired invitation is refused with a page that says so, and Resend gives a new link', async ({ page, browser }) => {
  const email = newAddress('late');
  await signInAs(page, OWNER);
  await openUsers(page);
  await invite(page, email, 'Subscriber');
  const href = await invitationLink(page);
  await stageInDatabase(`update invitations set expires_at = now() - interval '1 minute' where email = $1`, [email]);

  const late = await openInFreshBrowser(browser, href);
  await expect(late.page.getByRole('heading', { name: 'This invitation has expired' })).toBeVisible();
  await expect(late.page.getByText('Invitations are valid for 7 days.', { exact: false })).toBeVisible();
  await expect(late.page.getByRole('button', { name: 'Accept and sign in' })).toHaveCount(0);
  await late.close();

  await openUsers(page);
  const row = invitationsTable(page).getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Expired');
  await page.getByRole('button', { name: `Resend the invitation to ${email}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Sent a new invitation to ${email}.` })).toBeVisible();
  await expect(row).toContainText('Pending');
  await page.getByRole('button', { name: `Revoke the invitation of ${email}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Revoked the invitation of ${email}.` })).toBeVisible();
  await expect(row).toHaveCount(0);
});

test('change a role (the dialog says which subscriptions end first) and remove a member, who is e-mailed', async ({ page, browser }) => {
  const email = newAddress('member');
  await signInAs(page, OWNER);
  await openUsers(page);
  await invite(page, email, 'Account Administrator');
  const invitee = await openInFreshBrowser(browser, await invitationLink(page));
  await invitee.page.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(panelHeading(invitee.page)).toBeVisible();
  await invitee.close();

  await openUsers(page);
  await page.getByRole('button', { name: `Change role of ${email}` }).click();
  const change = page.getByRole('dialog', { name: `Change the role of ${email}` });
  await change.getByLabel('New role').selectOption({ label: 'Subscriber' });
  await expect(change.getByText('their subscriptions to Account and agreement, Scheduled maintenance and Services and facilities end')).toBeVisible();
  await expectNoAxeViolations(page);
  await change.getByRole('button', { name: 'Change role' }).click();
  await expect(change).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${email} is now Subscriber.` })).toBeVisible();
  await expect(memberRow(page, email)).toContainText('Subscriber');

  await page.getByRole('button', { name: `Remove ${email} from the account` }).click();
  const remove = page.getByRole('dialog', { name: `Remove ${email} from Northwind Labs?` });
  const confirm = remove.getByRole('textbox', { name: 'Type the user’s e-mail to confirm' });
  await expect(remove.getByRole('button', { name: 'Remove', exact: true })).toBeDisabled();
  await confirm.fill(email);
  await expectNoAxeViolations(page);
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Removed ${email} from the account.` })).toBeVisible();
  await expect(memberRow(page, email)).toHaveCount(0);
  const mail = await openMessageWhenItArrives(page, removedSubject());
  await expect(mail.getByText('removed you from the account')).toBeVisible();
});

test('keyboard only: invite, then remove the member', async ({ page, browser }) => {
  const email = newAddress('keys');
  await signInAs(page, OWNER);
  await openUsers(page);

  const inviteButton = page.getByRole('button', { name: 'Invite users' });
  await tabTo(page, inviteButton);
  await page.keyboard.press('Enter');
  const dialog = inviteDialog(page);
  await expect(dialog).toBeVisible();
  const addresses = dialog.getByLabel('E-mail addresses');
  await tabTo(page, addresses, 5);
  await page.keyboard.type(email);
  // The first role (Account Administrator) is chosen: Tab into the radio group, arrow to Billing Administrator.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('radio', { name: /^Account Administrator/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /^Billing Administrator/ })).toBeChecked();
  await tabTo(page, dialog.getByRole('button', { name: 'Send invitations' }), 20);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(inviteButton).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Invited 1 person as Billing Administrator.' })).toBeVisible();

  const invitee = await openInFreshBrowser(browser, await invitationLink(page));
  const accept = invitee.page.getByRole('button', { name: 'Accept and sign in' });
  await tabTo(invitee.page, accept);
  await invitee.page.keyboard.press('Enter');
  await expect(panelHeading(invitee.page)).toBeVisible();
  await invitee.close();

  await openUsers(page);
  const removeButton = page.getByRole('button', { name: `Remove ${email} from the account` });
  await tabTo(page, removeButton, 200);
  await page.keyboard.press('Enter');
  const remove = page.getByRole('dialog', { name: `Remove ${email} from Northwind Labs?` });
  const confirm = remove.getByRole('textbox', { name: 'Type the user’s e-mail to confirm' });
  await expect(confirm).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(remove).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Members', level: 2 })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: `Removed ${email} from the account.` })).toBeVisible();
  await expect(memberRow(page, email)).toHaveCount(0);
});

test('people who may not manage users see the list read-only, or a note when they may not see it', async ({ page }) => {
  await signInAs(page, 'Bianca Billing');
  await openUsers(page);
  await expect(page.getByText('Only the Account Owner and User Administrators can invite, change and remove users.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite users' })).toHaveCount(0);
  await expect(membersTable(page).getByRole('button')).toHaveCount(0);
  await expectNoAxeViolations(page);

  await signInAs(page, 'Sam Subscriber');
  await expect(page.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
  await page.goto(page.url().replace(/\/notifications.*$/, '/users'));
  await expect(page.getByText('Only the Account Owner, Account Administrators, Billing Administrators and User Administrators can see the users of the account.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});
