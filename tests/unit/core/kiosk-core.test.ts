import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskCore } from '../../../electron/core/kiosk-core';
import type { KioskInfo } from '../../../electron/shared/contract';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-core-'));
  dirs.push(dir);
  return join(dir, 'data');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function info(core: ReturnType<typeof createKioskCore>): Promise<KioskInfo> {
  const result = await core.dispatch('kiosk.info', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as KioskInfo;
}

describe('the kiosk core', () => {
  it('creates its data folder and loads the demo forum on first run only', async () => {
    const dir = dataDir();
    const first = createKioskCore({ dataDir: dir, appVersion: '1.2.3' });
    const firstInfo = await info(first);
    expect(firstInfo.forum?.isDemo).toBe(true);
    expect(firstInfo.appVersion).toBe('1.2.3');
    expect(firstInfo.kioskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(firstInfo.dataAsOf).not.toBe('');
    const projects = (first.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n;
    first.db.prepare("UPDATE projects SET title_ru = 'Изменено на киоске' WHERE id = (SELECT min(id) FROM projects)").run();
    await first.close();

    const second = createKioskCore({ dataDir: dir, appVersion: '1.2.3' });
    expect((await info(second)).kioskId).toBe(firstInfo.kioskId);
    expect((second.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n).toBe(projects);
    expect(second.db.prepare("SELECT 1 FROM projects WHERE title_ru = 'Изменено на киоске'").get()).toBeDefined();
    await second.close();
  });

  it('starts empty when demo content is off, and answers not_found rather than failing', async () => {
    const core = createKioskCore({ dataDir: dataDir(), appVersion: '1.0.0', demo: false });
    expect((await info(core)).forum).toBeNull();
    expect(await core.dispatch('regions.list', {})).toEqual({ ok: true, value: [] });
    expect(await core.dispatch('route.get', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('search', { q: 'омск' })).toEqual({ ok: true, value: { query: 'омск', hits: [] } });
    await core.close();
  });

  it('answers every call of the contract on the demo forum', async () => {
    const core = createKioskCore({ dataDir: dataDir(), appVersion: '1.0.0', idleSeconds: 30 });
    expect((await info(core)).idleSeconds).toBe(30);
    const project = await core.dispatch('projects.list', { limit: 1 });
    expect(project.ok).toBe(true);
    const id = project.ok ? (project.value as { items: { id: string }[] }).items[0]!.id : '';
    const inputs: Record<string, unknown> = {
      'projects.get': { id },
      'route.get': {},
      'programme.nowNext': { at: '2026-12-03T10:30:00+06:00' },
      search: { q: 'завод' },
    };
    for (const name of ['kiosk.info', 'regions.list', 'tags.list', 'projects.list', 'projects.get', 'clusters.list', 'route.get', 'programme.days', 'programme.nowNext', 'hall.plan', 'search', 'sync.status']) {
      const result = await core.dispatch(name, inputs[name] ?? {});
      expect(result.ok, name).toBe(true);
    }
    await core.close();
  });
});

describe('what the screen is doing', () => {
  it('records visits and the attract loop as the renderer reports them, and refuses anything else', async () => {
    const core = createKioskCore({ dataDir: dataDir(), appVersion: '1.0.0', demo: false });
    expect(core.activity()).toBe('attract');
    expect(core.sync.heartbeat().mode).toBe('attract');
    expect(await core.dispatch('kiosk.activity', { activity: 'visit' })).toEqual({ ok: true, value: null });
    expect(core.activity()).toBe('visit');
    expect(core.sync.heartbeat().mode).toBe('visitor');
    expect(await core.dispatch('kiosk.activity', { activity: 'dancing' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.activity()).toBe('visit');
    await core.close();
  });
});
