// Pictures at the size a screen shows them. An organizer's photo may be 4000 pixels wide and a kiosk's card shows it
// 240–480 pixels wide: decoding the whole photo for a card costs the kiosk tens of milliseconds and tens of megabytes
// each time. So the hub makes smaller copies once, for every kiosk: one per width in `thumbWidths` that is narrower
// than the original (for SVG, every width: the copy saves the kiosk from drawing the vector picture at each paint).
// Each copy is a media file of its own, listed in the hub's `media_thumbs` table, which syncs to kiosks like the
// catalog; a kiosk downloads the copies like any media file and its renderer picks one per place with srcset.
//
// Originals are untrusted (a spreadsheet's images folder, an exhibitor's upload): decoded by libvips with a pixel
// limit, one picture at a time. A picture that cannot be decoded gets no copies and keeps being shown as it is.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { WireRow } from '../db/sync-tables';
import type { HubStore, RecordWrite } from './store/hub-store';

/** The widths made: a card (up to 480 CSS pixels), and a detail page's gallery or cover (the width of a portrait screen). */
export const thumbWidths = [480, 1080] as const;
/** Originals with more pixels get no copies: 100 MP covers every camera's full-resolution photo. */
const maxInputPixels = 100_000_000;
/** Pictures of these types get copies; others (none are imported today) are shown as they are. */
const resizable = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/svg+xml']);
const jpegQuality = 80;
/** How often the running hub looks for pictures without copies (changes by another process, e.g. a CLI import). */
export const thumbnailCheckMs = 30_000;
/** Copies written to the store in one go: kiosks get the first ones while the rest are still being made. */
const batchSize = 24;

sharp.cache(false);

export type ThumbnailRun = { made: number; removed: number; failed: number };

/** A run as one line for the hub's console. */
export function describeRun(run: ThumbnailRun): string {
  return `Pictures at display size: ${run.made} copies made, ${run.removed} removed, ${run.failed} pictures could not be decoded`;
}

type Copy = { bytes: Buffer; mime: string; width: number; height: number };

/**
 * Makes the copies of one picture at `widths` (those narrower than a raster original). Opaque pictures become JPEG;
 * ones with transparency (logos) WebP, which keeps it. Returns null when the picture cannot be decoded.
 */
export async function makeCopies(bytes: Uint8Array, mime: string, widths: readonly number[] = thumbWidths): Promise<Copy[] | null> {
  const input = { limitInputPixels: maxInputPixels, failOn: 'error', autoOrient: true, pages: 1 } as const;
  try {
    const meta = await sharp(bytes, input).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    if (!width || !meta.height) return null;
    const vector = mime === 'image/svg+xml';
    const copies: Copy[] = [];
    for (const target of widths) {
      if (!vector && target >= width) continue;
      // An SVG is drawn at its own size (72 dpi); drawn larger first, a small SVG still gives a sharp wide copy.
      const density = vector ? Math.max(72, Math.ceil((72 * target) / width)) : undefined;
      const { data, info } = await sharp(bytes, { ...input, ...(density ? { density } : {}) })
        .resize({ width: target, withoutEnlargement: !vector })
        .toColourspace('srgb')
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
      const encoder = sharp(data, raw);
      const copy = isOpaque(data, info.width, info.height, info.channels)
        ? { bytes: await encoder.flatten({ background: '#ffffff' }).jpeg({ quality: jpegQuality, mozjpeg: true }).toBuffer(), mime: 'image/jpeg' }
        : { bytes: await encoder.webp({ quality: jpegQuality, alphaQuality: 90 }).toBuffer(), mime: 'image/webp' };
      copies.push({ ...copy, width: info.width, height: info.height });
    }
    return copies;
  } catch {
    return null;
  }
}

/**
 * Whether a picture has no transparency worth keeping: a scaled picture's edge rows and columns may come out partly
 * transparent (a 90-pixel-high SVG drawn 607.5 pixels high), which does not make it a transparent picture.
 */
function isOpaque(pixels: Buffer, width: number, height: number, channels: number): boolean {
  let seeThrough = 0;
  for (let i = channels - 1; i < pixels.length; i += channels) if (pixels[i] !== 255) seeThrough++;
  return seeThrough <= 2 * (width + height);
}

const thumbKey = (ofSha256: string, width: number) => JSON.stringify([ofSha256, width]);

/**
 * Makes the hub's copies agree with its media: copies for every live picture that lacks them, tombstones for copies
 * whose original is gone. Pictures in `skip` are not tried again; those that cannot be decoded, or of which no more
 * copies can be made, are added to it.
 */
export async function updateThumbnails(store: HubStore, now: () => number, skip: Set<string> = new Set()): Promise<ThumbnailRun> {
  const media = (await store.listRecords('media')).map((r) => r.row).filter((row): row is WireRow => row !== null);
  const thumbs = await store.listRecords('media_thumbs');
  const have = new Set(thumbs.map((r) => r.key));
  const live = new Set(media.map((row) => String(row.sha256)));
  const run: ThumbnailRun = { made: 0, removed: 0, failed: 0 };

  const gone: RecordWrite[] = thumbs.filter((r) => !live.has(String(r.row?.of_sha256))).map((r) => ({ table: 'media_thumbs', key: r.key, row: null }));
  if (gone.length > 0) {
    await store.writeRecords(gone, now());
    run.removed = gone.length;
  }

  let batch: RecordWrite[] = [];
  for (const row of media) {
    const sha256 = String(row.sha256);
    const mime = String(row.mime);
    if (!resizable.has(mime) || skip.has(sha256)) continue;
    const known = typeof row.width === 'number' ? row.width : null;
    const wanted = thumbWidths.filter((w) => (mime === 'image/svg+xml' || known === null || w < known) && !have.has(thumbKey(sha256, w)));
    if (wanted.length === 0) continue;
    const file = await store.mediaFile(sha256);
    if (!file) continue;
    const copies = await makeCopies(await readFile(file.path), mime, wanted);
    if (!copies) run.failed++;
    // Nothing more can be made of this picture (a raster narrower than a width has no copy at that width).
    if (!copies || copies.length < wanted.length) skip.add(sha256);
    if (!copies) continue;
    for (const copy of copies) {
      const copySha = await store.putMedia(copy.bytes, copy.mime, now());
      const thumb: WireRow = { of_sha256: sha256, width: copy.width, sha256: copySha, mime: copy.mime, bytes: copy.bytes.byteLength, height: copy.height };
      batch.push({ table: 'media_thumbs', key: thumbKey(sha256, copy.width), row: thumb });
    }
    if (batch.length >= batchSize) {
      run.made += batch.length;
      await store.writeRecords(batch, now());
      batch = [];
    }
  }
  if (batch.length > 0) {
    run.made += batch.length;
    await store.writeRecords(batch, now());
  }
  return run;
}

/**
 * Runs updateThumbnails whenever asked, one run at a time: a request during a run starts one more run after it.
 * The hub asks at start, after each change to its records (an import from the CLI, an exhibitor's photo) and on a timer.
 */
export class Thumbnailer {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly skip = new Set<string>();
  private lastHead = -1;

  constructor(
    private readonly store: HubStore,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
    /** Called after a run that wrote copies or tombstones, so that waiting kiosks pull them at once. */
    private readonly changed: () => void = () => undefined,
  ) {}

  /** Starts a run unless the hub's records are unchanged since the last one; resolves when the runs asked for are done. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const head = (await this.store.meta()).headSeq;
      if (head === this.lastHead) continue;
      try {
        const run = await updateThumbnails(this.store, this.now, this.skip);
        if (run.made + run.removed + run.failed > 0) {
          this.log(describeRun(run));
        }
        this.lastHead = (await this.store.meta()).headSeq;
        if (run.made + run.removed > 0) this.changed();
      } catch (error) {
        this.log(`Pictures at display size: stopped (${error instanceof Error ? error.message : String(error)}); tried again later`);
      }
    } while (this.again);
  }
}
