// The fleet's staff pages as HTML (docs/staff.md): the dashboard of kiosks, commands with their delivery, the schedule of
// presentations, the staff action log. Russian first with English alongside; every value escaped by `html`; no script.
import { commandKinds, type Heartbeat } from '../../electron/shared/sync-protocol';
import type { CommandStatus, DeviceStatus, StaffActionRecord } from '../store/hub-store';
import {
  activeDevices,
  commandDescription,
  commandLabels,
  formatBytes,
  formatDuration,
  formatInstant,
  kioskState,
  maxValidMinutes,
  onlineWithinMs,
  playlistLabel,
  targetLabel,
  zoneOf,
  type CommandFormValues,
  type Delivery,
  type FleetCatalog,
  type ScheduleEntry,
  type ScheduleFormValues,
  type TargetChoice,
  type Text,
} from './fleet';
import { html, type Html } from './html';
import { csrfField, layout, type PageSession } from './pages';

const both = (t: Text): string => (t.en ? `${t.ru} / ${t.en}` : t.ru);

function zoneName(id: string, catalog: FleetCatalog): string {
  if (id === '') return '—';
  const zone = catalog.zones.find((z) => z.id === id);
  return zone ? both(zone.name) : id;
}

const option = (value: string, label: string, selected: string): Html =>
  html`<option value="${value}"${value === selected ? html` selected` : null}>${label}</option>`;

function errorList(errors: readonly Text[]): Html | null {
  if (errors.length === 0) return null;
  return html`<div class="error" role="alert"><p>Не сохранено / Not saved:</p><ul>${errors.map((e) => html`<li>${e.ru} / ${e.en}</li>`)}</ul></div>`;
}

const noticeOf = (text: string | null): Html | null => (text ? html`<p class="notice" role="status">${text}</p>` : null);

// ---- the dashboard -------------------------------------------------------------------------------------------------

const modeLabels: Record<string, string> = {
  visitor: 'посетители / visitor',
  attract: 'заставка / attract loop',
  presentation: 'презентация / presentation',
  staff: 'персонал / staff',
  exhibitor: 'экспонент / exhibitor',
};

const stateLabels = {
  online: 'в сети / online',
  offline: 'не в сети / offline',
  never: 'ещё не выходил на связь / never seen',
} as const;

function kioskRow(device: DeviceStatus, catalog: FleetCatalog, now: number): Html {
  const beat: (Heartbeat & { receivedAt: number }) | null = device.lastHeartbeat;
  const state = kioskState(device, now);
  const cell = (value: Html | string | number | null) => html`<td>${value ?? '—'}</td>`;
  const offset = beat ? beat.kioskClock - beat.receivedAt : 0;
  return html`<tr id="kiosk-${device.id}" class="kiosk ${state}">
<th scope="row">${device.name || html`<span class="empty">(без имени / no name)</span>`}<br><code title="${device.id}">${device.id.length > 13 ? `${device.id.slice(0, 8)}…` : device.id}</code></th>
${cell(zoneName(zoneOf(device), catalog))}
<td class="state"><span class="badge ${state}">${stateLabels[state]}</span></td>
${cell(beat ? html`${formatDuration(now - beat.receivedAt)} назад / ago<br><small>${formatInstant(beat.receivedAt, catalog.timeZone)}</small>` : null)}
${cell(beat ? html`${beat.appVersion}<br><small>схема / schema ${beat.schemaVersion}</small>` : null)}
${cell(beat ? (modeLabels[beat.mode] ?? beat.mode) : null)}
${cell(beat ? (beat.lastSyncAt === null ? 'никогда / never' : formatDuration(now - beat.lastSyncAt)) : null)}
<td class="num">${beat ? beat.outbox : '—'}</td>
<td class="num">${beat ? beat.mediaBacklog : '—'}</td>
<td class="num">${beat ? (beat.diskFreeBytes === null ? '?' : formatBytes(beat.diskFreeBytes)) : '—'}</td>
<td class="num">${beat ? formatBytes(beat.memoryRssBytes) : '—'}</td>
<td class="text">${beat?.lastError ? html`<span class="last-error">${beat.lastError}</span>` : '—'}</td>
<td class="num${Math.abs(offset) > 60_000 ? ' off' : ''}">${beat ? `${offset >= 0 ? '+' : '−'}${formatDuration(offset)}` : '—'}</td>
<td>${beat && beat.logTail.length > 0
    ? html`<details><summary>${beat.logTail.length} строк / lines</summary><pre class="log">${beat.logTail.join('\n')}</pre></details>`
    : '—'}</td>
</tr>`;
}

export function kiosksPage(session: PageSession, view: { devices: readonly DeviceStatus[]; catalog: FleetCatalog; now: number }): Html {
  const devices = activeDevices(view.devices);
  const online = devices.filter((d) => kioskState(d, view.now) === 'online').length;
  const body = html`<h1>Киоски / Kiosks</h1>
<p class="summary">Киосков: <strong>${devices.length}</strong>, в сети: <strong>${online}</strong> / Kiosks: ${devices.length}, online: ${online}.
В сети — сигнал за последние ${onlineWithinMs / 1000} с; страница обновляется сама каждые 15 с. / Online means a heartbeat within the last ${onlineWithinMs / 1000} s; the page refreshes itself every 15 s.
Время — по часам форума (${view.catalog.timeZone}). / Times are the forum's (${view.catalog.timeZone}).</p>
${devices.length === 0
  ? html`<p class="empty-queue">Ни один киоск не подключён. Код для подключения: <code>npm run hub -- enroll-code</code>. / No kiosk is enrolled yet. A code to enroll one: <code>npm run hub -- enroll-code</code>.</p>`
  : html`<div class="wide"><table class="fleet">
<thead><tr><th>Киоск / Kiosk</th><th>Зона / Zone</th><th>Состояние / State</th><th>Последний сигнал / Last seen</th><th>Версия / Version</th><th>Режим / Mode</th>
<th>Отставание синхр. / Sync lag</th><th>Очередь правок / Outbox</th><th>Медиа в очереди / Media backlog</th><th>Свободно на диске / Free disk</th><th>Память / Memory</th>
<th>Последняя ошибка / Last error</th><th>Часы киоска / Clock offset</th><th>Журнал / Log</th></tr></thead>
<tbody>${devices.map((d) => kioskRow(d, view.catalog, view.now))}</tbody>
</table></div>`}`;
  return layout('Киоски / Kiosks', session, body, [], html`<meta http-equiv="refresh" content="15; url=/staff/kiosks?auto=1">
`);
}

// ---- commands ------------------------------------------------------------------------------------------------------

const deliveryLabels: Record<Delivery['state'], string> = {
  acknowledged: 'подтверждена / acknowledged',
  pending: 'ждёт / pending',
  expired: 'истекла / expired',
};

const outcomeLabels: Record<string, string> = {
  done: 'выполнена / done',
  expired: 'просрочена на киоске / expired at the kiosk',
  failed: 'ошибка / failed',
  unsupported: 'не поддерживается / unsupported',
};

function commandItem(status: CommandStatus, list: readonly Delivery[], devices: readonly DeviceStatus[], catalog: FleetCatalog, now: number): Html {
  const c = status.command;
  const count = (state: Delivery['state']) => list.filter((d) => d.state === state).length;
  return html`<tr id="command-${c.id}">
<td class="num">${c.id}</td>
<td>${formatInstant(c.issuedAt, catalog.timeZone)}${c.issuedBy ? html`<br><small>${c.issuedBy}</small>` : null}</td>
<td>${targetLabel(c.target, devices, catalog)}</td>
<td class="text">${commandDescription(c.kind, c.payload, catalog)}</td>
<td>${formatInstant(c.expiresAt, catalog.timeZone)}<br><small>${now >= c.expiresAt ? 'истекла / expired' : html`ещё / for ${formatDuration(c.expiresAt - now)}`}</small></td>
<td><p class="counts">подтверждена / acknowledged: ${count('acknowledged')} · ждёт / pending: ${count('pending')} · истекла / expired: ${count('expired')}</p>
${list.length === 0
  ? html`<span class="empty">(нет киосков / no kiosks)</span>`
  : html`<ul class="deliveries">${list.map(
      (d) => html`<li class="delivery ${d.state}" data-device="${d.deviceId}">${d.deviceName || d.deviceId}: <strong>${deliveryLabels[d.state]}</strong>${d.state === 'acknowledged'
        ? html` (${outcomeLabels[d.outcome ?? ''] ?? d.outcome ?? ''}${d.detail ? html`: ${d.detail}` : null}${d.ackedAt !== undefined ? html`, ${formatInstant(d.ackedAt, catalog.timeZone)}` : null})`
        : null}</li>`,
    )}</ul>`}</td>
</tr>`;
}

export type CommandsView = {
  values: CommandFormValues;
  errors: readonly Text[];
  notice: string | null;
  targets: readonly TargetChoice[];
  playlists: readonly { value: string; label: string }[];
  recent: readonly { status: CommandStatus; deliveries: readonly Delivery[] }[];
  devices: readonly DeviceStatus[];
  catalog: FleetCatalog;
  now: number;
};

export function commandsPage(session: PageSession, view: CommandsView): Html {
  const v = view.values;
  const body = html`<h1>Команды киоскам / Commands to kiosks</h1>
${noticeOf(view.notice)}
${errorList(view.errors)}
<form method="post" action="/staff/commands" class="fleet-form">
${csrfField(session.csrfToken)}
<label>Кому / To <select name="target">${view.targets.map((t) => option(t.value, t.label, v.target))}</select></label>
<fieldset>
<legend>Команда / Command</legend>
${commandKinds.map((kind) => html`<label><input type="radio" name="kind" value="${kind}"${v.kind === kind ? html` checked` : null}> ${commandLabels[kind]}</label>`)}
</fieldset>
<fieldset>
<legend>Для презентации / For a presentation</legend>
<label>Что показывать / Playlist <select name="playlist">${view.playlists.map((p) => option(p.value, p.label, v.playlist))}</select></label>
<label>Секунд на слайд / Seconds per slide <input name="interval" type="number" min="3" max="600" value="${v.interval}"></label>
</fieldset>
<fieldset>
<legend>Для сообщения / For a message banner</legend>
<label>Текст по-русски / Russian text <input name="ru" maxlength="300" value="${v.ru}"></label>
<label>Текст по-английски / English text <input name="en" maxlength="300" value="${v.en}"></label>
<label>Показывать минут / Show for minutes <input name="minutes" type="number" min="1" max="${maxValidMinutes}" value="${v.minutes}"></label>
<p class="hint">Пустой текст убирает сообщение с экранов. / An empty text clears the banner.</p>
</fieldset>
<label>Действует минут / Valid for minutes <input name="valid" type="number" min="1" max="${maxValidMinutes}" value="${v.valid}" required></label>
<p class="hint">Киоск, не получивший команду за это время, не выполнит её никогда. / A kiosk that has not received the command within this time never carries it out.</p>
<button type="submit">Отправить / Send</button>
</form>
<h2>Последние команды / Recent commands</h2>
${view.recent.length === 0
  ? html`<p class="empty-queue">Команд ещё не было. / No commands yet.</p>`
  : html`<div class="wide"><table class="commands">
<thead><tr><th>№</th><th>Отправлена / Sent</th><th>Кому / To</th><th>Команда / Command</th><th>Действует до / Valid until</th><th>Киоски / Kiosks</th></tr></thead>
<tbody>${view.recent.map((r) => commandItem(r.status, r.deliveries, view.devices, view.catalog, view.now))}</tbody>
</table></div>`}`;
  return layout('Команды / Commands', session, body);
}

// ---- the schedule --------------------------------------------------------------------------------------------------

export type ScheduleView = {
  values: ScheduleFormValues;
  errors: readonly Text[];
  notice: string | null;
  entries: readonly ScheduleEntry[];
  playlists: readonly { value: string; label: string }[];
  catalog: FleetCatalog;
};

function scheduleItem(entry: ScheduleEntry, catalog: FleetCatalog, csrfToken: string): Html {
  const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? '—' : formatInstant(Date.parse(iso), catalog.timeZone));
  return html`<tr id="schedule-${entry.id}">
<td>${entry.zone === '' ? 'Все киоски / All kiosks' : zoneName(entry.zone, catalog)}</td>
<td>${entry.sessionId
    ? entry.session
      ? html`Сессия / Session: ${both(entry.session.title)}<br><small>${when(entry.startsAt)} – ${when(entry.endsAt)}</small>`
      : html`<span class="last-error">Сессии ${entry.sessionId} больше нет в программе: показа не будет. / Session ${entry.sessionId} is no longer in the programme: nothing will be shown.</span>`
    : html`${when(entry.startsAt)} – ${when(entry.endsAt)}`}</td>
<td>${playlistLabel(entry.playlist, catalog)}</td>
<td class="num">${entry.intervalSeconds} с / s</td>
<td><form method="post" action="/staff/schedule/delete">${csrfField(csrfToken)}<input type="hidden" name="id" value="${entry.id}"><button type="submit" class="reject">Удалить / Delete</button></form></td>
</tr>`;
}

export function schedulePage(session: PageSession, view: ScheduleView): Html {
  const v = view.values;
  const body = html`<h1>Расписание презентаций / Presentation schedule</h1>
<p>Киоски выбранной зоны показывают презентацию во время сессии программы (по её времени, даже если сессию перенесут) или в указанные часы — по своей копии расписания, даже без сети. Время — по часам форума (${view.catalog.timeZone}).<br>
The kiosks of the chosen zone present during a programme session (following its times, even if it moves) or between the times given — from their own copy of the schedule, even with no network. Times are the forum's (${view.catalog.timeZone}).</p>
${noticeOf(view.notice)}
${view.entries.length === 0
  ? html`<p class="empty-queue">Расписание пусто. / The schedule is empty.</p>`
  : html`<div class="wide"><table class="schedule">
<thead><tr><th>Где / Where</th><th>Когда / When</th><th>Что показывать / Playlist</th><th>Слайд / Slide</th><th></th></tr></thead>
<tbody>${view.entries.map((e) => scheduleItem(e, view.catalog, session.csrfToken))}</tbody>
</table></div>`}
<h2>Добавить / Add</h2>
${errorList(view.errors)}
<form method="post" action="/staff/schedule" class="fleet-form">
${csrfField(session.csrfToken)}
<label>Где / Where <select name="zone">${option('', 'Все киоски / All kiosks', v.zone)}${view.catalog.zones.map((z) => option(z.id, `Зона / Zone: ${both(z.name)}`, v.zone))}</select></label>
<fieldset>
<legend>Когда / When</legend>
<label>Сессия программы / Programme session <select name="session">${option('', '— указать время / give the times —', v.session)}${view.catalog.sessions.map((s) =>
    option(s.id, `${formatInstant(s.startsUtc, view.catalog.timeZone)} · ${both(s.title)}`, v.session),
  )}</select></label>
<p class="hint">или / or</p>
<label>Начало / Start <input name="starts" type="datetime-local" value="${v.starts}"></label>
<label>Конец / End <input name="ends" type="datetime-local" value="${v.ends}"></label>
</fieldset>
<label>Что показывать / Playlist <select name="playlist">${view.playlists.map((p) => option(p.value, p.label, v.playlist))}</select></label>
<label>Секунд на слайд / Seconds per slide <input name="interval" type="number" min="3" max="600" value="${v.interval}" required></label>
<button type="submit">Добавить / Add</button>
</form>`;
  return layout('Расписание / Schedule', session, body);
}

// ---- the staff action log ------------------------------------------------------------------------------------------

export function actionsPage(session: PageSession, view: { actions: readonly StaffActionRecord[]; catalog: FleetCatalog; limit: number }): Html {
  const body = html`<h1>Действия персонала на киосках / Staff actions at the kiosks</h1>
<p>Сначала новые; время киоска — как его прислал киоск, время получения — по часам хаба. / Newest first; the kiosk's time is as the kiosk sent it, the time received is the hub's.</p>
${view.actions.length === 0
  ? html`<p class="empty-queue">Записей нет. / Nothing logged yet.</p>`
  : html`<div class="wide"><table class="actions-log">
<thead><tr><th>Киоск / Kiosk</th><th>Сотрудник / Staff</th><th>Действие / Action</th><th>Подробности / Detail</th><th>Время киоска / Kiosk time</th><th>Получено / Received</th></tr></thead>
<tbody>${view.actions.map(
      (a) => html`<tr class="staff-action">
<td>${a.deviceName || a.deviceId}</td>
<td>${a.staffName || a.staffId}${a.staffName && a.staffName !== a.staffId ? html`<br><small>${a.staffId}</small>` : null}</td>
<td><code>${a.action}</code></td>
<td class="text">${a.detail || '—'}</td>
<td>${a.at}</td>
<td>${formatInstant(a.receivedAt, view.catalog.timeZone)}</td>
</tr>`,
    )}</tbody>
</table></div>
${view.actions.length >= view.limit ? html`<p>Показаны последние ${view.limit}. / The latest ${view.limit} are shown.</p>` : null}`}`;
  return layout('Действия персонала / Staff actions', session, body);
}
