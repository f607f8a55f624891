// What the browser benchmarks (bench/visitor.ts, bench/soak.ts) and the short soak in CI (tests/e2e/soak.spec.ts)
// share: the kiosk's web transport as a child process, Debian's Chromium, one scripted lap through every screen, and
// the page's and the kiosk process's memory figures.
// Plain Node and Playwright only (no DOM types): this file is type-checked both with and without the DOM library.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { kioskChromiumArgs } from '../electron/shared/chromium-switches';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The kiosk's own Chromium switches (the shell's and a browser kiosk's), which the benchmarks run with too;
 * `BENCH_CHROMIUM_DEFAULTS=1` leaves them out, to measure what they change.
 */
export const kioskSwitches = process.env.BENCH_CHROMIUM_DEFAULTS === '1' ? [] : kioskChromiumArgs(availableParallelism());

/**
 * Chromium as the benchmarks run it: headless, no GPU, nothing in the background, `gc()` exposed to the page, and the
 * kiosk's own switches (`kioskSwitches`).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc', ...kioskSwitches],
  });
}

export type KioskServer = { url: string; pid: number; process: ChildProcess; stop: () => Promise<void> };

/** Starts out/node/web.js (`npm run web`'s server) on a free port with `dataDir`; `extraArgs` e.g. `--idle-seconds 5`. */
export async function startKioskServer(webJs: string, dataDir: string, extraArgs: string[] = []): Promise<KioskServer> {
  const child = spawn(process.execPath, [webJs, '--port', '0', '--data', dataDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kiosk ready at (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`web.js exited with ${code}`)));
  });
  // Keep draining its output (the kiosk logs sync and usage lines), or the pipe fills up and the kiosk stalls.
  child.stdout.resume();
  return { url, pid: child.pid ?? 0, process: child, stop: () => stopChild(child) };
}

/** Stops a child process with SIGTERM and waits for it to exit (nothing to do if it already has). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

export type HubServer = { url: string; code: string; stop: () => Promise<void> };

/**
 * Starts out/node/hub.js on a free port with `dataDir` (the demo forum on first run) and waits until it has made its
 * pictures at display size (hub/thumbnails.ts). Returns its address and a one-time enrollment code for a kiosk.
 */
export async function startHubServer(hubJs: string, dataDir: string): Promise<HubServer & { copies: number }> {
  const child = spawn(process.execPath, [hubJs, '--port', '0', '--host', '127.0.0.1', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const found = await new Promise<{ url: string; code: string; copies: number }>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Hub ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const code = /enrollment code[^:]*: ([A-Z0-9-]+)/.exec(output)?.[1];
      const copies = /Pictures at display size: (\d+) copies made/.exec(output)?.[1];
      if (url && code && copies) resolve({ url, code, copies: Number(copies) });
    });
    child.once('exit', (code) => reject(new Error(`hub.js exited with ${code}:\n${output}`)));
  });
  child.stdout.resume();
  return { ...found, stop: () => stopChild(child) };
}

/**
 * Waits until a kiosk (its data folder) holds the hub's content: `copies` pictures at display size listed and no media
 * file still to download. Reads the kiosk's database read-only, as a second reader beside the kiosk.
 */
export async function waitForHubContent(kioskDataDir: string, copies: number, timeoutMs = 180_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    let ready = false;
    try {
      const db = new Database(join(kioskDataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
      try {
        const thumbs = (db.prepare('SELECT count(*) AS n FROM media_thumbs WHERE deleted = 0').get() as { n: number }).n;
        const queued = (db.prepare('SELECT count(*) AS n FROM media_queue').get() as { n: number }).n;
        ready = thumbs === copies && queued === 0;
      } finally {
        db.close();
      }
    } catch {
      // Not created or not migrated yet.
    }
    if (ready) return;
    if (Date.now() > giveUpAt) throw new Error(`The kiosk did not get the hub's ${copies} pictures at display size in ${timeoutMs / 1000} s`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (n: number) => Math.round(n * 10) / 10;

/** The visible screen: screens lower in the navigation stack stay mounted but hidden. */
export const screen = (page: Page) => page.locator('.screen-holder:not([hidden])');

export const attractButton = (page: Page) => page.getByRole('button', { name: /Touch the screen to start/ });
export const homeButton = (page: Page) => page.getByRole('button', { name: 'На главную' });
export const regionsButton = (page: Page) => page.getByRole('button', { name: /^Регионы/ });

/** From the attract loop on screen: touch it (it opens the item it shows), then go on to the home screen. Returns the taps. */
export async function touchAttract(page: Page): Promise<number> {
  await attractButton(page).tap();
  await regionsButton(page).or(homeButton(page)).first().waitFor();
  if (!(await homeButton(page).isVisible())) return 1;
  await homeButton(page).tap();
  await regionsButton(page).waitFor();
  return 2;
}

/** One tap of the scripted visitor: `step` names it, `then` is what must be on screen before the next tap. */
export type Tap = (step: string, target: Locator, then?: Locator) => Promise<void>;

/**
 * One lap through every screen, from the home screen back to it: about 30 taps (regions map → Omsk → a project →
 * next photo → back, clusters, industries, the route's stops, the programme's days, the hall plan's booths, search
 * typed on the on-screen keyboard). `n` varies which item of each screen is opened.
 */
export async function visitorLap(page: Page, n: number, tap: Tap): Promise<void> {
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const back = page.getByRole('button', { name: /^Назад/ });
  const omsk = page.getByRole('button', { name: /^Омская область, / });
  const home = (from: string) => tap(`${from} → home`, homeButton(page), regionsButton(page));
  await tap('home → regions map', regionsButton(page), omsk);
  await tap('regions map → Omsk region', omsk, heading('Омская область'));
  await tap('region → project', screen(page).locator('.project-grid li').nth(n % 10).getByRole('button'), screen(page).locator('.gallery'));
  const nextPhoto = screen(page).getByRole('button', { name: 'Следующее фото' });
  // A project with one photo has no such button (and isEnabled() alone would wait for one until its timeout).
  if ((await nextPhoto.count()) > 0 && (await nextPhoto.isEnabled())) await tap('project: next photo', nextPhoto);
  await tap('project → back to region', back, heading('Омская область'));
  await tap('region → back to map', back, omsk);
  await home('regions map');
  await tap('home → clusters', page.getByRole('button', { name: /^Кластеры Омской области/ }), heading('Кластеры Омской области'));
  await tap('clusters → cluster', screen(page).locator('.cluster-grid').getByRole('button').nth(n % 10), back);
  await home('cluster');
  await tap('home → industries', page.getByRole('button', { name: /^Отрасли и темы/ }), heading('Отрасли и темы'));
  await tap('industries → industry', screen(page).locator('.screen-body').getByRole('button').nth(n % 8), back);
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
}

/** `usedJSHeapSize` after a forced GC (needs `--js-flags=--expose-gc` and `--enable-precise-memory-info`). */
export async function usedHeap(page: Page): Promise<number> {
  await page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
  return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
}

/** Elements in the page's document. */
export const domElements = (page: Page) => page.evaluate<number>('document.getElementsByTagName("*").length');

export type PageMemory = {
  /** The page's JS heap after a full garbage collection, in bytes. */
  heapBytes: number;
  /** Elements in the document. */
  elements: number;
  /** All DOM nodes the renderer holds, detached ones included, after the GC; and live event listeners. */
  nodes: number;
  listeners: number;
};

/**
 * The page's memory over the Chrome DevTools Protocol, after a full garbage collection: works without any launch
 * flag (Playwright's own Chromium in tests included). Detached nodes kept alive by a leak count in `nodes`.
 */
export async function pageMemory(page: Page, cdp: CDPSession): Promise<PageMemory> {
  // Two collections: the first may leave DOM nodes that only the second frees (V8's and Blink's heaps refer to each other).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heapBytes: usedSize, elements: await domElements(page), nodes: counters.nodes, listeners: counters.jsEventListeners };
}

/** The page's JS heap snapshot (taken after a collection), as the JSON text DevTools' Memory panel loads. */
async function heapSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return chunks.join('');
}

/** Writes the page's JS heap snapshot to `file`, for DevTools' Memory panel to compare. */
export async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  writeFileSync(file, await heapSnapshot(cdp));
}

export type HeapParts = {
  /**
   * What V8 made from the page's functions: bytecode, optimised machine code and their metadata (the snapshot's
   * "code" nodes). It grows as V8 optimises more of the app's functions and is bounded by the app's code, not by
   * what visitors do.
   */
  compiledCodeBytes: number;
  /** The rest of V8's heap: the objects the page's code holds (strings, arrays, closures, object shapes…). */
  objectsBytes: number;
  /** Blink's objects behind the DOM wrappers ("native" nodes): not V8's heap (the DOM counters watch them). */
  nativeBytes: number;
  /**
   * Blink's records of each request for DevTools' Network panel: there only because the bench drives the page over
   * the DevTools protocol (Playwright turns network tracking on), one per request for the page's life; a kiosk
   * without DevTools attached keeps none. Not counted in `nativeBytes`.
   */
  devtoolsNetworkBytes: number;
  /** How many of those records (a Chromium that hides Blink's class names in snapshots shows none). */
  devtoolsNetworkRecords: number;
};

/** The page's heap split into compiled code, JS objects and Blink's objects, from a heap snapshot (a few seconds). */
export async function heapParts(cdp: CDPSession): Promise<HeapParts> {
  const snapshot = JSON.parse(await heapSnapshot(cdp)) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const typeNames = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const code = typeNames.indexOf('code');
  const outsideV8 = new Set([typeNames.indexOf('native'), typeNames.indexOf('synthetic')]);
  const parts: HeapParts = { compiledCodeBytes: 0, objectsBytes: 0, nativeBytes: 0, devtoolsNetworkBytes: 0, devtoolsNetworkRecords: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const size = snapshot.nodes[i + sizeAt]!;
    const type = snapshot.nodes[i + typeAt]!;
    if (type === code) parts.compiledCodeBytes += size;
    else if (!outsideV8.has(type)) parts.objectsBytes += size;
    else if (snapshot.strings[snapshot.nodes[i + nameAt]!]!.startsWith('blink::NetworkResourcesData')) {
      parts.devtoolsNetworkBytes += size;
      parts.devtoolsNetworkRecords += 1;
    } else parts.nativeBytes += size;
  }
  return parts;
}

export type ProcessFigures = { rssKb: number; openFiles: number; threads: number };

/** A process's resident memory, open file descriptors and threads (Linux /proc). */
export function processFigures(pid: number): ProcessFigures {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), openFiles: readdirSync(`/proc/${pid}/fd`).length, threads: field('Threads') };
}

/** What a process's open file descriptors point to (sockets and pipes by kind only), for a report of what grew. */
export function openFileTargets(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).map((fd) => {
    try {
      return readlinkSync(join(dir, fd)).replace(/:\[\d+\]$/, '');
    } catch {
      return '(closed meanwhile)';
    }
  });
}

/** Sizes of the kiosk's SQLite files in its data folder, in bytes (0 when absent). */
export function sqliteSizes(dataDir: string): { db: number; wal: number } {
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return { db: size(join(dataDir, 'kiosk.db')), wal: size(join(dataDir, 'kiosk.db-wal')) };
}
