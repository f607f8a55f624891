// Shared shapes of the spreadsheet import: raw cells as the readers hand them over, problems, limits and the report.
import type { CatalogTable } from '../../db/sync-tables';

/** A message in English (for logs and the hub's operators) and Russian (for the organizers who fill the sheets). */
export type Text2 = { en: string; ru: string };

/**
 * One cell as read from a workbook or a CSV file. Dates carry the wall-clock time shown in the cell in their UTC
 * fields (a spreadsheet date has no time zone; it is interpreted in the forum's time zone later).
 */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; value: string };

export type RawRow = { line: number; cells: Cell[] };
/** A sheet as read: its name in the file, and every non-blank row with its 1-based row number. */
export type RawSheet = { name: string; rows: RawRow[]; date1904?: boolean };

export type ImportProblem = {
  /** The sheet (or CSV file name without .csv) the problem is in; '' for the file as a whole. */
  sheet: string;
  /** The row number as the spreadsheet shows it (the header is usually row 1); null when no single row is at fault. */
  line: number | null;
  /** The column header, or null. */
  column: string | null;
  reason: string;
  reason_ru: string;
};

export type TableCounts = { add: number; change: number; delete: number; unchanged: number };

export type ImportReport = {
  source: string;
  dryRun: boolean;
  replaceAll: boolean;
  /** True when the changes were written to the hub. */
  applied: boolean;
  /** Sheets recognised, with the table they fill and how many data rows they had. */
  sheets: { sheet: string; table: string; rows: number }[];
  /** Every problem found; nothing is applied when there is at least one. Capped at `limits.maxProblems`. */
  problems: ImportProblem[];
  /** How many problems there were in all (may exceed problems.length). */
  problemCount: number;
  /** Rows to add, change and delete per synced table (what a real import writes, or wrote). */
  counts: Record<CatalogTable, TableCounts>;
  images: { referenced: number; new: number };
  /** Things worth knowing that do not stop the import (ignored sheets, demo content left on the hub…). */
  notes: Text2[];
  /** The hub's head sequence number after the import (unchanged for a dry run or a failed one). */
  headSeq: number;
  /** How many rows the hub's store actually changed (0 for a dry run). */
  changed: number;
};

export type ImportLimits = {
  /** Largest workbook or CSV file, bytes. */
  maxFileBytes: number;
  /** Largest total of a workbook's unpacked parts, bytes (guards against zip bombs). */
  maxUnpackedBytes: number;
  /** Most data rows in one sheet. */
  maxRowsPerSheet: number;
  /** Most columns in one sheet. */
  maxColumns: number;
  /** Largest image file, bytes. */
  maxImageBytes: number;
  /** Most files looked at in the images folder. */
  maxImageFiles: number;
  /** Most problems listed in a report (the rest are counted). */
  maxProblems: number;
};

export const defaultLimits: ImportLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRowsPerSheet: 20_000,
  maxColumns: 100,
  maxImageBytes: 20 * 1024 * 1024,
  maxImageFiles: 20_000,
  maxProblems: 1000,
};

/** A problem with the file as a whole (unreadable, too big, not a spreadsheet): nothing can be imported. */
export class ImportFileError extends Error {
  constructor(
    readonly text: Text2,
    readonly sheet = '',
  ) {
    super(text.en);
    this.name = 'ImportFileError';
  }
}

export const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
