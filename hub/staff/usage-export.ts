// The organizers' exports of the usage counts: CSV and XLSX, one row per local day, hour, kiosk, metric and subject.
// Search terms and kiosk names come from outside (visitors type the terms), so no text cell may ever become a
// formula when a spreadsheet opens the file: a cell that a spreadsheet would read as one gets a leading apostrophe,
// and the XLSX holds only plain text and number cells.
import ExcelJS from 'exceljs';
import type { UsageExportRow } from '../usage';

/** The header row, Russian first; the hour column names the forum's time zone the hours are in. */
export function exportHeader(timeZone: string): string[] {
  return [
    'день / day',
    `час (${timeZone}) / hour (${timeZone})`,
    'киоск / kiosk id',
    'название киоска / kiosk name',
    'метрика / metric',
    'предмет / subject',
    'название / name',
    'количество / count',
  ];
}

// Spreadsheets start a formula with = + - @ (and Excel also after leading blanks); a tab or a line break first is
// used to smuggle one past naive checks.
const formulaStart = /^(?:\s*[=+\-@]|[\t\r\n])/;

/** Text as a spreadsheet will show it, never run it: a would-be formula gets a leading apostrophe. */
export const neutraliseCell = (text: string): string => (formulaStart.test(text) ? `'${text}` : text);

type Cell = string | number;

const cellsOf = (row: UsageExportRow): Cell[] => [
  row.day,
  row.hour,
  neutraliseCell(row.deviceId),
  neutraliseCell(row.kioskName),
  row.metric,
  neutraliseCell(row.subject),
  neutraliseCell(row.subjectName),
  row.count,
];

// ---- CSV ----------------------------------------------------------------------------------------------------------

/**
 * Separated by semicolons, as Excel expects in a Russian locale (with commas it would put every row in one column);
 * text always quoted, lines ended with CRLF. Numbers stay bare so spreadsheets sum them.
 */
export const csvDelimiter = ';';

const csvCell = (cell: Cell): string => (typeof cell === 'number' ? String(cell) : `"${cell.replace(/"/g, '""')}"`);

/** The CSV as bytes: UTF-8 with a byte order mark, without which Excel reads UTF-8 Cyrillic as mojibake. */
export function usageCsv(timeZone: string, rows: readonly UsageExportRow[]): Buffer {
  const lines = [exportHeader(timeZone).map(csvCell).join(csvDelimiter)];
  for (const row of rows) lines.push(cellsOf(row).map(csvCell).join(csvDelimiter));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// ---- XLSX ---------------------------------------------------------------------------------------------------------

// Characters XML 1.0 cannot carry (a kiosk's name is not checked for them); an unpaired surrogate half cannot be UTF-8.
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for an XLSX cell: characters XML cannot hold become U+FFFD, and text that looks like Excel's own escape for a
 * character (_x0041_ is read as "A") has its underscore escaped, so it reads back as typed.
 */
export const xlsxText = (text: string): string => text.replace(notXml, '\uFFFD').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');

export const xlsxSheetName = 'Статистика';

/** The workbook as bytes: one sheet, the header bold and frozen, text cells as text, counts as numbers. */
export async function usageXlsx(timeZone: string, rows: readonly UsageExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kiosk hub';
  const sheet = workbook.addWorksheet(xlsxSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [12, 12, 38, 24, 16, 32, 40, 12].map((width) => ({ width }));
  sheet.addRow(exportHeader(timeZone).map(xlsxText)).font = { bold: true };
  // Values are only strings and numbers: exceljs writes a formula only when given an object with `formula`.
  for (const row of rows) sheet.addRow(cellsOf(row).map((cell) => (typeof cell === 'number' ? cell : xlsxText(cell))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
