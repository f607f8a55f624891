// The catalog tables that the hub owns and syncs to kiosks, with their columns as they travel on the wire.
// Parents come before children, which is also the order of a spreadsheet import.
// tests/unit/db/sync-tables.test.ts checks this list against the kiosk's schema, so the two cannot drift apart.
// To sync a new table: add it in a migration (with hub_seq and deleted), then list it here.

export type ColumnType = 'text' | 'int' | 'real' | 'bool';
export type ColumnSpec = { type: ColumnType; nullable?: boolean };
export type TableSpec = {
  /** Primary-key columns, in order; a row's wire key is the JSON array of their values. */
  key: readonly string[];
  columns: Readonly<Record<string, ColumnSpec>>;
  /**
   * 'catalog' (the default): content, replaced by a spreadsheet import. 'hub': kept by the hub itself (PIN verifiers,
   * review decisions); synced to kiosks like the catalog, never touched by an import.
   */
  source?: 'catalog' | 'hub';
};

const text: ColumnSpec = { type: 'text' };
const textOrNull: ColumnSpec = { type: 'text', nullable: true };
const int: ColumnSpec = { type: 'int' };
const intOrNull: ColumnSpec = { type: 'int', nullable: true };
const real: ColumnSpec = { type: 'real' };
const realOrNull: ColumnSpec = { type: 'real', nullable: true };
const bool: ColumnSpec = { type: 'bool' };

const bilingual = (...names: string[]): Record<string, ColumnSpec> =>
  Object.fromEntries(names.flatMap((name) => [[`${name}_ru`, text], [`${name}_en`, text]]));

export const syncedTables = {
  forum: {
    key: ['id'],
    columns: { id: text, ...bilingual('name', 'venue'), starts_on: text, ends_on: text, timezone: text, is_demo: bool },
  },
  media: {
    key: ['sha256'],
    columns: { sha256: text, mime: text, bytes: int, width: intOrNull, height: intOrNull, ...bilingual('alt') },
  },
  regions: {
    key: ['id'],
    columns: {
      id: text,
      iso_code: text,
      ...bilingual('name', 'district', 'summary'),
      tile_col: int,
      tile_row: int,
      participating: bool,
    },
  },
  hall_zones: {
    key: ['id'],
    columns: { id: text, ...bilingual('name'), x: real, y: real, width: real, height: real },
  },
  exhibitors: {
    key: ['id'],
    columns: {
      id: text,
      region_id: text,
      ...bilingual('name', 'about'),
      booth: text,
      zone_id: textOrNull,
      booth_x: realOrNull,
      booth_y: realOrNull,
      booth_width: realOrNull,
      booth_height: realOrNull,
      ...bilingual('contact_name'),
      phone: text,
      email: text,
      website: text,
      logo_sha256: textOrNull,
      ...bilingual('hours', 'today'),
    },
  },
  clusters: {
    key: ['id'],
    columns: { id: text, region_id: text, ...bilingual('name', 'about'), cover_sha256: textOrNull },
  },
  cluster_members: {
    key: ['id'],
    columns: { id: text, cluster_id: text, position: int, ...bilingual('name', 'role'), exhibitor_id: textOrNull },
  },
  tags: {
    key: ['id'],
    columns: { id: text, ...bilingual('name') },
  },
  projects: {
    key: ['id'],
    columns: {
      id: text,
      kind: text,
      region_id: text,
      exhibitor_id: textOrNull,
      cluster_id: textOrNull,
      ...bilingual('title', 'summary', 'description', 'visiting'),
      link_url: text,
      cover_sha256: textOrNull,
      featured: bool,
      hidden: bool,
    },
  },
  project_tags: {
    key: ['project_id', 'tag_id'],
    columns: { project_id: text, tag_id: text },
  },
  project_media: {
    key: ['project_id', 'sha256'],
    columns: { project_id: text, sha256: text, position: int, ...bilingual('caption') },
  },
  routes: {
    key: ['id'],
    columns: { id: text, ...bilingual('name', 'about'), link_url: text, cover_sha256: textOrNull },
  },
  route_stops: {
    key: ['id'],
    columns: {
      id: text,
      route_id: text,
      position: int,
      ...bilingual('enterprise', 'title', 'about', 'visiting', 'booking', 'address'),
      duration_min: int,
      latitude: real,
      longitude: real,
      region_id: text,
      cover_sha256: textOrNull,
    },
  },
  programme_sessions: {
    key: ['id'],
    columns: {
      id: text,
      kind: text,
      starts_at: text,
      ends_at: text,
      starts_utc: int,
      ends_utc: int,
      ...bilingual('title', 'about', 'place'),
    },
  },
  exhibitor_pins: {
    key: ['exhibitor_id'],
    columns: { exhibitor_id: text, verify_salt: text, verifier: text, sign_salt: text, kdf: text },
    source: 'hub',
  },
  edit_reviews: {
    key: ['mutation_id'],
    columns: { mutation_id: text, exhibitor_id: text, status: text, reason: text, decided_at: int },
    source: 'hub',
  },
  project_stats: {
    key: ['project_id', 'day'],
    columns: { project_id: text, day: text, opens: int, qr_shown: int },
    source: 'hub',
  },
  /** Staff members' kiosk PIN verifiers (scrypt): staff log in at any kiosk, even offline. */
  staff_pins: {
    key: ['staff_id'],
    columns: { staff_id: text, name: text, verify_salt: text, verifier: text, kdf: text },
    source: 'hub',
  },
  /**
   * Presentations tied to the programme: kiosks of `zone` ('' = every kiosk) present `playlist` (JSON) during the
   * programme session `session_id`, or from `starts_at` to `ends_at` (ISO) when no session is given.
   */
  presentation_schedule: {
    key: ['id'],
    columns: { id: text, zone: text, session_id: text, starts_at: text, ends_at: text, playlist: text, interval_seconds: int },
    source: 'hub',
  },
  /**
   * Smaller copies of media files, made by the hub at the widths screens show them (hub/thumbnails.ts); each is a file
   * of its own (`sha256`), downloaded like any media file; one copy per original (`of_sha256`) and width. Two
   * originals may have byte-identical copies, so the copy's hash is not the key.
   */
  media_thumbs: {
    key: ['of_sha256', 'width'],
    columns: { of_sha256: text, width: int, sha256: text, mime: text, bytes: int, height: int },
    source: 'hub',
  },
} as const satisfies Record<string, TableSpec>;

export type SyncedTable = keyof typeof syncedTables;
export const syncedTableNames = Object.keys(syncedTables) as SyncedTable[];

/** The content tables: what a spreadsheet import builds and replaces. */
export type CatalogTable = { [T in SyncedTable]: (typeof syncedTables)[T] extends { source: 'hub' } ? never : T }[SyncedTable];
export const catalogTableNames = syncedTableNames.filter((t) => (syncedTables[t] as TableSpec).source !== 'hub') as CatalogTable[];

export function isSyncedTable(name: string): name is SyncedTable {
  return Object.prototype.hasOwnProperty.call(syncedTables, name);
}

/** A row as it travels: column name → value (booleans as 0/1, like SQLite stores them). */
export type WireRow = Record<string, string | number | null>;

/** The wire key of a row: the JSON array of its primary-key values. */
export function rowKey(table: SyncedTable, row: WireRow): string {
  return JSON.stringify(syncedTables[table].key.map((column) => row[column] ?? null));
}

/** Columns whose values reference a media file, for media download and garbage collection. */
export const mediaColumns: readonly { table: CatalogTable; column: string }[] = [
  { table: 'exhibitors', column: 'logo_sha256' },
  { table: 'clusters', column: 'cover_sha256' },
  { table: 'projects', column: 'cover_sha256' },
  { table: 'project_media', column: 'sha256' },
  { table: 'routes', column: 'cover_sha256' },
  { table: 'route_stops', column: 'cover_sha256' },
];

/** Checks one value against its column; returns a reason in English for logs and import reports, or null. */
export function checkValue(spec: ColumnSpec, value: unknown): string | null {
  if (value === null || value === undefined) return spec.nullable ? null : 'is required';
  switch (spec.type) {
    case 'text':
      return typeof value === 'string' ? null : 'must be text';
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'must be a whole number';
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'bool':
      return value === 0 || value === 1 ? null : 'must be 0 or 1';
  }
}

/**
 * Validates a whole row for a table: every column present with the right type, no unknown column.
 * Returns the problems found (empty when the row is good).
 */
export function checkRow(table: SyncedTable, row: Record<string, unknown>): string[] {
  const spec: TableSpec = syncedTables[table];
  const problems: string[] = [];
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    const reason = checkValue(columnSpec, row[column]);
    if (reason) problems.push(`${column} ${reason}`);
  }
  for (const column of Object.keys(row)) {
    if (!(column in spec.columns)) problems.push(`unknown column ${column}`);
  }
  return problems;
}

/**
 * Fields a kiosk may change through an edit mutation (issue: exhibitors update their booth entries).
 * Booth numbers, positions and regions are staff data and are never editable from a kiosk.
 * The hub re-checks every edit against this list; `maxLength` counts UTF-16 code units.
 */
export const editableFields = {
  exhibitors: {
    about_ru: { maxLength: 2000, multiline: true },
    about_en: { maxLength: 2000, multiline: true },
    hours_ru: { maxLength: 200 },
    hours_en: { maxLength: 200 },
    today_ru: { maxLength: 140 },
    today_en: { maxLength: 140 },
    contact_name_ru: { maxLength: 120 },
    contact_name_en: { maxLength: 120 },
    phone: { maxLength: 40 },
    email: { maxLength: 120 },
    website: { maxLength: 200 },
  },
  projects: {
    title_ru: { maxLength: 160 },
    title_en: { maxLength: 160 },
    summary_ru: { maxLength: 400, multiline: true },
    summary_en: { maxLength: 400, multiline: true },
    description_ru: { maxLength: 4000, multiline: true },
    description_en: { maxLength: 4000, multiline: true },
    visiting_ru: { maxLength: 1000, multiline: true },
    visiting_en: { maxLength: 1000, multiline: true },
    /** One of the project's own photos (project_media), or null for none. */
    cover_sha256: { media: true },
    hidden: { flag: true },
  },
} as const satisfies Partial<Record<SyncedTable, Record<string, EditRule>>>;

/** How an editable field is checked: text up to a length, a 0/1 flag, or a media file the row already has. */
/** `multiline`: a text of paragraphs, edited in a text area (the others are one line). */
export type EditRule = { maxLength: number; multiline?: true } | { flag: true } | { media: true };

export type EditableTable = keyof typeof editableFields;
