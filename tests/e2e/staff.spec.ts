import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { KioskInfo, Presentation, Slide, StaffPanel, StaffSession } from '../../electron/shared/contract';
import { expect, restartKiosk, startVisit, test } from './fixtures';
import { call, cornerTaps, demoStaffPin as staffPin, loginDialog, logInStaff, openStaffLogin, staffPanel, tapPin, value } from './staff-kiosk';

// Staff at a kiosk, by touch: the hidden gesture (five taps in the top-left corner), the staff PIN on a keypad that
// shows dots only, every action of the staff panel, and a presentation that visitors' taps do not leave, that
// survives a restart and that only a staff PIN ends. Expected values come from the kiosk's own contract.

// Each test is a whole session of many taps, some with restarts and deliberate waits, on a loaded machine.
test.describe.configure({ timeout: 150_000 });

const attractButton = (page: Page) => page.getByRole('button', { name: 'Коснитесь экрана, чтобы начать / Touch the screen to start' });

/**
 * Types on the kiosk's own keyboard inside `scope`, one tapped key at a time; a capital letter takes the panel's
 * "Capital letter" key first. Each text layout lacks only the key that switches to itself.
 */
async function typeOnScreen(scope: Locator, text: string): Promise<void> {
  const keyboard = scope.getByRole('group', { name: 'Экранная клавиатура' });
  const layouts = { ru: 'Русские буквы', en: 'Английские буквы', digits: 'Цифры и знаки' } as const;
  let layout: keyof typeof layouts | null = null;
  for (const char of text) {
    if (char === ' ') {
      await keyboard.getByRole('button', { name: 'Пробел', exact: true }).tap();
      continue;
    }
    const lower = char.toLowerCase();
    const wanted = /[а-яё]/.test(lower) ? 'ru' : /[a-z]/.test(lower) ? 'en' : 'digits';
    if (wanted !== layout) {
      const switchKey = keyboard.getByRole('button', { name: layouts[wanted], exact: true });
      if ((await switchKey.count()) > 0) await switchKey.tap();
      layout = wanted;
    }
    if (lower !== char) await scope.getByRole('button', { name: 'Заглавная буква' }).tap();
    await keyboard.getByRole('button', { name: lower, exact: true }).tap();
  }
}

/** Types on a one-layer keyboard (a hub address, an enrollment code): every character is a key of its own. */
async function typeKeys(scope: Locator, text: string): Promise<void> {
  const keyboard = scope.getByRole('group', { name: 'Экранная клавиатура' });
  for (const char of text) await keyboard.getByRole('button', { name: char, exact: true }).tap();
}

function slideHeading(page: Page): Locator {
  return page.getByRole('region', { name: /^(Презентация|Presentation)$/ }).getByRole('heading', { level: 1 });
}

test('the hidden gesture opens the staff PIN prompt on the attract loop and on any screen; a wrong PIN is refused, the right one opens the panel', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(attractButton(page)).toBeVisible();

  // Four taps, a pause longer than four seconds, one more: not the gesture. Nor do the taps start a visit.
  await cornerTaps(page, 4);
  await page.waitForTimeout(4300);
  await cornerTaps(page, 1);
  await page.waitForTimeout(300);
  await expect(loginDialog(page)).toHaveCount(0);
  await expect(attractButton(page)).toBeVisible();
  // The corner is not a control a visitor can find.
  await expect(page.locator('.staff-corner')).toHaveAttribute('aria-hidden', 'true');

  await cornerTaps(page);
  const dialog = loginDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Вход для персонала' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Войти', exact: true })).toBeDisabled();

  // Dots only, never digits.
  await tapPin(page, '135');
  await expect(dialog.getByRole('img', { name: 'Введено цифр: 3' })).toBeVisible();
  await expect(dialog.getByText(/135/)).toHaveCount(0);
  await tapPin(page, '799');
  await dialog.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(dialog.getByRole('alert')).toHaveText('Неверный PIN-код.');
  await expect(dialog.getByRole('img', { name: 'Введено цифр: 0' })).toBeVisible();
  expect(await value<StaffSession | null>(page, 'staff.session')).toBeNull();

  // Cancel: back to the attract loop, as it was.
  await dialog.getByRole('button', { name: 'Отмена', exact: true }).tap();
  await expect(dialog).toHaveCount(0);
  await expect(attractButton(page)).toBeVisible();

  // Quick taps on Back, which sits in that corner on a visitor's screen, are the visitor's: they go back and never
  // count towards the gesture.
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: /^Регионы/ }).tap();
  await page.getByRole('button', { name: /^Омская область, \d+ проект/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
  const backButton = page.getByRole('button', { name: /Назад/ });
  const box = await backButton.boundingBox();
  // A point inside the button (clear of its rounded corner) and inside the staff corner.
  const spot = { x: (box?.x ?? 0) + 20, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 };
  expect(spot.x < 96 && spot.y < 96, `Back lies in the corner (${JSON.stringify(box)})`).toBe(true);
  await page.touchscreen.tap(spot.x, spot.y);
  await expect(page.getByRole('heading', { level: 1, name: /Регионы/ })).toBeVisible();
  await page.touchscreen.tap(spot.x, spot.y);
  await expect(backButton).toHaveCount(0);
  // Home now: three more taps in the same spot make five taps there, but only three count.
  for (let i = 0; i < 3; i += 1) await page.touchscreen.tap(spot.x, spot.y);
  await page.waitForTimeout(300);
  await expect(loginDialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Регионы/ })).toBeVisible();

  // On a visitor's screen too (a tap in the corner takes nothing from the screen: home has no control there).
  await page.waitForTimeout(4100);
  const panel = await logInStaff(page);
  const session = await value<StaffSession | null>(page, 'staff.session');
  expect(session?.staffId).toBeTruthy();
  await expect(panel.getByRole('heading', { level: 2, name: 'Панель персонала' })).toBeVisible();
  // The login is the first staff action logged.
  await expect(panel.getByRole('list', { name: 'Последние действия персонала' })).toContainText('вход');

  // "Log out": the session ends and the kiosk starts over at the attract loop.
  await panel.getByRole('button', { name: 'Выйти', exact: true }).tap();
  await expect(panel).toHaveCount(0);
  await expect(attractButton(page)).toBeVisible();
  expect(await value<StaffSession | null>(page, 'staff.session')).toBeNull();
  // Every staff call now needs the PIN again.
  const refused = await call<StaffPanel>(page, 'staff.panel');
  expect(refused.ok ? 'ok' : refused.error.code).toBe('unauthorized');
});

test('after three wrong staff PINs the prompt says how long to wait, with a countdown, and the right PIN works once the wait is over', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const dialog = await openStaffLogin(page);
  const logIn = dialog.getByRole('button', { name: 'Войти', exact: true });
  for (const wrong of ['111111', '222222', '333333']) {
    await tapPin(page, wrong);
    await logIn.tap();
    await expect(dialog.getByRole('alert')).toHaveText('Неверный PIN-код.');
    await expect(dialog.getByRole('img', { name: 'Введено цифр: 0' })).toBeVisible();
  }
  await expect(dialog.getByText(/^Следующая попытка — через \d+ с$/)).toBeVisible();
  await tapPin(page, staffPin);
  await expect(logIn).toBeDisabled();

  // The prompt opened again: the core still makes the right PIN wait, and the prompt says so.
  await dialog.getByRole('button', { name: 'Отмена', exact: true }).tap();
  await openStaffLogin(page);
  await tapPin(page, staffPin);
  await logIn.tap();
  await expect(dialog.getByRole('alert')).toHaveText('Слишком много неверных попыток. Подождите, пожалуйста.');
  await expect(dialog.getByText(/^Следующая попытка — через \d+ с$/)).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Можно попробовать снова.', { timeout: 40_000 });
  await tapPin(page, staffPin);
  await logIn.tap();
  await expect(staffPanel(page)).toBeVisible();
});

test('the panel renames the kiosk, sets its zone and its place on the hall plan, and visitors see "you are here" there', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const panel = await logInStaff(page);
  const section = panel.getByRole('region', { name: 'Киоск' });

  // An empty name is refused in words, and what was typed stays.
  await section.getByRole('button', { name: 'Изменить имя' }).tap();
  const name = section.getByRole('textbox', { name: 'Имя киоска' });
  await section.getByRole('group', { name: 'Экранная клавиатура' }).getByRole('button', { name: 'Очистить', exact: true }).tap();
  await expect(name).toHaveValue('');
  await section.getByRole('button', { name: 'Сохранить имя' }).tap();
  await expect(section.getByRole('alert')).toHaveText('Имя не может быть пустым.');
  await typeOnScreen(section, 'Киоск у сцены 2');
  await expect(name).toHaveValue('Киоск у сцены 2');
  await section.getByRole('button', { name: 'Сохранить имя' }).tap();
  await expect(section.getByRole('status')).toHaveText('Имя киоска сохранено.');
  await expect(section.locator('.staff-kiosk-name')).toHaveText('Киоск у сцены 2');
  expect((await value<KioskInfo>(page, 'kiosk.info')).name).toBe('Киоск у сцены 2');

  // The zone, from the hall plan's zones.
  const place = panel.getByRole('region', { name: 'Место в зале' });
  const plan = await value<{ width: number; height: number; zones: { id: string; name: { ru: string } }[] }>(page, 'hall.plan');
  const zone = plan.zones[1] ?? plan.zones[0];
  if (!zone) throw new Error('the demo hall has no zones');
  const zones = place.getByRole('group', { name: 'Зона зала' });
  await expect(zones.getByRole('button', { name: 'Без зоны' })).toHaveAttribute('aria-pressed', 'true');
  await zones.getByRole('button', { name: zone.name.ru, exact: true }).tap();
  await expect(zones.getByRole('button', { name: zone.name.ru, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(place.getByRole('status')).toHaveText('Зона сохранена.');
  expect((await value<StaffPanel>(page, 'staff.panel')).kiosk.zone).toBe(zone.id);

  // The place: a touch on the small plan.
  const before = (await value<KioskInfo>(page, 'kiosk.info')).position;
  const drawing = place.getByRole('group', { name: 'План зала: коснитесь, чтобы отметить место киоска' });
  const box = await drawing.boundingBox();
  if (!box) throw new Error('no plan drawing');
  await drawing.tap({ position: { x: box.width * 0.2, y: box.height * 0.3 } });
  await expect(place.getByRole('status')).toHaveText('Место киоска сохранено.');
  await expect(place.getByRole('img', { name: 'Киоск здесь' })).toBeVisible();
  const position = (await value<KioskInfo>(page, 'kiosk.info')).position;
  expect(position).not.toBeNull();
  expect(position).not.toEqual(before);
  expect(position!.x).toBeLessThan(plan.width / 2);
  expect(position!.y).toBeLessThan(plan.height / 2);

  // The actions are logged: the settings line says what changed.
  await expect(panel.getByRole('list', { name: 'Последние действия персонала' })).toContainText('настройки: position=');

  // A visitor's hall plan shows "you are here" at the new place.
  await panel.getByRole('button', { name: 'Выйти', exact: true }).tap();
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: /^Найти стенд/ }).tap();
  const here = page.getByRole('img', { name: 'Вы здесь' });
  await expect(here).toBeVisible();
  await expect(here.locator('.plan-here-dot')).toHaveAttribute('cx', String(position!.x));
  await expect(here.locator('.plan-here-dot')).toHaveAttribute('cy', String(position!.y));
});

test('the panel sets the idle timeout and the default language: the next visitor gets English and "Still there?" after 30 s', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const panel = await logInStaff(page);
  const visitors = panel.getByRole('region', { name: 'Для посетителей' });
  const idle = visitors.getByRole('group', { name: 'Сброс после бездействия' });
  await expect(idle.getByRole('button', { name: '90 с', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await idle.getByRole('button', { name: '30 с', exact: true }).tap();
  await expect(idle.getByRole('button', { name: '30 с', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(visitors.getByRole('status')).toHaveText('Время до сброса сохранено.');

  const language = visitors.getByRole('group', { name: 'Язык по умолчанию' });
  await expect(language.getByRole('button', { name: 'Русский', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await language.getByRole('button', { name: 'English', exact: true }).tap();
  await expect(language.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const info = await value<KioskInfo>(page, 'kiosk.info');
  expect(info.idleSeconds).toBe(30);
  expect(info.defaultLanguage).toBe('en');

  // The panel itself switches to English on its own button; the next visitor starts in English anyway.
  await panel.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(staffPanel(page).getByRole('heading', { level: 2, name: 'Staff panel' })).toBeVisible();
  await staffPanel(page).getByRole('button', { name: 'Log out', exact: true }).tap();
  await expect(attractButton(page)).toBeVisible();

  await attractButton(page).tap();
  const home = page.getByRole('button', { name: 'Home', exact: true });
  const regions = page.getByRole('button', { name: /^Regions/ });
  await expect(regions.or(home)).toBeVisible();
  if (await home.isVisible()) await home.tap();
  await expect(regions).toBeVisible();
  const started = Date.now();
  await expect(page.getByRole('alertdialog', { name: 'Still there?' })).toBeVisible({ timeout: 45_000 });
  expect(Date.now() - started).toBeGreaterThan(25_000);
});

test('the panel shows the sync state, syncs now with no hub, refuses a wrong hub address in words, reloads the screen, and has no quit in a browser', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const panel = await logInStaff(page);
  const hub = panel.getByRole('region', { name: 'Сервер и синхронизация' });
  await expect(hub.locator('.staff-sync-state')).toHaveText('Не подключён к серверу');
  await expect(hub.getByText('ещё не было')).toBeVisible();

  await hub.getByRole('button', { name: 'Синхронизировать сейчас' }).tap();
  await expect(hub.getByRole('status')).toHaveText('Киоск не подключён к серверу: синхронизировать не с чем. Подключите его ниже.');
  await expect(hub.locator('.staff-sync-state')).toHaveText('Не подключён к серверу');

  // Not an address at all: refused on the spot, what was typed stays.
  const address = hub.getByRole('textbox', { name: 'Адрес сервера' });
  const code = hub.getByRole('textbox', { name: 'Код подключения' });
  await address.tap();
  await typeKeys(hub, 'http:/hub');
  await expect(address).toHaveValue('http:/hub');
  await code.tap();
  await typeKeys(hub, 'ABCD-2345');
  await expect(code).toHaveValue('ABCD-2345');
  await hub.getByRole('button', { name: 'Подключить', exact: true }).tap();
  await expect(hub.getByRole('alert')).toHaveText('Это не адрес сервера. Адрес выглядит так: http://192.168.1.10:5190.');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveValue('http:/hub');

  // An address where no hub answers: the core says why, the form keeps the address and the code.
  await address.tap();
  await hub.getByRole('group', { name: 'Экранная клавиатура' }).getByRole('button', { name: 'Очистить', exact: true }).tap();
  await hub.getByRole('button', { name: 'http://', exact: true }).tap();
  await typeKeys(hub, '127.0.0.1:9');
  await expect(address).toHaveValue('http://127.0.0.1:9');
  await hub.getByRole('button', { name: 'Подключить', exact: true }).tap();
  await expect(hub.getByRole('alert')).toHaveText('Не удалось подключиться к серверу. Проверьте адрес, сеть и код подключения.', { timeout: 30_000 });
  await expect(hub.getByText(/^Подробности: Enrollment with http:\/\/127\.0\.0\.1:9 failed/)).toBeVisible();
  await expect(address).toHaveValue('http://127.0.0.1:9');
  await expect(code).toHaveValue('ABCD-2345');
  await expect(hub.locator('.staff-sync-state')).toHaveText('Не подключён к серверу');
  await expect(panel.getByRole('list', { name: 'Последние действия персонала' })).toContainText('подключение не удалось');
  await expect(panel.getByRole('list', { name: 'Последние действия персонала' })).toContainText('синхронизация');

  // Quitting to the desktop is for the kiosk app only.
  const maintenance = panel.getByRole('region', { name: 'Обслуживание' });
  await expect(maintenance.getByRole('button', { name: 'Перезагрузить экран' })).toBeVisible();
  await expect(maintenance.getByRole('button', { name: 'Выйти на рабочий стол' })).toHaveCount(0);
  const refused = await call<null>(page, 'staff.quit');
  expect(refused.ok ? 'ok' : refused.error.code).toBe('unavailable');

  // Reload: the page loads anew, at the attract loop.
  await page.evaluate(() => {
    (window as unknown as { beforeReload?: boolean }).beforeReload = true;
  });
  const loaded = page.waitForEvent('load');
  await maintenance.getByRole('button', { name: 'Перезагрузить экран' }).tap();
  await loaded;
  await expect(attractButton(page)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload)).toBeUndefined();
  await expect(staffPanel(page)).toHaveCount(0);
});

test('a presentation: started at the panel, moved by the clicker, not left by visitors\' taps, still running after a restart, ended with a staff PIN', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const panel = await logInStaff(page);
  const section = panel.getByRole('region', { name: 'Презентация' });
  await expect(section.getByText('Презентация не идёт.')).toBeVisible();
  await expect(section.getByRole('group', { name: 'Что показывать' }).getByRole('button', { name: 'Маршрут', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // A long interval: only the clicker moves the slides in this test.
  await section.getByRole('group', { name: 'Смена слайда' }).getByRole('button', { name: '1 мин', exact: true }).tap();
  await section.getByRole('button', { name: 'Начать презентацию' }).tap();
  await expect(panel).toHaveCount(0);

  const slides = await value<Slide[]>(page, 'presentation.slides', { playlist: { kind: 'route' } });
  expect(slides.length).toBeGreaterThan(4);
  const titles = slides.map((slide) => slide.title.ru);
  const heading = slideHeading(page);
  await expect(heading).toHaveText(titles[0]!);
  await expect(attractButton(page)).toHaveCount(0);
  const running = await value<Presentation | null>(page, 'presentation.current');
  expect(running).toMatchObject({ playlist: { kind: 'route' }, intervalSeconds: 60, source: 'kiosk' });

  // The clicker: on with PageDown, the arrows and Space, back with PageUp and the arrows.
  await page.keyboard.press('PageDown');
  await expect(heading).toHaveText(titles[1]!);
  await page.keyboard.press('ArrowRight');
  await expect(heading).toHaveText(titles[2]!);
  await page.keyboard.press('Space');
  await expect(heading).toHaveText(titles[3]!);
  await page.keyboard.press('ArrowDown');
  await expect(heading).toHaveText(titles[4]!);
  await page.keyboard.press('PageUp');
  await expect(heading).toHaveText(titles[3]!);
  await page.keyboard.press('ArrowLeft');
  await expect(heading).toHaveText(titles[2]!);
  await page.keyboard.press('ArrowUp');
  await expect(heading).toHaveText(titles[1]!);

  // A visitor's taps: a gentle note, and the presentation goes on.
  const viewport = page.viewportSize()!;
  await page.touchscreen.tap(viewport.width / 2, viewport.height / 2);
  const note = page.getByRole('status').filter({ hasText: 'Идёт презентация. Киоск снова будет доступен после неё.' });
  await expect(note).toBeVisible();
  await page.touchscreen.tap(viewport.width / 3, viewport.height - 200);
  await expect(heading).toHaveText(titles[1]!);
  await expect(attractButton(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'На главную' })).toHaveCount(0);
  // The note goes by itself.
  await expect(note).toHaveCount(0, { timeout: 10_000 });

  // Switched off and on: the presentation is still there, from its first slide.
  await restartKiosk(kiosk);
  await page.goto(kiosk.url);
  await expect(slideHeading(page)).toHaveText(titles[0]!);
  await expect(attractButton(page)).toHaveCount(0);

  // Only staff end it: the gesture, the PIN, "Stop".
  const again = await logInStaff(page);
  const presentation = again.getByRole('region', { name: 'Презентация' });
  await expect(presentation.getByRole('status')).toContainText('Идёт презентация: Маршрут, 1 мин');
  await presentation.getByRole('button', { name: 'Остановить презентацию' }).tap();
  await expect(again).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Презентация' })).toHaveCount(0);
  await expect(attractButton(page)).toBeVisible();
  expect(await value<Presentation | null>(page, 'presentation.current')).toBeNull();
});

test('a presentation moves on by itself at the chosen interval, and shows one region\'s projects', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const panel = await logInStaff(page);
  const section = panel.getByRole('region', { name: 'Презентация' });
  await section.getByRole('group', { name: 'Что показывать' }).getByRole('button', { name: 'Проекты региона', exact: true }).tap();
  // No region chosen yet: said in words.
  await section.getByRole('button', { name: 'Начать презентацию' }).tap();
  await expect(section.getByRole('alert')).toHaveText('Выберите регион.');
  await section.getByRole('group', { name: 'Регион' }).getByRole('button', { name: 'Омская область', exact: true }).tap();
  await section.getByRole('group', { name: 'Смена слайда' }).getByRole('button', { name: '5 с', exact: true }).tap();
  await section.getByRole('button', { name: 'Начать презентацию' }).tap();
  await expect(panel).toHaveCount(0);

  const slides = await value<Slide[]>(page, 'presentation.slides', { playlist: { kind: 'region', regionId: 'omsk' } });
  expect(slides.length).toBeGreaterThan(2);
  const heading = slideHeading(page);
  await expect(heading).toHaveText(slides[0]!.title.ru);
  await expect(heading).toHaveText(slides[1]!.title.ru, { timeout: 12_000 });
  await expect(heading).toHaveText(slides[2]!.title.ru, { timeout: 12_000 });
  expect(await value<Presentation | null>(page, 'presentation.current')).toMatchObject({ playlist: { kind: 'region', regionId: 'omsk' }, intervalSeconds: 5 });
  // The idle timer does not run during a presentation, and visitors' screens are not there to count.
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

// The PIN prompt, the panel and a slide, in both orientations; a screenshot of each is kept as a test artifact.
test('the staff screens and a slide pass axe @landscape', async ({ page, kiosk }, testInfo) => {
  const check = async (name: string) => {
    await page.waitForTimeout(900);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`), name).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`staff-${name}.png`) });
  };
  await page.goto(kiosk.url);
  await openStaffLogin(page);
  await tapPin(page, '000000');
  await loginDialog(page).getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(loginDialog(page).getByRole('alert')).toBeVisible();
  await check('pin');
  await tapPin(page, staffPin);
  await loginDialog(page).getByRole('button', { name: 'Войти', exact: true }).tap();
  const panel = staffPanel(page);
  await expect(panel.getByRole('region', { name: 'Место в зале' }).getByRole('img', { name: 'Киоск здесь' })).toBeVisible();
  await check('panel');
  await panel.getByRole('region', { name: 'Киоск' }).getByRole('button', { name: 'Изменить имя' }).tap();
  await check('panel-rename');
  const section = panel.getByRole('region', { name: 'Презентация' });
  await section.getByRole('group', { name: 'Смена слайда' }).getByRole('button', { name: '1 мин', exact: true }).tap();
  await section.getByRole('button', { name: 'Начать презентацию' }).tap();
  await expect(slideHeading(page)).toBeVisible();
  await check('slide');
  await page.keyboard.press('PageDown');
  await page.touchscreen.tap(500, 500);
  await expect(page.getByRole('status').filter({ hasText: 'Идёт презентация.' })).toBeVisible();
  await check('slide-note');
});
