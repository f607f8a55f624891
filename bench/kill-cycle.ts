// kill -9 cycles of a kiosk process, shared by the kill-loop test (tests/sync/kill-loop.test.ts, a few dozen cycles)
// and the crash-loop benchmark (bench/crash-loop.ts, a thousand). A child process (tests/sync/kiosk-child.ts) syncs a
// largish forum page by page, records exhibitors' edits and downloads media while the hub keeps changing; each cycle
// kills it at a random moment and checks what it left: the database intact (`PRAGMA quick_check`), the outbox has lost
// nothing and duplicated nothing, every edit the child reported committed is there, and the hub holds each mutation
// at most once and only ones the kiosk has. The final run (no kill) must converge to exactly the hub's catalog and
// media. Problems are returned as sentences, not thrown, so a benchmark can count them and a test can assert none.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { latestSchemaVersion } from '../db/connection';
import { syncedTableNames } from '../db/sync-tables';
import { hashFile, MediaStore } from '../electron/core/media-store';
import { referencedMedia } from '../electron/core/sync/media-sync';
import { demoExhibitorIds, editableDemo, hubDigest, kioskDigest, startHub, tempDir, until, type TestHub } from '../tests/sync/harness';

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function rng(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChildRun = {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<number | null>;
  /** When it was spawned, and when it printed "ready" (its database open and migrated) and its first "cycle ok". */
  spawnedAt: number;
  readyAt: number | null;
  syncedAt: number | null;
};

/** Runs the built child script (`node kiosk-child.js <dataDir> <hubUrl> <code> <mode>`), collecting its lines. */
export function runChild(childScript: string, dataDir: string, hubUrl: string, code: string, mode: 'work' | 'final'): ChildRun {
  const child = spawn(process.execPath, [childScript, dataDir, hubUrl, code, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: ChildRun = { child, lines: [], stderr: [], exited: Promise.resolve(null), spawnedAt: performance.now(), readyAt: null, syncedAt: null };
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line === 'ready') run.readyAt ??= performance.now();
      else if (line.startsWith('cycle ok')) run.syncedAt ??= performance.now();
      run.lines.push(line);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => run.stderr.push(chunk.toString('utf8')));
  run.exited = new Promise<number | null>((done) => child.on('exit', (exitCode) => done(exitCode)));
  return run;
}

type OutboxRow = { order_no: number; id: string; payload: string; status: string };

/** Everything checked after a kill, on the kiosk's files as the killed process left them. */
export function inspectKiosk(dbFile: string) {
  const db = new Database(dbFile);
  try {
    const quickCheck = db.pragma('quick_check', { simple: true });
    // Killed during its first start, between two migrations (each is atomic): the next start resumes them.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < latestSchemaVersion) return { quickCheck, version, partial: true as const };
    const outbox = db.prepare('SELECT order_no, id, payload, status FROM outbox ORDER BY order_no').all() as OutboxRow[];
    const state = db.prepare('SELECT device_id, cursor, rebuild_cursor FROM sync_state').get() as { device_id: string; cursor: string; rebuild_cursor: string | null };
    const seen = (db.prepare('SELECT count(*) AS n FROM sync_rebuild_seen').get() as { n: number }).n;
    return { quickCheck, version, partial: false as const, outbox, state, seen, digest: kioskDigest(db), referenced: referencedMedia(db) };
  } finally {
    db.close();
  }
}

/** True while the kiosk is part-way through a rebuild (at least one page in, not finished). */
function rebuildUnderWay(dbFile: string): boolean {
  if (!existsSync(dbFile)) return false;
  let db: Database.Database | null = null;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT rebuild_cursor FROM sync_state').get() as { rebuild_cursor: string | null } | undefined;
    return typeof row?.rebuild_cursor === 'string' && row.rebuild_cursor !== '';
  } catch {
    return false; // being created, or not migrated yet
  } finally {
    db?.close();
  }
}

const toValue = (payload: string) => (JSON.parse(payload) as { changes: { summary_en: { to: string } } }).changes.summary_en.to;

async function changeHub(hub: TestHub, random: () => number, iteration: number): Promise<void> {
  hub.clock.now += 60_000;
  const projects = await hub.store.listRecords('projects');
  const writes = Array.from({ length: 4 }, () => projects[Math.floor(random() * projects.length)]).map((r) => ({
    table: 'projects' as const,
    key: r?.key ?? '',
    row: { ...r?.row, title_en: `staff ${iteration} ${Math.floor(random() * 1e6)}` },
  }));
  const links = await hub.store.listRecords('project_tags');
  const gone = links[Math.floor(random() * links.length)];
  await hub.store.writeRecords(
    [
      ...writes,
      ...(gone ? [{ table: 'project_tags' as const, key: gone.key, row: null }] : []),
      { table: 'tags', key: JSON.stringify([`kl-${iteration}`]), row: { id: `kl-${iteration}`, name_ru: `Тег ${iteration}`, name_en: `Tag ${iteration}` } },
    ],
    hub.clock.now,
  );
  // Now and then the hub forgets old tombstones (cursors behind them must rebuild) or starts a new epoch.
  if (iteration % 12 === 5) await hub.store.purgeTombstones(hub.clock.now - 30_000);
  if (iteration % 17 === 9) await hub.store.rotateEpoch(hub.clock.now);
}

export type KillLoop = {
  seed: number;
  hub: TestHub;
  childScript: string;
  dataDir: string;
  dbFile: string;
  random: () => number;
  /** Outbox id → payload, as first seen after a kill. */
  known: Map<string, string>;
  /** Edits the child said it committed: id → value. */
  printed: Map<string, string>;
  counts: { kills: number; killedAtStart: number; midRebuild: number; incremental: number };
};

/**
 * A hub on loopback with a demo forum the child can edit (projects of the demo PIN exhibitors), and a data folder for
 * the kiosk. Close the hub with `loop.hub.close()` (or the harness's `cleanUp()`, which also removes the folders).
 */
export async function startKillLoop(childScript: string, seed: number): Promise<KillLoop> {
  const hub = await startHub({ demo: editableDemo });
  const editable = (await hub.store.listRecords('projects')).filter((r) => demoExhibitorIds.includes(String(r.row?.exhibitor_id)));
  if (editable.length < 3) throw new Error(`only ${editable.length} projects the child can edit`);
  const dataDir = join(tempDir('kill-loop-'), 'data');
  return {
    seed,
    hub,
    childScript,
    dataDir,
    dbFile: join(dataDir, 'kiosk.db'),
    random: rng(seed),
    known: new Map(),
    printed: new Map(),
    counts: { kills: 0, killedAtStart: 0, midRebuild: 0, incremental: 0 },
  };
}

export type Cycle = {
  /** What went wrong, one sentence each; empty when the cycle passed every check. */
  problems: string[];
  /** Where the kill found the kiosk. */
  moment: 'before its database' | 'mid-migration' | 'mid-rebuild' | 'incremental' | 'before its first sync';
  /** From spawning the process to its "ready" (database opened, checked and migrated), if it got there. */
  startToReadyMs: number | null;
  /** From spawning to its first complete sync cycle, if it got there before the kill. */
  startToSyncedMs: number | null;
};

/** One cycle: the hub changes, the kiosk process starts, works, and is killed with SIGKILL at a random moment; then checked. */
export async function killCycle(loop: KillLoop, iteration: number): Promise<Cycle> {
  const { hub, random, dbFile } = loop;
  const problems: string[] = [];
  const context = `(cycle ${iteration}, seed ${loop.seed})`;
  await changeHub(hub, random, iteration);
  // Every sixth run is killed in the middle of a rebuild (the hub starts a new epoch first, so one is needed).
  const duringRebuild = iteration % 6 === 0;
  if (duringRebuild && iteration > 0) await hub.store.rotateEpoch(hub.clock.now);
  const run = runChild(loop.childScript, loop.dataDir, hub.url, await hub.enrollCode(), 'work');
  const exitedBySelf = () => `the child exited by itself (${run.child.exitCode}): ${run.stderr.join('').slice(-2_000)} ${context}`;
  // Every sixth run, three after those, is killed once it is level with the hub, while it edits and catches up.
  const whileLevel = iteration % 6 === 3;
  try {
    if (duringRebuild) {
      await until(() => rebuildUnderWay(dbFile) || run.child.exitCode !== null, 60_000, 'a rebuild to be under way');
    } else if (whileLevel) {
      await until(() => run.syncedAt !== null || run.child.exitCode !== null, 60_000, 'a complete cycle');
    } else if (random() > 0.1) {
      // Now and then during start-up (migrations); otherwise at a random moment of its work after it is ready.
      await until(() => run.readyAt !== null || run.child.exitCode !== null, 30_000, 'the child to start');
    }
  } catch (error) {
    problems.push(`${error instanceof Error ? error.message : String(error)} ${context}`);
  }
  const delay = duringRebuild ? 0 : whileLevel ? random() * 300 : random() < 0.8 ? random() * 1_000 : 1_000 + random() * 1_500;
  const early = await Promise.race([run.exited.then(() => true), new Promise<false>((done) => setTimeout(() => done(false), delay))]);
  if (early) problems.push(exitedBySelf());
  run.child.kill('SIGKILL');
  const exitCode = await run.exited;
  if (exitCode !== null && !early) problems.push(`the child exited with ${exitCode}, not by the kill ${context}`);
  loop.counts.kills += 1;
  const timing = {
    startToReadyMs: run.readyAt === null ? null : run.readyAt - run.spawnedAt,
    startToSyncedMs: run.syncedAt === null ? null : run.syncedAt - run.spawnedAt,
  };
  for (const line of run.lines) {
    const match = /^edit (\S+) (.+)$/.exec(line);
    if (match?.[1] && match[2]) loop.printed.set(match[1], match[2]);
  }

  if (!existsSync(dbFile)) {
    loop.counts.killedAtStart += 1;
    return { problems, moment: 'before its database', ...timing };
  }
  const kiosk = inspectKiosk(dbFile);
  if (kiosk.quickCheck !== 'ok') problems.push(`quick_check: ${String(kiosk.quickCheck)} ${context}`);
  if (kiosk.partial) {
    loop.counts.killedAtStart += 1;
    return { problems, moment: 'mid-migration', ...timing };
  }
  let moment: Cycle['moment'] = 'before its first sync';
  if (kiosk.state.rebuild_cursor === null) {
    if (kiosk.seen !== 0) problems.push(`${kiosk.seen} rows seen outside a rebuild ${context}`);
  } else {
    loop.counts.midRebuild += 1;
    moment = 'mid-rebuild';
  }
  if (kiosk.state.rebuild_cursor === null && kiosk.state.cursor !== '') {
    loop.counts.incremental += 1;
    moment = 'incremental';
  }

  // The outbox: nothing known before is gone or changed; every edit the child reported is in it; no value twice.
  const byId = new Map(kiosk.outbox.map((e) => [e.id, e.payload]));
  for (const [id, payload] of loop.known) if (byId.get(id) !== payload) problems.push(`outbox entry ${id} lost or changed ${context}`);
  for (const [id, value] of loop.printed) {
    const payload = byId.get(id);
    if (payload === undefined || toValue(payload) !== value) problems.push(`acknowledged edit ${id} (${value}) missing from the outbox ${context}`);
  }
  for (const [id, payload] of byId) loop.known.set(id, payload);
  const values = kiosk.outbox.map((e) => toValue(e.payload));
  if (new Set(values).size !== values.length) problems.push(`an edit recorded twice in the outbox ${context}`);

  // The hub: each mutation of this kiosk once, in order 1..n without gaps, each one the kiosk has, none twice.
  if (kiosk.state.device_id) {
    const atHub = hub.store.db.prepare('SELECT id, order_no, payload FROM mutations WHERE device_id = ? ORDER BY order_no').all(kiosk.state.device_id) as {
      id: string;
      order_no: number;
      payload: string;
    }[];
    if (atHub.some((m, i) => m.order_no !== i + 1)) problems.push(`the hub's mutations are not numbered 1..${atHub.length} without gaps ${context}`);
    for (const m of atHub) if (byId.get(m.id) !== m.payload) problems.push(`hub mutation ${m.id} unknown to the kiosk ${context}`);
    if (new Set(atHub.map((m) => toValue(m.payload))).size !== atHub.length) problems.push(`an edit applied twice at the hub ${context}`);
    // The kiosk never believes the hub has something it does not.
    const hubIds = new Set(atHub.map((m) => m.id));
    for (const e of kiosk.outbox) if (e.status !== 'pending' && !hubIds.has(e.id)) problems.push(`outbox entry ${e.id} answered but not at the hub ${context}`);
  }
  return { problems, moment, ...timing };
}

export type FinalRun = {
  problems: string[];
  /** Spawn to exit of the final run, which syncs until it is level with the hub. */
  convergeMs: number;
  edits: number;
  mediaFiles: number;
};

/** The last run, never killed: it must converge to exactly the hub's catalog and media, every edit applied once. */
export async function finalRun(loop: KillLoop): Promise<FinalRun> {
  const { hub } = loop;
  const problems: string[] = [];
  const context = `(final run, seed ${loop.seed})`;
  const final = runChild(loop.childScript, loop.dataDir, hub.url, await hub.enrollCode(), 'final');
  const exitCode = await Promise.race([final.exited, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 90_000))]);
  const convergeMs = performance.now() - final.spawnedAt;
  if (exitCode === 'timeout') final.child.kill('SIGKILL');
  if (exitCode !== 0) problems.push(`final run ended with ${exitCode}: ${final.stderr.join('')} ${final.lines.slice(-5).join(' | ')} ${context}`);
  else if (final.lines.at(-1) !== 'converged') problems.push(`final run did not say it converged: ${final.lines.slice(-3).join(' | ')} ${context}`);

  const kiosk = inspectKiosk(loop.dbFile);
  if (kiosk.quickCheck !== 'ok') problems.push(`quick_check: ${String(kiosk.quickCheck)} ${context}`);
  if (kiosk.partial) return { problems: [...problems, `the final run left the schema unfinished ${context}`], convergeMs, edits: 0, mediaFiles: 0 };
  const hubCatalog = await hubDigest(hub.store);
  for (const table of syncedTableNames) {
    if (JSON.stringify(kiosk.digest[table]) !== JSON.stringify(hubCatalog[table])) {
      problems.push(`${table}: kiosk ${JSON.stringify(kiosk.digest[table])} ≠ hub ${JSON.stringify(hubCatalog[table])} ${context}`);
    }
  }
  if (kiosk.outbox.length === 0) problems.push(`no edit was recorded at all ${context}`);
  const notApplied = kiosk.outbox.filter((e) => e.status !== 'applied');
  if (notApplied.length > 0) problems.push(`${notApplied.length} outbox entries not applied (${notApplied[0]?.status}) ${context}`);
  const atHub = hub.store.db.prepare('SELECT id FROM mutations WHERE device_id = ? ORDER BY order_no').all(kiosk.state.device_id) as { id: string }[];
  if (JSON.stringify(atHub.map((m) => m.id)) !== JSON.stringify(kiosk.outbox.map((e) => e.id))) problems.push(`the hub's mutations differ from the kiosk's outbox ${context}`);
  const hubIds = new Set(atHub.map((m) => m.id));
  for (const [id, value] of loop.printed) if (!hubIds.has(id)) problems.push(`acknowledged edit ${id} (${value}) never reached the hub ${context}`);
  // Every image the catalog refers to is there, whole.
  const media = new MediaStore(join(loop.dataDir, 'media'));
  for (const sha of kiosk.referenced) {
    const found = media.has(sha) ? await hashFile(media.pathOf(sha)) : 'missing';
    if (found !== sha) problems.push(`media ${sha}: ${found} ${context}`);
  }
  return { problems, convergeMs, edits: kiosk.outbox.length, mediaFiles: kiosk.referenced.size };
}
