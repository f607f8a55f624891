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

/** 'YYYY-MM-DDTHH' (UTC) → the local date and hour in a time zone. */
export function localHour(hour: string, timeZone: string): { day: string; hour: number } {
  const at = new Date(`${hour}:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
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

/** Everything the organizers' page and exports show, for counts with fromHour <= hour < toHour (UTC keys). */
export async function usageSummary(store: HubStore, filter: { fromHour?: string; toHour?: string } = {}, limit = 15): Promise<UsageSummary> {
  const zone = await forumTimeZone(store);
  const rows = await store.usageCounts(filter);
  const of = (metric: string) => rows.filter((r) => r.metric === metric);
  const devices = new Map((await store.listDevices()).map((d) => [d.id, d.name]));
  const byHour = sum(of('session'), (r) => {
    const local = localHour(r.hour, zone);
    return `${local.day} ${String(local.hour).padStart(2, '0')}`;
  });
  const names = {
    region: await namesOf(store, 'regions', 'name_ru'),
    project: await namesOf(store, 'projects', 'title_ru'),
    cluster: await namesOf(store, 'clusters', 'name_ru'),
    route_stop: await namesOf(store, 'route_stops', 'title_ru'),
  };
  const top = (metric: keyof typeof names) =>
    ranked(sum(of(metric), (r) => r.subject), limit).map(([id, count]) => ({ id, name: names[metric].get(id) ?? id, count }));
  return {
    timeZone: zone,
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
