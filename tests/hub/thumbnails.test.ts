// Pictures at display size (hub/thumbnails.ts): the copies the hub makes of each picture, and how it keeps them in step
// with its media as pictures come and go.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoIntoHub } from '../../hub/catalog';
import { SqliteHubStore } from '../../hub/store/sqlite-store';
import { makeCopies, Thumbnailer, thumbWidths, updateThumbnails } from '../../hub/thumbnails';
import type { WireRow } from '../../db/sync-tables';

const folders: string[] = [];
const stores: SqliteHubStore[] = [];
const now = Date.parse('2026-11-20T12:00:00+06:00');

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(): SqliteHubStore {
  const dir = mkdtempSync(join(tmpdir(), 'thumbs-'));
  folders.push(dir);
  const store = SqliteHubStore.open(dir, now);
  stores.push(store);
  return store;
}

/** A photo-like JPEG: a gradient, so the encoder has real content to work with. */
async function photo(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#135"/><stop offset="1" stop-color="#fc6"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** A logo with a transparent background. */
async function logo(side: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"><circle cx="${side / 2}" cy="${side / 2}" r="${side / 3}" fill="#c33"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function addPicture(store: SqliteHubStore, bytes: Buffer, mime: string, width: number | null, height: number | null): Promise<string> {
  const sha256 = await store.putMedia(bytes, mime, now);
  await store.writeRecords([{ table: 'media', key: JSON.stringify([sha256]), row: { sha256, mime, bytes: bytes.byteLength, width, height, alt_ru: '', alt_en: '' } }], now);
  return sha256;
}

async function thumbsOf(store: SqliteHubStore, sha256: string): Promise<WireRow[]> {
  return (await store.listRecords('media_thumbs'))
    .map((r) => r.row)
    .filter((row): row is WireRow => row !== null && row.of_sha256 === sha256)
    .sort((a, b) => Number(a.width) - Number(b.width));
}

describe('the copies of one picture', () => {
  it('a large photo gets a JPEG copy at each width, its proportions kept', async () => {
    const copies = await makeCopies(await photo(2400, 1500), 'image/jpeg');
    expect(copies?.map((c) => [c.mime, c.width, c.height])).toEqual([
      ['image/jpeg', 480, 300],
      ['image/jpeg', 1080, 675],
    ]);
    for (const copy of copies ?? []) {
      const meta = await sharp(copy.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', copy.width, copy.height]);
    }
  });

  it('a photo narrower than a width gets no copy at that width (it would only be larger)', async () => {
    const copies = await makeCopies(await photo(800, 600), 'image/jpeg');
    expect(copies?.map((c) => c.width)).toEqual([480]);
    expect(await makeCopies(await photo(400, 300), 'image/jpeg')).toEqual([]);
  });

  it('a logo with transparency stays transparent (WebP with alpha, not JPEG on black)', async () => {
    const copies = await makeCopies(await logo(1200), 'image/png');
    expect(copies?.map((c) => c.mime)).toEqual(['image/webp', 'image/webp']);
    const { data, info } = await sharp(copies?.[0]?.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(480);
    expect(data[3]).toBe(0); // the top-left corner is outside the circle: transparent
  });

  it('an SVG is drawn at each width, sharp even when its own size is small', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#2a6"/></svg>');
    const copies = await makeCopies(svg, 'image/svg+xml');
    expect(copies?.map((c) => [c.mime, c.width, c.height])).toEqual([
      ['image/jpeg', 480, 270],
      ['image/jpeg', 1080, 608],
    ]);
  });

  it('a file that is not a picture, or a truncated one, gets no copies (null), without throwing', async () => {
    expect(await makeCopies(Buffer.from('not an image at all, just text'), 'image/jpeg')).toBeNull();
    const whole = await photo(2000, 1200);
    expect(await makeCopies(whole.subarray(0, whole.length / 3), 'image/jpeg')).toBeNull();
  });
});

describe("the hub's copies follow its media", () => {
  it('makes copies for every picture of the demo forum once; a second run makes none', async () => {
    const store = openStore();
    const loaded = await loadDemoIntoHub(store, { projects: 8 }, now);
    const first = await updateThumbnails(store, () => now);
    // The demo's pictures are SVGs: every one gets a copy at every width.
    expect(first).toEqual({ made: loaded.media * thumbWidths.length, removed: 0, failed: 0 });
    const thumbs = (await store.listRecords('media_thumbs')).map((r) => r.row as WireRow);
    for (const thumb of thumbs) {
      const file = await store.mediaFile(String(thumb.sha256));
      expect(file?.mime).toBe(thumb.mime);
      expect(file?.bytes).toBe(thumb.bytes);
    }
    expect(await updateThumbnails(store, () => now)).toEqual({ made: 0, removed: 0, failed: 0 });
  });

  it('a picture removed from the catalog takes its copies with it (tombstones, so kiosks drop them too)', async () => {
    const store = openStore();
    const sha = await addPicture(store, await photo(2000, 1250), 'image/jpeg', 2000, 1250);
    expect((await updateThumbnails(store, () => now)).made).toBe(2);
    expect((await thumbsOf(store, sha)).map((t) => t.width)).toEqual([480, 1080]);
    const before = (await store.meta()).headSeq;
    await store.writeRecords([{ table: 'media', key: JSON.stringify([sha]), row: null }], now);
    expect(await updateThumbnails(store, () => now)).toEqual({ made: 0, removed: 2, failed: 0 });
    expect(await thumbsOf(store, sha)).toEqual([]);
    expect((await store.changesSince(before, 100)).filter((c) => c.table === 'media_thumbs' && c.row === null)).toHaveLength(2);
  });

  it('a picture that cannot be decoded is reported once and keeps being shown as it is; the others get their copies', async () => {
    const store = openStore();
    const broken = await addPicture(store, Buffer.from('a spreadsheet cell that named a text file'), 'image/jpeg', 3000, 2000);
    const good = await addPicture(store, await photo(1600, 1000), 'image/jpeg', 1600, 1000);
    const skip = new Set<string>();
    expect(await updateThumbnails(store, () => now, skip)).toEqual({ made: 2, removed: 0, failed: 1 });
    expect(await thumbsOf(store, broken)).toEqual([]);
    expect((await thumbsOf(store, good)).map((t) => t.mime)).toEqual(['image/jpeg', 'image/jpeg']);
    expect(await updateThumbnails(store, () => now, skip)).toEqual({ made: 0, removed: 0, failed: 0 });
  });

  it('the running hub makes copies after a change, one run at a time, and says so to waiting kiosks', async () => {
    const store = openStore();
    const lines: string[] = [];
    let notified = 0;
    const thumbnailer = new Thumbnailer(store, () => now, (line) => lines.push(line), () => notified++);
    const sha = await addPicture(store, await photo(1200, 800), 'image/jpeg', 1200, 800);
    await Promise.all([thumbnailer.request(), thumbnailer.request(), thumbnailer.request()]);
    expect((await thumbsOf(store, sha)).map((t) => t.width)).toEqual([480, 1080]);
    expect(lines).toEqual(['Pictures at display size: 2 copies made, 0 removed, 0 pictures could not be decoded']);
    expect(notified).toBe(1);
    // Nothing changed since: no run, nothing logged.
    await thumbnailer.request();
    expect(lines).toHaveLength(1);
  });

});
