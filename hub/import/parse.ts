// Turns the sheets as read into catalog rows, checking every cell. Each problem names its sheet, row and column.
// References between rows (a project's region, an exhibitor's zone…) are checked later, against the whole catalog
// as it will be after the import (plan.ts).
import { checkRow, rowKey, syncedTables, type SyncedTable, type WireRow } from '../../db/sync-tables';
import {
  asDateTime,
  asEmail,
  asFlag,
  asId,
  asList,
  asNumber,
  asText,
  asUrl,
  formatDate,
  isoInZone,
  isTimeZone,
  localToUtc,
  type DateTimeValue,
  type LocalDate,
  type Result,
} from './cells';
import type { ImageFile, ImageFolder } from './images';
import { foldName, isNoteHeader, sheetDefFor, sheetDefs, type ColumnKind, type SheetDef, type SheetKey } from './sheets';
import type { Cell, ImportProblem, RawSheet, Text2 } from './types';

export const defaultTimeZone = 'Asia/Omsk';

export type Source = { sheet: string; line: number; key: SheetKey };
export type ParsedRow = { table: SyncedTable; key: string; row: WireRow; source: Source };
export type TagRef = { projectId: string; ref: string; source: Source };
export type GalleryItem = { projectId: string; image: ImageFile; source: Source };

export type ParsedImport = {
  /** Sheets recognised, by kind: the name they have in the file and how many data rows they had. */
  present: Map<SheetKey, { def: SheetDef; name: string; rows: number }>;
  rows: Map<SyncedTable, ParsedRow[]>;
  /** Keys of rows that had problems: references to them are not reported again. */
  badKeys: Map<SyncedTable, Set<string>>;
  tagRefs: TagRef[];
  gallery: GalleryItem[];
  /** Image files used by the import, by sha256. */
  images: Map<string, ImageFile>;
  /** Alt texts from the images sheet, by sha256. */
  alts: Map<string, { alt_ru: string; alt_en: string }>;
  timezone: string;
};

/** Collects problems, keeping the first `max` of them and counting the rest. */
export class Problems {
  readonly list: ImportProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(sheet: string, line: number | null, column: string | null, reason: Text2): void {
    this.count++;
    if (this.list.length < this.max) this.list.push({ sheet, line, column, reason: reason.en, reason_ru: reason.ru });
  }
}

type Context = { problems: Problems; images: ImageFolder; hubTimeZone: string | null; notes: Text2[] };

export function parseSheets(raw: readonly RawSheet[], context: Context): ParsedImport {
  const parsed: ParsedImport = {
    present: new Map(),
    rows: new Map(),
    badKeys: new Map(),
    tagRefs: [],
    gallery: [],
    images: new Map(),
    alts: new Map(),
    timezone: context.hubTimeZone ?? defaultTimeZone,
  };
  const bySheet = new Map<SheetKey, RawSheet>();
  for (const sheet of raw) {
    const def = sheetDefFor(sheet.name);
    if (!def) {
      context.notes.push({
        en: `Sheet "${sheet.name}" was ignored: its name is none of ${sheetDefs.map((d) => d.key).join(', ')}.`,
        ru: `Лист «${sheet.name}» пропущен: его имя не из списка ${sheetDefs.map((d) => d.key).join(', ')}.`,
      });
      continue;
    }
    const other = bySheet.get(def.key);
    if (other) {
      context.problems.add(sheet.name, null, null, {
        en: `two sheets hold ${def.key}: "${other.name}" and "${sheet.name}"; keep one`,
        ru: `данные ${def.key} на двух листах: «${other.name}» и «${sheet.name}»; оставьте один`,
      });
      continue;
    }
    bySheet.set(def.key, sheet);
  }
  // Parents before children, and the forum first: its time zone is the programme's.
  for (const def of sheetDefs) {
    const sheet = bySheet.get(def.key);
    if (sheet) new SheetParser(def, sheet, parsed, context).run();
  }
  return parsed;
}

type Values = Map<string, unknown>;

class SheetParser {
  private readonly problems: Problems;
  private readonly header = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly def: SheetDef,
    private readonly sheet: RawSheet,
    private readonly parsed: ParsedImport,
    private readonly context: Context,
  ) {
    this.problems = context.problems;
  }

  private problem(line: number | null, column: string | null, en: string, ru: string): void {
    this.problems.add(this.sheet.name, line, column, { en, ru });
  }

  run(): void {
    const [headerRow, ...dataRows] = this.sheet.rows;
    this.parsed.present.set(this.def.key, { def: this.def, name: this.sheet.name, rows: dataRows.length });
    if (!headerRow) {
      this.problem(
        null,
        null,
        `the sheet is empty: add the header row (an empty table then removes every ${this.def.key} row), or delete the sheet to keep the hub's ones`,
        `лист пуст: добавьте строку заголовков (пустая таблица удалит все строки ${this.def.key}) или удалите лист, чтобы оставить то, что есть на хабе`,
      );
      return;
    }
    if (this.def.key === 'forum' && dataRows.length !== 1) {
      this.problem(null, null, `the forum sheet must have exactly one row (it has ${dataRows.length})`, `на листе форума должна быть ровно одна строка (сейчас ${dataRows.length})`);
    }
    if (!this.readHeader(headerRow.line, headerRow.cells)) return;
    for (const row of dataRows) this.parseRow(row.line, row.cells);
  }

  /** Maps headers to cell positions; false when the sheet cannot be read at all. */
  private readHeader(line: number, cells: readonly Cell[]): boolean {
    const known = new Map(this.def.columns.map((c) => [c.header, c]));
    cells.forEach((cell, index) => {
      if (cell.kind === 'empty') return;
      const name = foldName(cell.kind === 'text' ? cell.value : cell.kind === 'number' || cell.kind === 'bool' ? String(cell.value) : '');
      if (name === '' || isNoteHeader(name)) return;
      if (!known.has(name)) {
        this.problem(line, name, `unknown column; the columns of this sheet are ${[...known.keys()].join(', ')}`, `неизвестный столбец; на этом листе столбцы ${[...known.keys()].join(', ')}`);
        return;
      }
      if (this.header.has(name)) {
        this.problem(line, name, 'this column appears twice', 'этот столбец встречается дважды');
        return;
      }
      this.header.set(name, index);
    });
    let ok = true;
    for (const column of this.def.columns) {
      if (column.required && !this.header.has(column.header)) {
        this.problem(line, column.header, 'required column is missing', 'нет обязательного столбца');
        if (column.header === 'id') ok = false;
      }
    }
    return ok;
  }

  private parseRow(line: number, cells: readonly Cell[]): void {
    const values: Values = new Map();
    let rowOk = true;
    for (const column of this.def.columns) {
      const index = this.header.get(column.header);
      if (index === undefined) continue;
      const cell = cells[index] ?? { kind: 'empty' };
      const result = this.convert(column.kind, cell);
      if (!result.ok) {
        this.problem(line, column.header, result.reason.en, result.reason.ru);
        rowOk = false;
        continue;
      }
      const value = result.value;
      if (column.required && (value === null || value === '' || (Array.isArray(value) && value.length === 0))) {
        this.problem(line, column.header, 'is required', 'обязательное поле');
        rowOk = false;
        continue;
      }
      values.set(column.header, value);
    }
    const source: Source = { sheet: this.sheet.name, line, key: this.def.key };
    const problemsBefore = this.problems.count;
    const row = this.buildRow(values, line);
    if (problemsBefore !== this.problems.count || !row) rowOk = false;
    const table = this.def.table;
    if (!table) return;
    const key = row && syncedTables[table].key.every((c) => typeof row[c] === 'string' && row[c] !== '') ? rowKey(table, row) : null;
    if (key !== null) {
      const first = this.seen.get(key);
      if (first !== undefined) {
        this.problem(line, 'id', `duplicate id ${key.slice(1, -1)} (already on line ${first})`, `повторяющийся id ${key.slice(1, -1)} (уже в строке ${first})`);
        return;
      }
      this.seen.set(key, line);
    }
    if (!rowOk || !row || key === null) {
      if (key !== null) this.bad(table, key);
      // Still check its tags, so that one run reports everything; rows for a bad project are never kept.
      if (row && key !== null) this.afterRow(values, row, source);
      return;
    }
    for (const reason of checkRow(table, row)) {
      // The checks above should make this impossible; if not, the row is still refused rather than sent to kiosks.
      this.problem(line, null, reason, reason);
      this.bad(table, key);
      return;
    }
    const list = this.parsed.rows.get(table) ?? [];
    list.push({ table, key, row, source });
    this.parsed.rows.set(table, list);
    this.afterRow(values, row, source);
  }

  private bad(table: SyncedTable, key: string): void {
    const set = this.parsed.badKeys.get(table) ?? new Set<string>();
    set.add(key);
    this.parsed.badKeys.set(table, set);
  }

  private convert(kind: ColumnKind, cell: Cell): Result<unknown> {
    const date1904 = this.sheet.date1904 ?? false;
    switch (kind.type) {
      case 'id':
        return asId(cell);
      case 'ref': {
        const id = asId(cell);
        return id.ok && id.value === '' ? { ok: true, value: null } : id;
      }
      case 'text':
        return asText(cell, kind);
      case 'url':
        return asUrl(cell, kind.max);
      case 'email':
        return asEmail(cell, kind.max);
      case 'int':
        return asNumber(cell, { ...kind, integer: true });
      case 'real':
        return asNumber(cell, kind);
      case 'flag':
        return asFlag(cell);
      case 'choice': {
        const text = asText(cell, { max: 100 });
        if (!text.ok || text.value === '') return text.ok ? { ok: true, value: null } : text;
        const word = text.value.toLowerCase();
        for (const [value, aliases] of Object.entries(kind.values)) if (word === value || aliases.includes(word)) return { ok: true, value };
        const allowed = Object.keys(kind.values).join(', ');
        return { ok: false, reason: { en: `"${text.value.slice(0, 40)}" is not one of ${allowed}`, ru: `«${text.value.slice(0, 40)}» — не одно из: ${allowed}` } };
      }
      case 'date': {
        const value = asDateTime(cell, date1904);
        if (!value.ok || value.value === null) return value;
        if (!value.value.date) return { ok: false, reason: { en: 'must be a date', ru: 'должна быть дата' } };
        return { ok: true, value: formatDate(value.value.date) };
      }
      case 'datetime':
        return asDateTime(cell, date1904);
      case 'timezone': {
        const text = asText(cell, { max: 64 });
        if (!text.ok || text.value === '') return text;
        return isTimeZone(text.value)
          ? text
          : { ok: false, reason: { en: `"${text.value}" is not a time zone (e.g. Asia/Omsk)`, ru: `«${text.value}» — не часовой пояс (например, Asia/Omsk)` } };
      }
      case 'image': {
        const text = asText(cell, { max: 500 });
        if (!text.ok || text.value === '') return text.ok ? { ok: true, value: null } : text;
        return this.image(text.value);
      }
      case 'images': {
        const list = asList(cell, 10_000);
        if (!list.ok) return list;
        if (list.value.length > kind.maxCount) {
          return { ok: false, reason: { en: `at most ${kind.maxCount} images`, ru: `не больше ${kind.maxCount} изображений` } };
        }
        const files: ImageFile[] = [];
        for (const name of list.value) {
          const found = this.context.images.find(name);
          if (!found.ok) return found;
          this.parsed.images.set(found.value.sha256, found.value);
          files.push(found.value);
        }
        return { ok: true, value: files };
      }
      case 'tags':
        return asList(cell, 2000);
    }
  }

  /** An image cell: a file in the images folder, or the sha256 of an image the hub already has. */
  private image(name: string): Result<string> {
    if (/^[0-9a-f]{64}$/i.test(name)) return { ok: true, value: name.toLowerCase() };
    const found = this.context.images.find(name);
    if (!found.ok) return found;
    this.parsed.images.set(found.value.sha256, found.value);
    return { ok: true, value: found.value.sha256 };
  }

  /** The catalog row from the converted cells, with defaults and the checks that involve several columns. */
  private buildRow(values: Values, line: number): WireRow | null {
    const table = this.def.table;
    if (!table) {
      this.imagesRow(values);
      return null;
    }
    const row: WireRow = {};
    for (const column of this.def.columns) {
      if (!column.column) continue;
      const value = values.get(column.header);
      if (value !== undefined && value !== null) row[column.column] = value as string | number;
      else if (column.kind.type === 'text' || column.kind.type === 'url' || column.kind.type === 'email') row[column.column] = '';
      else if (column.kind.type === 'flag') row[column.column] = 0;
      else row[column.column] = null;
    }
    switch (this.def.key) {
      case 'forum':
        row.is_demo = 0;
        if (!row.timezone) row.timezone = defaultTimeZone;
        if (typeof row.starts_on === 'string' && typeof row.ends_on === 'string' && row.ends_on < row.starts_on) {
          this.problem(line, 'ends_on', 'the forum ends before it starts', 'форум заканчивается раньше, чем начинается');
        }
        if (typeof row.timezone === 'string' && isTimeZone(row.timezone)) this.parsed.timezone = row.timezone;
        break;
      case 'regions':
        if (typeof row.iso_code === 'string') {
          row.iso_code = row.iso_code.toUpperCase();
          if (row.iso_code && !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(row.iso_code)) {
            this.problem(line, 'iso_code', `"${row.iso_code}" is not an ISO 3166-2 code such as RU-OMS`, `«${row.iso_code}» — не код ISO 3166-2 вида RU-OMS`);
          }
        }
        break;
      case 'exhibitors': {
        const place = ['booth_x', 'booth_y', 'booth_width', 'booth_height'];
        const given = place.filter((c) => row[c] !== null);
        if (given.length > 0 && given.length < place.length) {
          const missing = place.filter((c) => row[c] === null).join(', ');
          this.problem(line, missing, 'give all of booth_x, booth_y, booth_width and booth_height, or none', 'заполните все booth_x, booth_y, booth_width и booth_height или ни одного');
        }
        break;
      }
      case 'cluster_members':
        this.defaultPosition(row, 'cluster_id', line);
        break;
      case 'route_stops':
        this.defaultPosition(row, 'route_id', line);
        break;
      case 'projects':
        row.kind ??= row.cluster_id ? 'cluster' : 'tourism';
        break;
      case 'programme':
        row.kind ??= 'other';
        this.sessionTimes(values, row, line);
        break;
      default:
        break;
    }
    return row;
  }

  /** Members and stops may leave out their position (their order on the sheet) and id (parent-position). */
  private defaultPosition(row: WireRow, parentColumn: string, line: number): void {
    const parent = row[parentColumn];
    if (typeof parent !== 'string') return;
    const count = (this.positions.get(parent) ?? 0) + 1;
    this.positions.set(parent, count);
    if (row.position === null) row.position = count;
    if (row.id === null) {
      const id = `${parent}-${String(row.position)}`;
      if (id.length > 64) this.problem(line, 'id', 'give an id: the one made from the parent and position is too long', 'укажите id: составленный из родителя и позиции слишком длинный');
      row.id = id;
    }
  }

  private sessionTimes(values: Values, row: WireRow, line: number): void {
    const day = values.get('date') as string | null | undefined;
    const dayDate: LocalDate | null = day ? { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) } : null;
    const zone = this.parsed.timezone;
    const instant = (value: DateTimeValue | null | undefined, fallbackDate: LocalDate | null, column: string): { utc: number; date: LocalDate } | null => {
      if (!value) return null;
      if (value.instant !== undefined) return { utc: value.instant, date: value.date ?? fallbackDate ?? { y: 1970, m: 1, d: 1 } };
      const date = value.date ?? fallbackDate;
      if (!date) {
        this.problem(line, column, 'has a time but no date: write the date too, or fill in the date column', 'указано время без даты: допишите дату или заполните столбец date');
        return null;
      }
      if (!value.time) {
        this.problem(line, column, 'has a date but no time', 'указана дата без времени');
        return null;
      }
      return { utc: localToUtc(date, value.time, zone), date };
    };
    const starts = instant(values.get('starts_at') as DateTimeValue | null | undefined, dayDate, 'starts_at');
    const ends = instant(values.get('ends_at') as DateTimeValue | null | undefined, starts?.date ?? dayDate, 'ends_at');
    row.starts_at = starts ? isoInZone(starts.utc, zone) : null;
    row.ends_at = ends ? isoInZone(ends.utc, zone) : null;
    row.starts_utc = starts?.utc ?? null;
    row.ends_utc = ends?.utc ?? null;
    if (starts && ends && ends.utc < starts.utc) this.problem(line, 'ends_at', 'the session ends before it starts', 'событие заканчивается раньше, чем начинается');
  }

  private imagesRow(values: Values): void {
    const sha = values.get('file');
    if (typeof sha !== 'string') return;
    this.parsed.alts.set(sha, { alt_ru: (values.get('alt_ru') as string | undefined) ?? '', alt_en: (values.get('alt_en') as string | undefined) ?? '' });
  }

  /** Projects' tags and gallery become rows of project_tags and project_media once tags are known (plan.ts). */
  private afterRow(values: Values, row: WireRow, source: Source): void {
    if (this.def.key !== 'projects') return;
    const projectId = row.id as string;
    for (const ref of (values.get('tags') as string[] | undefined) ?? []) this.parsed.tagRefs.push({ projectId, ref, source });
    for (const image of (values.get('gallery') as ImageFile[] | undefined) ?? []) this.parsed.gallery.push({ projectId, image, source });
  }
}
