// The fleet on the hub's staff pages (docs/staff.md): what the dashboard, the commands and the schedule read from the
// store, and the checks of their forms. Pure where it can be; the HTML is in fleet-pages.ts, the routes in
// fleet-routes.ts.
import { randomUUID } from 'node:crypto';
import { forbiddenText } from '../../db/edit-check';
import type { WireRow } from '../../db/sync-tables';
import { playlistSchema, slideSecondsSchema, defaultSlideSeconds, type Playlist } from '../../electron/shared/contract';
import { commandKinds, commandPayloads, type CommandKind } from '../../electron/shared/sync-protocol';
import { isTimeZone, isoInZone, localToUtc } from '../import/cells';
import type { CommandStatus, DeviceStatus, HubStore } from '../store/hub-store';
import { forumTimeZone } from '../usage';

/** A kiosk whose last heartbeat reached the hub within this long is online. */
export const onlineWithinMs = 90_000;

/** How long a command may wait for its kiosks, minutes: the form's default and bounds. */
export const defaultValidMinutes = 10;
export const maxValidMinutes = 24 * 60;

/** Bilingual text: Russian first, English alongside. */
export type Text = { ru: string; en: string };

export type ZoneChoice = { id: string; name: Text };
export type RegionChoice = { id: string; name: Text };
export type SessionChoice = { id: string; title: Text; startsAt: string; endsAt: string; startsUtc: number };

/** What the forms offer and the checks accept, read from the hub's catalog records. */
export type FleetCatalog = {
  timeZone: string;
  zones: ZoneChoice[];
  /** Participating regions (the ones a region playlist can show). */
  regions: RegionChoice[];
  sessions: SessionChoice[];
  /** The route's name (the catalog has one route), or null. */
  route: Text | null;
};

const text = (row: WireRow, name: string): Text => ({ ru: String(row[`${name}_ru`] ?? ''), en: String(row[`${name}_en`] ?? '') });
const rowsOf = async (store: HubStore, table: 'hall_zones' | 'regions' | 'programme_sessions' | 'routes'): Promise<WireRow[]> =>
  (await store.listRecords(table)).flatMap((r) => (r.row ? [r.row] : []));

export async function fleetCatalog(store: HubStore): Promise<FleetCatalog> {
  const zone = await forumTimeZone(store);
  const byRu = <T extends { name: Text }>(a: T, b: T) => a.name.ru.localeCompare(b.name.ru, 'ru');
  return {
    timeZone: isTimeZone(zone) ? zone : 'UTC',
    zones: (await rowsOf(store, 'hall_zones')).map((row) => ({ id: String(row.id), name: text(row, 'name') })).sort(byRu),
    regions: (await rowsOf(store, 'regions'))
      .filter((row) => row.participating === 1)
      .map((row) => ({ id: String(row.id), name: text(row, 'name') }))
      .sort(byRu),
    sessions: (await rowsOf(store, 'programme_sessions'))
      .map((row) => ({ id: String(row.id), title: text(row, 'title'), startsAt: String(row.starts_at), endsAt: String(row.ends_at), startsUtc: Number(row.starts_utc) }))
      .sort((a, b) => a.startsUtc - b.startsUtc || a.id.localeCompare(b.id)),
    route: (await rowsOf(store, 'routes')).map((row) => text(row, 'name'))[0] ?? null,
  };
}

// ---- times ---------------------------------------------------------------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as people in the hall read it: the forum's time zone, e.g. 03.12.2026, 10:00:00. */
export function formatInstant(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format.format(new Date(ms));
}

/** A length of time, short and in both languages: "45 с / s", "3 мин / min", "2 ч / h", "4 дн. / d". */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s} с / s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} мин / min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} ч / h`;
  return `${Math.round(s / 86_400)} дн. / d`;
}

/** Bytes in the unit that reads best (MB up to 10 GB, then GB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 10 * 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} ГБ / GB`;
  return `${Math.round(bytes / 1024 ** 2)} МБ / MB`;
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value ('2026-12-03T10:00') as the forum's wall clock → ISO 8601 with the zone's offset at that
 * instant ('2026-12-03T10:00:00+06:00'), or null when it is not a real date and time.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  const match = localDateTime.exec(value.trim());
  if (!match) return null;
  const [y, m, d, h, mi, s] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d, h, mi, s));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59 || y < 2000 || y > 2999) return null;
  return isoInZone(localToUtc({ y, m, d }, { h, mi, s }, timeZone), timeZone);
}

// ---- the dashboard -------------------------------------------------------------------------------------------------

export type KioskState = 'online' | 'offline' | 'never';

export function kioskState(device: DeviceStatus, now: number): KioskState {
  const beat = device.lastHeartbeat;
  if (!beat) return 'never';
  return now - beat.receivedAt <= onlineWithinMs ? 'online' : 'offline';
}

/** The kiosk's hall zone: the one its last heartbeat named, else its group. */
export const zoneOf = (device: DeviceStatus): string => device.lastHeartbeat?.zone || device.groups[0] || '';

/** The kiosks staff manage: every enrolled one that is not revoked. */
export const activeDevices = (devices: readonly DeviceStatus[]): DeviceStatus[] => devices.filter((d) => d.revokedAt === null);

// ---- playlists -----------------------------------------------------------------------------------------------------

/** A playlist as a form's option value: 'route', 'featured', 'on_stage' or 'region:<id>'. */
export function playlistValue(playlist: Playlist): string {
  return playlist.kind === 'region' ? `region:${playlist.regionId}` : playlist.kind;
}

/** A form's playlist value back, checked against the catalog's participating regions; null when unknown. */
export function playlistFromValue(value: string, catalog: FleetCatalog): Playlist | null {
  const candidate = value.startsWith('region:') ? { kind: 'region', regionId: value.slice('region:'.length) } : { kind: value };
  const parsed = playlistSchema.safeParse(candidate);
  if (!parsed.success) return null;
  if (parsed.data.kind === 'region' && !catalog.regions.some((r) => r.id === (parsed.data as { regionId: string }).regionId)) return null;
  return parsed.data;
}

export function playlistLabel(playlist: unknown, catalog: FleetCatalog): string {
  const parsed = playlistSchema.safeParse(playlist);
  if (!parsed.success) return 'неизвестный список / unknown playlist';
  switch (parsed.data.kind) {
    case 'route':
      return catalog.route ? `Маршрут / Route: ${catalog.route.ru} / ${catalog.route.en}` : 'Маршрут / The route';
    case 'featured':
      return 'Избранные проекты / Featured projects';
    case 'on_stage':
      return 'Сейчас на сцене / Now on stage';
    case 'region': {
      const id = parsed.data.regionId;
      const region = catalog.regions.find((r) => r.id === id);
      return region ? `Проекты региона / Region's projects: ${region.name.ru} / ${region.name.en}` : `Проекты региона / Region's projects: ${id}`;
    }
  }
}

/** Every playlist staff can choose: value and label. */
export function playlistChoices(catalog: FleetCatalog): { value: string; label: string }[] {
  const fixed: Playlist[] = [{ kind: 'route' }, { kind: 'featured' }, { kind: 'on_stage' }];
  return [
    ...fixed.map((p) => ({ value: playlistValue(p), label: playlistLabel(p, catalog) })),
    ...catalog.regions.map((r) => ({ value: `region:${r.id}`, label: playlistLabel({ kind: 'region', regionId: r.id }, catalog) })),
  ];
}

// ---- commands ------------------------------------------------------------------------------------------------------

export const commandLabels: Record<CommandKind, string> = {
  presentation_start: 'Начать презентацию / Start presentation',
  presentation_stop: 'Остановить презентацию / Stop presentation',
  sync_now: 'Синхронизировать сейчас / Sync now',
  reload: 'Перезагрузить экран / Reload the screen',
  install_update: 'Установить загруженное обновление (приложение Electron) / Install a downloaded update (Electron app)',
  banner: 'Сообщение на экранах / Message banner',
};

const isCommandKind = (kind: string): kind is CommandKind => (commandKinds as string[]).includes(kind);

/** Where a command can go: all kiosks, a hall zone's kiosks, one kiosk. */
export type TargetChoice = { value: string; label: string };

export function targetChoices(devices: readonly DeviceStatus[], catalog: FleetCatalog): TargetChoice[] {
  const active = activeDevices(devices);
  const countIn = (zone: string) => active.filter((d) => d.groups.includes(zone)).length;
  const zones = new Map(catalog.zones.map((z) => [z.id, `${z.name.ru} / ${z.name.en}`]));
  // Zones kiosks report that the catalog does not have (yet) are targets too: that is where those kiosks are.
  for (const device of active) for (const group of device.groups) if (!zones.has(group)) zones.set(group, group);
  return [
    { value: 'all', label: `Все киоски / All kiosks (${active.length})` },
    ...[...zones].map(([id, name]) => ({ value: `group:${id}`, label: `Зона / Zone: ${name} (${countIn(id)})` })),
    ...active.map((d) => ({ value: `device:${d.id}`, label: `Киоск / Kiosk: ${d.name || d.id}` })),
  ];
}

export function targetLabel(target: string, devices: readonly DeviceStatus[], catalog: FleetCatalog): string {
  if (target === 'all') return 'Все киоски / All kiosks';
  if (target.startsWith('group:')) {
    const id = target.slice('group:'.length);
    const zone = catalog.zones.find((z) => z.id === id);
    return `Зона / Zone: ${zone ? `${zone.name.ru} / ${zone.name.en}` : id}`;
  }
  if (target.startsWith('device:')) {
    const id = target.slice('device:'.length);
    const device = devices.find((d) => d.id === id);
    return `Киоск / Kiosk: ${device?.name || id}`;
  }
  return target;
}

/** A sent command in words: its kind and what it carries. */
export function commandDescription(kind: string, payload: Record<string, unknown>, catalog: FleetCatalog): string {
  if (!isCommandKind(kind)) return kind;
  const parsed = commandPayloads[kind].safeParse(payload);
  if (!parsed.success) return `${commandLabels[kind]} (?)`;
  if (kind === 'presentation_start') {
    const data = commandPayloads.presentation_start.parse(payload);
    return `${commandLabels[kind]}: ${playlistLabel(data.playlist, catalog)}, ${data.intervalSeconds} с / s`;
  }
  if (kind === 'banner') {
    const data = commandPayloads.banner.parse(payload);
    if (data.ru === '' && data.en === '') return `${commandLabels[kind]}: убрать / clear`;
    return `${commandLabels[kind]}: «${data.ru}»${data.en ? ` / “${data.en}”` : ''}, ${data.minutes} мин / min`;
  }
  return commandLabels[kind];
}

/** The command form as typed (strings, kept on the page when refused). */
export type CommandFormValues = { target: string; kind: string; playlist: string; interval: string; ru: string; en: string; minutes: string; valid: string };

export const emptyCommandForm: CommandFormValues = {
  target: 'all',
  kind: 'presentation_start',
  playlist: 'route',
  interval: String(defaultSlideSeconds),
  ru: '',
  en: '',
  minutes: '30',
  valid: String(defaultValidMinutes),
};

const wholeNumber = (value: string): number | null => (/^\s*\d{1,6}\s*$/.test(value) ? Number(value) : null);

export type CheckedCommand = { target: string; kind: CommandKind; payload: Record<string, unknown>; validMinutes: number };

/** Checks the command form: a known target and kind, a payload the kiosks accept, a validity of 1 to 1440 minutes. */
export function checkCommandForm(values: CommandFormValues, devices: readonly DeviceStatus[], catalog: FleetCatalog): { ok: true; command: CheckedCommand } | { ok: false; errors: Text[] } {
  const errors: Text[] = [];
  if (!targetChoices(devices, catalog).some((t) => t.value === values.target)) errors.push({ ru: 'Выберите, кому отправить команду.', en: 'Choose where to send the command.' });
  const validMinutes = wholeNumber(values.valid);
  if (validMinutes === null || validMinutes < 1 || validMinutes > maxValidMinutes) {
    errors.push({ ru: `Срок действия — от 1 до ${maxValidMinutes} минут.`, en: `Valid for 1 to ${maxValidMinutes} minutes.` });
  }
  if (!isCommandKind(values.kind)) {
    errors.push({ ru: 'Неизвестная команда.', en: 'Unknown command.' });
    return { ok: false, errors };
  }
  let payload: Record<string, unknown> = {};
  if (values.kind === 'presentation_start') {
    const playlist = playlistFromValue(values.playlist, catalog);
    if (!playlist) errors.push({ ru: 'Нет такого списка показа (или регион не участвует).', en: 'No such playlist (or the region does not take part).' });
    const interval = wholeNumber(values.interval);
    if (interval === null || !slideSecondsSchema.safeParse(interval).success) errors.push({ ru: 'Интервал — от 3 до 600 секунд.', en: 'The interval is 3 to 600 seconds.' });
    payload = { playlist, intervalSeconds: interval };
  } else if (values.kind === 'banner') {
    const ru = values.ru.trim();
    const en = values.en.trim();
    if (ru.length > 300 || en.length > 300) errors.push({ ru: 'Текст сообщения — не длиннее 300 знаков.', en: 'A message has at most 300 characters.' });
    if (/\p{Cc}/u.test(ru + en) || forbiddenText.test(ru + en)) errors.push({ ru: 'В тексте недопустимые символы.', en: 'The text contains characters that are not allowed.' });
    if (ru === '' && en !== '') errors.push({ ru: 'Сначала текст по-русски.', en: 'The Russian text comes first.' });
    const minutes = wholeNumber(values.minutes);
    if (minutes === null || minutes < 1 || minutes > maxValidMinutes) errors.push({ ru: `Показывать от 1 до ${maxValidMinutes} минут.`, en: `Show it for 1 to ${maxValidMinutes} minutes.` });
    payload = { ru, en, minutes };
  }
  if (errors.length > 0) return { ok: false, errors };
  // The contract's own check, exactly as a kiosk will parse it.
  const parsed = commandPayloads[values.kind].safeParse(payload);
  if (!parsed.success) return { ok: false, errors: [{ ru: 'Команда не прошла проверку.', en: 'The command did not pass the check.' }] };
  return { ok: true, command: { target: values.target, kind: values.kind, payload: parsed.data, validMinutes: validMinutes ?? defaultValidMinutes } };
}

/** Where one kiosk stands with a command. */
export type Delivery = {
  deviceId: string;
  deviceName: string;
  state: 'acknowledged' | 'pending' | 'expired';
  outcome?: string;
  detail?: string;
  ackedAt?: number;
};

/**
 * Per kiosk: acknowledged (with the kiosk's outcome), pending (not yet, still valid) or expired (not acknowledged before
 * its expiry: the hub no longer hands it out, so it never fires). The kiosks counted are those the target names now
 * (active ones), plus any that acknowledged it.
 */
export function deliveries(status: CommandStatus, devices: readonly DeviceStatus[], now: number): Delivery[] {
  const { target, expiresAt } = status.command;
  const named = (d: DeviceStatus): boolean =>
    target === 'all' || target === `device:${d.id}` || (target.startsWith('group:') && d.groups.includes(target.slice('group:'.length)));
  const byId = new Map(devices.map((d) => [d.id, d]));
  const acked = new Map(status.acks.map((a) => [a.deviceId, a]));
  const ids = [...new Set([...activeDevices(devices).filter(named).map((d) => d.id), ...acked.keys()])];
  return ids
    .map((id): Delivery => {
      const ack = acked.get(id);
      const deviceName = byId.get(id)?.name ?? '';
      if (ack) return { deviceId: id, deviceName, state: 'acknowledged', outcome: ack.outcome, detail: ack.detail, ackedAt: ack.ackedAt };
      return { deviceId: id, deviceName, state: now >= expiresAt ? 'expired' : 'pending' };
    })
    .sort((a, b) => (a.deviceName || a.deviceId).localeCompare(b.deviceName || b.deviceId, 'ru'));
}

// ---- the schedule --------------------------------------------------------------------------------------------------

/** The schedule form as typed. `starts`/`ends` are datetime-local values on the forum's clock. */
export type ScheduleFormValues = { zone: string; session: string; starts: string; ends: string; playlist: string; interval: string };

export const emptyScheduleForm: ScheduleFormValues = { zone: '', session: '', starts: '', ends: '', playlist: 'route', interval: String(defaultSlideSeconds) };

/** Checks the schedule form; on success, the presentation_schedule row to write (with a new id). */
export function checkScheduleForm(values: ScheduleFormValues, catalog: FleetCatalog): { ok: true; row: WireRow } | { ok: false; errors: Text[] } {
  const errors: Text[] = [];
  if (values.zone !== '' && !catalog.zones.some((z) => z.id === values.zone)) errors.push({ ru: 'Нет такой зоны зала.', en: 'No such hall zone.' });
  const hasTimes = values.starts.trim() !== '' || values.ends.trim() !== '';
  let startsAt = '';
  let endsAt = '';
  if (values.session !== '') {
    if (!catalog.sessions.some((s) => s.id === values.session)) errors.push({ ru: 'Нет такой сессии программы.', en: 'No such programme session.' });
    if (hasTimes) errors.push({ ru: 'Либо сессия программы, либо начало и конец — не то и другое.', en: 'Either a programme session or a start and an end, not both.' });
  } else if (!hasTimes) {
    errors.push({ ru: 'Выберите сессию программы или укажите начало и конец.', en: 'Choose a programme session, or give a start and an end.' });
  } else {
    const starts = localInputToIso(values.starts, catalog.timeZone);
    const ends = localInputToIso(values.ends, catalog.timeZone);
    if (!starts || !ends) errors.push({ ru: 'Укажите начало и конец: дату и время.', en: 'Give a start and an end: date and time.' });
    else if (Date.parse(ends) <= Date.parse(starts)) errors.push({ ru: 'Конец должен быть позже начала.', en: 'The end must be after the start.' });
    else {
      startsAt = starts;
      endsAt = ends;
    }
  }
  const playlist = playlistFromValue(values.playlist, catalog);
  if (!playlist) errors.push({ ru: 'Нет такого списка показа (или регион не участвует).', en: 'No such playlist (or the region does not take part).' });
  const interval = wholeNumber(values.interval);
  if (interval === null || !slideSecondsSchema.safeParse(interval).success) errors.push({ ru: 'Интервал — от 3 до 600 секунд.', en: 'The interval is 3 to 600 seconds.' });
  if (errors.length > 0 || !playlist || interval === null) return { ok: false, errors };
  return {
    ok: true,
    row: {
      id: randomUUID(),
      zone: values.zone,
      session_id: values.session,
      starts_at: startsAt,
      ends_at: endsAt,
      playlist: JSON.stringify(playlist),
      interval_seconds: interval,
    },
  };
}

/** A schedule entry as the page shows it. */
export type ScheduleEntry = {
  id: string;
  zone: string;
  sessionId: string;
  /** The session, when the entry follows one that the programme still has. */
  session: SessionChoice | null;
  startsAt: string;
  endsAt: string;
  playlist: unknown;
  intervalSeconds: number;
};

export async function scheduleEntries(store: HubStore, catalog: FleetCatalog): Promise<ScheduleEntry[]> {
  const entries = (await store.listRecords('presentation_schedule')).flatMap((record) => {
    const row = record.row;
    if (!row) return [];
    let playlist: unknown;
    try {
      playlist = JSON.parse(String(row.playlist));
    } catch {
      playlist = null;
    }
    const sessionId = String(row.session_id ?? '');
    const session = sessionId ? (catalog.sessions.find((s) => s.id === sessionId) ?? null) : null;
    return [
      {
        id: String(row.id),
        zone: String(row.zone ?? ''),
        sessionId,
        session,
        startsAt: session ? session.startsAt : String(row.starts_at ?? ''),
        endsAt: session ? session.endsAt : String(row.ends_at ?? ''),
        playlist,
        intervalSeconds: Number(row.interval_seconds),
      },
    ];
  });
  const start = (e: ScheduleEntry) => Date.parse(e.startsAt) || Number.MAX_SAFE_INTEGER;
  return entries.sort((a, b) => start(a) - start(b) || a.id.localeCompare(b.id));
}
