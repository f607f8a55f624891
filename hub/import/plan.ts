// The catalog as it will be after the import, checked as a kiosk would hold it, and the writes that get it there.
// Each sheet present is authoritative for its tables (rows missing from it are deleted); other tables keep the hub's
// rows, unless `replaceAll` makes every table authoritative. Media rows follow the catalog: every image something
// refers to has a row, and the rows of images that the import stops using are deleted (with `replaceAll`, every row
// nothing refers to).
import { openDatabase } from '../../db/connection';
import { mediaColumns, rowKey, catalogTableNames, syncedTables, type CatalogTable, type WireRow } from '../../db/sync-tables';
import type { HubStore, RecordWrite } from '../store/hub-store';
import type { ImageFile } from './images';
import type { ParsedImport, Problems, Source } from './parse';
import { rowNames, sheetOfTable } from './sheets';
import type { TableCounts } from './types';

type Entry = { row: WireRow; source: Source | null; column?: string };
export type Catalog = Map<CatalogTable, Map<string, Entry>>;

export type Plan = {
  counts: Record<CatalogTable, TableCounts>;
  /** New and changed rows parents first, then deletions children first. */
  writes: RecordWrite[];
  /** Image files the hub's catalog will refer to. */
  images: ImageFile[];
  referencedImages: number;
  authoritative: Set<CatalogTable>;
  /** Rows each non-authoritative table keeps, for the notes. */
  kept: Map<CatalogTable, number>;
  hubForumIsDemo: boolean;
};

const canonical = (table: CatalogTable, row: WireRow) => JSON.stringify(Object.keys(syncedTables[table].columns).map((c) => row[c] ?? null));

/** The hub's current catalog, by table and key. */
export async function hubCatalog(store: HubStore): Promise<Map<CatalogTable, Map<string, WireRow>>> {
  const hub = new Map<CatalogTable, Map<string, WireRow>>();
  for (const table of catalogTableNames) {
    const rows = new Map<string, WireRow>();
    for (const record of await store.listRecords(table)) if (record.row) rows.set(record.key, record.row);
    hub.set(table, rows);
  }
  return hub;
}

export function planImport(
  hub: Map<CatalogTable, Map<string, WireRow>>,
  parsed: ParsedImport,
  problems: Problems,
  options: { replaceAll: boolean },
): Plan {
  const authoritative = new Set<CatalogTable>(options.replaceAll ? catalogTableNames.filter((t) => t !== 'media') : []);
  for (const { def } of parsed.present.values()) for (const table of def.tables) authoritative.add(table);

  const final: Catalog = new Map();
  const kept = new Map<CatalogTable, number>();
  for (const table of catalogTableNames) {
    const entries = new Map<string, Entry>();
    if (table === 'media') {
      // filled below
    } else if (authoritative.has(table)) {
      for (const parsedRow of parsed.rows.get(table) ?? []) entries.set(parsedRow.key, { row: parsedRow.row, source: parsedRow.source });
    } else {
      for (const [key, row] of hub.get(table) ?? []) entries.set(key, { row, source: null });
      kept.set(table, entries.size);
    }
    final.set(table, entries);
  }
  if (authoritative.has('project_tags')) addProjectTags(final, parsed, problems);
  if (authoritative.has('project_media')) addGallery(final, parsed);

  // Media: a row for every image the catalog will refer to; the hub's row is kept for images it already has.
  const referenced = new Set<string>();
  for (const { table, column } of mediaColumns) {
    for (const entry of final.get(table)?.values() ?? []) {
      const sha = entry.row[column];
      if (typeof sha === 'string') referenced.add(sha);
    }
  }
  const media = final.get('media') ?? new Map<string, Entry>();
  const hubMedia = hub.get('media') ?? new Map<string, WireRow>();
  const images: ImageFile[] = [];
  for (const sha of referenced) {
    const key = JSON.stringify([sha]);
    const file = parsed.images.get(sha);
    const existing = hubMedia.get(key);
    const alt = parsed.alts.get(sha);
    if (file) images.push(file);
    let row: WireRow | null = null;
    if (existing) row = { ...existing };
    else if (file) row = { sha256: sha, mime: file.mime, bytes: file.bytes, width: file.width, height: file.height, alt_ru: '', alt_en: '' };
    if (!row) continue;
    if (alt) Object.assign(row, alt);
    media.set(key, { row, source: null });
  }
  // Media rows nothing referred to before the import are not this import's business (unless --replace-all).
  if (!options.replaceAll) {
    const before = new Set<string>();
    for (const { table, column } of mediaColumns) {
      for (const row of hub.get(table)?.values() ?? []) if (typeof row[column] === 'string') before.add(row[column]);
    }
    for (const [key, row] of hubMedia) {
      if (!media.has(key) && typeof row.sha256 === 'string' && !before.has(row.sha256)) media.set(key, { row, source: null });
    }
  }

  checkAsKiosk(final, parsed, problems, authoritative);

  const counts = {} as Record<CatalogTable, TableCounts>;
  const upserts: RecordWrite[] = [];
  const deletions: RecordWrite[][] = [];
  for (const table of catalogTableNames) {
    const now = final.get(table) ?? new Map<string, Entry>();
    const before = hub.get(table) ?? new Map<string, WireRow>();
    const count: TableCounts = { add: 0, change: 0, delete: 0, unchanged: 0 };
    for (const [key, entry] of now) {
      const old = before.get(key);
      if (!old) count.add++;
      else if (canonical(table, old) !== canonical(table, entry.row)) count.change++;
      else {
        count.unchanged++;
        continue;
      }
      upserts.push({ table, key, row: entry.row });
    }
    const gone: RecordWrite[] = [];
    for (const key of before.keys()) {
      if (!now.has(key)) {
        count.delete++;
        gone.push({ table, key, row: null });
      }
    }
    deletions.push(gone);
    counts[table] = count;
  }
  // Children are deleted before their parents, so a kiosk never holds a child whose parent is already gone.
  const writes = [...upserts, ...deletions.reverse().flat()];
  const hubForum = [...(hub.get('forum')?.values() ?? [])];
  return {
    counts,
    writes,
    images,
    referencedImages: referenced.size,
    authoritative,
    kept,
    hubForumIsDemo: hubForum.some((row) => row.is_demo === 1),
  };
}

const foldTag = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** A project's tags by id, or by their Russian or English name. */
function addProjectTags(final: Catalog, parsed: ParsedImport, problems: Problems): void {
  const tags = final.get('tags') ?? new Map<string, Entry>();
  const byId = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  for (const { row } of tags.values()) {
    const id = row.id as string;
    byId.set(id, id);
    for (const name of [row.name_ru, row.name_en]) {
      if (typeof name !== 'string') continue;
      const set = byName.get(foldTag(name)) ?? new Set<string>();
      set.add(id);
      byName.set(foldTag(name), set);
    }
  }
  const badTags = parsed.badKeys.get('tags') ?? new Set<string>();
  const out = final.get('project_tags') ?? new Map<string, Entry>();
  for (const { projectId, ref, source } of parsed.tagRefs) {
    let tagId = byId.get(ref.toLowerCase());
    if (!tagId) {
      const named = byName.get(foldTag(ref));
      if (named && named.size === 1) tagId = [...named][0];
      else if (named && named.size > 1) {
        problems.add(source.sheet, source.line, 'tags', { en: `"${ref}" names several tags; use the tag's id`, ru: `«${ref}» — название нескольких отраслей; укажите id` });
        continue;
      }
    }
    if (!tagId) {
      if (badTags.has(JSON.stringify([ref.toLowerCase()]))) continue;
      const inSheet = parsed.present.has('tags');
      problems.add(source.sheet, source.line, 'tags', {
        en: `no tag "${ref}" (by id or name) ${inSheet ? 'in the tags sheet' : 'on the hub'}`,
        ru: `отрасли «${ref}» (по id или названию) нет ${inSheet ? 'на листе tags' : 'на хабе'}`,
      });
      continue;
    }
    const row = { project_id: projectId, tag_id: tagId };
    out.set(rowKey('project_tags', row), { row, source, column: 'tags' });
  }
  final.set('project_tags', out);
}

function addGallery(final: Catalog, parsed: ParsedImport): void {
  const out = final.get('project_media') ?? new Map<string, Entry>();
  const positions = new Map<string, number>();
  for (const { projectId, image, source } of parsed.gallery) {
    const row = { project_id: projectId, sha256: image.sha256, position: 0, caption_ru: '', caption_en: '' };
    const key = rowKey('project_media', row);
    if (out.has(key)) continue; // the same picture twice in one gallery: shown once
    const position = (positions.get(projectId) ?? 0) + 1;
    positions.set(projectId, position);
    row.position = position;
    out.set(key, { row, source, column: 'gallery' });
  }
  final.set('project_media', out);
}

/** The spreadsheet column behind a catalog column, for messages. */
function headerOf(table: CatalogTable, column: string, entry: Entry): string {
  if (entry.column) return entry.column;
  const def = sheetOfTable(table);
  return def?.columns.find((c) => c.column === column)?.header ?? column;
}

/**
 * Loads the whole catalog-to-be into an empty kiosk database, with the kiosk's own schema and checks, and reports
 * every row it refuses and every reference to a row that will not exist.
 */
function checkAsKiosk(final: Catalog, parsed: ParsedImport, problems: Problems, authoritative: Set<CatalogTable>): void {
  const db = openDatabase(':memory:');
  try {
    db.pragma('foreign_keys = OFF');
    // The search index is no check of anything; its triggers would take most of the time on a big import.
    for (const { name } of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%search%'").all() as { name: string }[]) {
      db.exec(`DROP TRIGGER "${name}"`);
    }
    db.transaction(() => {
      for (const table of catalogTableNames) {
        const columns = Object.keys(syncedTables[table].columns);
        const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const [key, entry] of final.get(table) ?? []) {
          try {
            insert.run(...columns.map((c) => entry.row[c] ?? null));
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            if (entry.source) problems.add(entry.source.sheet, entry.source.line, null, { en: reason, ru: reason });
            else problems.add('', null, null, { en: `the hub's ${table} row ${key}: ${reason}`, ru: `строка ${key} таблицы ${table} на хабе: ${reason}` });
          }
        }
      }
    })();

    let reported = 0;
    const orphans = new Map<string, { table: CatalogTable; column: string; parent: CatalogTable; value: string; first: string; count: number }>();
    for (const table of catalogTableNames) {
      const keyColumns = syncedTables[table].key;
      const foreignKeys = db.pragma(`foreign_key_list(${table})`) as { table: string; from: string; to: string }[];
      for (const fk of foreignKeys) {
        const parent = fk.table as CatalogTable;
        const rows = db
          .prepare(`SELECT ${keyColumns.join(', ')}, ${fk.from} AS ref FROM ${table} WHERE ${fk.from} IS NOT NULL AND ${fk.from} NOT IN (SELECT ${fk.to} FROM ${parent})`)
          .all() as (WireRow & { ref: string })[];
        for (const row of rows) {
          reported++;
          const value = row.ref;
          if (parsed.badKeys.get(parent)?.has(JSON.stringify([value]))) continue; // already reported on its own row
          const entry = final.get(table)?.get(rowKey(table, row));
          if (!entry) continue;
          if (entry.source) {
            reportMissing(problems, table, fk.from, entry, entry.source, parent, value, authoritative, parsed);
            continue;
          }
          // Rows the import does not touch that refer to a row it removes: one problem per removed row and table.
          const id = syncedTables[table].key.map((c) => String(row[c])).join('/');
          const group = `${table}\u0000${fk.from}\u0000${value}`;
          const seen = orphans.get(group);
          if (seen) seen.count++;
          else orphans.set(group, { table, column: fk.from, parent, value, first: id, count: 1 });
        }
      }
    }
    for (const orphan of orphans.values()) reportOrphan(problems, orphan, parsed);
    const left = (db.pragma('foreign_key_check') as unknown[]).length;
    if (left > reported) problems.add('', null, null, { en: `${left - reported} broken references in the catalog`, ru: `${left - reported} битых ссылок в каталоге` });
  } finally {
    db.close();
  }
}

function reportMissing(
  problems: Problems,
  table: CatalogTable,
  column: string,
  entry: Entry,
  source: Source,
  parent: CatalogTable,
  value: string,
  authoritative: Set<CatalogTable>,
  parsed: ParsedImport,
): void {
  const parentKey = sheetOfTable(parent)?.key;
  const inSheet = parentKey !== undefined && parsed.present.has(parentKey);
  const parentName = (parentKey && parsed.present.get(parentKey)?.name) ?? parentKey ?? parent;
  const header = headerOf(table, column, entry);
  const at = (en: string, ru: string) => problems.add(source.sheet, source.line, header, { en, ru });
  const what = rowNames[parent];
  if (parent === 'media') at(`no image ${value} on the hub`, `изображения ${value} нет на хабе`);
  else if (inSheet) at(`there is no ${what.en} "${value}" in the ${parentName} sheet`, `«${value}»: такой строки (${what.ru}) нет на листе ${parentName}`);
  else if (authoritative.has(parent)) {
    at(
      `there is no ${what.en} "${value}": --replace-all empties ${parent} unless the import has a ${parentName} sheet`,
      `«${value}»: такой строки (${what.ru}) нет: --replace-all очищает ${parent}, если в загрузке нет листа ${parentName}`,
    );
  } else {
    at(
      `there is no ${what.en} "${value}" on the hub, and this import has no ${parentName} sheet`,
      `«${value}»: такой строки (${what.ru}) нет на хабе, а листа ${parentName} в загрузке нет`,
    );
  }
}

function reportOrphan(
  problems: Problems,
  orphan: { table: CatalogTable; column: string; parent: CatalogTable; value: string; first: string; count: number },
  parsed: ParsedImport,
): void {
  const { table, column, parent, value, first, count } = orphan;
  const parentKey = sheetOfTable(parent)?.key;
  const parentName = (parentKey && parsed.present.get(parentKey)?.name) ?? parentKey ?? parent;
  const childSheet = sheetOfTable(table)?.key ?? table;
  const others = count > 1 ? ` and ${count - 1} more` : '';
  const othersRu = count > 1 ? ` и ещё ${count - 1}` : '';
  problems.add(parentName, null, null, {
    en: `${rowNames[parent].en} "${value}" would be removed, but ${rowNames[table].en} "${first}"${others} on the hub still refer to it (${column}); keep the row, or import a ${childSheet} sheet too`,
    ru: `строка «${value}» (${rowNames[parent].ru}) будет удалена, но на неё ссылаются строки на хабе: «${first}»${othersRu} (${rowNames[table].ru}, ${column}); оставьте строку или загрузите и лист ${childSheet}`,
  });
}
