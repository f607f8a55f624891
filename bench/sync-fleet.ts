// Simulated kiosks for the fleet part of the sync benchmark: each helper process (forked by bench/sync.ts) runs a
// share of the fleet, each kiosk a real kiosk core in its own data folder with its own database and media folder.
// Spreading the fleet over a few processes keeps one kiosk's SQLite work from holding up another's network reads.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { schemaVersion } from '../db/connection';
import { createKioskCore, type KioskCore } from '../electron/core/kiosk-core';
import { HubClient } from '../electron/core/sync/hub-client';
import { epochMs, measuringFetch, serve, sleep, type RequestSample } from './sync-common';

export type CycleReport = {
  cycleMs: number[];
  failed: number;
  errors: string[];
  samples: RequestSample[];
  wallMs: number;
  mediaMs: number;
  /** Event-loop delay of this helper process during the cycles, ms. */
  loopDelay: { p99: number; max: number };
};

export function runFleet(): Promise<void> {
  const dir = process.env.BENCH_SYNC_FLEET_DIR ?? '';
  const first = Number(process.env.BENCH_SYNC_FLEET_FIRST ?? 0);
  const count = Number(process.env.BENCH_SYNC_FLEET_COUNT ?? 0);
  let samples: RequestSample[] = [];
  const fetch = measuringFetch((s) => samples.push(s));
  const kiosks: KioskCore[] = [];
  for (let i = 0; i < count; i++) {
    kiosks.push(
      createKioskCore({
        dataDir: join(dir, `kiosk-${first + i}`),
        appVersion: '0.0.0-bench',
        demo: false,
        // Only the watch request (or the bench) starts cycles: the interval is longer than the bench.
        sync: { fetch, intervalMs: 600_000, watchSeconds: 25 },
      }),
    );
  }
  // BENCH_SYNC_FLEET_SYNCHRONOUS=NORMAL: see bench/sync.ts (the simulated kiosks share one disk).
  const synchronous = process.env.BENCH_SYNC_FLEET_SYNCHRONOUS;
  if (synchronous) for (const k of kiosks) for (const db of [k.db, k.sync.db]) db.pragma(`synchronous = ${synchronous}`);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const states: ({ client: HubClient; cursor: string } | undefined)[] = [];
  const take = () => {
    const taken = samples;
    samples = [];
    return taken;
  };

  serve({
    enroll: async (args: { url: string; codes: string[] }) => {
      for (const [i, kiosk] of kiosks.entries()) await kiosk.sync.enroll(args.url, args.codes[i] ?? '', `bench ${first + i}`);
      take();
    },
    /** Every kiosk of this process runs one sync cycle at the same moment (or one after another); optionally waits for media. */
    cycle: async (args: { media?: boolean; oneByOne?: boolean }): Promise<CycleReport> => {
      take();
      loop.reset();
      const started = performance.now();
      const one = async (k: KioskCore) => {
        const t = performance.now();
        const ok = await k.sync.cycle();
        return { ok, ms: performance.now() - t };
      };
      const results: { ok: boolean; ms: number }[] = [];
      if (args.oneByOne) for (const k of kiosks) results.push(await one(k));
      else results.push(...(await Promise.all(kiosks.map(one))));
      const wallMs = performance.now() - started;
      let mediaMs = 0;
      if (args.media) {
        const mediaStarted = performance.now();
        await Promise.all(kiosks.map((k) => k.sync.mediaIdle()));
        mediaMs = performance.now() - mediaStarted;
      }
      return {
        cycleMs: results.map((r) => r.ms),
        failed: results.filter((r) => !r.ok).length,
        errors: kiosks.flatMap((k, i) => (results[i]?.ok ? [] : [k.sync.status().lastError])),
        samples: take(),
        wallMs,
        mediaMs,
        loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      };
    },
    /**
     * Every kiosk of this process makes the requests of one incremental cycle at the same moment — pull from its
     * cursor until the hub has nothing more, then a heartbeat — with its own credential, but without applying the
     * changes to its database: the requests as a real kiosk makes them, without the local work that 50 kiosks
     * squeezed onto one machine would do at once (on real kiosks it runs on 50 CPUs, between their requests).
     */
    protocolCycle: async (): Promise<CycleReport> => {
      take();
      loop.reset();
      const started = performance.now();
      const results = await Promise.all(
        kiosks.map(async (k, i) => {
          const t = performance.now();
          try {
            let state = states[i];
            if (!state) {
              const row = k.sync.db.prepare('SELECT hub_url, token, cursor FROM sync_state WHERE id = 1').get() as { hub_url: string; token: string; cursor: string };
              state = states[i] = { client: new HubClient({ hubUrl: row.hub_url, token: row.token, schemaVersion: schemaVersion(k.db), fetch }), cursor: row.cursor };
            }
            for (;;) {
              const answer = await state.client.pull(state.cursor, 500);
              if (answer.kind !== 'changes') throw new Error(`the hub answered ${answer.kind}`);
              state.cursor = answer.cursor;
              if (!answer.more) break;
            }
            await state.client.heartbeat(k.sync.heartbeat());
            return { ok: true, ms: performance.now() - t, error: '' };
          } catch (error) {
            return { ok: false, ms: performance.now() - t, error: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      return {
        cycleMs: results.map((r) => r.ms),
        failed: results.filter((r) => !r.ok).length,
        errors: results.flatMap((r) => (r.ok ? [] : [r.error])),
        samples: take(),
        wallMs: performance.now() - started,
        mediaMs: 0,
        loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      };
    },
    start: () => kiosks.forEach((k) => k.start()),
    stop: async () => {
      for (const k of kiosks) await k.sync.stop();
    },
    take: () => take(),
    loopDelay: () => {
      const delay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
      loop.reset();
      return delay;
    },
    /** Polls every kiosk's database until project `id` shows `value`; returns when each one had it (epoch ms). */
    waitValue: async (args: { id: string; value: string; timeoutMs: number }): Promise<(number | null)[]> => {
      const reads = kiosks.map((k) => k.db.prepare('SELECT summary_en FROM projects WHERE id = ?'));
      const arrived: (number | null)[] = kiosks.map(() => null);
      const deadline = performance.now() + args.timeoutMs;
      while (arrived.includes(null) && performance.now() < deadline) {
        reads.forEach((read, i) => {
          if (arrived[i] === null && (read.get(args.id) as { summary_en: string } | undefined)?.summary_en === args.value) arrived[i] = epochMs();
        });
        await sleep(2);
      }
      return arrived;
    },
    status: () => kiosks.map((k) => k.sync.status()),
    exit: async () => {
      for (const k of kiosks) await k.close();
    },
  });
  return Promise.resolve();
}
