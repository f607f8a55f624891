import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import type {
  EditableItem,
  EditRecord,
  ExhibitorEntry,
  ExhibitorSession,
  HallPlan,
  Page as ResultPage,
  ProjectCard,
  ProjectDetail,
  Result,
  SyncStatusInfo,
} from '../../electron/shared/contract';
import { expect, restartKiosk, startKiosk, startNewKiosk, startVisit, stopKiosk, test, type Kiosk } from './fixtures';

// An exhibitor at a kiosk, by touch: "For exhibitors" at the foot of home, booth number on the on-screen keyboard,
// PIN on a keypad that shows dots only, the editor with counters and a preview, saving with no hub at all, "My edits",
// logout, and the idle reset. Expected values come from the kiosk's own contract, not from hard-coded demo data.

// Each test is a whole session of many taps, some with restarts and deliberate waits, and several kiosks run at once:
// on a loaded machine that takes minutes, not the default 30 s.
test.describe.configure({ timeout: 150_000 });

const demoPin = '123456';
// An Omsk cluster's anchor: its booth entry and several projects that visitors can reach.
const exhibitorId = 'omsk-petrochem';

/** A contract call from inside the page, as the kiosk's own renderer makes it. */
async function call<T>(page: Page, name: string, input: object = {}): Promise<Result<T>> {
  return page.evaluate(
    async ([callName, body]) => {
      const response = await fetch(`/api/call/${callName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return (await response.json()) as Result<T>;
    },
    [name, JSON.stringify(input)] as const,
  );
}

async function value<T>(page: Page, name: string, input: object = {}): Promise<T> {
  const result = await call<T>(page, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function boothOf(page: Page, id: string): Promise<string> {
  const plan = await value<HallPlan>(page, 'hall.plan');
  const booth = plan.booths.find((candidate) => candidate.exhibitorId === id)?.booth;
  if (!booth) throw new Error(`no booth for ${id}`);
  return booth;
}

const keyNames = {
  ru: { keyboard: 'Экранная клавиатура', space: 'Пробел', capital: /Заглавная буква/, layouts: { ru: 'Русские буквы', en: 'Английские буквы', digits: 'Цифры и знаки' } },
  en: { keyboard: 'On-screen keyboard', space: 'Space', capital: /Capital letter/, layouts: { ru: 'Russian letters', en: 'English letters', digits: 'Digits and symbols' } },
} as const;

/**
 * Types on the kiosk's own keyboard, one tapped key at a time. The keyboard has lower-case letters only; an upper-case
 * letter takes the editor's "capital letter" key first. Each layout lacks only the key that switches to itself, so a
 * visible switch key means another layout is showing.
 */
async function typeOnScreen(page: Page, text: string, language: 'ru' | 'en' = 'ru'): Promise<void> {
  const names = keyNames[language];
  const keyboard = page.getByRole('group', { name: names.keyboard });
  let layout: keyof typeof names.layouts | null = null;
  for (const char of text) {
    if (char === ' ') {
      await keyboard.getByRole('button', { name: names.space, exact: true }).tap();
      continue;
    }
    const lower = char.toLowerCase();
    const wanted = /[а-яё]/.test(lower) ? 'ru' : /[a-z]/.test(lower) ? 'en' : 'digits';
    if (wanted !== layout) {
      const switchKey = keyboard.getByRole('button', { name: names.layouts[wanted], exact: true });
      if ((await switchKey.count()) > 0) await switchKey.tap();
      layout = wanted;
    }
    if (lower !== char) await page.getByRole('button', { name: names.capital }).tap();
    await keyboard.getByRole('button', { name: lower, exact: true }).tap();
  }
}

async function tapPin(page: Page, pin: string): Promise<void> {
  const pad = page.getByRole('group', { name: /^(Цифры PIN-кода|PIN keypad)$/ });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).tap();
}

async function openExhibitorLogin(page: Page, kiosk: Kiosk, language: 'ru' | 'en' = 'ru'): Promise<void> {
  await startVisit(page, kiosk);
  if (language === 'en') await page.getByRole('button', { name: 'Switch to English' }).tap();
  await page.getByRole('button', { name: language === 'ru' ? 'Для экспонентов' : 'For exhibitors', exact: true }).tap();
  await expect(page.getByRole('heading', { level: 1, name: language === 'ru' ? 'Для экспонентов' : 'For exhibitors' })).toBeVisible();
}

/** Booth number on the on-screen keyboard (in lower case: the kiosk matches booths regardless of case), then Next. */
async function enterBooth(page: Page, booth: string, language: 'ru' | 'en' = 'ru'): Promise<void> {
  const field = page.getByRole('textbox', { name: language === 'ru' ? 'Номер стенда' : 'Booth number' });
  await expect(field).toBeVisible();
  await typeOnScreen(page, booth.toLowerCase(), language);
  await expect(field).toHaveValue(booth.toLowerCase());
  await page.getByRole('button', { name: language === 'ru' ? 'Далее' : 'Next', exact: true }).tap();
}

async function logIn(page: Page, kiosk: Kiosk): Promise<ExhibitorEntry> {
  await openExhibitorLogin(page, kiosk);
  await enterBooth(page, await boothOf(page, exhibitorId));
  await tapPin(page, demoPin);
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Выйти', exact: true })).toBeVisible();
  return value<ExhibitorEntry>(page, 'exhibitor.entry');
}

function boothItem(entry: ExhibitorEntry): EditableItem {
  const item = entry.items.find((candidate) => candidate.target === 'exhibitor');
  if (!item) throw new Error('no booth entry');
  return item;
}

async function openItem(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('list', { name: 'Что можно изменить' }).getByRole('button', { name }).tap();
  await expect(page.getByRole('button', { name: 'К списку' })).toBeVisible();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A visitor's way to one project: Regions → Omsk Oblast → its card (asking for more cards until it shows). */
async function openProjectAsVisitor(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: /^Регионы/ }).tap();
  await page.getByRole('list', { name: 'Карта регионов' }).getByRole('button', { name: /^Омская область/ }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
  const card = page.getByRole('list', { name: 'Проекты' }).getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) }).first();
  for (let pages = 0; !(await card.isVisible()) && pages < 20; pages += 1) {
    await page.getByRole('button', { name: 'Показать ещё' }).tap();
    await page.waitForTimeout(200);
  }
  await card.tap();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** A visible project of the exhibitor that visitors can reach from the Omsk region's list. */
async function visitorProject(page: Page, entry: ExhibitorEntry): Promise<ProjectCard> {
  const ids = new Set(entry.items.filter((item) => item.target === 'project' && item.values.hidden !== 1).map((item) => item.id));
  for (let offset = 0; ; offset += 100) {
    const cards = await value<ResultPage<ProjectCard>>(page, 'projects.list', { regionId: 'omsk', offset, limit: 100 });
    const found = cards.items.find((card) => ids.has(card.id));
    if (found) return found;
    if (offset + 100 >= cards.total) throw new Error(`no visible Omsk project of ${exhibitorId}`);
  }
}

function exhibitorBlock(page: Page): Locator {
  return page.locator('.project-side').getByRole('region', { name: 'Экспонент' });
}

test('login: a wrong PIN is refused in words, never shown as digits; the right one opens the booth entry and projects', async ({ page, kiosk }) => {
  await openExhibitorLogin(page, kiosk);
  const booth = await boothOf(page, exhibitorId);
  await enterBooth(page, booth);

  // The keypad shows dots: six places, and no digit anywhere on the screen.
  await tapPin(page, '654');
  await expect(page.getByRole('img', { name: 'Введено цифр: 3' })).toBeVisible();
  await tapPin(page, '321');
  await expect(page.getByRole('img', { name: 'Введено цифр: 6' })).toBeVisible();
  await expect(page.locator('.pin-dot.filled')).toHaveCount(6);
  await expect(page.locator('.pin-dots')).toHaveText('');
  await expect(page.getByText(/654|321/)).toHaveCount(0);
  // Erase and clear work on what is not shown.
  await page.getByRole('button', { name: 'Стереть', exact: true }).tap();
  await expect(page.getByRole('img', { name: 'Введено цифр: 5' })).toBeVisible();
  await page.getByRole('button', { name: 'Очистить', exact: true }).tap();
  await expect(page.getByRole('img', { name: 'Введено цифр: 0' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Войти', exact: true })).toBeDisabled();

  await tapPin(page, '654321');
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('alert')).toHaveText('Неверный номер стенда или PIN-код.');
  await expect(page.getByRole('img', { name: 'Введено цифр: 0' })).toBeVisible();
  expect(await value<ExhibitorSession | null>(page, 'exhibitor.session')).toBeNull();

  await tapPin(page, demoPin);
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Выйти', exact: true })).toBeVisible();
  const session = await value<ExhibitorSession | null>(page, 'exhibitor.session');
  expect(session?.exhibitorId).toBe(exhibitorId);
  await expect(page.getByRole('heading', { level: 2, name: session?.name.ru })).toBeVisible();
  await expect(page.getByText(`Стенд ${booth}`, { exact: true })).toBeVisible();

  // The booth entry first, then every project of the exhibitor, hidden ones too.
  const entry = await value<ExhibitorEntry>(page, 'exhibitor.entry');
  const items = page.getByRole('list', { name: 'Что можно изменить' }).getByRole('button');
  await expect(items).toHaveCount(entry.items.length);
  expect(entry.items.length).toBeGreaterThan(1);
  await expect(items.first()).toHaveAccessibleName(new RegExp(`^Карточка стенда: ${escapeRegExp(boothItem(entry).title.ru)}`));
  const project = entry.items.find((item) => item.target === 'project');
  await expect(items.nth(1)).toHaveAccessibleName(new RegExp(`^Проект: ${escapeRegExp(project?.title.ru ?? '')}`));

  // Every control is a big enough target for a finger.
  for (const button of await page.locator('.exh').getByRole('button').all()) {
    const box = await button.boundingBox();
    expect(box?.height ?? 0, await button.innerText()).toBeGreaterThanOrEqual(44);
  }

  // Leaving the exhibitor screen by Back ends the session too.
  await page.getByRole('button', { name: /Назад/ }).tap();
  await expect(page.getByRole('button', { name: 'Для экспонентов', exact: true })).toBeVisible();
  await expect.poll(() => value<ExhibitorSession | null>(page, 'exhibitor.session')).toBeNull();
});

test('wrong PINs: after three, a countdown in the visitor’s language; the wait survives a kiosk restart and then ends', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  await openExhibitorLogin(page, kiosk, 'en');
  const booth = await boothOf(page, exhibitorId);
  await enterBooth(page, booth, 'en');
  const logInButton = page.getByRole('button', { name: 'Log in', exact: true });

  for (let attempt = 1; attempt <= 2; attempt += 1) {
    await tapPin(page, '000000');
    await logInButton.tap();
    await expect(page.getByRole('alert')).toHaveText('Wrong booth number or PIN.');
    await expect(page.getByText(/^Next attempt in/)).toHaveCount(0);
  }
  await tapPin(page, '000000');
  await logInButton.tap();
  await expect(page.getByRole('alert')).toHaveText('Wrong booth number or PIN.');
  const countdown = page.getByText(/^Next attempt in \d+ s$/);
  await expect(countdown).toBeVisible();
  const first = Number(/(\d+) s$/.exec(await countdown.innerText())?.[1]);
  expect(first).toBeGreaterThan(25);
  expect(first).toBeLessThanOrEqual(30);
  // The right PIN has to wait too: the button stays off while the countdown runs down.
  await tapPin(page, demoPin);
  await expect(logInButton).toBeDisabled();
  await expect.poll(async () => Number(/(\d+) s$/.exec(await countdown.innerText())?.[1]), { timeout: 5_000 }).toBeLessThan(first);

  // Switched off and on: the kiosk remembers the wrong PINs.
  await restartKiosk(kiosk);
  await openExhibitorLogin(page, kiosk, 'en');
  await enterBooth(page, booth, 'en');
  await tapPin(page, demoPin);
  await logInButton.tap();
  await expect(page.getByRole('alert')).toHaveText('Too many wrong attempts. Please wait.');
  await expect(countdown).toBeVisible();
  const afterRestart = Number(/(\d+) s$/.exec(await countdown.innerText())?.[1]);
  expect(afterRestart).toBeGreaterThan(0);
  expect(afterRestart).toBeLessThan(first);
  expect(await value<ExhibitorSession | null>(page, 'exhibitor.session')).toBeNull();

  // The wait ends by itself, and then the right PIN opens the entry.
  await expect(page.getByText('You can try again now.')).toBeVisible({ timeout: 40_000 });
  await tapPin(page, demoPin);
  await expect(logInButton).toBeEnabled();
  await logInButton.tap();
  await expect(page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'What you can change' }).getByRole('button').first()).toHaveAccessibleName(/^Booth entry: /);
});

test('offline edit: counters, caret and capital keys, live preview, "saved here"; visitors see it, also after a restart', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const entry = await logIn(page, kiosk);
  const booth = boothItem(entry);
  const heldToday = String(booth.values.today_ru ?? '');
  const hours = String(booth.values.hours_ru ?? '');
  expect(heldToday.length).toBeGreaterThan(0);

  await openItem(page, /^Карточка стенда/);
  const today = page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' });
  await expect(today).toHaveValue(heldToday);
  await expect(today).toHaveAccessibleDescription(`${heldToday.length} / 140`);
  // Russian and English side by side, each with its counter.
  await expect(page.getByRole('textbox', { name: 'Сегодня на стенде, по-английски' })).toHaveAccessibleDescription(/^\d+ \/ 140$/);
  await expect(page.getByRole('textbox', { name: 'О компании, по-русски' })).toHaveAccessibleDescription(/^\d+ \/ 2000$/);
  await expect(page.getByRole('textbox', { name: 'Номер стенда' })).toHaveCount(0);

  // The on-screen keyboard types into the field touched last, at its caret.
  await today.tap();
  await expect(page.getByRole('group', { name: 'Экранная клавиатура' })).toBeVisible();
  await page.getByRole('group', { name: 'Экранная клавиатура' }).getByRole('button', { name: 'Очистить' }).tap();
  await expect(today).toHaveValue('');
  await expect(today).toHaveAccessibleDescription('0 / 140');
  await typeOnScreen(page, 'емо');
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Курсор влево' }).tap();
  await typeOnScreen(page, 'Д');
  await expect(today).toHaveValue('Демо');
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Курсор вправо' }).tap();
  await typeOnScreen(page, ' в 14:00 у стенда');
  const line = 'Демо в 14:00 у стенда';
  await expect(today).toHaveValue(line);
  await expect(today).toHaveAccessibleDescription(`${line.length} / 140`);

  // The preview draws the exhibitor block of a project page with the draft, in either language.
  const preview = page.getByRole('region', { name: 'Так увидят посетители' });
  await expect(preview.locator('.today-line')).toHaveText(`Сегодня на стенде${line}`);
  await expect(preview.locator('.hours-line')).toHaveText(`Часы работы стенда: ${hours}`);
  await preview.getByRole('button', { name: 'English', exact: true }).tap();
  await expect(preview.locator('.today-line')).toHaveText(`Today at our booth${String(booth.values.today_en)}`);
  await preview.getByRole('button', { name: 'Русский', exact: true }).tap();
  await expect(page.getByRole('list', { name: 'Что можно изменить' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByRole('status')).toContainText('Сохранено на этом киоске.');
  await expect(page.getByRole('button', { name: 'Сохранить', exact: true })).toBeDisabled();
  await expect(today).toHaveValue(line);

  // "My edits": saved here, waiting to be sent (there is no hub at all).
  await page.getByRole('button', { name: 'К списку' }).tap();
  await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
  const edits = page.getByRole('list', { name: 'Мои правки' });
  await expect(edits.getByRole('listitem').filter({ hasText: 'Сохранено на этом киоске, ждёт отправки' })).toHaveCount(1);
  await expect(edits).toContainText(`Сегодня на стенде, по-русски: ${line}`);

  await page.getByRole('button', { name: 'Выйти', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Для экспонентов', exact: true })).toBeVisible();
  expect(await value<ExhibitorSession | null>(page, 'exhibitor.session')).toBeNull();

  // A visitor now finds the line on the project screen, in the exhibitor block with the booth's hours.
  const project = await visitorProject(page, entry);
  await openProjectAsVisitor(page, project.title.ru);
  await expect(exhibitorBlock(page).locator('.today-line')).toHaveText(`Сегодня на стенде${line}`);
  await expect(exhibitorBlock(page).locator('.hours-line')).toHaveText(`Часы работы стенда: ${hours}`);
  await expect(page.getByText(heldToday, { exact: true })).toHaveCount(0);

  // Switched off and on: the edit is still there, for visitors and in "My edits".
  await restartKiosk(kiosk);
  await startVisit(page, kiosk);
  await openProjectAsVisitor(page, project.title.ru);
  await expect(exhibitorBlock(page).locator('.today-line')).toHaveText(`Сегодня на стенде${line}`);
  await page.getByRole('button', { name: 'На главную' }).tap();
  await logIn(page, kiosk);
  await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
  await expect(page.getByRole('list', { name: 'Мои правки' })).toContainText(`Сегодня на стенде, по-русски: ${line}`);
});

test('hostile text stays text; too long or invisible characters get a message at the field and the draft is kept', async ({ page, kiosk }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const entry = await logIn(page, kiosk);
  await openItem(page, /^Карточка стенда/);

  // Markup and emoji, as from a plugged-in keyboard: shown as typed, in the preview and to visitors.
  const hostile = '<script>alert(1)</script> <b>жирный</b> 🎉🏭';
  const today = page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' });
  await today.fill(hostile);
  await expect(today).toHaveAccessibleDescription(`${hostile.length} / 140`);
  const preview = page.getByRole('region', { name: 'Так увидят посетители' });
  await expect(preview.locator('.today-text')).toHaveText(hostile);
  await expect(preview.locator('.today-text b, .today-text script')).toHaveCount(0);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByRole('status')).toContainText('Сохранено на этом киоске.');

  // The counter warns near the limit and past it, typed on the kiosk's keyboard.
  const phone = page.getByRole('textbox', { name: 'Телефон', exact: true });
  const nearly = '+7 (3812) 00-00-00, доб. 12345';
  await phone.fill(nearly);
  await expect(phone).toHaveAccessibleDescription(`${nearly.length} / 40 · осталось ${40 - nearly.length}`);
  await phone.tap();
  await typeOnScreen(page, '6'.repeat(41 - nearly.length));
  const tooLong = nearly + '6'.repeat(41 - nearly.length);
  await expect(phone).toHaveValue(tooLong);
  await expect(phone).toHaveAccessibleDescription('41 / 40 · лишних знаков: 1');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByText('Слишком длинный текст (допустимо знаков: 40). Сократите его.')).toBeVisible();
  await expect(page.getByText('Исправьте отмеченные поля: изменения не сохранены, но остались на экране.')).toBeVisible();
  await expect(phone).toHaveValue(tooLong);
  await expect(phone).toHaveAccessibleDescription(/Слишком длинный текст/);

  // A right-to-left override would disguise the text: refused by the core, the draft stays.
  await page.getByRole('button', { name: 'Отменить изменения' }).tap();
  await expect(phone).not.toHaveValue(tooLong);
  const todayEn = page.getByRole('textbox', { name: 'Сегодня на стенде, по-английски' });
  const disguised = 'Demo at 14:00 \u202Efdp.exe';
  await todayEn.fill(disguised);
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByText('Есть недопустимые символы (невидимые или управляющие). Удалите их.')).toBeVisible();
  await expect(todayEn).toHaveValue(disguised);
  await page.getByRole('button', { name: 'Отменить изменения' }).tap();

  // A very long description: counted, refused at the field, kept as typed.
  await page.getByRole('button', { name: 'К списку' }).tap();
  const project = entry.items.find((item) => item.target === 'project');
  if (!project) throw new Error('no project to edit');
  await openItem(page, new RegExp(`^Проект: ${escapeRegExp(project.title.ru)}`));
  const description = page.getByRole('textbox', { name: 'Описание, по-русски' });
  const long = 'Длинный текст без конца. '.repeat(161).slice(0, 4001);
  await description.fill(long);
  await expect(description).toHaveAccessibleDescription('4001 / 4000 · лишних знаков: 1');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByText('Слишком длинный текст (допустимо знаков: 4000). Сократите его.')).toBeVisible();
  await expect(description).toHaveValue(long);
  await page.getByRole('button', { name: 'Выйти', exact: true }).tap();

  // Visitors get the markup as text: no bold, no script, no alert.
  const visible = await visitorProject(page, entry);
  await openProjectAsVisitor(page, visible.title.ru);
  await expect(exhibitorBlock(page).locator('.today-text')).toHaveText(hostile);
  await expect(exhibitorBlock(page).locator('b, script')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a session that ends under the exhibitor’s hands keeps the draft for the same login only', async ({ page, kiosk }) => {
  await logIn(page, kiosk);
  await openItem(page, /^Карточка стенда/);
  await page.getByRole('textbox', { name: 'Часы работы стенда, по-русски' }).fill('10:00–17:00');
  // The core ends the session by itself (its own idle limit) while the editor is still open.
  await value<null>(page, 'exhibitor.logout');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  const ended = page.getByText('Сеанс завершён. Войдите снова: несохранённые изменения остались.');
  await expect(ended).toBeVisible();

  // The same exhibitor logs in again: back in the editor with the draft, and now it saves.
  await enterBooth(page, await boothOf(page, exhibitorId));
  await tapPin(page, demoPin);
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('textbox', { name: 'Часы работы стенда, по-русски' })).toHaveValue('10:00–17:00');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByRole('status')).toContainText('Сохранено на этом киоске.');

  // Another draft, another end of the session, and this time someone else logs in: the draft is not theirs.
  await page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' }).fill('Дегустация в 15:00');
  await value<null>(page, 'exhibitor.logout');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(ended).toBeVisible();
  await enterBooth(page, await boothOf(page, 'omsk-polymer'));
  await tapPin(page, demoPin);
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('list', { name: 'Что можно изменить' })).toBeVisible();
  await expect(page.getByText('есть несохранённые изменения')).toHaveCount(0);

  // Nor does it come back for its author after that.
  await value<null>(page, 'exhibitor.logout');
  await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
  await expect(ended).toBeVisible();
  await enterBooth(page, await boothOf(page, exhibitorId));
  await tapPin(page, demoPin);
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('list', { name: 'Что можно изменить' })).toBeVisible();
  await expect(page.getByText('есть несохранённые изменения')).toHaveCount(0);
  await openItem(page, /^Карточка стенда/);
  await expect(page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' })).not.toHaveValue('Дегустация в 15:00');
  await expect(page.getByRole('textbox', { name: 'Часы работы стенда, по-русски' })).toHaveValue('10:00–17:00');
});

test.describe('with a 5 s idle time', () => {
  test.use({ kioskArgs: ['--idle-seconds', '5'] });

  test('the idle reset ends the exhibitor session and drops every unsaved draft', async ({ page, kiosk }) => {
    const entry = await logIn(page, kiosk);
    const held = String(boothItem(entry).values.today_ru ?? '');
    await openItem(page, /^Карточка стенда/);
    const today = page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' });
    await today.tap();
    await page.getByRole('group', { name: 'Экранная клавиатура' }).getByRole('button', { name: 'Очистить' }).tap();
    await typeOnScreen(page, 'черновик');
    await expect(today).toHaveValue('черновик');
    expect(held).not.toBe('черновик');
    expect(await value<ExhibitorSession | null>(page, 'exhibitor.session')).not.toBeNull();

    // Nobody touches the screen: "Still there?", then the attract loop.
    await expect(page.getByRole('alertdialog', { name: 'Вы ещё здесь?' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible({ timeout: 25_000 });
    expect(await value<ExhibitorSession | null>(page, 'exhibitor.session')).toBeNull();

    // The next person finds the login, and the draft is gone even for the same exhibitor.
    await page.getByRole('button', { name: /Touch the screen to start/ }).tap();
    const homeButton = page.getByRole('button', { name: 'На главную' });
    if (await homeButton.isVisible()) await homeButton.tap();
    await page.getByRole('button', { name: 'Для экспонентов', exact: true }).tap();
    await expect(page.getByRole('textbox', { name: 'Номер стенда' })).toBeVisible();
    await enterBooth(page, await boothOf(page, exhibitorId));
    await tapPin(page, demoPin);
    await page.getByRole('button', { name: 'Войти', exact: true }).tap();
    await expect(page.getByText('есть несохранённые изменения')).toHaveCount(0);
    await openItem(page, /^Карточка стенда/);
    await expect(page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' })).toHaveValue(held);
  });
});

test('a project: title live in the preview, a new cover, hidden from visitors once saved', async ({ page, kiosk }) => {
  const entry = await logIn(page, kiosk);
  const projects = entry.items.filter((item) => item.target === 'project');
  // One with several photos to choose from, and a title no other project of the exhibitor has.
  const project = projects.find((item) => item.photos.length >= 2 && projects.filter((other) => other.title.ru === item.title.ru).length === 1);
  if (!project) throw new Error('no project with several photos');
  const before = await value<ResultPage<ProjectCard>>(page, 'projects.list', { regionId: 'omsk', limit: 1 });
  await openItem(page, new RegExp(`^Проект: ${escapeRegExp(project.title.ru)}`));

  const preview = page.getByRole('region', { name: 'Так увидят посетители' });
  const title = page.getByRole('textbox', { name: 'Название, по-русски' });
  await expect(preview.locator('.exh-preview-title')).toHaveText(project.title.ru);
  await title.fill('Экскурсия: установка риформинга');
  await expect(preview.locator('.exh-preview-title')).toHaveText('Экскурсия: установка риформинга');
  await expect(preview.locator('.project-card .card-title')).toHaveText('Экскурсия: установка риформинга');
  // What visitors see besides: the region and the kiosk's own captions come with the preview.
  const held = await value<ProjectDetail>(page, 'projects.get', { id: project.id });
  await expect(preview.locator('.screen-subtitle')).toHaveText(`${held.regionName.ru} · ${held.kind === 'cluster' ? 'Проект кластера' : 'Промышленный туризм'}`);

  // The cover among the project's own photos, shown on its card.
  const covers = page.getByRole('group', { name: 'Обложка' });
  await expect(covers.getByRole('button')).toHaveCount(project.photos.length + 1);
  const current = project.photos.findIndex((photo) => photo.sha256 === project.values.cover_sha256);
  const next = current === 1 ? 0 : 1;
  await expect(covers.getByRole('button', { name: `Обложка — фото ${current + 1}` })).toHaveAttribute('aria-pressed', 'true');
  await covers.getByRole('button', { name: `Обложка — фото ${next + 1}` }).tap();
  await expect(covers.getByRole('button', { name: `Обложка — фото ${next + 1}` })).toHaveAttribute('aria-pressed', 'true');
  await expect(preview.locator('.project-card img')).toHaveAttribute('src', project.photos[next]?.url ?? '');

  // Hidden: the preview says so, and after saving visitors no longer find it.
  const visibility = page.getByRole('button', { name: 'Показывать посетителям' });
  await expect(visibility).toHaveAttribute('aria-pressed', 'true');
  await visibility.tap();
  await expect(visibility).toHaveAttribute('aria-pressed', 'false');
  await expect(preview.getByText('Проект скрыт: посетители его не увидят.')).toBeVisible();
  await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
  await expect(page.getByRole('status')).toContainText('Сохранено на этом киоске.');
  // The preview still draws the hidden project (from what the editor holds).
  await expect(preview.locator('.exh-preview-title')).toHaveText('Экскурсия: установка риформинга');

  await page.getByRole('button', { name: 'К списку' }).tap();
  await expect(page.getByRole('button', { name: /^Проект: Экскурсия: установка риформинга.*скрыт/ })).toBeVisible();
  await page.getByRole('button', { name: 'Выйти', exact: true }).tap();

  const gone = await call<ProjectDetail>(page, 'projects.get', { id: project.id });
  expect(gone.ok).toBe(false);
  await page.getByRole('button', { name: /^Регионы/ }).tap();
  await page.getByRole('list', { name: 'Карта регионов' }).getByRole('button', { name: /^Омская область/ }).tap();
  await expect(page.getByText(`Показано 24 из ${before.total - 1}`)).toBeVisible();
});

test('"My edits" tells what became of each edit: published, waiting for review, approved, rejected with the reason, conflict with both versions', async ({ page, kiosk }) => {
  const entry = await logIn(page, kiosk);
  const booth = boothItem(entry);
  const lines = ['Первая правка', 'Вторая правка', 'Третья правка', 'Четвёртая правка', 'Пятая правка', 'Шестая правка', 'Седьмая правка'];
  const records: EditRecord[] = [];
  for (const line of lines) records.push(await value<EditRecord>(page, 'exhibitor.save', { target: 'exhibitor', id: booth.id, values: { today_ru: line } }));
  expect(records.map((record) => record.state)).toEqual(lines.map(() => 'saved'));

  // The hub's answers and the organizers' decisions, written into the kiosk's copy as a sync would leave them.
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const answer = db.prepare('UPDATE outbox SET status = ?, result = ? WHERE id = ?');
    const decide = db.prepare('INSERT INTO edit_reviews (mutation_id, exhibitor_id, status, reason, decided_at) VALUES (?, ?, ?, ?, ?)');
    const result = (record: EditRecord | undefined, status: string, extra: object = {}) => JSON.stringify({ id: record?.id, order: 1, status, ...extra });
    const [published, review, approved, refused, unproven, conflict] = records;
    answer.run('applied', result(published, 'applied'), published?.id);
    answer.run('review', result(review, 'review'), review?.id);
    answer.run('review', result(approved, 'review'), approved?.id);
    decide.run(approved?.id, exhibitorId, 'approved', '', Date.now());
    answer.run('review', result(refused, 'review'), refused?.id);
    decide.run(refused?.id, exhibitorId, 'rejected', 'Слишком похоже на рекламу', Date.now());
    answer.run('rejected', result(unproven, 'rejected', { reason: 'proof_invalid' }), unproven?.id);
    answer.run(
      'conflict',
      result(conflict, 'conflict', { conflicts: [{ field: 'today_ru', base: 'Было', hub: 'Версия организаторов', kiosk: lines[5] }] }),
      conflict?.id,
    );
  } finally {
    db.close();
  }

  await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
  const edits = page.getByRole('list', { name: 'Мои правки' }).locator(':scope > li');
  await expect(edits).toHaveCount(lines.length);
  // Newest first.
  await expect(edits.first()).toContainText(lines[6] ?? '');
  const edit = (line: string) => edits.filter({ hasText: `Сегодня на стенде, по-русски: ${line}` });
  await expect(edit(lines[0] ?? '')).toContainText('Опубликовано');
  await expect(edit(lines[1] ?? '')).toContainText('Ждёт проверки организаторами');
  await expect(edit(lines[2] ?? '')).toContainText('Одобрено и опубликовано');
  await expect(edit(lines[3] ?? '')).toContainText('Причина: Слишком похоже на рекламу');
  await expect(edit(lines[3] ?? '').locator('.exh-state')).toHaveText('Отклонено');
  await expect(edit(lines[4] ?? '')).toContainText('Причина: Правку не удалось подтвердить: войдите снова и повторите.');
  await expect(edit(lines[5] ?? '').locator('.exh-state')).toHaveText('Конфликт: запись тем временем изменили в другом месте');
  await expect(edit(lines[5] ?? '')).toContainText('Версия на сервере: Версия организаторов');
  await expect(edit(lines[5] ?? '')).toContainText(`Ваша версия: ${lines[5]}`);
  await expect(edit(lines[6] ?? '')).toContainText('Сохранено на этом киоске, ждёт отправки');

  // In English too.
  await page.getByRole('button', { name: 'Switch to English' }).tap();
  const english = page.getByRole('list', { name: 'My edits' }).locator(':scope > li');
  await expect(english.filter({ hasText: lines[3] ?? '' })).toContainText('Reason: Слишком похоже на рекламу');
  await expect(english.filter({ hasText: lines[4] ?? '' })).toContainText('Reason: The edit could not be verified: log in again and repeat it.');
  await expect(english.filter({ hasText: lines[5] ?? '' })).toContainText('Version on the server: Версия организаторов');
  await expect(english.filter({ hasText: lines[6] ?? '' })).toContainText('Saved here, waiting to be sent');
});

// In both orientations, in Russian (the English words are checked by the tests above; the layout is the same). A
// screenshot of every step is kept as a test artifact; in landscape the editor has its keyboard beside the fields.
test('the exhibitor screens pass axe @landscape', async ({ page, kiosk }, testInfo) => {
  test.setTimeout(180_000);
  const check = async (name: string) => {
    await expect(page.locator('.loading')).toHaveCount(0);
    await page.waitForTimeout(300);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`), name).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`exhibitor-${name}.png`) });
  };
  const list = page.getByRole('list', { name: 'Что можно изменить' });

  await openExhibitorLogin(page, kiosk);
  await check('booth');
  await enterBooth(page, await boothOf(page, exhibitorId));
  await tapPin(page, '000000');
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('alert')).toBeVisible();
  await check('pin');
  await tapPin(page, demoPin);
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(list).toBeVisible();
  await check('items');
  await list.getByRole('button', { name: /^Карточка стенда/ }).tap();
  await page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' }).tap();
  await check('booth-entry');
  await page.getByRole('button', { name: 'К списку' }).tap();
  await list.getByRole('button', { name: /^Проект:/ }).first().tap();
  await check('project');
  await page.getByRole('button', { name: 'К списку' }).tap();
  await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
  await check('edits');
});

// ---- With a hub ------------------------------------------------------------------------------------------------

type Hub = { url: string; port: number; code: string; dataDir: string; process: ChildProcess };
const hubEntry = resolve('out/node/hub.js');

/** Starts the hub on its data folder (on `port`, or a free one) and waits for its address and first enrollment code. */
async function runHub(dataDir: string, port = 0): Promise<Hub> {
  const child = spawn(process.execPath, [hubEntry, '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise<Hub>((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`The hub did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Hub ready at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      const code = /enrollment code[^:]*: ([A-Z0-9-]+)/.exec(output)?.[1];
      if (ready?.[1] && code) {
        clearTimeout(timer);
        done({ url: `http://127.0.0.1:${ready[1]}`, port: Number(ready[1]), code, dataDir, process: child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (exitCode) => reject(new Error(`The hub exited with ${exitCode}:\n${output}`)));
  });
}

/** One of the hub's commands (`enroll-code`, `review on`), run beside the hub as staff would; returns what it printed. */
async function hubCommand(dataDir: string, args: string[]): Promise<string> {
  const child = spawn(process.execPath, [hubEntry, ...args, '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`hub ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

async function stopHub(hub: Hub): Promise<void> {
  if (hub.process.exitCode !== null) return;
  const exited = new Promise((done) => hub.process.once('exit', done));
  hub.process.kill('SIGTERM');
  await exited;
}

async function lastSync(page: Page): Promise<string> {
  return (await value<SyncStatusInfo>(page, 'sync.status')).lastSyncAt;
}

test('with a hub: an edit saved while the hub is down is published when it is back and shows on another kiosk; with review on, it waits', async ({ page }) => {
  test.setTimeout(360_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'hub-e2e-'));
  let hub = await runHub(hubDir);
  const secondCode = /: ([A-Z0-9-]+)\s*$/.exec(await hubCommand(hubDir, ['enroll-code']))?.[1] ?? '';
  const sync = ['--sync-seconds', '1'];
  const kioskA = await startKiosk(['--hub', hub.url, '--enroll', hub.code, ...sync]);
  // A kiosk of its own, not a copy of A's folder: the hub tells kiosks apart by their ids.
  const kioskB = await startNewKiosk(['--hub', hub.url, '--enroll', secondCode, ...sync]);
  const pageB = await page.context().newPage();
  try {
    await page.goto(kioskA.url);
    await pageB.goto(kioskB.url);
    await expect.poll(() => lastSync(page), { timeout: 60_000 }).not.toBe('');
    await expect.poll(() => lastSync(pageB), { timeout: 60_000 }).not.toBe('');

    // The hub goes away; the exhibitor fixes their line at kiosk A all the same.
    await stopHub(hub);
    const entry = await logIn(page, kioskA);
    await openItem(page, /^Карточка стенда/);
    const line = 'Демонстрация катализаторов в 14:00';
    await page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' }).fill(line);
    await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
    await expect(page.getByRole('status')).toContainText('Сохранено на этом киоске.');
    await page.getByRole('button', { name: 'К списку' }).tap();
    await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
    const edits = page.getByRole('list', { name: 'Мои правки' }).locator(':scope > li');
    await expect(edits.filter({ hasText: line })).toContainText('Сохранено на этом киоске, ждёт отправки');

    // The hub is back: the edit goes out, "My edits" follows, and kiosk B's visitors see the line.
    hub = await runHub(hubDir, hub.port);
    await expect(edits.filter({ hasText: line })).toContainText('Опубликовано', { timeout: 60_000 });
    const project = await visitorProject(page, entry);
    await startVisit(pageB, kioskB);
    await openProjectAsVisitor(pageB, project.title.ru);
    await expect(exhibitorBlock(pageB).locator('.today-text')).toHaveText(line, { timeout: 60_000 });

    // Review on: the next edit waits for the organizers, and kiosk B keeps showing the published line.
    await hubCommand(hubDir, ['review', 'on']);
    await page.getByRole('button', { name: 'Что можно изменить', exact: true }).tap();
    await openItem(page, /^Карточка стенда/);
    const waiting = 'Дегустация в 16:00';
    await page.getByRole('textbox', { name: 'Сегодня на стенде, по-русски' }).fill(waiting);
    await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
    await page.getByRole('button', { name: 'К списку' }).tap();
    await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
    await expect(edits.filter({ hasText: waiting })).toContainText('Ждёт проверки организаторами', { timeout: 60_000 });
    const answered = await lastSync(pageB);
    await expect.poll(() => lastSync(pageB), { timeout: 60_000 }).not.toBe(answered);
    await expect(exhibitorBlock(pageB).locator('.today-text')).toHaveText(line);
  } finally {
    await pageB.close();
    await stopKiosk(kioskA);
    await stopKiosk(kioskB);
    await stopHub(hub);
    rmSync(hubDir, { recursive: true, force: true });
  }
});
