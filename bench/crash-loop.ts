// Crash loop: CRASH_CYCLES (1,000) `kill -9`s of a kiosk process at random moments while it syncs a largish forum page
// by page, records exhibitors' edits and downloads media, with the hub (in this process, on loopback) changing all the
// time — the cycles of the kill-loop test (bench/kill-cycle.ts), many more of them. After every kill: `PRAGMA
// quick_check` passes, every edit the process acknowledged is in the outbox, nothing in the outbox is lost, changed
// or duplicated, and the hub holds each mutation once and only ones the kiosk has. At the end, one run without a kill
// must converge with the hub (catalog, every edit applied once, media whole).
// Figures: cycles, failures (cycles with any problem; must be 0), restart time (process start → database open,
// checked and migrated, "ready"; and → its first complete sync cycle), total time. Built into
// out/node/bench-crash-loop.js with its child (out/node/crash-loop-child.js). The last line printed is JSON.
//   CRASH_CYCLES (1000)         kills
//   CRASH_SEED (the clock)      the random moments, to repeat a run
//   CRASH_MAX_MINUTES (none)    stop starting cycles after this long (the figures say how many ran)
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanUp } from '../tests/sync/harness';
import { finalRun, killCycle, startKillLoop, type Cycle } from './kill-cycle';
import { describeMachine } from './machine';

const cycles = Number(process.env.CRASH_CYCLES ?? 1_000);
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const maxMinutes = process.env.CRASH_MAX_MINUTES ? Number(process.env.CRASH_MAX_MINUTES) : null;
const childScript = join(dirname(fileURLToPath(import.meta.url)), 'crash-loop-child.js');

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (values: number[]) => ({ n: values.length, p50: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)), max: Math.round(Math.max(0, ...values)) });

async function main(): Promise<void> {
  if (!existsSync(childScript)) throw new Error(`${childScript} is missing: run \`npm run build\` first`);
  const machine = describeMachine();
  console.log(`crash loop: ${cycles} kill -9 cycles, seed ${seed}${maxMinutes ? `, at most ${maxMinutes} min` : ''}`);
  const started = performance.now();
  const loop = await startKillLoop(childScript, seed);
  const results: Cycle[] = [];
  const failures: { cycle: number; problems: string[] }[] = [];
  let stoppedEarly = false;
  try {
    for (let iteration = 0; iteration < cycles; iteration++) {
      if (maxMinutes !== null && performance.now() - started > maxMinutes * 60_000) {
        stoppedEarly = true;
        break;
      }
      const cycle = await killCycle(loop, iteration);
      results.push(cycle);
      if (cycle.problems.length > 0) {
        failures.push({ cycle: iteration, problems: cycle.problems });
        for (const problem of cycle.problems) console.log(`FAILED: ${problem}`);
      }
      if ((iteration + 1) % 50 === 0) {
        const ready = results.flatMap((r) => (r.startToReadyMs === null ? [] : [r.startToReadyMs]));
        console.log(`${iteration + 1} cycles, ${Math.round((performance.now() - started) / 1000)} s, ${failures.length} failed; start → ready p50 ${Math.round(percentile(ready, 50))} ms`);
      }
    }
    const final = await finalRun(loop);
    for (const problem of final.problems) console.log(`FAILED (final run): ${problem}`);
    const totalSeconds = Math.round((performance.now() - started) / 1000);
    const moments: Record<string, number> = {};
    for (const r of results) moments[r.moment] = (moments[r.moment] ?? 0) + 1;
    const figures = {
      bench: 'crash-loop',
      date: new Date().toISOString(),
      machine,
      seed,
      config: { cycles, maxMinutes },
      cycles: results.length,
      stoppedEarly,
      failures: failures.length,
      firstFailures: failures.slice(0, 3),
      killedAt: moments,
      restartToReadyMs: ms(results.flatMap((r) => (r.startToReadyMs === null ? [] : [r.startToReadyMs]))),
      restartToSyncedMs: ms(results.flatMap((r) => (r.startToSyncedMs === null ? [] : [r.startToSyncedMs]))),
      final: { converged: final.problems.length === 0, problems: final.problems.slice(0, 3), convergeMs: Math.round(final.convergeMs), edits: final.edits, mediaFiles: final.mediaFiles },
      totalSeconds,
      targets: { failures: 0 },
      met: failures.length === 0 && final.problems.length === 0,
    };
    console.log(
      `${results.length} cycles in ${totalSeconds} s${stoppedEarly ? ` (stopped after ${maxMinutes} min)` : ''}: ${failures.length} failed; ` +
        `killed ${JSON.stringify(moments)}; start → ready p50 ${figures.restartToReadyMs.p50} ms, p95 ${figures.restartToReadyMs.p95} ms; ` +
        `final run ${figures.final.converged ? 'converged' : 'DID NOT CONVERGE'} in ${figures.final.convergeMs} ms with ${final.edits} edits, ${final.mediaFiles} media files`,
    );
    console.log(figures.met ? 'no failure' : 'FAILURES');
    console.log(JSON.stringify(figures));
    if (!figures.met) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
