import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rowKey } from '../../db/sync-tables';
import { createHubServer } from '../../hub/server';
import { formatStatus } from '../../hub/status';
import { cleanUp, count, editableDemo, editableProjectIds, ownerOf, startHub, startKiosk } from './harness';

afterEach(cleanUp);

describe('sync between a hub and kiosks', () => {
  it('enrolls a kiosk and brings its copy level with the hub, then an edit on one kiosk reaches another', async () => {
    const hub = await startHub({ demo: editableDemo });
    const a = await startKiosk({ hub, name: 'A' });
    const b = await startKiosk({ hub, name: 'B' });
    expect(await a.sync.cycle()).toBe(true);
    expect(await b.sync.cycle()).toBe(true);
    expect(count(a, 'SELECT count(*) AS n FROM projects WHERE deleted = 0')).toBe(editableDemo.projects);
    expect(count(a, 'SELECT count(*) AS n FROM projects WHERE hub_seq = 0')).toBe(0);

    const [id = ''] = editableProjectIds(a, 1);
    const project = a.db.prepare('SELECT id, summary_ru FROM projects WHERE id = ?').get(id) as { id: string; summary_ru: string };
    a.sync.recordEdit('projects', project.id, { summary_ru: 'Демонстрация в 14:00 у нашего стенда' }, ownerOf(a, 'projects', project.id));
    expect(a.sync.status().pendingEdits).toBe(1);
    expect(await a.sync.cycle()).toBe(true);
    expect(a.sync.status().pendingEdits).toBe(0);
    expect((await hub.store.getRecord('projects', rowKey('projects', { id: project.id })))?.row?.summary_ru).toBe('Демонстрация в 14:00 у нашего стенда');
    expect(await b.sync.cycle()).toBe(true);
    expect((b.db.prepare('SELECT summary_ru FROM projects WHERE id = ?').get(project.id) as { summary_ru: string }).summary_ru).toBe(
      'Демонстрация в 14:00 у нашего стенда',
    );
  });
});

describe('live sync', () => {
  it('shows an edit made on kiosk A on kiosk B long before the next interval: the watch request wakes B', async () => {
    const hub = await startHub({ demo: editableDemo });
    const a = await startKiosk({ hub, sync: { intervalMs: 60_000, watchSeconds: 20 } });
    const b = await startKiosk({ hub, sync: { intervalMs: 60_000, watchSeconds: 20 } });
    a.start();
    b.start();
    const synced = (k: typeof a) => k.sync.status().lastSyncAt !== null;
    await expect.poll(() => synced(a) && synced(b), { timeout: 10_000 }).toBe(true);
    // Let both settle into watching.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [id = ''] = editableProjectIds(a, 1);
    a.sync.recordEdit('projects', id, { title_en: 'Open day at the refinery' }, ownerOf(a, 'projects', id));
    await expect
      .poll(() => (b.db.prepare('SELECT title_en FROM projects WHERE id = ?').get(id) as { title_en: string }).title_en, { timeout: 5_000, interval: 20 })
      .toBe('Open day at the refinery');
  });
});

describe('the hub for staff', () => {
  it('lists kiosks from their heartbeats and the edit conflicts', async () => {
    const hub = await startHub({ demo: editableDemo });
    const a = await startKiosk({ hub, name: 'Entrance' });
    const b = await startKiosk({ hub, name: 'Stage' });
    await a.sync.cycle();
    await b.sync.cycle();
    const [id = ''] = editableProjectIds(a, 1);
    a.sync.recordEdit('projects', id, { title_en: 'From the entrance' }, ownerOf(a, 'projects', id));
    b.sync.recordEdit('projects', id, { title_en: 'From the stage' }, ownerOf(b, 'projects', id));
    await a.sync.cycle();
    await b.sync.cycle();
    const text = formatStatus(await hub.store.listDevices(), await hub.store.listConflicts(10), hub.clock.now);
    expect(text).toContain('Kiosks (2):');
    expect(text).toMatch(/Entrance .* online/);
    expect(text).toMatch(/Stage .* online/);
    expect(text).toContain('title_en: kept "From the entrance"');
    expect(text).toContain('wanted "From the stage"');
    // The tail of each kiosk's log travels with its heartbeat.
    const entrance = (await hub.store.listDevices()).find((d) => d.name === 'Entrance');
    expect(entrance?.lastHeartbeat?.logTail.some((line) => line.includes('[sync] enrolled with'))).toBe(true);
  });

  it('serves app updates from its updates folder with ranges, and nothing outside it', async () => {
    const hub = await startHub({ demo: false });
    const updatesDir = join(hub.dir, 'updates');
    mkdirSync(updatesDir);
    writeFileSync(join(updatesDir, 'latest-linux.yml'), 'version: 1.2.0\n');
    writeFileSync(join(updatesDir, 'kiosk-1.2.0.AppImage'), Buffer.alloc(1000, 7));
    writeFileSync(join(hub.dir, 'secret.txt'), 'no');
    const app = createHubServer({ store: hub.store, updatesDir });
    const yml = await app.inject({ method: 'GET', url: '/updates/latest-linux.yml' });
    expect(yml.statusCode).toBe(200);
    expect(yml.body).toBe('version: 1.2.0\n');
    const part = await app.inject({ method: 'GET', url: '/updates/kiosk-1.2.0.AppImage', headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.length).toBe(100);
    for (const url of ['/updates/..%2Fsecret.txt', '/updates/%2e%2e%2fsecret.txt', '/updates/missing.yml']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    await app.close();
  });
});
