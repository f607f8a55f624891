import type { Page } from '@playwright/test';
import { expect, pauseClock, startVisit, test } from './fixtures';

test.describe('attract loop', () => {
  test('cycles featured projects and route stops and says "touch to start" in both languages @landscape', async ({ page, kiosk }) => {
    await page.clock.install();
    await page.goto(kiosk.url);
    const attract = page.getByRole('button', { name: 'Коснитесь экрана, чтобы начать / Touch the screen to start' });
    await expect(attract).toBeVisible();
    await expect(page.getByText('Коснитесь экрана, чтобы начать', { exact: true })).toBeVisible();
    await expect(page.getByText('Touch the screen to start', { exact: true })).toBeVisible();
    const first = (await page.locator('.attract-title').first().textContent()) ?? '';
    expect(first).not.toBe('');
    await page.clock.runFor(8000);
    await expect(page.locator('.attract-title', { hasNotText: first }).first()).toBeVisible();
  });

  test('shows the slides whose answers arrive after the loop is drawn but before its effects run', async ({ page, kiosk }) => {
    // The kiosk's API, over the same HTTP calls, with its answers timed: the featured projects and the route are held
    // back until the loop's first frame is in the page, then handed over at once — after React drew the loop with
    // nothing to show and before its effects ran. (The kiosk info is held until both are in hand, so the loop is
    // drawn after they arrived.) A screen that took a cached answer at that moment as already shown stayed empty.
    await page.addInitScript(() => {
      const call = async (name: string, input: unknown): Promise<unknown> => {
        try {
          const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input ?? {}),
          });
          return (await response.json()) as unknown;
        } catch {
          return { ok: false, error: { code: 'unavailable', message: 'The kiosk core did not answer' } };
        }
      };
      const heldNames = new Set(['projects.list', 'route.get']);
      const arrived = new Set<string>();
      const held: Array<() => void> = [];
      let released = false;
      let answered: () => void = () => undefined;
      const bothAnswered = new Promise<void>((settled) => (answered = settled));
      const timing = { effectsBeforeHandOver: false };
      Object.defineProperty(window, 'raceTiming', { value: timing });
      new MutationObserver((_records, observer) => {
        if (!document.querySelector('button.attract')) return;
        observer.disconnect();
        released = true;
        held.splice(0).forEach((handOver) => handOver());
      }).observe(document, { childList: true, subtree: true });
      let source: EventSource | undefined;
      Object.defineProperty(window, 'kiosk', {
        value: {
          invoke: async (name: string, input: unknown) => {
            if (name === 'kiosk.info') {
              const info = call(name, input);
              await bothAnswered;
              return info;
            }
            // The navigation's effect of the same commit as the loop's first frame reports the attract loop: should
            // it come before the hand-over, the effects ran first and there was no race to test.
            if (name === 'kiosk.activity' && !released) timing.effectsBeforeHandOver = true;
            const answer = await call(name, input);
            if (released || !heldNames.has(name)) return answer;
            return new Promise((handOver) => {
              held.push(() => handOver(answer));
              arrived.add(name);
              if (arrived.size === heldNames.size) answered();
            });
          },
          on: (event: string, listener: (payload: unknown) => void) => {
            source ??= new EventSource('/api/events');
            const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as unknown);
            source.addEventListener(event, handler);
            return () => source?.removeEventListener(event, handler);
          },
        },
      });
    });
    await page.goto(kiosk.url);
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible();
    await expect(page.locator('.attract-slide-in .attract-title').first()).not.toBeEmpty();
    expect(await page.evaluate(() => (window as unknown as { raceTiming: { effectsBeforeHandOver: boolean } }).raceTiming.effectsBeforeHandOver)).toBe(false);
  });

  test('a touch enters the app at the item on screen', async ({ page, kiosk }) => {
    await page.clock.install();
    await page.goto(kiosk.url);
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible();
    // The page's clock stands still from here, so the loop cannot move on between reading the title and the touch.
    // Should the jump to the pause move the loop on, the next slide is drawn before the title is read (React renders
    // on a message, which the paused clock does not hold back).
    await pauseClock(page, 1_000);
    await page.evaluate(() => new Promise<void>((settled) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => settled();
      channel.port2.postMessage(null);
    }));
    const title = (await page.locator('.attract-slide-in .attract-title').first().textContent()) ?? '';
    expect(title).not.toBe('');
    await page.getByRole('button', { name: /Touch the screen to start/ }).tap();
    // A project opens at its page; a route stop (should a slow machine have shown one first) opens the route with
    // that stop chosen.
    const project = page.getByRole('heading', { level: 1, name: title });
    const stop = page.getByRole('button', { name: title, pressed: true });
    await expect(project.or(stop).first()).toBeVisible();
    // Home lies underneath: Back leads there.
    await page.getByRole('button', { name: /Назад/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Дни промышленности Омской области' })).toBeVisible();
  });

  test('while it runs, the screens a touch opens are got ready out of sight, and nothing is shown or counted', async ({ page, kiosk }) => {
    // Every call the page makes to the kiosk, from its first.
    const calls: { name: string; input: Record<string, unknown> }[] = [];
    page.on('request', (request) => {
      const name = /\/api\/call\/([\w.]+)$/.exec(request.url())?.[1];
      if (name) calls.push({ name, input: (request.postDataJSON() ?? {}) as Record<string, unknown> });
    });
    const featuredAnswer = page.waitForResponse((response) => response.url().endsWith('/api/call/projects.list') && response.request().postDataJSON()?.featured === true);
    // Nobody opens a project while the loop runs: a project's details asked for now are the warm-up's.
    const details = page.waitForRequest((request) => request.url().endsWith('/api/call/projects.get'), { timeout: 15_000 });
    await page.clock.install();
    await page.goto(kiosk.url);
    const loop = page.getByRole('button', { name: /Touch the screen to start/ });
    await expect(loop).toBeVisible();
    const featured = ((await (await featuredAnswer).json()) as { value: { items: { id: string }[] } }).value.items;

    // A moment into the loop, the kiosk draws the first featured project's screen where nobody sees it: its details
    // are asked for, yet the page holds the loop alone. The page's clock stands still from then on, so the warm-up
    // stays while the page is looked at.
    expect((await details).postDataJSON()).toEqual({ id: featured[0]?.id });
    await pauseClock(page, 1);
    expect(await page.getByRole('heading').count()).toBe(0);
    expect(await page.locator('.screen, .topbar, .qr').count()).toBe(0);
    await expect(loop).toBeVisible();

    // Later, still nobody: time flows again, and nothing was counted nor a visit reported.
    await page.clock.runFor(5_000);
    await page.clock.resume();
    await page.waitForTimeout(1_500);
    expect(calls.filter((call) => call.name === 'usage.record')).toEqual([]);
    expect(calls.filter((call) => call.name === 'kiosk.activity' && call.input.activity !== 'attract')).toEqual([]);
    // The next touch still enters the app.
    await loop.tap();
    await expect(page.getByRole('button', { name: 'На главную' }).or(page.getByRole('button', { name: /^Регионы/ })).first()).toBeVisible();
  });

  test('a screen that cannot be drawn while the loop gets it ready leaves the loop running', async ({ page, kiosk }) => {
    // Every project's details arrive broken (an empty object where a project should be): drawing the project throws.
    await page.route('**/api/call/projects.get', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: {} }) }));
    const details = page.waitForRequest((request) => request.url().endsWith('/api/call/projects.get'), { timeout: 15_000 });
    await page.goto(kiosk.url);
    const loop = page.getByRole('button', { name: /Touch the screen to start/ });
    await expect(loop).toBeVisible();
    await details;
    // Past the warm-up's two seconds: the loop still runs, with its slides.
    await page.waitForTimeout(2_500);
    await expect(loop).toBeVisible();
    await expect(page.locator('.attract-slide-in .attract-title').first()).not.toBeEmpty();
  });
});

test.describe('language', () => {
  test('one tap switches the whole kiosk, content included, to English and back', async ({ page, kiosk }) => {
    await startVisit(page, kiosk);
    await page.getByRole('button', { name: 'Switch to English' }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Industry Days in the Omsk Region' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Industrial Siberia – the greatness of Russia/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Omsk region clusters/ })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: /^Regions/ }).tap();
    await expect(page.getByRole('button', { name: /^Back/ })).toBeVisible();
    await page.getByRole('button', { name: 'Переключить на русский' }).tap();
    await expect(page.getByRole('button', { name: /^Назад/ })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  });
});

test.describe('idle reset', () => {
  test.use({ kioskArgs: ['--idle-seconds', '20'] });
  test('asks "Still there?", keeps the visitor who answers, and starts over for the next one', async ({ page, kiosk }) => {
    await page.clock.install();
    await startVisit(page, kiosk);
    // One visitor's choices: English, high contrast, larger text, a screen deep in the app.
    await page.getByRole('button', { name: 'Switch to English' }).tap();
    await page.getByRole('button', { name: 'Accessibility' }).tap();
    await page.getByRole('button', { name: 'High contrast' }).tap();
    await page.getByRole('button', { name: '150%' }).tap();
    await page.getByRole('button', { name: 'Close' }).tap();
    await page.getByRole('button', { name: /^Regions/ }).tap();
    await expect(page.getByRole('button', { name: /^Back/ })).toBeVisible();

    // The page clock also runs in real time between steps: keep a margin below the 20 s.
    await page.clock.runFor(15_000);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await page.clock.runFor(6_000);
    const dialog = page.getByRole('alertdialog', { name: 'Still there?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Continue' }).tap();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Back/ })).toBeVisible();

    await page.clock.runFor(21_000);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(/start over in \d+ s/);
    await page.clock.runFor(16_000);
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'normal');

    // The next visitor finds the kiosk as new: Russian, home, default settings.
    await page.getByRole('button', { name: /Touch the screen to start/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Дни промышленности Омской области' }).or(page.getByRole('heading', { level: 1 })).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.locator('html')).toHaveAttribute('style', /--text-scale: 1(;|$)/);
  });
});

test.describe('idle reset, a slow touch', () => {
  test.use({ kioskArgs: ['--idle-seconds', '5'] });
  test('a finger held on "Continue" keeps the dialog under it, and nothing beneath the dialog opens', async ({ page, kiosk }) => {
    await page.clock.install();
    await startVisit(page, kiosk);
    const home = page.getByRole('heading', { level: 1, name: 'Дни промышленности Омской области' });
    await expect(home).toBeVisible();
    // The page's time moves only when the test moves it from here.
    await pauseClock(page, 1_000);
    await page.clock.runFor(6_000);
    const dialog = page.getByRole('alertdialog', { name: 'Вы ещё здесь?' });
    await expect(dialog).toBeVisible();
    const box = (await dialog.getByRole('button', { name: 'Продолжить' }).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // Under the finger, beneath the dialog, lies one of home's buttons: what a lost touch would open.
    const beneath = await page.evaluate(([px, py]) => document.elementsFromPoint(px!, py!).some((el) => el.closest('button') && !el.closest('.overlay')), [x, y]);
    expect(beneath).toBe(true);

    // The touch goes down and stays a while (several of the idle timer's ticks) before it lifts.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await page.clock.runFor(1_000);
    await expect(dialog).toBeVisible();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });

    // The lifted finger answered the dialog: it is gone, and the visitor is still at home.
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await page.clock.runFor(500);
    await expect(home).toBeVisible();
    await expect(page.getByRole('button', { name: /^Назад/ })).toHaveCount(0);

    // A touch on the dim area around the dialog answers it the same way.
    await page.clock.runFor(6_000);
    await expect(dialog).toBeVisible();
    await page.touchscreen.tap(40, box.y + box.height + 300);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(home).toBeVisible();
  });
});

/** How the screen on top came in: whether its entrance animation (CSS keyframes) fades and whether it moves. */
async function screenEntrance(page: Page): Promise<{ fades: boolean; moves: boolean }> {
  return page.evaluate(() => {
    const holder = document.querySelector('.screen-holder:not([hidden])');
    if (!holder) throw new Error('no screen on top');
    const name = getComputedStyle(holder).animationName;
    if (name === 'none') return { fades: false, moves: false };
    // The kiosk's own style sheets (a sheet from elsewhere would not let its rules be read).
    const rules = [...document.styleSheets].flatMap((sheet) => {
      try {
        return [...sheet.cssRules];
      } catch {
        return [];
      }
    });
    const keyframes = rules.find((rule): rule is CSSKeyframesRule => rule instanceof CSSKeyframesRule && rule.name === name);
    if (!keyframes) throw new Error(`no keyframes for the screen's animation ${JSON.stringify(name)}`);
    const frames = [...keyframes.cssRules] as CSSKeyframeRule[];
    return { fades: frames.some((frame) => frame.style.opacity !== ''), moves: frames.some((frame) => frame.style.transform !== '') };
  });
}

test.describe('accessibility settings', () => {
  test('larger text, high contrast, reach mode and reduced motion', async ({ page, kiosk }) => {
    await startVisit(page, kiosk);
    await page.getByRole('button', { name: 'Специальные возможности' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Специальные возможности' });

    await dialog.getByRole('button', { name: '200%' }).tap();
    await expect(dialog.getByRole('button', { name: '200%' })).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('40px');

    await dialog.getByRole('button', { name: 'Высокий контраст' }).tap();
    await expect(dialog.getByRole('button', { name: 'Высокий контраст' })).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(0, 0, 0)');

    await dialog.getByRole('button', { name: 'Без анимации' }).tap();
    await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduced');

    await dialog.getByRole('button', { name: 'Всё внизу экрана' }).tap();
    await dialog.getByRole('button', { name: 'Закрыть' }).tap();
    // Reach mode: every control in the lower part of the screen.
    const height = page.viewportSize()!.height;
    for (const button of await page.getByRole('button').all()) {
      const box = await button.boundingBox();
      if (box) expect(box.y, (await button.textContent()) ?? '').toBeGreaterThan(height * 0.35);
    }

    // Without animation: the next screen is simply there, neither sliding nor fading in.
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Регионы' })).toBeVisible();
    expect(await screenEntrance(page)).toEqual({ fades: false, moves: false });
  });

  test('screens slide and fade in, and come without animation when the system asks for reduced motion', async ({ page, kiosk }) => {
    await startVisit(page, kiosk);
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Регионы' })).toBeVisible();
    expect(await screenEntrance(page)).toEqual({ fades: true, moves: true });

    // The system's setting changed while the kiosk runs: the kiosk's own setting follows it (the gallery's animations
    // read that one), and so do the screens.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduced');
    await page.getByRole('button', { name: /^Назад/ }).tap();
    await expect(page.getByRole('button', { name: /^Регионы/ })).toBeVisible();
    expect(await screenEntrance(page)).toEqual({ fades: false, moves: false });

    // A kiosk started with it: the accessibility setting is on from the start.
    await startVisit(page, kiosk);
    await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduced');
    await page.getByRole('button', { name: /^Регионы/ }).tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Регионы' })).toBeVisible();
    expect(await screenEntrance(page)).toEqual({ fades: false, moves: false });
  });

  test('every control is at least 48 px on home', async ({ page, kiosk }) => {
    await startVisit(page, kiosk);
    for (const button of await page.getByRole('button').all()) {
      const box = await button.boundingBox();
      expect(box, (await button.textContent()) ?? '').not.toBeNull();
      expect(box!.height).toBeGreaterThanOrEqual(48);
      expect(box!.width).toBeGreaterThanOrEqual(48);
    }
  });
});

test.describe('touch hardening', () => {
  test('no selection, no long-press menu, no zoom, no dragging, no links away, no pop-ups', async ({ page, kiosk }) => {
    await startVisit(page, kiosk);
    const checks = await page.evaluate(() => {
      const fire = (type: string, init: EventInit & { ctrlKey?: boolean } = {}) => {
        const event = type === 'wheel' ? new WheelEvent(type, { cancelable: true, bubbles: true, ctrlKey: true, deltaY: -100 }) : new Event(type, { cancelable: true, bubbles: true, ...init });
        document.body.dispatchEvent(event);
        return event.defaultPrevented;
      };
      return {
        userSelect: getComputedStyle(document.documentElement).userSelect,
        contextMenuBlocked: fire('contextmenu'),
        dragBlocked: fire('dragstart'),
        dropBlocked: fire('drop'),
        pinchZoomBlocked: fire('wheel'),
        popup: window.open('https://example.com') === null,
        links: document.querySelectorAll('a[href]').length,
        viewport: document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? '',
      };
    });
    expect(checks).toEqual({
      userSelect: 'none',
      contextMenuBlocked: true,
      dragBlocked: true,
      dropBlocked: true,
      pinchZoomBlocked: true,
      popup: true,
      links: 0,
      viewport: expect.stringContaining('user-scalable=no'),
    });
    // Zoom shortcuts do nothing.
    await page.keyboard.press('Control+=');
    expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
    expect(page.url()).toBe(kiosk.url);
  });
});
