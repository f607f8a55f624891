// What the kiosk counts of a visit (docs/privacy.md), checked where the counts end up: the kiosk's own database,
// read beside the running kiosk. A scripted visit by touch must leave exactly the counts it should: screens shown,
// items opened, a QR code once it is on screen, one count per search a visitor made (not per keystroke), the language
// and accessibility choices, the idle reset. An exhibitor at the kiosk leaves no counts at all, and sees their own
// figures under "My numbers", at a kiosk and in the hub's portal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import Database from 'better-sqlite3';
import type { KioskInfo, Page as ResultPage, ProjectCard, RegionSummary, Result, Route, UsageEvent } from '../../electron/shared/contract';
import { expect, pauseClock, startVisit, test, type Kiosk } from './fixtures';
import { launchHub, stopHub, type Hub } from './hub';

// Whole visits by touch, with deliberate waits (a search must rest, the kiosk must go idle), several kiosks at once.
test.describe.configure({ timeout: 240_000 });

/** The visit test waits for the idle reset: a kiosk that gives up on a visitor after a few seconds. */
const idleSeconds = 8;

const demoPin = '123456';
const demoBooth = 'A-3';

type Counts = Record<string, number>;
const key = (metric: string, subject = '') => `${metric} ${subject}`.trimEnd();

/** Every count the kiosk holds, over all hours: "metric subject" → count. */
function usageCounts(kiosk: Kiosk): Counts {
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT metric, subject, SUM(count) AS count FROM usage_counts GROUP BY metric, subject').all() as { metric: string; subject: string; count: number }[];
    return Object.fromEntries(rows.map((row) => [key(row.metric, row.subject), row.count]));
  } finally {
    db.close();
  }
}

/** The counts a test expects, step by step; `settled` waits until the kiosk holds exactly these. */
function expectedCounts(kiosk: Kiosk) {
  const counts: Counts = {};
  return {
    counts,
    add(metric: string, subject = '') {
      counts[key(metric, subject)] = (counts[key(metric, subject)] ?? 0) + 1;
    },
    // Reports leave the page when it is idle, so they arrive within a moment, not at once.
    settled: (message: string) => expect.poll(() => usageCounts(kiosk), { message, timeout: 10_000 }).toEqual(counts),
  };
}

/** Every usage report the page sends, as sent. */
function watchReports(page: Page): UsageEvent[] {
  const sent: UsageEvent[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/call/usage.record')) sent.push(request.postDataJSON() as UsageEvent);
  });
  return sent;
}

async function value<T>(page: Page, name: string, input: object = {}): Promise<T> {
  const result = await page.evaluate(
    async ([callName, body]) => {
      const response = await fetch(`/api/call/${callName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return (await response.json()) as Result<T>;
    },
    [name, JSON.stringify(input)] as const,
  );
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Types on the kiosk's own keyboard, one tapped key at a time. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: 'Экранная клавиатура' });
  for (const char of text) await keyboard.getByRole('button', { name: char === ' ' ? 'Пробел' : char, exact: true }).tap();
}

/** The search queries the kiosk has answered the page (a query asked again is answered from the page's cache). */
function watchSearches(page: Page): Set<string> {
  const answered = new Set<string>();
  page.on('response', (response) => {
    if (!response.url().endsWith('/api/call/search')) return;
    const { q } = response.request().postDataJSON() as { q: string };
    answered.add(q);
  });
  return answered;
}

/**
 * Taps the search keyboard's keys (letters, or keys by name such as "Стереть") as a quick visitor does: 0.3 s apart
 * by the page's clock, however slow the machine running the test is. The clock stands still between the taps, and
 * each new text is searched and answered before the next key. Time flows again afterwards.
 */
async function typeBriskly(page: Page, answered: Set<string>, keys: string[]): Promise<void> {
  const keyboard = page.getByRole('group', { name: 'Экранная клавиатура' });
  const box = page.getByRole('searchbox', { name: 'Поиск' });
  await pauseClock(page, 500);
  for (const name of keys) {
    await keyboard.getByRole('button', { name, exact: true }).tap();
    await page.clock.runFor(300);
    const query = (await box.inputValue()).trim();
    if (query) await expect.poll(() => answered.has(query), { message: `the kiosk answered «${query}»` }).toBe(true);
  }
  await page.clock.resume();
}

/** How much of an element is inside the window, 0 to 1. */
function shareOnScreen(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const height = Math.max(0, Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0));
    return box.height > 0 ? height / box.height : 0;
  });
}

/** The visit-length buckets (docs/privacy.md) that a visit lasting between `min` and `max` seconds may fall in. */
function lengthBuckets(min: number, max: number): string[] {
  const buckets: [string, number, number][] = [
    ['under_30s', 0, 30],
    ['30s_1m', 30, 60],
    ['1m_3m', 60, 180],
    ['3m_10m', 180, 600],
    ['over_10m', 600, Infinity],
  ];
  return buckets.filter(([, from, to]) => max >= from && min < to).map(([name]) => name);
}

const qrLabel = 'Наведите камеру телефона, чтобы сохранить';
const back = (page: Page) => page.getByRole('button', { name: /Назад/ }).tap();
const home = (page: Page) => page.getByRole('button', { name: 'На главную' }).tap();

test.describe(`with the idle time at ${idleSeconds} s`, () => {
  test.use({ kioskArgs: ['--idle-seconds', String(idleSeconds)] });

  test('a visit leaves exactly its counts: screens, items, a QR code on screen, searches, language, accessibility, the idle reset', async ({ page, kiosk }) => {
    const expected = expectedCounts(kiosk);
    const answered = watchSearches(page);
    // The page's clock runs as usual, except while the test types (see typeBriskly).
    await page.clock.install();
    await page.goto(kiosk.url);
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible();
    // The attract loop runs for nobody: nothing is counted.
    expect(usageCounts(kiosk)).toEqual({});

    // The touch enters at the item the loop was showing (a featured project or a route stop), or at home.
    const featured = await value<ResultPage<ProjectCard>>(page, 'projects.list', { featured: true, limit: 12 });
    const route = await value<Route>(page, 'route.get');
    const visitStarted = Date.now();
    await page.getByRole('button', { name: /Touch the screen to start/ }).tap();
    const toHome = page.getByRole('button', { name: 'На главную' });
    await expect(toHome.or(page.getByRole('button', { name: /^Регионы/ }))).toBeVisible();
    expected.add('session');
    if (await toHome.isVisible()) {
      const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      const project = featured.items.find((item) => item.title.ru === title);
      if (project) {
        expected.add('screen', 'project');
        expected.add('project', project.id);
        // Counted only if the code is on screen; in portrait it is usually further down the page.
        if ((await shareOnScreen(page.getByRole('img', { name: qrLabel }))) >= 0.5) expected.add('qr', project.id);
      } else {
        expect(title).toBe(route.name.ru);
        const stopTitle = (await page.getByRole('article').getByRole('heading', { level: 2 }).textContent()) ?? '';
        const stop = route.stops.find((candidate) => candidate.title.ru === stopTitle);
        expect(stop, `the route opened at a stop: ${stopTitle}`).toBeDefined();
        expected.add('screen', 'route');
        expected.add('route_stop', stop?.id ?? '');
      }
      await expected.settled('the screen and the item the visit entered at');
      await home(page);
    }
    expected.add('screen', 'home');
    await expected.settled('home');

    // Regions, a region, one of its projects.
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Регионы' })).toBeVisible();
    expected.add('screen', 'regions');
    const regions = await value<RegionSummary[]>(page, 'regions.list');
    const omsk = regions.find((region) => region.name.ru === 'Омская область');
    if (!omsk) throw new Error('no Omsk region in the demo forum');
    await page.getByRole('list', { name: 'Карта регионов' }).getByRole('button', { name: /^Омская область/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
    expected.add('screen', 'region');
    expected.add('region', omsk.id);
    await expected.settled('regions, then the Omsk region');

    const projects = await value<ResultPage<ProjectCard>>(page, 'projects.list', { regionId: omsk.id });
    const project = projects.items[0];
    if (!project) throw new Error('the Omsk region has no projects');
    await page.getByRole('list', { name: 'Проекты' }).getByRole('button').first().tap();
    await expect(page.getByRole('heading', { level: 1, name: project.title.ru })).toBeVisible();
    expected.add('screen', 'project');
    expected.add('project', project.id);
    // The QR code is on the page but below the fold: not shown yet, so not counted yet.
    const qr = page.getByRole('img', { name: qrLabel });
    await expect(qr).toBeAttached();
    await expect(qr).not.toBeInViewport({ ratio: 0.5 });
    await expected.settled('the project opened, its QR code not yet on screen');

    // Brought on screen, the QR code counts as shown: once, however often it comes and goes.
    await qr.scrollIntoViewIfNeeded();
    await expect(qr).toBeInViewport({ ratio: 0.5 });
    expected.add('qr', project.id);
    await expected.settled('the QR code on screen');
    await qr.evaluate((element) => {
      let scroller = element.parentElement;
      while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
      scroller?.scrollTo(0, 0);
    });
    await expect(qr).not.toBeInViewport();
    await qr.scrollIntoViewIfNeeded();
    await expect(qr).toBeInViewport({ ratio: 0.5 });

    // Back shows the region again (a screen shown), but the region was opened once.
    await back(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
    expected.add('screen', 'region');
    await home(page);
    expected.add('screen', 'home');
    await expected.settled('back to the region, then home');

    // Search: a word typed letter by letter is one search, once its results have stayed on screen a moment. A quick
    // visitor's keys come 0.3 s apart: each prefix is searched and answered on the way, none rests long enough to count.
    await page.getByRole('button', { name: 'Поиск', exact: true }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Поиск' })).toBeVisible();
    expected.add('screen', 'search');
    const box = page.getByRole('searchbox', { name: 'Поиск' });
    await typeBriskly(page, answered, [...'завод']);
    await expect(box).toHaveValue('завод');
    await expect(page.getByRole('status')).toHaveText(/^\d+ результат/);
    expected.add('search', 'завод');
    await expected.settled('one search for the word typed, none for its first letters');

    // A search that finds nothing is also counted as a content gap.
    await typeBriskly(page, answered, ['Очистить', ...'щщщ']);
    await expect(page.getByRole('heading', { name: 'Ничего не найдено' })).toBeVisible();
    expected.add('search', 'щщщ');
    expected.add('search_empty', 'щщщ');
    await expected.settled('a search with no results');

    // The same query again straight after (a letter taken back and typed again) is not a second search; nor is the
    // empty field, nor leaving the screen with that same query on it. Each time it rests well past the 1.5 s.
    await typeBriskly(page, answered, ['Стереть', 'щ']);
    await expect(box).toHaveValue('щщщ');
    await page.waitForTimeout(2500);
    await typeBriskly(page, answered, ['Очистить', ...'щщщ']);
    await expect(page.getByRole('heading', { name: 'Ничего не найдено' })).toBeVisible();
    await page.waitForTimeout(2500);
    await back(page);
    expected.add('screen', 'home');
    await expected.settled('no second count for the same query in a row');

    // The language switched to, and an accessibility mode turned on (larger text once, however large).
    await page.getByRole('button', { name: 'Switch to English' }).tap();
    await expect(page.getByRole('button', { name: 'Переключить на русский' })).toBeVisible();
    expected.add('language', 'en');
    await page.getByRole('button', { name: 'Accessibility' }).tap();
    const panel = page.getByRole('dialog', { name: 'Accessibility' });
    await panel.getByRole('button', { name: 'High contrast' }).tap();
    await expect(panel.getByRole('button', { name: 'High contrast' })).toHaveAttribute('aria-pressed', 'true');
    expected.add('accessibility', 'high_contrast');
    await panel.getByRole('button', { name: '150%' }).tap();
    await panel.getByRole('button', { name: '200%' }).tap();
    await expect(panel.getByRole('button', { name: '200%' })).toHaveAttribute('aria-pressed', 'true');
    expected.add('accessibility', 'large_text');
    await panel.getByRole('button', { name: 'Close' }).tap();
    await expected.settled('English, high contrast and larger text');
    // The system asking for reduced motion while the kiosk runs: the kiosk follows it, and nobody chose it here.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduced');

    // Nobody touches the kiosk: "Still there?", then the attract loop. The visit ends and its length is counted;
    // the language and settings going back to the defaults are nobody's choice.
    const lastTouch = Date.now();
    await page.getByRole('dialog', { name: 'Accessibility' }).waitFor({ state: 'detached' });
    await expect(page.getByRole('alertdialog', { name: 'Still there?' })).toBeVisible({ timeout: (idleSeconds + 10) * 1000 });
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible({ timeout: 40_000 });
    const visitEnded = Date.now();
    expected.add('idle_reset');
    await expect
      .poll(() => usageCounts(kiosk)[key('idle_reset')], { message: 'the idle reset counted', timeout: 10_000 })
      .toBe(1);
    const counts = usageCounts(kiosk);
    const length = Object.keys(counts).filter((name) => name.startsWith('session_length '));
    expect(length).toHaveLength(1);
    expect(counts[length[0] ?? '']).toBe(1);
    // The core measures the visit from its first report to its last; the test's clock brackets that.
    const [earliest, latest] = [(lastTouch - visitStarted) / 1000 + idleSeconds + 15, (visitEnded - visitStarted) / 1000];
    expect(lengthBuckets(earliest - 2, latest + 2)).toContain(length[0]?.slice('session_length '.length));
    expect(counts).toEqual({ ...expected.counts, [length[0] ?? '']: 1 });
  });
});

test('a search counts when a result is tapped or the screen is left, before it has rested; once per query in a row', async ({ page, kiosk }) => {
  const sent = watchReports(page);
  await page.clock.install();
  await startVisit(page, kiosk);
  await page.getByRole('button', { name: 'Поиск', exact: true }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Поиск' })).toBeVisible();
  const searches = () => Object.fromEntries(Object.entries(usageCounts(kiosk)).filter(([name]) => name.startsWith('search')));
  // From here the page's time only moves when the test moves it: "before it has rested" is certain, not a race.
  await pauseClock(page, 1000);

  // A result tapped 0.2 s after the results came: the search is counted then, not 1.5 s later.
  await typeOnScreen(page, 'омск');
  await page.clock.runFor(200);
  const regionHit = page.getByRole('list', { name: 'Регионы' }).getByRole('button', { name: /Омская область/ });
  await regionHit.tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Омская область' })).toBeVisible();
  await page.clock.runFor(1100);
  await expect.poll(searches).toEqual({ 'search омск': 1 });

  // Back at the same results, which now rest long enough: the same query is not counted twice in a row.
  await back(page);
  await expect(page.getByRole('searchbox', { name: 'Поиск' })).toHaveValue('омск');
  await page.clock.runFor(3000);
  const reportsSoFar = sent.length;
  // Leaving the screen 0.2 s after the results came counts that search.
  await page.getByRole('button', { name: 'Очистить' }).tap();
  await typeOnScreen(page, 'сыр');
  await page.clock.runFor(200);
  await expect(page.getByRole('status')).toHaveText(/^\d+ результат/);
  await back(page);
  await expect(page.getByRole('button', { name: /^Регионы/ })).toBeVisible();
  // The screen is gone once its field is (it stays hidden a moment after Back).
  await expect(page.locator('input.search-input')).toHaveCount(0);
  await page.clock.runFor(1100);
  await expect.poll(searches).toEqual({ 'search омск': 1, 'search сыр': 1 });
  // Nothing else was sent about searches meanwhile: not the cleared field, not a first letter.
  expect(sent.slice(reportsSoFar).filter((event) => event.kind === 'search')).toEqual([{ kind: 'search', query: 'сыр', results: expect.any(Number) }]);
  expect(sent.filter((event) => event.kind === 'search').map((event) => (event.kind === 'search' ? event.query : ''))).toEqual(['омск', 'сыр']);
});

/** Booth number and PIN at the kiosk's exhibitor login. */
async function logInAtKiosk(page: Page): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Номер стенда' });
  await expect(field).toBeVisible();
  const keyboard = page.getByRole('group', { name: 'Экранная клавиатура' });
  await keyboard.getByRole('button', { name: 'Английские буквы', exact: true }).tap();
  await keyboard.getByRole('button', { name: 'a', exact: true }).tap();
  await keyboard.getByRole('button', { name: 'Цифры и знаки', exact: true }).tap();
  await keyboard.getByRole('button', { name: '-', exact: true }).tap();
  await keyboard.getByRole('button', { name: '3', exact: true }).tap();
  await expect(field).toHaveValue(demoBooth.toLowerCase());
  await page.getByRole('button', { name: 'Далее', exact: true }).tap();
  const pad = page.getByRole('group', { name: 'Цифры PIN-кода' });
  for (const digit of demoPin) await pad.getByRole('button', { name: digit, exact: true }).tap();
  await page.getByRole('button', { name: 'Войти', exact: true }).tap();
  await expect(page.getByRole('button', { name: 'Выйти', exact: true })).toBeVisible();
}

type OwnProject = { id: string; title_ru: string; title_en: string };

function projectsOfBooth(kiosk: Kiosk, booth: string): OwnProject[] {
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT p.id, p.title_ru, p.title_en FROM projects p JOIN exhibitors e ON e.id = p.exhibitor_id
         WHERE e.booth = ? AND p.deleted = 0 ORDER BY p.title_ru, p.id`,
      )
      .all(booth) as OwnProject[];
  } finally {
    db.close();
  }
}

/** The figures the hub would sync to the kiosk, written straight into the kiosk's copy. */
function syncProjectStats(kiosk: Kiosk, rows: { projectId: string; day: string; opens: number; qrShown: number }[]): void {
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { fileMustExist: true });
  try {
    const insert = db.prepare('INSERT INTO project_stats (project_id, day, opens, qr_shown, hub_seq, deleted) VALUES (?, ?, ?, ?, ?, 0)');
    rows.forEach((row, index) => insert.run(row.projectId, row.day, row.opens, row.qrShown, 1000 + index));
  } finally {
    db.close();
  }
}

/** A forum day as "My numbers" names it: the date, never shifted by the screen's time zone. */
const dayName = (day: string, locale: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'long' });

/** No serious accessibility faults on the page as it is (WCAG 2.1 AA rules); a screenshot is kept with the results. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`), name).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

async function expectFigures(table: Locator, rows: [string, string, string][]): Promise<void> {
  for (const [day, opens, qrShown] of rows) {
    const row = table.getByRole('row', { name: new RegExp(day) });
    await expect(row.getByRole('cell')).toHaveText([opens, qrShown]);
  }
}

test('nothing is counted while an exhibitor uses the kiosk; "My numbers" shows their figures, or says none came yet', async ({ page, kiosk }, testInfo) => {
  const sent = watchReports(page);
  await startVisit(page, kiosk);
  // Everything of the visit so far has arrived: the last of it, home, is in the database.
  await expect.poll(() => usageCounts(kiosk)[key('screen', 'home')]).toBe(1);
  await page.waitForTimeout(1500);
  const before = usageCounts(kiosk);
  const reportsBefore = sent.length;

  // At the exhibitors' door, before logging in: the screen, a language switch there, are an exhibitor's.
  await page.getByRole('button', { name: 'Для экспонентов', exact: true }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Для экспонентов' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'For exhibitors' })).toBeVisible();
  await page.getByRole('button', { name: 'Переключить на русский' }).tap();
  await logInAtKiosk(page);
  await page.getByRole('button', { name: 'Специальные возможности' }).tap();
  await page.getByRole('dialog').getByRole('button', { name: 'Высокий контраст' }).tap();
  await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).tap();

  // Browse one of their projects: the editor shows it as visitors see it, QR code included.
  const own = projectsOfBooth(kiosk, demoBooth);
  const first = own[0];
  if (!first) throw new Error(`booth ${demoBooth} has no projects`);
  await page.getByRole('list', { name: 'Что можно изменить' }).getByRole('button', { name: new RegExp(first.title_ru.slice(0, 20)) }).tap();
  const previewQr = page.locator('.exh-preview-frame svg.qr');
  await previewQr.scrollIntoViewIfNeeded();
  await expect(previewQr).toBeInViewport({ ratio: 0.5 });
  await page.getByRole('button', { name: 'К списку' }).tap();

  // "My numbers" before any figures came with sync.
  await page.getByRole('button', { name: 'Мои показатели', exact: true }).tap();
  await expect(page.getByText('Показателей пока нет — они приходят с синхронизацией.')).toBeVisible();
  await expectAccessible(page, testInfo, 'my-numbers-empty');

  // The hub's totals arrive: per project and forum day.
  const info = await value<KioskInfo>(page, 'kiosk.info');
  const [day1, day2] = [info.forum?.startsOn ?? '', info.forum?.endsOn ?? ''];
  expect(day1 < day2).toBe(true);
  const second = own[1];
  syncProjectStats(kiosk, [
    { projectId: first.id, day: day1, opens: 12, qrShown: 5 },
    { projectId: first.id, day: day2, opens: 1040, qrShown: 7 },
    ...(second ? [{ projectId: second.id, day: day2, opens: 3, qrShown: 0 }] : []),
  ]);
  await page.getByRole('button', { name: 'Мои правки', exact: true }).tap();
  await page.getByRole('button', { name: 'Мои показатели', exact: true }).tap();
  const firstTable = page.getByRole('table', { name: first.title_ru });
  await expect(firstTable).toBeVisible();
  await expect(firstTable.getByRole('columnheader')).toHaveText(['День', 'Открыли', 'Показан QR-код']);
  await expectFigures(firstTable, [
    [dayName(day1, 'ru-RU'), '12', '5'],
    [dayName(day2, 'ru-RU'), '1\u00a0040', '7'],
    ['Всего', '1\u00a0052', '12'],
  ]);
  if (second) {
    // A project without figures on a day shows zeros for it, and every project of theirs is listed.
    await expectFigures(page.getByRole('table', { name: second.title_ru }), [
      [dayName(day1, 'ru-RU'), '0', '0'],
      [dayName(day2, 'ru-RU'), '3', '0'],
    ]);
  }
  await expect(page.getByRole('table')).toHaveCount(own.length);
  await expectAccessible(page, testInfo, 'my-numbers');
  await page.getByRole('button', { name: 'Switch to English' }).tap();
  await expect(page.getByRole('button', { name: 'My numbers', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expectFigures(page.getByRole('table', { name: first.title_en }), [[dayName(day1, 'en-GB'), '12', '5']]);
  await expect(page.getByRole('table', { name: first.title_en }).getByRole('columnheader')).toHaveText(['Day', 'Opened', 'QR code shown']);

  // Logging out lands on home: still the exhibitor's doing, not a visitor's.
  await page.getByRole('button', { name: 'Log out', exact: true }).tap();
  await expect(page.getByRole('button', { name: /^Regions/ })).toBeVisible();
  await page.waitForTimeout(1500);
  expect(sent.slice(reportsBefore)).toEqual([]);
  expect(usageCounts(kiosk)).toEqual(before);

  // The next visitor is counted again.
  await page.getByRole('button', { name: /^Regions/ }).tap();
  await expect.poll(() => usageCounts(kiosk)).toEqual({ ...before, [key('screen', 'regions')]: 1 });
  expect(sent.slice(reportsBefore)).toEqual([{ kind: 'screen', screen: 'regions' }]);
});

// ---- The portal ----------------------------------------------------------------------------------------------

async function logInAtPortal(page: Page, hub: Hub): Promise<void> {
  await page.goto(`${hub.url}/portal/`);
  await page.getByLabel('Номер стенда').fill(demoBooth);
  await page.getByLabel('PIN-код').fill(demoPin);
  await page.getByRole('button', { name: 'Войти' }).tap();
  await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
}

test.describe('the portal', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('"My numbers" in the portal: none before any counts, then the hub\'s figures from the kiosks\' counts', async ({ page }, testInfo) => {
    const sent = watchReports(page);
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-usage-e2e-'));
    let hub = await launchHub(dataDir);
    try {
      await logInAtPortal(page, hub);
      await page.getByRole('button', { name: 'Мои показатели' }).tap();
      await expect(page.getByText('Показателей пока нет — они приходят с синхронизацией.')).toBeVisible();

      // Counts as kiosks would have sent them (two days, two kiosks); the hub turns them into figures at start.
      const db = new Database(join(dataDir, 'hub.db'));
      const [project] = db
        .prepare(
          `SELECT json_extract(p.data, '$.id') AS id, json_extract(p.data, '$.title_ru') AS title FROM records p, records e
           WHERE p.tbl = 'projects' AND e.tbl = 'exhibitors' AND p.data IS NOT NULL AND e.data IS NOT NULL
             AND json_extract(p.data, '$.exhibitor_id') = json_extract(e.data, '$.id') AND json_extract(e.data, '$.booth') = ?
           ORDER BY title LIMIT 1`,
        )
        .all(demoBooth) as { id: string; title: string }[];
      if (!project) throw new Error(`booth ${demoBooth} has no projects on the hub`);
      // 06:00 UTC is noon in Omsk, the forum's time zone: the same calendar day there.
      const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
      const insert = db.prepare('INSERT INTO usage_counts (device_id, hour, metric, subject, count) VALUES (?, ?, ?, ?, ?)');
      insert.run('kiosk-1', `${dayBefore(2)}T06`, 'project', project.id, 4);
      insert.run('kiosk-2', `${dayBefore(2)}T06`, 'project', project.id, 2);
      insert.run('kiosk-1', `${dayBefore(2)}T06`, 'qr', project.id, 1);
      insert.run('kiosk-2', `${dayBefore(1)}T06`, 'project', project.id, 9);
      db.close();
      await stopHub(hub, { keepData: true });
      hub = await launchHub(dataDir);
      await expect
        .poll(() => {
          const check = new Database(join(dataDir, 'hub.db'), { readonly: true });
          try {
            return (check.prepare("SELECT count(*) AS n FROM records WHERE tbl = 'project_stats' AND data IS NOT NULL").get() as { n: number }).n;
          } finally {
            check.close();
          }
        }, { message: 'the hub turned the counts into figures' })
        .toBe(2);

      // A hub restart ends portal sessions: log in again.
      await logInAtPortal(page, hub);
      await page.getByRole('button', { name: 'Мои показатели' }).tap();
      const table = page.getByRole('table', { name: project.title });
      await expectFigures(table, [
        [dayName(dayBefore(2), 'ru-RU'), '6', '1'],
        [dayName(dayBefore(1), 'ru-RU'), '9', '0'],
        ['Всего', '15', '1'],
      ]);
      await expectAccessible(page, testInfo, 'portal-my-numbers');
      // On a phone the figures fit the width: nothing to scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // The portal page itself never reports usage: it is not a kiosk.
      await page.getByRole('button', { name: 'Switch to English' }).tap();
      await expect(page.getByRole('button', { name: 'My numbers' })).toBeVisible();
      await expect(page.getByText('How often visitors opened your projects')).toBeVisible();
      expect(sent).toEqual([]);
    } finally {
      await stopHub(hub);
    }
  });
});
