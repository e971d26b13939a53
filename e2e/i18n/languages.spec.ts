import { expect, test, type Page } from '@playwright/test';
import { panelHeading, signInAs } from '../fixtures/auth';
import { expectNoAxeViolations } from '../fixtures/axe';

// Looked at by a person after each run (Russian words are longer): test-results/ is not committed.
const SCREENSHOTS = 'test-results/languages';

const html = (page: Page) => page.locator('html');

/** Nothing wider than the window: no sideways scrolling at this width. */
async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** Screenshots show what a person ends up seeing, not a menu mid-fade. */
async function screenshot(page: Page, name: string, fullPage = false) {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))));
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage });
}

/** Every navigation entry shows its whole name: none is wider than its box, and the sidebar does not scroll sideways. */
async function expectNavigationFits(page: Page, nav: ReturnType<Page['getByRole']>) {
  const clipped = await nav.evaluate((el) => {
    const boxes = [el, el.parentElement!, ...el.querySelectorAll('a')];
    return boxes.filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.textContent?.trim() || b.tagName);
  });
  expect(clipped, 'navigation entries cut off').toEqual([]);
}

async function chooseLanguage(page: Page, menuButton: string, language: string) {
  await page.getByRole('button', { name: menuButton }).click();
  await page.getByRole('menu').getByRole('menuitemradio', { name: language }).click();
}

test('a person switches the panel to Русский in the user menu, and back', async ({ page }) => {
  // Rita runs a reseller: her navigation has every entry, Notification Settings included.
  await signInAs(page, 'Rita Reseller');
  await expect(html(page)).toHaveAttribute('lang', 'en');
  try {
    await page.getByRole('button', { name: 'Account menu' }).click();
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitemradio', { name: 'English' })).toHaveAttribute('aria-checked', 'true');
    await menu.getByRole('menuitemradio', { name: 'Русский' }).click();

    // The menu stays open and turns Russian with the page around it.
    await expect(html(page)).toHaveAttribute('lang', 'ru');
    await expect(menu.getByRole('menuitemradio', { name: 'Русский' })).toHaveAttribute('aria-checked', 'true');
    await expect(menu.getByRole('menuitem', { name: 'Профиль и настройки' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Выйти' })).toBeVisible();
    await expect(menu).toContainText('Владелец аккаунта');
    await page.keyboard.press('Escape');

    // The person's language, not the page's: a reload (a new request) keeps it.
    await page.reload();
    await expect(html(page)).toHaveAttribute('lang', 'ru');
    await expect(page).toHaveTitle('Уведомления аккаунта · Nimbus Cloud');
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    for (const link of ['Пользователи', 'Уведомления аккаунта', 'Журнал доставки', 'Настройки уведомлений', 'Контакты']) {
      await expect(nav.getByRole('link', { name: link })).toBeVisible();
    }
    await expect(nav).toContainText('Управление доступом');
    await expect(page.getByRole('button', { name: 'Меню аккаунта' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Сменить аккаунт:/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Перейти к содержимому' })).toBeAttached();
    await expectNoAxeViolations(page);
    await expectNoHorizontalOverflow(page);
    await expectNavigationFits(page, nav);
    await screenshot(page, 'panel-ru-desktop', true);

    await page.getByRole('button', { name: /^Сменить аккаунт:/ }).click();
    await expect(page.getByRole('menu')).toContainText('Ваши аккаунты');
    await expect(page.getByRole('menu')).toContainText('Владелец аккаунта · Реселлер');
    await screenshot(page, 'account-switcher-ru-desktop');
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(nav.getByRole('link', { name: 'Настройки уведомлений' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await expectNavigationFits(page, nav);
    await expectNoAxeViolations(page);
    await screenshot(page, 'panel-ru-390', true);
    await page.getByRole('button', { name: 'Меню аккаунта' }).click();
    await expect(page.getByRole('menu').getByRole('menuitemradio', { name: 'English' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'user-menu-ru-390');
    await page.keyboard.press('Escape');
  } finally {
    // Back to English whatever happened above: the other specs sign in as Rita and read English.
    await page.keyboard.press('Escape');
    if ((await html(page).getAttribute('lang')) === 'ru') await chooseLanguage(page, 'Меню аккаунта', 'English');
  }
  await expect(html(page)).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Account Notifications' })).toBeVisible();
  await page.reload();
  await expect(panelHeading(page)).toBeVisible();
  await expect(html(page)).toHaveAttribute('lang', 'en');
});

test('a visitor whose browser asks for Russian gets the sign-in page in Russian', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto('/sign-in');
    await expect(html(page)).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { name: 'Вход', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle('Вход · Nimbus Cloud');
    await expect(page.getByLabel('Электронная почта')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Отправить ссылку для входа' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Войти как Rita Reseller' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Роли пользователя Rita Reseller' })).toContainText('Владелец аккаунта');
    await expectNoAxeViolations(page);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'sign-in-ru-390', true);

    // The server's answer to the form speaks the visitor's language too.
    await page.getByLabel('Электронная почта').fill('not-an-address');
    await page.getByRole('button', { name: 'Отправить ссылку для входа' }).click();
    await expect(page.getByText('Введите правильный адрес электронной почты, например name@example.com.')).toBeVisible();
    await expect(page.getByLabel('Электронная почта')).toHaveAttribute('aria-invalid', 'true');
  } finally {
    await context.close();
  }
});
