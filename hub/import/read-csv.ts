// Reads a folder of CSV files, one per sheet (regions.csv, projects.csv…). Excel writes CSV in several ways: UTF-8
// with or without a byte-order mark, Windows-1251 from Russian Excel's plain "CSV", UTF-16 from "Unicode text";
// separated by commas or (Russian Excel) semicolons, sometimes with a "sep=;" first line. All of them are read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { ImportFileError, mb, type ImportLimits, type RawRow, type RawSheet, type Text2 } from './types';

export type CsvSheet = RawSheet & { note?: Text2 };

/** Every .csv file directly in `dir`, as sheets named after the files. */
export function readCsvFolder(dir: string, limits: ImportLimits): CsvSheet[] {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && extname(entry.name).toLowerCase() === '.csv')
    .map((entry) => entry.name)
    .sort();
  if (files.length === 0) {
    throw new ImportFileError({
      en: `The folder ${dir} has no .csv files. Put one CSV file per sheet in it (regions.csv, projects.csv…).`,
      ru: `В папке ${dir} нет файлов .csv. Положите в неё по файлу CSV на каждый лист (regions.csv, projects.csv…).`,
    });
  }
  return files.map((file) => readCsvFile(join(dir, file), limits));
}

export function readCsvFile(path: string, limits: ImportLimits): CsvSheet {
  const name = basename(path, extname(path));
  const size = statSync(path).size;
  if (size > limits.maxFileBytes) {
    throw new ImportFileError(
      {
        en: `${basename(path)} is ${mb(size)}; the limit is ${mb(limits.maxFileBytes)}.`,
        ru: `Файл ${basename(path)} весит ${mb(size)}, предел — ${mb(limits.maxFileBytes)}.`,
      },
      name,
    );
  }
  const { text, note } = decode(readFileSync(path));
  let body = text;
  let delimiter: string | null = null;
  const sep = /^sep=(.)[ \t]*\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1] ?? null;
    body = body.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(body);
  let records: string[][];
  try {
    records = parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 1_000_000,
      to: limits.maxRowsPerSheet + 2,
    });
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    const detail = error instanceof Error ? error.message.slice(0, 200) : String(error);
    throw new ImportFileError(
      {
        en: `${basename(path)} is not valid CSV${line ? ` (near line ${line})` : ''}: ${detail}`,
        ru: `${basename(path)} — неправильный CSV${line ? ` (около строки ${line})` : ''}: ${detail}`,
      },
      name,
    );
  }
  if (records.length > limits.maxRowsPerSheet + 1) {
    throw new ImportFileError(
      {
        en: `${basename(path)} has more than ${limits.maxRowsPerSheet} rows; split the content into several imports.`,
        ru: `В файле ${basename(path)} больше ${limits.maxRowsPerSheet} строк; разделите данные на несколько загрузок.`,
      },
      name,
    );
  }
  const rows: RawRow[] = [];
  records.forEach((record, index) => {
    if (record.length > limits.maxColumns && record.slice(limits.maxColumns).some((v) => v.trim() !== '')) {
      throw new ImportFileError(
        {
          en: `${basename(path)} has more than ${limits.maxColumns} columns on line ${index + 1}.`,
          ru: `В файле ${basename(path)} больше ${limits.maxColumns} столбцов в строке ${index + 1}.`,
        },
        name,
      );
    }
    const cells = record.map((value) => (value.trim() === '' ? ({ kind: 'empty' } as const) : ({ kind: 'text', value } as const)));
    // Row numbers count every record, blank ones too, so they match what Excel shows when the file is opened.
    if (cells.some((c) => c.kind !== 'empty')) rows.push({ line: index + 1, cells });
  });
  return { name, rows, note };
}

function decode(buf: Buffer): { text: string; note?: Text2 } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8') };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    return {
      text: new TextDecoder('windows-1251').decode(buf),
      note: { en: 'not UTF-8: read as Windows-1251 (Cyrillic)', ru: 'не UTF-8: прочитан как Windows-1251 (кириллица)' },
    };
  }
}

/** The separator used on the first line (outside quotes): the most frequent of comma, semicolon and tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}
