// kill -9, many times: a kiosk process syncs a largish forum page by page (and edits, and downloads media) while the
// hub keeps changing; the test kills it at random moments and restarts it. After every kill the kiosk's database must
// be intact, its outbox must have lost nothing and duplicated nothing, and the hub must hold each mutation at most once
// and only ones the kiosk has. At the end the kiosk converges to exactly the hub's catalog and media.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/connection';
import { syncedTableNames } from '../../db/sync-tables';
import { hashFile, MediaStore } from '../../electron/core/media-store';
import { referencedMedia } from '../../electron/core/sync/media-sync';
import { cleanUp, demoExhibitorIds, editableDemo, hubDigest, kioskDigest, startHub, tempDir, until, type TestHub } from './harness';

const root = resolve(import.meta.dirname, '../..');
// Inside the project (so the bundle finds node_modules), one folder per run (so parallel runs do not collide).
const childDir = join(root, 'out', 'test-child', String(process.pid));
const childScript = join(childDir, 'kiosk-child.js');
const iterations = Number(process.env.KILL_LOOP_ITERATIONS ?? 30);
const seed = Number(process.env.KILL_LOOP_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator (mulberry32), so a failing run can be repeated with KILL_LOOP_SEED. */
function rng(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  // The kiosk core uses Vite features (import.meta.glob for migrations), so the child is built, not run from source.
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: childDir,
      target: 'node20',
      emptyOutDir: true,
      rollupOptions: { input: { 'kiosk-child': join(root, 'tests/sync/kiosk-child.ts') }, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  });
}, 120_000);

afterAll(async () => {
  await cleanUp();
  rmSync(childDir, { recursive: true, force: true });
  try {
    rmdirSync(dirname(childDir));
  } catch {
    // Another run's child is still there.
  }
});

type Run = { child: ChildProcess; lines: string[]; stderr: string[]; exited: Promise<number | null> };

function runChild(dataDir: string, hubUrl: string, code: string, mode: 'work' | 'final'): Run {
  const child = spawn(process.execPath, [childScript, dataDir, hubUrl, code, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.on('exit', (exitCode) => done(exitCode)));
  return { child, lines, stderr, exited };
}

type OutboxRow = { order_no: number; id: string; payload: string; status: string };

/** Everything the parent checks after a kill, on the kiosk's files as the killed process left them. */
function inspectKiosk(dbFile: string) {
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

describe('kill -9 at random moments', () => {
  it(`${iterations} kills: the kiosk database stays intact, no edit is lost or applied twice, and it converges to the hub`, async () => {
    const random = rng(seed);
    const context = `(KILL_LOOP_SEED=${seed})`;
    // The child edits the projects of the demo PIN exhibitors (tests/sync/authors.ts), so the forum must have some.
    const hub = await startHub({ demo: editableDemo });
    const editable = (await hub.store.listRecords('projects')).filter((r) => demoExhibitorIds.includes(String(r.row?.exhibitor_id)));
    expect(editable.length, 'projects the child can edit').toBeGreaterThanOrEqual(3);
    const dataDir = join(tempDir('kill-loop-'), 'data');
    const dbFile = join(dataDir, 'kiosk.db');
    const known = new Map<string, string>(); // outbox id → payload, as first seen
    const printed = new Map<string, string>(); // edits the child said it committed: id → value
    let midRebuildKills = 0;
    let killedAtStart = 0;
    let incrementalKills = 0;

    for (let iteration = 0; iteration < iterations; iteration++) {
      await changeHub(hub, random, iteration);
      // Every sixth run is killed in the middle of a rebuild (the hub starts a new epoch first, so one is needed).
      const duringRebuild = iteration % 6 === 0;
      if (duringRebuild && iteration > 0) await hub.store.rotateEpoch(hub.clock.now);
      const run = runChild(dataDir, hub.url, await hub.enrollCode(), 'work');
      // Every sixth run, three after those, is killed once it is level with the hub, while it edits and catches up.
      const whileLevel = iteration % 6 === 3;
      if (duringRebuild) {
        await until(() => rebuildUnderWay(dbFile) || run.child.exitCode !== null, 60_000, 'a rebuild to be under way');
        expect(run.child.exitCode, `the child exited by itself: ${run.stderr.join('')} ${context}`).toBeNull();
      } else if (whileLevel) {
        await until(() => run.lines.some((line) => line.startsWith('cycle ok')) || run.child.exitCode !== null, 60_000, 'a complete cycle');
        expect(run.child.exitCode, `the child exited by itself: ${run.stderr.join('')} ${context}`).toBeNull();
      } else if (random() > 0.1) {
        // Now and then during start-up (migrations); otherwise at a random moment of its work after it is ready.
        const ready = await Promise.race([run.exited.then(() => false), until(() => run.lines.includes('ready'), 30_000, 'the child to start').then(() => true)]);
        expect(ready, `the child exited by itself: ${run.stderr.join('')} ${context}`).toBe(true);
      }
      const delay = duringRebuild ? 0 : whileLevel ? random() * 300 : random() < 0.8 ? random() * 1_000 : 1_000 + random() * 1_500;
      const early = await Promise.race([run.exited.then(() => true), new Promise<false>((done) => setTimeout(() => done(false), delay))]);
      expect(early, `the child exited by itself: ${run.stderr.join('')} ${context}`).toBe(false);
      run.child.kill('SIGKILL');
      expect(await run.exited).toBeNull();
      for (const line of run.lines) {
        const match = /^edit (\S+) (.+)$/.exec(line);
        if (match?.[1] && match[2]) printed.set(match[1], match[2]);
      }

      if (!existsSync(dbFile)) {
        killedAtStart += 1;
        continue;
      }
      const kiosk = inspectKiosk(dbFile);
      expect(kiosk.quickCheck, context).toBe('ok');
      if (kiosk.partial) {
        killedAtStart += 1;
        continue;
      }
      if (kiosk.state.rebuild_cursor === null) expect(kiosk.seen, `rows seen outside a rebuild ${context}`).toBe(0);
      else midRebuildKills += 1;
      if (kiosk.state.rebuild_cursor === null && kiosk.state.cursor !== '') incrementalKills += 1;

      // The outbox: nothing known before is gone or changed; every edit the child reported is in it; no value twice.
      const byId = new Map(kiosk.outbox.map((e) => [e.id, e.payload]));
      for (const [id, payload] of known) expect(byId.get(id), `outbox entry ${id} lost or changed ${context}`).toBe(payload);
      for (const [id, value] of printed) expect(byId.has(id) && toValue(byId.get(id) ?? '') === value, `edit ${id} ${context}`).toBe(true);
      for (const [id, payload] of byId) known.set(id, payload);
      const values = kiosk.outbox.map((e) => toValue(e.payload));
      expect(new Set(values).size, `an edit recorded twice ${context}`).toBe(values.length);

      // The hub: each mutation of this kiosk once, in order 1..n without gaps, each one the kiosk has, none twice.
      if (kiosk.state.device_id) {
        const atHub = hub.store.db.prepare('SELECT id, order_no, payload FROM mutations WHERE device_id = ? ORDER BY order_no').all(kiosk.state.device_id) as {
          id: string;
          order_no: number;
          payload: string;
        }[];
        expect(atHub.map((m) => m.order_no), context).toEqual(atHub.map((_, i) => i + 1));
        for (const m of atHub) expect(byId.get(m.id), `hub mutation ${m.id} unknown to the kiosk ${context}`).toBe(m.payload);
        expect(new Set(atHub.map((m) => toValue(m.payload))).size, `applied twice ${context}`).toBe(atHub.length);
        // The kiosk never believes the hub has something it does not.
        const hubIds = new Set(atHub.map((m) => m.id));
        for (const e of kiosk.outbox) if (e.status !== 'pending') expect(hubIds.has(e.id), `answered but not at the hub ${context}`).toBe(true);
      }
    }

    // Last run: no more kills; it must converge.
    const final = runChild(dataDir, hub.url, await hub.enrollCode(), 'final');
    const exitCode = await Promise.race([final.exited, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 90_000))]);
    if (exitCode === 'timeout') final.child.kill('SIGKILL');
    expect(exitCode, `final run: ${final.stderr.join('')} ${final.lines.slice(-5).join(' | ')} ${context}`).toBe(0);
    expect(final.lines.at(-1)).toBe('converged');

    const kiosk = inspectKiosk(dbFile);
    expect(kiosk.quickCheck).toBe('ok');
    if (kiosk.partial) throw new Error('the final run left the schema unfinished');
    const hubCatalog = await hubDigest(hub.store);
    for (const table of syncedTableNames) expect([table, kiosk.digest[table]], context).toEqual([table, hubCatalog[table]]);
    expect(kiosk.outbox.length, context).toBeGreaterThan(0);
    expect(kiosk.outbox.every((e) => e.status === 'applied'), context).toBe(true);
    const atHub = hub.store.db.prepare('SELECT id FROM mutations WHERE device_id = ? ORDER BY order_no').all(kiosk.state.device_id) as { id: string }[];
    expect(atHub.map((m) => m.id)).toEqual(kiosk.outbox.map((e) => e.id));
    for (const [id] of printed) expect(atHub.some((m) => m.id === id)).toBe(true);
    // Every image the catalog refers to is there, whole.
    const media = new MediaStore(join(dataDir, 'media'));
    for (const sha of kiosk.referenced) expect([sha, media.has(sha) ? await hashFile(media.pathOf(sha)) : 'missing']).toEqual([sha, sha]);
    console.log(
      `kill loop ${context}: ${iterations} kills (${killedAtStart} before its schema was complete, ${midRebuildKills} mid-rebuild, ${incrementalKills} while level or catching up), ` +
        `${kiosk.outbox.length} edits, all applied once; ${kiosk.referenced.size} media files whole`,
    );
    // The loop did hit the interesting moments.
    expect(midRebuildKills, context).toBeGreaterThan(0);
    expect(incrementalKills, context).toBeGreaterThan(0);
    expect(killedAtStart, context).toBeLessThan(iterations);
  }, 240_000);
});
