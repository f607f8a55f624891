// Turning one spreadsheet cell into a catalog value, with the reason in English and Russian when it cannot be.
import type { Cell, Text2 } from './types';

export type Result<T> = { ok: true; value: T } | { ok: false; reason: Text2 };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const bad = (en: string, ru: string): Result<never> => ({ ok: false, reason: { en, ru } });

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A cell that shows an error (#REF!, #N/A…) or holds a formula Excel never calculated. */
function cellError(cell: Cell & { kind: 'error' }): Result<never> {
  if (cell.value === 'formula without a saved value') {
    return bad(
      'the formula has no saved value: open the file in Excel, let it calculate, and save it again',
      'у формулы нет сохранённого значения: откройте файл в Excel, дайте ему пересчитать и сохраните снова',
    );
  }
  return bad(`the cell shows an error (${cell.value})`, `в ячейке ошибка (${cell.value})`);
}

// ---- text --------------------------------------------------------------------------------------------------

/** The first character that has no place in catalog text: control characters, direction overrides, broken UTF-16. */
export function forbiddenCharacter(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const describe = () => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return describe();
    if (c >= 0x7f && c <= 0x9f) return describe();
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfffe || c === 0xffff) return describe();
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return describe();
    } else if (c >= 0xdc00 && c <= 0xdfff) return describe();
  }
  return null;
}

/** How a non-text cell reads as text (a booth number typed as 12, a phone number Excel took for a number). */
function cellAsString(cell: Cell): Result<string> {
  switch (cell.kind) {
    case 'empty':
      return ok('');
    case 'text':
      return ok(cell.value);
    case 'number':
      return ok(Number.isInteger(cell.value) ? cell.value.toFixed(0) : String(cell.value));
    case 'bool':
      return ok(cell.value ? 'да' : 'нет');
    case 'date': {
      const { date, time } = splitExcelDate(cell.value);
      const day = date ? `${date.y}-${pad(date.m)}-${pad(date.d)}` : '';
      const clock = time && (time.h || time.mi || time.s) ? `${pad(time.h)}:${pad(time.mi)}` : '';
      return ok([day, clock].filter(Boolean).join(' '));
    }
    case 'error':
      return cellError(cell);
  }
}

export type TextOptions = { max: number; multiline?: boolean };

/**
 * Text for a catalog column: Unicode NFC, trimmed; one-line fields have runs of white space (line breaks included)
 * made single spaces, multi-line fields keep their line breaks (as \n). Control characters are refused.
 */
export function asText(cell: Cell, options: TextOptions): Result<string> {
  const raw = cellAsString(cell);
  if (!raw.ok) return raw;
  const forbidden = forbiddenCharacter(raw.value);
  if (forbidden) return bad(`contains a control character (${forbidden})`, `содержит управляющий символ (${forbidden})`);
  let text = raw.value.normalize('NFC');
  text = options.multiline
    ? text
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : text.replace(/\s+/g, ' ').trim();
  if (text.length > options.max) {
    return bad(`is too long (${text.length} characters; at most ${options.max})`, `слишком длинный текст (${text.length} символов; не больше ${options.max})`);
  }
  return ok(text);
}

const idPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A row id or a reference to one: Latin letters (made lower case), digits, '-', '_' and '.', at most 64. */
export function asId(cell: Cell): Result<string> {
  const text = asText(cell, { max: 1000 });
  if (!text.ok) return text;
  const id = text.value.toLowerCase();
  if (id === '') return ok('');
  if (!idPattern.test(id)) {
    return bad(
      `"${text.value.slice(0, 40)}" is not a valid id: use 1–64 Latin letters, digits, "-", "_" or ".", starting with a letter or digit`,
      `«${text.value.slice(0, 40)}» — неправильный идентификатор: латинские буквы, цифры, «-», «_» или «.», до 64 знаков, начиная с буквы или цифры`,
    );
  }
  return ok(id);
}

/** A link: http or https (a bare "www.example.com" gets https://). */
export function asUrl(cell: Cell, max: number): Result<string> {
  const text = asText(cell, { max });
  if (!text.ok || text.value === '') return text;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text.value) ? text.value : `https://${text.value}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return bad(`"${text.value.slice(0, 60)}" is not a web address`, `«${text.value.slice(0, 60)}» — не веб-адрес`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.') || /\s/.test(candidate)) {
    return bad(`"${text.value.slice(0, 60)}" is not a web address (http:// or https://)`, `«${text.value.slice(0, 60)}» — не веб-адрес (http:// или https://)`);
  }
  if (candidate.length > max) return bad(`is too long (at most ${max} characters)`, `слишком длинный адрес (не больше ${max} символов)`);
  return ok(candidate);
}

export function asEmail(cell: Cell, max: number): Result<string> {
  const text = asText(cell, { max });
  if (!text.ok || text.value === '') return text;
  const email = text.value.replace(/^mailto:/i, '');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return bad(`"${email.slice(0, 60)}" is not an e-mail address`, `«${email.slice(0, 60)}» — не адрес электронной почты`);
  return ok(email);
}

/** A list in one cell, separated by ";", line breaks or (when there is no ";") commas; empty items dropped. */
export function asList(cell: Cell, max: number): Result<string[]> {
  const text = asText(cell, { max, multiline: true });
  if (!text.ok) return text;
  const value = text.value;
  const parts = /[;\n]/.test(value) ? value.split(/[;\n]/) : value.split(',');
  return ok(parts.map((p) => p.trim()).filter((p) => p !== ''));
}

// ---- numbers and flags ---------------------------------------------------------------------------------------

export type NumberOptions = { integer?: boolean; min?: number; max?: number; positive?: boolean };

/** A number from a number cell or from text ("54,98" with a decimal comma and "1 000" with spaces are fine). */
export function asNumber(cell: Cell, options: NumberOptions = {}): Result<number | null> {
  let value: number;
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'error':
      return cellError(cell);
    case 'number':
      value = cell.value;
      break;
    case 'text': {
      let text = cell.value.trim().replace(/(?<=\d)[ \u00a0\u202f\u2009](?=\d)/g, '');
      if (!text.includes('.') && /^[+-]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
        return bad(`"${cell.value.slice(0, 40)}" is not a number`, `«${cell.value.slice(0, 40)}» — не число`);
      }
      value = Number(text);
      break;
    }
    default:
      return bad('must be a number', 'должно быть число');
  }
  if (!Number.isFinite(value)) return bad('is not a finite number', 'не конечное число');
  if (options.integer) {
    const rounded = Math.round(value);
    if (Math.abs(rounded - value) > 1e-9 || !Number.isSafeInteger(rounded)) return bad('must be a whole number', 'должно быть целое число');
    value = rounded;
  }
  if (options.min !== undefined && value < options.min) return bad(`must be at least ${options.min}`, `должно быть не меньше ${options.min}`);
  if (options.max !== undefined && value > options.max) return bad(`must be at most ${options.max}`, `должно быть не больше ${options.max}`);
  if (options.positive && value <= 0) return bad('must be greater than 0', 'должно быть больше 0');
  return ok(value);
}

const yes = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', 'x', 'х', '+', 'v', '✓', '✔']);
const no = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-', '–', '—']);

/** A yes/no flag as 0 or 1: да/нет, yes/no, 1/0, TRUE/FALSE (ИСТИНА/ЛОЖЬ from Russian Excel); empty is `empty`. */
export function asFlag(cell: Cell, empty: 0 | 1 = 0): Result<0 | 1> {
  switch (cell.kind) {
    case 'empty':
      return ok(empty);
    case 'bool':
      return ok(cell.value ? 1 : 0);
    case 'number':
      if (cell.value === 1 || cell.value === 0) return ok(cell.value);
      break;
    case 'text': {
      const word = cell.value.trim().toLowerCase();
      if (yes.has(word)) return ok(1);
      if (no.has(word)) return ok(0);
      break;
    }
    case 'error':
      return cellError(cell);
    default:
      break;
  }
  return bad('must be yes or no (да/нет, yes/no, 1/0)', 'должно быть «да» или «нет» (да/нет, yes/no, 1/0)');
}

// ---- dates and times -------------------------------------------------------------------------------------------

export type LocalDate = { y: number; m: number; d: number };
export type LocalTime = { h: number; mi: number; s: number };
/** A local date and/or time as written in a cell, or an exact instant when the cell gave its own UTC offset. */
export type DateTimeValue = { date: LocalDate | null; time: LocalTime | null; instant?: number };

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const validDate = (y: number, m: number, d: number) => y >= 1901 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
const validTime = (h: number, mi: number, s: number) => h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;

/**
 * A date from a date cell: its UTC fields are what the cell shows. Times alone are stored by Excel as a fraction of
 * day 0 (1899-12-30 here), so anything before March 1900 is a time without a date. Rounded to the second.
 */
function splitExcelDate(value: Date): { date: LocalDate | null; time: LocalTime } {
  const at = new Date(Math.round(value.getTime() / 1000) * 1000);
  const time = { h: at.getUTCHours(), mi: at.getUTCMinutes(), s: at.getUTCSeconds() };
  if (at.getTime() < Date.UTC(1900, 2, 1)) return { date: null, time };
  return { date: { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() }, time };
}

/** Excel's day number (a date cell without a date format, or a formula's result) as a date. */
function excelSerial(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const isoWithOffset = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const isoLocal = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;
const russian = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:,?[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/;
const clockOnly = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;

/** A date and/or time: an Excel date cell, a day number, or text like 2026-12-03 10:00, 03.12.2026 10:00 or 10:00. */
export function asDateTime(cell: Cell, date1904 = false): Result<DateTimeValue | null> {
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'error':
      return cellError(cell);
    case 'date':
      return ok(splitExcelDate(cell.value));
    case 'number':
      if (cell.value < 0 || cell.value > 400_000) break;
      return ok(splitExcelDate(excelSerial(cell.value, date1904)));
    case 'text': {
      const text = cell.value.trim();
      const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));
      let match = isoWithOffset.exec(text);
      if (match) {
        const [y, m, d, h, mi, s] = match.slice(1, 7).map(num) as [number, number, number, number, number, number];
        if (!validDate(y, m, d) || !validTime(h, mi, s)) break;
        const zone = match[7] ?? 'Z';
        const offset = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
        return ok({ date: { y, m, d }, time: { h, mi, s }, instant: Date.UTC(y, m - 1, d, h, mi, s) - offset * 60_000 });
      }
      match = isoLocal.exec(text);
      const ru = match ? null : russian.exec(text);
      if (match || ru) {
        const parts = (match ?? ru)!.slice(1, 7).map(num);
        const [y, m, d] = match ? [parts[0]!, parts[1]!, parts[2]!] : [parts[2]!, parts[1]!, parts[0]!];
        const [h, mi, s] = [parts[3]!, parts[4]!, parts[5]!];
        if (!validDate(y, m, d) || !validTime(h, mi, s)) break;
        const hasTime = (match ?? ru)![4] !== undefined;
        return ok({ date: { y, m, d }, time: hasTime ? { h, mi, s } : null });
      }
      match = clockOnly.exec(text);
      if (match) {
        const [h, mi, s] = match.slice(1, 4).map(num) as [number, number, number];
        if (!validTime(h, mi, s)) break;
        return ok({ date: null, time: { h, mi, s } });
      }
      break;
    }
    default:
      break;
  }
  return bad(
    'is not a date or time (write e.g. 2026-12-03 10:00, 03.12.2026 10:00 or 10:00)',
    'не дата и не время (пишите, например, 2026-12-03 10:00, 03.12.2026 10:00 или 10:00)',
  );
}

export const formatDate = (date: LocalDate): string => `${date.y}-${pad(date.m)}-${pad(date.d)}`;

// ---- time zones --------------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, minutes (Asia/Omsk: +360). */
export function offsetMinutes(utcMs: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The instant of a local wall-clock time in a zone (a time skipped by a clock change moves forward). */
export function localToUtc(date: LocalDate, time: LocalTime, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d, time.h, time.mi, time.s);
  let utc = wall - offsetMinutes(wall, timeZone) * 60_000;
  const second = wall - offsetMinutes(utc, timeZone) * 60_000;
  if (second !== utc) utc = second;
  return utc;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-12-03T10:00:00+06:00. */
export function isoInZone(utcMs: number, timeZone: string): string {
  const offset = offsetMinutes(utcMs, timeZone);
  const local = new Date(utcMs + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
