// A scripted visitor tapping through every screen of the kiosk (web transport, Debian's Chromium), measuring:
// tap → next paint latency (Event Timing API), long tasks, cold start, and JS heap after 1,000 vs N taps.
// Run by `npm run bench` after `npm run build`; BENCH_TAPS sets N (default 2,000: enough for the latency's tail; the
// heap after 1,000 vs 10,000 taps of the same lap is the soak's to measure, bench/soak.ts), BENCH_REDUCED_MOTION=1 runs
// it with the system asking for reduced motion, BENCH_CONTENT=embedded on the kiosk's own demo content without a hub.
// BENCH_LOOP_MS (default 5000,11000,17000) is how long the attract loop runs before the first visitor's touch, one
// fresh start for each.
// BENCH_LOOK_MS (default 250) is how long the scripted visitor looks at the screen before each tap in every other lap;
// the laps between tap back to back, as soon as the next target is on screen (see "pace" below).
// It prints the figures per step of the lap; the last line is JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  domElements,
  homeButton,
  kioskSwitches,
  launchChromium,
  percentile,
  regionsButton,
  round,
  startHubServer,
  startKioskServer,
  usedHeap,
  visitorLap,
  waitForHubContent,
  type Tap,
} from './browser';
import type { BrowserContext, Locator, Page } from '@playwright/test';

const totalTaps = Number(process.env.BENCH_TAPS ?? 2_000);
/**
 * The two paces of the laps, taken in turn. A visitor's pace: each tap comes BENCH_LOOK_MS after what the last tap
 * brought is on screen, a fast visitor's reaction (a person needs a quarter of a second or more to see a screen and
 * move a finger); this is the pace of the target figure. Back to back: the next tap comes as soon as its target is on
 * screen and still, often while the browser is still drawing the last screen's content, so the tap waits for that
 * drawing too: a harsher figure, with no target, kept to show what rapid tapping costs.
 */
const lookMs = Number(process.env.BENCH_LOOK_MS ?? 250);
if (!(lookMs > 0)) throw new Error(`BENCH_LOOK_MS must be a positive number of milliseconds, not ${JSON.stringify(process.env.BENCH_LOOK_MS)}`);
type Pace = 'visitor' | 'back to back';
const paceOfLap = (n: number): Pace => (n % 2 === 0 ? 'visitor' : 'back to back');
const heapCheckpoint = Math.min(1_000, totalTaps);
/**
 * The first visitor after a start is measured on its own too: one fresh start of the page per entry of BENCH_LOOP_MS
 * (milliseconds, comma-separated; default 5, 11 and 17 s), each touched after its attract loop has run that long: on
 * the loop's first slide (a project the loop has got ready by then), its second (a route stop, got ready too) and its
 * third (a project it has not: compiled code, but its data still to read).
 */
const loopRunsMs = (process.env.BENCH_LOOP_MS ?? '5000,11000,17000').split(',').map(Number);
if (!loopRunsMs.every((ms) => ms >= 0)) throw new Error(`BENCH_LOOP_MS must be milliseconds, comma-separated, not ${JSON.stringify(process.env.BENCH_LOOP_MS)}`);
/**
 * BENCH_CPU_SLOWDOWN=N (e.g. 2) runs the page's main thread N times slower (DevTools' CPU throttling): a way to see
 * which steps would turn into long tasks on a slower machine. Its figures are not the target's.
 */
const cpuSlowdown = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);
if (!(cpuSlowdown >= 1)) throw new Error(`BENCH_CPU_SLOWDOWN must be 1 or more, not ${JSON.stringify(process.env.BENCH_CPU_SLOWDOWN)}`);
const here = dirname(fileURLToPath(import.meta.url));

type PageFigures = {
  /** Each interaction's start and longest duration, for attributing the slow tail to a step of the lap. */
  timed: { start: number; duration: number }[];
  longTasks: { start: number; duration: number }[];
  /**
   * Animation frames held up by work of more than 50 ms (Long Animation Frames API), with the scripts that ran in
   * them and the time of its drawing (style, layout and paint): what a long task was, where the Long Tasks API gives
   * only its time.
   */
  longFrames: { start: number; duration: number; scripts: string[]; drawingMs: number }[];
  /** When each tap's pointerdown happened, which step of the lap it was and at which pace it came. */
  taps: { at: number; step: string; pace: Pace | '' }[];
};

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmenting a global needs an interface
  interface Window {
    benchFigures?: PageFigures;
    benchStep?: string;
    benchPace?: Pace;
  }
}

/**
 * What the kiosk shows: 'hub' (the default), the demo forum as a hub serves it to the hall's kiosks, pictures at
 * display size included (the hub runs only until the kiosk has it all); 'embedded' (BENCH_CONTENT=embedded), the
 * kiosk's own demo content with no hub, as `npm run web` shows it on a fresh machine: the same forum, its pictures
 * only as the original SVGs.
 */
const content = process.env.BENCH_CONTENT === 'embedded' ? 'embedded' : 'hub';

/** In the page, before its own scripts: the observers that collect `PageFigures` as `window.benchFigures`. */
function observeFigures(): void {
  const figures: PageFigures = { timed: [], longTasks: [], longFrames: [], taps: [] };
  window.benchFigures = figures;
  window.addEventListener('pointerdown', (event) => figures.taps.push({ at: event.timeStamp, step: window.benchStep ?? '', pace: window.benchPace ?? '' }), { capture: true, passive: true });
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
  type ScriptTiming = { duration: number; invoker: string; sourceURL: string; sourceFunctionName: string };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { blockingDuration: number; styleAndLayoutStart: number; scripts: ScriptTiming[] })[]) {
      if (entry.blockingDuration <= 0) continue;
      const scripts = entry.scripts
        .filter((script) => script.duration >= 5)
        .map((script) => `${script.invoker || '?'} ${script.sourceFunctionName || ''}@${script.sourceURL.split('/').pop() ?? ''} ${Math.round(script.duration)} ms`);
      // From the start of its style and layout to the frame's end: style, layout and paint. Zero where it drew nothing.
      const drawingMs = entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0;
      figures.longFrames.push({ start: entry.startTime, duration: entry.duration, scripts, drawingMs });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}

/**
 * A touch that lands as soon as its target is on screen, as a finger would: Playwright's own tap() first waits for
 * the target to stop moving, i.e. for the screen's 180 ms entrance slide to end, which is the harness's time, not the
 * kiosk's (the kiosk takes taps during the slide).
 */
async function touchNow(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  const giveUpAt = Date.now() + 5_000;
  while (Date.now() < giveUpAt) {
    const box = await target.boundingBox();
    if (!box) throw new Error(`${target.toString()} has no box`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // Only where the finger would hit the target itself (it may still be sliding in).
    if (await target.evaluate((element, [px, py]) => element.contains(document.elementFromPoint(px!, py!)), [x, y])) {
      await page.touchscreen.tap(x, y);
      return;
    }
  }
  throw new Error(`something covered ${target.toString()} for 5 s`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-visitor-'));
  const hubDir = content === 'hub' ? mkdtempSync(join(tmpdir(), 'kiosk-bench-visitor-hub-')) : null;
  const hub = hubDir ? await startHubServer(join(here, 'hub.js'), hubDir) : null;
  const server = await startKioskServer(join(here, 'web.js'), dataDir, hub ? ['--hub', hub.url, '--enroll', hub.code] : []);
  if (hub) {
    await waitForHubContent(dataDir, hub.copies);
    // In the hall the hub is another computer; here it would share the kiosk's two cores with the browser. It stops
    // once the kiosk has the content: the kiosk carries on from its own copy, as it does when the hall's Wi-Fi drops.
    await hub.stop();
  }
  const browser = await launchChromium();
  try {
    // A first load warms the server's caches and the disk, as a kiosk's own start would.
    const warm = await browser.newPage();
    await warm.goto(server.url);
    await warm.close();

    // A browser context of its own for each fresh start of the kiosk's page (nothing compiled or cached in the page yet),
    // with the observers that collect the page's figures.
    const freshContext = async () => {
      const fresh = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'ru-RU', timezoneId: 'Asia/Omsk', reducedMotion: process.env.BENCH_REDUCED_MOTION === '1' ? 'reduce' : 'no-preference' });
      await fresh.addInitScript(observeFigures);
      return fresh;
    };
    const context = await freshContext();
    const newPage = async (of: BrowserContext) => {
      const opened = await of.newPage();
      if (cpuSlowdown > 1) await (await of.newCDPSession(opened)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      return opened;
    };
    const page = await newPage(context);

    // Cold start: a fresh page to the attract loop, then one touch to an interactive home screen.
    const started = Date.now();
    await page.goto(server.url);
    const attract = page.getByRole('button', { name: /Touch the screen to start/ });
    await attract.waitFor();
    const toAttractMs = Date.now() - started;
    await touchNow(page, attract);
    const home = homeButton(page);
    const regions = regionsButton(page);
    await regions.or(home).first().waitFor();
    if (await home.isVisible()) await touchNow(page, home);
    await regions.waitFor();
    const toHomeMs = Date.now() - started;

    let taps = 0;
    let pace: Pace = 'visitor';
    const tap: Tap = async (step, target, then) => {
      await page.evaluate(([name, tapPace]) => {
        window.benchStep = name;
        window.benchPace = tapPace;
      }, [step, pace] as const);
      // The look comes before the tap, so that every tap counted at a visitor's pace had one, the first of a lap too.
      if (pace === 'visitor') await page.waitForTimeout(lookMs);
      await target.tap();
      taps += 1;
      if (then) await then.first().waitFor();
    };
    // Laps 2k and 2k + 1 open the same items (projects, clusters, booths, the programme's day), one at each pace.
    const lap = (n: number) => {
      pace = paceOfLap(n);
      return visitorLap(page, Math.floor(n / 2), tap);
    };

    const heap = () => usedHeap(page);
    const dom = () => domElements(page);

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
    await context.close();

    // The first visitor after a start: the kiosk's page loaded anew, its attract loop left running for a while (as it
    // runs until someone comes), then a touch on it. Each start in a context of its own: nothing compiled yet.
    const firstVisitorTouch = async (loopMs: number) => {
      const fresh = await freshContext();
      try {
        const first = await newPage(fresh);
        await first.goto(server.url);
        const loop = first.getByRole('button', { name: /Touch the screen to start/ });
        await loop.waitFor();
        const loopShownAt = await first.evaluate(() => performance.now());
        await first.waitForTimeout(loopMs);
        const touchedAt = await first.evaluate(() => performance.now());
        await touchNow(first, loop);
        await homeButton(first).or(regionsButton(first)).first().waitFor();
        // Long enough for the touch's paint, and for whatever the new screen draws after it, to be reported.
        await first.waitForTimeout(1_000);
        const seen = await first.evaluate(() => window.benchFigures!);
        const after = <T extends { start: number }>(entries: T[]) => entries.filter((entry) => entry.start >= touchedAt - 1);
        return {
          ms: round(Math.max(16, ...after(seen.timed).map((timing) => timing.duration))),
          longTasks: after(seen.longTasks)
            .filter((task) => task.duration > 50)
            .map((task) => round(task.duration)),
          // While the loop ran for nobody (its warm-up included): no transition, but a touch could land in one.
          loopLongTasks: seen.longTasks.filter((task) => task.start >= loopShownAt && task.start < touchedAt - 1 && task.duration > 50).map((task) => round(task.duration)),
        };
      } finally {
        await fresh.close();
      }
    };
    const firstTouches: Awaited<ReturnType<typeof firstVisitorTouch>>[] = [];
    for (const loopMs of loopRunsMs) firstTouches.push(await firstVisitorTouch(loopMs));

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
    // The cold start's taps (the touch on the attract loop, and Home if it opened an item), each from its touch to the
    // next paint, 16 ms where the Event Timing API saw nothing longer.
    const coldTouches = figures.taps.filter((tapped) => tapped.step === '' && tapped.at < lapsFrom).map((tapped) => tapped.at);
    const coldStartTaps = coldTouches.map((at, index) => {
      const next = coldTouches[index + 1] ?? lapsFrom;
      return Math.max(16, ...figures.timed.filter((timing) => timing.start >= at - 1 && timing.start < next - 1).map((timing) => timing.duration));
    });
    const over50 = figures.longTasks.filter((task: { duration: number }) => task.duration > 50);
    const longTasks = over50.filter((task) => task.start >= lapsFrom);
    const coldStartLongTasks = over50.filter((task) => task.start < lapsFrom);

    const atPace = (wanted: Pace) => perTap.filter((_, index) => lapTaps[index]!.pace === wanted);
    /** Event Timing reports durations in steps of 8 ms: the share over 50 ms says how far a p95 of 48 is from 56. */
    const summary = (durations: number[]) => ({
      taps: durations.length,
      under16: durations.filter((ms) => ms <= 16).length,
      p50: round(percentile(durations, 50)),
      p95: round(percentile(durations, 95)),
      max: round(Math.max(0, ...durations)),
      over50Percent: round((durations.filter((ms) => ms > 50).length / Math.max(1, durations.length)) * 100),
    });

    type StepFigures = { durations: number[]; backToBack: number[]; longTasks: number[] };
    const steps = new Map<string, StepFigures>();
    const stepOf = (name: string) => steps.get(name) ?? steps.set(name, { durations: [], backToBack: [], longTasks: [] }).get(name)!;
    lapTaps.forEach((tapped, index) => {
      const step = stepOf(tapped.step);
      (tapped.pace === 'visitor' ? step.durations : step.backToBack).push(perTap[index]!);
    });
    for (const task of longTasks) stepOf(lapTaps[tapIndexAt(task.start)]?.step ?? '?').longTasks.push(round(task.duration));
    const bySteps = [...steps.entries()]
      .map(([name, step]) => ({
        step: name,
        n: step.durations.length,
        p50: percentile(step.durations, 50),
        p95: percentile(step.durations, 95),
        max: Math.max(0, ...step.durations),
        backToBackN: step.backToBack.length,
        backToBackP95: percentile(step.backToBack, 95),
        longTasks: step.longTasks,
      }))
      .sort((a, b) => b.p95 - a.p95 || b.max - a.max);
    console.log(`tap → next paint by step of the lap (ms), at a visitor's pace (${lookMs} ms look), slowest first; the p95 of the laps tapped back to back beside it:`);
    for (const row of bySteps) {
      const tasks = row.longTasks.length > 0 ? `  long tasks: ${row.longTasks.join(', ')}` : '';
      console.log(
        `  ${row.step.padEnd(28)} n=${String(row.n).padStart(5)}  p50 ${String(row.p50).padStart(4)}  p95 ${String(row.p95).padStart(4)}  max ${String(Math.round(row.max)).padStart(4)}  back to back n=${String(row.backToBackN).padStart(5)}  p95 ${String(row.backToBackP95).padStart(4)}${tasks}`,
      );
    }
    console.log(`cold start: taps ${coldStartTaps.map(Math.round).join(', ')} ms; long tasks ${coldStartLongTasks.map((task) => Math.round(task.duration)).join(', ') || 'none'}`);
    console.log(
      `first touch on fresh starts, after ${loopRunsMs.join(', ')} ms of the attract loop: ${firstTouches.map((touch) => touch.ms).join(', ')} ms; ` +
        `long tasks ${firstTouches.flatMap((touch) => touch.longTasks).join(', ') || 'none'}; while the loops ran ${firstTouches.flatMap((touch) => touch.loopLongTasks).join(', ') || 'none'}`,
    );
    // What each long task of the laps (and of the cold start) was: the long animation frame it fell in, and its scripts.
    for (const task of [...coldStartLongTasks, ...longTasks]) {
      const frame = figures.longFrames.find((f) => f.start <= task.start + 1 && task.start < f.start + f.duration);
      const where = task.start < lapsFrom ? 'cold start' : (lapTaps[tapIndexAt(task.start)]?.step ?? '?');
      const scripts = frame ? `${frame.scripts.join('; ') || 'no script of 5 ms or more'}; style, layout and paint ${Math.round(frame.drawingMs)} ms` : 'no long animation frame seen';
      console.log(`long task ${Math.round(task.duration)} ms (${where}), frame ${frame ? Math.round(frame.duration) : '?'} ms: ${scripts}`);
    }

    const result = {
      bench: 'visitor',
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, browser: `Chromium ${browser.version()}`, chromiumSwitches: kioskSwitches },
      content: hub ? `demo forum from a hub (stopped once synced), ${hub.copies} pictures at display size` : 'embedded demo content (SVG pictures, no hub)',
      taps,
      lookMs,
      ...(cpuSlowdown > 1 ? { cpuSlowdown } : {}),
      // At a visitor's pace (the target's figure) and in the laps tapped back to back.
      tapToPaintMs: summary(atPace('visitor')),
      backToBackMs: summary(atPace('back to back')),
      longTasksOver50ms: { count: longTasks.length, maxMs: round(Math.max(0, ...longTasks.map((t) => t.duration))) },
      coldStartMs: {
        toAttract: toAttractMs,
        // The kiosk's own time to an interactive home: the page loading to the attract loop, then each tap to the
        // next paint (home is drawn whole in the frame that answers its tap). Without the time between the taps,
        // which is the bench's round trips here and a visitor's reaction in the hall.
        toHome: toAttractMs + coldStartTaps.reduce((sum, ms) => sum + ms, 0),
        // The same by the bench's wall clock, its round trips between the taps included: an upper bound.
        toHomeWallClock: toHomeMs,
        taps: coldStartTaps.map(round),
        longTasksOver50ms: coldStartLongTasks.map((task) => round(task.duration)),
      },
      // The first visitor's touch on a freshly started kiosk whose attract loop has run for a while.
      firstTouchAfterLoopMs: {
        loopRanMs: loopRunsMs,
        taps: firstTouches.map((touch) => touch.ms),
        longTasksOver50ms: firstTouches.flatMap((touch) => touch.longTasks),
        longTasksWhileLoopRanOver50ms: firstTouches.flatMap((touch) => touch.loopLongTasks),
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
    await server.stop();
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (hubDir) rmSync(hubDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
