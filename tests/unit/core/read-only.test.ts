// A data folder that cannot be written — a disk remounted read-only after an error, a folder whose permissions were
// changed: a kiosk already running keeps showing the catalog and answers every write with a clear message, loses
// nothing it had, and carries on once the folder can be written again; a kiosk cannot start on such a folder and says
// why. The folder is made read-only with `chattr +i` when running as root (root ignores permission bits), otherwise
// with chmod.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPin, demoPins, demoStaffPin } from '../../../db/demo/pins';
import { DataFolderError } from '../../../electron/core/db-guard';
import { createKioskCore, type KioskCore } from '../../../electron/core/kiosk-core';
import type { KioskError, Result } from '../../../electron/shared/contract';

const asRoot = process.getuid?.() === 0;
const dirs: string[] = [];
const locked: string[][] = [];
const cores: KioskCore[] = [];

/** Makes the folder and the files directly in it unwritable; returns whether a write really fails now. */
function makeReadOnly(dir: string): boolean {
  const paths = [dir, ...readdirSync(dir).filter((f) => f.startsWith('kiosk.')).map((f) => join(dir, f))];
  if (asRoot) execFileSync('chattr', ['+i', ...paths]);
  else for (const path of paths) chmodSync(path, path === dir ? 0o555 : 0o444);
  locked.push(paths);
  try {
    writeFileSync(join(dir, 'probe'), 'x');
    rmSync(join(dir, 'probe'));
    return false;
  } catch {
    return true;
  }
}

function makeWritable(): void {
  for (const paths of locked.splice(0)) {
    if (asRoot) execFileSync('chattr', ['-i', ...paths]);
    else for (const path of paths) chmodSync(path, path === paths[0] ? 0o755 : 0o644);
  }
}

afterEach(async () => {
  makeWritable();
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-readonly-'));
  dirs.push(dir);
  return join(dir, 'data');
}

async function answer<T>(core: KioskCore, name: string, input: unknown = {}): Promise<Result<T>> {
  return (await core.dispatch(name, input)) as Result<T>;
}
const errorOf = (result: Result<unknown>): KioskError | null => (result.ok ? null : result.error);

describe('a data folder that cannot be written', () => {
  it('keeps a running kiosk browsable, refuses writes with a clear message, and loses nothing', async () => {
    const dir = dataDir();
    const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0', demo: { projects: 40 } });
    cores.push(core);
    const team = demoPins[0]!.exhibitorId;
    const before = (await answer<{ total: number }>(core, 'projects.list', {})) as { ok: true; value: { total: number } };
    expect(before.ok).toBe(true);
    const outboxBefore = (core.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    expect(await answer(core, 'exhibitor.login', { login: team, pin: demoPin })).toMatchObject({ ok: true });

    expect(makeReadOnly(dir), 'this machine could not make a folder read-only').toBe(true);
    // A staff login cannot be logged on a read-only disk: it is refused cleanly and leaves no session behind.
    expect(errorOf(await answer(core, 'staff.login', { pin: demoStaffPin }))?.code).toBe('unavailable');
    expect(await answer(core, 'staff.session')).toEqual({ ok: true, value: null });

    // Visitors keep browsing and searching.
    expect(await answer(core, 'projects.list', {})).toEqual(before);
    expect((await answer<{ hits: unknown[] }>(core, 'search', { q: 'омск' })).ok).toBe(true);
    expect((await answer(core, 'regions.list', {})).ok).toBe(true);
    // A write is refused with a message for people, never a crash.
    const save = errorOf(await answer(core, 'exhibitor.save', { target: 'exhibitor', id: team, values: { today_ru: 'Дегустация в 15:00' } }));
    expect(save).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/storage failed to write; nothing was saved/) });
    // The attract loop still ends the exhibitor's session, though the visit could not be counted.
    await answer(core, 'kiosk.activity', { activity: 'attract' });
    expect(await answer(core, 'exhibitor.session')).toEqual({ ok: true, value: null });
    expect(await answer(core, 'staff.session')).toEqual({ ok: true, value: null });
    // The next visitor's taps cannot be counted: said, not thrown.
    expect(errorOf(await answer(core, 'kiosk.activity', { activity: 'visit' }))?.code).toBe('unavailable');
    expect(errorOf(await answer(core, 'usage.record', { kind: 'screen', screen: 'home' }))?.code).toBe('unavailable');
    expect((await answer(core, 'projects.get', { id: 'p-00001' })).ok).toBe(true);

    makeWritable();
    // Nothing was half-written; the same edit now goes through.
    expect((core.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(outboxBefore);
    expect(core.db.prepare('PRAGMA quick_check').pluck().get()).toBe('ok');
    expect(await answer(core, 'exhibitor.login', { login: team, pin: demoPin })).toMatchObject({ ok: true });
    expect(await answer(core, 'exhibitor.save', { target: 'exhibitor', id: team, values: { today_ru: 'Дегустация в 15:00' } })).toMatchObject({ ok: true });
    expect((core.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(outboxBefore + 1);
  });

  it('stops a kiosk from starting on it, with a message that names the folder', async () => {
    const dir = dataDir();
    const first = createKioskCore({ dataDir: dir, appVersion: '1.0.0', demo: { projects: 10 } });
    await first.close();
    expect(makeReadOnly(dir), 'this machine could not make a folder read-only').toBe(true);
    let error: unknown = null;
    try {
      cores.push(createKioskCore({ dataDir: dir, appVersion: '1.0.0', demo: { projects: 10 } }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFolderError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toMatch(/cannot be written \((EPERM|EACCES|EROFS)\)/);
    makeWritable();
    const again = createKioskCore({ dataDir: dir, appVersion: '1.0.0', demo: { projects: 10 } });
    cores.push(again);
    expect((await answer(again, 'regions.list', {})).ok).toBe(true);
  });
});
