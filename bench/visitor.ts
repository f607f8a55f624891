// A scripted visitor tapping through every screen of the kiosk (web transport, Debian's Chromium), measuring:
// tap → next paint latency (Event Timing API), long tasks, cold start, and JS heap after 1,000 vs N taps.
// Run by `npm run bench` after `npm run build`; BENCH_TAPS sets N (default 10,000). The last line is JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Locator, type Page } from '@playwright/test';

const totalTaps = Number(process.env.BENCH_TAPS ?? 10_000);
const heapCheckpoint = Math.min(1_000, totalTaps);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

type PageFigures = { interactions: number[]; longTasks: { start: number; duration: number }[] };

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting a global needs an interface
  interface Window {
    benchFigures?: PageFigures;
  }
}

async function startServer(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(here, 'web.js'), '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kiosk ready at (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`web.js exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The visible screen: screens lower in the navigation stack stay mounted but hidden. */
const screen = (page: Page) => page.locator('.screen-holder:not([hidden])');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-visitor-'));
  const server = await startServer(dataDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    // A first load warms the server's caches and the disk, as a kiosk's own start would.
    const warm = await browser.newPage();
    await warm.goto(server.url);
    await warm.close();

    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'ru-RU', timezoneId: 'Asia/Omsk' });
    await context.addInitScript(() => {
      const figures: PageFigures = { interactions: [], longTasks: [] };
      window.benchFigures = figures;
      // The longest event of each interaction, from input to the next paint.
      const byInteraction = new Map<number, number>();
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
          if (!entry.interactionId) continue;
          byInteraction.set(entry.interactionId, Math.max(byInteraction.get(entry.interactionId) ?? 0, entry.duration));
        }
        figures.interactions = [...byInteraction.values()];
      }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) figures.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();

    // Cold start: a fresh page to the attract loop, then one touch to an interactive home screen.
    const started = Date.now();
    await page.goto(server.url);
    const attract = page.getByRole('button', { name: /Touch the screen to start/ });
    await attract.waitFor();
    const toAttractMs = Date.now() - started;
    await attract.tap();
    const homeButton = page.getByRole('button', { name: 'На главную' });
    const regions = page.getByRole('button', { name: /^Регионы/ });
    await regions.or(homeButton).first().waitFor();
    if (await homeButton.isVisible()) await homeButton.tap();
    await regions.waitFor();
    const toHomeMs = Date.now() - started;

    let taps = 0;
    const tap = async (target: Locator, then?: Locator) => {
      await target.tap();
      taps += 1;
      if (then) await then.first().waitFor();
    };
    const home = async () => tap(homeButton, regions);
    const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

    // One lap through every screen: about 30 taps.
    const lap = async (n: number) => {
      await tap(regions, page.getByRole('button', { name: /^Омская область, / }));
      await tap(page.getByRole('button', { name: /^Омская область, / }), heading('Омская область'));
      await tap(screen(page).locator('.project-grid li').nth(n % 10).getByRole('button'), screen(page).locator('.gallery'));
      const nextPhoto = screen(page).getByRole('button', { name: 'Следующее фото' });
      if (await nextPhoto.isEnabled().catch(() => false)) await tap(nextPhoto);
      await tap(page.getByRole('button', { name: /^Назад/ }), heading('Омская область'));
      await tap(page.getByRole('button', { name: /^Назад/ }), page.getByRole('button', { name: /^Омская область, / }));
      await home();
      await tap(page.getByRole('button', { name: /^Кластеры Омской области/ }), heading('Кластеры Омской области'));
      await tap(screen(page).locator('.cluster-grid').getByRole('button').nth(n % 10), page.getByRole('button', { name: /^Назад/ }));
      await home();
      await tap(page.getByRole('button', { name: /^Отрасли и темы/ }), heading('Отрасли и темы'));
      await tap(screen(page).locator('.screen-body').getByRole('button').nth(n % 8), page.getByRole('button', { name: /^Назад/ }));
      await home();
      await tap(page.getByRole('button', { name: /^Индустриальная Сибирь/ }), heading(/Индустриальная Сибирь/));
      await tap(screen(page).locator('.route-stops').getByRole('button').nth(n % 8));
      await tap(screen(page).locator('.route-stops').getByRole('button').nth((n + 3) % 8));
      await home();
      await tap(page.getByRole('button', { name: /^Программа/ }), heading('Программа'));
      await tap(screen(page).getByRole('group', { name: /./ }).getByRole('button').nth(n % 2));
      await home();
      await tap(page.getByRole('button', { name: /^Найти стенд/ }), heading('Найти стенд'));
      await tap(screen(page).locator('.booth-list').getByRole('button').nth(n % 20));
      await home();
      await tap(page.getByRole('button', { name: 'Поиск', exact: true }), heading('Поиск'));
      const keyboard = page.getByRole('group', { name: 'Экранная клавиатура' });
      for (const key of ['о', 'м', 'с', 'к']) await tap(keyboard.getByRole('button', { name: key, exact: true }));
      await page.locator('mark').first().waitFor();
      await home();
    };

    const heap = async () => {
      await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
      return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
    };
    const dom = () => page.evaluate(() => document.getElementsByTagName('*').length);

    let heapAtCheckpoint = 0;
    let domAtCheckpoint = 0;
    const lapStarted = Date.now();
    for (let n = 0; taps < totalTaps; n += 1) {
      await lap(n);
      if (heapAtCheckpoint === 0 && taps >= heapCheckpoint) {
        heapAtCheckpoint = await heap();
        domAtCheckpoint = await dom();
      }
      if (n % 20 === 0) console.log(`${taps} taps, ${Math.round((Date.now() - lapStarted) / 1000)} s`);
    }
    const heapAtEnd = await heap();
    const domAtEnd = await dom();
    const figures = await page.evaluate(() => window.benchFigures!);
    // Long tasks during the laps only (the cold start is measured on its own).
    const longTasks = figures.longTasks.filter((task: { duration: number }) => task.duration > 50);

    const result = {
      bench: 'visitor',
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, browser: `Chromium ${browser.version()}` },
      taps,
      tapToPaintMs: { interactions: figures.interactions.length, p50: round(percentile(figures.interactions, 50)), p95: round(percentile(figures.interactions, 95)), max: round(Math.max(0, ...figures.interactions)) },
      longTasksOver50ms: { count: longTasks.length, maxMs: round(Math.max(0, ...longTasks.map((t: { duration: number }) => t.duration))) },
      coldStartMs: { toAttract: toAttractMs, toHome: toHomeMs },
      heap: {
        [`after${heapCheckpoint}TapsMB`]: round(heapAtCheckpoint / 2 ** 20),
        [`after${taps}TapsMB`]: round(heapAtEnd / 2 ** 20),
        growthPercent: round(((heapAtEnd - heapAtCheckpoint) / heapAtCheckpoint) * 100),
      },
      domNodes: { atCheckpoint: domAtCheckpoint, atEnd: domAtEnd },
      targets: { tapToPaintP95Ms: 50, longTasksDuringTransitions: 0, coldStartMs: 1000, heapGrowthPercent: 10 },
    };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
