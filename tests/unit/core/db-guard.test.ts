// A damaged database at start is moved aside and the newest good backup takes its place; staff are told. A full disk
// during a write loses nothing and says so.
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPin, demoPins } from '../../../db/demo/pins';
import { DatabaseBackups, openKioskDatabase, runningMarker } from '../../../electron/core/db-guard';
import { createKioskCore, type KioskCore } from '../../../electron/core/kiosk-core';
import type { KioskInfo } from '../../../electron/shared/contract';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-guard-'));
  dirs.push(dir);
  return join(dir, 'data');
}

const polymer = demoPins[2]!.exhibitorId;
const t0 = Date.parse('2026-12-03T09:00:00+06:00');

/** A kiosk that has run, holds an exhibitor's unsent edit, and has a backup of that state. */
async function kioskWithBackup(): Promise<{ dir: string; edited: string; projectId: string }> {
  const dir = dataDir();
  const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0', now: () => new Date(t0) });
  await core.dispatch('exhibitor.login', { login: polymer, pin: demoPin });
  const projectId = (core.db.prepare('SELECT id FROM projects WHERE exhibitor_id = ? ORDER BY id LIMIT 1').get(polymer) as { id: string }).id;
  const edited = 'Экскурсия в 11:00 — сбор у стенда';
  const saved = await core.dispatch('exhibitor.save', { target: 'project', id: projectId, values: { summary_ru: edited } });
  expect(saved.ok).toBe(true);
  expect(await core.backup()).toMatch(/kiosk-.*\.db$/);
  await core.close();
  return { dir, edited, projectId };
}

async function info(core: KioskCore): Promise<KioskInfo> {
  const result = await core.dispatch('kiosk.info', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as KioskInfo;
}

/** As if the kiosk had been cut off mid-run (power cut, kill -9): its running marker is still there. */
function crashed(dir: string): void {
  writeFileSync(runningMarker(dir), '12345');
}

async function expectRecovered(dir: string, edited: string, projectId: string, problem: RegExp): Promise<void> {
  const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0', now: () => new Date(t0 + 60_000) });
  try {
    const notice = (await info(core)).recovery;
    expect(notice?.restoredFrom).toMatch(/^kiosk-.*\.db$/);
    expect(notice?.problem).toMatch(problem);
    // The backup's state is back, unsent edit included, and the damaged file is kept for examination.
    expect(core.db.prepare('SELECT summary_ru FROM projects WHERE id = ?').get(projectId)).toEqual({ summary_ru: edited });
    expect(core.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get()).toEqual({ n: 1 });
    expect(core.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(readdirSync(join(dir, 'damaged')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    const log = readFileSync(join(dir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('database damaged');
  } finally {
    await core.close();
  }
}

describe('a damaged database at start', () => {
  it('is replaced by the newest good backup when the file is not a database at all', async () => {
    const { dir, edited, projectId } = await kioskWithBackup();
    writeFileSync(join(dir, 'kiosk.db'), Buffer.alloc(64 * 1024, 0x5a));
    rmSync(join(dir, 'kiosk.db-wal'), { force: true });
    await expectRecovered(dir, edited, projectId, /not a database/);
  });

  it('is replaced when the file was cut short', async () => {
    const { dir, edited, projectId } = await kioskWithBackup();
    const file = join(dir, 'kiosk.db');
    truncateSync(file, Math.floor(statSync(file).size / 3));
    crashed(dir);
    await expectRecovered(dir, edited, projectId, /.+/);
  });

  it('is replaced when pages in the middle are overwritten', async () => {
    const { dir, edited, projectId } = await kioskWithBackup();
    const file = join(dir, 'kiosk.db');
    const fd = openSync(file, 'r+');
    const size = statSync(file).size;
    // Garbage over several pages past the schema page: b-tree pages no longer make sense.
    for (let offset = 8192; offset < size - 4096; offset += Math.floor(size / 7)) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, offset);
    closeSync(fd);
    crashed(dir);
    await expectRecovered(dir, edited, projectId, /.+/);
  });

  it('after a clean exit is found by the call that meets it, and repaired at the next start', async () => {
    const { dir, edited, projectId } = await kioskWithBackup();
    const file = join(dir, 'kiosk.db');
    // Damage only the regions table's pages, so the file opens and only a call that reads regions meets it.
    const probe = new Database(file, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const pages = (probe.prepare("SELECT pageno FROM dbstat WHERE name = 'regions'").all() as { pageno: number }[]).map((p) => p.pageno);
    probe.close();
    const fd = openSync(file, 'r+');
    for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    // The previous run ended in order, so this start skips the full check (fast start) ...
    const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0', demo: false });
    expect((await info(core)).recovery).toBeNull();
    // ... until a call meets the damage: a clear message, and the next start checks.
    const result = await core.dispatch('regions.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/damaged/) } });
    await core.close();
    expect(existsSync(runningMarker(dir))).toBe(true);
    await expectRecovered(dir, edited, projectId, /.+/);
  });

  it('is replaced when the file is empty while backups exist', async () => {
    const { dir, edited, projectId } = await kioskWithBackup();
    writeFileSync(join(dir, 'kiosk.db'), '');
    await expectRecovered(dir, edited, projectId, /empty/);
  });

  it('starts from an empty database (and says so) when there is no good backup', async () => {
    const dir = dataDir();
    const first = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    await first.close();
    writeFileSync(join(dir, 'kiosk.db'), Buffer.alloc(8192, 0x33));
    rmSync(join(dir, 'kiosk.db-wal'), { force: true });
    const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    try {
      expect((await info(core)).recovery).toMatchObject({ restoredFrom: null });
      // Demo content is loaded again into the fresh database, so visitors are served at once.
      expect((await info(core)).forum?.isDemo).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('leaves a healthy database alone', () => {
    const dir = dataDir();
    const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    core.db.close();
    const { db, recovery } = openKioskDatabase(dir, new Date());
    expect(recovery).toBeNull();
    db.close();
    expect(existsSync(join(dir, 'damaged'))).toBe(false);
  });
});

describe('backups', () => {
  it('keep the newest three checked copies', async () => {
    const dir = dataDir();
    const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    const backups = new DatabaseBackups(core.db, join(dir, 'backups'));
    // The clock jumps back an hour after the third backup: order and rotation follow the counter, not the clock.
    const times = [0, 1, 2, -60, -59].map((m) => new Date(t0 + m * 60_000));
    for (const at of times) expect(await backups.take(at)).not.toBeNull();
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(
      [3, 4, 5].map((n) => `kiosk-${String(n).padStart(6, '0')}-${times[n - 1]!.toISOString().replace(/[:.]/g, '-')}.db`),
    );
    await core.close();
  });
});

describe('a full disk during a save', () => {
  it('answers with a clear message, keeps nothing half-written and loses nothing', async () => {
    const dir = dataDir();
    const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    try {
      await core.dispatch('exhibitor.login', { login: polymer, pin: demoPin });
      const projectId = (core.db.prepare('SELECT id FROM projects WHERE exhibitor_id = ? ORDER BY id LIMIT 1').get(polymer) as { id: string }).id;
      const before = core.db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId);
      // The database may not grow by a single page (after VACUUM leaves no free pages): as good as a full disk.
      core.sync.db.exec('VACUUM');
      const pages = core.sync.db.pragma('page_count', { simple: true }) as number;
      core.sync.db.pragma(`max_page_count = ${pages}`);
      const result = await core.dispatch('exhibitor.save', { target: 'project', id: projectId, values: { description_ru: 'Ж'.repeat(3900), description_en: 'W'.repeat(3900) } });
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/storage is full/) } });
      expect(core.db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId)).toEqual(before);
      expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    } finally {
      await core.close();
    }
  });
});
