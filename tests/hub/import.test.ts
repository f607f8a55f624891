// The spreadsheet import (hub/import): good files in every form Excel writes them, bad rows, re-import, images,
// formulas and broken files. Each test builds its files in a temporary folder from the example in
// hub/import/example.ts and imports them into a real SQLite hub store.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoIntoHub } from '../../hub/catalog';
import { exampleSheets, solidPng, writeCsvFolder, writeExampleImages, writeWorkbook, type ExampleSheets } from '../../hub/import/example';
import { formatReport, importCatalog, sheetDefs, type ImportOptions, type ImportReport } from '../../hub/import/index';
import { SqliteHubStore } from '../../hub/store/sqlite-store';
import { catalogTableNames, type CatalogTable, type WireRow } from '../../db/sync-tables';
import { cleanUp, count, startHub, startKiosk } from '../sync/harness';

const folders: string[] = [];
const stores: SqliteHubStore[] = [];
const now = Date.parse('2026-11-20T12:00:00+06:00');

afterEach(async () => {
  await cleanUp();
  for (const store of stores.splice(0)) await store.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-'));
  folders.push(dir);
  return dir;
}

function openStore(): SqliteHubStore {
  const store = SqliteHubStore.open(join(tempDir(), 'hub'), now);
  stores.push(store);
  return store;
}

/** A folder with an `images` subfolder holding the example's pictures. */
function workspace(): string {
  const dir = tempDir();
  writeExampleImages(join(dir, 'images'));
  return dir;
}

async function workbook(dir: string, sheets: ExampleSheets = exampleSheets(), name = 'forum.xlsx'): Promise<string> {
  const file = join(dir, name);
  await writeWorkbook(sheets, file);
  return file;
}

async function run(store: SqliteHubStore, source: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importCatalog(store, source, { now, ...options });
}

async function rows(store: SqliteHubStore, table: CatalogTable): Promise<Map<string, WireRow>> {
  return new Map((await store.listRecords(table)).map((r) => [r.key, r.row as WireRow]));
}

async function snapshot(store: SqliteHubStore): Promise<Record<string, WireRow[]>> {
  const out: Record<string, WireRow[]> = {};
  for (const table of catalogTableNames) out[table] = (await store.listRecords(table)).map((r) => r.row as WireRow);
  return out;
}

const key = (id: string) => JSON.stringify([id]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Sets one cell of a sheet by its header and 0-based data row. */
function setCell(sheets: ExampleSheets, sheet: string, dataRow: number, header: string, value: ExampleSheets[string][number][number]): void {
  const rowsOf = sheets[sheet];
  if (!rowsOf) throw new Error(`no sheet ${sheet}`);
  const column = (rowsOf[0] ?? []).indexOf(header);
  const row = rowsOf[dataRow + 1];
  if (column < 0 || !row) throw new Error(`no cell ${sheet}/${dataRow}/${header}`);
  row[column] = value;
}

describe('a good file', () => {
  it('imports an .xlsx workbook with every sheet into an empty hub', async () => {
    const store = openStore();
    const dir = workspace();
    const report = await run(store, await workbook(dir));
    expect(report.problems).toEqual([]);
    expect(report.applied).toBe(true);
    expect(report.sheets.map((s) => s.sheet)).toEqual(sheetDefs.map((d) => d.key));
    expect(report.counts.projects).toEqual({ add: 3, change: 0, delete: 0, unchanged: 0 });
    expect(report.changed).toBe((await store.meta()).headSeq);

    const forum = (await rows(store, 'forum')).get(key('omsk-industry-days-2026'));
    expect(forum).toMatchObject({ starts_on: '2026-12-03', ends_on: '2026-12-04', timezone: 'Asia/Omsk', is_demo: 0 });

    const regions = await rows(store, 'regions');
    expect(regions.get(key('omsk'))).toMatchObject({ iso_code: 'RU-OMS', tile_col: 11, participating: 1 });
    expect(regions.get(key('tyumen'))).toMatchObject({ participating: 0, summary_ru: '' });

    const exhibitors = await rows(store, 'exhibitors');
    expect(exhibitors.get(key('omsk-refinery'))).toMatchObject({ booth: 'A-1', zone_id: 'omsk', booth_x: 5.5, booth_width: 4 });
    expect(exhibitors.get(key('novosibirsk-team'))).toMatchObject({ booth_x: null, logo_sha256: null, website: '' });
    expect(exhibitors.get(key('tyumen-team'))?.website).toBe('https://www.tyumen.example.com');

    const project = (await rows(store, 'projects')).get(key('refinery-tour'));
    expect(project).toMatchObject({ kind: 'tourism', featured: 1, hidden: 0, description_en: 'First line.\nSecond line.' });
    expect((await rows(store, 'projects')).get(key('novosibirsk-food'))?.kind).toBe('tourism');
    // Tags by id and by Russian name; the gallery in the order written.
    const tags = [...(await rows(store, 'project_tags')).values()].filter((r) => r.project_id === 'refinery-tour').map((r) => r.tag_id);
    expect(tags.sort()).toEqual(['machine-building', 'petrochemicals']);
    const gallery = [...(await rows(store, 'project_media')).values()].filter((r) => r.project_id === 'refinery-tour');
    expect(gallery.sort((a, b) => Number(a.position) - Number(b.position)).map((r) => r.position)).toEqual([1, 2]);

    // Members and stops without an id get parent-position.
    expect([...(await rows(store, 'cluster_members')).keys()].sort()).toEqual([key('omsk-petrochem-1'), key('omsk-petrochem-2')]);
    const stop = (await rows(store, 'route_stops')).get(key('omsk-industrial-2'));
    expect(stop).toMatchObject({ latitude: 54.98, longitude: 73.3, duration_min: 60, position: 2 });

    // Programme times: local Omsk time with its offset, and the same instants in UTC milliseconds.
    const sessions = await rows(store, 'programme_sessions');
    expect(sessions.get(key('opening'))).toMatchObject({
      kind: 'plenary',
      starts_at: '2026-12-03T10:00:00+06:00',
      ends_at: '2026-12-03T11:30:00+06:00',
      starts_utc: Date.parse('2026-12-03T04:00:00Z'),
    });
    expect(sessions.get(key('excursion'))).toMatchObject({ kind: 'excursion', starts_at: '2026-12-04T09:30:00+06:00', ends_utc: Date.parse('2026-12-04T08:00:00Z') });
  });

  it('reads a CSV folder the same way, comma or semicolon, with or without a byte-order mark, UTF-8 or Windows-1251', async () => {
    const dir = workspace();
    const fromXlsx = openStore();
    await run(fromXlsx, await workbook(dir));
    const expected = await snapshot(fromXlsx);

    const variants: { name: string; delimiter: ',' | ';'; bom: boolean }[] = [
      { name: 'comma', delimiter: ',', bom: false },
      { name: 'semicolon-bom', delimiter: ';', bom: true },
    ];
    for (const variant of variants) {
      const csv = join(dir, variant.name);
      writeCsvFolder(exampleSheets(), csv, variant);
      const store = openStore();
      const report = await run(store, csv, { images: join(dir, 'images') });
      expect(report.problems, variant.name).toEqual([]);
      expect(await snapshot(store), variant.name).toEqual(expected);
    }

    // Russian Excel's plain "CSV (разделители — точка с запятой)": Windows-1251, semicolons, ИСТИНА/ЛОЖЬ.
    const cp1251 = join(dir, 'cp1251');
    mkdirSync(cp1251);
    const text = 'id;iso_code;name_ru;name_en;tile_col;tile_row;participating\r\nomsk;RU-OMS;Омская область;Omsk Oblast;11;4;ИСТИНА\r\n';
    const encoded = Buffer.from(text.split('').map((ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
    writeFileSync(join(cp1251, 'regions.csv'), encoded);
    const store = openStore();
    const report = await run(store, cp1251);
    expect(report.problems).toEqual([]);
    expect(report.notes.map((n) => n.en).join(' ')).toMatch(/Windows-1251/);
    expect((await rows(store, 'regions')).get(key('omsk'))).toMatchObject({ name_ru: 'Омская область', participating: 1 });
  });

  it('keeps tables without a sheet as they are, and replaces the demo forum when a forum sheet comes', async () => {
    const store = openStore();
    await loadDemoIntoHub(store, { projects: 8 }, now);
    const before = await snapshot(store);
    const dir = workspace();
    const sheets = exampleSheets();
    const csv = join(dir, 'partial');
    writeCsvFolder({ forum: sheets.forum ?? [], programme: sheets.programme ?? [] }, csv);

    const report = await run(store, csv);
    expect(report.problems).toEqual([]);
    expect(report.counts.forum).toEqual({ add: 1, change: 0, delete: 1, unchanged: 0 });
    expect(report.counts.programme_sessions.add).toBe(3);
    expect(report.counts.programme_sessions.delete).toBe(before.programme_sessions?.length);
    // The demo's other tables are untouched, and the report says so.
    const after = await snapshot(store);
    for (const table of ['regions', 'exhibitors', 'projects', 'media', 'routes'] as const) expect(after[table]).toEqual(before[table]);
    expect(report.notes.map((n) => n.en).join('\n')).toMatch(/demo forum.*keep their rows.*--replace-all/s);
    const forum = await rows(store, 'forum');
    expect([...forum.values()].map((r) => r.is_demo)).toEqual([0]);
    // The demo exhibitors stayed, but their demo logins (PIN printed in the README) are gone on a real forum.
    expect((await store.listRecords('exhibitor_pins')).length).toBe(0);
    expect(store.db.prepare('SELECT count(*) AS n FROM exhibitor_secrets').get()).toEqual({ n: 0 });
    expect(report.notes.map((n) => n.en).join('\n')).toMatch(/PINs removed.*omsk-team/);
  });

  it('with --replace-all empties every table the import has no sheet for', async () => {
    const store = openStore();
    await loadDemoIntoHub(store, { projects: 8 }, now);
    const dir = workspace();
    const sheets = exampleSheets();
    delete sheets.routes;
    delete sheets.route_stops;
    const report = await run(store, await workbook(dir, sheets), { replaceAll: true });
    expect(report.problems).toEqual([]);
    expect((await store.listRecords('routes')).length).toBe(0);
    expect((await store.listRecords('route_stops')).length).toBe(0);
    expect((await store.listRecords('projects')).length).toBe(3);
    // Only the images the new catalog refers to are left.
    expect((await store.listRecords('media')).length).toBe(3);
  });
});

describe('a file with bad rows', () => {
  it('reports every problem with its sheet, line, column and reason, and applies nothing', async () => {
    const store = openStore();
    const dir = workspace();
    await run(store, await workbook(dir));
    const head = (await store.meta()).headSeq;

    const sheets = exampleSheets();
    setCell(sheets, 'forum', 0, 'timezone', 'Omsk/Centre');
    setCell(sheets, 'regions', 1, 'tile_col', 'twelve');
    sheets.exhibitors?.push([...(sheets.exhibitors[1] ?? [])]); // duplicate id, line 5
    setCell(sheets, 'exhibitors', 2, 'region_id', 'atlantis');
    setCell(sheets, 'exhibitors', 1, 'email', 'not an address');
    setCell(sheets, 'cluster_members', 1, 'exhibitor_id', 'nobody');
    setCell(sheets, 'projects', 0, 'title_ru', '');
    setCell(sheets, 'projects', 1, 'summary_en', 'bell_x0007_'); // how Excel stores a control character
    setCell(sheets, 'projects', 2, 'title_en', 'x'.repeat(161));
    setCell(sheets, 'projects', 1, 'tags', 'food; space-industry');
    setCell(sheets, 'projects', 2, 'cover_image', 'missing.jpg');
    setCell(sheets, 'projects', 2, 'featured', 'maybe');
    setCell(sheets, 'route_stops', 0, 'latitude', '91');
    setCell(sheets, 'programme', 0, 'ends_at', '09:00');
    setCell(sheets, 'programme', 1, 'kind', 'party');
    setCell(sheets, 'programme', 2, 'starts_at', '31.02.2026 10:00');
    (sheets.tags?.[0] ?? []).push('nmae_de');

    const report = await run(store, await workbook(dir, sheets, 'bad.xlsx'));
    const found = report.problems.map((p) => `${p.sheet}|${p.line}|${p.column}`);
    const expected = [
      'forum|2|timezone',
      'regions|3|tile_col',
      'exhibitors|5|id',
      'exhibitors|4|region_id',
      'exhibitors|3|email',
      'cluster_members|3|exhibitor_id',
      'projects|2|title_ru',
      'projects|3|summary_en',
      'projects|4|title_en',
      'projects|3|tags',
      'projects|4|cover_image',
      'projects|4|featured',
      'route_stops|2|latitude',
      'programme|2|ends_at',
      'programme|3|kind',
      'programme|4|starts_at',
      'tags|1|nmae_de',
    ];
    expect(found.sort()).toEqual(expected.sort());
    expect(report.problemCount).toBe(expected.length);
    const reason = (where: string) => report.problems.find((p) => `${p.sheet}|${p.line}|${p.column}` === where)?.reason;
    expect(reason('forum|2|timezone')).toMatch(/not a time zone/);
    expect(reason('regions|3|tile_col')).toMatch(/not a number/);
    expect(reason('exhibitors|5|id')).toMatch(/duplicate id "omsk-refinery" \(already on line 2\)/);
    expect(reason('exhibitors|4|region_id')).toMatch(/no region "atlantis" in the regions sheet/);
    expect(reason('cluster_members|3|exhibitor_id')).toMatch(/no exhibitor "nobody"/);
    expect(reason('projects|2|title_ru')).toBe('is required');
    expect(reason('projects|3|summary_en')).toMatch(/control character \(U\+0007\)/);
    expect(reason('projects|4|title_en')).toMatch(/too long \(161 characters; at most 160\)/);
    expect(reason('projects|3|tags')).toMatch(/no tag "space-industry"/);
    expect(reason('projects|4|cover_image')).toMatch(/"missing.jpg" is not in the images folder/);
    expect(reason('route_stops|2|latitude')).toMatch(/at most 90/);
    expect(reason('programme|2|ends_at')).toMatch(/ends before it starts/);
    expect(reason('programme|3|kind')).toMatch(/not one of plenary, presentation/);
    expect(reason('tags|1|nmae_de')).toMatch(/unknown column/);
    for (const problem of report.problems) expect(problem.reason_ru.length).toBeGreaterThan(0);

    expect(report.applied).toBe(false);
    expect((await store.meta()).headSeq).toBe(head);
    expect(report.headSeq).toBe(head);
    expect(formatReport(report)).toMatch(/17 problem\(s\); nothing was applied[\s\S]*exhibitors, line 4, region_id: there is no region "atlantis"/);
  });

  it('refuses to remove a row that rows left on the hub still refer to', async () => {
    const store = openStore();
    await loadDemoIntoHub(store, { projects: 8 }, now);
    const head = (await store.meta()).headSeq;
    const dir = workspace();
    const csv = join(dir, 'regions-only');
    writeCsvFolder({ regions: exampleSheets().regions ?? [] }, csv);
    const report = await run(store, csv);
    expect(report.applied).toBe(false);
    const problem = report.problems.find((p) => p.sheet === 'regions' && p.line === null && /exhibitor/.test(p.reason));
    expect(problem?.reason).toMatch(/region "\S+" would be removed, but exhibitor "\S+"( and \d+ more)? on the hub still refer to it \(region_id\)/);
    expect((await store.meta()).headSeq).toBe(head);
  });

  it('reports the same problems in a dry run and applies nothing even when the file is good', async () => {
    const store = openStore();
    const dir = workspace();
    const report = await run(store, await workbook(dir), { dryRun: true });
    expect(report.problems).toEqual([]);
    expect(report.counts.regions.add).toBe(3);
    expect(report.applied).toBe(false);
    expect((await store.meta()).headSeq).toBe(0);
    expect(await store.mediaFile(sha256(solidPng(16, 9, [40, 90, 160])))).toBeNull();
    expect(formatReport(report)).toMatch(/Dry run: no problems found/);
  });
});

describe('re-import', () => {
  it('changes nothing for the same file, exactly one row for one changed cell, and tombstones a removed row', async () => {
    const store = openStore();
    const dir = workspace();
    await run(store, await workbook(dir));
    const head = (await store.meta()).headSeq;

    const again = await run(store, await workbook(dir, exampleSheets(), 'same.xlsx'));
    expect(again.applied).toBe(true);
    expect(again.changed).toBe(0);
    expect((await store.meta()).headSeq).toBe(head);
    for (const table of catalogTableNames) expect(again.counts[table].add + again.counts[table].change + again.counts[table].delete, table).toBe(0);

    const sheets = exampleSheets();
    setCell(sheets, 'projects', 1, 'title_en', 'Cheese dairy tour');
    const changed = await run(store, await workbook(dir, sheets, 'changed.xlsx'));
    expect(changed.changed).toBe(1);
    expect(changed.counts.projects).toEqual({ add: 0, change: 1, delete: 0, unchanged: 2 });
    const changes = await store.changesSince(head, 100);
    expect(changes.map((c) => [c.table, c.key])).toEqual([['projects', key('novosibirsk-food')]]);
    expect(changes[0]?.row?.title_en).toBe('Cheese dairy tour');

    sheets.route_stops?.splice(2, 1);
    const removed = await run(store, await workbook(dir, sheets, 'removed.xlsx'));
    expect(removed.counts.route_stops).toEqual({ add: 0, change: 0, delete: 1, unchanged: 1 });
    const tombstone = await store.getRecord('route_stops', key('omsk-industrial-2'));
    expect(tombstone?.row).toBeNull();
    expect(tombstone?.seq).toBe(head + 2);
    // The removed stop's cover is used elsewhere, so no media row goes.
    expect(removed.counts.media.delete).toBe(0);
  });
});

describe('images', () => {
  it('matches cells to files by name (any case, in subfolders), stores them, and records type and size', async () => {
    const store = openStore();
    const dir = workspace();
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
      0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
      0xff, 0xd9,
    ]);
    mkdirSync(join(dir, 'images', 'Tours'));
    writeFileSync(join(dir, 'images', 'Tours', 'Dairy.JPG'), jpeg);
    const sheets = exampleSheets();
    setCell(sheets, 'projects', 1, 'cover_image', 'dairy.jpg');
    setCell(sheets, 'projects', 2, 'cover_image', 'REFINERY.PNG');
    const report = await run(store, await workbook(dir, sheets));
    expect(report.problems).toEqual([]);

    const projects = await rows(store, 'projects');
    const dairy = sha256(jpeg);
    expect(projects.get(key('novosibirsk-food'))?.cover_sha256).toBe(dairy);
    const refinery = sha256(readFileSync(join(dir, 'images', 'refinery.png')));
    expect(projects.get(key('tyumen-plant'))?.cover_sha256).toBe(refinery);

    const media = await rows(store, 'media');
    expect(media.get(key(dairy))).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480, bytes: jpeg.length });
    expect(media.get(key(refinery))).toMatchObject({ mime: 'image/png', width: 16, height: 9, alt_en: 'Distillation columns' });
    const svg = sha256(readFileSync(join(dir, 'images', 'plant.svg')));
    expect(media.get(key(svg))).toMatchObject({ mime: 'image/svg+xml', width: null, height: null });
    expect(await store.mediaFile(dairy)).toMatchObject({ bytes: jpeg.length, mime: 'image/jpeg' });
    expect(report.images).toEqual({ referenced: 4, new: 4 });
  });

  it('reports a missing image, a file that is no image, and a missing images folder', async () => {
    const store = openStore();
    const dir = workspace();
    writeFileSync(join(dir, 'images', 'notes.jpg'), 'just text');
    const sheets = exampleSheets();
    setCell(sheets, 'projects', 2, 'gallery', 'refinery.png; nowhere.png');
    setCell(sheets, 'routes', 0, 'cover_image', 'notes.jpg');
    const report = await run(store, await workbook(dir, sheets));
    expect(report.problems.map((p) => [p.sheet, p.line, p.column, p.reason])).toEqual([
      ['projects', 4, 'gallery', 'image "nowhere.png" is not in the images folder'],
      ['routes', 2, 'cover_image', '"notes.jpg" is not a PNG, JPEG, GIF, WebP or SVG image'],
    ]);
    expect((await store.meta()).headSeq).toBe(0);

    const elsewhere = tempDir();
    const noFolder = await run(store, await workbook(elsewhere));
    expect(noFolder.problems[0]?.reason).toMatch(/no images folder was given \(use --images DIR\)/);
  });
});

describe('cells as Excel saves them', () => {
  it('uses the saved result of formulas, plain text of rich text, and local time of date cells', async () => {
    const store = openStore();
    const dir = workspace();
    const sheets = exampleSheets();
    setCell(sheets, 'regions', 0, 'tile_col', { formula: '10+1', result: 11 });
    setCell(sheets, 'regions', 1, 'name_en', { formula: 'CONCATENATE("Novosibirsk"," Oblast")', result: 'Novosibirsk Oblast' });
    setCell(sheets, 'regions', 2, 'participating', { formula: 'TRUE()', result: true });
    setCell(sheets, 'projects', 0, 'title_en', { richText: [{ text: 'Refinery ', font: { bold: true } }, { text: 'tour' }] });
    setCell(sheets, 'forum', 0, 'starts_on', new Date(Date.UTC(2026, 11, 3)));
    setCell(sheets, 'programme', 0, 'date', new Date(Date.UTC(2026, 11, 3)));
    setCell(sheets, 'programme', 0, 'starts_at', new Date(Date.UTC(1899, 11, 30, 10, 0))); // a time-only cell
    setCell(sheets, 'programme', 2, 'starts_at', new Date(Date.UTC(2026, 11, 4, 9, 30)));
    setCell(sheets, 'programme', 2, 'ends_at', { formula: 'D4+TIME(4,30,0)', result: new Date(Date.UTC(2026, 11, 4, 14, 0)) });
    const report = await run(store, await workbook(dir, sheets));
    expect(report.problems).toEqual([]);

    const regions = await rows(store, 'regions');
    expect(regions.get(key('omsk'))?.tile_col).toBe(11);
    expect(regions.get(key('novosibirsk'))?.name_en).toBe('Novosibirsk Oblast');
    expect(regions.get(key('tyumen'))?.participating).toBe(1);
    expect((await rows(store, 'projects')).get(key('refinery-tour'))?.title_en).toBe('Refinery tour');
    expect((await rows(store, 'forum')).get(key('omsk-industry-days-2026'))?.starts_on).toBe('2026-12-03');
    const sessions = await rows(store, 'programme_sessions');
    expect(sessions.get(key('opening'))?.starts_at).toBe('2026-12-03T10:00:00+06:00');
    expect(sessions.get(key('excursion'))).toMatchObject({ starts_at: '2026-12-04T09:30:00+06:00', ends_at: '2026-12-04T14:00:00+06:00' });
  });

  it('reports formulas without a saved value and error results', async () => {
    const store = openStore();
    const dir = workspace();
    const sheets = exampleSheets();
    setCell(sheets, 'regions', 0, 'tile_row', { formula: '1/0', result: { error: '#DIV/0!' } });
    setCell(sheets, 'regions', 1, 'tile_row', { formula: 'A1' } as never);
    const report = await run(store, await workbook(dir, sheets));
    expect(report.problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [2, 'tile_row', 'the cell shows an error (#DIV/0!)'],
      [3, 'tile_row', expect.stringMatching(/formula has no saved value/)],
    ]);
  });
});

describe('broken files', () => {
  const fileProblem = async (store: SqliteHubStore, path: string, options: ImportOptions = {}) => {
    const report = await run(store, path, options);
    expect(report.applied).toBe(false);
    expect(report.problems).toHaveLength(1);
    return report.problems[0]?.reason ?? '';
  };

  it('turns away what is not a workbook with a clear message, never a crash', async () => {
    const store = openStore();
    const dir = workspace();
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, 'this is not a spreadsheet');
    expect(await fileProblem(store, text)).toMatch(/not an \.xlsx workbook/);

    const xls = join(dir, 'old.xlsx');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await fileProblem(store, xls)).toMatch(/old-format Excel file \(\.xls\)/);

    const good = readFileSync(await workbook(dir));
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, good.subarray(0, Math.floor(good.length / 2)));
    expect(await fileProblem(store, cut)).toMatch(/damaged or not an \.xlsx file/);

    const garbled = Buffer.from(good);
    for (let i = 200; i < garbled.length - 200; i += 7) garbled[i] = (garbled[i] ?? 0) ^ 0x5a;
    const noise = join(dir, 'garbled.xlsx');
    writeFileSync(noise, garbled);
    expect(await fileProblem(store, noise)).toMatch(/damaged|cannot be read/);

    expect(await fileProblem(store, join(dir, 'nowhere.xlsx'))).toMatch(/does not exist/);
    const emptyFolder = join(dir, 'empty');
    mkdirSync(emptyFolder);
    expect(await fileProblem(store, emptyFolder)).toMatch(/has no \.csv files/);

    const csv = join(dir, 'csv');
    mkdirSync(csv);
    writeFileSync(join(csv, 'regions.csv'), 'id,name_ru\nomsk,"Омская\n');
    expect(await fileProblem(store, csv)).toMatch(/regions\.csv is not valid CSV/);
    expect((await store.meta()).headSeq).toBe(0);
  });

  it('refuses archives that unpack too big, and sheets over the row limit', async () => {
    const store = openStore();
    const dir = workspace();
    const file = await workbook(dir);
    expect(await fileProblem(store, file, { limits: { maxUnpackedBytes: 4096 } })).toMatch(/unpacks to more than/);

    // A part whose header claims a small size but inflates to far more: the claim is not trusted.
    const payload = deflateRawSync(Buffer.alloc(5_000_000));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(100, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(100, 24);
    central.writeUInt16LE(name.length, 28);
    const directoryAt = local.length + name.length + payload.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(directoryAt, 16);
    const bomb = join(dir, 'bomb.xlsx');
    writeFileSync(bomb, Buffer.concat([local, name, payload, central, name, end]));
    expect(await fileProblem(store, bomb, { limits: { maxUnpackedBytes: 1_000_000 } })).toMatch(/unpacks to more than 1 MB/);

    expect(await fileProblem(store, file, { limits: { maxRowsPerSheet: 2 } })).toMatch(/has more than 2 rows/);
    const csv = join(dir, 'csv');
    writeCsvFolder(exampleSheets(), csv);
    expect(await fileProblem(store, csv, { limits: { maxRowsPerSheet: 2 } })).toMatch(/\.csv has more than 2 rows/);
  });
});

describe('docs/import.md', () => {
  it('documents every sheet and column', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/import.md'), 'utf8');
    for (const def of sheetDefs) {
      const section = docs.split(`\n### ${def.key}\n`)[1]?.split(/\n##/)[0];
      expect(section, def.key).toBeDefined();
      for (const column of def.columns) expect(section, `${def.key}.${column.header}`).toMatch(new RegExp(`^\\| [^\\n]*\`${column.header}\``, 'm'));
    }
  });
});

describe('fuzzed input', () => {
  it('reports damaged copies of a good workbook or CSV file as problems, never by throwing', async () => {
    const store = openStore();
    const dir = workspace();
    const good = readFileSync(await workbook(dir));
    const csv = join(dir, 'csv');
    writeCsvFolder(exampleSheets(), csv);
    const goodCsv = readFileSync(join(csv, 'projects.csv'));
    let seed = 20261203;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.from(i % 2 ? good : goodCsv);
      for (let k = 0; k < 1 + random() * 12; k++) bytes[Math.floor(random() * bytes.length)] = [0x22, 0x3b, 0x0a, 0x00, 0xff, Math.floor(random() * 256)][k % 6] ?? 0;
      const cut = random() < 0.2 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      if (i % 2) writeFileSync(join(dir, 'fuzzed.xlsx'), cut);
      else writeFileSync(join(csv, 'projects.csv'), cut);
      const report = await run(store, i % 2 ? join(dir, 'fuzzed.xlsx') : csv, { dryRun: true });
      for (const problem of report.problems) expect(problem.reason).not.toMatch(/SQLITE|constraint|undefined|Bug/);
    }
    expect((await store.meta()).headSeq).toBe(0);
  });
});

describe('kiosks', () => {
  it('hold exactly the imported catalog after a sync, and get a re-imported change', async () => {
    const hub = await startHub({ demo: false });
    const dir = workspace();
    expect((await importCatalog(hub.store, await workbook(dir), { now: hub.clock.now })).problems).toEqual([]);
    const kiosk = await startKiosk({ hub, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(count(kiosk, 'SELECT count(*) AS n FROM projects WHERE deleted = 0')).toBe(3);
    expect(count(kiosk, "SELECT count(*) AS n FROM forum WHERE deleted = 0 AND is_demo = 0 AND id = 'omsk-industry-days-2026'")).toBe(1);
    expect(count(kiosk, "SELECT count(*) AS n FROM programme_sessions WHERE deleted = 0 AND starts_at = '2026-12-03T10:00:00+06:00'")).toBe(1);
    expect(kiosk.db.pragma('foreign_key_check')).toEqual([]);

    const sheets = exampleSheets();
    setCell(sheets, 'programme', 0, 'starts_at', '10:15');
    expect((await importCatalog(hub.store, await workbook(dir, sheets, 'moved.xlsx'), { now: hub.clock.now })).changed).toBe(1);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(count(kiosk, "SELECT count(*) AS n FROM programme_sessions WHERE deleted = 0 AND starts_at = '2026-12-03T10:15:00+06:00'")).toBe(1);
  });
});
