import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/connection';
import { demoUpdatedAt, loadDemoContent, type DemoSummary } from '../../../db/demo/generate';
import { MediaStore } from '../../../electron/core/media-store';

/** A media sink in memory: same contract as MediaStore.put (returns the SHA-256 hex of the bytes). */
function memoryMedia() {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    put(bytes: Uint8Array): string {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      files.set(sha256, bytes.slice());
      return sha256;
    },
  };
}

function load(options?: { seed?: number; projects?: number }) {
  const db = openDatabase(':memory:');
  const media = memoryMedia();
  const summary = loadDemoContent(db, media, options);
  return { db, media, summary };
}

const catalogTables = [
  'forum',
  'media',
  'regions',
  'hall_zones',
  'exhibitors',
  'clusters',
  'cluster_members',
  'tags',
  'projects',
  'project_tags',
  'project_media',
  'routes',
  'route_stops',
  'programme_sessions',
  'kiosk_settings',
  'search_docs',
] as const;

function dump(db: Db): string {
  return catalogTables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all())}`).join('\n');
}

const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe('demo content (default options)', () => {
  let db: Db;
  let media: ReturnType<typeof memoryMedia>;
  let summary: DemoSummary;

  beforeAll(() => {
    ({ db, media, summary } = load());
  });
  afterAll(() => db.close());

  it('meets the minimum counts and reports them truthfully', () => {
    expect(summary.participatingRegions).toBeGreaterThanOrEqual(62);
    expect(summary.regions).toBeGreaterThanOrEqual(80);
    expect(summary.projects).toBe(320);
    expect(summary.clusters).toBe(10);
    expect(summary.routeStops).toBeGreaterThanOrEqual(8);
    expect(summary.sessions).toBeGreaterThanOrEqual(15);
    expect(summary.sessions).toBeLessThanOrEqual(25);
    expect(summary.media).toBeLessThanOrEqual(60);

    expect(count(db, 'SELECT count(*) AS n FROM regions')).toBe(summary.regions);
    expect(count(db, 'SELECT count(*) AS n FROM regions WHERE participating = 1')).toBe(summary.participatingRegions);
    expect(count(db, 'SELECT count(*) AS n FROM exhibitors')).toBe(summary.exhibitors);
    expect(count(db, 'SELECT count(*) AS n FROM projects')).toBe(summary.projects);
    expect(count(db, "SELECT count(*) AS n FROM clusters WHERE region_id = 'omsk'")).toBe(10);
    expect(count(db, 'SELECT count(*) AS n FROM route_stops')).toBe(summary.routeStops);
    expect(count(db, 'SELECT count(*) AS n FROM programme_sessions')).toBe(summary.sessions);
    expect(count(db, 'SELECT count(*) AS n FROM media')).toBe(summary.media);
    expect(count(db, 'SELECT count(*) AS n FROM tags')).toBeGreaterThanOrEqual(12);
    expect(count(db, 'SELECT count(*) AS n FROM hall_zones')).toBeGreaterThanOrEqual(4);
    expect(count(db, 'SELECT count(*) AS n FROM hall_zones')).toBeLessThanOrEqual(6);
  });

  it('describes the forum as demo content with fixed dates and a fixed "data as of"', () => {
    const forum = db.prepare('SELECT * FROM forum').all() as Record<string, unknown>[];
    expect(forum).toHaveLength(1);
    expect(forum[0]).toMatchObject({
      name_ru: 'Дни промышленности Омской области',
      name_en: 'Industry Days in the Omsk Region',
      starts_on: '2026-12-03',
      ends_on: '2026-12-04',
      timezone: 'Asia/Omsk',
      is_demo: 1,
    });
    expect(String(forum[0]?.venue_ru)).toContain('Конгресс-холл');
    expect(db.prepare("SELECT value FROM kiosk_settings WHERE key = 'catalog.updated_at'").get()).toEqual({ value: demoUpdatedAt });
  });

  it('fills every visitor-facing Russian and English text, in the right script', () => {
    for (const table of catalogTables) {
      if (table === 'search_docs' || table === 'kiosk_settings') continue;
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
        .map((c) => c.name)
        .filter((name) => name.endsWith('_ru') || name.endsWith('_en'));
      for (const column of columns) {
        expect(count(db, `SELECT count(*) AS n FROM ${table} WHERE trim(${column}) = ''`), `${table}.${column} empty`).toBe(0);
        const rows = db.prepare(`SELECT ${column} AS v FROM ${table}`).all() as { v: string }[];
        for (const { v } of rows) {
          if (column.endsWith('_ru')) expect(v, `${table}.${column}`).toMatch(/[А-Яа-яЁё]/);
          else expect(v, `${table}.${column}`).not.toMatch(/[А-Яа-яЁё]/);
        }
      }
    }
  });

  it('has real regions on a tile map without overlaps, laid out west to east', () => {
    const regions = db.prepare('SELECT id, iso_code, tile_col, tile_row, participating FROM regions').all() as {
      id: string;
      iso_code: string;
      tile_col: number;
      tile_row: number;
      participating: number;
    }[];
    const cells = new Set(regions.map((r) => `${r.tile_col},${r.tile_row}`));
    expect(cells.size).toBe(regions.length);
    expect(new Set(regions.map((r) => r.iso_code)).size).toBe(regions.length);
    for (const r of regions) {
      expect(r.iso_code).toMatch(/^RU-[A-Z]{2,3}$/);
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    const cols = regions.map((r) => r.tile_col);
    const rows = regions.map((r) => r.tile_row);
    expect(Math.min(...cols)).toBe(0);
    expect(Math.min(...rows)).toBe(0);
    expect(Math.max(...cols) + 1).toBeGreaterThanOrEqual(18);
    expect(Math.max(...cols) + 1).toBeLessThanOrEqual(20);
    expect(Math.max(...rows) + 1).toBeGreaterThanOrEqual(9);
    expect(Math.max(...rows) + 1).toBeLessThanOrEqual(11);

    const at = (id: string) => regions.find((r) => r.id === id);
    expect(at('omsk')).toMatchObject({ iso_code: 'RU-OMS', participating: 1 });
    const kaliningrad = at('kaliningrad');
    expect(kaliningrad?.tile_col).toBe(Math.min(...cols));
    expect(regions.filter((r) => r.tile_col === kaliningrad?.tile_col)).toHaveLength(1);
    expect(at('chukotka')?.tile_col).toBe(Math.max(...cols));
    expect(at('kamchatka')?.tile_col).toBe(Math.max(...cols));
    // West of the Urals is left of Siberia; Murmansk is north of Dagestan.
    expect(at('moscow')!.tile_col).toBeLessThan(at('sverdlovsk')!.tile_col);
    expect(at('sverdlovsk')!.tile_col).toBeLessThan(at('omsk')!.tile_col);
    expect(at('omsk')!.tile_col).toBeLessThan(at('irkutsk')!.tile_col);
    expect(at('irkutsk')!.tile_col).toBeLessThan(at('primorsky')!.tile_col);
    expect(at('murmansk')!.tile_row).toBeLessThan(at('moscow')!.tile_row);
    expect(at('moscow')!.tile_row).toBeLessThan(at('dagestan')!.tile_row);
  });

  it('places booths uniquely inside their zones without overlaps', () => {
    const zones = db.prepare('SELECT * FROM hall_zones').all() as { id: string; x: number; y: number; width: number; height: number }[];
    for (const z of zones) {
      expect(z.x).toBeGreaterThanOrEqual(0);
      expect(z.y).toBeGreaterThanOrEqual(0);
      expect(z.x + z.width).toBeLessThanOrEqual(120);
      expect(z.y + z.height).toBeLessThanOrEqual(70);
    }
    const booths = db
      .prepare('SELECT id, booth, zone_id, booth_x AS x, booth_y AS y, booth_width AS w, booth_height AS h FROM exhibitors')
      .all() as { id: string; booth: string; zone_id: string; x: number; y: number; w: number; h: number }[];
    expect(new Set(booths.map((b) => b.booth)).size).toBe(booths.length);
    for (const b of booths) {
      expect(b.booth).toMatch(/^[A-Z]-\d+$/);
      const zone = zones.find((z) => z.id === b.zone_id);
      expect(zone, b.id).toBeDefined();
      if (!zone) continue;
      expect(b.x).toBeGreaterThanOrEqual(zone.x);
      expect(b.y).toBeGreaterThanOrEqual(zone.y);
      expect(b.x + b.w).toBeLessThanOrEqual(zone.x + zone.width);
      expect(b.y + b.h).toBeLessThanOrEqual(zone.y + zone.height);
    }
    for (let i = 0; i < booths.length; i++) {
      for (let j = i + 1; j < booths.length; j++) {
        const a = booths[i]!;
        const b = booths[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.booth} overlaps ${b.booth}`).toBe(false);
      }
    }
  });

  it('gives every participating region an exhibitor and projects, and links projects within their region', () => {
    expect(
      count(db, 'SELECT count(*) AS n FROM regions r WHERE participating = 1 AND NOT EXISTS (SELECT 1 FROM exhibitors e WHERE e.region_id = r.id)'),
    ).toBe(0);
    expect(
      count(db, 'SELECT count(*) AS n FROM regions r WHERE participating = 1 AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.region_id = r.id)'),
    ).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM projects p WHERE p.region_id IN (SELECT id FROM regions WHERE participating = 0)')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM projects WHERE exhibitor_id IS NULL')).toBe(0);
    expect(
      count(db, 'SELECT count(*) AS n FROM projects p JOIN exhibitors e ON e.id = p.exhibitor_id WHERE e.region_id <> p.region_id'),
    ).toBe(0);
  });

  it('builds projects of both kinds with tags, covers, galleries and demo links', () => {
    expect(count(db, "SELECT count(*) AS n FROM projects WHERE kind = 'tourism'")).toBeGreaterThan(200);
    expect(count(db, "SELECT count(*) AS n FROM projects WHERE kind = 'cluster' AND (cluster_id IS NULL OR region_id <> 'omsk')")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM projects WHERE kind = 'tourism' AND cluster_id IS NOT NULL")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.cluster_id = c.id)")).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM projects WHERE cover_sha256 IS NULL')).toBe(0);

    const tagCounts = db.prepare('SELECT p.id, (SELECT count(*) FROM project_tags t WHERE t.project_id = p.id) AS n FROM projects p').all() as { n: number }[];
    for (const { n } of tagCounts) expect(n >= 1 && n <= 4).toBe(true);
    const galleries = db.prepare('SELECT p.id, (SELECT count(*) FROM project_media m WHERE m.project_id = p.id) AS n FROM projects p').all() as { n: number }[];
    for (const { n } of galleries) expect(n >= 1 && n <= 4).toBe(true);
    const positions = db.prepare('SELECT project_id, group_concat(position) AS p FROM (SELECT * FROM project_media ORDER BY project_id, position) GROUP BY project_id').all() as { p: string }[];
    for (const { p } of positions) expect(p).toBe(Array.from({ length: p.split(',').length }, (_, i) => i + 1).join(','));

    const featured = count(db, 'SELECT count(*) AS n FROM projects WHERE featured = 1');
    expect(featured).toBeGreaterThanOrEqual(8);
    expect(featured).toBeLessThanOrEqual(16);

    const sentences = (text: string) => text.split(/(?<=[.!?…])\s+/).filter(Boolean).length;
    const texts = db.prepare('SELECT summary_ru, description_ru, description_en FROM projects').all() as Record<string, string>[];
    for (const t of texts) {
      expect(sentences(t.summary_ru ?? '')).toBe(1);
      expect(sentences(t.description_ru ?? '')).toBeGreaterThanOrEqual(2);
      expect(sentences(t.description_ru ?? '')).toBeLessThanOrEqual(4);
    }
    expect(new Set((db.prepare('SELECT title_ru FROM projects').all() as { title_ru: string }[]).map((r) => r.title_ru)).size).toBeGreaterThan(150);
  });

  it('uses only reserved demo domains for contacts and links', () => {
    const urls = [
      ...(db.prepare('SELECT website AS v FROM exhibitors UNION ALL SELECT link_url FROM projects UNION ALL SELECT link_url FROM routes').all() as { v: string }[]),
    ].map((r) => r.v);
    for (const url of urls) expect(new URL(url).hostname).toMatch(/(^|\.)example\.(com|org)$/);
    const emails = (db.prepare('SELECT email AS v FROM exhibitors').all() as { v: string }[]).map((r) => r.v);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9-]+@example\.(com|org)$/);
    const phones = (db.prepare('SELECT phone AS v FROM exhibitors').all() as { v: string }[]).map((r) => r.v);
    for (const phone of phones) expect(phone).toMatch(/^\+7 \(\d{3,4}\) [\d-]+$/);
  });

  it('contains ё and long compound words for search', () => {
    expect(count(db, "SELECT count(*) AS n FROM tags WHERE name_ru LIKE '%ё%'")).toBeGreaterThan(0);
    expect(count(db, "SELECT count(*) AS n FROM projects WHERE title_ru LIKE '%ё%' OR description_ru LIKE '%ё%'")).toBeGreaterThan(0);
    for (const word of ['нефтехимический', 'машиностроительный', 'деревообрабатывающий']) {
      expect(count(db, 'SELECT count(*) AS n FROM projects WHERE title_ru LIKE ?', `%${word}%`), word).toBeGreaterThan(0);
    }
    // The schema's search triggers saw every row: a substring inside a compound word is found.
    expect(count(db, `SELECT count(*) AS n FROM search_trigram WHERE search_trigram MATCH '"химическ"'`)).toBeGreaterThan(0);
    expect(count(db, `SELECT count(*) AS n FROM search_words WHERE search_words MATCH 'объем'`)).toBeGreaterThan(0);
  });

  it('has the Omsk route with ordered stops inside the city', () => {
    const route = db.prepare("SELECT * FROM routes WHERE id = 'industrial-siberia'").get() as Record<string, unknown> | undefined;
    expect(route).toMatchObject({
      name_ru: 'Индустриальная Сибирь – величие России',
      name_en: 'Industrial Siberia – the greatness of Russia',
    });
    expect(route?.cover_sha256).toBeTruthy();
    const stops = db.prepare("SELECT * FROM route_stops WHERE route_id = 'industrial-siberia' ORDER BY position").all() as {
      position: number;
      latitude: number;
      longitude: number;
      duration_min: number;
      region_id: string;
      address_ru: string;
      cover_sha256: string | null;
    }[];
    expect(stops.length).toBeGreaterThanOrEqual(8);
    stops.forEach((s, i) => {
      expect(s.position).toBe(i + 1);
      expect(s.region_id).toBe('omsk');
      expect(s.latitude).toBeGreaterThanOrEqual(54.9);
      expect(s.latitude).toBeLessThanOrEqual(55.1);
      expect(s.longitude).toBeGreaterThanOrEqual(73.2);
      expect(s.longitude).toBeLessThanOrEqual(73.5);
      expect(s.duration_min).toBeGreaterThan(0);
      expect(s.address_ru).toContain('Омск');
      expect(s.cover_sha256).toBeTruthy();
    });
  });

  it('has clusters with 3–6 members, some of them exhibitors', () => {
    const members = db.prepare('SELECT cluster_id, count(*) AS n, count(exhibitor_id) AS linked FROM cluster_members GROUP BY cluster_id').all() as {
      n: number;
      linked: number;
    }[];
    expect(members).toHaveLength(10);
    for (const m of members) {
      expect(m.n).toBeGreaterThanOrEqual(3);
      expect(m.n).toBeLessThanOrEqual(6);
      expect(m.linked).toBeGreaterThanOrEqual(1);
    }
    expect(count(db, 'SELECT count(*) AS n FROM clusters WHERE cover_sha256 IS NULL')).toBe(0);
  });

  it('has a two-day programme with the named sessions in local time', () => {
    const sessions = db.prepare('SELECT * FROM programme_sessions ORDER BY starts_utc').all() as {
      kind: string;
      starts_at: string;
      ends_at: string;
      starts_utc: number;
      ends_utc: number;
      title_ru: string;
      title_en: string;
    }[];
    for (const s of sessions) {
      expect(s.starts_at).toMatch(/^2026-12-0[34]T\d{2}:\d{2}:00\+06:00$/);
      expect(s.ends_at).toMatch(/^2026-12-0[34]T\d{2}:\d{2}:00\+06:00$/);
      expect(s.starts_utc).toBe(Date.parse(s.starts_at));
      expect(s.ends_utc).toBe(Date.parse(s.ends_at));
      expect(s.ends_utc).toBeGreaterThan(s.starts_utc);
    }
    expect(new Set(sessions.map((s) => s.starts_at.slice(0, 10)))).toEqual(new Set(['2026-12-03', '2026-12-04']));

    const plenary = sessions.find((s) => s.kind === 'plenary');
    expect(plenary?.title_ru).toContain('Промышленный туризм. Сегодня и завтра…');
    expect(plenary?.title_en).toContain('Industrial tourism. Today and tomorrow…');
    expect(plenary?.starts_at.slice(0, 10)).toBe('2026-12-03');
    expect(Number(plenary?.starts_at.slice(11, 13))).toBeLessThan(12);

    expect(sessions.filter((s) => s.kind === 'presentation' && s.title_ru.includes('Регионы представляют')).length).toBeGreaterThanOrEqual(3);
    expect(sessions.some((s) => s.kind === 'awards' && s.title_ru.includes('Открытая промышленность') && s.title_en.includes('Open Industry'))).toBe(true);
    expect(sessions.some((s) => s.kind === 'awards' && s.title_ru.includes('ПРОКЛАСТЕР') && s.title_en.includes('PROCLUSTER'))).toBe(true);
    for (const kind of ['signing', 'panel', 'excursion']) expect(sessions.some((s) => s.kind === kind), kind).toBe(true);
  });

  it('stores static, self-contained SVG media whose rows match the bytes', () => {
    const rows = db.prepare('SELECT * FROM media').all() as { sha256: string; mime: string; bytes: number; width: number; height: number; alt_ru: string }[];
    expect(rows.length).toBe(media.files.size);
    for (const row of rows) {
      const bytes = media.files.get(row.sha256);
      expect(bytes, row.sha256).toBeDefined();
      if (!bytes) continue;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      expect(row.bytes).toBe(bytes.byteLength);
      expect(row.mime).toBe('image/svg+xml');
      const svg = new TextDecoder().decode(bytes);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain(`width="${row.width}" height="${row.height}"`);
      expect(svg).toContain('DEMO');
      expect(svg.toLowerCase()).not.toContain('<script');
      expect(svg.toLowerCase()).not.toContain('foreignobject');
      expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
      expect(svg).not.toMatch(/href/i);
      expect(svg).not.toMatch(/url\(\s*['"]?(?!#)/i);
      expect(svg).not.toMatch(/<(image|use|a|iframe|style|animate|set)\b/i);
      expect(svg.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|data:|javascript:/i);
    }
    const sizes = new Set(rows.map((r) => `${r.width}x${r.height}`));
    expect(sizes).toEqual(new Set(['1600x1000', '800x800']));
  });

  it('leaves no dangling references', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses to load into a catalog that already has content', () => {
    expect(() => loadDemoContent(db, media)).toThrow(/empty/);
  });
});

describe('demo content determinism and scale', () => {
  it('produces byte-identical databases and media for the same seed, and different ones for another seed', () => {
    const a = load({ seed: 7, projects: 400 });
    const b = load({ seed: 7, projects: 400 });
    const c = load({ seed: 8, projects: 400 });
    try {
      expect(dump(b.db)).toBe(dump(a.db));
      expect(Buffer.compare(a.db.serialize(), b.db.serialize())).toBe(0);
      expect([...b.media.files.keys()]).toEqual([...a.media.files.keys()]);
      expect(b.summary).toEqual(a.summary);

      expect(dump(c.db)).not.toBe(dump(a.db));
      expect([...c.media.files.keys()]).not.toEqual([...a.media.files.keys()]);
    } finally {
      a.db.close();
      b.db.close();
      c.db.close();
    }
  });

  it('returns the same hashes as the real media store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-demo-media-'));
    try {
      const store = new MediaStore(dir);
      const db = openDatabase(':memory:');
      const memory = memoryMedia();
      const reference = openDatabase(':memory:');
      loadDemoContent(db, store, { projects: 50 });
      loadDemoContent(reference, memory, { projects: 50 });
      const hashes = (db.prepare('SELECT sha256 FROM media ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256);
      expect(hashes).toEqual([...memory.files.keys()].sort());
      for (const sha256 of hashes) expect(createHash('sha256').update(readFileSync(store.pathOf(sha256))).digest('hex')).toBe(sha256);
      db.close();
      reference.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scales to the requested project count with a bounded image set', () => {
    const { db, summary } = load({ projects: 3000 });
    try {
      expect(summary.projects).toBe(3000);
      expect(count(db, 'SELECT count(*) AS n FROM projects')).toBe(3000);
      expect(summary.media).toBeLessThanOrEqual(60);
      expect(count(db, 'SELECT count(*) AS n FROM projects WHERE featured = 1')).toBeLessThanOrEqual(16);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('handles small project counts', () => {
    for (const projects of [0, 5, 68, 80]) {
      const { db, summary } = load({ projects });
      expect(summary.projects).toBe(projects);
      expect(count(db, 'SELECT count(*) AS n FROM projects')).toBe(projects);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    }
  });

  it('rejects invalid options', () => {
    const db = openDatabase(':memory:');
    expect(() => loadDemoContent(db, memoryMedia(), { projects: -1 })).toThrow();
    expect(() => loadDemoContent(db, memoryMedia(), { projects: 1.5 })).toThrow();
    expect(count(db, 'SELECT count(*) AS n FROM regions')).toBe(0);
    db.close();
  });
});
