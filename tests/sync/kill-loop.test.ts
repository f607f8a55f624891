// kill -9, many times: a kiosk process syncs a largish forum page by page (and edits, and downloads media) while the
// hub keeps changing; the test kills it at random moments and restarts it. After every kill the kiosk's database must
// be intact, its outbox must have lost nothing and duplicated nothing, and the hub must hold each mutation at most once
// and only ones the kiosk has. At the end the kiosk converges to exactly the hub's catalog and media.
// The cycles themselves are bench/kill-cycle.ts, shared with the crash-loop benchmark (bench/crash-loop.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalRun, killCycle, startKillLoop } from '../../bench/kill-cycle';
import { buildEntry, removeBuilt } from './build-entry';
import { cleanUp } from './harness';

const iterations = Number(process.env.KILL_LOOP_ITERATIONS ?? 30);
const seed = Number(process.env.KILL_LOOP_SEED ?? Date.now() % 1_000_000);
let childScript = '';

beforeAll(async () => {
  childScript = await buildEntry('test-child', 'kiosk-child', 'tests/sync/kiosk-child.ts');
}, 120_000);

afterAll(async () => {
  await cleanUp();
  removeBuilt(childScript);
});

describe('kill -9 at random moments', () => {
  it(`${iterations} kills: the kiosk database stays intact, no edit is lost or applied twice, and it converges to the hub`, async () => {
    const context = `(KILL_LOOP_SEED=${seed})`;
    const loop = await startKillLoop(childScript, seed);
    for (let iteration = 0; iteration < iterations; iteration++) {
      const cycle = await killCycle(loop, iteration);
      expect(cycle.problems, context).toEqual([]);
    }

    // Last run: no more kills; it must converge.
    const final = await finalRun(loop);
    expect(final.problems, context).toEqual([]);
    const { killedAtStart, midRebuild, incremental } = loop.counts;
    console.log(
      `kill loop ${context}: ${iterations} kills (${killedAtStart} before its schema was complete, ${midRebuild} mid-rebuild, ${incremental} while level or catching up), ` +
        `${final.edits} edits, all applied once; ${final.mediaFiles} media files whole`,
    );
    // The loop did hit the interesting moments.
    expect(midRebuild, context).toBeGreaterThan(0);
    expect(incremental, context).toBeGreaterThan(0);
    expect(killedAtStart, context).toBeLessThan(iterations);
  }, 240_000);
});
