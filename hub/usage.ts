// The hub's side of the anonymous usage counts (docs/privacy.md): retention, per-project figures for exhibitors, and
// the organizers' summaries.
import type { SyncedTable, WireRow } from '../db/sync-tables';
import type { HubStore, RecordWrite, UsageRow } from './store/hub-store';

/** How long counts are kept unless staff set otherwise (hub setting 'usage_retention_days'). */
export const defaultRetentionDays = 180;

/** How often a running hub refreshes exhibitors' figures and applies the retention. */
export const usageUpkeepMs = 5 * 60_000;

export const hourKey = (at: Date): string => at.toISOString().slice(0, 13);

/** The forum's time zone from the catalog (Asia/Omsk for the demo), for days and hours as people in the hall read them. */
export async function forumTimeZone(store: HubStore): Promise<string> {
  const [forum] = await store.listRecords('forum');
  const zone = forum?.row?.timezone;
  return typeof zone === 'string' && zone ? zone : 'UTC';
}

// One formatter per time zone: making one is far slower than using it, and exports convert every row's hour.
const hourFormats = new Map<string, Intl.DateTimeFormat>();
function hourFormat(timeZone: string): Intl.DateTimeFormat {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return format;
}

/** 'YYYY-MM-DDTHH' (UTC) → the local date and hour in a time zone. */
export function localHour(hour: string, timeZone: string): { day: string; hour: number } {
  const at = new Date(`${hour}:00:00Z`);
  const parts = hourFormat(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const hourMs = 3_600_000;

/** Whether text is a real calendar day 'YYYY-MM-DD' (not 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  const at = Date.parse(`${text}T00:00:00Z`);
  return dayPattern.test(text) && !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text;
}

/**
 * The UTC hour keys [fromHour, toHour) of the counts that belong to a local day, by the same rule as localHour: an
 * hour of counts belongs to the day on which it began in the forum's time zone (in a zone whose offset is not a whole
 * number of hours, the hour that straddles midnight goes to the day it began in). A day that a zone skipped has none.
 */
export function localDayBounds(day: string, timeZone: string): { fromHour: string; toHour: string } {
  // Every zone's local midnight lies within 15 hours of UTC midnight, and a local day lasts at most 25 hours.
  const start = Date.parse(`${day}T00:00:00Z`) - 15 * hourMs;
  let fromHour: string | null = null;
  for (let i = 0; i < 60; i++) {
    const key = hourKey(new Date(start + i * hourMs));
    const inDay = localHour(key, timeZone).day === day;
    if (fromHour === null && inDay) fromHour = key;
    else if (fromHour !== null && !inDay) return { fromHour, toHour: key };
  }
  const none = hourKey(new Date(start));
  return { fromHour: none, toHour: none };
}

/** The forum's days, local dates from the catalog's starts_on to ends_on (at most 31; none if the dates are unusable). */
export async function forumDaysOf(store: HubStore): Promise<string[]> {
  const [forum] = await store.listRecords('forum');
  const first = String(forum?.row?.starts_on ?? '');
  const last = String(forum?.row?.ends_on ?? '');
  if (!isCalendarDay(first) || !isCalendarDay(last)) return [];
  const days: string[] = [];
  for (let at = Date.parse(`${first}T00:00:00Z`); days.length < 31; at += 24 * hourMs) {
    const day = new Date(at).toISOString().slice(0, 10);
    if (day > last) break;
    days.push(day);
  }
  return days;
}

/** The days to offer in the organizers' day filter: the forum's days and any other local day on which visits were counted. */
export async function usageDays(store: HubStore): Promise<{ day: string; forum: boolean }[]> {
  const zone = await forumTimeZone(store);
  const forum = new Set(await forumDaysOf(store));
  const counted = new Set((await store.usageCounts({ metrics: ['session'] })).map((r) => localHour(r.hour, zone).day));
  return [...new Set([...forum, ...counted])].sort().map((day) => ({ day, forum: forum.has(day) }));
}

/** Deletes counts older than the retention period; returns how many rows went. */
export async function applyRetention(store: HubStore, now: number): Promise<number> {
  const days = Number((await store.getSetting('usage_retention_days')) ?? defaultRetentionDays);
  const keep = Number.isFinite(days) && days > 0 ? days : defaultRetentionDays;
  return store.purgeUsage(hourKey(new Date(now - keep * 86_400_000)));
}

/**
 * Recomputes the per-project, per-day figures exhibitors see (opens and QR codes shown, over all kiosks) and writes
 * the rows that changed as `project_stats` records, which kiosks pull like the catalog.
 */
export async function refreshProjectStats(store: HubStore, now: number): Promise<number> {
  const zone = await forumTimeZone(store);
  const rows = await store.usageCounts({ metrics: ['project', 'qr'] });
  const totals = new Map<string, { project_id: string; day: string; opens: number; qr_shown: number }>();
  for (const row of rows) {
    const { day } = localHour(row.hour, zone);
    const key = JSON.stringify([row.subject, day]);
    const entry = totals.get(key) ?? { project_id: row.subject, day, opens: 0, qr_shown: 0 };
    if (row.metric === 'project') entry.opens += row.count;
    else entry.qr_shown += row.count;
    totals.set(key, entry);
  }
  const table: SyncedTable = 'project_stats';
  const writes: RecordWrite[] = [...totals.entries()].map(([key, row]) => ({ table, key, row: row satisfies WireRow }));
  // Rows for days that retention removed become tombstones, so kiosks drop them too.
  for (const record of await store.listRecords(table)) {
    if (!totals.has(record.key)) writes.push({ table, key: record.key, row: null });
  }
  return (await store.writeRecords(writes, now)).changed;
}

export type UsageSummary = {
  timeZone: string;
  totals: { sessions: number; searches: number; emptySearches: number; qrShown: number };
  /** Visits per local hour, all kiosks. */
  sessionsByHour: { day: string; hour: number; sessions: number }[];
  sessionsByKiosk: { deviceId: string; name: string; sessions: number }[];
  top: Record<'region' | 'project' | 'cluster' | 'route_stop', { id: string; name: string; count: number }[]>;
  emptySearches: { term: string; count: number }[];
  searches: { term: string; count: number }[];
  languages: { language: string; count: number }[];
  accessibility: { mode: string; count: number }[];
  sessionLengths: { bucket: string; count: number }[];
  qrShown: { id: string; name: string; count: number }[];
};

const sum = (rows: readonly UsageRow[], key: (r: UsageRow) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
  return out;
};
const ranked = (totals: Map<string, number>, limit: number) =>
  [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);

/** Names for ids, in Russian (the organizers' reports), from the catalog. */
async function namesOf(store: HubStore, table: SyncedTable, column: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const record of await store.listRecords(table)) {
    if (record.row) names.set(String(record.row.id), String(record.row[column] ?? record.row.id));
  }
  return names;
}

/** Russian names of the catalog items that counts name by id. */
async function catalogNames(store: HubStore): Promise<Record<'region' | 'project' | 'cluster' | 'route_stop', Map<string, string>>> {
  return {
    region: await namesOf(store, 'regions', 'name_ru'),
    project: await namesOf(store, 'projects', 'title_ru'),
    cluster: await namesOf(store, 'clusters', 'name_ru'),
    route_stop: await namesOf(store, 'route_stops', 'title_ru'),
  };
}

/** Everything the organizers' page shows, for counts with fromHour <= hour < toHour (UTC keys). */
export async function usageSummary(store: HubStore, filter: { fromHour?: string; toHour?: string } = {}, limit = 15): Promise<UsageSummary> {
  const zone = await forumTimeZone(store);
  const rows = await store.usageCounts(filter);
  const of = (metric: string) => rows.filter((r) => r.metric === metric);
  const devices = new Map((await store.listDevices()).map((d) => [d.id, d.name]));
  const byHour = sum(of('session'), (r) => {
    const local = localHour(r.hour, zone);
    return `${local.day} ${String(local.hour).padStart(2, '0')}`;
  });
  const names = await catalogNames(store);
  const top = (metric: keyof typeof names) =>
    ranked(sum(of(metric), (r) => r.subject), limit).map(([id, count]) => ({ id, name: names[metric].get(id) ?? id, count }));
  const total = (metric: string) => of(metric).reduce((n, r) => n + r.count, 0);
  return {
    timeZone: zone,
    totals: { sessions: total('session'), searches: total('search'), emptySearches: total('search_empty'), qrShown: total('qr') },
    sessionsByHour: [...byHour.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, sessions]) => ({ day: key.slice(0, 10), hour: Number(key.slice(11)), sessions })),
    sessionsByKiosk: ranked(sum(of('session'), (r) => r.deviceId), 1000).map(([deviceId, sessions]) => ({ deviceId, name: devices.get(deviceId) ?? deviceId, sessions })),
    top: { region: top('region'), project: top('project'), cluster: top('cluster'), route_stop: top('route_stop') },
    emptySearches: ranked(sum(of('search_empty'), (r) => r.subject), 50).map(([term, count]) => ({ term, count })),
    searches: ranked(sum(of('search'), (r) => r.subject), 50).map(([term, count]) => ({ term, count })),
    languages: ranked(sum(of('language'), (r) => r.subject), 10).map(([language, count]) => ({ language, count })),
    accessibility: ranked(sum(of('accessibility'), (r) => r.subject), 10).map(([mode, count]) => ({ mode, count })),
    sessionLengths: ranked(sum(of('session_length'), (r) => r.subject), 10).map(([bucket, count]) => ({ bucket, count })),
    qrShown: ranked(sum(of('qr'), (r) => r.subject), limit).map(([id, count]) => ({ id, name: names.project.get(id) ?? id, count })),
  };
}

/** One line of the organizers' exports: a count of one kiosk in one local hour. */
export type UsageExportRow = {
  /** Local date and hour in the forum's time zone. */
  day: string;
  hour: number;
  deviceId: string;
  kioskName: string;
  metric: string;
  subject: string;
  /** The catalog name of a region, project, cluster or route stop (a project's for 'qr'); empty for other metrics. */
  subjectName: string;
  count: number;
};

/**
 * The counts behind the exports, for fromHour <= hour < toHour (UTC keys), one row per local day, hour, kiosk, metric
 * and subject, sorted that way (kiosks by name). Two UTC hours that fall in the same local hour (a clock put back) add up.
 */
export async function usageExportRows(store: HubStore, filter: { fromHour?: string; toHour?: string } = {}): Promise<{ timeZone: string; rows: UsageExportRow[] }> {
  const zone = await forumTimeZone(store);
  const devices = new Map((await store.listDevices()).map((d) => [d.id, d.name]));
  const names = await catalogNames(store);
  const nameOf = (metric: string, subject: string): string => {
    const table = metric === 'qr' ? names.project : (names as Record<string, Map<string, string> | undefined>)[metric];
    return table?.get(subject) ?? '';
  };
  const rows = new Map<string, UsageExportRow>();
  for (const r of await store.usageCounts(filter)) {
    const local = localHour(r.hour, zone);
    const key = JSON.stringify([local.day, local.hour, r.deviceId, r.metric, r.subject]);
    const row = rows.get(key);
    if (row) row.count += r.count;
    else {
      rows.set(key, {
        day: local.day,
        hour: local.hour,
        deviceId: r.deviceId,
        kioskName: devices.get(r.deviceId) ?? '',
        metric: r.metric,
        subject: r.subject,
        subjectName: nameOf(r.metric, r.subject),
        count: r.count,
      });
    }
  }
  const order = (a: UsageExportRow, b: UsageExportRow): number =>
    a.day.localeCompare(b.day) ||
    a.hour - b.hour ||
    a.kioskName.localeCompare(b.kioskName, 'ru') ||
    a.deviceId.localeCompare(b.deviceId) ||
    a.metric.localeCompare(b.metric) ||
    (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);
  return { timeZone: zone, rows: [...rows.values()].sort(order) };
}
