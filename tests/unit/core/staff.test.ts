// Staff mode on the kiosk core: PIN login against synced verifiers with a shared throttle, settings, the action log
// in the outbox, presentations that survive a restart, the schedule applied by the kiosk's own clock, hub commands.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoPin, demoPins, demoStaff, demoStaffPin } from '../../../db/demo/pins';
import { createPinVerifier } from '../../../electron/core/auth/pin';
import { staffSessionIdleMs } from '../../../electron/core/handlers/staff';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../../electron/core/kiosk-core';
import type { Banner, KioskError, KioskInfo, Presentation, Result, Slide, StaffPanel } from '../../../electron/shared/contract';

const dirs: string[] = [];
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-staff-'));
  dirs.push(dir);
  return join(dir, 'data');
}

function start(dir: string, clock: { now: number }, extra: Partial<Omit<KioskCoreOptions, 'syncWorker'>> = {}): KioskCore {
  const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0', now: () => new Date(clock.now), ...extra });
  cores.push(core);
  return core;
}

async function value<T>(core: KioskCore, name: string, input: unknown = {}): Promise<T> {
  const result = (await core.dispatch(name, input)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
async function failure(core: KioskCore, name: string, input: unknown = {}): Promise<KioskError> {
  const result = await core.dispatch(name, input);
  if (result.ok) throw new Error(`${name} succeeded`);
  return result.error;
}

const staffActions = (core: KioskCore) =>
  (core.db.prepare("SELECT payload FROM outbox WHERE kind = 'staff_action' ORDER BY order_no").pluck().all() as string[]).map(
    (text) => JSON.parse(text) as { staffId: string; action: string; detail: string },
  );

/** Runs the hub commands stored for this kiosk, as a sync cycle would after a pull (the hub's clock at `hubNow`). */
async function runCommands(core: KioskCore, commands: { id: number; kind: string; payload: unknown; expiresAt: number }[], hubNow: number) {
  const insert = core.db.prepare('INSERT INTO hub_commands (id, kind, payload, expires_at, received_at) VALUES (?, ?, ?, ?, ?)');
  for (const c of commands) insert.run(c.id, c.kind, JSON.stringify(c.payload), c.expiresAt, hubNow);
  const sync = core.sync as unknown as { runCommands(client: { ack(acks: unknown[]): Promise<void> }, hubNow: number): Promise<void> };
  const acks: unknown[] = [];
  await sync.runCommands({ ack: (a) => Promise.resolve(void acks.push(...a)) }, hubNow);
  return acks as { id: number; outcome: string; detail: string }[];
}

/** What the core does after sync applied a page from the hub (new staff PINs, a new schedule). */
const afterSyncPage = (core: KioskCore) => (core.sync as unknown as { options: { onCatalogChanged(dataAsOf: string): void } }).options.onCatalogChanged('');

/** The schedule is looked at every few seconds once the core runs, and after every page from the hub: look once. */
async function lookAtSchedule(core: KioskCore): Promise<Presentation | null> {
  afterSyncPage(core);
  return value<Presentation | null>(core, 'presentation.current');
}

const morning = Date.parse('2026-12-03T09:55:00+06:00');

describe('staff login at the kiosk', () => {
  it('opens the panel with the right PIN, refuses a wrong one, and needs a session for every staff call', async () => {
    const core = start(dataDir(), { now: morning });
    expect((await failure(core, 'staff.panel')).code).toBe('unauthorized');
    expect((await failure(core, 'presentation.start', { playlist: { kind: 'route' } })).code).toBe('unauthorized');
    expect((await failure(core, 'staff.login', { pin: '000000' })).code).toBe('unauthorized');
    const session = await value<{ staffId: string; name: string }>(core, 'staff.login', { pin: demoStaffPin });
    expect(session.staffId).toBe(demoStaff.staffId);
    const panel = await value<StaffPanel>(core, 'staff.panel');
    expect(panel.session.name).toBe(demoStaff.name);
    expect(panel.canQuit).toBe(false);
    expect(panel.sync.state).toBe('not_enrolled');
    expect((await failure(core, 'staff.quit')).code).toBe('unavailable');
    await value(core, 'staff.logout');
    expect(await value(core, 'staff.session')).toBeNull();
    expect(staffActions(core).map((a) => a.action)).toEqual(['login', 'logout']);
  });

  it('makes wrong PINs wait longer and longer, across a restart, for every staff member together', async () => {
    const dir = dataDir();
    const clock = { now: morning };
    let core = start(dir, clock);
    for (let i = 0; i < 3; i++) await failure(core, 'staff.login', { pin: `11111${i}` });
    const waiting = await failure(core, 'staff.login', { pin: demoStaffPin });
    expect(waiting.code).toBe('rate_limited');
    expect(waiting.retryAfterSeconds).toBeGreaterThan(0);
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    core = start(dir, clock);
    expect((await failure(core, 'staff.login', { pin: demoStaffPin })).code).toBe('rate_limited');
    clock.now += (waiting.retryAfterSeconds ?? 0) * 1000 + 1;
    expect((await value<{ staffId: string }>(core, 'staff.login', { pin: demoStaffPin })).staffId).toBe(demoStaff.staffId);
  });

  it('tells staff members apart by their PIN and ends a session whose PIN changed at the hub', async () => {
    const core = start(dataDir(), { now: morning });
    const second = createPinVerifier('97531864');
    core.db
      .prepare('INSERT INTO staff_pins (staff_id, name, verify_salt, verifier, kdf) VALUES (?, ?, ?, ?, ?)')
      .run('ivanova', 'Иванова', second.verifySalt, second.verifier, JSON.stringify(second.kdf));
    expect((await value<{ staffId: string }>(core, 'staff.login', { pin: '97531864' })).staffId).toBe('ivanova');
    const ended: unknown[] = [];
    core.events.on('staff.ended', (e) => ended.push(e));
    core.db.prepare("UPDATE staff_pins SET deleted = 1 WHERE staff_id = 'ivanova'").run();
    afterSyncPage(core);
    expect(await value(core, 'staff.session')).toBeNull();
    expect(ended).toHaveLength(1);
  });

  it('tells the screen when the session ends by itself after idle minutes', async () => {
    const core = start(dataDir(), { now: morning });
    await value(core, 'staff.login', { pin: demoStaffPin });
    const ended: unknown[] = [];
    core.events.on('staff.ended', (e) => ended.push(e));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await value(core, 'staff.panel');
      vi.advanceTimersByTime(staffSessionIdleMs - 1000);
      expect(ended).toHaveLength(0);
      vi.advanceTimersByTime(2000);
      expect(ended).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
    expect(await value(core, 'staff.session')).toBeNull();
  });

  it('ends the session after idle minutes and when the attract loop comes back', async () => {
    const clock = { now: morning };
    const core = start(dataDir(), clock);
    await value(core, 'staff.login', { pin: demoStaffPin });
    clock.now += staffSessionIdleMs + 1;
    expect((await failure(core, 'staff.panel')).code).toBe('unauthorized');
    await value(core, 'staff.login', { pin: demoStaffPin });
    await value(core, 'kiosk.activity', { activity: 'attract' });
    expect(await value(core, 'staff.session')).toBeNull();
  });
});

describe('the staff panel', () => {
  it('changes the kiosk settings, tells the screen, and logs who changed what', async () => {
    const core = start(dataDir(), { now: morning }, { idleSeconds: 20 });
    const changed: KioskInfo[] = [];
    core.events.on('kiosk.changed', (info) => changed.push(info));
    await value(core, 'staff.login', { pin: demoStaffPin });
    const plan = await value<{ zones: { id: string }[]; width: number }>(core, 'hall.plan');
    const zone = plan.zones[0]!.id;
    const panel = await value<StaffPanel>(core, 'staff.settings', { name: 'У сцены 1', zone, position: { x: 10, y: 20 }, idleSeconds: 120, defaultLanguage: 'en' });
    expect(panel.kiosk).toMatchObject({ name: 'У сцены 1', zone, position: { x: 10, y: 20 }, idleSeconds: 120, defaultLanguage: 'en' });
    // Staff's idle timeout wins over the command line's for the rest of the run.
    expect(await value<KioskInfo>(core, 'kiosk.info')).toMatchObject({ name: 'У сцены 1', idleSeconds: 120, defaultLanguage: 'en', position: { x: 10, y: 20 } });
    expect(changed.at(-1)?.name).toBe('У сцены 1');
    expect(core.sync.heartbeat()).toMatchObject({ name: 'У сцены 1', zone, mode: 'staff' });
    const bad = await failure(core, 'staff.settings', { zone: 'no-such-zone' });
    expect(bad.issues?.[0]).toMatchObject({ path: 'zone', message: 'unknown_zone' });
    expect((await failure(core, 'staff.settings', { position: { x: plan.width + 1, y: 0 } })).code).toBe('invalid_input');
    expect((await failure(core, 'staff.settings', { idleSeconds: 2 })).code).toBe('invalid_input');
    const actions = staffActions(core);
    expect(actions.at(-1)).toMatchObject({ staffId: demoStaff.staffId, action: 'settings' });
    expect(actions.at(-1)?.detail).toContain('idle=120s');
  });

  it('reports a failed enrollment clearly and keeps the kiosk as it was', async () => {
    const core = start(dataDir(), { now: morning }, { sync: { timeoutMs: 2_000 } });
    await value(core, 'staff.login', { pin: demoStaffPin });
    expect((await failure(core, 'staff.enroll', { hubUrl: 'ftp://hub', code: 'ABCD-EFGH' })).issues?.[0]?.path).toBe('hubUrl');
    const error = await failure(core, 'staff.enroll', { hubUrl: '127.0.0.1:9', code: 'ABCD-EFGH' });
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('http://127.0.0.1:9');
    expect((await value<StaffPanel>(core, 'staff.panel')).sync.state).toBe('not_enrolled');
    expect(staffActions(core).at(-1)).toMatchObject({ action: 'enroll_failed' });
  });

  it('reloads the screen on request', async () => {
    const core = start(dataDir(), { now: morning });
    const reloads: unknown[] = [];
    core.events.on('kiosk.reload', (e) => reloads.push(e));
    await value(core, 'staff.login', { pin: demoStaffPin });
    await value(core, 'staff.reload');
    expect(reloads).toHaveLength(1);
  });

  it('quits through the shell when the shell gives a way to, never for the demo staff login', async () => {
    let quits = 0;
    const core = start(dataDir(), { now: morning }, { quit: () => void quits++ });
    await value(core, 'staff.login', { pin: demoStaffPin });
    expect((await value<StaffPanel>(core, 'staff.panel')).canQuit).toBe(true);
    // The demo PIN is in the README: it never reaches the desktop.
    expect(await failure(core, 'staff.quit')).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('demo staff login cannot quit') });
    const real = createPinVerifier('97531864');
    core.db
      .prepare('INSERT INTO staff_pins (staff_id, name, verify_salt, verifier, kdf) VALUES (?, ?, ?, ?, ?)')
      .run('ivanova', 'Иванова', real.verifySalt, real.verifier, JSON.stringify(real.kdf));
    await value(core, 'staff.login', { pin: '97531864' });
    await value(core, 'staff.quit');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(quits).toBe(1);
    expect(staffActions(core).at(-1)?.action).toBe('quit');
  });
});

describe('presentations', () => {
  it('builds slides for every playlist from the local copy', async () => {
    const core = start(dataDir(), { now: morning });
    const route = await value<Slide[]>(core, 'presentation.slides', { playlist: { kind: 'route' } });
    expect(route[0]?.kind).toBe('title');
    expect(route.filter((s) => s.kind === 'route_stop').length).toBeGreaterThan(2);
    expect(route[1]?.badge.en).toMatch(/^Stop 1 of \d+$/);
    const featured = await value<Slide[]>(core, 'presentation.slides', { playlist: { kind: 'featured' } });
    expect(featured.length).toBeGreaterThan(0);
    expect(featured.every((s) => s.kind === 'project')).toBe(true);
    const region = await value<Slide[]>(core, 'presentation.slides', { playlist: { kind: 'region', regionId: 'omsk' } });
    expect(region[0]?.kind).toBe('title');
    const nowOnStage = await value<Slide[]>(core, 'presentation.slides', { playlist: { kind: 'on_stage' } });
    expect(nowOnStage.length).toBeGreaterThan(0);
    const unknown = await value<Slide[]>(core, 'presentation.slides', { playlist: { kind: 'region', regionId: 'nowhere' } });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.kind).toBe('title');
  });

  it('survives a restart and ends only by staff', async () => {
    const dir = dataDir();
    const clock = { now: morning };
    let core = start(dir, clock);
    const seen: (Presentation | null)[] = [];
    core.events.on('presentation.changed', (p) => seen.push(p));
    await value(core, 'staff.login', { pin: demoStaffPin });
    const started = await value<Presentation>(core, 'presentation.start', { playlist: { kind: 'route' }, intervalSeconds: 8 });
    expect(started).toMatchObject({ source: 'kiosk', startedBy: demoStaff.name, intervalSeconds: 8 });
    expect(seen).toHaveLength(1);
    expect(core.sync.heartbeat().mode).toBe('presentation');
    await value(core, 'staff.logout');
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    core = start(dir, clock);
    expect(await value<Presentation | null>(core, 'presentation.current')).toMatchObject({ playlist: { kind: 'route' }, intervalSeconds: 8 });
    expect((await failure(core, 'presentation.stop')).code).toBe('unauthorized');
    await value(core, 'staff.login', { pin: demoStaffPin });
    await value(core, 'presentation.stop');
    expect(await value(core, 'presentation.current')).toBeNull();
    expect(staffActions(core).map((a) => a.action)).toEqual(['login', 'presentation_start', 'logout', 'login', 'presentation_stop']);
  });

  it('follows the schedule by the kiosk clock: starts in its slot, ends after it, stays off once staff stop it', async () => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const core = start(dataDir(), clock);
    const plan = await value<{ zones: { id: string }[] }>(core, 'hall.plan');
    const stage = plan.zones[0]!.id;
    const insert = core.db.prepare('INSERT INTO presentation_schedule (id, zone, session_id, starts_at, ends_at, playlist, interval_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('plenary', stage, '', '2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z', JSON.stringify({ kind: 'route' }), 10);
    insert.run('elsewhere', 'other-zone', '', '2026-12-03T09:00:00Z', '2026-12-03T12:00:00Z', JSON.stringify({ kind: 'featured' }), 10);
    const tick = () => lookAtSchedule(core);
    expect(await tick()).toBeNull();
    await value(core, 'staff.login', { pin: demoStaffPin });
    await value(core, 'staff.settings', { zone: stage });
    await value(core, 'staff.logout');
    expect(await tick()).toBeNull();
    clock.now = Date.parse('2026-12-03T10:00:01Z');
    expect(await tick()).toMatchObject({ source: 'schedule', startedBy: 'plenary', endsAt: '2026-12-03T11:00:00.000Z' });
    clock.now = Date.parse('2026-12-03T11:00:00Z');
    expect(await tick()).toBeNull();

    insert.run('afternoon', '', '', '2026-12-03T13:00:00Z', '2026-12-03T14:00:00Z', JSON.stringify({ kind: 'featured' }), 10);
    clock.now = Date.parse('2026-12-03T13:30:00Z');
    expect(await tick()).toMatchObject({ startedBy: 'afternoon' });
    await value(core, 'staff.login', { pin: demoStaffPin });
    await value(core, 'presentation.stop');
    clock.now += 60_000;
    expect(await tick()).toBeNull();
  });

  it('waits for an exhibitor or a staff member to finish before a scheduled slot starts', async () => {
    const clock = { now: Date.parse('2026-12-03T10:04:00Z') };
    const core = start(dataDir(), clock);
    core.db
      .prepare('INSERT INTO presentation_schedule (id, zone, session_id, starts_at, ends_at, playlist, interval_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('slot', '', '', '2026-12-03T10:05:00Z', '2026-12-03T11:00:00Z', JSON.stringify({ kind: 'route' }), 10);
    await value(core, 'exhibitor.login', { login: demoPins[0]!.exhibitorId, pin: demoPin });
    clock.now = Date.parse('2026-12-03T10:06:00Z');
    expect(await lookAtSchedule(core)).toBeNull();
    await value(core, 'exhibitor.logout');
    expect(await lookAtSchedule(core)).toMatchObject({ source: 'schedule', startedBy: 'slot' });
  });

  it('follows a programme session the schedule names, as the programme moves it', async () => {
    const clock = { now: Date.parse('2026-12-03T00:00:00Z') };
    const core = start(dataDir(), clock);
    const session = core.db.prepare('SELECT id, starts_utc, ends_utc FROM programme_sessions WHERE deleted = 0 ORDER BY starts_utc LIMIT 1').get() as { id: string; starts_utc: number; ends_utc: number };
    core.db
      .prepare('INSERT INTO presentation_schedule (id, zone, session_id, playlist, interval_seconds) VALUES (?, ?, ?, ?, ?)')
      .run('with-session', '', session.id, JSON.stringify({ kind: 'on_stage' }), 15);
    const look = () => lookAtSchedule(core);
    clock.now = session.starts_utc + 1000;
    expect(await look()).toMatchObject({ source: 'schedule', intervalSeconds: 15 });
    core.db.prepare('UPDATE programme_sessions SET starts_utc = ?, ends_utc = ? WHERE id = ?').run(session.starts_utc + 3_600_000, session.ends_utc + 3_600_000, session.id);
    expect(await look()).toBeNull();
  });
});

describe('commands from the hub', () => {
  it('starts and stops a presentation, shows a banner, reloads; an expired one does nothing', async () => {
    const clock = { now: morning };
    const core = start(dataDir(), clock);
    const reloads: unknown[] = [];
    const banners: (Banner | null)[] = [];
    core.events.on('kiosk.reload', (e) => reloads.push(e));
    core.events.on('kiosk.banner', (b) => banners.push(b));
    const hubNow = clock.now;
    const acks = await runCommands(
      core,
      [
        { id: 1, kind: 'presentation_start', payload: { playlist: { kind: 'featured' }, intervalSeconds: 6 }, expiresAt: hubNow + 60_000 },
        { id: 2, kind: 'banner', payload: { ru: 'Пленарное заседание начинается', en: '', minutes: 10 }, expiresAt: hubNow + 60_000 },
        { id: 3, kind: 'reload', payload: {}, expiresAt: hubNow - 1 },
        { id: 4, kind: 'presentation_start', payload: { playlist: { kind: 'nonsense' } }, expiresAt: hubNow + 60_000 },
      ],
      hubNow,
    );
    expect(acks.map((a) => [a.id, a.outcome])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'expired'],
      [4, 'failed'],
    ]);
    expect(reloads).toHaveLength(0);
    expect(await value(core, 'presentation.current')).toMatchObject({ source: 'hub', intervalSeconds: 6, playlist: { kind: 'featured' } });
    const banner = await value<Banner>(core, 'kiosk.banner');
    expect(banner.text).toEqual({ ru: 'Пленарное заседание начинается', en: 'Пленарное заседание начинается' });
    expect(banners).toHaveLength(1);
    clock.now += 11 * 60_000;
    expect(await value(core, 'kiosk.banner')).toBeNull();
    await runCommands(core, [{ id: 5, kind: 'presentation_stop', payload: {}, expiresAt: clock.now + 60_000 }, { id: 6, kind: 'reload', payload: {}, expiresAt: clock.now + 60_000 }], clock.now);
    expect(await value(core, 'presentation.current')).toBeNull();
    expect(reloads).toHaveLength(1);

    // Never over an exhibitor's work: refused with the reason, for staff to send again.
    await value(core, 'exhibitor.login', { login: demoPins[0]!.exhibitorId, pin: demoPin });
    const refused = await runCommands(core, [{ id: 7, kind: 'presentation_start', payload: { playlist: { kind: 'route' } }, expiresAt: clock.now + 60_000 }], clock.now);
    expect(refused).toEqual([{ id: 7, outcome: 'failed', detail: expect.stringContaining('using this kiosk') }]);
    expect(await value(core, 'presentation.current')).toBeNull();
  });
});
