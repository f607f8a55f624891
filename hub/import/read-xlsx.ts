// Reads an .xlsx workbook with exceljs into plain rows of cells. Formulas are never evaluated: the value Excel saved
// with the formula is used. Rich text becomes plain text, hyperlinks their shown text, merged cells repeat the value.
import { readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { checkZip } from './zip-guard';
import { ImportFileError, mb, type Cell, type ImportLimits, type RawRow, type RawSheet } from './types';

const oldExcelMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Reads every worksheet of `file`; throws ImportFileError for anything that is not a readable, reasonably sized workbook. */
export async function readWorkbook(file: string, limits: ImportLimits): Promise<RawSheet[]> {
  const size = statSync(file).size;
  if (size > limits.maxFileBytes) {
    throw new ImportFileError({
      en: `The workbook is ${mb(size)}; the limit is ${mb(limits.maxFileBytes)}. Keep pictures in the images folder, not in the workbook.`,
      ru: `Файл книги весит ${mb(size)}, предел — ${mb(limits.maxFileBytes)}. Картинки кладите в папку изображений, а не в книгу.`,
    });
  }
  const buf = readFileSync(file);
  if (buf.subarray(0, 4).equals(oldExcelMagic)) {
    throw new ImportFileError({
      en: 'This is an old-format Excel file (.xls) or a password-protected workbook. Save it as .xlsx (Excel Workbook) without a password.',
      ru: 'Это файл старого формата Excel (.xls) или книга с паролем. Сохраните её как .xlsx («Книга Excel») без пароля.',
    });
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    throw new ImportFileError({
      en: 'This is not an .xlsx workbook. Import an .xlsx file, or a folder of .csv files.',
      ru: 'Это не книга .xlsx. Импортируйте файл .xlsx или папку с файлами .csv.',
    });
  }
  checkZip(buf, limits.maxUnpackedBytes);

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    // The library's own message speaks of its internals ("Cannot read properties of undefined"), which helps nobody
    // preparing a spreadsheet: say what is wrong and what to do.
    throw new ImportFileError({
      en: 'The workbook cannot be read: it is damaged or is not an Excel workbook. Open it in Excel and save it again as .xlsx.',
      ru: 'Книгу не удаётся прочитать: файл повреждён или это не книга Excel. Откройте её в Excel и сохраните заново как .xlsx.',
    });
  }
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  return workbook.worksheets.map((sheet) => readSheet(sheet, date1904, limits));
}

function readSheet(sheet: ExcelJS.Worksheet, date1904: boolean, limits: ImportLimits): RawSheet {
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: Cell[] = [];
    let filled = false;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const value = toCell(cell.value);
      if (value.kind === 'empty') return;
      if (column > limits.maxColumns) {
        throw new ImportFileError(
          {
            en: `Sheet "${sheet.name}" has data in column ${column}; at most ${limits.maxColumns} columns are read.`,
            ru: `На листе «${sheet.name}» есть данные в столбце ${column}; читается не больше ${limits.maxColumns} столбцов.`,
          },
          sheet.name,
        );
      }
      while (cells.length < column - 1) cells.push({ kind: 'empty' });
      cells[column - 1] = value;
      filled = true;
    });
    if (!filled) return;
    rows.push({ line, cells });
    if (rows.length > limits.maxRowsPerSheet + 1) {
      throw new ImportFileError(
        {
          en: `Sheet "${sheet.name}" has more than ${limits.maxRowsPerSheet} rows; split the content into several imports.`,
          ru: `На листе «${sheet.name}» больше ${limits.maxRowsPerSheet} строк; разделите данные на несколько загрузок.`,
        },
        sheet.name,
      );
    }
  });
  return { name: sheet.name, rows, date1904 };
}

type RichTextValue = { richText: { text?: unknown }[] };
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One exceljs cell value as a plain cell; formulas give their saved result. */
export function toCell(value: unknown, depth = 0): Cell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', value: '#NUM!' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', value: 'invalid date' } : { kind: 'date', value };
  if (!isObject(value) || depth > 3) return { kind: 'error', value: 'unsupported cell' };
  if ('error' in value) return { kind: 'error', value: String(value.error) };
  if ('richText' in value && Array.isArray((value as RichTextValue).richText)) {
    const text = (value as RichTextValue).richText.map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: text };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    if (!('result' in value) || value.result === undefined) return { kind: 'error', value: 'formula without a saved value' };
    return toCell(value.result, depth + 1);
  }
  if ('hyperlink' in value || 'text' in value) return toCell(value.text, depth + 1);
  return { kind: 'error', value: 'unsupported cell' };
}
