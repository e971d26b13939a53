// The host platform's directory, end to end: people created through the API
// sign in by magic link and are offered in Add recipients; once the API
// removes one, their open panel no longer shows the account.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_API_KEY } from '../fixtures/api';
import { panelHeading } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { requestMagicLink } from '../fixtures/mailbox';
import { addDialog, categoryTab } from '../fixtures/notifications';

const directory = (request: APIRequestContext, method: 'put' | 'delete', path: string, data?: object) =>
  request[method](`/api/v1${path}`, { headers: { authorization: `Bearer ${E2E_API_KEY}` }, data });

test('a member created through the directory API signs in, is offered in Add recipients, and loses the account when removed', async ({ page, browser, request }) => {
  const run = randomUUID().slice(0, 8);
  const ref = `e2e-${run}`;
  const accountName = `Directory Test ${run}`;
  const ownerEmail = `owner-${run}@directory.example`;
  const memberEmail = `dora-${run}@directory.example`;
  const memberName = `Dora Directory ${run}`;

  expect((await directory(request, 'put', `/accounts/${ref}`, { name: accountName, owner: { email: ownerEmail, name: `Otto Owner ${run}` } })).status()).toBe(201);
  expect((await directory(request, 'put', `/accounts/${ref}/members/${memberEmail}`, { name: memberName, role: 'billing_admin' })).status()).toBe(201);

  // The member signs in by magic link, in a browser of their own, and lands in the account.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(await requestMagicLink(memberPage, memberEmail));
  await expect(panelHeading(memberPage)).toBeVisible();
  await expect(memberPage.getByRole('button', { name: 'Switch account' })).toContainText(accountName);
  const accountPath = new URL(memberPage.url()).pathname;

  // The Owner signs in the same way and finds the member among the people to add.
  await page.goto(await requestMagicLink(page, ownerEmail));
  await expect(panelHeading(page)).toBeVisible();
  await categoryTab(page, 'Balance and payments').click();
  await page.getByRole('button', { name: 'Add recipients' }).click();
  const dialog = addDialog(page, 'Balance and payments');
  await dialog.getByRole('searchbox', { name: 'Search users' }).fill(memberName);
  await expect(dialog.getByRole('checkbox', { name: new RegExp(memberName) })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');

  // The platform removes the member: their open page no longer reaches the account.
  expect((await directory(request, 'delete', `/accounts/${ref}/members/${memberEmail}`)).status()).toBe(204);
  await memberPage.reload();
  await expect(panelHeading(memberPage)).toHaveCount(0);
  await expect(memberPage.getByText(accountName)).toHaveCount(0);
  await memberPage.goto('/');
  await expect(memberPage.getByRole('heading', { name: 'You are not a member of any account yet' })).toBeVisible();
  expect(accountPath).toMatch(/^\/accounts\//);
  await memberContext.close();
});
