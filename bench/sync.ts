// Sync benchmark, one run on loopback: a real hub (Fastify + SQLite store, in its own process) and real kiosk cores.
//   1. initial sync of the demo forum and of a 20,000-project forum into empty kiosks (time, bytes; media apart);
//   2. a full snapshot (pull of the whole catalog from an empty cursor, records only) against an incremental cycle
//      after 100 projects changed at the hub (time, bytes, ratio; target ≤ 2 %);
//   3. an edit on kiosk A until it is in kiosk B's database, both workers running with the watch long-poll (≤ 2 s);
//   4. a fleet of 50 kiosks (in helper processes) syncing at once against one hub: request latency p50/p99
//      (target p99 ≤ 200 ms) and errors (target 0).
// Built by vite.node.config.ts into out/node/bench-sync.js; run with `node out/node/bench-sync.js` (npm run bench).
// The same file runs the hub and the fleet's helper processes (BENCH_SYNC_ROLE). Knobs: BENCH_SYNC_PROJECTS
// (20000), BENCH_SYNC_KIOSKS (50), BENCH_SYNC_FLEET_PROCS (5), BENCH_SYNC_ROUNDS (20), BENCH_SYNC_LIVE_ROUNDS (10),
// BENCH_SYNC_FLEET_CHANGES (10), BENCH_SYNC_EDITS (20), BENCH_SYNC_INCREMENTAL_REPS (5), BENCH_SYNC_HUB_PROFILE
// (a folder: the hubs run with --cpu-prof into it). The last line printed is one JSON object with every figure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskCore, type KioskCore } from '../electron/core/kiosk-core';
import { HubClient } from '../electron/core/sync/hub-client';
import { schemaVersion } from '../db/connection';
import { demoPins } from '../db/demo/pins';
import { syncedTableNames } from '../db/sync-tables';
import { measuringFetch, round1, sleep, spawnHelper, stats, traffic, type Helper, type RequestSample, type Stats, type Traffic } from './sync-common';
import { describeMachine } from './machine';
import { runFleet, type CycleReport } from './sync-fleet';
import { runHub, type ChangeArgs, type HubCpu, type HubInfo, type HubTiming } from './sync-hub';

const numberEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const config = {
  projects: numberEnv('BENCH_SYNC_PROJECTS', 20_000),
  kiosks: numberEnv('BENCH_SYNC_KIOSKS', 50),
  fleetProcesses: Math.max(1, numberEnv('BENCH_SYNC_FLEET_PROCS', 5)),
  rounds: numberEnv('BENCH_SYNC_ROUNDS', 20),
  coreRounds: numberEnv('BENCH_SYNC_CORE_ROUNDS', 10),
  liveRounds: numberEnv('BENCH_SYNC_LIVE_ROUNDS', 10),
  fleetChanges: numberEnv('BENCH_SYNC_FLEET_CHANGES', 10),
  edits: numberEnv('BENCH_SYNC_EDITS', 20),
  incrementalReps: Math.max(1, numberEnv('BENCH_SYNC_INCREMENTAL_REPS', 5)),
  changedProjects: 100,
  /** Which parts to run (for quick runs while developing): initial, edit, fleet. */
  phases: (process.env.BENCH_SYNC_PHASES ?? 'initial,edit,fleet').split(','),
  /** SQLite `synchronous` of the simulated kiosks' databases ('' keeps the kiosk's own FULL); see the fleet notes. */
  fleetSynchronous: process.env.BENCH_SYNC_FLEET_SYNCHRONOUS ?? '',
};
const targets = { incrementalRatio: 0.02, editVisibleMs: 2_000, fleetP99Ms: 200, fleetErrors: 0 };

const kb = (bytes: number) => `${round1(bytes / 1024)} KB`;
const mb = (bytes: number) => `${round1(bytes / 1024 / 1024)} MB`;
const line = (s: Stats) => `p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms (n ${s.n})`;

async function startHub(root: string, name: string, projects?: number): Promise<{ hub: Helper; info: HubInfo }> {
  const profileDir = process.env.BENCH_SYNC_HUB_PROFILE;
  const hub = await spawnHelper(
    'hub',
    { BENCH_SYNC_HUB_DIR: join(root, name), ...(projects === undefined ? {} : { BENCH_SYNC_HUB_PROJECTS: String(projects) }) },
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  return { hub, info: await hub.call<HubInfo>('info') };
}

/** A kiosk core in the bench process, empty (no demo content), measuring its requests into `samples`. */
function kiosk(root: string, name: string, samples: RequestSample[], sync: Parameters<typeof createKioskCore>[0]['sync'] = {}): KioskCore {
  return createKioskCore({ dataDir: join(root, name), appVersion: '0.0.0-bench', demo: false, sync: { fetch: measuringFetch((s) => samples.push(s)), ...sync } });
}

const take = (samples: RequestSample[]) => samples.splice(0);
const syncedRows = (core: KioskCore) =>
  syncedTableNames.reduce((sum, t) => sum + (core.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted = 0`).get() as { n: number }).n, 0);

type InitialResult = { records: number; ok: boolean; ms: number; traffic: Traffic; media: { files: number; ms: number; downBody: number } | null };

/** Enrolls an empty kiosk and times its first cycle (records); then, if asked, the media downloads it started. */
async function initialSync(core: KioskCore, hub: Helper, info: HubInfo, samples: RequestSample[], waitMedia: boolean): Promise<InitialResult> {
  const [code] = await hub.call<string[]>('enrollCodes', 1);
  await core.sync.enroll(info.url, code ?? '', 'bench');
  take(samples);
  const started = performance.now();
  const ok = await core.sync.cycle();
  const ms = performance.now() - started;
  let media: InitialResult['media'] = null;
  if (waitMedia) {
    const mediaStarted = performance.now();
    await core.sync.mediaIdle();
    const mediaMs = ms + (performance.now() - mediaStarted);
    const files = samples.filter((s) => s.kind === 'media');
    media = { files: files.length, ms: Math.round(mediaMs), downBody: traffic(files).downBody };
  }
  return { records: syncedRows(core), ok, ms: Math.round(ms), traffic: traffic(take(samples), (s) => s.kind !== 'media'), media };
}

function printInitial(label: string, r: InitialResult): void {
  console.log(
    `initial sync, ${label}: ${r.records} rows in ${r.ms} ms${r.ok ? '' : ' (CYCLE FAILED)'}, ${r.traffic.requests} requests, ` +
      `${mb(r.traffic.downBody)} answer bodies (${mb(r.traffic.downWire)} with headers, ${kb(r.traffic.up)} sent)`,
  );
  if (r.media) console.log(`  media: ${r.media.files} files, ${kb(r.media.downBody)}, all in by ${r.media.ms} ms after the cycle started`);
}

/** Pulls the whole catalog from an empty cursor, as a kiosk's first sync does, without applying it. */
async function fullSnapshot(core: KioskCore): Promise<{ ms: number; changes: number; pages: number; traffic: Traffic }> {
  const state = core.sync.db.prepare('SELECT hub_url, token FROM sync_state WHERE id = 1').get() as { hub_url: string; token: string };
  const samples: RequestSample[] = [];
  const client = new HubClient({ hubUrl: state.hub_url, token: state.token, schemaVersion: schemaVersion(core.db), fetch: measuringFetch((s) => samples.push(s)) });
  const started = performance.now();
  let cursor = '';
  let changes = 0;
  let pages = 0;
  for (;;) {
    const answer = await client.pull(cursor, 500);
    if (answer.kind !== 'changes') throw new Error(`snapshot: the hub answered ${answer.kind}`);
    pages += 1;
    changes += answer.changes.length;
    cursor = answer.cursor;
    if (!answer.more) break;
  }
  return { ms: Math.round(performance.now() - started), changes, pages, traffic: traffic(samples) };
}

type FleetRound = { wallMs: number; cycleMs: number[]; failed: number; errors: string[]; samples: RequestSample[]; mediaMs: number; loopDelayMax: number };

async function fleetCycle(workers: Helper[], options: { media?: boolean; oneByOne?: boolean; protocol?: boolean } = {}): Promise<FleetRound> {
  const started = performance.now();
  const reports = await Promise.all(workers.map((w) => w.call<CycleReport>(options.protocol ? 'protocolCycle' : 'cycle', options)));
  return {
    wallMs: performance.now() - started,
    cycleMs: reports.flatMap((r) => r.cycleMs),
    failed: reports.reduce((n, r) => n + r.failed, 0),
    errors: reports.flatMap((r) => r.errors),
    samples: reports.flatMap((r) => r.samples),
    mediaMs: Math.max(0, ...reports.map((r) => r.mediaMs)),
    loopDelayMax: Math.max(0, ...reports.map((r) => r.loopDelay.max)),
  };
}

/** The distinct reasons of failed cycles and requests, with how often each occurred. */
function errorSummary(rounds: readonly FleetRound[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rounds) {
    for (const e of r.errors) counts[`cycle: ${e}`] = (counts[`cycle: ${e}`] ?? 0) + 1;
    for (const s of r.samples.filter(isError)) {
      const key = `${s.kind}: ${s.error ?? `HTTP ${s.status}`}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

const isError = (s: RequestSample) => !s.cancelled && (s.status === 0 || s.status >= 400);
const latencyOf = (samples: readonly RequestSample[], kind?: string) =>
  stats(samples.filter((s) => s.kind !== 'watch' && !isError(s) && (kind === undefined || s.kind === kind)).map((s) => s.ms));
const hubLatency = (timings: readonly HubTiming[], kind?: string) =>
  stats(timings.filter((t) => t.kind !== 'watch' && (kind === undefined || t.kind === kind)).map((t) => t.ms));

type Context = { root: string; helpers: Helper[]; kiosks: KioskCore[]; demo: { hub: Helper; info: HubInfo } };

async function closeKiosk(ctx: Context, core: KioskCore): Promise<void> {
  await core.close();
  ctx.kiosks.splice(ctx.kiosks.indexOf(core), 1);
}

/** 1 and 2: initial syncs, the full snapshot and incremental cycles. */
async function initialPhase(ctx: Context) {
  const samples: RequestSample[] = [];
  const { demo } = ctx;
  const demoKiosk = kiosk(ctx.root, 'kiosk-demo', samples);
  ctx.kiosks.push(demoKiosk);
  const initialDemo = await initialSync(demoKiosk, demo.hub, demo.info, samples, true);
  printInitial('demo forum', initialDemo);
  await closeKiosk(ctx, demoKiosk);

  const large = await startHub(ctx.root, 'hub-large', config.projects);
  ctx.helpers.push(large.hub);
  console.log(
    `large hub: ${config.projects} projects, ${large.info.records} records, ${large.info.media} media files (${mb(large.info.mediaBytes)}), loaded in ${round1(large.info.loadSeconds)} s`,
  );
  const largeKiosk = kiosk(ctx.root, 'kiosk-large', samples);
  ctx.kiosks.push(largeKiosk);
  const initialLarge = await initialSync(largeKiosk, large.hub, large.info, samples, false);
  // The large forum's media downloads are left out (its files are reported from the hub's store): stopping the
  // worker aborts them, and cycle() still runs by hand afterwards.
  await largeKiosk.sync.stop();
  take(samples);
  printInitial(`${config.projects} projects`, initialLarge);
  console.log(`  media referenced: ${large.info.media} files, ${mb(large.info.mediaBytes)} (not downloaded in this bench)`);

  const snapshot = await fullSnapshot(largeKiosk);
  console.log(
    `full snapshot (pull from an empty cursor, pages of 500, not applied): ${snapshot.changes} records, ${snapshot.pages} pages, ${snapshot.ms} ms, ` +
      `${mb(snapshot.traffic.downBody)} answer bodies (${mb(snapshot.traffic.downWire)} with headers)`,
  );

  const runs: { ms: number; applied: number; ok: boolean; traffic: Traffic; hubWriteMs: number }[] = [];
  for (let rep = 1; rep <= config.incrementalReps; rep++) {
    const tag = `incremental ${rep}`;
    const change = await large.hub.call<{ changed: number; writeMs: number }>('changeProjects', { n: config.changedProjects, tag, offset: rep * 7 } satisfies ChangeArgs);
    take(samples);
    const started = performance.now();
    const ok = await largeKiosk.sync.cycle();
    const ms = performance.now() - started;
    const applied = (largeKiosk.db.prepare('SELECT count(*) AS n FROM projects WHERE summary_en LIKE ?').get(`[${tag}]%`) as { n: number }).n;
    runs.push({ ms: round1(ms), applied, ok: ok && change.changed === config.changedProjects, traffic: traffic(take(samples)), hubWriteMs: round1(change.writeMs) });
  }
  const incrementalBody = Math.max(...runs.map((i) => i.traffic.downBody));
  const incrementalWire = Math.max(...runs.map((i) => i.traffic.downWire + i.traffic.up));
  const ratioBody = incrementalBody / snapshot.traffic.downBody;
  const ratioWire = incrementalWire / (snapshot.traffic.downWire + snapshot.traffic.up);
  const incrementalMs = stats(runs.map((i) => i.ms));
  console.log(
    `incremental cycle after ${config.changedProjects} projects changed at the hub (${config.incrementalReps} times): ${line(incrementalMs)}; ` +
      `applied ${runs.map((i) => i.applied).join('/')}; largest ${kb(incrementalBody)} answer bodies in ${runs[0]?.traffic.requests} requests ` +
      `(${kb(incrementalWire)} both ways with headers)`,
  );
  console.log(`  bytes ratio incremental / full snapshot: ${(ratioBody * 100).toFixed(2)} % of bodies, ${(ratioWire * 100).toFixed(2)} % with headers and requests (target ≤ 2 %)`);
  await closeKiosk(ctx, largeKiosk);
  await large.hub.stop();
  ctx.helpers.splice(ctx.helpers.indexOf(large.hub), 1);

  const initialFigures = (r: InitialResult) => ({ records: r.records, ok: r.ok, ms: r.ms, ...r.traffic, media: r.media });
  const met = ratioWire <= targets.incrementalRatio && runs.every((i) => i.ok && i.applied === config.changedProjects);
  return {
    met,
    initial: {
      demo: { hubRecords: demo.info.records, hubMediaFiles: demo.info.media, hubMediaBytes: demo.info.mediaBytes, ...initialFigures(initialDemo) },
      large: { projects: config.projects, hubRecords: large.info.records, hubMediaFiles: large.info.media, hubMediaBytes: large.info.mediaBytes, ...initialFigures(initialLarge) },
    },
    snapshot: { records: snapshot.changes, pages: snapshot.pages, ms: snapshot.ms, downBody: snapshot.traffic.downBody, downWire: snapshot.traffic.downWire, up: snapshot.traffic.up },
    incremental: {
      changedProjects: config.changedProjects,
      ms: incrementalMs,
      runs: runs.map((i) => ({ ms: i.ms, applied: i.applied, requests: i.traffic.requests, downBody: i.traffic.downBody, downWire: i.traffic.downWire, up: i.traffic.up })),
      ratioBody: Math.round(ratioBody * 1e5) / 1e5,
      ratioWire: Math.round(ratioWire * 1e5) / 1e5,
    },
  };
}

/** 3: an edit on kiosk A until it is in kiosk B's database, both workers running with the watch request. */
async function editPhase(ctx: Context) {
  const samples: RequestSample[] = [];
  const { demo } = ctx;
  const live = { intervalMs: 600_000, watchSeconds: 25 };
  const a = kiosk(ctx.root, 'kiosk-a', samples, live);
  const b = kiosk(ctx.root, 'kiosk-b', samples, live);
  ctx.kiosks.push(a, b);
  for (const k of [a, b]) {
    const [code] = await demo.hub.call<string[]>('enrollCodes', 1);
    await k.sync.enroll(demo.info.url, code ?? '', 'bench');
    await k.sync.cycle();
    await k.sync.mediaIdle();
  }
  a.start();
  b.start();
  await sleep(1_000);
  take(samples);
  // Edits are made by exhibitors, signed with their key: the demo forum's exhibitor logins (db/demo/pins.ts), each on
  // their own projects.
  const authors = new Map(demoPins.map((p) => [p.exhibitorId, { exhibitorId: p.exhibitorId, signingKey: p.signingKey }]));
  const editable = a.db
    .prepare(`SELECT id, exhibitor_id FROM projects WHERE deleted = 0 AND exhibitor_id IN (${demoPins.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...authors.keys()) as { id: string; exhibitor_id: string }[];
  if (editable.length === 0) throw new Error('edit phase: the demo hub has no project of an exhibitor with a demo PIN');
  const readB = b.db.prepare('SELECT title_en FROM projects WHERE id = ?');
  const editMs: number[] = [];
  let missed = 0;
  for (let i = 0; i < config.edits; i++) {
    const project = editable[(i * 37) % editable.length];
    const author = authors.get(project?.exhibitor_id ?? '');
    if (!project || !author) throw new Error('edit phase: no project to edit');
    const id = project.id;
    const value = `Bench edit ${i} at ${Date.now()}`;
    const started = performance.now();
    a.sync.recordEdit('projects', id, { title_en: value }, author);
    let seen = false;
    while (performance.now() - started < 10_000) {
      if ((readB.get(id) as { title_en: string }).title_en === value) {
        seen = true;
        break;
      }
      await sleep(1);
    }
    if (seen) editMs.push(performance.now() - started);
    else missed += 1;
    await sleep(500);
  }
  const ms = stats(editMs);
  const requests = traffic(take(samples), (s) => s.kind !== 'watch').requests;
  const pendingAfter = a.sync.status().pendingEdits;
  console.log(
    `edit on kiosk A visible in kiosk B's database (${config.edits} signed edits of ${editable.length} exhibitor projects, both online, watch on): ${line(ms)}; missed ${missed}`,
  );
  await closeKiosk(ctx, a);
  await closeKiosk(ctx, b);
  return { met: missed === 0 && ms.max <= targets.editVisibleMs && pendingAfter === 0, editAtoB: { edits: config.edits, ms, missed, requests } };
}

/** 4: a fleet of kiosks syncing at once against the demo hub. */
async function fleetPhase(ctx: Context) {
  const { demo } = ctx;
  const fleetDir = join(ctx.root, 'fleet');
  mkdirSync(fleetDir);
  const perProcess = Math.ceil(config.kiosks / config.fleetProcesses);
  const setupStarted = performance.now();
  const shares: { first: number; count: number }[] = [];
  for (let first = 0; first < config.kiosks; first += perProcess) shares.push({ first, count: Math.min(perProcess, config.kiosks - first) });
  const workers = await Promise.all(
    shares.map(async ({ first, count }) => {
      const worker = await spawnHelper('fleet', {
        BENCH_SYNC_FLEET_DIR: fleetDir,
        BENCH_SYNC_FLEET_FIRST: String(first),
        BENCH_SYNC_FLEET_COUNT: String(count),
        ...(config.fleetSynchronous ? { BENCH_SYNC_FLEET_SYNCHRONOUS: config.fleetSynchronous } : {}),
      }, process.env.BENCH_SYNC_FLEET_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SYNC_FLEET_PROFILE}`] : []);
      ctx.helpers.push(worker);
      return worker;
    }),
  );
  for (const [i, worker] of workers.entries()) {
    await worker.call('enroll', { url: demo.info.url, codes: await demo.hub.call<string[]>('enrollCodes', shares[i]?.count ?? 0) });
  }
  const setupMs = performance.now() - setupStarted;
  console.log(
    `fleet: ${config.kiosks} kiosks in ${workers.length} processes${config.fleetSynchronous ? ` (kiosk databases synchronous = ${config.fleetSynchronous})` : ''}, created and enrolled in ${Math.round(setupMs)} ms`,
  );

  // Their first sync is set-up, not the figure: one kiosk after another in each process (the processes side by
  // side), so that 50 kiosks' page applying does not starve this 2-vCPU machine and time requests out.
  await demo.hub.call('timings');
  const initial = await fleetCycle(workers, { media: true, oneByOne: true });
  const initialHub = await demo.hub.call<HubTiming[]>('timings');
  const initialErrors = initial.failed + initial.samples.filter(isError).length;
  console.log(
    `fleet first sync (${workers.length} kiosks at a time): all records in by ${Math.round(initial.wallMs)} ms, media by +${Math.round(initial.mediaMs)} ms; ` +
      `errors ${initialErrors}; requests ${line(latencyOf(initial.samples))}; hub service time ${line(hubLatency(initialHub))}`,
  );
  if (initialErrors > 0) console.log(`  errors: ${JSON.stringify(errorSummary([initial]))}`);

  // Burst: after each change at the hub, every kiosk syncs at the same moment: as whole kiosk cycles, local work
  // included (10 kiosks per process), and (after the live part) as the requests of the cycle alone, the target's figure.
  const runBurst = async (protocol: boolean, rounds: number, label: string) => {
    const done: FleetRound[] = [];
    let hubTimings: HubTiming[] = [];
    await demo.hub.call('cpu');
    for (let round = 1; round <= rounds; round++) {
      await demo.hub.call('changeProjects', { n: config.fleetChanges, tag: `${label} ${round}`, offset: round * 13 + (protocol ? 0 : 5) } satisfies ChangeArgs);
      await demo.hub.call('timings');
      done.push(await fleetCycle(workers, { protocol }));
      hubTimings = hubTimings.concat(await demo.hub.call<HubTiming[]>('timings'));
      await sleep(200);
    }
    const cpu = await demo.hub.call<HubCpu>('cpu');
    const samples = done.flatMap((r) => r.samples);
    const errors = done.reduce((n, r) => n + r.failed, 0) + samples.filter(isError).length;
    const figures = {
      rounds,
      requests: latencyOf(samples),
      pull: latencyOf(samples, 'pull'),
      heartbeat: latencyOf(samples, 'heartbeat'),
      hub: hubLatency(hubTimings),
      cycle: stats(done.flatMap((r) => r.cycleMs)),
      round: stats(done.map((r) => r.wallMs)),
      errors,
      hubCpuMs: Math.round(cpu.userMs + cpu.systemMs),
      hubWallMs: Math.round(cpu.wallMs),
      hubLoopDelayMs: { p99: round1(cpu.loopDelay.p99), max: round1(cpu.loopDelay.max) },
      kioskLoopDelayMaxMs: round1(Math.max(...done.map((r) => r.loopDelayMax))),
    };
    console.log(`fleet burst, ${label}: ${rounds} rounds, all ${config.kiosks} kiosks at once, ${config.fleetChanges} projects changed at the hub before each:`);
    console.log(`  request latency at the kiosks: ${line(figures.requests)}; errors ${errors}`);
    if (errors > 0) console.log(`  errors: ${JSON.stringify(errorSummary(done))}`);
    console.log(`    pull ${line(figures.pull)}; heartbeat ${line(figures.heartbeat)}`);
    console.log(`  hub service time (onRequest → onResponse): ${line(figures.hub)}`);
    console.log(`  per kiosk: ${line(figures.cycle)}; whole round (all ${config.kiosks} done): ${line(figures.round)}`);
    console.log(
      `  hub CPU ${figures.hubCpuMs} ms over ${figures.hubWallMs} ms; hub event-loop delay p99 ${figures.hubLoopDelayMs.p99} ms, max ${figures.hubLoopDelayMs.max} ms; ` +
        `kiosk processes' event-loop delay max ${figures.kioskLoopDelayMaxMs} ms`,
    );
    return figures;
  };
  const burstCores = await runBurst(false, config.coreRounds, 'whole kiosk cycles (local work included)');

  // Live: every kiosk's worker runs with its watch request open; a change at the hub wakes them all at once.
  await Promise.all(workers.map((w) => w.call('start')));
  await sleep(2_000);
  await Promise.all(workers.map((w) => w.call('take')));
  await demo.hub.call('timings');
  const propagation: number[] = [];
  const lastKiosk: number[] = [];
  let liveMisses = 0;
  for (let round = 1; round <= config.liveRounds; round++) {
    const args: ChangeArgs = { n: config.fleetChanges, tag: `live ${round}`, offset: round * 17, notify: true };
    const expected = await demo.hub.call<{ id: string; summary_en: string } | null>('firstChange', args);
    if (!expected) throw new Error('no project to change');
    const arrivals = Promise.all(workers.map((w) => w.call<(number | null)[]>('waitValue', { id: expected.id, value: expected.summary_en, timeoutMs: 30_000 })));
    await sleep(5);
    const change = await demo.hub.call<{ at: number }>('changeProjects', args);
    const times = (await arrivals).flat();
    liveMisses += times.filter((t) => t === null).length;
    const delays = times.flatMap((t) => (t === null ? [] : [t - change.at]));
    propagation.push(...delays);
    lastKiosk.push(Math.max(...delays));
    await sleep(1_000);
  }
  await Promise.all(workers.map((w) => w.call('stop')));
  const liveSamples = (await Promise.all(workers.map((w) => w.call<RequestSample[]>('take')))).flat();
  const liveHub = await demo.hub.call<HubTiming[]>('timings');
  const liveErrors = liveSamples.filter(isError).length + liveMisses;
  const liveLatency = latencyOf(liveSamples);
  const propagationStats = stats(propagation);
  console.log(`fleet live, ${config.liveRounds} changes at the hub waking all ${config.kiosks} watching kiosks at once:`);
  console.log(`  change at the hub → in each kiosk's database: ${line(propagationStats)}; last kiosk per round ${line(stats(lastKiosk))}; missed ${liveMisses}`);
  console.log(`  request latency at the kiosks: ${line(liveLatency)}; errors ${liveErrors}; hub service time ${line(hubLatency(liveHub))}`);

  const burst = await runBurst(true, config.rounds, 'requests of an incremental cycle');

  return {
    met: burst.requests.p99 <= targets.fleetP99Ms && burst.errors === 0 && burstCores.errors === 0 && liveErrors === 0,
    fleet: {
      kiosks: config.kiosks,
      processes: workers.length,
      kioskSynchronous: config.fleetSynchronous || 'FULL',
      changesPerRound: config.fleetChanges,
      setupMs: Math.round(setupMs),
      initial: { wallMs: Math.round(initial.wallMs), mediaMs: Math.round(initial.mediaMs), errors: initialErrors, requests: latencyOf(initial.samples), hub: hubLatency(initialHub) },
      burst,
      burstCores,
      live: { rounds: config.liveRounds, propagation: propagationStats, lastKiosk: stats(lastKiosk), requests: liveLatency, hub: hubLatency(liveHub), errors: liveErrors },
    },
  };
}

/** How busy the machine is (other work shares it): load averages and Linux CPU pressure (share of time some task waited). */
function machineLoad(): { loadavg: number[]; cpuPressureAvg60: number | null } {
  let pressure: number | null;
  try {
    const value = Number(/some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
    pressure = Number.isFinite(value) ? value : null;
  } catch {
    pressure = null;
  }
  return { loadavg: loadavg().map(round1), cpuPressureAvg60: pressure };
}

async function main(): Promise<void> {
  const machine = describeMachine();
  console.log(`sync bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, Node ${machine.node}; ${JSON.stringify(config)}`);
  const loadBefore = machineLoad();
  console.log(`machine load before: ${JSON.stringify(loadBefore)}`);
  const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
  const ctx: Context = { root, helpers: [], kiosks: [], demo: { hub: null as unknown as Helper, info: null as unknown as HubInfo } };
  try {
    ctx.demo = await startHub(root, 'hub-demo');
    ctx.helpers.push(ctx.demo.hub);
    const { info } = ctx.demo;
    console.log(`demo hub: ${info.records} records, ${info.media} media files (${kb(info.mediaBytes)}), loaded in ${round1(info.loadSeconds)} s`);
    const initial = config.phases.includes('initial') ? await initialPhase(ctx) : null;
    const edit = config.phases.includes('edit') ? await editPhase(ctx) : null;
    const fleet = config.phases.includes('fleet') ? await fleetPhase(ctx) : null;
    const loadAfter = machineLoad();
    console.log(`machine load after: ${JSON.stringify(loadAfter)}`);
    const met = { incremental: initial?.met ?? null, edit: edit?.met ?? null, fleet: fleet?.met ?? null };
    console.log(Object.values(met).every((m) => m !== false) ? 'all targets met' : `TARGET MISSED: ${JSON.stringify(met)}`);
    console.log(
      JSON.stringify({
        bench: 'sync',
        date: new Date().toISOString(),
        machine,
        load: { before: loadBefore, after: loadAfter },
        config,
        targets,
        initial: initial?.initial ?? null,
        snapshot: initial?.snapshot ?? null,
        incremental: initial?.incremental ?? null,
        editAtoB: edit?.editAtoB ?? null,
        fleet: fleet?.fleet ?? null,
        met,
      }),
    );
  } finally {
    for (const k of ctx.kiosks) await k.close().catch(() => undefined);
    for (const h of ctx.helpers.reverse()) await h.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}

const role = process.env.BENCH_SYNC_ROLE;
const run = role === 'hub' ? runHub : role === 'fleet' ? runFleet : main;
run().then(
  () => {
    // Keep-alive sockets and the helpers' IPC would keep the process alive.
    if (!role) process.exit();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
