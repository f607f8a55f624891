// Pulling the hub's changes through a faulty network: dropped, cut and reset pages, a crash between a page and its
// cursor, pages exactly as long as the limit, resets after tombstone expiry and after the hub was restored from a backup.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { latestSchemaVersion } from '../../db/connection';
import { afterEach, describe, expect, it } from 'vitest';
import { syncedTableNames, type SyncedTable } from '../../db/sync-tables';
import { decodeCursor } from '../../hub/server';
import type { FaultAction } from './fault-proxy';
import {
  cleanUp,
  count,
  editableDemo,
  editableProjectIds,
  hubDigest,
  hubRow,
  kioskDigest,
  kioskValue,
  outbox,
  ownerOf,
  startHub,
  startKiosk,
  startProxy,
  syncState,
  tempDir,
  type TestHub,
} from './harness';

afterEach(cleanUp);

/** Changes `column` of every live row of `table` at the hub (one new seq each); returns how many. */
async function touchAll(hub: TestHub, table: SyncedTable, column: string, suffix: string): Promise<number> {
  const records = await hub.store.listRecords(table);
  const writes = records.map((r) => ({ table, key: r.key, row: { ...r.row, [column]: `${String(r.row?.[column])}${suffix}` } }));
  await hub.store.writeRecords(writes, hub.clock.now);
  return writes.length;
}

function pullBody(answer: { body: Buffer } | null): { changes: { seq: number }[]; more: boolean; kind: string; reason?: string } {
  return JSON.parse(answer?.body.toString('utf8') ?? '{}') as ReturnType<typeof pullBody>;
}

describe('a page lost on the way', () => {
  const faults: [string, FaultAction][] = [
    ['dropped after 700 bytes', { kind: 'drop', afterBytes: 700 }],
    ['cut short but well-formed (truncated JSON)', { kind: 'truncate', bytes: 300 }],
    ['connection reset after the hub answered', { kind: 'reset', afterUpstream: true }],
    ['answered 503 by a proxy', { kind: 'status', status: 503 }],
  ];
  it.each(faults)('%s: cursor unchanged, nothing of that page applied, the page re-applies cleanly', async (_name, fault) => {
    const hub = await startHub({ demo: { projects: 12 } });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 40 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const before = syncState(kiosk).cursor;

    // 83 regions change at the hub: three pages of 40, 40 and 3.
    expect(await touchAll(hub, 'regions', 'name_en', ' (updated)')).toBe(83);
    proxy.log.length = 0;
    // The second page is the one that is lost.
    let pulls = 0;
    proxy.on('/pull', () => (++pulls === 2 ? fault : null));

    expect(await kiosk.sync.cycle()).toBe(false);
    const pullsSeen = proxy.requests('/pull');
    expect(pullsSeen).toHaveLength(2);
    const lostCursor = pullsSeen[1]?.query.get('cursor');
    // The cursor stands after the first page, exactly where the lost page was asked from.
    expect(syncState(kiosk).cursor).toBe(lostCursor);
    expect(syncState(kiosk).cursor).not.toBe(before);
    expect(count(kiosk, "SELECT count(*) AS n FROM regions WHERE name_en LIKE '% (updated)'")).toBe(40);
    expect(kiosk.sync.status().lastError).not.toBe('');

    proxy.clear();
    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(proxy.requests('/pull')[0]?.query.get('cursor')).toBe(lostCursor);
    expect(count(kiosk, "SELECT count(*) AS n FROM regions WHERE name_en LIKE '% (updated)'")).toBe(83);
    expect(count(kiosk, "SELECT count(*) AS n FROM regions WHERE name_en LIKE '% (updated) (updated)'")).toBe(0);
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });

  it('a page lost during the first sync (a rebuild) keeps the rebuild position and the rows seen so far', async () => {
    const hub = await startHub({ demo: { projects: 12 } });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 100 } });
    let pulls = 0;
    proxy.on('/pull', () => (++pulls === 3 ? { kind: 'drop', afterBytes: 2_000 } : null));
    expect(await kiosk.sync.cycle()).toBe(false);
    const state = syncState(kiosk);
    expect(state.cursor).toBe('');
    expect(state.rebuild_cursor).toBe(proxy.requests('/pull')[2]?.query.get('cursor'));
    expect(decodeCursor(state.rebuild_cursor ?? '')?.s).toBe(200);
    expect(count(kiosk, 'SELECT count(*) AS n FROM sync_rebuild_seen')).toBe(200);

    proxy.clear();
    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(proxy.requests('/pull')[0]?.query.get('cursor')).toBe(state.rebuild_cursor);
    expect(syncState(kiosk).rebuild_cursor).toBeNull();
    expect(count(kiosk, 'SELECT count(*) AS n FROM sync_rebuild_seen')).toBe(0);
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });
});

describe('a crash between applying a page and storing its cursor', () => {
  it('leaves neither: the rows and the cursor are one transaction', async () => {
    const hub = await startHub({ demo: { projects: 12 } });
    const kiosk = await startKiosk({ hub, demo: false, media: false, sync: { pageSize: 50 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const before = syncState(kiosk);
    await touchAll(hub, 'exhibitors', 'phone', '0');
    const digestBefore = kioskDigest(kiosk.sync.db);

    // The worker's own connection fails exactly when it writes the cursor, after the page's rows were written.
    kiosk.sync.db.exec(`CREATE TEMP TRIGGER crash_at_cursor BEFORE UPDATE OF cursor ON main.sync_state
      WHEN NEW.cursor IS NOT OLD.cursor BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(kiosk.sync.status().lastError).toContain('simulated crash');
    expect(syncState(kiosk).cursor).toBe(before.cursor);
    expect(kioskDigest(kiosk.sync.db)).toEqual(digestBefore);

    kiosk.sync.db.exec('DROP TRIGGER crash_at_cursor');
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(count(kiosk, "SELECT count(*) AS n FROM exhibitors WHERE phone LIKE '%0' AND deleted = 0")).toBe(82);
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });

  it('during a rebuild: neither the rows of the page nor the rebuild position move', async () => {
    const hub = await startHub({ demo: { projects: 12 } });
    const kiosk = await startKiosk({ hub, demo: false, media: false, sync: { pageSize: 100 } });
    kiosk.sync.db.exec(`CREATE TEMP TRIGGER crash_at_cursor BEFORE UPDATE OF rebuild_cursor ON main.sync_state
      WHEN NEW.rebuild_cursor IS NOT OLD.rebuild_cursor AND OLD.rebuild_cursor != '' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
    expect(await kiosk.sync.cycle()).toBe(false);
    // The first page went in (rebuild_cursor was '' before it); the second did not.
    expect(decodeCursor(syncState(kiosk).rebuild_cursor ?? '')?.s).toBe(100);
    expect(count(kiosk, 'SELECT count(*) AS n FROM sync_rebuild_seen')).toBe(100);
    const rows = syncedTableNames.reduce((sum, t) => sum + count(kiosk, `SELECT count(*) AS n FROM ${t}`), 0);
    expect(rows).toBe(100);
    kiosk.sync.db.exec('DROP TRIGGER crash_at_cursor');
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });
});

describe('page boundaries', () => {
  it('a page exactly as long as the limit says more, and the empty page after it ends the pull', async () => {
    const hub = await startHub({ demo: false });
    const proxy = await startProxy(hub);
    const tag = (i: number) => ({ table: 'tags' as const, key: JSON.stringify([`t${i}`]), row: { id: `t${i}`, name_ru: `Тег ${i}`, name_en: `Tag ${i}` } });
    await hub.store.writeRecords(Array.from({ length: 10 }, (_, i) => tag(i)), hub.clock.now);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 5 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const pages = proxy.requests('/pull').map((r) => pullBody(r.upstream));
    expect(pages.map((p) => [p.changes.length, p.more])).toEqual([
      [5, true],
      [5, true],
      [0, false],
    ]);
    expect(count(kiosk, 'SELECT count(*) AS n FROM tags WHERE deleted = 0')).toBe(10);

    // Five more (again exactly one page) and a change to one of the first ten.
    await hub.store.writeRecords([...Array.from({ length: 4 }, (_, i) => tag(10 + i)), { ...tag(0), row: { ...tag(0).row, name_en: 'Tag zero' } }], hub.clock.now);
    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(proxy.requests('/pull').map((r) => [pullBody(r.upstream).changes.length, pullBody(r.upstream).more])).toEqual([
      [5, true],
      [0, false],
    ]);
    expect(kioskValue(kiosk, 'tags', 't0', 'name_en')).toBe('Tag zero');
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });
});

describe('caching proxies', () => {
  it('every sync answer is Cache-Control: no-store (media alone is immutable)', async () => {
    const hub = await startHub({ demo: { projects: 4 } });
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    const { token } = kiosk.sync.db.prepare('SELECT token FROM sync_state').get() as { token: string };
    const headers = { 'kiosk-protocol': '1', 'kiosk-schema': String(latestSchemaVersion), authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const base = `${hub.url}/sync/v1`;
    const cursor = syncState(kiosk).cursor;
    const answers = {
      pull: await fetch(`${base}/pull?limit=5`, { headers }),
      pullAtCursor: await fetch(`${base}/pull?limit=5&cursor=${cursor}`, { headers }),
      reset: await fetch(`${base}/pull?limit=5&cursor=bm9wZQ`, { headers }),
      watch: await fetch(`${base}/watch?wait=0&cursor=${cursor}`, { headers }),
      push: await fetch(`${base}/push`, { method: 'POST', headers, body: JSON.stringify({ mutations: [] }) }),
      unauthorized: await fetch(`${base}/pull`, { headers: { ...headers, authorization: 'Bearer nope' } }),
      upgrade: await fetch(`${base}/pull`, { headers: { ...headers, 'kiosk-protocol': '9' } }),
    };
    expect(((await answers.reset.clone().json()) as { kind: string }).kind).toBe('reset');
    for (const [name, response] of Object.entries(answers)) {
      expect([name, response.headers.get('cache-control')]).toEqual([name, 'no-store']);
      await response.arrayBuffer();
    }
    const sha = (kiosk.sync.db.prepare('SELECT sha256 FROM media LIMIT 1').get() as { sha256: string }).sha256;
    const media = await fetch(`${base}/media/${sha}`, { headers });
    expect(media.status).toBe(200);
    expect(media.headers.get('cache-control')).toContain('immutable');
    await media.arrayBuffer();
  });
});

describe('resets', () => {
  it('a cursor older than the purged tombstones gets "expired" and a full rebuild that drops the deleted rows', async () => {
    const hub = await startHub({ demo: { projects: 12 } });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 200 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const projects = await hub.store.listRecords('projects');
    const gone = projects[0];
    const tagLinks = (await hub.store.listRecords('project_tags')).filter((r) => r.row?.project_id === gone?.row?.id);
    expect(gone).toBeDefined();
    hub.clock.now += 1_000;
    await hub.store.writeRecords([...tagLinks.map((r) => ({ table: 'project_tags' as const, key: r.key, row: null })), { table: 'projects', key: gone?.key ?? '', row: null }], hub.clock.now);
    await hub.store.writeRecords([{ table: 'tags', key: '["new"]', row: { id: 'new', name_ru: 'Новый', name_en: 'New' } }], hub.clock.now);
    hub.clock.now += 31 * 86_400_000;
    const floor = await hub.store.purgeTombstones(hub.clock.now - 30 * 86_400_000);
    expect(floor).toBeGreaterThan(decodeCursor(syncState(kiosk).cursor)?.s ?? Infinity);

    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    const first = pullBody(proxy.requests('/pull')[0]?.upstream ?? null);
    expect([first.kind, first.reason]).toEqual(['reset', 'expired']);
    // The deleted project is gone altogether (the hub no longer has its tombstone to send).
    expect(count(kiosk, 'SELECT count(*) AS n FROM projects WHERE id = ?', gone?.row?.id)).toBe(0);
    expect(count(kiosk, 'SELECT count(*) AS n FROM project_tags WHERE project_id = ?', gone?.row?.id)).toBe(0);
    expect(kioskValue(kiosk, 'tags', 'new', 'name_en')).toBe('New');
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
    expect(syncState(kiosk).rebuild_cursor).toBeNull();
  });

  it('a rebuild interrupted while the hub purges tombstones carries on from where it stopped (no endless restarts)', async () => {
    const hub = await startHub({ demo: { projects: 12 } });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 100 } });
    let pulls = 0;
    proxy.on('/pull', () => (++pulls === 2 ? { kind: 'reset', afterUpstream: true } : null));
    expect(await kiosk.sync.cycle()).toBe(false);
    const position = syncState(kiosk).rebuild_cursor;
    expect(decodeCursor(position ?? '')?.s).toBe(100);

    // Rows far beyond the kiosk's position are deleted and their tombstones purged.
    const links = (await hub.store.listRecords('project_tags')).slice(-5);
    await hub.store.writeRecords(links.map((r) => ({ table: 'project_tags' as const, key: r.key, row: null })), hub.clock.now);
    hub.clock.now += 40 * 86_400_000;
    expect(await hub.store.purgeTombstones(hub.clock.now)).toBeGreaterThan(100);

    proxy.clear();
    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(proxy.requests('/pull')[0]?.query.get('cursor')).toBe(position);
    expect(proxy.requests('/pull').map((r) => pullBody(r.upstream).kind)).not.toContain('reset');
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
    // The cursor it keeps once the rebuild is done is an ordinary one again: tombstones purged later do expire it.
    expect(decodeCursor(syncState(kiosk).cursor)).not.toHaveProperty('r');
  });

  it('a hub restored from an older backup starts a new epoch; kiosks rebuild without a gap and send the edits it lost', async () => {
    const hubDir = tempDir('hub-');
    let hub = await startHub({ dir: hubDir, demo: editableDemo });
    const proxy = await startProxy(hub);
    const quiet = await startKiosk({ hub, via: proxy, demo: false, media: false, name: 'quiet', sync: { pageSize: 60 } });
    const busy = await startKiosk({ hub, via: proxy, demo: false, media: false, name: 'busy', sync: { pageSize: 60 } });
    expect(await quiet.sync.cycle()).toBe(true);
    expect(await busy.sync.cycle()).toBe(true);
    const epochBefore = (await hub.store.meta()).epoch;
    const backup = join(tempDir('backup-'), 'hub.db');
    await hub.store.backup(backup);

    // After the backup: an edit from each kiosk and a staff change reach the hub, and both kiosks pull them.
    const [p1 = '', p2 = ''] = editableProjectIds(quiet, 2);
    const p3 = (await hub.store.listRecords('projects')).map((r) => String(r.row?.id)).find((id) => id !== p1 && id !== p2);
    quiet.sync.recordEdit('projects', p1, { summary_en: 'Edited on the quiet kiosk' }, ownerOf(quiet, 'projects', p1));
    busy.sync.recordEdit('projects', p2, { summary_en: 'Edited on the busy kiosk' }, ownerOf(busy, 'projects', p2));
    expect(await quiet.sync.cycle()).toBe(true);
    expect(await busy.sync.cycle()).toBe(true);
    const staffRow = await hubRow(hub, 'projects', p3 ?? '');
    await hub.store.writeRecords([{ table: 'projects', key: JSON.stringify([p3]), row: { ...staffRow, title_en: 'Changed by staff, then lost' } }], hub.clock.now);
    expect(await quiet.sync.cycle()).toBe(true);
    expect(await busy.sync.cycle()).toBe(true);
    expect(kioskValue(quiet, 'projects', p3 ?? '', 'title_en')).toBe('Changed by staff, then lost');

    // The hub is stopped and its database replaced by the backup; it starts again (on another port).
    await hub.close();
    for (const suffix of ['-wal', '-shm']) if (existsSync(join(hubDir, `hub.db${suffix}`))) rmSync(join(hubDir, `hub.db${suffix}`));
    copyFileSync(backup, join(hubDir, 'hub.db'));
    hub = await startHub({ dir: hubDir, demo: false });
    proxy.target = hub.url;
    expect((await hub.store.meta()).epoch).not.toBe(epochBefore);
    expect((await hubRow(hub, 'projects', p1))?.summary_en).not.toBe('Edited on the quiet kiosk');

    // The busy kiosk has a new edit waiting; the quiet one has nothing to send.
    busy.sync.recordEdit('projects', p2, { title_en: 'A new edit after the restore' }, ownerOf(busy, 'projects', p2));
    const projectsBefore = count(quiet, 'SELECT count(*) AS n FROM projects WHERE deleted = 0');
    let fewest = Infinity;
    proxy.on('/pull', () => {
      fewest = Math.min(fewest, count(quiet, 'SELECT count(*) AS n FROM projects WHERE deleted = 0'));
      return null;
    });
    proxy.log.length = 0;
    expect(await quiet.sync.cycle()).toBe(true);
    expect(pullBody(proxy.requests('/pull')[0]?.upstream ?? null)).toMatchObject({ kind: 'reset', reason: 'epoch' });
    // Visitors never saw a thinner catalog while it rebuilt.
    expect(fewest).toBe(projectsBefore);
    expect(await busy.sync.cycle()).toBe(true);
    expect(await quiet.sync.cycle()).toBe(true);

    // Every edit the hub lost is back, in order, once; staff's lost change is gone everywhere (the hub decides).
    expect((await hubRow(hub, 'projects', p1))?.summary_en).toBe('Edited on the quiet kiosk');
    expect((await hubRow(hub, 'projects', p2))?.summary_en).toBe('Edited on the busy kiosk');
    expect((await hubRow(hub, 'projects', p2))?.title_en).toBe('A new edit after the restore');
    for (const kiosk of [quiet, busy]) {
      expect(outbox(kiosk).every((e) => e.status === 'applied')).toBe(true);
      const { device_id } = kiosk.sync.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string };
      const atHub = hub.store.db.prepare('SELECT id, order_no FROM mutations WHERE device_id = ? ORDER BY order_no').all(device_id);
      expect(atHub).toEqual(outbox(kiosk).map((e) => ({ id: e.id, order_no: e.order_no })));
    }
    expect(kioskValue(quiet, 'projects', p3 ?? '', 'title_en')).not.toBe('Changed by staff, then lost');
    expect(kioskDigest(quiet.sync.db)).toEqual(await hubDigest(hub.store));
    expect(kioskDigest(busy.sync.db)).toEqual(await hubDigest(hub.store));
  });
});
