// A small, valid example import (every sheet, a few rows each) and writers for it as an .xlsx workbook, a CSV folder
// and an images folder. Tests start from it and break it on purpose; docs/import.md shows the same columns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export type ExampleCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; result: string | number | boolean | Date | { error: string } }
  | { richText: { text: string; font?: { bold?: boolean } }[] };
/** Sheet name → rows, the header first. */
export type ExampleSheets = Record<string, ExampleCell[][]>;

/** The example's content. Each call returns a fresh copy that callers may change. */
export function exampleSheets(): ExampleSheets {
  return {
    forum: [
      ['id', 'name_ru', 'name_en', 'venue_ru', 'venue_en', 'starts_on', 'ends_on', 'timezone'],
      ['omsk-industry-days-2026', 'Дни промышленности Омской области', 'Industry Days in the Omsk Region', 'Конгресс-холл, Омск', 'Congress Hall, Omsk', '2026-12-03', '2026-12-04', 'Asia/Omsk'],
    ],
    regions: [
      ['id', 'iso_code', 'name_ru', 'name_en', 'district_ru', 'district_en', 'summary_ru', 'summary_en', 'tile_col', 'tile_row', 'participating'],
      ['omsk', 'RU-OMS', 'Омская область', 'Omsk Oblast', 'Сибирский', 'Siberian', 'Нефтехимия и машиностроение.', 'Petrochemicals and engineering.', 11, 4, 'да'],
      ['novosibirsk', 'RU-NVS', 'Новосибирская область', 'Novosibirsk Oblast', 'Сибирский', 'Siberian', '', '', 12, 4, 'да'],
      ['tyumen', 'RU-TYU', 'Тюменская область', 'Tyumen Oblast', 'Уральский', 'Ural', '', '', 10, 4, 'нет'],
    ],
    hall_zones: [
      ['id', 'name_ru', 'name_en', 'x', 'y', 'width', 'height'],
      ['omsk', 'Омская область', 'Omsk Region', 4, 4, 52, 28],
      ['guests', 'Регионы-гости', 'Guest regions', 60, 4, 56, 28],
    ],
    exhibitors: [
      ['id', 'region_id', 'name_ru', 'name_en', 'about_ru', 'about_en', 'booth', 'zone_id', 'booth_x', 'booth_y', 'booth_width', 'booth_height', 'contact_name_ru', 'contact_name_en', 'phone', 'email', 'website', 'logo_image'],
      ['omsk-refinery', 'omsk', 'Омский НПЗ', 'Omsk Refinery', 'Крупнейший НПЗ России.', 'Russia’s largest refinery.', 'A-1', 'omsk', 5.5, 5.5, 4, 3, 'Анна Иванова', 'Anna Ivanova', '+7 (3812) 00-00-00', 'tours@example.com', 'https://refinery.example.com', 'refinery-logo.png'],
      ['novosibirsk-team', 'novosibirsk', 'Новосибирская область — команда региона', 'Novosibirsk Oblast — regional team', '', '', 'B-1', 'guests', '', '', '', '', '', '', '', '', '', ''],
      ['tyumen-team', 'tyumen', 'Тюменская область — команда региона', 'Tyumen Oblast — regional team', '', '', 'B-2', 'guests', '', '', '', '', '', '', '', '', 'www.tyumen.example.com', ''],
    ],
    tags: [
      ['id', 'name_ru', 'name_en'],
      ['petrochemicals', 'Нефтехимия', 'Petrochemicals'],
      ['machine-building', 'Машиностроение', 'Mechanical engineering'],
      ['food', 'Пищевая промышленность', 'Food industry'],
    ],
    clusters: [
      ['id', 'region_id', 'name_ru', 'name_en', 'about_ru', 'about_en', 'cover_image'],
      ['omsk-petrochem', 'omsk', 'Омский нефтехимический кластер', 'Omsk Petrochemical Cluster', 'Предприятия нефтехимии.', 'Petrochemical companies.', 'refinery.png'],
    ],
    cluster_members: [
      ['cluster_id', 'position', 'name_ru', 'name_en', 'role_ru', 'role_en', 'exhibitor_id'],
      ['omsk-petrochem', 1, 'Омский НПЗ', 'Omsk Refinery', 'Якорный участник', 'Anchor member', 'omsk-refinery'],
      ['omsk-petrochem', 2, 'Омский каучук', 'Omsk Rubber', 'Участник', 'Member', ''],
    ],
    projects: [
      ['id', 'kind', 'region_id', 'exhibitor_id', 'cluster_id', 'title_ru', 'title_en', 'summary_ru', 'summary_en', 'description_ru', 'description_en', 'visiting_ru', 'visiting_en', 'link_url', 'cover_image', 'featured', 'hidden', 'tags', 'gallery'],
      ['refinery-tour', 'туризм', 'omsk', 'omsk-refinery', 'omsk-petrochem', 'Экскурсия на НПЗ', 'Refinery tour', 'Как делают бензин.', 'How petrol is made.', 'Первая строка.\nВторая строка.', 'First line.\nSecond line.', 'Вт–сб, 10:00', 'Tue–Sat, 10:00', 'https://tours.example.com/refinery', 'refinery.png', 'да', 'нет', 'petrochemicals; Машиностроение', 'refinery.png; plant.svg'],
      ['novosibirsk-food', '', 'novosibirsk', 'novosibirsk-team', '', 'Сыроварня', 'Cheese dairy', '', '', '', '', '', '', '', 'plant.svg', 'нет', 'нет', 'food', ''],
      ['tyumen-plant', 'tourism', 'tyumen', '', '', 'Завод в Тюмени', 'A plant in Tyumen', '', '', '', '', '', '', '', '', '', '', '', ''],
    ],
    routes: [
      ['id', 'name_ru', 'name_en', 'about_ru', 'about_en', 'link_url', 'cover_image'],
      ['omsk-industrial', 'Промышленный Омск', 'Industrial Omsk', 'Маршрут по предприятиям.', 'A route through the city’s plants.', '', 'plant.svg'],
    ],
    route_stops: [
      ['route_id', 'position', 'enterprise_ru', 'enterprise_en', 'title_ru', 'title_en', 'about_ru', 'about_en', 'visiting_ru', 'visiting_en', 'booking_ru', 'booking_en', 'address_ru', 'address_en', 'duration_min', 'latitude', 'longitude', 'region_id', 'cover_image'],
      ['omsk-industrial', 1, 'Омский НПЗ', 'Omsk Refinery', 'Музей завода', 'Plant museum', '', '', 'Пн–пт', 'Mon–Fri', 'По телефону', 'By phone', 'Омск, пр. Губкина, 1', 'Omsk, Gubkina Ave 1', 90, 55.07, 73.23, 'omsk', ''],
      ['omsk-industrial', 2, 'Омский каучук', 'Omsk Rubber', 'Цех', 'Workshop', '', '', '', '', '', '', '', '', 60, '54,98', '73,3', 'omsk', 'refinery.png'],
    ],
    programme: [
      ['id', 'kind', 'date', 'starts_at', 'ends_at', 'title_ru', 'title_en', 'about_ru', 'about_en', 'place_ru', 'place_en'],
      ['opening', 'пленарное заседание', '03.12.2026', '10:00', '11:30', 'Открытие форума', 'Forum opening', '', '', 'Большой зал', 'Main Hall'],
      ['presentations-1', 'presentation', '2026-12-03', '12:00', '13:00', 'Регионы представляют проекты', 'Regions present their projects', '', '', 'Зал «Иртыш»', 'Irtysh Hall'],
      ['excursion', 'экскурсия', '', '2026-12-04 09:30', '2026-12-04 14:00', 'Экскурсия на НПЗ', 'Refinery excursion', '', '', 'Главный вход', 'Main entrance'],
    ],
    images: [
      ['file', 'alt_ru', 'alt_en'],
      ['refinery.png', 'Ректификационные колонны', 'Distillation columns'],
    ],
  };
}

/** Writes sheets as an .xlsx workbook. */
export async function writeWorkbook(sheets: ExampleSheets, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row.map((cell) => (cell === '' ? null : cell)));
    sheet.getRow(1).font = { bold: true };
  }
  await workbook.xlsx.writeFile(file);
}

const pad = (n: number) => String(n).padStart(2, '0');

function csvText(cell: ExampleCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    const date = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    return `${date} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}`;
  }
  if (typeof cell === 'boolean') return cell ? 'да' : 'нет';
  if (typeof cell === 'object' && 'richText' in cell) return cell.richText.map((r) => r.text).join('');
  if (typeof cell === 'object' && 'formula' in cell) {
    const result = cell.result;
    return typeof result === 'object' && !(result instanceof Date) ? result.error : csvText(result);
  }
  return String(cell);
}

/** Writes sheets as a folder of CSV files, as Excel does: comma or semicolon, with or without a byte-order mark. */
export function writeCsvFolder(sheets: ExampleSheets, dir: string, options: { delimiter?: ',' | ';' | '\t'; bom?: boolean } = {}): void {
  const delimiter = options.delimiter ?? ',';
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(sheets)) {
    const text = rows
      .map((row) =>
        row
          .map((cell) => {
            const value = csvText(cell);
            return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
          })
          .join(delimiter),
      )
      .join('\r\n');
    writeFileSync(join(dir, `${name}.csv`), (options.bom ? '\uFEFF' : '') + text + '\r\n');
  }
}

// ---- images ------------------------------------------------------------------------------------------------------

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of one colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const line = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => line));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes the images the example refers to; returns the folder. */
export function writeExampleImages(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'refinery.png'), solidPng(16, 9, [40, 90, 160]));
  writeFileSync(join(dir, 'refinery-logo.png'), solidPng(8, 8, [200, 40, 40]));
  writeFileSync(
    join(dir, 'plant.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90" viewBox="0 0 160 90"><rect width="160" height="90" fill="#2a6"/></svg>\n',
  );
  return dir;
}
