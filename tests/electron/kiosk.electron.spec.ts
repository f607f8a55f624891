// The Electron shell end to end: the built app (out/main/index.js) on a fresh data folder, driven by Playwright.
// Checks the transport and the lockdown, not the screens (tests/e2e covers those through the HTTP transport).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { rasterThreads } from '../../electron/shared/chromium-switches';
import type { KioskApi } from '../../electron/shared/contract';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mainEntry = join(root, 'out', 'main', 'index.js');

/** What the page sees of its global object; declared here because the Node-side tsconfig has no DOM types. */
type PageWorld = {
  kiosk?: KioskApi;
  open(url: string): unknown;
  location: { href: string };
};

type BinaryCheck = { found: true } | { found: false; reason: string };

/**
 * Looks for the Electron binary the way the electron package's index.js does (path.txt, dist/, and
 * ELECTRON_OVERRIDE_DIST_PATH), without requiring that index.js: when the binary is missing it starts a download.
 */
function findElectronBinary(): BinaryCheck {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    if (!override && !relative) {
      return { found: false, reason: `${pathFile} is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?)` };
    }
    const binary = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
    if (!statSync(binary, { throwIfNoEntry: false })?.isFile()) {
      return { found: false, reason: `${binary} does not exist` };
    }
    return { found: true };
  } catch (error) {
    return { found: false, reason: `the electron package cannot be resolved (${String(error)})` };
  }
}

const electronBinary = findElectronBinary();
const skipReason = electronBinary.found ? '' : `Electron binary not installed: ${electronBinary.reason}`;
if (!electronBinary.found) console.log(`[tests/electron] skipping every test: ${skipReason}`);

async function launchKiosk(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  // A missing build is a broken test run, not a reason to skip.
  if (!existsSync(mainEntry)) {
    throw new Error(`${mainEntry} is missing: run \`npm run build\` before the Electron tests.`);
  }
  const app = await _electron.launch({
    args: [mainEntry, '--data', dataDir, '--windowed'],
    cwd: root,
    timeout: 30_000,
  });
  const page = await app.firstWindow();
  await page.waitForURL(/^app:\/\/kiosk\//);
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

test.describe('Electron shell', () => {
  test.skip(!electronBinary.found, skipReason);

  let app: ElectronApplication | undefined;
  let page: Page;
  let dataDir = '';

  test.beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiosk-electron-'));
    ({ app, page } = await launchKiosk(dataDir));
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('loads the kiosk from app://kiosk, shows the window, and keeps its data in the --data folder', async () => {
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
    expect(existsSync(join(dataDir, 'kiosk.db'))).toBe(true);
    await expect
      .poll(() => app?.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((win) => win.isVisible())))
      .toEqual([true]);
  });

  test('sync runs in its own worker thread of the main process', async () => {
    // The core logs the worker's thread id when it starts (electron/core/sync/sync-host.ts).
    await expect.poll(() => (existsSync(join(dataDir, 'logs', 'kiosk.log')) ? readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8') : '')).toMatch(/\[sync\] worker thread [1-9]\d* running/);
  });

  test("Chromium runs with the kiosk's switches: a raster thread per core, up to four", async () => {
    const value = await app?.evaluate(({ app: electronApp }) => electronApp.commandLine.getSwitchValue('num-raster-threads'));
    expect(value).toBe(String(rasterThreads(availableParallelism())));
  });

  test('the page has no Node: no require, process or module', async () => {
    // Context isolation is proven by window.kiosk existing at all: contextBridge throws without it.
    const types = await page.evaluate(() => [typeof require, typeof process, typeof module]);
    expect(types).toEqual(['undefined', 'undefined', 'undefined']);
  });

  test('permission requests are denied', async () => {
    const permission = await page.evaluate(async () => {
      const world = globalThis as unknown as { Notification?: { requestPermission(): Promise<string> } };
      return world.Notification ? await world.Notification.requestPermission() : 'no Notification API';
    });
    expect(permission).toBe('denied');
  });

  test('window.kiosk is one frozen object with exactly invoke and on', async () => {
    const shape = await page.evaluate(() => {
      const kiosk = (globalThis as unknown as PageWorld).kiosk;
      return {
        type: typeof kiosk,
        frozen: Object.isFrozen(kiosk),
        keys: kiosk ? Object.keys(kiosk).sort() : [],
        invoke: typeof kiosk?.invoke,
        on: typeof kiosk?.on,
      };
    });
    expect(shape).toEqual({ type: 'object', frozen: true, keys: ['invoke', 'on'], invoke: 'function', on: 'function' });
  });

  test('regions.list answers over IPC with every region', async () => {
    const result = await page.evaluate(async () => {
      const kiosk = (globalThis as unknown as PageWorld).kiosk;
      if (!kiosk) throw new Error('window.kiosk is missing');
      return await kiosk.invoke('regions.list', {});
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.length).toBeGreaterThanOrEqual(62);
  });

  test('an unknown call answers unknown_call; bad input answers invalid_input', async () => {
    const codes = await page.evaluate(async () => {
      const kiosk = (globalThis as unknown as PageWorld).kiosk;
      if (!kiosk) throw new Error('window.kiosk is missing');
      const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);
      return {
        unknown: code(await kiosk.invoke('nope.nothing' as never, {} as never)),
        prototypeName: code(await kiosk.invoke('toString' as never, {} as never)),
        missingId: code(await kiosk.invoke('projects.get', {} as never)),
        extraField: code(await kiosk.invoke('regions.list', { extra: 1 } as never)),
      };
    });
    expect(codes).toEqual({
      unknown: 'unknown_call',
      prototypeName: 'unknown_call',
      missingId: 'invalid_input',
      extraField: 'invalid_input',
    });
  });

  test('on() subscribes to contract events only and returns an unsubscribe function', async () => {
    const kinds = await page.evaluate(() => {
      const kiosk = (globalThis as unknown as PageWorld).kiosk;
      if (!kiosk) throw new Error('window.kiosk is missing');
      const known = kiosk.on('catalog.changed', () => undefined);
      const unknown = kiosk.on('no.such.event' as never, () => undefined);
      known();
      known();
      unknown();
      return [typeof known, typeof unknown];
    });
    expect(kinds).toEqual(['function', 'function']);
  });

  test('window.open is refused', async () => {
    for (const url of ['https://example.com/', 'app://kiosk/']) {
      // Compared in the page: a Window object, if one came back, would not survive serialization.
      const refused = await page.evaluate((target) => (globalThis as unknown as PageWorld).open(target) === null, url);
      expect(refused, `window.open(${url}) returns null`).toBe(true);
    }
    expect(app?.windows()).toHaveLength(1);
  });

  test('navigation away from app://kiosk is blocked', async () => {
    for (const target of ['https://example.com/', 'file:///etc/hostname']) {
      await page.evaluate((url) => {
        (globalThis as unknown as PageWorld).location.href = url;
      }, target);
      // A blocked navigation leaves no event to wait for: give an allowed one time to happen, then look.
      await page.waitForTimeout(1_000);
      expect(page.url(), `after trying ${target}`).toMatch(/^app:\/\/kiosk\//);
      expect(await page.evaluate(() => (globalThis as unknown as PageWorld).location.href)).toMatch(/^app:\/\/kiosk\//);
    }
  });

  test('a media URL from projects.get loads from app://kiosk with status 200', async () => {
    const loaded = await page.evaluate(async () => {
      const kiosk = (globalThis as unknown as PageWorld).kiosk;
      if (!kiosk) throw new Error('window.kiosk is missing');
      const list = await kiosk.invoke('projects.list', { limit: 100 });
      if (!list.ok) throw new Error(`projects.list: ${list.error.code}`);
      for (const card of list.value.items) {
        const detail = await kiosk.invoke('projects.get', { id: card.id });
        if (!detail.ok) continue;
        const media = detail.value.cover ?? detail.value.media[0];
        if (!media) continue;
        const response = await fetch(media.url);
        const bytes = (await response.arrayBuffer()).byteLength;
        const type = response.headers.get('content-type');
        return { url: response.url, status: response.status, type, mime: media.mime, bytes };
      }
      return null;
    });
    expect(loaded, 'no project in the demo content has media').not.toBeNull();
    expect(loaded?.url).toMatch(/^app:\/\/kiosk\/media\/[0-9a-f]{64}$/);
    expect(loaded?.status).toBe(200);
    expect(loaded?.type).toBe(loaded?.mime);
    expect(loaded?.bytes).toBeGreaterThan(0);
  });
});

test.describe('Electron shell: content security and recovery', () => {
  test.skip(!electronBinary.found, skipReason);

  let app: ElectronApplication | undefined;
  let page: Page;
  let dataDir = '';

  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiosk-electron-recovery-'));
    ({ app, page } = await launchKiosk(dataDir));
  });

  test.afterEach(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('an inline script is blocked by the content security policy', async () => {
    const outcome = await page.evaluate(() => {
      type Doc = { createElement(tag: string): { textContent: string }; head: { append(node: unknown): void } };
      const world = globalThis as unknown as { document: Doc; injected?: number };
      const script = world.document.createElement('script');
      script.textContent = 'globalThis.injected = 1';
      world.document.head.append(script);
      return world.injected ?? 'blocked';
    });
    expect(outcome).toBe('blocked');
  });

  test('reload, history, devtools, zoom, print and close keys never reach the page or Chromium', async () => {
    // A page-side record: a reload would lose it, and a key the shell swallows never shows up in it.
    await page.evaluate(() => {
      const world = globalThis as unknown as { keysSeen?: string[]; addEventListener(type: string, listener: (event: { key: string }) => void, capture: boolean): void };
      world.keysSeen = [];
      world.addEventListener('keydown', (event) => world.keysSeen?.push(event.key), true);
    });
    const before = page.url();
    // Keys as a keyboard plugged into the kiosk sends them: native input events through the window, which is where
    // the shell's before-input-event guard sits (Playwright's keyboard would go to the page only, past the guard).
    // PageDown, which is allowed (the presentation clicker), goes last: once the page has seen it, every key before it
    // has been dealt with.
    type Key = { keyCode: string; modifiers?: ('control' | 'shift' | 'alt')[] };
    const keys: Key[] = [
      { keyCode: 'F5' },
      { keyCode: 'R', modifiers: ['control'] },
      { keyCode: 'R', modifiers: ['control', 'shift'] },
      { keyCode: 'Left', modifiers: ['alt'] },
      { keyCode: 'F12' },
      { keyCode: 'I', modifiers: ['control', 'shift'] },
      { keyCode: '=', modifiers: ['control'] },
      { keyCode: 'P', modifiers: ['control'] },
      { keyCode: 'W', modifiers: ['control'] },
      { keyCode: 'F4', modifiers: ['alt'] },
      { keyCode: 'F11' },
      { keyCode: 'PageDown' },
    ];
    await app?.evaluate(({ BrowserWindow }, sent) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      for (const key of sent) {
        contents.sendInputEvent({ type: 'keyDown', keyCode: key.keyCode, modifiers: key.modifiers ?? [] });
        contents.sendInputEvent({ type: 'keyUp', keyCode: key.keyCode, modifiers: key.modifiers ?? [] });
      }
    }, keys);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { keysSeen?: string[] }).keysSeen ?? ['reloaded'])).toContain('PageDown');
    const seen = await page.evaluate(() => (globalThis as unknown as { keysSeen?: string[] }).keysSeen ?? ['reloaded']);
    // Modifier keys on their own may arrive (Control, Shift); none of the shortcuts' keys may, and Alt is swallowed.
    expect(seen.filter((key) => key !== 'Control' && key !== 'Shift')).toEqual(['PageDown']);
    const state = await app?.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      const contents = windows[0]?.webContents;
      return { windows: windows.length, devtools: contents?.isDevToolsOpened(), zoom: contents?.getZoomFactor() };
    });
    expect(state).toEqual({ windows: 1, devtools: false, zoom: 1 });
    expect(page.url()).toBe(before);
  });

  test('a crashed renderer is reloaded and comes back to the attract loop', async () => {
    await expect(page.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible();
    await app?.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer());
    await expect
      .poll(() => app?.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]?.webContents;
        return contents && !contents.isCrashed() && !contents.isLoading() ? contents.getURL() : 'not yet';
      }), { timeout: 20_000 })
      .toMatch(/^app:\/\/kiosk\//);
    const recovered = app?.windows().at(-1) ?? page;
    await expect(recovered.getByRole('button', { name: /Touch the screen to start/ })).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('Electron shell with a data folder it cannot open', () => {
  test.skip(!electronBinary.found, skipReason);

  test('shows the out-of-order notice and answers calls with unavailable', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-electron-broken-'));
    // A folder where the database file should be: SQLite cannot open it, so the core fails to start.
    await mkdir(join(dataDir, 'kiosk.db'));
    const { app, page } = await launchKiosk(dataDir);
    try {
      expect(page.url()).toMatch(/^app:\/\/kiosk\//);
      await expect(page.locator('body')).toContainText('out of order');
      const result = await page.evaluate(async () => {
        const kiosk = (globalThis as unknown as PageWorld).kiosk;
        if (!kiosk) throw new Error('window.kiosk is missing');
        return await kiosk.invoke('kiosk.info', {});
      });
      expect(result.ok ? 'ok' : result.error.code).toBe('unavailable');
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
