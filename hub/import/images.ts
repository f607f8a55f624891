// The images folder: cells name a file (refinery.jpg, or projects/refinery.jpg); the file's bytes decide its type.
// Files are hashed once here and read again only when a real import stores them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from './cells';
import { ImportFileError, mb, type ImportLimits } from './types';

export type ImageFile = { path: string; name: string; sha256: string; mime: string; bytes: number; width: number | null; height: number | null };

const bad = (en: string, ru: string): Result<never> => ({ ok: false, reason: { en, ru } });
const fold = (name: string) => name.normalize('NFC').toLowerCase();

export class ImageFolder {
  private readonly byPath = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();
  private readonly cache = new Map<string, Result<ImageFile>>();

  constructor(
    readonly dir: string | null,
    private readonly limits: ImportLimits,
  ) {
    if (dir) this.index(dir, '', 0);
  }

  get size(): number {
    return this.byPath.size;
  }

  private index(dir: string, prefix: string, depth: number): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory() && depth < 4) this.index(join(dir, entry.name), rel, depth + 1);
      if (!entry.isFile()) continue;
      if (this.byPath.size >= this.limits.maxImageFiles) {
        throw new ImportFileError({
          en: `The images folder has more than ${this.limits.maxImageFiles} files; point --images at a folder with only the forum's pictures.`,
          ru: `В папке изображений больше ${this.limits.maxImageFiles} файлов; укажите в --images папку только с картинками форума.`,
        });
      }
      this.byPath.set(fold(rel), join(dir, entry.name));
      const list = this.byName.get(fold(entry.name)) ?? [];
      list.push(rel);
      this.byName.set(fold(entry.name), list);
    }
  }

  /** The file a cell names: by its path in the folder, or by its name alone when that is unique. Case does not matter. */
  find(reference: string): Result<ImageFile> {
    const cached = this.cache.get(reference);
    if (cached) return cached;
    const result = this.lookUp(reference);
    this.cache.set(reference, result);
    return result;
  }

  private lookUp(reference: string): Result<ImageFile> {
    const ref = reference.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (!this.dir) {
      return bad(`image "${reference}": no images folder was given (use --images DIR)`, `изображение «${reference}»: не указана папка изображений (--images ПАПКА)`);
    }
    if (ref.startsWith('/') || /^[a-z]:/i.test(ref) || ref.split('/').includes('..')) {
      return bad(`image "${reference}": give a file name inside the images folder`, `изображение «${reference}»: укажите имя файла внутри папки изображений`);
    }
    let path = this.byPath.get(fold(ref));
    if (!path && !ref.includes('/')) {
      const matches = this.byName.get(fold(ref)) ?? [];
      if (matches.length > 1) {
        return bad(
          `image "${reference}": several files have this name (${matches.slice(0, 3).join(', ')}); write the folder too`,
          `изображение «${reference}»: файлов с таким именем несколько (${matches.slice(0, 3).join(', ')}); укажите и папку`,
        );
      }
      if (matches[0]) path = this.byPath.get(fold(matches[0]));
    }
    if (!path) return bad(`image "${reference}" is not in the images folder`, `изображения «${reference}» нет в папке изображений`);
    const size = statSync(path).size;
    if (size > this.limits.maxImageBytes) {
      return bad(`image "${reference}" is ${mb(size)}; the limit is ${mb(this.limits.maxImageBytes)}`, `изображение «${reference}» весит ${mb(size)}, предел — ${mb(this.limits.maxImageBytes)}`);
    }
    if (size === 0) return bad(`image "${reference}" is an empty file`, `изображение «${reference}» — пустой файл`);
    const data = readFileSync(path);
    const kind = sniffImage(data);
    if (!kind) {
      return bad(`"${reference}" is not a PNG, JPEG, GIF, WebP or SVG image`, `«${reference}» — не изображение PNG, JPEG, GIF, WebP или SVG`);
    }
    return {
      ok: true,
      value: { path, name: reference, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length, ...kind },
    };
  }
}

/** Reads a file again for storing, making sure it is still the file that was checked. */
export function readImage(image: ImageFile): Buffer {
  const data = readFileSync(image.path);
  if (createHash('sha256').update(data).digest('hex') !== image.sha256) {
    throw new ImportFileError({
      en: `Image ${image.name} changed while it was being imported; run the import again.`,
      ru: `Изображение ${image.name} изменилось во время загрузки; запустите загрузку ещё раз.`,
    });
  }
  return data;
}

type Kind = { mime: string; width: number | null; height: number | null };

const sane = (width: number, height: number): Pick<Kind, 'width' | 'height'> =>
  width > 0 && height > 0 && width <= 100_000 && height <= 100_000 ? { width, height } : { width: null, height: null };

/** The image type from the file's first bytes, with its size in pixels where the header gives it cheaply. */
export function sniffImage(data: Buffer): Kind | null {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a) {
    return { mime: 'image/png', ...(data.toString('latin1', 12, 16) === 'IHDR' ? sane(data.readUInt32BE(16), data.readUInt32BE(20)) : sane(0, 0)) };
  }
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { mime: 'image/jpeg', ...jpegSize(data) };
  if (data.length >= 10 && /^GIF8[79]a$/.test(data.toString('latin1', 0, 6))) return { mime: 'image/gif', ...sane(data.readUInt16LE(6), data.readUInt16LE(8)) };
  if (data.length >= 16 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return { mime: 'image/webp', ...webpSize(data) };
  const head = data.toString('utf8', 0, Math.min(data.length, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml|<svg|<!--|<!DOCTYPE svg)/i.test(head) && /<svg[\s>]/i.test(head)) return { mime: 'image/svg+xml', width: null, height: null };
  return null;
}

function jpegSize(data: Buffer): Pick<Kind, 'width' | 'height'> {
  let pos = 2;
  while (pos + 9 < data.length) {
    if (data[pos] !== 0xff) return sane(0, 0);
    const marker = data[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    const length = data.readUInt16BE(pos + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return sane(data.readUInt16BE(pos + 7), data.readUInt16BE(pos + 5));
    if (marker === 0xda || marker === 0xd9 || length < 2) return sane(0, 0);
    pos += 2 + length;
  }
  return sane(0, 0);
}

function webpSize(data: Buffer): Pick<Kind, 'width' | 'height'> {
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8X' && data.length >= 30) return sane(data.readUIntLE(24, 3) + 1, data.readUIntLE(27, 3) + 1);
  if (chunk === 'VP8 ' && data.length >= 30) return sane(data.readUInt16LE(26) & 0x3fff, data.readUInt16LE(28) & 0x3fff);
  if (chunk === 'VP8L' && data.length >= 25) {
    const bits = data.readUInt32LE(21);
    return sane((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  return sane(0, 0);
}
