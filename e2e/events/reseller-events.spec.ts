// Reseller event notifications (seed 002) in a real browser: switch an event
// on, edit its CC with a live preview, send a test into the local mailbox,
// then publish the event through the API and find the branded e-mail.
import { expect, test } from '@playwright/test';
import { E2E_API_KEY } from '../fixtures/api';
import { signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';
import { openMessageWhenItArrives } from '../fixtures/mailbox';

test.describe.configure({ mode: 'serial' });

const EVENT = 'Quotes – accepted';
const ADDED_CC = 'quotes-team@skyline.example';
const previewFrame = 'iframe[title="E-mail preview"]';

let accountId: string;

test('a reseller switches Quotes – accepted on, edits its CC with a live preview and sends a test', async ({ page }, testInfo) => {
  ({ accountId } = await signInAs(page, 'Rita Reseller'));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Notification Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Notification Settings', level: 1 })).toBeVisible();

  // Seven groups, every event off by default.
  for (const group of ['Invoices', 'Offers', 'Organizations', 'Payments', 'Quotes', 'Subscriptions', 'Users']) {
    await expect(page.getByRole('heading', { name: group, level: 2 })).toBeVisible();
  }
  await expect(page.getByRole('switch', { name: /^Email for / })).toHaveCount(31);
  await expect(page.getByRole('switch', { checked: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('1-events.png'), fullPage: true });

  // Toggling is immediate and survives a reload.
  const toggle = page.getByRole('switch', { name: `Email for ${EVENT}` });
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByRole('region', { name: 'Quotes' }).getByText('1 of 5 on')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('switch', { name: `Email for ${EVENT}` })).toBeChecked();

  // The dialog opens with the seed's defaults as chips and a preview for a sample customer.
  await page.getByRole('button', { name: `Edit ${EVENT}` }).click();
  const dialog = page.getByRole('dialog', { name: EVENT });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'To recipients' }).getByRole('listitem')).toHaveText([/^Reseller account manager\s*Olivia Owner <olivia@demo\.example>$/]);
  await expect(dialog.getByRole('list', { name: 'CC recipients' }).getByRole('listitem')).toHaveText([/^Reseller primary contact\s*Rita Reseller <rita@demo\.example>$/]);
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect(preview.getByText('Quote Q-2026-0142 was accepted by Acme Corp')).toBeVisible();
  await expect(preview.getByText('Rita Reseller <rita@demo.example>')).toBeVisible();
  await expect(page.frameLocator(previewFrame).getByText('Skyline Reseller').first()).toBeVisible();
  await expect(page.frameLocator(previewFrame).getByText('A quote was accepted')).toBeVisible();

  // Validation: not an address.
  const ccInput = dialog.getByLabel('Add an e-mail address to CC');
  await ccInput.fill('not-an-address');
  await dialog.getByRole('button', { name: 'Add address to CC' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Enter a valid e-mail address' })).toBeVisible();
  await expectNoAxeViolations(page, { exclude: [previewFrame] });
  await page.screenshot({ path: testInfo.outputPath('2-dialog-error.png') });

  // A new CC address: the chip appears and the preview's CC follows.
  await ccInput.fill(ADDED_CC);
  await ccInput.press('Enter');
  await expect(dialog.getByRole('list', { name: 'CC recipients' }).getByRole('listitem')).toHaveText([/^Reseller primary contact/, ADDED_CC]);
  await expect(preview.getByText(ADDED_CC)).toBeVisible();
  // The same address again is refused.
  await ccInput.fill(ADDED_CC.toUpperCase());
  await ccInput.press('Enter');
  await expect(dialog.getByText(`${ADDED_CC} is already in CC.`)).toBeVisible();
  await ccInput.fill('');
  await page.screenshot({ path: testInfo.outputPath('3-dialog-preview.png') });

  // Send test: to the signed-in user only.
  await dialog.getByRole('button', { name: 'Send test' }).click();
  await expect(dialog.getByRole('status')).toContainText('Test e-mail sent to rita@demo.example.');

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Recipients of ${EVENT} saved.` })).toBeVisible();
  await page.reload();
  const row = page.getByRole('row').filter({ has: page.getByRole('heading', { name: EVENT, exact: true }) });
  await expect(row.getByText('Edited')).toBeVisible();
  await expect(row.getByText(`Reseller primary contact, ${ADDED_CC}`)).toBeVisible();

  // The test e-mail is in the local mailbox, branded and marked as a test.
  const body = await openMessageWhenItArrives(page, '[Test] Quote Q-2026-0142 was accepted by Acme Corp');
  await expect(page.getByText('rita@demo.example', { exact: true })).toBeVisible();
  await expect(body.getByText('Test e-mail')).toBeVisible();
  await expect(body.getByText(/on behalf of/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('4-test-mail.png'), fullPage: true });
});

test('an event published through the API reaches exactly the configured recipients, branded with the reseller’s name', async ({ page, request }, testInfo) => {
  await signInAs(page, 'Rita Reseller');
  // The customer's id, from the reseller's contacts page.
  await page.goto(`/accounts/${accountId}/settings/contacts`);
  await expectNoAxeViolations(page);
  const href = await page.getByRole('link', { name: 'Edit contacts of Acme Corp' }).getAttribute('href');
  const customerId = href!.split('/').pop()!;

  const publish = async (event: string, quote: string) => {
    const response = await request.post('/api/v1/events', {
      headers: { authorization: `Bearer ${E2E_API_KEY}`, 'idempotency-key': `e2e-${event}-${quote}` },
      data: {
        event,
        reseller_id: accountId,
        customer_id: customerId,
        initiator: { name: 'Carl Customer', email: 'carl@demo.example' },
        data: { quote_number: quote, amount: '€ 1,200.00' },
      },
    });
    expect(response.status()).toBe(202);
    return response.json();
  };

  const quote = `Q-E2E-${Date.now()}`;
  const sent = await publish('quotes.accepted', quote);
  expect(sent).toMatchObject({ status: 'accepted', outcome: 'sent', recipients: { to: 1, cc: 2 }, missing: [] });
  // A disabled event is accepted and not sent.
  const disabled = await publish('quotes.rejected', quote);
  expect(disabled).toMatchObject({ status: 'accepted', outcome: 'not_sent_disabled', recipients: { to: 0, cc: 0 } });

  const subject = `Quote ${quote} was accepted by Acme Corp`;
  const body = await openMessageWhenItArrives(page, subject);
  // One e-mail: To the reseller's account manager, CC its primary contact and the added address.
  await expect(page.getByText('olivia@demo.example', { exact: true })).toBeVisible();
  await expect(page.getByText(`rita@demo.example, ${ADDED_CC}`, { exact: true })).toBeVisible();
  await expect(body.getByText('on behalf of Skyline Reseller').first()).toBeVisible();
  await expect(body.getByText(/platform notification, sent on behalf of Skyline Reseller/)).toBeVisible();
  await expect(body.getByText('Hello Olivia Owner,')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('5-event-mail.png'), fullPage: true });
  await page.goto('/dev/mailbox');
  await expect(page.getByRole('link', { name: `Quote ${quote} was rejected` })).toHaveCount(0);

  // The delivery log lists the event with every recipient.
  await page.goto(`/accounts/${accountId}/delivery-log`);
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByText(`Reseller event · ${EVENT}`)).toBeVisible();
  await expect(page.getByText('E-mail sent to the recipients below')).toBeVisible();
  for (const address of ['olivia@demo.example', 'rita@demo.example', ADDED_CC]) {
    await expect(page.getByRole('row').filter({ hasText: address })).toBeVisible();
  }
});
