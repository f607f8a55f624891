// The sheets an import may have and their columns. docs/import.md describes the same (a test checks that every
// column here is documented there). Headers are matched loosely: case, spaces, a trailing "*" and anything in
// brackets are ignored, so "Name_RU (название) *" is name_ru.
import { editableFields, type CatalogTable } from '../../db/sync-tables';

export type ColumnKind =
  | { type: 'id' }
  | { type: 'ref'; table: CatalogTable }
  | { type: 'text'; max: number; multiline?: boolean }
  | { type: 'url'; max: number }
  | { type: 'email'; max: number }
  | { type: 'int'; min?: number; max?: number }
  | { type: 'real'; min?: number; max?: number; positive?: boolean }
  | { type: 'flag' }
  | { type: 'choice'; values: Readonly<Record<string, readonly string[]>> }
  | { type: 'date' }
  | { type: 'datetime' }
  | { type: 'timezone' }
  /** An image file name (or the sha256 of an image already on the hub); stored as the sha256 in `column`. */
  | { type: 'image' }
  /** Several image file names (a project's gallery). */
  | { type: 'images'; maxCount: number }
  /** Several tag ids or names. */
  | { type: 'tags' };

export type ColumnDef = {
  header: string;
  /** The catalog column it fills; `null` for columns that fill other tables (tags, gallery) or steer others (date). */
  column: string | null;
  kind: ColumnKind;
  required?: boolean;
};

export type SheetKey =
  | 'forum'
  | 'regions'
  | 'hall_zones'
  | 'exhibitors'
  | 'clusters'
  | 'cluster_members'
  | 'tags'
  | 'projects'
  | 'routes'
  | 'route_stops'
  | 'programme'
  | 'images';

export type SheetDef = {
  key: SheetKey;
  /** Other names the sheet (or CSV file) may have. */
  aliases: readonly string[];
  /** The table its rows become, and every table it is authoritative for; none for the images sheet. */
  table: CatalogTable | null;
  tables: readonly CatalogTable[];
  columns: readonly ColumnDef[];
};

const edit = editableFields;
const col = (header: string, kind: ColumnKind, required = false, column: string | null = header): ColumnDef => ({ header, column, kind, required });
const text = (max: number, multiline = false): ColumnKind => ({ type: 'text', max, multiline });
const both = (name: string, kind: ColumnKind, required = false): ColumnDef[] => [col(`${name}_ru`, kind, required), col(`${name}_en`, kind, required)];
const ref = (table: CatalogTable): ColumnKind => ({ type: 'ref', table });
const id: ColumnKind = { type: 'id' };
const image: ColumnKind = { type: 'image' };

export const sheetDefs: readonly SheetDef[] = [
  {
    key: 'forum',
    aliases: ['форум'],
    table: 'forum',
    tables: ['forum'],
    columns: [
      col('id', id, true),
      ...both('name', text(200), true),
      ...both('venue', text(200), true),
      col('starts_on', { type: 'date' }, true),
      col('ends_on', { type: 'date' }, true),
      col('timezone', { type: 'timezone' }),
    ],
  },
  {
    key: 'regions',
    aliases: ['регионы'],
    table: 'regions',
    tables: ['regions'],
    columns: [
      col('id', id, true),
      col('iso_code', text(12), true),
      ...both('name', text(200), true),
      ...both('district', text(200)),
      ...both('summary', text(2000, true)),
      col('tile_col', { type: 'int', min: 0, max: 99 }, true),
      col('tile_row', { type: 'int', min: 0, max: 99 }, true),
      col('participating', { type: 'flag' }),
    ],
  },
  {
    key: 'hall_zones',
    aliases: ['zones', 'зоны', 'зоны_зала'],
    table: 'hall_zones',
    tables: ['hall_zones'],
    columns: [
      col('id', id, true),
      ...both('name', text(200), true),
      col('x', { type: 'real', min: 0, max: 10_000 }, true),
      col('y', { type: 'real', min: 0, max: 10_000 }, true),
      col('width', { type: 'real', max: 10_000, positive: true }, true),
      col('height', { type: 'real', max: 10_000, positive: true }, true),
    ],
  },
  {
    key: 'exhibitors',
    aliases: ['экспоненты', 'участники', 'стенды'],
    table: 'exhibitors',
    tables: ['exhibitors'],
    columns: [
      col('id', id, true),
      col('region_id', ref('regions'), true),
      ...both('name', text(200), true),
      col('about_ru', text(edit.exhibitors.about_ru.maxLength, true)),
      col('about_en', text(edit.exhibitors.about_en.maxLength, true)),
      col('booth', text(20), true),
      col('zone_id', ref('hall_zones')),
      col('booth_x', { type: 'real', min: 0, max: 10_000 }),
      col('booth_y', { type: 'real', min: 0, max: 10_000 }),
      col('booth_width', { type: 'real', max: 10_000, positive: true }),
      col('booth_height', { type: 'real', max: 10_000, positive: true }),
      col('contact_name_ru', text(edit.exhibitors.contact_name_ru.maxLength)),
      col('contact_name_en', text(edit.exhibitors.contact_name_en.maxLength)),
      col('phone', text(edit.exhibitors.phone.maxLength)),
      col('email', { type: 'email', max: edit.exhibitors.email.maxLength }),
      col('website', { type: 'url', max: edit.exhibitors.website.maxLength }),
      col('logo_image', image, false, 'logo_sha256'),
      col('hours_ru', text(edit.exhibitors.hours_ru.maxLength)),
      col('hours_en', text(edit.exhibitors.hours_en.maxLength)),
      col('today_ru', text(edit.exhibitors.today_ru.maxLength)),
      col('today_en', text(edit.exhibitors.today_en.maxLength)),
    ],
  },
  {
    key: 'clusters',
    aliases: ['кластеры'],
    table: 'clusters',
    tables: ['clusters'],
    columns: [
      col('id', id, true),
      col('region_id', ref('regions'), true),
      ...both('name', text(200), true),
      ...both('about', text(2000, true)),
      col('cover_image', image, false, 'cover_sha256'),
    ],
  },
  {
    key: 'cluster_members',
    aliases: ['участники_кластеров', 'члены_кластеров'],
    table: 'cluster_members',
    tables: ['cluster_members'],
    columns: [
      col('id', id),
      col('cluster_id', ref('clusters'), true),
      col('position', { type: 'int', min: 1, max: 10_000 }),
      ...both('name', text(200), true),
      ...both('role', text(200)),
      col('exhibitor_id', ref('exhibitors')),
    ],
  },
  {
    key: 'tags',
    aliases: ['отрасли', 'теги'],
    table: 'tags',
    tables: ['tags'],
    columns: [col('id', id, true), ...both('name', text(100), true)],
  },
  {
    key: 'projects',
    aliases: ['проекты'],
    table: 'projects',
    tables: ['projects', 'project_tags', 'project_media'],
    columns: [
      col('id', id, true),
      col('kind', { type: 'choice', values: { tourism: ['туризм', 'промышленный туризм', 'tour'], cluster: ['кластер'] } }),
      col('region_id', ref('regions'), true),
      col('exhibitor_id', ref('exhibitors')),
      col('cluster_id', ref('clusters')),
      col('title_ru', text(edit.projects.title_ru.maxLength), true),
      col('title_en', text(edit.projects.title_en.maxLength), true),
      col('summary_ru', text(edit.projects.summary_ru.maxLength, true)),
      col('summary_en', text(edit.projects.summary_en.maxLength, true)),
      col('description_ru', text(edit.projects.description_ru.maxLength, true)),
      col('description_en', text(edit.projects.description_en.maxLength, true)),
      col('visiting_ru', text(edit.projects.visiting_ru.maxLength, true)),
      col('visiting_en', text(edit.projects.visiting_en.maxLength, true)),
      col('link_url', { type: 'url', max: 500 }),
      col('cover_image', image, false, 'cover_sha256'),
      col('featured', { type: 'flag' }),
      col('hidden', { type: 'flag' }),
      col('tags', { type: 'tags' }, false, null),
      col('gallery', { type: 'images', maxCount: 30 }, false, null),
    ],
  },
  {
    key: 'routes',
    aliases: ['маршруты'],
    table: 'routes',
    tables: ['routes'],
    columns: [
      col('id', id, true),
      ...both('name', text(200), true),
      ...both('about', text(2000, true)),
      col('link_url', { type: 'url', max: 500 }),
      col('cover_image', image, false, 'cover_sha256'),
    ],
  },
  {
    key: 'route_stops',
    aliases: ['stops', 'остановки', 'точки_маршрута'],
    table: 'route_stops',
    tables: ['route_stops'],
    columns: [
      col('id', id),
      col('route_id', ref('routes'), true),
      col('position', { type: 'int', min: 1, max: 10_000 }),
      ...both('enterprise', text(200), true),
      ...both('title', text(160), true),
      ...both('about', text(2000, true)),
      ...both('visiting', text(1000, true)),
      ...both('booking', text(1000, true)),
      ...both('address', text(500, true)),
      col('duration_min', { type: 'int', min: 1, max: 10_000 }, true),
      col('latitude', { type: 'real', min: -90, max: 90 }, true),
      col('longitude', { type: 'real', min: -180, max: 180 }, true),
      col('region_id', ref('regions'), true),
      col('cover_image', image, false, 'cover_sha256'),
    ],
  },
  {
    key: 'programme',
    aliases: ['program', 'programme_sessions', 'программа'],
    table: 'programme_sessions',
    tables: ['programme_sessions'],
    columns: [
      col('id', id, true),
      col('kind', {
        type: 'choice',
        values: {
          plenary: ['пленарное заседание', 'пленарное', 'пленарная сессия'],
          presentation: ['презентация'],
          awards: ['награждение'],
          signing: ['подписание', 'подписание соглашений'],
          panel: ['панельная дискуссия', 'дискуссия', 'панель'],
          excursion: ['экскурсия'],
          other: ['другое', 'прочее'],
        },
      }),
      col('date', { type: 'date' }, false, null),
      col('starts_at', { type: 'datetime' }, true),
      col('ends_at', { type: 'datetime' }, true),
      ...both('title', text(200), true),
      ...both('about', text(2000, true)),
      ...both('place', text(200), true),
    ],
  },
  {
    key: 'images',
    aliases: ['изображения', 'картинки'],
    table: null,
    tables: [],
    columns: [col('file', { type: 'image' }, true, null), ...both('alt', text(300))],
  },
];

/** A sheet or header name folded for matching: lower case, no brackets or "*", spaces and hyphens as "_". */
export function foldName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[([].*$/, '')
    .replace(/\*/g, '')
    .trim()
    .replace(/[\s-]+/g, '_');
}

export function sheetDefFor(name: string): SheetDef | undefined {
  const folded = foldName(name);
  return sheetDefs.find((def) => def.key === folded || def.aliases.includes(folded));
}

/** Column headers that are never read: notes for the people who fill the sheet. */
export function isNoteHeader(folded: string): boolean {
  return /^[#_]/.test(folded) || ['note', 'notes', 'comment', 'comments', 'примечание', 'примечания', 'комментарий'].includes(folded);
}

/** How people call a row of each table, for messages. */
export const rowNames: Record<CatalogTable, { en: string; ru: string }> = {
  forum: { en: 'forum', ru: 'форум' },
  media: { en: 'image', ru: 'изображение' },
  regions: { en: 'region', ru: 'регион' },
  hall_zones: { en: 'hall zone', ru: 'зона зала' },
  exhibitors: { en: 'exhibitor', ru: 'экспонент' },
  clusters: { en: 'cluster', ru: 'кластер' },
  cluster_members: { en: 'cluster member', ru: 'участник кластера' },
  tags: { en: 'tag', ru: 'отрасль' },
  projects: { en: 'project', ru: 'проект' },
  project_tags: { en: 'project tag', ru: 'отрасль проекта' },
  project_media: { en: 'gallery image', ru: 'изображение галереи' },
  routes: { en: 'route', ru: 'маршрут' },
  route_stops: { en: 'route stop', ru: 'остановка маршрута' },
  programme_sessions: { en: 'programme session', ru: 'событие программы' },
};

/** The sheet that fills a table (for messages); media has none. */
export function sheetOfTable(table: CatalogTable): SheetDef | undefined {
  return sheetDefs.find((def) => def.tables.includes(table));
}
