import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const webEntry = resolve('out/node/web.js');

export type Kiosk = { url: string; dataDir: string; process: ChildProcess };

let seededData: string | null = null;

/**
 * A data folder as the kiosk leaves it after its first run (demo forum loaded), made once per worker: each test
 * then starts from a copy instead of generating the forum again.
 */
async function seededDataFolder(): Promise<string> {
  if (!seededData) {
    const kiosk = await launch(mkdtempSync(join(tmpdir(), 'kiosk-e2e-seed-')), []);
    await stopProcess(kiosk);
    seededData = kiosk.dataDir;
    // One seed folder per test worker; it goes when the worker does.
    const seed = seededData;
    process.once('exit', () => rmSync(seed, { recursive: true, force: true }));
  }
  return seededData;
}

/** Starts `npm run web`'s server on a free port with a data folder of its own; stop it with stopKiosk. */
export async function startKiosk(args: string[] = []): Promise<Kiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  cpSync(await seededDataFolder(), dataDir, { recursive: true });
  return launch(dataDir, args);
}

async function launch(dataDir: string, args: string[]): Promise<Kiosk> {
  if (!existsSync(webEntry)) throw new Error(`${webEntry} is missing: run \`npm run build\` before the browser tests`);
  const child = spawn(process.execPath, [webEntry, '--port', '0', '--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The kiosk did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kiosk ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The kiosk exited with ${code}:\n${output}`));
    });
  });
  return { url, dataDir, process: child };
}

async function stopProcess(kiosk: Kiosk): Promise<void> {
  if (kiosk.process.exitCode === null) {
    const exited = new Promise((done) => kiosk.process.once('exit', done));
    kiosk.process.kill('SIGTERM');
    await exited;
  }
}

export async function stopKiosk(kiosk: Kiosk): Promise<void> {
  await stopProcess(kiosk);
  rmSync(kiosk.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ kioskArgs: string[]; kiosk: Kiosk }>({
  /** Command-line options for the test's kiosk, e.g. `test.use({ kioskArgs: ['--idle-seconds', '5'] })`. */
  kioskArgs: [[], { option: true }],
  kiosk: async ({ kioskArgs }, use) => {
    const kiosk = await startKiosk(kioskArgs);
    await use(kiosk);
    await stopKiosk(kiosk);
  },
});

export { expect };

/**
 * Opens the kiosk as a visitor finds it (the attract loop) and touches it; the touch enters at the item the loop was
 * showing, so go on to the home screen from there.
 */
export async function startVisit(page: Page, kiosk: Kiosk): Promise<void> {
  await page.goto(kiosk.url);
  await enterHome(page);
}

/** From the attract loop, or any screen, to the home screen by touch, without loading the page again. */
export async function enterHome(page: Page): Promise<void> {
  const attract = page.getByRole('button', { name: /Touch the screen to start/ });
  const regions = page.getByRole('button', { name: /^Регионы/ });
  const home = page.getByRole('button', { name: 'На главную' });
  await expect(attract.or(home).or(regions).first()).toBeVisible();
  if (await attract.isVisible()) await attract.tap();
  await expect(regions.or(home).first()).toBeVisible();
  if (await home.isVisible()) await home.tap();
  await expect(regions).toBeVisible();
}

/**
 * Stops the kiosk's server and starts it again on the same data folder (a kiosk switched off and on), with `args`
 * for the new run. The same Kiosk object is updated in place, so the fixture's teardown stops the new process.
 */
export async function restartKiosk(kiosk: Kiosk, args: string[] = []): Promise<Kiosk> {
  await stopProcess(kiosk);
  const next = await launch(kiosk.dataDir, args);
  kiosk.url = next.url;
  kiosk.process = next.process;
  return kiosk;
}

/**
 * A kiosk on an empty data folder of its own, as on its very first run (a new kiosk id, the demo forum generated).
 * For tests with two kiosks on one hub: copies of the seeded folder share one kiosk id, and a hub knows a kiosk by it.
 */
export async function startNewKiosk(args: string[] = []): Promise<Kiosk> {
  return launch(mkdtempSync(join(tmpdir(), 'kiosk-e2e-')), args);
}

/**
 * Stops the page's clock (installed with `page.clock.install()`) `aheadMs` after the page's time now: from then on its
 * time moves only when the test moves it. The page's time keeps running between reading it and the pause; should a
 * slow machine take longer than `aheadMs` for that round trip, the pause would lie in the past, so it is read again.
 */
export async function pauseClock(page: Page, aheadMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const now = await page.evaluate(() => Date.now());
    try {
      await page.clock.pauseAt(now + aheadMs);
      return;
    } catch (error) {
      if (attempt === 5 || !String(error).includes('to the past')) throw error;
    }
  }
}
