import { expect, test } from './fixtures';

// The whole path, as a visitor drives it: renderer → contract (HTTP) → core → SQLite → back.
test('the kiosk shows the demo forum from its local database', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Дни промышленности Омской области' })).toBeVisible();
  await expect(page.getByText('Демонстрационные данные')).toBeVisible();
  await expect(page.getByTestId('transport')).toHaveText('HTTP');

  const regions = page.getByRole('list', { name: 'regions' }).getByRole('button');
  await expect(regions).toHaveCount(await regions.count());
  expect(await regions.count()).toBeGreaterThanOrEqual(62);
  await expect(page.getByRole('list', { name: 'Кластеры Омской области' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('list', { name: 'Индустриальная Сибирь – величие России' }).getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByText(/Промышленный туризм\. Сегодня и завтра/)).toBeVisible();
});

test('a visitor opens a region, then a project with its cover image', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('list', { name: 'regions' }).getByRole('button', { name: /^Омская область/ }).tap();
  const projects = page.getByRole('list', { name: 'Проекты' }).getByRole('button');
  await expect(projects.first()).toBeVisible();
  const title = (await projects.first().locator('span').first().textContent()) ?? '';
  await projects.first().tap();

  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  const cover = page.getByRole('article').getByRole('img');
  await expect(cover).toBeVisible();
  // The image really loaded from the kiosk's media store.
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  await page.getByRole('button', { name: /Назад/ }).tap();
  await expect(page.getByRole('heading', { level: 2, name: 'Поиск' })).toBeVisible();
});

test('search finds Cyrillic text regardless of case and ё, highlights it, and opens the project', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const box = page.getByRole('searchbox', { name: 'Поиск' });
  await box.tap();
  await box.fill('ОМСК');
  const results = page.getByRole('list', { name: 'Поиск: ОМСК' });
  await expect(results.getByRole('listitem').first()).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText(/омск/i);

  await box.fill('zzzzqqq');
  await expect(page.getByText('Ничего не найдено')).toBeVisible();

  // Hostile input is just text: no error, no crash.
  await box.fill('"NEAR( * ');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('one tap switches everything, content included, to English and back', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Industry Days in the Omsk Region' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Omsk region clusters' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'regions' }).getByRole('button', { name: /^Omsk Oblast/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Переключить на русский' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Дни промышленности Омской области' })).toBeVisible();
});
