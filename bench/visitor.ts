// A scripted visitor tapping through every screen of the kiosk (web transport, Debian's Chromium), measuring:
// tap → next paint latency (Event Timing API), long tasks, cold start, and JS heap after 1,000 vs N taps.
// Run by `npm run bench` after `npm run build`; BENCH_TAPS sets N (default 10,000), BENCH_REDUCED_MOTION=1 runs it with
// the system asking for reduced motion. It prints the figures per step of the lap; the last line is JSON.
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

type PageFigures = {
  /** Each interaction's start and longest duration, for attributing the slow tail to a step of the lap. */
  timed: { start: number; duration: number }[];
  longTasks: { start: number; duration: number }[];
  /** When each tap's pointerdown happened and which step of the lap it was. */
  taps: { at: number; step: string }[];
};

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting a global needs an interface
  interface Window {
    benchFigures?: PageFigures;
    benchStep?: string;
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

    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'ru-RU', timezoneId: 'Asia/Omsk', reducedMotion: process.env.BENCH_REDUCED_MOTION === '1' ? 'reduce' : 'no-preference' });
    await context.addInitScript(() => {
      const figures: PageFigures = { timed: [], longTasks: [], taps: [] };
      window.benchFigures = figures;
      window.addEventListener('pointerdown', (event) => figures.taps.push({ at: event.timeStamp, step: window.benchStep ?? '' }), { capture: true, passive: true });
      // The longest event of each interaction, from input to the next paint.
      const byInteraction = new Map<number, { start: number; duration: number }>();
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
          if (!entry.interactionId) continue;
          const known = byInteraction.get(entry.interactionId);
          byInteraction.set(entry.interactionId, { start: Math.min(known?.start ?? entry.startTime, entry.startTime), duration: Math.max(known?.duration ?? 0, entry.duration) });
        }
        figures.timed = [...byInteraction.values()];
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
    const tap = async (step: string, target: Locator, then?: Locator) => {
      await page.evaluate((name) => (window.benchStep = name), step);
      await target.tap();
      taps += 1;
      if (then) await then.first().waitFor();
    };
    const home = async (from: string) => tap(`${from} → home`, homeButton, regions);
    const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

    // One lap through every screen: about 30 taps.
    const lap = async (n: number) => {
      await tap('home → regions map', regions, page.getByRole('button', { name: /^Омская область, / }));
      await tap('regions map → Omsk region', page.getByRole('button', { name: /^Омская область, / }), heading('Омская область'));
      await tap('region → project', screen(page).locator('.project-grid li').nth(n % 10).getByRole('button'), screen(page).locator('.gallery'));
      const nextPhoto = screen(page).getByRole('button', { name: 'Следующее фото' });
      if (await nextPhoto.isEnabled().catch(() => false)) await tap('project: next photo', nextPhoto);
      await tap('project → back to region', page.getByRole('button', { name: /^Назад/ }), heading('Омская область'));
      await tap('region → back to map', page.getByRole('button', { name: /^Назад/ }), page.getByRole('button', { name: /^Омская область, / }));
      await home('regions map');
      await tap('home → clusters', page.getByRole('button', { name: /^Кластеры Омской области/ }), heading('Кластеры Омской области'));
      await tap('clusters → cluster', screen(page).locator('.cluster-grid').getByRole('button').nth(n % 10), page.getByRole('button', { name: /^Назад/ }));
      await home('cluster');
      await tap('home → industries', page.getByRole('button', { name: /^Отрасли и темы/ }), heading('Отрасли и темы'));
      await tap('industries → industry', screen(page).locator('.screen-body').getByRole('button').nth(n % 8), page.getByRole('button', { name: /^Назад/ }));
      await home('industry');
      await tap('home → route', page.getByRole('button', { name: /^Индустриальная Сибирь/ }), heading(/Индустриальная Сибирь/));
      await tap('route: stop', screen(page).locator('.route-stops').getByRole('button').nth(n % 8));
      await tap('route: stop', screen(page).locator('.route-stops').getByRole('button').nth((n + 3) % 8));
      await home('route');
      await tap('home → programme', page.getByRole('button', { name: /^Программа/ }), heading('Программа'));
      await tap('programme: day', screen(page).getByRole('group', { name: /./ }).getByRole('button').nth(n % 2));
      await home('programme');
      await tap('home → hall plan', page.getByRole('button', { name: /^Найти стенд/ }), heading('Найти стенд'));
      await tap('hall plan: booth', screen(page).locator('.booth-list').getByRole('button').nth(n % 20));
      await home('hall plan');
      await tap('home → search', page.getByRole('button', { name: 'Поиск', exact: true }), heading('Поиск'));
      const keyboard = page.getByRole('group', { name: 'Экранная клавиатура' });
      for (const key of ['о', 'м', 'с', 'к']) await tap('search: key', keyboard.getByRole('button', { name: key, exact: true }));
      await page.locator('mark').first().waitFor();
      await home('search');
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
    // Which step of the lap each interaction and long task belongs to: the last tap at or before it. The cold start
    // (the page loading, the touch on the attract loop and the way to home) is measured on its own.
    const lapTaps = figures.taps.filter((tapped) => tapped.step !== '');
    const lapsFrom = lapTaps[0]?.at ?? Infinity;
    const tapIndexAt = (time: number) => {
      let found = -1;
      lapTaps.forEach((tapped, index) => {
        if (tapped.at <= time + 1) found = index;
      });
      return found;
    };
    // One figure per tap: the longest event of its interaction. The Event Timing API reports nothing under 16 ms
    // (its smallest threshold), so a tap without an entry counts as 16 ms, an upper bound.
    const perTap = lapTaps.map(() => 16);
    for (const timing of figures.timed) {
      const index = tapIndexAt(timing.start);
      if (index >= 0) perTap[index] = Math.max(perTap[index]!, timing.duration);
    }
    const coldStartTaps = figures.timed.filter((timing) => timing.start < lapsFrom).map((timing) => timing.duration);
    const over50 = figures.longTasks.filter((task: { duration: number }) => task.duration > 50);
    const longTasks = over50.filter((task) => task.start >= lapsFrom);
    const coldStartLongTasks = over50.filter((task) => task.start < lapsFrom);

    const steps = new Map<string, { durations: number[]; longTasks: number[] }>();
    const stepOf = (name: string) => steps.get(name) ?? steps.set(name, { durations: [], longTasks: [] }).get(name)!;
    lapTaps.forEach((tapped, index) => stepOf(tapped.step).durations.push(perTap[index]!));
    for (const task of longTasks) stepOf(lapTaps[tapIndexAt(task.start)]?.step ?? '?').longTasks.push(round(task.duration));
    const bySteps = [...steps.entries()]
      .map(([name, step]) => ({ step: name, n: step.durations.length, p50: percentile(step.durations, 50), p95: percentile(step.durations, 95), max: Math.max(0, ...step.durations), longTasks: step.longTasks }))
      .sort((a, b) => b.p95 - a.p95 || b.max - a.max);
    console.log('tap → next paint by step of the lap (ms), slowest first:');
    for (const row of bySteps) {
      const tasks = row.longTasks.length > 0 ? `  long tasks: ${row.longTasks.join(', ')}` : '';
      console.log(`  ${row.step.padEnd(28)} n=${String(row.n).padStart(5)}  p50 ${String(row.p50).padStart(4)}  p95 ${String(row.p95).padStart(4)}  max ${String(Math.round(row.max)).padStart(4)}${tasks}`);
    }
    console.log(`cold start: taps ${coldStartTaps.map(Math.round).join(', ')} ms; long tasks ${coldStartLongTasks.map((task) => Math.round(task.duration)).join(', ') || 'none'}`);

    const result = {
      bench: 'visitor',
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, browser: `Chromium ${browser.version()}` },
      taps,
      tapToPaintMs: { taps: perTap.length, under16: perTap.filter((ms) => ms <= 16).length, p50: round(percentile(perTap, 50)), p95: round(percentile(perTap, 95)), max: round(Math.max(0, ...perTap)) },
      longTasksOver50ms: { count: longTasks.length, maxMs: round(Math.max(0, ...longTasks.map((t) => t.duration))) },
      coldStartMs: {
        toAttract: toAttractMs,
        toHome: toHomeMs,
        taps: coldStartTaps.map(round),
        longTasksOver50ms: coldStartLongTasks.map((task) => round(task.duration)),
      },
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
