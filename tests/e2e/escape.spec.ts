import type { CDPSession, Locator, Page } from '@playwright/test';
import { enterHome, expect, test, type Kiosk } from './fixtures';
import { loginDialog, logInStaff, openStaffLogin } from './staff-kiosk';

// The escape sweep: on every screen a visitor (or staff) can reach, everything a person in the hall can try in order
// to leave the kiosk's page — shortcut keys from a plugged-in keyboard, a long press, a drag, swipes from the edges,
// pinch and double-tap zoom, dropped files, pop-ups, links and form submits. After each screen's sweep the page must
// be the same page (never reloaded, never navigated, no second page), at the same screen, not zoomed, nothing
// selected. Chromium here runs headless; the Electron shell's own guards are tested in tests/electron and
// tests/unit/shell.

/** Every shortcut the kiosk swallows (electron/shared/shortcuts.ts) that a page can stop in Chromium. */
const blockedChords = [
  'F5',
  'Control+r',
  'Control+Shift+R',
  'Alt+ArrowLeft',
  'Alt+ArrowRight',
  'Alt+Home',
  'F1',
  'F3',
  'F6',
  'F7',
  'F10',
  'F11',
  'F12',
  'Control+Shift+I',
  'Control+Shift+J',
  'Control+Shift+C',
  'Control+u',
  'Control+p',
  'Control+s',
  'Control+o',
  'Control+f',
  'Control+g',
  'Control+h',
  'Control+j',
  'Control+l',
  'Control+d',
  'Control+e',
  'Control+k',
  'Control+a',
  'Control+=',
  'Control+-',
  'Control+0',
  'ContextMenu',
];

type Sweep = { page: Page; cdp: CDPSession; navigations: () => number; pages: () => number };

async function openSweep(page: Page, kiosk: Kiosk): Promise<Sweep> {
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await page.goto(kiosk.url);
  navigations = 0;
  // Proof that the page is never reloaded: a reload would lose this.
  await page.evaluate(() => {
    const log: { type: string; key?: string; prevented: boolean }[] = [];
    // A key as a chord, the way blockedChords writes it: "Control+Shift+R".
    const chord = (event: KeyboardEvent) =>
      [event.ctrlKey && 'Control', event.altKey && 'Alt', event.shiftKey && 'Shift', event.key.length === 1 ? event.key.toLowerCase() : event.key].filter(Boolean).join('+');
    Object.assign(window, { escapeSweep: { marker: 'the same page', log } });
    // Bubble phase on window: runs after the page's own handlers, so it sees whether they prevented the default.
    for (const type of ['keydown', 'contextmenu', 'dragstart', 'dragover', 'drop', 'selectstart'] as const) {
      window.addEventListener(type, (event) => log.push({ type, key: event instanceof KeyboardEvent ? chord(event) : undefined, prevented: event.defaultPrevented }));
    }
    // Two fingers moving: a pinch, which the page must stop (one finger moving is a scroll, and allowed).
    window.addEventListener('touchmove', (event) => {
      if (event.touches.length > 1) log.push({ type: 'pinch', prevented: event.defaultPrevented });
    });
  });
  const cdp = await page.context().newCDPSession(page);
  return { page, cdp, navigations: () => navigations, pages: () => page.context().pages().length };
}

type Entry = { type: string; key?: string; prevented: boolean };

async function takeLog(page: Page): Promise<Entry[]> {
  return page.evaluate(() => {
    const sweep = (window as unknown as { escapeSweep: { log: Entry[] } }).escapeSweep;
    return sweep.log.splice(0);
  });
}

/** The screen as a person sees it: the main heading (or the attract loop's button) and the URL. */
async function where(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1 }).first();
  if ((await heading.count()) > 0) return `${page.url()} · ${await heading.textContent()}`;
  return `${page.url()} · ${await page.getByRole('button', { name: /Touch the screen to start/ }).count()} attract`;
}

async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
}

type Point = { x: number; y: number };

/** Fingers down at `from`, moving in eight steps to `to` (one point per finger), then up: a swipe, or a pinch. */
async function gesture(cdp: CDPSession, from: Point[], to: Point[]): Promise<void> {
  await touch(cdp, 'touchStart', from);
  for (let step = 1; step <= 8; step += 1) {
    await touch(cdp, 'touchMove', from.map((start, finger) => ({ x: start.x + ((to[finger]!.x - start.x) * step) / 8, y: start.y + ((to[finger]!.y - start.y) * step) / 8 })));
  }
  await touch(cdp, 'touchEnd', []);
}

/**
 * Everything at once on the screen that is up. `target` is somewhere to press that does nothing when tapped (text,
 * not a control), so a long press or a double tap that the page failed to stop would show as a menu, a selection or a
 * zoom rather than as a tap.
 */
async function sweepScreen(sweep: Sweep, screen: string, target: Locator, { sameHeading = true } = {}): Promise<void> {
  const { page, cdp } = sweep;
  await expect(target).toBeVisible();
  await page.waitForTimeout(300); // the screen's entrance animation
  const before = await where(page);
  await takeLog(page);
  const size = page.viewportSize()!;

  // Keys, all of them, then what the page saw of each.
  for (const chord of blockedChords) await page.keyboard.press(chord);
  const keys = (await takeLog(page)).filter((e) => e.type === 'keydown');
  for (const chord of blockedChords) {
    const seen = keys.filter((e) => e.key?.toLowerCase() === chord.toLowerCase());
    expect(seen.length, `${screen}: ${chord} reached the page`).toBe(1);
    expect(seen[0]?.prevented, `${screen}: ${chord} is swallowed`).toBe(true);
  }

  // A right click (a mouse plugged in): the menu is asked for, and refused.
  const box = (await target.boundingBox())!;
  const point = { x: box.x + Math.min(box.width / 2, 40), y: box.y + box.height / 2 };
  await page.mouse.click(point.x, point.y, { button: 'right' });
  const menus = (await takeLog(page)).filter((e) => e.type === 'contextmenu');
  expect(menus, `${screen}: a right click's menu is refused`).toEqual([{ type: 'contextmenu', prevented: true }]);

  // A long press on text: no menu, no selection.
  await touch(cdp, 'touchStart', [point]);
  await page.waitForTimeout(900);
  await touch(cdp, 'touchEnd', []);
  // A double tap on it and a two-finger pinch: no zoom.
  await cdp.send('Input.synthesizeTapGesture', { x: point.x, y: point.y, tapCount: 2, gestureSourceType: 'touch' });
  const middle = { x: size.width / 2, y: size.height / 2 };
  await gesture(
    cdp,
    [{ x: middle.x - 20, y: middle.y }, { x: middle.x + 20, y: middle.y }],
    [{ x: middle.x - 340, y: middle.y - 80 }, { x: middle.x + 340, y: middle.y + 80 }],
  );
  // Swipes in from every edge (overscroll history navigation, pull to refresh, system-like edge gestures).
  await gesture(cdp, [{ x: 2, y: middle.y }], [{ x: size.width * 0.7, y: middle.y }]);
  await gesture(cdp, [{ x: size.width - 2, y: middle.y }], [{ x: size.width * 0.3, y: middle.y }]);
  await gesture(cdp, [{ x: middle.x, y: 2 }], [{ x: middle.x, y: size.height * 0.6 }]);
  // A mouse (plugged in, or a touchscreen in mouse mode) dragging the text and whatever image is on screen.
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await page.mouse.move(point.x + 300, point.y + 200, { steps: 6 });
  await page.mouse.up();
  const image = page.locator('img').first();
  if ((await image.count()) > 0 && (await image.isVisible())) {
    const imageBox = (await image.boundingBox())!;
    await page.mouse.move(imageBox.x + imageBox.width / 2, imageBox.y + imageBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(imageBox.x + imageBox.width / 2 + 250, imageBox.y + imageBox.height / 2 + 250, { steps: 6 });
    await page.mouse.up();
  }

  // What a page's script could be tricked into, or a file or link dropped on the screen: refused.
  const scripted = await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.setData('text/uri-list', 'https://example.com/');
    transfer.items.add(new File(['x'], 'evil.html', { type: 'text/html' }));
    const dropOn = document.querySelector('h1') ?? document.body;
    const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true });
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    dropOn.dispatchEvent(over);
    dropOn.dispatchEvent(drop);
    const forms = [...document.querySelectorAll('form')];
    const submitted = forms.map((form) => {
      const event = new SubmitEvent('submit', { bubbles: true, cancelable: true });
      form.dispatchEvent(event);
      return event.defaultPrevented;
    });
    return {
      popups: [window.open('https://example.com/'), window.open('/'), window.open('about:blank', '_blank')].filter((w) => w !== null).length,
      links: document.querySelectorAll('a[href], area[href]').length,
      formsStopped: submitted.every(Boolean),
      dropStopped: over.defaultPrevented && drop.defaultPrevented,
    };
  });
  expect(scripted, screen).toEqual({ popups: 0, links: 0, formsStopped: true, dropStopped: true });

  const log = await takeLog(page);
  expect(log.filter((e) => e.type === 'pinch').length, `${screen}: the pinch reached the page`).toBeGreaterThan(0);
  const unstopped = log.filter((e) => e.type !== 'keydown' && !e.prevented).map((e) => e.type);
  expect(unstopped, `${screen}: every menu, drag, drop and selection attempt is stopped`).toEqual([]);

  const after = await page.evaluate(() => ({
    marker: (window as unknown as { escapeSweep?: { marker: string } }).escapeSweep?.marker ?? 'reloaded',
    selection: window.getSelection()?.toString() ?? '',
    scale: window.visualViewport?.scale ?? 1,
    fullscreen: document.fullscreenElement !== null,
  }));
  expect(after, screen).toEqual({ marker: 'the same page', selection: '', scale: 1, fullscreen: false });
  expect(sweep.navigations(), `${screen}: navigations`).toBe(0);
  expect(sweep.pages(), `${screen}: pages`).toBe(1);
  if (sameHeading) expect(await where(page), `${screen}: still the same screen`).toBe(before);
}

const tapButton = (page: Page, name: RegExp | string) => page.getByRole('button', { name }).first().tap();
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first();
const firstInBody = (page: Page) => page.locator('.screen-body').getByRole('button').first().tap();
const goHome = (page: Page) => tapButton(page, /^На главную$/);

test('the visitor screens: no key, gesture, drag, drop, pop-up or link leaves the kiosk', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  const sweep = await openSweep(page, kiosk);
  // On the attract loop any touch is a way in (at the item on screen), so it may leave the loop — for the app.
  await sweepScreen(sweep, 'attract loop', page.locator('.attract-title').first(), { sameHeading: false });
  await enterHome(page);

  const screens: { name: string; go: () => Promise<void> }[] = [
    { name: 'home', go: async () => {} },
    { name: 'regions map', go: () => tapButton(page, /^Регионы/) },
    { name: 'regions list', go: () => page.getByRole('button', { name: 'Список', exact: true }).tap() },
    { name: 'region', go: () => page.getByRole('list', { name: 'Регионы-участники' }).getByRole('button', { name: /^Омская область/ }).tap() },
    { name: 'project', go: () => firstInBody(page) },
    { name: 'clusters', go: async () => { await goHome(page); await tapButton(page, /^Кластеры Омской области/); } },
    { name: 'cluster', go: () => firstInBody(page) },
    { name: 'industries', go: async () => { await goHome(page); await tapButton(page, /^Отрасли и темы/); } },
    { name: 'industry', go: () => firstInBody(page) },
    { name: 'route', go: async () => { await goHome(page); await tapButton(page, /^Индустриальная Сибирь/); } },
    { name: 'programme', go: async () => { await goHome(page); await tapButton(page, /^Программа/); } },
    { name: 'hall plan', go: async () => { await goHome(page); await tapButton(page, /^Найти стенд/); } },
    { name: 'search', go: async () => { await goHome(page); await tapButton(page, /^Поиск$/); await page.getByRole('group', { name: 'Экранная клавиатура' }).getByRole('button', { name: 'о', exact: true }).tap(); } },
    { name: 'exhibitor login', go: async () => { await goHome(page); await tapButton(page, 'Для экспонентов'); } },
  ];
  for (const screen of screens) {
    await screen.go();
    await expect(page.locator('.loading')).toHaveCount(0);
    await sweepScreen(sweep, screen.name, heading(page));
  }

  await goHome(page);
  await page.getByRole('button', { name: 'Специальные возможности' }).tap();
  const panel = page.getByRole('dialog', { name: 'Специальные возможности' });
  await sweepScreen(sweep, 'accessibility panel', panel.getByRole('heading').first());
  await expect(panel).toBeVisible();
});

test('the staff prompt, the staff panel and a presentation: no key, gesture, drag, drop, pop-up or link leaves the kiosk', async ({ page, kiosk }) => {
  test.setTimeout(180_000);
  const sweep = await openSweep(page, kiosk);
  await enterHome(page);

  const prompt = await openStaffLogin(page);
  await sweepScreen(sweep, 'staff PIN prompt', prompt.getByRole('heading').first());
  await expect(prompt).toBeVisible();
  // Keys the kiosk needs still work: Escape (a maintenance keyboard) cancels the prompt.
  await page.keyboard.press('Escape');
  await expect(loginDialog(page)).toHaveCount(0);

  const panel = await logInStaff(page);
  await sweepScreen(sweep, 'staff panel', panel.getByRole('heading').first());
  await expect(panel).toBeVisible();

  const section = panel.getByRole('region', { name: 'Презентация' });
  await section.getByRole('group', { name: 'Смена слайда' }).getByRole('button', { name: '1 мин', exact: true }).tap();
  await section.getByRole('button', { name: 'Начать презентацию' }).tap();
  const presentation = page.getByRole('region', { name: 'Презентация' });
  await expect(presentation).toBeVisible();
  // Slides move on by themselves and on clicker keys, so the heading may change; the presentation must stay.
  await sweepScreen(sweep, 'presentation', presentation.getByRole('heading', { level: 1 }), { sameHeading: false });
  await expect(presentation).toBeVisible();
  // …and the presenter's clicker still moves the slides.
  const slide = presentation.getByRole('heading', { level: 1 });
  const shown = await slide.textContent();
  await page.keyboard.press('PageDown');
  await expect(slide).not.toHaveText(shown ?? '');
});
