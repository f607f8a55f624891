// Pictures at display size on a kiosk: the hub's smaller copies arrive by sync, download like any media file, reach the
// renderer's srcset only once the file is on disk, are kept by garbage collection while their original is used, and
// leave with it.
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../db/connection';
import { getProject, listProjects } from '../../db/queries/catalog';
import { createAssetServer } from '../../electron/core/assets';
import { referencedMedia } from '../../electron/core/sync/media-sync';
import { thumbWidths, updateThumbnails } from '../../hub/thumbnails';
import { cleanUp, count, startHub, startKiosk, tempDir } from './harness';

afterEach(cleanUp);

describe("the hub's smaller copies of pictures at a kiosk", () => {
  it('arrive by sync, are offered to the screen once downloaded, and are served with their own type', async () => {
    const hub = await startHub({ demo: { projects: 8 } });
    const run = await updateThumbnails(hub.store, () => hub.clock.now);
    expect(run.made).toBeGreaterThan(0);
    const kiosk = await startKiosk({ hub, demo: false });

    expect(await kiosk.sync.cycle()).toBe(true);
    expect(count(kiosk, 'SELECT count(*) AS n FROM media_thumbs WHERE deleted = 0')).toBe(run.made);
    // Rows first, files after: until a copy's file is here, the screen is offered only the original.
    const before = listProjects(kiosk.db, {}, 0, 50).items.filter((p) => p.cover);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((p) => p.cover?.thumbs.length === 0)).toBe(true);

    await kiosk.sync.mediaIdle();
    const cards = listProjects(kiosk.db, {}, 0, 50).items.filter((p) => p.cover);
    for (const card of cards) expect(card.cover?.thumbs.map((t) => t.width)).toEqual([...thumbWidths]);
    const detail = getProject(kiosk.db, cards[0]?.id ?? '');
    expect(detail?.media.length).toBeGreaterThan(0);
    expect(detail?.media.every((photo) => photo.thumbs.length === thumbWidths.length)).toBe(true);

    const serve = createAssetServer({ rendererDir: tempDir('renderer-'), db: kiosk.db, media: kiosk.media });
    const small = cards[0]?.cover?.thumbs[0];
    const answer = await serve(new Request(`kiosk://app${small?.url ?? ''}`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/jpeg');
    expect(answer.headers.get('cache-control')).toContain('immutable');
  });

  it('are kept while their original is used, and leave with it', async () => {
    const hub = await startHub({ demo: { projects: 8 } });
    // A photo of one project's gallery that nothing else uses.
    const project = String((await hub.store.listRecords('projects'))[0]?.row?.id);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1250"><rect width="2000" height="1250" fill="#246"/><circle cx="900" cy="600" r="400" fill="#fc3"/></svg>';
    const jpeg = await sharp(Buffer.from(svg)).jpeg().toBuffer();
    const sha256 = await hub.store.putMedia(jpeg, 'image/jpeg', hub.clock.now);
    const media = { table: 'media' as const, key: JSON.stringify([sha256]) };
    const link = { table: 'project_media' as const, key: JSON.stringify([project, sha256]) };
    await hub.store.writeRecords(
      [
        { ...media, row: { sha256, mime: 'image/jpeg', bytes: jpeg.byteLength, width: 2000, height: 1250, alt_ru: '', alt_en: '' } },
        { ...link, row: { project_id: project, sha256, position: 99, caption_ru: '', caption_en: '' } },
      ],
      hub.clock.now,
    );
    await updateThumbnails(hub.store, () => hub.clock.now);
    const kiosk = await startKiosk({ hub, demo: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    await kiosk.sync.mediaIdle();

    const copies = kiosk.db.prepare('SELECT sha256 FROM media_thumbs WHERE of_sha256 = ? AND deleted = 0').all(sha256) as { sha256: string }[];
    expect(copies).toHaveLength(thumbWidths.length);
    for (const copy of copies) {
      expect(referencedMedia(kiosk.db).has(copy.sha256)).toBe(true);
      expect(kiosk.media.has(copy.sha256)).toBe(true);
    }
    expect(getProject(kiosk.db, project)?.media.find((m) => m.sha256 === sha256)?.thumbs.map((t) => t.width)).toEqual([...thumbWidths]);

    // The photo leaves the catalog (as a re-import without it would remove it); the hub's next run removes its copies.
    await hub.store.writeRecords([{ ...link, row: null }, { ...media, row: null }], hub.clock.now);
    expect(await updateThumbnails(hub.store, () => hub.clock.now)).toEqual({ made: 0, removed: thumbWidths.length, failed: 0 });
    expect(await kiosk.sync.cycle()).toBe(true);

    expect(getProject(kiosk.db, project)?.media.some((m) => m.sha256 === sha256)).toBe(false);
    expect(count(kiosk, 'SELECT count(*) AS n FROM media_thumbs WHERE of_sha256 = ? AND deleted = 0', sha256)).toBe(0);
    for (const copy of copies) expect(referencedMedia(kiosk.db).has(copy.sha256)).toBe(false);
  });

  it('are not sent to a kiosk of an older schema; its upgrade rebuilds its copy, which brings them', async () => {
    const hub = await startHub({ demo: { projects: 4 } });
    await updateThumbnails(hub.store, () => hub.clock.now);
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    const { token } = kiosk.sync.db.prepare('SELECT token FROM sync_state').get() as { token: string };
    const tablesSent = async (schema: number): Promise<Set<string>> => {
      const tables = new Set<string>();
      let cursor = '';
      for (;;) {
        const response = await fetch(`${hub.url}/sync/v1/pull?limit=2000&cursor=${encodeURIComponent(cursor)}`, {
          headers: { 'kiosk-protocol': '1', 'kiosk-schema': String(schema), authorization: `Bearer ${token}` },
        });
        const page = (await response.json()) as { changes: { t: string }[]; cursor: string; more: boolean };
        for (const change of page.changes) tables.add(change.t);
        cursor = page.cursor;
        if (!page.more) return tables;
      }
    };
    expect((await tablesSent(6)).has('media_thumbs')).toBe(false);
    expect((await tablesSent(6)).has('projects')).toBe(true);
    expect((await tablesSent(7)).has('media_thumbs')).toBe(true);

    // A copy made at schema 6 (synced, or in the middle of a rebuild) starts a rebuild after the upgrade; a kiosk
    // that never synced just syncs.
    for (const [cursor, rebuild, expected] of [
      ['synced', null, ''],
      ['synced', 'half way', ''],
      ['', null, null],
    ] as const) {
      const db = new Database(':memory:');
      migrate(db, migrations.slice(0, 6));
      db.prepare('UPDATE sync_state SET cursor = ?, rebuild_cursor = ?').run(cursor, rebuild);
      db.prepare("INSERT INTO sync_rebuild_seen (tbl, key) VALUES ('projects', '[\"p1\"]')").run();
      migrate(db);
      expect(db.prepare('SELECT rebuild_cursor FROM sync_state').get()).toEqual({ rebuild_cursor: expected });
      expect(db.prepare('SELECT count(*) AS n FROM sync_rebuild_seen').get()).toEqual({ n: 0 });
      db.close();
    }
  });
});

