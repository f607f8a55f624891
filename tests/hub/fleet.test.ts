// The hub's side of staff mode over real HTTP (docs/staff-hub.md): the fleet dashboard from kiosks' heartbeats, commands
// to one kiosk, a hall zone or all through the sync command stream with their delivery (pending, acknowledged,
// expired), the presentation schedule as synced records, staff kiosk PINs from the CLI, the staff action log pushed by
// kiosks — and the staff session and CSRF rules on every new page.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/connection';
import { demoStaff, demoStaffPin } from '../../db/demo/pins';
import {
  enrollResponse,
  pullResponse,
  pushResponse,
  type Command,
  type Heartbeat,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '../../electron/shared/sync-protocol';
import { removeStaleCredentials } from '../../hub/catalog';
import { encodeCursor } from '../../hub/server';
import { CommandError, staffAddCommand, staffDisableCommand, staffPinCommand } from '../../hub/staff/commands';
import { escapeHtml } from '../../hub/staff/html';
import { matchesVerifier } from '../../hub/staff/kiosk-pin';
import { staffCsp } from '../../hub/staff/routes';
import { sessionIdleMs } from '../../hub/staff/session';
import { cleanUp, startHub, type TestHub } from '../sync/harness';
import { Browser, csrfOf, loggedIn } from './staff-login';

afterEach(cleanUp);

const password = 'correct horse battery staple';
const minute = 60_000;

async function staffHub(): Promise<TestHub> {
  const hub = await startHub({ demo: { projects: 100 } });
  await staffAddCommand(hub.store, 'anna', password, hub.clock.now);
  return hub;
}

// ---- kiosks over plain HTTP, as the sync worker talks to the hub -----------------------------------------------------

const kioskHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  'kiosk-protocol': '1',
  'kiosk-schema': String(latestSchemaVersion),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

type Kiosk = { id: string; token: string; nextOrder: number };

async function enroll(hub: TestHub, name: string): Promise<Kiosk> {
  const id = randomUUID();
  const response = await fetch(`${hub.url}/sync/v1/enroll`, { method: 'POST', headers: kioskHeaders(), body: JSON.stringify({ code: await hub.enrollCode(), kioskId: id, name }) });
  const body = enrollResponse.parse(await response.json());
  return { id, token: body.token, nextOrder: body.nextOrder };
}

function beat(hub: TestHub, overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    appVersion: '1.0.0',
    schemaVersion: latestSchemaVersion,
    protocol: 1,
    lastSyncAt: hub.clock.now,
    outbox: 0,
    mediaBacklog: 0,
    diskFreeBytes: 20 * 1024 ** 3,
    memoryRssBytes: 200 * 1024 ** 2,
    uptimeSeconds: 600,
    mode: 'visitor',
    name: '',
    zone: '',
    lastError: null,
    kioskClock: hub.clock.now,
    logTail: [],
    ...overrides,
  };
}

async function heartbeat(hub: TestHub, kiosk: Kiosk, overrides: Partial<Heartbeat> = {}): Promise<void> {
  const response = await fetch(`${hub.url}/sync/v1/heartbeat`, { method: 'POST', headers: kioskHeaders(kiosk.token), body: JSON.stringify(beat(hub, overrides)) });
  expect(response.status).toBe(200);
}

/** One pull page; with no cursor, one from the hub's head now (so only what changes from here on). */
async function pull(hub: TestHub, kiosk: Kiosk, cursor?: string): Promise<Extract<PullResponse, { kind: 'changes' }>> {
  const from = cursor ?? (await headCursor(hub));
  const response = await fetch(`${hub.url}/sync/v1/pull?cursor=${from}`, { headers: kioskHeaders(kiosk.token) });
  const body = pullResponse.parse(await response.json());
  if (body.kind !== 'changes') throw new Error(`pull answered ${body.kind}`);
  return body;
}

async function headCursor(hub: TestHub): Promise<string> {
  const meta = await hub.store.meta();
  return encodeCursor(meta.epoch, meta.headSeq);
}

const commandsOf = async (hub: TestHub, kiosk: Kiosk): Promise<Command[]> => (await pull(hub, kiosk)).commands;

async function ack(hub: TestHub, kiosk: Kiosk, id: number, outcome: 'done' | 'failed' | 'expired' | 'unsupported', detail = ''): Promise<void> {
  const response = await fetch(`${hub.url}/sync/v1/ack`, { method: 'POST', headers: kioskHeaders(kiosk.token), body: JSON.stringify({ commands: [{ id, outcome, detail }] }) });
  expect(response.status).toBe(200);
}

async function push(hub: TestHub, kiosk: Kiosk, mutations: Mutation[]): Promise<PushResponse> {
  const response = await fetch(`${hub.url}/sync/v1/push`, { method: 'POST', headers: kioskHeaders(kiosk.token), body: JSON.stringify({ mutations }) });
  expect(response.status).toBe(200);
  return pushResponse.parse(await response.json());
}

const staffAction = (kiosk: Kiosk, payload: Record<string, unknown>, id: string = randomUUID()): Mutation => ({ id, order: kiosk.nextOrder++, kind: 'staff_action', payload });

// ---- reading the pages ---------------------------------------------------------------------------------------------

/** The markup of the element with this id (a table row), up to its closing tag. */
function rowOf(page: string, id: string): string {
  const start = page.indexOf(`<tr id="${id}"`);
  if (start < 0) throw new Error(`no row ${id} on the page`);
  return page.slice(start, page.indexOf('</tr>', start) + '</tr>'.length);
}

/** Per kiosk id: its state in a command's row ('acknowledged', 'pending' or 'expired'). */
function deliveryStates(page: string, commandId: number): Record<string, string> {
  const row = rowOf(page, `command-${commandId}`);
  return Object.fromEntries([...row.matchAll(/<li class="delivery (\w+)" data-device="([^"]+)"/g)].map((m) => [m[2], m[1]]));
}

const lastCommandId = async (hub: TestHub): Promise<number> => (await hub.store.commandStatus(1))[0]?.command.id ?? 0;

// ---- sessions and CSRF on every new page -------------------------------------------------------------------------------

describe('the fleet pages: sessions and CSRF', () => {
  const pages = ['/staff/kiosks', '/staff/commands', '/staff/schedule', '/staff/actions'];

  it('every page sends a visitor without a session to the login; every POST without a session is refused', async () => {
    const hub = await staffHub();
    const stranger = new Browser(hub);
    for (const path of pages) {
      const answer = await stranger.get(path);
      expect([path, answer.status, answer.location]).toEqual([path, 303, '/staff/login?m=session_ended']);
    }
    // A stranger holding a login-form token (the cookie every visitor gets) still has no session.
    const login = await stranger.get('/staff/login');
    for (const path of ['/staff/commands', '/staff/schedule', '/staff/schedule/delete']) {
      const answer = await stranger.post(path, { csrf: csrfOf(login), target: 'all', kind: 'sync_now', valid: '10', session: '', zone: '', id: 'x' });
      expect([path, answer.status]).toEqual([path, 403]);
    }
    expect(await hub.store.commandStatus(10)).toEqual([]);
    expect(await hub.store.listRecords('presentation_schedule')).toEqual([]);
  });

  it('login and /staff/ lead to the dashboard; every page has the nav, the strict CSP and no script', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub, 'anna', password);
    expect((await browser.get('/staff/')).location).toBe('/staff/kiosks');
    expect((await browser.get('/staff/login')).location).toBe('/staff/kiosks');
    for (const path of pages) {
      const page = await browser.get(path);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.headers.get('content-security-policy')).toBe(staffCsp);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.text).not.toMatch(/<script/i);
      for (const link of pages) expect(page.text).toContain(`<a href="${link}">`);
    }
  });

  it('every POST needs this session\u2019s CSRF token: none, a wrong one or another session\u2019s is refused and changes nothing', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub, 'anna', password);
    const other = await loggedIn(hub, 'anna', password);
    const mine = csrfOf(await browser.get('/staff/commands'));
    const theirs = csrfOf(await other.get('/staff/commands'));
    expect(mine).not.toBe(theirs);
    const forms: [string, Record<string, string>][] = [
      ['/staff/commands', { target: 'all', kind: 'sync_now', valid: '10' }],
      ['/staff/schedule', { zone: '', session: '', starts: '2026-12-03T14:00', ends: '2026-12-03T15:00', playlist: 'route', interval: '12' }],
    ];
    for (const [path, form] of forms) {
      for (const csrf of [undefined, '', 'x'.repeat(43), theirs]) {
        const answer = await browser.post(path, csrf === undefined ? form : { ...form, csrf });
        expect([path, csrf, answer.status]).toEqual([path, csrf, 403]);
      }
    }
    expect(await hub.store.commandStatus(10)).toEqual([]);
    expect(await hub.store.listRecords('presentation_schedule')).toEqual([]);

    // With the token, the same forms work; a delete without it removes nothing.
    for (const [path, form] of forms) expect((await browser.post(path, { ...form, csrf: mine })).status).toBe(303);
    const [entry] = await hub.store.listRecords('presentation_schedule');
    const id = String(entry?.row?.id);
    expect((await browser.post('/staff/schedule/delete', { id })).status).toBe(403);
    expect((await browser.post('/staff/schedule/delete', { id, csrf: theirs })).status).toBe(403);
    expect((await hub.store.listRecords('presentation_schedule')).map((r) => r.row?.id)).toEqual([id]);
  });

  it('a session ends after its idle time: the pages send to the login and its forms are refused', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub, 'anna', password);
    const csrf = csrfOf(await browser.get('/staff/commands'));
    hub.clock.now += sessionIdleMs - 1_000;
    expect((await browser.get('/staff/kiosks')).status).toBe(200);
    hub.clock.now += sessionIdleMs;
    expect((await browser.get('/staff/kiosks')).location).toBe('/staff/login?m=session_ended');
    expect((await browser.post('/staff/commands', { csrf, target: 'all', kind: 'sync_now', valid: '10' })).status).toBe(403);
    expect(await hub.store.commandStatus(10)).toEqual([]);
    // The expired session is gone from the store, not just refused.
    expect(hub.store.db.prepare('SELECT count(*) AS n FROM staff_sessions').get()).toEqual({ n: 0 });
  });

  it('the dashboard refreshing itself does not keep a session alive that nobody uses', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub, 'anna', password);
    // A browser left open on the dashboard: it reloads itself every 15 s for longer than the idle time.
    for (let waited = 15_000; waited < sessionIdleMs; waited += 15_000) {
      hub.clock.now += 15_000;
      expect((await browser.get('/staff/kiosks?auto=1')).status).toBe(200);
    }
    hub.clock.now += 15_000;
    expect((await browser.get('/staff/kiosks?auto=1')).location).toBe('/staff/login?m=session_ended');
  });
});

// ---- the dashboard -----------------------------------------------------------------------------------------------------

describe('the dashboard', () => {
  it('lists every kiosk that is not revoked with its heartbeat figures, online or offline, escaped', async () => {
    const hub = await staffHub();
    const entrance = await enroll(hub, 'entrance-enrolled');
    const stage = await enroll(hub, 'Stage');
    const silent = await enroll(hub, 'Silent');
    const gone = await enroll(hub, 'Gone');
    await hub.store.revokeDevice(gone.id, hub.clock.now);

    await heartbeat(hub, entrance, {
      name: 'Вход А',
      zone: 'tourism',
      appVersion: '1.4.2',
      mode: 'presentation',
      lastSyncAt: hub.clock.now - 125_000,
      outbox: 7,
      mediaBacklog: 3,
      diskFreeBytes: 5 * 1024 ** 3,
      memoryRssBytes: 300 * 1024 ** 2,
      lastError: '<b>disk</b> slow',
      kioskClock: hub.clock.now + 42_000,
      logTail: ['[sync] cycle ok', '<script>alert(1)</script>'],
    });
    hub.clock.now += 60_000;
    await heartbeat(hub, stage, { zone: '', mode: 'attract' });

    // The heartbeat's name and zone become the device's name and group.
    const devices = await hub.store.listDevices();
    expect(devices.find((d) => d.id === entrance.id)).toMatchObject({ name: 'Вход А', groups: ['tourism'] });
    expect(devices.find((d) => d.id === stage.id)).toMatchObject({ name: 'Stage', groups: [] });

    const browser = await loggedIn(hub, 'anna', password);
    const page = (await browser.get('/staff/kiosks')).text;
    expect(page).toContain('<meta http-equiv="refresh" content="15; url=/staff/kiosks?auto=1">');
    expect(page).toMatch(/Киосков: <strong>3<\/strong>, в сети: <strong>2<\/strong>/);
    expect(page).not.toContain(gone.id);

    const a = rowOf(page, `kiosk-${entrance.id}`);
    expect(a).toContain('Вход А');
    expect(a).toContain('Промышленный туризм Омской области');
    expect(a).toContain('в сети / online');
    expect(a).toContain('60 с / s назад / ago');
    expect(a).toContain('1.4.2');
    expect(a).toContain('презентация / presentation');
    expect(a).toContain('<td>3 мин / min</td>'); // sync lag: 125 s before the beat, seen 60 s later
    expect(a).toContain('<td class="num">7</td>');
    expect(a).toContain('<td class="num">3</td>');
    expect(a).toContain('5120 МБ / MB');
    expect(a).toContain('300 МБ / MB');
    expect(a).toContain(escapeHtml('<b>disk</b> slow'));
    expect(a).toContain('+42 с / s');
    expect(a).toMatch(/<details><summary>2 строк \/ lines<\/summary><pre class="log">\[sync\] cycle ok\n&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/pre><\/details>/);
    expect(page).not.toContain('<b>disk</b>');
    expect(page).not.toContain('<script>');

    const b = rowOf(page, `kiosk-${stage.id}`);
    expect(b).toContain('в сети / online');
    expect(b).toContain('заставка / attract loop');
    expect(rowOf(page, `kiosk-${silent.id}`)).toContain('ещё не выходил на связь / never seen');

    // 90 s without a heartbeat is still online; one more second and it is offline, with how long ago it was seen.
    hub.clock.now += 30_000;
    const later = (await browser.get('/staff/kiosks')).text;
    expect(rowOf(later, `kiosk-${entrance.id}`)).toContain('в сети / online');
    hub.clock.now += 1_000;
    const offline = (await browser.get('/staff/kiosks')).text;
    expect(rowOf(offline, `kiosk-${entrance.id}`)).toContain('не в сети / offline');
    expect(rowOf(offline, `kiosk-${entrance.id}`)).toContain('91 с / s назад / ago');
    expect(rowOf(offline, `kiosk-${stage.id}`)).toContain('в сети / online');
    expect(offline).toMatch(/в сети: <strong>1<\/strong>/);

    // A heartbeat with an empty name keeps the name; a new zone moves the kiosk to that group.
    await heartbeat(hub, entrance, { name: '', zone: 'omsk' });
    expect((await hub.store.listDevices()).find((d) => d.id === entrance.id)).toMatchObject({ name: 'Вход А', groups: ['omsk'] });
  });
});

// ---- commands ----------------------------------------------------------------------------------------------------------

describe('commands', () => {
  it('a command to a zone reaches only that zone\u2019s kiosks by pull; pending, then acknowledged, or expired', async () => {
    const hub = await staffHub();
    const [a, b, c] = [await enroll(hub, 'A'), await enroll(hub, 'B'), await enroll(hub, 'C')];
    await heartbeat(hub, a, { zone: 'tourism' });
    await heartbeat(hub, b, { zone: 'tourism' });
    await heartbeat(hub, c, { zone: 'omsk' });

    const browser = await loggedIn(hub, 'anna', password);
    const form = await browser.get('/staff/commands');
    expect(form.text).toContain('<option value="group:tourism">');
    expect(form.text).toContain(`<option value="device:${c.id}">`);
    const sent = await browser.post('/staff/commands', { csrf: csrfOf(form), target: 'group:tourism', kind: 'presentation_start', playlist: 'route', interval: '20', valid: '10' });
    expect([sent.status, sent.location]).toEqual([303, '/staff/commands?notice=sent']);
    const id = await lastCommandId(hub);
    const issuedAt = hub.clock.now;

    for (const kiosk of [a, b]) {
      expect(await commandsOf(hub, kiosk)).toEqual([
        { id, kind: 'presentation_start', payload: { playlist: { kind: 'route' }, intervalSeconds: 20 }, issuedAt, expiresAt: issuedAt + 10 * minute },
      ]);
    }
    expect(await commandsOf(hub, c)).toEqual([]);
    expect((await hub.store.commandStatus(1))[0]?.command).toMatchObject({ target: 'group:tourism', issuedBy: 'anna' });

    const page = await browser.get('/staff/commands?notice=sent');
    expect(page.text).toContain('Команда отправлена');
    expect(deliveryStates(page.text, id)).toEqual({ [a.id]: 'pending', [b.id]: 'pending' });

    // A carries it out and acknowledges: acknowledged with its outcome, and A is not handed it again.
    hub.clock.now += 5_000;
    await ack(hub, a, id, 'done', 'presenting');
    const acked = await browser.get('/staff/commands');
    expect(deliveryStates(acked.text, id)).toEqual({ [a.id]: 'acknowledged', [b.id]: 'pending' });
    expect(rowOf(acked.text, `command-${id}`)).toContain('выполнена / done: presenting');
    expect(await commandsOf(hub, a)).toEqual([]);
    expect((await commandsOf(hub, b)).map((x) => x.id)).toEqual([id]);

    // B was off until the command's time ran out: expired, and the hub no longer hands it out.
    hub.clock.now = issuedAt + 10 * minute;
    const expired = await browser.get('/staff/commands');
    expect(deliveryStates(expired.text, id)).toEqual({ [a.id]: 'acknowledged', [b.id]: 'expired' });
    expect(await commandsOf(hub, b)).toEqual([]);
    // An acknowledgement after the expiry changes nothing for A, and B's late one is recorded as what it is.
    await ack(hub, b, id, 'expired');
    expect(deliveryStates((await browser.get('/staff/commands')).text, id)).toEqual({ [a.id]: 'acknowledged', [b.id]: 'acknowledged' });
  });

  it('one kiosk or all kiosks; a banner and the other kinds; every kind parses as the contract says', async () => {
    const hub = await staffHub();
    const [a, b] = [await enroll(hub, 'A'), await enroll(hub, 'B')];
    const browser = await loggedIn(hub, 'anna', password);
    const csrf = csrfOf(await browser.get('/staff/commands'));

    await browser.post('/staff/commands', { csrf, target: `device:${b.id}`, kind: 'banner', ru: 'Пленарное заседание в 14:00', en: 'Plenary at 14:00', minutes: '45', valid: '5' });
    expect(await commandsOf(hub, a)).toEqual([]);
    expect((await commandsOf(hub, b)).map((x) => [x.kind, x.payload, x.expiresAt - x.issuedAt])).toEqual([
      ['banner', { ru: 'Пленарное заседание в 14:00', en: 'Plenary at 14:00', minutes: 45 }, 5 * minute],
    ]);
    for (const kind of ['presentation_stop', 'sync_now', 'reload']) {
      expect((await browser.post('/staff/commands', { csrf, target: 'all', kind, valid: '10', ru: 'ignored' })).status).toBe(303);
    }
    const toAll = (await commandsOf(hub, a)).map((x) => [x.kind, x.payload]);
    expect(toAll).toEqual([
      ['presentation_stop', {}],
      ['sync_now', {}],
      ['reload', {}],
    ]);
    // A region's projects, from a region that takes part.
    const region = (await hub.store.listRecords('regions')).find((r) => r.row?.participating === 1)?.row;
    const page = await browser.get('/staff/commands');
    expect(page.text).toContain(`<option value="region:${String(region?.id)}">`);
    expect((await browser.post('/staff/commands', { csrf, target: 'all', kind: 'presentation_start', playlist: `region:${String(region?.id)}`, interval: '8', valid: '10' })).status).toBe(303);
    expect((await commandsOf(hub, b)).at(-1)?.payload).toEqual({ playlist: { kind: 'region', regionId: region?.id }, intervalSeconds: 8 });
    const listed = (await browser.get('/staff/commands')).text;
    expect(rowOf(listed, `command-${await lastCommandId(hub)}`)).toContain(escapeHtml(String(region?.name_ru)));
  });

  it('refuses a bad command with a clear message, keeps what was typed, and sends nothing', async () => {
    const hub = await staffHub();
    const kiosk = await enroll(hub, 'A');
    const browser = await loggedIn(hub, 'anna', password);
    const csrf = csrfOf(await browser.get('/staff/commands'));
    const cases: [Record<string, string>, string][] = [
      [{ target: 'all', kind: 'presentation_start', playlist: 'region:atlantis', interval: '12', valid: '10' }, 'Нет такого списка показа'],
      [{ target: 'all', kind: 'presentation_start', playlist: 'route', interval: '2', valid: '10' }, 'Интервал — от 3 до 600 секунд'],
      [{ target: 'all', kind: 'presentation_start', playlist: 'route', interval: '601', valid: '10' }, 'Интервал — от 3 до 600 секунд'],
      [{ target: 'all', kind: 'sync_now', valid: '0' }, 'Срок действия — от 1 до 1440 минут'],
      [{ target: 'all', kind: 'sync_now', valid: '1441' }, 'Срок действия — от 1 до 1440 минут'],
      [{ target: 'all', kind: 'sync_now', valid: 'soon' }, 'Срок действия — от 1 до 1440 минут'],
      [{ target: 'device:nobody', kind: 'sync_now', valid: '10' }, 'Выберите, кому отправить команду'],
      [{ target: 'all', kind: 'self_destruct', valid: '10' }, 'Неизвестная команда'],
      [{ target: 'all', kind: 'banner', ru: 'x'.repeat(301), minutes: '10', valid: '10' }, 'не длиннее 300 знаков'],
      [{ target: 'all', kind: 'banner', ru: 'evil \u202e text', minutes: '10', valid: '10' }, 'недопустимые символы'],
      [{ target: 'all', kind: 'banner', ru: 'Привет', minutes: '0', valid: '10' }, 'Показывать от 1 до 1440 минут'],
    ];
    for (const [form, message] of cases) {
      const answer = await browser.post('/staff/commands', { csrf, ...form });
      expect([form, answer.status]).toEqual([form, 400]);
      expect(answer.text).toContain(message);
    }
    // The form comes back as typed.
    const kept = await browser.post('/staff/commands', { csrf, target: `device:${kiosk.id}`, kind: 'presentation_start', playlist: 'featured', interval: '2', valid: '33' });
    expect(kept.text).toContain(`<option value="device:${kiosk.id}" selected>`);
    expect(kept.text).toContain('<input type="radio" name="kind" value="presentation_start" checked>');
    expect(kept.text).toContain('<option value="featured" selected>');
    expect(kept.text).toMatch(/name="interval" type="number" min="3" max="600" value="2"/);
    expect(kept.text).toMatch(/name="valid" type="number" min="1" max="1440" value="33"/);
    expect(await hub.store.commandStatus(10)).toEqual([]);
    expect(await commandsOf(hub, kiosk)).toEqual([]);
  });
});

// ---- the schedule ------------------------------------------------------------------------------------------------------

describe('the presentation schedule', () => {
  it('entries added and deleted on the page reach kiosks as synced changes in a pull', async () => {
    const hub = await staffHub();
    const kiosk = await enroll(hub, 'A');
    const browser = await loggedIn(hub, 'anna', password);
    const form = await browser.get('/staff/schedule');
    const csrf = csrfOf(form);
    const sessions = (await hub.store.listRecords('programme_sessions')).map((r) => r.row!);
    const plenary = sessions[0]!;
    expect(form.text).toContain(`<option value="${String(plenary.id)}">`);
    const region = (await hub.store.listRecords('regions')).find((r) => r.row?.participating === 1)!.row!;
    const before = await headCursor(hub);

    const bySession = await browser.post('/staff/schedule', { csrf, zone: 'tourism', session: String(plenary.id), starts: '', ends: '', playlist: 'featured', interval: '15' });
    expect([bySession.status, bySession.location]).toEqual([303, '/staff/schedule?notice=added']);
    const byTimes = await browser.post('/staff/schedule', { csrf, zone: '', session: '', starts: '2026-12-03T14:00', ends: '2026-12-03T15:30', playlist: `region:${String(region.id)}`, interval: '12' });
    expect(byTimes.status).toBe(303);

    const added = await pull(hub, kiosk, before);
    expect(added.changes.map((c) => c.t)).toEqual(['presentation_schedule', 'presentation_schedule']);
    const [first, second] = added.changes;
    expect(first?.row).toEqual({
      id: expect.any(String),
      zone: 'tourism',
      session_id: plenary.id,
      starts_at: '',
      ends_at: '',
      playlist: JSON.stringify({ kind: 'featured' }),
      interval_seconds: 15,
    });
    // Explicit times are the forum's wall clock (Asia/Omsk, UTC+6), stored with their offset.
    expect(second?.row).toEqual({
      id: expect.any(String),
      zone: '',
      session_id: '',
      starts_at: '2026-12-03T14:00:00+06:00',
      ends_at: '2026-12-03T15:30:00+06:00',
      playlist: JSON.stringify({ kind: 'region', regionId: region.id }),
      interval_seconds: 12,
    });
    expect(first?.k).toBe(JSON.stringify([first?.row?.id]));

    const listed = (await browser.get('/staff/schedule')).text;
    const sessionRow = rowOf(listed, `schedule-${String(first?.row?.id)}`);
    expect(sessionRow).toContain('Промышленный туризм Омской области');
    expect(sessionRow).toContain(escapeHtml(String(plenary.title_ru)));
    expect(sessionRow).toContain('Избранные проекты / Featured projects');
    const timesRow = rowOf(listed, `schedule-${String(second?.row?.id)}`);
    expect(timesRow).toContain('Все киоски / All kiosks');
    expect(timesRow).toContain('03.12.2026, 14:00:00 – 03.12.2026, 15:30:00');
    expect(timesRow).toContain(escapeHtml(String(region.name_ru)));

    const mark = await headCursor(hub);
    const deleted = await browser.post('/staff/schedule/delete', { csrf, id: String(first?.row?.id) });
    expect([deleted.status, deleted.location]).toEqual([303, '/staff/schedule?notice=deleted']);
    const removal = await pull(hub, kiosk, mark);
    expect(removal.changes.map((c) => [c.t, c.k, c.row])).toEqual([['presentation_schedule', first?.k, null]]);
    expect((await browser.get('/staff/schedule')).text).not.toContain(`schedule-${String(first?.row?.id)}`);
    // Deleting it again finds nothing, and writes nothing.
    const head = (await hub.store.meta()).headSeq;
    expect((await browser.post('/staff/schedule/delete', { csrf, id: String(first?.row?.id) })).location).toBe('/staff/schedule?notice=not_found');
    expect((await hub.store.meta()).headSeq).toBe(head);
  });

  it('refuses an end not after the start, an unknown session, zone or region, with a clear message and the form kept', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub, 'anna', password);
    const csrf = csrfOf(await browser.get('/staff/schedule'));
    const session = String((await hub.store.listRecords('programme_sessions'))[0]?.row?.id);
    const good = { zone: '', session: '', starts: '2026-12-03T16:00', ends: '2026-12-03T17:00', playlist: 'route', interval: '12' };
    const cases: [Record<string, string>, string][] = [
      [{ ...good, ends: '2026-12-03T16:00' }, 'Конец должен быть позже начала. / The end must be after the start.'],
      [{ ...good, ends: '2026-12-03T15:59' }, 'Конец должен быть позже начала.'],
      [{ ...good, session: 'no-such-session', starts: '', ends: '' }, 'Нет такой сессии программы. / No such programme session.'],
      [{ ...good, zone: 'basement' }, 'Нет такой зоны зала. / No such hall zone.'],
      [{ ...good, playlist: 'region:atlantis' }, 'Нет такого списка показа'],
      [{ ...good, session }, 'Либо сессия программы, либо начало и конец'],
      [{ ...good, starts: '', ends: '' }, 'Выберите сессию программы или укажите начало и конец'],
      [{ ...good, starts: '2026-02-30T10:00' }, 'Укажите начало и конец: дату и время'],
      [{ ...good, interval: '2' }, 'Интервал — от 3 до 600 секунд'],
    ];
    const head = (await hub.store.meta()).headSeq;
    for (const [form, message] of cases) {
      const answer = await browser.post('/staff/schedule', { csrf, ...form });
      expect([form, answer.status]).toEqual([form, 400]);
      expect(answer.text).toContain(escapeHtml(message));
    }
    const kept = await browser.post('/staff/schedule', { csrf, ...good, zone: 'tourism', ends: '2026-12-03T15:00', playlist: 'on_stage', interval: '30' });
    expect(kept.text).toContain('<option value="tourism" selected>');
    expect(kept.text).toContain('name="starts" type="datetime-local" value="2026-12-03T16:00"');
    expect(kept.text).toContain('name="ends" type="datetime-local" value="2026-12-03T15:00"');
    expect(kept.text).toContain('<option value="on_stage" selected>');
    expect(kept.text).toMatch(/name="interval" type="number" min="3" max="600" value="30"/);
    expect((await hub.store.meta()).headSeq).toBe(head);
    expect(await hub.store.listRecords('presentation_schedule')).toEqual([]);
  });
});

// ---- staff kiosk PINs --------------------------------------------------------------------------------------------------

describe('staff kiosk PINs (npm run hub -- staff-pin)', () => {
  it('a random 6-digit PIN or a chosen one, kept as a synced verifier only, never shared by two staff members', async () => {
    const hub = await staffHub();
    await staffAddCommand(hub.store, 'boris', password, hub.clock.now);
    const kiosk = await enroll(hub, 'A');
    const before = await headCursor(hub);

    const anna = await staffPinCommand(hub.store, 'Anna', undefined, hub.clock.now);
    expect(anna.login).toBe('anna');
    expect(anna.pin).toMatch(/^\d{6}$/);
    expect(anna.lines.join('\n')).toContain(anna.pin);
    const row = (await hub.store.getRecord('staff_pins', JSON.stringify(['anna'])))?.row;
    expect(row).toMatchObject({ staff_id: 'anna', name: 'anna', kdf: expect.stringContaining('"scrypt"') });
    expect(JSON.stringify(row)).not.toContain(anna.pin);
    expect(await matchesVerifier(anna.pin, row!)).toBe(true);
    expect(await matchesVerifier(anna.pin === '000000' ? '000001' : '000000', row!)).toBe(false);
    // Kiosks receive it as an ordinary synced record.
    expect((await pull(hub, kiosk, before)).changes.map((c) => [c.t, c.k])).toEqual([['staff_pins', JSON.stringify(['anna'])]]);

    // Another staff member cannot take the same PIN (the demo forum's staff login counts too): a chosen one is refused,
    // a random one is drawn again.
    for (const taken of [anna.pin, demoStaffPin]) {
      await expect(staffPinCommand(hub.store, 'boris', taken, hub.clock.now)).rejects.toThrow(/Another staff member already has this PIN/);
    }
    expect(await hub.store.getRecord('staff_pins', JSON.stringify(['boris']))).toBeNull();
    const fresh = anna.pin === '975310' ? '975311' : '975310';
    const draws = [anna.pin, demoStaffPin, fresh];
    const boris = await staffPinCommand(hub.store, 'boris', undefined, hub.clock.now, { randomPin: () => draws.shift()! });
    expect(boris.pin).toBe(fresh);
    expect(draws).toEqual([]);
    // A chosen PIN of 6 to 8 digits; the same staff member may keep their own.
    for (const bad of ['12345', '123456789', '12a456', '']) await expect(staffPinCommand(hub.store, 'boris', bad, hub.clock.now)).rejects.toThrow(CommandError);
    const eight = await staffPinCommand(hub.store, 'boris', '24681012', hub.clock.now);
    expect(eight.pin).toBe('24681012');
    const borisRow = (await hub.store.getRecord('staff_pins', JSON.stringify(['boris'])))!.row!;
    expect(await matchesVerifier('24681012', borisRow)).toBe(true);
    expect(await matchesVerifier(fresh, borisRow)).toBe(false);

    // Only existing, enabled accounts get a PIN.
    await expect(staffPinCommand(hub.store, 'nobody', undefined, hub.clock.now)).rejects.toThrow(/No staff account "nobody"/);
  });

  it('staff-disable withdraws the PIN with a tombstone; a disabled account gets no new one', async () => {
    const hub = await staffHub();
    await staffAddCommand(hub.store, 'boris', password, hub.clock.now);
    const kiosk = await enroll(hub, 'A');
    await staffPinCommand(hub.store, 'boris', '135790', hub.clock.now);
    const mark = await headCursor(hub);
    const disabled = await staffDisableCommand(hub.store, 'boris', hub.clock.now);
    expect(disabled.lines.join('\n')).toContain('kiosk PIN is withdrawn');
    expect((await pull(hub, kiosk, mark)).changes.map((c) => [c.t, c.k, c.row])).toEqual([['staff_pins', JSON.stringify(['boris']), null]]);
    await expect(staffPinCommand(hub.store, 'boris', undefined, hub.clock.now)).rejects.toThrow(/disabled/);
    expect((await hub.store.getRecord('staff_pins', JSON.stringify(['boris'])))?.row).toBeNull();
    // Enabled again with a new password, the account needs a new PIN too.
    await staffAddCommand(hub.store, 'boris', `${password} 2`, hub.clock.now);
    expect((await hub.store.getRecord('staff_pins', JSON.stringify(['boris'])))?.row).toBeNull();
    expect((await staffPinCommand(hub.store, 'boris', '135790', hub.clock.now)).pin).toBe('135790');
  });

  it('the demo forum brings its staff login; real content removes it, and PINs of accounts that are gone or disabled', async () => {
    const hub = await staffHub();
    // The demo hub holds the demo staff login as a verifier of the demo PIN (db/demo/pins.ts), like a kiosk's demo copy.
    const demo = (await hub.store.getRecord('staff_pins', JSON.stringify([demoStaff.staffId])))?.row;
    expect(demo).toMatchObject({ staff_id: demoStaff.staffId, verify_salt: demoStaff.verifySalt, verifier: demoStaff.verifier });
    expect(await matchesVerifier(demoStaffPin, demo!)).toBe(true);

    await staffAddCommand(hub.store, 'boris', password, hub.clock.now);
    await staffPinCommand(hub.store, 'anna', '112233', hub.clock.now);
    await staffPinCommand(hub.store, 'boris', '445566', hub.clock.now);
    const ghost = { ...demo!, staff_id: 'ghost', name: 'ghost' };
    await hub.store.writeRecords([{ table: 'staff_pins', key: JSON.stringify(['ghost']), row: ghost }], hub.clock.now);
    // A disabled account's PIN left with staff-disable; one written behind its back is removed all the same.
    await hub.store.disableStaffAccount('boris', hub.clock.now);
    // On the demo forum the demo login stays; PINs without an enabled account go.
    expect(await removeStaleCredentials(hub.store, hub.clock.now)).toEqual(['staff:boris', 'staff:ghost']);
    const ids = async () => (await hub.store.listRecords('staff_pins')).map((r) => r.row?.staff_id);
    expect(await ids()).toEqual(['anna', demoStaff.staffId]);
    // Once the forum is real content, the demo staff login goes too.
    const forum = (await hub.store.listRecords('forum'))[0]!;
    await hub.store.writeRecords([{ table: 'forum', key: forum.key, row: { ...forum.row!, is_demo: 0 } }], hub.clock.now);
    const removed = await removeStaleCredentials(hub.store, hub.clock.now);
    expect(removed.filter((id) => id.startsWith('staff:'))).toEqual([`staff:${demoStaff.staffId}`]);
    expect(removed).toContain('omsk-team'); // the demo exhibitor logins go alike
    expect(await ids()).toEqual(['anna']);
    expect((await hub.store.getRecord('staff_pins', JSON.stringify([demoStaff.staffId])))?.row).toBeNull();
  });
});

// ---- the staff action log ----------------------------------------------------------------------------------------------

describe('the staff action log', () => {
  it('a staff_action pushed by a kiosk is logged once and shown newest first; a malformed one is rejected', async () => {
    const hub = await staffHub();
    const kiosk = await enroll(hub, 'stage-enrolled');
    await heartbeat(hub, kiosk, { name: 'Сцена', zone: 'tourism' });

    const first = staffAction(kiosk, { staffId: 'anna', staffName: 'Анна', action: 'presentation_start', detail: 'route, <b>12 s</b>', at: '2026-12-03T09:00:05.000+06:00' });
    const answer = await push(hub, kiosk, [first]);
    expect(answer.results.map((r) => [r.status, r.reason])).toEqual([['applied', undefined]]);
    // The same push again (a timed-out answer): answered from the stored result, logged once.
    const again = await push(hub, kiosk, [first]);
    expect(again.results.map((r) => [r.status, r.replayed])).toEqual([['applied', true]]);
    expect(hub.store.db.prepare('SELECT count(*) AS n FROM staff_actions').get()).toEqual({ n: 1 });

    const malformed = [
      staffAction(kiosk, { staffId: '', staffName: 'x', action: 'quit', at: '' }),
      staffAction(kiosk, { staffId: 'anna', staffName: 'Анна', action: 'quit' }),
      staffAction(kiosk, { staffId: 'anna', staffName: 'Анна', action: 'x'.repeat(65), at: '' }),
      staffAction(kiosk, { staffId: 'anna', staffName: 'Анна\u202e', action: 'quit', at: '' }),
    ];
    hub.clock.now += 1_000;
    const later = staffAction(kiosk, { staffId: 'anna', staffName: 'Анна', action: 'presentation_stop', at: '2026-12-03T09:10:00.000+06:00' });
    const mixed = await push(hub, kiosk, [...malformed, later]);
    expect(mixed.expectedOrder).toBeUndefined();
    expect(mixed.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'invalid_payload'],
      ['rejected', 'invalid_payload'],
      ['rejected', 'invalid_payload'],
      ['rejected', 'invalid_characters'],
      ['applied', undefined],
    ]);
    expect(hub.store.db.prepare('SELECT count(*) AS n FROM staff_actions').get()).toEqual({ n: 2 });
    expect(await hub.store.staffActions(10)).toEqual([
      expect.objectContaining({ mutationId: later.id, deviceId: kiosk.id, deviceName: 'Сцена', action: 'presentation_stop', detail: '', receivedAt: hub.clock.now }),
      expect.objectContaining({ mutationId: first.id, staffId: 'anna', staffName: 'Анна', action: 'presentation_start', at: '2026-12-03T09:00:05.000+06:00', receivedAt: hub.clock.now - 1_000 }),
    ]);

    const browser = await loggedIn(hub, 'anna', password);
    const page = (await browser.get('/staff/actions')).text;
    const rows = [...page.matchAll(/<tr class="staff-action">([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('presentation_stop');
    expect(rows[1]).toContain('presentation_start');
    expect(rows[1]).toContain('Сцена');
    expect(rows[1]).toContain('Анна');
    expect(rows[1]).toContain(escapeHtml('route, <b>12 s</b>'));
    expect(rows[1]).toContain('2026-12-03T09:00:05.000+06:00');
    expect(rows[1]).toContain('03.12.2026, 09:00:00');
    expect(page).not.toContain('<b>12 s</b>');
  });
});
