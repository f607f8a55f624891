import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/connection';
import { searchCatalog } from '../../../db/queries/search';
import type { SearchHit, TextSegment } from '../../../electron/shared/contract';

// A long body whose only interesting word sits far from both ends, to exercise the snippet window.
const filler = 'Предприятие работает на рынке много лет и выпускает продукцию для заводов региона. ';
const longBody = `${filler.repeat(4)}Здесь собирают турбины для электростанций. ${filler.repeat(4)}`;

function seed(db: Db): void {
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  run(
    `INSERT INTO regions (id, iso_code, name_ru, name_en, summary_ru, summary_en, tile_col, tile_row, participating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    'r-oms', 'RU-OMS', 'Омская область', 'Omsk Oblast',
    'Сибирский регион на Иртыше', 'A Siberian region on the Irtysh', 10, 4,
  );
  run(
    `INSERT INTO regions (id, iso_code, name_ru, name_en, tile_col, tile_row) VALUES (?, ?, ?, ?, ?, ?)`,
    'r-nvs', 'RU-NVS', 'Новосибирская область', 'Novosibirsk Oblast', 11, 4,
  );
  run(
    `INSERT INTO exhibitors (id, region_id, name_ru, name_en, about_ru, about_en, booth)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    'e-carbon', 'r-oms', 'Завод технического углерода', 'Carbon Black Works',
    'Производитель сажи для шин', 'Maker of carbon black for tyres', 'A-12',
  );
  run(
    `INSERT INTO clusters (id, region_id, name_ru, name_en, about_ru, about_en) VALUES (?, ?, ?, ?, ?, ?)`,
    'c-petro', 'r-oms', 'Нефтехимический кластер', 'Petrochemical Cluster',
    'Объединяет переработку нефти и производство полимеров', 'Oil refining and polymer production',
  );
  run(`INSERT INTO tags (id, name_ru, name_en) VALUES (?, ?, ?)`, 't-mach', 'Станкостроение', 'Machine tools');
  run(`INSERT INTO routes (id, name_ru, name_en) VALUES (?, ?, ?)`, 'rt-ind', 'Промышленный туризм', 'Industrial tourism');
  run(
    `INSERT INTO route_stops (id, route_id, position, enterprise_ru, enterprise_en, title_ru, title_en, about_ru, about_en,
       duration_min, latitude, longitude, region_id)
     VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 90, 54.98, 73.37, 'r-oms')`,
    'st-tyre', 'rt-ind', 'Шинный завод', 'Tyre plant', 'Экскурсия по цеху', 'Workshop excursion',
    'Как делают покрышки', 'How tyres are made',
  );
  const project = (
    id: string, kind: 'tourism' | 'cluster', titleRu: string, titleEn: string,
    summaryRu: string, summaryEn: string, descriptionRu = '', extra: { hidden?: 1; deleted?: 1; clusterId?: string } = {},
  ) =>
    run(
      `INSERT INTO projects (id, kind, region_id, cluster_id, title_ru, title_en, summary_ru, summary_en, description_ru,
         hidden, deleted)
       VALUES (?, ?, 'r-oms', ?, ?, ?, ?, ?, ?, ?, ?)`,
      id, kind, extra.clusterId ?? null, titleRu, titleEn, summaryRu, summaryEn, descriptionRu,
      extra.hidden ?? 0, extra.deleted ?? 0,
    );
  project('p-omsk-tour', 'tourism', 'Омский исторический маршрут', 'Omsk history tour',
    'Прогулка по старому центру', 'A walk through the old centre');
  project('p-petro', 'cluster', 'Нефтехимия Прииртышья', 'Irtysh petrochemicals',
    'Крупнейший нефтехимический комплекс Сибири', 'The largest petrochemical complex in Siberia', '', { clusterId: 'c-petro' });
  project('p-yolka', 'tourism', 'Ёлка на Соборной площади', 'New Year tree on Cathedral Square',
    'Главная ёлка города', 'The city’s main tree');
  project('p-aero', 'tourism', 'Аэроклуб', 'Flying club',
    'Летные программы над Иртышом', 'Flights over the Irtysh');
  project('p-turbine-title', 'cluster', 'Турбины для энергетики', 'Turbines for power plants',
    'Сборка и испытания', 'Assembly and testing');
  project('p-turbine-body', 'cluster', 'Моторостроительное объединение', 'Engine works',
    'Выпускает двигатели', 'Makes engines', longBody);
  project('p-hidden', 'tourism', 'Скрытый маршрут', 'Hidden route', 'Не для показа', 'Not shown', '', { hidden: 1 });
  project('p-tombstone', 'tourism', 'Удалённый маршрут', 'Deleted route', 'Удалён', 'Deleted', '', { deleted: 1 });
}

const join = (segments: TextSegment[]) => segments.map((s) => s.text).join('');
const marked = (segments: TextSegment[]) => segments.filter((s) => s.match).map((s) => s.text);
const ids = (hits: SearchHit[]) => hits.map((h) => h.id);
const hit = (hits: SearchHit[], id: string) => {
  const found = hits.find((h) => h.id === id);
  if (!found) throw new Error(`no hit ${id} in ${JSON.stringify(ids(hits))}`);
  return found;
};

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  seed(db);
});
afterEach(() => db.close());

describe('searchCatalog: matching', () => {
  it('folds Cyrillic case and finds word prefixes', () => {
    const hits = searchCatalog(db, 'ОМСК', 20).hits;
    expect(ids(hits)).toEqual(expect.arrayContaining(['p-omsk-tour', 'r-oms']));
    const tour = hit(hits, 'p-omsk-tour');
    expect(tour.matchedBy).toBe('words');
    expect(marked(tour.title.ru)).toEqual(['Омск']);
    // Cyrillic letters never match Latin ones: the English title stays unmarked.
    expect(marked(tour.title.en)).toEqual([]);
  });

  it('treats ё and е as the same letter in both directions', () => {
    for (const q of ['ёлка', 'елка', 'ЕЛКА', 'Ёлка']) {
      const yolka = hit(searchCatalog(db, q, 20).hits, 'p-yolka');
      expect(marked(yolka.title.ru)).toEqual(['Ёлка']);
      expect(join(yolka.title.ru)).toBe('Ёлка на Соборной площади');
      expect(marked(yolka.snippet.ru)).toEqual(['ёлка']);
    }
    for (const q of ['лётные', 'летные']) {
      const aero = hit(searchCatalog(db, q, 20).hits, 'p-aero');
      expect(marked(aero.snippet.ru)).toEqual(['Летные']);
    }
  });

  it('finds prefixes while the visitor types', () => {
    for (const q of ['н', 'не', 'неф', 'нефт', 'нефтехим', 'нефтехимия']) {
      expect(ids(searchCatalog(db, q, 20).hits), q).toContain('p-petro');
    }
    const petro = hit(searchCatalog(db, 'нефт', 20).hits, 'p-petro');
    expect(marked(petro.title.ru)).toEqual(['Нефт']);
  });

  it('finds substrings inside compound words after the word matches', () => {
    const hits = searchCatalog(db, 'химическ', 20).hits;
    const cluster = hit(hits, 'c-petro');
    expect(cluster.kind).toBe('cluster');
    expect(cluster.matchedBy).toBe('substring');
    expect(marked(cluster.title.ru)).toEqual(['химическ']);
    expect(join(cluster.title.ru)).toBe('Нефтехимический кластер');
    const petro = hit(hits, 'p-petro');
    expect(petro.matchedBy).toBe('substring');
    expect(marked(petro.snippet.ru)).toEqual(['химическ']);
    // English substrings too.
    expect(marked(hit(searchCatalog(db, 'chemical', 20).hits, 'c-petro').title.en)).toEqual(['chemical']);
  });

  it('ranks word hits before substring hits', () => {
    // "сиб" starts words in two documents and hides inside "Новосибирская" in a third.
    const hits = searchCatalog(db, 'сиб', 20).hits;
    expect(hits.map((h) => [h.id, h.matchedBy])).toEqual([
      [expect.any(String), 'words'],
      [expect.any(String), 'words'],
      ['r-nvs', 'substring'],
    ]);
    expect(ids(hits).slice(0, 2).sort()).toEqual(['p-petro', 'r-oms']);
  });

  it('matches mixed Russian and English queries and English words', () => {
    expect(ids(searchCatalog(db, 'омск tour', 20).hits)).toEqual(['p-omsk-tour']);
    expect(ids(searchCatalog(db, 'OMSK', 20).hits)).toEqual(expect.arrayContaining(['p-omsk-tour', 'r-oms']));
    const petro = hit(searchCatalog(db, 'petrochem', 20).hits, 'p-petro');
    expect(marked(petro.title.en)).toEqual(['petrochem']);
    expect(ids(searchCatalog(db, 'machine', 20).hits)).toEqual(['t-mach']);
  });

  it('ranks a title match before a body-only match', () => {
    const hits = searchCatalog(db, 'турбины', 20).hits;
    expect(ids(hits)).toEqual(['p-turbine-title', 'p-turbine-body']);
    const body = hit(hits, 'p-turbine-body');
    expect(marked(body.title.ru)).toEqual([]);
    expect(marked(body.snippet.ru)).toEqual(['турбины']);
  });

  it('returns every kind with its own id', () => {
    const cases: [string, SearchHit['kind'], string][] = [
      ['прииртышья', 'project', 'p-petro'],
      ['углерода', 'exhibitor', 'e-carbon'],
      ['новосибирская', 'region', 'r-nvs'],
      ['кластер', 'cluster', 'c-petro'],
      ['покрышки', 'route_stop', 'st-tyre'],
      ['станкостроение', 'tag', 't-mach'],
    ];
    for (const [q, kind, id] of cases) {
      const hits = searchCatalog(db, q, 20).hits;
      expect(hits.map((h) => [h.kind, h.id]), q).toEqual([[kind, id]]);
    }
  });

  it('finds exhibitors by booth number', () => {
    for (const q of ['A', 'A-', 'A-1', 'A-12', 'a 12']) {
      expect(ids(searchCatalog(db, q, 20).hits), q).toContain('e-carbon');
    }
    const carbon = hit(searchCatalog(db, 'A-12', 20).hits, 'e-carbon');
    expect(marked(carbon.snippet.ru)).toEqual(['A-12']);
    expect(marked(hit(searchCatalog(db, 'A-1', 20).hits, 'e-carbon').snippet.en)).toEqual(['A-1']);
    // Separate words need not be adjacent.
    expect(marked(hit(searchCatalog(db, 'a 12', 20).hits, 'e-carbon').snippet.ru)).toEqual(['A', '12']);
  });

  it('searches words joined by a hyphen as a phrase, so a booth number is not any "a" and any "12"', () => {
    db.prepare(
      `INSERT INTO projects (id, kind, region_id, title_ru, title_en, summary_ru, summary_en)
       VALUES ('p-walk', 'tourism', 'r-oms', 'Прогулка', 'Walk', '12 остановок', 'A walk with 12 stops')`,
    ).run();
    expect(ids(searchCatalog(db, 'A-12', 20).hits)).toEqual(['e-carbon']);
    expect(ids(searchCatalog(db, 'A-1', 20).hits)).toEqual(['e-carbon']);
    expect(ids(searchCatalog(db, 'a 12', 20).hits).sort()).toEqual(['e-carbon', 'p-walk']);
  });

  it('respects the limit', () => {
    expect(searchCatalog(db, 'о', 2).hits).toHaveLength(2);
    expect(searchCatalog(db, 'о', 0).hits).toEqual([]);
    expect(searchCatalog(db, 'о', Number.NaN).hits).toEqual([]);
  });

  it('works on more than one database at a time', () => {
    const other = openDatabase(':memory:');
    try {
      expect(searchCatalog(other, 'омск', 20).hits).toEqual([]);
      expect(searchCatalog(db, 'омск', 20).hits.length).toBeGreaterThan(0);
    } finally {
      other.close();
    }
  });
});

describe('searchCatalog: highlighting', () => {
  it('titles join back to the original text exactly', () => {
    for (const q of ['о', 'омск', 'нефт', 'химическ', 'ёлка', 'tour', 'a 12', 'область сибирский']) {
      for (const h of searchCatalog(db, q, 20).hits) {
        const original = db
          .prepare<[string, string], { title_ru: string; title_en: string; body_ru: string; body_en: string }>(
            'SELECT title_ru, title_en, body_ru, body_en FROM search_docs WHERE kind = ? AND ref = ?',
          )
          .get(h.kind, h.id);
        expect(original).toBeDefined();
        expect(join(h.title.ru)).toBe(original?.title_ru);
        expect(join(h.title.en)).toBe(original?.title_en);
        for (const [segs, body] of [[h.snippet.ru, original?.body_ru ?? ''], [h.snippet.en, original?.body_en ?? '']] as const) {
          const inner = segs.filter((s, i) => !(s.text === '…' && (i === 0 || i === segs.length - 1)));
          expect(body).toContain(join(inner));
          expect(segs.every((s) => s.text.length > 0)).toBe(true);
        }
      }
    }
  });

  it('marks word prefixes only at word starts for word hits', () => {
    const region = hit(searchCatalog(db, 'сиб', 20).hits, 'r-oms');
    expect(region.matchedBy).toBe('words');
    expect(marked(region.snippet.ru)).toEqual(['Сиб']);
    // "Новосибирская" contains "сиб" but not at a word start.
    expect(ids(searchCatalog(db, 'сиб', 20).hits.filter((h) => h.matchedBy === 'words'))).not.toContain('r-nvs');
    const nvs = hit(searchCatalog(db, 'сиб', 20).hits, 'r-nvs');
    expect(nvs.matchedBy).toBe('substring');
    expect(marked(nvs.title.ru)).toEqual(['сиб']);
  });

  it('windows a long body around the first match, cut at word boundaries', () => {
    const body = hit(searchCatalog(db, 'турбины', 20).hits, 'p-turbine-body');
    const segs = body.snippet.ru;
    expect(segs[0]).toEqual({ text: '…', match: false });
    expect(segs[segs.length - 1]).toEqual({ text: '…', match: false });
    const inner = join(segs.slice(1, -1));
    expect(inner.length).toBeLessThanOrEqual(140);
    expect(inner.length).toBeGreaterThan(60);
    const start = `Выпускает двигатели ${longBody}`.indexOf(inner);
    expect(start).toBeGreaterThan(0);
    // Whole words at both ends.
    expect(`Выпускает двигатели ${longBody}`.charAt(start - 1)).toMatch(/\s/);
    expect(`Выпускает двигатели ${longBody}`.charAt(start + inner.length)).toMatch(/\s/);
  });

  it('shows the start of the body when only the title matched', () => {
    const tour = hit(searchCatalog(db, 'исторический', 20).hits, 'p-omsk-tour');
    expect(tour.snippet.ru).toEqual([{ text: 'Прогулка по старому центру', match: false }]);
    expect(tour.snippet.en).toEqual([{ text: 'A walk through the old centre', match: false }]);
  });
});

describe('searchCatalog: the triggers keep it current', () => {
  it('hides hidden and tombstoned projects', () => {
    expect(ids(searchCatalog(db, 'маршрут', 20).hits)).toEqual(['p-omsk-tour']);
    db.prepare(`UPDATE projects SET hidden = 0 WHERE id = 'p-hidden'`).run();
    expect(ids(searchCatalog(db, 'скрытый', 20).hits)).toEqual(['p-hidden']);
    db.prepare(`UPDATE projects SET hidden = 1 WHERE id = 'p-hidden'`).run();
    expect(searchCatalog(db, 'скрытый', 20).hits).toEqual([]);
  });

  it('follows updates, tombstones and deletes', () => {
    db.prepare(`UPDATE projects SET title_ru = 'Речной вокзал', title_en = 'River station' WHERE id = 'p-omsk-tour'`).run();
    expect(ids(searchCatalog(db, 'исторический', 20).hits)).toEqual([]);
    expect(ids(searchCatalog(db, 'вокзал', 20).hits)).toEqual(['p-omsk-tour']);

    db.prepare(`UPDATE projects SET deleted = 1, hub_seq = 7 WHERE id = 'p-omsk-tour'`).run();
    expect(searchCatalog(db, 'вокзал', 20).hits).toEqual([]);
    expect(searchCatalog(db, 'вокз', 20).hits).toEqual([]);
    expect(searchCatalog(db, 'окзал', 20).hits).toEqual([]);

    db.prepare(`UPDATE exhibitors SET deleted = 1 WHERE id = 'e-carbon'`).run();
    expect(searchCatalog(db, 'углерода', 20).hits).toEqual([]);
    db.prepare(`UPDATE tags SET name_ru = 'Приборостроение' WHERE id = 't-mach'`).run();
    expect(ids(searchCatalog(db, 'приборо', 20).hits)).toEqual(['t-mach']);
    db.prepare(`DELETE FROM tags WHERE id = 't-mach'`).run();
    expect(searchCatalog(db, 'приборо', 20).hits).toEqual([]);
    db.prepare(`DELETE FROM route_stops WHERE id = 'st-tyre'`).run();
    expect(searchCatalog(db, 'покрышки', 20).hits).toEqual([]);
  });
});

describe('searchCatalog: hostile input', () => {
  const hostile = [
    '"', '""', '*', '**', 'NEAR(', 'NEAR(a b)', 'a OR b', 'a AND b', 'NOT a', '-x', 'title:x', '{title}: x', '^омск',
    '(((', ')))', "'", "'; DROP TABLE projects; --", '\u0000', 'омск\u0000', '\uD800', '\uDC00a', '😀', '👨‍👩‍👧', 'омск 😀',
    '   ', '\t\n', '', 'x'.repeat(10_000), 'омск '.repeat(2_000), '"омск"*', 'омск*', '%', '_', '\\',
  ];

  it('never throws and never lets syntax through', () => {
    for (const q of hostile) {
      const result = searchCatalog(db, q, 20);
      expect(result.query).toBe(q);
      expect(Array.isArray(result.hits)).toBe(true);
    }
    expect(searchCatalog(db, '', 20)).toEqual({ query: '', hits: [] });
    expect(searchCatalog(db, '   ', 20).hits).toEqual([]);
    expect(searchCatalog(db, '😀', 20).hits).toEqual([]);
    // Operators are plain words: "омск OR xyz" needs both words, so it finds nothing.
    expect(searchCatalog(db, 'омск OR xyz', 20).hits).toEqual([]);
    expect(ids(searchCatalog(db, '"омск"*', 20).hits)).toEqual(ids(searchCatalog(db, 'омск', 20).hits));
    expect(ids(searchCatalog(db, 'title:омск', 20).hits)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM projects').get()).toEqual({ n: 8 });
  });

  it('answers a 10 KB query quickly', () => {
    const q = `${'нефтехимия '.repeat(1_000)}`;
    const started = performance.now();
    const result = searchCatalog(db, q, 20);
    expect(performance.now() - started).toBeLessThan(100);
    expect(ids(result.hits)).toContain('p-petro');
    const junk = '(*"'.repeat(3_400);
    expect(searchCatalog(db, junk, 20).hits).toEqual([]);
  });
});

describe('searchCatalog: highlighting invariants on random text', () => {
  it('segments always rebuild the original text and mark only query tokens', () => {
    // A small deterministic generator: the same cases on every run.
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const pieces = ['Омск', 'омский', 'ЁЖ', 'ёж', 'ежи', 'нефтехимия', 'İstanbul', 'café', 'CAFE', 'A-12', '😀', '—', ',', '  ', '\n', 'x'];
    const text = (words: number) => Array.from({ length: words }, () => pieces[next(pieces.length)]).join(next(3) ? ' ' : '');
    const insert = db.prepare(
      `INSERT INTO regions (id, iso_code, name_ru, name_en, summary_ru, summary_en, tile_col, tile_row)
       VALUES (?, 'RU-X', ?, ?, ?, ?, 0, 0)`,
    );
    const originals = new Map<string, { title: string; body: string }>();
    for (let i = 0; i < 60; i++) {
      const title = text(1 + next(5));
      const body = text(next(60));
      insert.run(`fz-${i}`, title, title, body, body);
      originals.set(`fz-${i}`, { title, body });
    }
    const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е');
    let checked = 0;
    for (const q of ['омск', 'ё', 'еж', 'ЁЖИ', 'нефт', 'химия', 'cafe', 'café', 'a 12', 'стамбул', 'istanbul', 'x']) {
      const tokens = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((t) => fold(t.normalize('NFD').replace(/\p{M}/gu, '')));
      for (const h of searchCatalog(db, q, 50).hits) {
        const original = originals.get(h.id);
        if (!original) continue;
        checked++;
        for (const title of [h.title.ru, h.title.en]) expect(join(title)).toBe(original.title);
        for (const segs of [h.snippet.ru, h.snippet.en]) {
          const inner = segs.filter((s, i) => !(s.text === '…' && (i === 0 || i === segs.length - 1)));
          expect(original.body).toContain(join(inner));
        }
        for (const s of [...h.title.ru, ...h.snippet.ru].filter((x) => x.match)) {
          const folded = fold(s.text.normalize('NFD').replace(/\p{M}/gu, ''));
          expect(tokens.some((t) => folded.includes(t)), `${q}: ${s.text}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
