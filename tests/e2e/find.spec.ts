import type { Page } from '@playwright/test';
import { expect, startVisit, test } from './fixtures';

// Finding things, as a visitor does it: the route, the programme, the hall plan and search with the on-screen keyboard.

const routeName = 'Индустриальная Сибирь – величие России';

// Each test walks several screens by touch, and several kiosks run at once: 30 s is too tight on a loaded machine.
test.describe.configure({ timeout: 60_000 });

/** Types on the kiosk's own keyboard, one tapped key at a time (there is no physical keyboard on a kiosk). */
async function typeOnScreen(page: Page, text: string, keyboardName = 'Экранная клавиатура'): Promise<void> {
  const keyboard = page.getByRole('group', { name: keyboardName });
  for (const char of text) {
    const name = char === ' ' ? (keyboardName === 'Экранная клавиатура' ? 'Пробел' : 'Space') : char;
    await keyboard.getByRole('button', { name, exact: true }).tap();
  }
}

async function openSearch(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Поиск', exact: true }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Поиск' })).toBeVisible();
}

test('the route: a map and a list of stops, a tapped stop shows its details, the route QR is there @landscape', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: new RegExp(`^${routeName}`) }).tap();
  await expect(page.getByRole('heading', { level: 1, name: routeName })).toBeVisible();

  const map = page.getByRole('group', { name: 'Схема маршрута' });
  await expect(map.getByRole('button')).toHaveCount(9);
  const stops = page.getByRole('list', { name: routeName });
  await expect(stops.getByRole('listitem')).toHaveCount(9);
  await expect(page.getByRole('img', { name: 'QR-код: маршрут целиком на сайте' })).toBeVisible();

  // On the map.
  await map.getByRole('button', { name: 'Остановка 3 на схеме: Молочный завод «Сибирская бурёнка»' }).tap();
  const details = page.getByRole('article', { name: 'Как рождается сибирский сыр' });
  await expect(details).toBeVisible();
  await expect(details).toContainText('Сыроварня, камеры созревания');
  await expect(details).toContainText('1 ч 30 мин');
  await expect(details).toContainText('Ср–сб, 11:00 и 14:00');
  await expect(details).toContainText('Омск, ул. Красный Путь, 143');
  await expect(details).toContainText('Заявка на сайте маршрута');
  await expect(details.getByRole('img')).toBeVisible();
  await expect(stops.getByRole('button', { name: /Молочный завод/ })).toHaveAttribute('aria-pressed', 'true');

  // In the list.
  await stops.getByRole('button', { name: /Прииртышский шинный завод/ }).tap();
  await expect(page.getByRole('article', { name: 'Музей и цеха шинного завода' })).toContainText('Омск, ул. Барабинская, 20');
  await expect(map.getByRole('button', { name: /Остановка 6 на схеме/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('article', { name: 'Как рождается сибирский сыр' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Industrial Siberia – the greatness of Russia' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'The tyre plant museum and shops' })).toContainText('20 Barabinskaya St, Omsk');
  await expect(page.getByRole('group', { name: 'Route map' }).getByRole('button', { name: 'Stop 6 on the map: Priirtyshye Tyre Plant' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'QR code: the whole route on its website' })).toBeVisible();
});

test('the programme shows what is on now and next, and both days as tabs', async ({ page, kiosk }) => {
  await page.clock.setFixedTime(new Date('2026-12-03T10:30:00+06:00'));
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: /^Программа/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Программа' })).toBeVisible();

  const now = page.getByRole('region', { name: 'Сейчас' });
  await expect(now).toContainText('Пленарное заседание «Промышленный туризм. Сегодня и завтра…»');
  await expect(now).toContainText('10:00–12:00');
  await expect(now).toContainText('Большой зал');
  await expect(page.getByRole('region', { name: 'Далее' })).toContainText('Открытие выставки и обход стендов');

  const day1 = page.getByRole('button', { name: '3 декабря' });
  const day2 = page.getByRole('button', { name: '4 декабря' });
  await expect(day1).toHaveAttribute('aria-pressed', 'true');
  await expect(day2).toHaveAttribute('aria-pressed', 'false');
  const plenary = page.getByRole('list', { name: 'Программа на 3 декабря' }).getByRole('listitem').filter({ hasText: 'Пленарное заседание «Промышленный' });
  await expect(plenary).toHaveAttribute('aria-current', 'time');
  await expect(plenary).toContainText('Сейчас');
  await expect(plenary).toContainText('10:00–12:00');
  const registration = page.getByRole('list', { name: 'Программа на 3 декабря' }).getByRole('listitem').filter({ hasText: 'Регистрация участников' });
  await expect(registration).not.toHaveAttribute('aria-current', 'time');

  await day2.tap();
  await expect(day2).toHaveAttribute('aria-pressed', 'true');
  await expect(day1).toHaveAttribute('aria-pressed', 'false');
  const secondDay = page.getByRole('list', { name: 'Программа на 4 декабря' });
  await expect(secondDay.getByRole('listitem').filter({ hasText: 'Закрытие форума' })).toContainText('16:45–17:15');
  await expect(secondDay.getByRole('listitem').filter({ hasText: 'Подведение итогов конкурса «ПРОКЛАСТЕР»' })).toContainText('Награждение');
  await expect(page.getByRole('list', { name: 'Программа на 3 декабря' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(page.getByRole('button', { name: '4 December' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Now' })).toContainText('Plenary session “Industrial tourism. Today and tomorrow…”');
  await expect(page.getByRole('list', { name: 'Programme for 4 December' })).toContainText('Forum closing');
});

test('the hall plan shows "you are here"; a tapped booth names its exhibitor; zones zoom to big targets @landscape', async ({ page, kiosk }) => {
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: /^Найти стенд/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Найти стенд' })).toBeVisible();
  const plan = page.getByRole('group', { name: 'План зала' });
  await expect(plan.getByRole('img', { name: 'Вы здесь' })).toBeVisible();

  const booth = plan.getByRole('button', { name: 'Стенд A-2, Прииртышский нефтехимический комбинат' });
  await booth.tap();
  await expect(booth).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Прииртышский нефтехимический комбинат' })).toContainText('Стенд A-2 · Омская область: кластеры');

  // A zone chip zooms the plan so its booths are comfortable touch targets, and narrows the list of booths.
  await page.getByRole('group', { name: 'Зоны зала' }).getByRole('button', { name: /Промышленный туризм Омской области/ }).tap();
  const tourismBooth = plan.getByRole('button', { name: /^Стенд E-3,/ });
  await expect.poll(async () => (await tourismBooth.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
  await expect.poll(async () => (await tourismBooth.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(48);
  const list = page.getByRole('list', { name: 'Стенды' });
  await expect(list.getByRole('listitem')).toHaveCount(5);
  const row = list.getByRole('button', { name: /^E-3 / });
  expect((await row.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
  const rowName = (await row.textContent())?.replace(/^E-3/, '').trim() ?? '';
  await row.tap();
  await expect(page.getByRole('heading', { level: 2, name: rowName })).toBeVisible();
  await expect(tourismBooth).toHaveAttribute('aria-pressed', 'true');
  await expect(booth).toHaveAttribute('aria-pressed', 'false');

  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(page.getByRole('group', { name: 'Hall plan' }).getByRole('img', { name: 'You are here' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Booth A-2, Priirtyshye Petrochemical Works' })).toBeVisible();
});

test('search with the on-screen keyboard: grouped results, highlights, case and ё, backspace and clear', async ({ page, kiosk }) => {
  // One tap per letter on the kiosk's own keyboard, as a visitor types: slower than filling a field.
  test.slow();
  await startVisit(page, kiosk);
  await openSearch(page);
  const box = page.getByRole('searchbox', { name: 'Поиск' });
  await expect(box).toHaveAttribute('readonly', '');
  await expect(box).toHaveAttribute('inputmode', 'none');
  // The starting state offers somewhere to begin.
  await expect(page.getByRole('group', { name: 'Подсказки' }).getByRole('button', { name: 'экскурсия' })).toBeVisible();

  await typeOnScreen(page, 'омск');
  await expect(box).toHaveValue('омск');
  for (const heading of ['Проекты', 'Экспоненты', 'Регионы', 'Кластеры', 'Остановки маршрута']) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  // Lower case typed, "Омская" found: the highlight is the text as written. (<mark> has no role in Playwright's
  // typings, so it is found by its element.)
  await expect(page.getByRole('list', { name: 'Регионы' }).locator('mark').first()).toHaveText('Омск');
  await expect(page.getByRole('list', { name: 'Кластеры' }).locator('mark').first()).toHaveText(/^омск$/i);

  await page.getByRole('button', { name: 'Стереть' }).tap();
  await expect(box).toHaveValue('омс');
  await page.getByRole('button', { name: 'Очистить' }).tap();
  await expect(box).toHaveValue('');
  await expect(page.getByRole('group', { name: 'Подсказки' })).toBeVisible();

  // "е" typed finds "ё": «Лётные испытания».
  await typeOnScreen(page, 'летн');
  await expect(page.getByRole('list', { name: 'Проекты' }).locator('mark').first()).toHaveText('Лётн');

  // Nothing found: say so and offer a way on.
  await page.getByRole('button', { name: 'Очистить' }).tap();
  await typeOnScreen(page, 'щщщ');
  await expect(page.getByRole('heading', { name: 'Ничего не найдено' })).toBeVisible();
  await page.getByRole('button', { name: 'завод', exact: true }).tap();
  await expect(box).toHaveValue('завод');
  await expect(page.getByRole('heading', { level: 2, name: 'Экспоненты' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ничего не найдено' })).toHaveCount(0);
});

test('search in English with the QWERTY layout, and digits for a booth number that opens the hall plan @landscape', async ({ page, kiosk }) => {
  // One tap per letter on the kiosk's own keyboard, as a visitor types: slower than filling a field.
  test.slow();
  await startVisit(page, kiosk);
  await openSearch(page);

  await page.getByRole('button', { name: 'Английские буквы' }).tap();
  await typeOnScreen(page, 'cheese');
  await expect(page.getByRole('searchbox', { name: 'Поиск' })).toHaveValue('cheese');
  await expect(page.getByRole('heading', { level: 2, name: 'Проекты' })).toBeVisible();

  await page.getByRole('button', { name: 'Switch to English' }).tap();
  const box = page.getByRole('searchbox', { name: 'Search' });
  await expect(box).toHaveValue('cheese');
  await expect(page.getByRole('heading', { level: 2, name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Projects' }).locator('mark').first()).toHaveText(/^cheese$/i);

  // A booth number: a letter, then "-" and "1" from the digits layout.
  await page.getByRole('button', { name: 'Clear' }).tap();
  await typeOnScreen(page, 'a', 'On-screen keyboard');
  await page.getByRole('button', { name: 'Digits and symbols' }).tap();
  await typeOnScreen(page, '-1', 'On-screen keyboard');
  await expect(box).toHaveValue('a-1');
  const exhibitors = page.getByRole('list', { name: 'Exhibitors' });
  await exhibitors.getByRole('button', { name: /Omsk Region — regional team/ }).tap();

  await expect(page.getByRole('heading', { level: 1, name: 'Find a booth' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Booth A-1, Omsk Region — regional team' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'Omsk Region — regional team' })).toBeVisible();
});

test('search results open what they found: a route stop, an exhibitor on the plan, a project', async ({ page, kiosk }) => {
  // One tap per letter on the kiosk's own keyboard, as a visitor types: slower than filling a field.
  test.slow();
  await startVisit(page, kiosk);
  await openSearch(page);

  await typeOnScreen(page, 'сыр');
  await page.getByRole('list', { name: 'Остановки маршрута' }).getByRole('button', { name: /Как рождается сибирский сыр/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: routeName })).toBeVisible();
  // The stop is preselected, as when the attract loop opens the route at a stop.
  await expect(page.getByRole('article', { name: 'Как рождается сибирский сыр' })).toBeVisible();

  await page.getByRole('button', { name: /Назад/ }).tap();
  await page.getByRole('button', { name: 'Очистить' }).tap();
  await typeOnScreen(page, 'пряник');
  await page.getByRole('list', { name: 'Экспоненты' }).getByRole('button', { name: /Кондитерская фабрика «Омский пряник»/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Найти стенд' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'План зала' }).getByRole('button', { name: /^Стенд E-\d+, Кондитерская фабрика «Омский пряник»$/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('heading', { level: 2, name: 'Кондитерская фабрика «Омский пряник»' })).toBeVisible();

  await page.getByRole('button', { name: /Назад/ }).tap();
  await page.getByRole('button', { name: 'Очистить' }).tap();
  await typeOnScreen(page, 'летные испытания');
  await page.getByRole('list', { name: 'Проекты' }).getByRole('button', { name: /Лётные испытания/ }).first().tap();
  await expect(page.getByRole('heading', { level: 1, name: /^Промышленный тур «Лётные испытания»/ })).toBeVisible();
});
