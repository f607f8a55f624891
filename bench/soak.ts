// Soak: the kiosk (web transport, Debian's Chromium) under a scripted visitor for a long run — laps through every
// screen, and now and then the visitor walks away: "Still there?", sometimes answered ("Continue", "Start over"),
// sometimes not (the kiosk starts over by itself), then the attract loop cycles before the next visitor touches it.
// Sampled every SOAK_SAMPLE_EVERY taps: the page's JS heap and DOM (after forced GCs), the kiosk process's RSS, open
// file descriptors and threads, and its SQLite files. Growth is reported between the first sample after warm-up and
// the last. Built into out/node/bench-soak.js; run after `npm run build`. The last line printed is JSON.
//   SOAK_TAPS (10000)          taps in all
//   SOAK_WARMUP_TAPS (1000)    taps before the reference sample (at most a tenth of SOAK_TAPS)
//   SOAK_SAMPLE_EVERY (250)    taps between samples
//   SOAK_IDLE_EVERY (500)      taps between the visitor's walking away
//   SOAK_IDLE_SECONDS (5)      the kiosk's idle timeout for the run (then a 15 s "Still there?" countdown)
//   SOAK_REDUCED_MOTION=1      the visitor's system asks for reduced motion (no screen transitions: faster taps)
//   SOAK_HEAP_SNAPSHOTS=DIR    also write the page's heap snapshots at the reference sample and at the end into DIR
//                              (soak-<taps>.heapsnapshot; load both in DevTools' Memory panel to see what grew)
// The JS heap is also split, from a heap snapshot at the reference sample and at the end, into V8's compiled code
// (bytecode and optimised code, which grows as V8 optimises more of the app's functions and is bounded by the app's
// code) and the rest of V8's heap, the objects the page holds: a leak grows the latter. The heap bound is on the
// objects; V8's used size, compiled code included, is reported beside it.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  attractButton,
  heapParts,
  kioskSwitches,
  launchChromium,
  openFileTargets,
  pageMemory,
  processFigures,
  round,
  sqliteSizes,
  startKioskServer,
  touchAttract,
  visitorLap,
  writeHeapSnapshot,
  type HeapParts,
  type PageMemory,
  type ProcessFigures,
  type Tap,
} from './browser';
import { describeMachine } from './machine';

const totalTaps = Number(process.env.SOAK_TAPS ?? 10_000);
const warmupTaps = Math.min(Number(process.env.SOAK_WARMUP_TAPS ?? 1_000), Math.floor(totalTaps / 10));
const sampleEvery = Number(process.env.SOAK_SAMPLE_EVERY ?? 250);
const idleEvery = Number(process.env.SOAK_IDLE_EVERY ?? 500);
const idleSeconds = Number(process.env.SOAK_IDLE_SECONDS ?? 5);
const reducedMotion = process.env.SOAK_REDUCED_MOTION === '1';
const snapshotsDir = process.env.SOAK_HEAP_SNAPSHOTS;
const here = dirname(fileURLToPath(import.meta.url));

const targets = { heapGrowthPercent: 10, blinkObjectsGrowthPercent: 10, domElementsGrowthPercent: 10, domNodesGrowthPercent: 10, rssGrowthPercent: 25, openFilesGrowth: 4 };

type Sample = PageMemory & ProcessFigures & { taps: number; seconds: number; dbBytes: number; walBytes: number; logsBytes: number; backups: number };

function folderBytes(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => sum + (entry.isFile() ? statSync(join(dir, entry.name)).size : 0), 0);
  } catch {
    return 0;
  }
}

function count(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

/** Megabytes, to one decimal, or to two for figures of a few MB whose growth is read in tenths of a percent. */
const mb = (bytes: number, decimals: 1 | 2 = 1) => (decimals === 1 ? round(bytes / 2 ** 20) : Math.round((bytes / 2 ** 20) * 100) / 100);
const growth = (from: number, to: number) => (from === 0 ? 0 : round(((to - from) / from) * 100));

async function main(): Promise<void> {
  const machine = describeMachine();
  console.log(`soak: ${totalTaps} taps, warm-up ${warmupTaps}, a sample every ${sampleEvery}, walking away every ${idleEvery}, idle ${idleSeconds} s`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-soak-'));
  const server = await startKioskServer(join(here, 'web.js'), dataDir, ['--idle-seconds', String(idleSeconds)]);
  const browser = await launchChromium();
  const started = Date.now();
  try {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'ru-RU', timezoneId: 'Asia/Omsk', reducedMotion: reducedMotion ? 'reduce' : 'no-preference' });
    const page = await context.newPage();
    let taps = 0;
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    await attractButton(page).waitFor();
    await touchAttract(page);

    // "Still there?" where the run did not mean it: after a tap that came late (a loaded machine), or for a moment
    // just after a touch on the attract loop (the previous visitor's countdown, shown until the idle timer's next
    // tick). Answer it if it is still there, and count it.
    const stillThere = page.getByRole('alertdialog');
    let touchedAttractAt = 0;
    const unplanned = { late: 0, afterAttract: 0 };
    const answerDialog = async () => {
      if (Date.now() - touchedAttractAt < 2_000) unplanned.afterAttract += 1;
      else {
        unplanned.late += 1;
        console.log(`an unplanned "Still there?" after ${taps} taps, ${Math.round((Date.now() - started) / 1000)} s`);
      }
      await stillThere
        .getByRole('button', { name: 'Продолжить' })
        .tap({ timeout: 2_000 })
        .catch(() => undefined); // gone by itself
    };
    await page.addLocatorHandler(stillThere, answerDialog);
    const touchAttractLoop = async () => {
      touchedAttractAt = Date.now();
      const n = await touchAttract(page);
      return n;
    };

    const tap: Tap = async (step, target, then) => {
      try {
        await target.tap();
        taps += 1;
        if (then) await then.first().waitFor();
      } catch (error) {
        // Leave a picture of the screen the visitor was stuck on.
        const shot = join(process.cwd(), 'test-results', 'bench-soak-failure.png');
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(`soak: step "${step}" after ${taps} taps failed (screen: ${shot})`, { cause: error });
      }
    };

    const samples: Sample[] = [];
    const sample = async (): Promise<Sample> => {
      const memory = await pageMemory(page, cdp);
      const sizes = sqliteSizes(dataDir);
      const row: Sample = {
        taps,
        seconds: Math.round((Date.now() - started) / 1000),
        ...memory,
        ...processFigures(server.pid),
        dbBytes: sizes.db,
        walBytes: sizes.wal,
        logsBytes: folderBytes(join(dataDir, 'logs')),
        backups: count(join(dataDir, 'backups')),
      };
      samples.push(row);
      console.log(
        `${String(row.taps).padStart(6)} taps ${String(row.seconds).padStart(5)} s  heap ${mb(row.heapBytes)} MB  elements ${row.elements}  nodes ${row.nodes}  listeners ${row.listeners}  ` +
          `RSS ${mb(row.rssKb * 1024)} MB  fds ${row.openFiles}  threads ${row.threads}  db ${mb(row.dbBytes)} MB  wal ${mb(row.walBytes)} MB  logs ${mb(row.logsBytes)} MB`,
      );
      return row;
    };

    // The visitor walks away, three ways in turn; then the attract loop cycles for a while before the next visitor.
    let walkAways = 0;
    const idleResets = { byTimeout: 0, startOver: 0, continued: 0 };
    const walkAway = async () => {
      const way = walkAways % 3;
      walkAways += 1;
      await page.removeLocatorHandler(stillThere);
      await stillThere.waitFor({ timeout: (idleSeconds + 10) * 1000 });
      if (way === 0) {
        // Nobody answers: the kiosk starts over by itself when the countdown ends.
        idleResets.byTimeout += 1;
        await attractButton(page).waitFor({ timeout: 30_000 });
      } else if (way === 1) {
        idleResets.startOver += 1;
        await stillThere.getByRole('button', { name: 'Начать сначала' }).tap();
        await attractButton(page).waitFor();
        // Let the loop change slides once before the next visitor touches it.
        await page.waitForTimeout(6_500);
      } else {
        // "Continue": the visitor stays where they were (the home screen, where every lap ends).
        idleResets.continued += 1;
        await stillThere.getByRole('button', { name: 'Продолжить' }).tap();
        await stillThere.waitFor({ state: 'hidden' });
      }
      await page.addLocatorHandler(stillThere, answerDialog);
      if (way !== 2) {
        // The next visitor touches the attract loop (which opens the item it shows) and goes on to the home screen.
        taps += await touchAttractLoop();
      } else taps += 1;
    };

    await sample();
    let nextSample = sampleEvery;
    let nextWalkAway = idleEvery;
    let reference: Sample | null = null;
    const fdsByKindAt = (targets: string[]) => targets.reduce<Record<string, number>>((all, target) => ({ ...all, [target.replace(dataDir, '<data>')]: (all[target.replace(dataDir, '<data>')] ?? 0) + 1 }), {});
    let fdsAtWarmup: Record<string, number> = {};
    let partsAtWarmup: HeapParts | null = null;
    for (let n = 0; taps < totalTaps; n += 1) {
      await visitorLap(page, n, tap);
      if (taps >= nextWalkAway) {
        nextWalkAway += idleEvery;
        await walkAway();
      }
      if (taps >= nextSample || taps >= totalTaps) {
        nextSample += sampleEvery;
        const row = await sample();
        if (!reference && row.taps >= warmupTaps) {
          reference = row;
          fdsAtWarmup = fdsByKindAt(openFileTargets(server.pid));
          partsAtWarmup = await heapParts(cdp);
          if (snapshotsDir) await writeHeapSnapshot(cdp, join(snapshotsDir, `soak-${row.taps}.heapsnapshot`));
        }
      }
    }
    const partsAtEnd = await heapParts(cdp);
    const partsFrom = partsAtWarmup ?? partsAtEnd;
    // The page made requests before both snapshots, so each holds DevTools' records of them unless this Chromium
    // names Blink's classes otherwise: then they stay among Blink's objects, and that is said here.
    if (partsAtEnd.devtoolsNetworkRecords === 0) console.log("warning: no DevTools network records found by name in the heap snapshot; Blink's objects include them");
    const heapPart = (part: Exclude<keyof HeapParts, 'devtoolsNetworkRecords'>) => ({ atWarmup: mb(partsFrom[part], 2), atEnd: mb(partsAtEnd[part], 2), growthPercent: growth(partsFrom[part], partsAtEnd[part]) });
    if (snapshotsDir) await writeHeapSnapshot(cdp, join(snapshotsDir, `soak-${taps}.heapsnapshot`));
    const last = samples.at(-1)!;
    const from = reference ?? samples[0]!;
    const fdsAtEnd = openFileTargets(server.pid);
    const fdsByKind = fdsByKindAt;
    const after = samples.filter((s) => s.taps >= from.taps);
    const nodesFloorAtWarmup = Math.min(...after.slice(0, 4).map((s) => s.nodes));
    const nodesFloorAtEnd = Math.min(...after.slice(-4).map((s) => s.nodes));
    const figures = {
      // V8's used size, compiled code included.
      heapMB: { atWarmup: mb(from.heapBytes), atEnd: mb(last.heapBytes), max: mb(Math.max(...after.map((s) => s.heapBytes))), growthPercent: growth(from.heapBytes, last.heapBytes) },
      // The same heap from the two snapshots: the objects the page holds, and V8's compiled code apart.
      heapObjectsMB: heapPart('objectsBytes'),
      compiledCodeMB: heapPart('compiledCodeBytes'),
      blinkObjectsMB: heapPart('nativeBytes'),
      // The bench's own DevTools session's records of the page's requests, apart from Blink's objects.
      devtoolsNetworkRecordsMB: { ...heapPart('devtoolsNetworkBytes'), recordsAtWarmup: partsFrom.devtoolsNetworkRecords, recordsAtEnd: partsAtEnd.devtoolsNetworkRecords },
      domElements: { atWarmup: from.elements, atEnd: last.elements, max: Math.max(...after.map((s) => s.elements)), growthPercent: growth(from.elements, last.elements) },
      // The renderer's node count after GC is noisy (a few hundred nodes freed one sample, not the next): compared by
      // its floor, the least of four samples right after warm-up and of the last four. A leak raises the floor.
      domNodes: {
        atWarmup: from.nodes,
        atEnd: last.nodes,
        max: Math.max(...after.map((s) => s.nodes)),
        floorAtWarmup: nodesFloorAtWarmup,
        floorAtEnd: nodesFloorAtEnd,
        growthPercent: growth(nodesFloorAtWarmup, nodesFloorAtEnd),
      },
      listeners: { atWarmup: from.listeners, atEnd: last.listeners },
      kioskRssMB: { atWarmup: mb(from.rssKb * 1024), atEnd: mb(last.rssKb * 1024), max: mb(Math.max(...after.map((s) => s.rssKb)) * 1024), growthPercent: growth(from.rssKb, last.rssKb) },
      kioskOpenFiles: { atWarmup: from.openFiles, atEnd: last.openFiles, max: Math.max(...after.map((s) => s.openFiles)), growth: last.openFiles - from.openFiles, byKindAtEnd: fdsByKind(fdsAtEnd) },
      kioskThreads: { atWarmup: from.threads, atEnd: last.threads },
      sqlite: {
        dbMB: { atStart: mb(samples[0]!.dbBytes), atWarmup: mb(from.dbBytes), atEnd: mb(last.dbBytes) },
        walMB: { atWarmup: mb(from.walBytes), atEnd: mb(last.walBytes), max: mb(Math.max(...samples.map((s) => s.walBytes))) },
        logsMB: { atWarmup: mb(from.logsBytes), atEnd: mb(last.logsBytes) },
      },
    };
    const met = {
      heap: figures.heapObjectsMB.growthPercent <= targets.heapGrowthPercent,
      blinkObjects: figures.blinkObjectsMB.growthPercent <= targets.blinkObjectsGrowthPercent,
      domElements: figures.domElements.growthPercent <= targets.domElementsGrowthPercent,
      domNodes: figures.domNodes.growthPercent <= targets.domNodesGrowthPercent,
      rss: figures.kioskRssMB.growthPercent <= targets.rssGrowthPercent,
      openFiles: figures.kioskOpenFiles.growth <= targets.openFilesGrowth,
    };
    const seconds = Math.round((Date.now() - started) / 1000);
    const { heapObjectsMB: objects, compiledCodeMB: code, blinkObjectsMB: blink, devtoolsNetworkRecordsMB: devtools } = figures;
    console.log(
      `heap snapshots: JS objects ${objects.atWarmup} → ${objects.atEnd} MB, compiled code ${code.atWarmup} → ${code.atEnd} MB, Blink's objects ${blink.atWarmup} → ${blink.atEnd} MB, the bench's DevTools network records ${devtools.atWarmup} → ${devtools.atEnd} MB`,
    );
    console.log(`the kiosk's open files after warm-up: ${JSON.stringify(fdsAtWarmup)}; at the end: ${JSON.stringify(fdsByKind(fdsAtEnd))}`);
    console.log(`${taps} taps in ${seconds} s; walked away ${walkAways} times (${JSON.stringify(idleResets)}); unplanned "Still there?": ${JSON.stringify(unplanned)}`);
    console.log(Object.values(met).every(Boolean) ? 'all bounds met' : `BOUND MISSED: ${JSON.stringify(met)}`);
    console.log(
      JSON.stringify({
        bench: 'soak',
        date: new Date().toISOString(),
        machine: { ...machine, browser: `Chromium ${browser.version()}`, chromiumSwitches: kioskSwitches },
        config: { taps: totalTaps, warmupTaps, sampleEvery, idleEvery, idleSeconds, reducedMotion },
        taps,
        seconds,
        samples: samples.length,
        referenceAtTaps: from.taps,
        idleResets, unplannedDialogs: unplanned,
        ...figures,
        targets,
        met,
      }),
    );
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
