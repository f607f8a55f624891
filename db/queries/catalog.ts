// Named read queries of the local catalog, shaped as the kiosk contract's values.
// Every query hides tombstoned rows (deleted = 1) and hidden projects.
import type {
  Bilingual,
  Cluster,
  Exhibitor,
  Forum,
  HallPlan,
  MediaRef,
  Page,
  ProgrammeDay,
  ProgrammeKind,
  ProgrammeSession,
  ProjectCard,
  ProjectDetail,
  ProjectKind,
  RegionSummary,
  Route,
  TagSummary,
} from '../../electron/shared/contract';
import type { Db } from '../connection';

type Row = Record<string, unknown>;

/** Prepared statements are cached per connection: preparing costs more than most of these queries. */
const statementCache = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();

function statement(db: Db, sql: string): ReturnType<Db['prepare']> {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

function all(db: Db, sql: string, params: unknown[] | Row = []): Row[] {
  return statement(db, sql).all(params) as Row[];
}

function one(db: Db, sql: string, params: unknown[] | Row = []): Row | undefined {
  return statement(db, sql).get(params) as Row | undefined;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const bi = (row: Row, column: string): Bilingual => ({ ru: str(row[`${column}_ru`]), en: str(row[`${column}_en`]) });

// ---- Settings ----------------------------------------------------------------------------------------------

export function readSetting(db: Db, key: string): string | null {
  const row = one(db, 'SELECT value FROM kiosk_settings WHERE key = ?', [key]);
  return row ? str(row.value) : null;
}

export function writeSetting(db: Db, key: string, value: string): void {
  statement(db, 'INSERT INTO kiosk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run([key, value]);
}

export function catalogIsEmpty(db: Db): boolean {
  return !one(db, 'SELECT 1 FROM forum LIMIT 1');
}

// ---- Media -------------------------------------------------------------------------------------------------

/** The type of a media file the catalog knows: an original, or one of its smaller copies. */
export function mediaType(db: Db, sha256: string): string | null {
  const row = one(
    db,
    `SELECT mime FROM media WHERE sha256 = ? AND deleted = 0
     UNION ALL SELECT mime FROM media_thumbs WHERE sha256 = ? AND deleted = 0 LIMIT 1`,
    [sha256, sha256],
  );
  return row ? str(row.mime) : null;
}

/**
 * The columns of a media row (`alias`) that mediaRef reads, with `prefix` before each name. Its smaller copies come
 * along as a JSON array of [width, sha256], only those this kiosk already has (none still waiting in media_queue).
 */
export const mediaColumns = (alias: string, prefix: string) =>
  `${alias}.sha256 AS ${prefix}sha256, ${alias}.mime AS ${prefix}mime, ${alias}.width AS ${prefix}width,
   ${alias}.height AS ${prefix}height, ${alias}.alt_ru AS ${prefix}alt_ru, ${alias}.alt_en AS ${prefix}alt_en,
   (SELECT json_group_array(json_array(t.width, t.sha256)) FROM media_thumbs t
     WHERE t.of_sha256 = ${alias}.sha256 AND t.deleted = 0 AND NOT EXISTS (SELECT 1 FROM media_queue q WHERE q.sha256 = t.sha256)
   ) AS ${prefix}thumbs`;

export function mediaRef(row: Row, prefix: string): MediaRef | null {
  const sha256 = strOrNull(row[`${prefix}sha256`]);
  if (!sha256) return null;
  return {
    sha256,
    url: `/media/${sha256}`,
    mime: str(row[`${prefix}mime`]),
    width: numOrNull(row[`${prefix}width`]),
    height: numOrNull(row[`${prefix}height`]),
    alt: { ru: str(row[`${prefix}alt_ru`]), en: str(row[`${prefix}alt_en`]) },
    thumbs: thumbsOf(row[`${prefix}thumbs`]),
  };
}

function thumbsOf(value: unknown): MediaRef['thumbs'] {
  if (typeof value !== 'string') return [];
  const pairs = JSON.parse(value) as [number, string][];
  return pairs.map(([width, sha256]) => ({ url: `/media/${sha256}`, width })).sort((a, b) => a.width - b.width);
}

// ---- Forum and kiosk ---------------------------------------------------------------------------------------

export function forum(db: Db): Forum | null {
  const row = one(db, 'SELECT * FROM forum WHERE deleted = 0 LIMIT 1');
  if (!row) return null;
  return {
    id: str(row.id),
    name: bi(row, 'name'),
    venue: bi(row, 'venue'),
    startsOn: str(row.starts_on),
    endsOn: str(row.ends_on),
    timezone: str(row.timezone),
    isDemo: row.is_demo === 1,
  };
}

// ---- Regions and tags --------------------------------------------------------------------------------------

const visibleProject = 'p.deleted = 0 AND p.hidden = 0';

export function listRegions(db: Db): RegionSummary[] {
  return all(
    db,
    `SELECT r.*, (SELECT count(*) FROM projects p WHERE p.region_id = r.id AND ${visibleProject}) AS project_count
     FROM regions r WHERE r.deleted = 0 ORDER BY r.name_ru`,
  ).map((row) => ({
    id: str(row.id),
    isoCode: str(row.iso_code),
    name: bi(row, 'name'),
    district: bi(row, 'district'),
    summary: bi(row, 'summary'),
    tile: { col: num(row.tile_col), row: num(row.tile_row) },
    participating: row.participating === 1,
    projectCount: num(row.project_count),
  }));
}

export function listTags(db: Db): TagSummary[] {
  return all(
    db,
    `SELECT t.id, t.name_ru, t.name_en,
       (SELECT count(*) FROM project_tags pt JOIN projects p ON p.id = pt.project_id
        WHERE pt.tag_id = t.id AND pt.deleted = 0 AND ${visibleProject}) AS project_count
     FROM tags t WHERE t.deleted = 0 ORDER BY t.name_ru`,
  ).map((row) => ({ id: str(row.id), name: bi(row, 'name'), projectCount: num(row.project_count) }));
}

// ---- Projects ----------------------------------------------------------------------------------------------

const projectCardSelect = `
  SELECT p.id, p.kind, p.title_ru, p.title_en, p.summary_ru, p.summary_en, p.region_id, p.cluster_id, p.featured,
         r.name_ru AS region_name_ru, r.name_en AS region_name_en,
         e.booth AS booth, ${mediaColumns('m', 'cover_')}
  FROM projects p
  JOIN regions r ON r.id = p.region_id
  LEFT JOIN exhibitors e ON e.id = p.exhibitor_id AND e.deleted = 0
  LEFT JOIN media m ON m.sha256 = p.cover_sha256 AND m.deleted = 0`;

function projectCard(row: Row): ProjectCard {
  return {
    id: str(row.id),
    kind: str(row.kind) as ProjectKind,
    title: bi(row, 'title'),
    summary: bi(row, 'summary'),
    regionId: str(row.region_id),
    regionName: bi(row, 'region_name'),
    clusterId: strOrNull(row.cluster_id),
    booth: strOrNull(row.booth),
    featured: row.featured === 1,
    cover: mediaRef(row, 'cover_'),
  };
}

export type ProjectFilter = { regionId?: string; clusterId?: string; tagId?: string; featured?: boolean };

export function listProjects(db: Db, filter: ProjectFilter, offset: number, limit: number): Page<ProjectCard> {
  // One fixed statement per filter shape: unused filters compare NULL, so the statement cache stays small.
  const where = `${visibleProject}
    AND (:regionId IS NULL OR p.region_id = :regionId)
    AND (:clusterId IS NULL OR p.cluster_id = :clusterId)
    AND (:featured IS NULL OR p.featured = :featured)
    AND (:tagId IS NULL OR EXISTS (
      SELECT 1 FROM project_tags pt WHERE pt.project_id = p.id AND pt.tag_id = :tagId AND pt.deleted = 0))`;
  const params = {
    regionId: filter.regionId ?? null,
    clusterId: filter.clusterId ?? null,
    tagId: filter.tagId ?? null,
    featured: filter.featured === undefined ? null : filter.featured ? 1 : 0,
  };
  const total = num(one(db, `SELECT count(*) AS n FROM projects p WHERE ${where}`, params)?.n);
  const items = all(db, `${projectCardSelect} WHERE ${where} ORDER BY p.featured DESC, p.title_ru, p.id LIMIT :limit OFFSET :offset`, {
    ...params,
    limit,
    offset,
  }).map(projectCard);
  return { items, total, offset, limit };
}

function exhibitor(row: Row): Exhibitor {
  return {
    id: str(row.id),
    name: bi(row, 'name'),
    about: bi(row, 'about'),
    booth: str(row.booth),
    zoneId: strOrNull(row.zone_id),
    contactName: bi(row, 'contact_name'),
    phone: str(row.phone),
    email: str(row.email),
    website: str(row.website),
    logo: mediaRef(row, 'logo_'),
    hours: bi(row, 'hours'),
    today: bi(row, 'today'),
  };
}

export function getProject(db: Db, id: string): ProjectDetail | null {
  const row = one(
    db,
    `SELECT p.*, r.name_ru AS region_name_ru, r.name_en AS region_name_en, e.booth AS booth,
            c.name_ru AS cluster_name_ru, c.name_en AS cluster_name_en, ${mediaColumns('m', 'cover_')}
     FROM projects p
     JOIN regions r ON r.id = p.region_id
     LEFT JOIN exhibitors e ON e.id = p.exhibitor_id AND e.deleted = 0
     LEFT JOIN clusters c ON c.id = p.cluster_id AND c.deleted = 0
     LEFT JOIN media m ON m.sha256 = p.cover_sha256 AND m.deleted = 0
     WHERE p.id = ? AND ${visibleProject}`,
    [id],
  );
  if (!row) return null;
  const tags = all(
    db,
    `SELECT t.id, t.name_ru, t.name_en FROM project_tags pt JOIN tags t ON t.id = pt.tag_id
     WHERE pt.project_id = ? AND pt.deleted = 0 AND t.deleted = 0 ORDER BY t.name_ru`,
    [id],
  ).map((tag) => ({ id: str(tag.id), name: bi(tag, 'name') }));
  const media = all(
    db,
    `SELECT pm.caption_ru, pm.caption_en, ${mediaColumns('m', '')}
     FROM project_media pm JOIN media m ON m.sha256 = pm.sha256
     WHERE pm.project_id = ? AND pm.deleted = 0 AND m.deleted = 0 ORDER BY pm.position`,
    [id],
  ).flatMap((item) => {
    const ref = mediaRef(item, '');
    return ref ? [{ ...ref, caption: bi(item, 'caption') }] : [];
  });
  const exhibitorRow = row.exhibitor_id
    ? one(
        db,
        `SELECT e.*, ${mediaColumns('m', 'logo_')} FROM exhibitors e
         LEFT JOIN media m ON m.sha256 = e.logo_sha256 AND m.deleted = 0
         WHERE e.id = ? AND e.deleted = 0`,
        [row.exhibitor_id],
      )
    : undefined;
  return {
    ...projectCard(row),
    description: bi(row, 'description'),
    visiting: bi(row, 'visiting'),
    linkUrl: str(row.link_url),
    tags,
    media,
    exhibitor: exhibitorRow ? exhibitor(exhibitorRow) : null,
    clusterName: row.cluster_name_ru ? bi(row, 'cluster_name') : null,
  };
}

// ---- Clusters ----------------------------------------------------------------------------------------------

export function listClusters(db: Db): Cluster[] {
  const members = new Map<string, Cluster['members']>();
  for (const row of all(
    db,
    `SELECT cm.* FROM cluster_members cm WHERE cm.deleted = 0 ORDER BY cm.cluster_id, cm.position`,
  )) {
    const list = members.get(str(row.cluster_id)) ?? [];
    list.push({ id: str(row.id), name: bi(row, 'name'), role: bi(row, 'role'), exhibitorId: strOrNull(row.exhibitor_id) });
    members.set(str(row.cluster_id), list);
  }
  return all(
    db,
    `SELECT c.*, ${mediaColumns('m', 'cover_')},
       (SELECT count(*) FROM projects p WHERE p.cluster_id = c.id AND ${visibleProject}) AS project_count
     FROM clusters c LEFT JOIN media m ON m.sha256 = c.cover_sha256 AND m.deleted = 0
     WHERE c.deleted = 0 ORDER BY c.name_ru`,
  ).map((row) => ({
    id: str(row.id),
    regionId: str(row.region_id),
    name: bi(row, 'name'),
    about: bi(row, 'about'),
    cover: mediaRef(row, 'cover_'),
    members: members.get(str(row.id)) ?? [],
    projectCount: num(row.project_count),
  }));
}

// ---- The route ---------------------------------------------------------------------------------------------

/** The route by id, or the first one when no id is given (the forum has one route). */
export function getRoute(db: Db, id: string | undefined): Route | null {
  const row = one(
    db,
    `SELECT r.*, ${mediaColumns('m', 'cover_')} FROM routes r
     LEFT JOIN media m ON m.sha256 = r.cover_sha256 AND m.deleted = 0
     WHERE r.deleted = 0 AND (:id IS NULL OR r.id = :id) ORDER BY r.id LIMIT 1`,
    { id: id ?? null },
  );
  if (!row) return null;
  const stops = all(
    db,
    `SELECT s.*, ${mediaColumns('m', 'cover_')} FROM route_stops s
     LEFT JOIN media m ON m.sha256 = s.cover_sha256 AND m.deleted = 0
     WHERE s.route_id = ? AND s.deleted = 0 ORDER BY s.position`,
    [row.id],
  ).map((stop) => ({
    id: str(stop.id),
    position: num(stop.position),
    enterprise: bi(stop, 'enterprise'),
    title: bi(stop, 'title'),
    about: bi(stop, 'about'),
    visiting: bi(stop, 'visiting'),
    booking: bi(stop, 'booking'),
    address: bi(stop, 'address'),
    durationMinutes: num(stop.duration_min),
    latitude: num(stop.latitude),
    longitude: num(stop.longitude),
    cover: mediaRef(stop, 'cover_'),
  }));
  return {
    id: str(row.id),
    name: bi(row, 'name'),
    about: bi(row, 'about'),
    linkUrl: str(row.link_url),
    cover: mediaRef(row, 'cover_'),
    stops,
  };
}

// ---- Programme ---------------------------------------------------------------------------------------------

function session(row: Row): ProgrammeSession {
  return {
    id: str(row.id),
    kind: str(row.kind) as ProgrammeKind,
    startsAt: str(row.starts_at),
    endsAt: str(row.ends_at),
    title: bi(row, 'title'),
    about: bi(row, 'about'),
    place: bi(row, 'place'),
  };
}

/** All sessions grouped by their local date (the date part of starts_at, which carries the venue's offset). */
export function programmeDays(db: Db): ProgrammeDay[] {
  const days = new Map<string, ProgrammeSession[]>();
  for (const row of all(db, 'SELECT * FROM programme_sessions WHERE deleted = 0 ORDER BY starts_utc, place_ru, id')) {
    const date = str(row.starts_at).slice(0, 10);
    const list = days.get(date) ?? [];
    list.push(session(row));
    days.set(date, list);
  }
  return [...days].map(([date, sessions]) => ({ date, sessions }));
}

/** What is on at `at`, and what starts next (every session sharing the next start time). */
export function programmeNowNext(db: Db, at: Date): { now: ProgrammeSession[]; next: ProgrammeSession[] } {
  const t = at.getTime();
  const now = all(
    db,
    'SELECT * FROM programme_sessions WHERE deleted = 0 AND starts_utc <= ? AND ends_utc > ? ORDER BY starts_utc, place_ru',
    [t, t],
  ).map(session);
  const next = all(
    db,
    `SELECT * FROM programme_sessions WHERE deleted = 0 AND starts_utc = (
       SELECT min(starts_utc) FROM programme_sessions WHERE deleted = 0 AND starts_utc > ?)
     ORDER BY place_ru`,
    [t],
  ).map(session);
  return { now, next };
}

// ---- Hall plan ---------------------------------------------------------------------------------------------

export function hallPlan(db: Db): HallPlan {
  const zones = all(db, 'SELECT * FROM hall_zones WHERE deleted = 0 ORDER BY id').map((row) => ({
    id: str(row.id),
    name: bi(row, 'name'),
    x: num(row.x),
    y: num(row.y),
    width: num(row.width),
    height: num(row.height),
  }));
  const booths = all(
    db,
    `SELECT id, booth, name_ru, name_en, zone_id, booth_x, booth_y, booth_width, booth_height FROM exhibitors
     WHERE deleted = 0 AND booth_x IS NOT NULL AND booth_y IS NOT NULL ORDER BY booth`,
  ).map((row) => ({
    exhibitorId: str(row.id),
    booth: str(row.booth),
    name: bi(row, 'name'),
    zoneId: strOrNull(row.zone_id),
    x: num(row.booth_x),
    y: num(row.booth_y),
    width: num(row.booth_width),
    height: num(row.booth_height),
  }));
  const extent = [...zones, ...booths];
  return {
    width: Math.max(0, ...extent.map((box) => box.x + box.width)),
    height: Math.max(0, ...extent.map((box) => box.y + box.height)),
    zones,
    booths,
  };
}
