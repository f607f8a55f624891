// Photos uploaded from an exhibitor's phone or laptop. The uploaded bytes are untrusted: they are recognised by their
// first bytes (never by the name or the Content-Type), decoded by libvips through sharp with a pixel limit, turned
// upright by their EXIF orientation, scaled to fit 1600×1600 and written anew as a JPEG without any metadata (no GPS
// position, camera, or thumbnail). Only that new file is stored and served; the original is dropped.
import sharp, { type Metadata } from 'sharp';
import type { KioskError, MediaRef } from '../../electron/shared/contract';
import type { HubStore, RecordWrite } from '../store/hub-store';
import { idKey, ownProjects, projectPhotos } from './entry';

/** Uploads larger than this are refused before they are read (phones' photos are 2–12 MB). */
export const maxPhotoBytes = 15 * 1024 * 1024;
/** Images with more pixels are refused before decoding: 100 MP covers every phone camera's full-resolution mode. */
export const maxPhotoPixels = 100_000_000;
/** The stored photo fits in this square: sharper than any kiosk's screen shows a gallery photo. */
export const photoSide = 1600;
/** The most photos one project's gallery takes from the portal: more is a slideshow nobody at a kiosk sits through. */
export const maxProjectPhotos = 24;
const jpegQuality = 82;

// libvips keeps recently decoded images in a cache; an uploaded original must not linger in memory after the upload.
sharp.cache(false);

export type PhotoRefusal = { code: KioskError['code']; message: string };

/** The formats accepted, by their signature bytes, and the name sharp gives each after decoding. */
type Kind = 'jpeg' | 'png' | 'webp' | 'heif';

function sniff(bytes: Uint8Array): Kind | null {
  const at = (offset: number, ascii: string) => Buffer.from(bytes.subarray(offset, offset + ascii.length)).toString('latin1') === ascii;
  if (bytes.length < 16) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (at(0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'webp';
  // HEIF family (HEIC from iPhones, AVIF): an ISO-BMFF 'ftyp' box naming an image brand.
  if (at(4, 'ftyp') && ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].some((brand) => at(8, brand))) return 'heif';
  return null;
}

const notAnImage: PhotoRefusal = { code: 'invalid_input', message: 'This file is not an image (JPEG, PNG, WebP or HEIC/AVIF photos are accepted).' };

/**
 * Decodes and re-encodes one uploaded photo. Returns the new JPEG and its size, or why it was refused:
 * `invalid_input` (not an image, or one that cannot be decoded), `too_large` (too many pixels).
 */
export async function processPhoto(bytes: Uint8Array): Promise<{ ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; refusal: PhotoRefusal }> {
  const kind = sniff(bytes);
  if (!kind) return { ok: false, refusal: notAnImage };
  // failOn 'warning' (the strictest): a truncated or corrupt file is refused rather than stored half grey.
  const input = { limitInputPixels: maxPhotoPixels, failOn: 'warning', autoOrient: true, pages: 1 } as const;
  let metadata: Metadata;
  try {
    // The header only, without the pixel limit, so an image that is too large gets its own answer below.
    metadata = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, refusal: notAnImage };
  }
  // The decoder must agree with the signature: no polyglot file reaches another decoder than the one checked.
  if (metadata.format !== kind) return { ok: false, refusal: notAnImage };
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width <= 0 || height <= 0) return { ok: false, refusal: notAnImage };
  if (width * height > maxPhotoPixels) {
    return {
      ok: false,
      refusal: { code: 'too_large', message: `The image is ${width}×${height} pixels; at most ${maxPhotoPixels / 1_000_000} million pixels are accepted.` },
    };
  }
  try {
    const { data, info } = await sharp(bytes, input)
      .resize({ width: photoSide, height: photoSide, fit: 'inside', withoutEnlargement: true })
      // A transparent PNG becomes a photo on white, not on black.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: jpegQuality, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, jpeg: data, width: info.width, height: info.height };
  } catch {
    return { ok: false, refusal: notAnImage };
  }
}

/**
 * One photo at a time: decoding a 100-megapixel image takes hundreds of megabytes for a moment, and the hub is a
 * laptop that also serves the kiosks.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Adds an uploaded photo to one of the exhibitor's projects: stores the re-encoded file and writes its media row and
 * its project_media row (after the project's other photos) in one transaction, so kiosks download it like any other
 * photo. The same photo uploaded twice is one gallery entry.
 */
export async function addProjectPhoto(
  store: HubStore,
  exhibitorId: string,
  projectId: string,
  bytes: Uint8Array,
  now: () => number,
): Promise<{ ok: true; photo: MediaRef; changed: boolean } | { ok: false; refusal: PhotoRefusal }> {
  const project = (await ownProjects(store, exhibitorId)).find((row) => row.id === projectId);
  if (!project) return { ok: false, refusal: { code: 'not_found', message: 'No such project among yours.' } };
  // Decoding, and the position after the last photo, one upload at a time: two uploads in parallel would otherwise
  // take the same position.
  return oneAtATime(async () => {
    const count = (await store.listRecords('project_media')).filter((r) => r.row?.project_id === projectId).length;
    if (count >= maxProjectPhotos) {
      return { ok: false, refusal: { code: 'invalid_input', message: `A project has at most ${maxProjectPhotos} photos; ask the organizers to remove some first.` } };
    }
    const processed = await processPhoto(bytes);
    if (!processed.ok) return processed;
    const at = now();
    const sha256 = await store.putMedia(processed.jpeg, 'image/jpeg', at);
    const links = (await store.listRecords('project_media')).map((r) => r.row).filter((row) => row?.project_id === projectId);
    const alt = { alt_ru: String(project.title_ru ?? ''), alt_en: String(project.title_en ?? '') };
    const writes: RecordWrite[] = [];
    if (!(await store.getRecord('media', idKey(sha256)))?.row) {
      writes.push({
        table: 'media',
        key: idKey(sha256),
        row: { sha256, mime: 'image/jpeg', bytes: processed.jpeg.byteLength, width: processed.width, height: processed.height, ...alt },
      });
    }
    if (!links.some((row) => row?.sha256 === sha256)) {
      const last = Math.max(-1, ...links.map((row) => Number(row?.position ?? 0)));
      writes.push({
        table: 'project_media',
        key: JSON.stringify([projectId, sha256]),
        row: { project_id: projectId, sha256, position: last + 1, caption_ru: '', caption_en: '' },
      });
    }
    const { changed } = await store.writeRecords(writes, at);
    const photo = (await projectPhotos(store, projectId)).find((p) => p.sha256 === sha256);
    if (!photo) return { ok: false, refusal: { code: 'internal', message: 'The photo was stored but could not be read back.' } };
    return { ok: true, photo, changed: changed > 0 };
  });
}
