// Checks an .xlsx file (a ZIP archive) before exceljs unpacks it: exceljs inflates every part into memory, so a small
// file that unpacks to gigabytes (a "zip bomb") or a damaged archive must be turned away first. Each part is
// inflated here with a hard output cap, so sizes that the archive merely claims are never trusted (a part whose
// real size differs from its claim is damage, which exceljs would otherwise report as its own "Bug").
import { inflateRawSync } from 'node:zlib';
import { ImportFileError, mb } from './types';

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const maxEntries = 10_000;

const damaged = (detail: string) =>
  new ImportFileError({
    en: `The workbook is damaged or not an .xlsx file (${detail}). Open it in Excel and save it again as .xlsx.`,
    ru: `Файл книги повреждён или не является .xlsx (${detail}). Откройте его в Excel и сохраните заново как .xlsx.`,
  });

const tooBig = (limit: number) =>
  new ImportFileError({
    en: `The workbook unpacks to more than ${mb(limit)}; split it into smaller files or remove pictures and unused sheets.`,
    ru: `Книга в распакованном виде больше ${mb(limit)}: разделите её или удалите картинки и лишние листы.`,
  });

/** Throws an ImportFileError unless `buf` is a sound ZIP archive that unpacks to at most `maxUnpacked` bytes. */
export function checkZip(buf: Buffer, maxUnpacked: number): void {
  if (buf.length < 22) throw damaged('too short');
  const searchFrom = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= searchFrom; i--) {
    if (buf.readUInt32LE(i) === eocdSignature) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no ZIP directory');
  const entries = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw tooBig(maxUnpacked);
  if (entries > maxEntries) throw damaged(`${entries} parts`);
  if (dirOffset + dirSize > buf.length) throw damaged('directory out of bounds');

  let pos = dirOffset;
  const parts: { name: string; method: number; compressed: number; uncompressed: number; local: number }[] = [];
  for (let n = 0; n < entries; n++) {
    if (pos + 46 > buf.length || buf.readUInt32LE(pos) !== centralSignature) throw damaged('bad directory entry');
    const flags = buf.readUInt16LE(pos + 8);
    const method = buf.readUInt16LE(pos + 10);
    const compressed = buf.readUInt32LE(pos + 20);
    const uncompressed = buf.readUInt32LE(pos + 24);
    const nameLength = buf.readUInt16LE(pos + 28);
    const extraLength = buf.readUInt16LE(pos + 30);
    const commentLength = buf.readUInt16LE(pos + 32);
    const local = buf.readUInt32LE(pos + 42);
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLength);
    if (flags & 1) throw damaged('password-protected');
    if (method !== 0 && method !== 8) throw damaged(`unsupported compression in ${name}`);
    parts.push({ name, method, compressed, uncompressed, local });
    pos += 46 + nameLength + extraLength + commentLength;
  }

  let actual = 0;
  for (const part of parts) {
    const at = part.local;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== localSignature) throw damaged(`bad header of ${part.name}`);
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const end = start + part.compressed;
    if (end > buf.length) throw damaged(`${part.name} is cut short`);
    // Sizes the archive claims are not trusted: each part is unpacked with a cap of what is left of the budget.
    let size = part.compressed;
    if (part.method === 8) {
      try {
        size = inflateRawSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, maxUnpacked - actual) }).length;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(maxUnpacked);
        throw damaged(`${part.name} cannot be unpacked`);
      }
    }
    actual += size;
    if (actual > maxUnpacked) throw tooBig(maxUnpacked);
    if (size !== part.uncompressed) throw damaged(`${part.name} has the wrong size`);
  }
}
