// Staff from the hub: a command reaches the kiosks it is meant for within one sync cycle and is acknowledged; a
// command that expired (or waited for a kiosk that was off) never fires; a presentation scheduled by the hub starts
// and stops on time at the kiosk with the network cut, from the kiosk's own copy and clock.
import { afterEach, describe, expect, it } from 'vitest';
import { demoStaffPin } from '../../db/demo/pins';
import type { Presentation } from '../../electron/shared/contract';
import { cleanUp, startHub, startKiosk, startProxy, until } from './harness';

afterEach(cleanUp);

type Kiosk = Awaited<ReturnType<typeof startKiosk>>;

async function call<T>(kiosk: Kiosk, name: string, input: unknown = {}): Promise<T> {
  const answer = await kiosk.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

/** Staff at the kiosk put it in a hall zone (the hub learns the zone from the next heartbeat). */
async function placeInZone(kiosk: Kiosk, zone: string): Promise<void> {
  await call(kiosk, 'staff.login', { pin: demoStaffPin });
  await call(kiosk, 'staff.settings', { zone });
  await call(kiosk, 'staff.logout');
}

const presentation = (kiosk: Kiosk) => call<Presentation | null>(kiosk, 'presentation.current');

describe('commands from the hub', () => {
  it('reach the kiosks of the zone they were sent to within one cycle, and are acknowledged', async () => {
    const hub = await startHub();
    const stage = await startKiosk({ hub, media: false, name: 'Stage' });
    const entrance = await startKiosk({ hub, media: false, name: 'Entrance' });
    const zone = (await call<{ zones: { id: string }[] }>(stage, 'hall.plan')).zones[0]!.id;
    await placeInZone(stage, zone);
    expect(await stage.sync.cycle()).toBe(true);
    expect(await entrance.sync.cycle()).toBe(true);

    const id = await hub.store.addCommand(
      { target: `group:${zone}`, kind: 'presentation_start', payload: { playlist: { kind: 'route' }, intervalSeconds: 10 }, expiresAt: hub.clock.now + 10 * 60_000, issuedBy: 'test' },
      hub.clock.now,
    );
    expect(await stage.sync.cycle()).toBe(true);
    expect(await entrance.sync.cycle()).toBe(true);
    expect(await presentation(stage)).toMatchObject({ source: 'hub', playlist: { kind: 'route' }, intervalSeconds: 10 });
    expect(await presentation(entrance)).toBeNull();
    const status = (await hub.store.commandStatus(10)).find((c) => c.command.id === id);
    expect(status?.acks).toEqual([{ deviceId: expect.any(String), outcome: 'done', detail: '', ackedAt: expect.any(Number) }]);
    // The hub's dashboard shows what the kiosk is doing from its heartbeats.
    expect(stage.sync.heartbeat()).toMatchObject({ mode: 'presentation', zone, name: 'Stage' });

    const stop = await hub.store.addCommand({ target: 'all', kind: 'presentation_stop', payload: {}, expiresAt: hub.clock.now + 60_000 }, hub.clock.now);
    await stage.sync.cycle();
    await entrance.sync.cycle();
    expect(await presentation(stage)).toBeNull();
    expect((await hub.store.commandStatus(10)).find((c) => c.command.id === stop)?.acks.map((a) => a.outcome)).toEqual(['done', 'done']);
  });

  it('never fire once expired, even for a kiosk that was off when they were sent', async () => {
    const hub = await startHub();
    const first = await startKiosk({ hub, media: false });
    const offline = await startKiosk({ hub, media: false });
    expect(await offline.sync.cycle()).toBe(true);
    const reloads: string[] = [];
    first.events.on('kiosk.reload', () => reloads.push('first'));
    await offline.close();

    await hub.store.addCommand({ target: 'all', kind: 'reload', payload: {}, expiresAt: hub.clock.now + 1_000 }, hub.clock.now);
    await hub.store.addCommand({ target: 'all', kind: 'banner', payload: { ru: 'Вчерашнее объявление', minutes: 60 }, expiresAt: hub.clock.now + 60 * 60_000 }, hub.clock.now);
    hub.clock.now += 24 * 60 * 60_000;
    expect(await first.sync.cycle()).toBe(true);
    expect(reloads).toEqual([]);
    expect(await call(first, 'kiosk.banner')).toBeNull();

    const again = await startKiosk({ dir: offline.dir, hub: undefined, media: false });
    const againReloads: string[] = [];
    again.events.on('kiosk.reload', () => againReloads.push('again'));
    expect(await again.sync.cycle()).toBe(true);
    expect(againReloads).toEqual([]);
    expect(await call(again, 'kiosk.banner')).toBeNull();
  });
});

describe('enrollment at the staff panel', () => {
  it('wins over the hub address the kiosk is launched with', async () => {
    const hub = await startHub();
    const kiosk = await startKiosk({ media: false });
    await call(kiosk, 'staff.login', { pin: demoStaffPin });
    await call(kiosk, 'staff.enroll', { hubUrl: hub.url, code: await hub.enrollCode() });
    await call(kiosk, 'staff.logout');
    expect(await kiosk.sync.cycle()).toBe(true);
    // The next start passes the launcher's old --hub: ignored, the kiosk keeps syncing with the hub staff chose.
    kiosk.sync.connect('http://127.0.0.1:9', undefined);
    expect(kiosk.sync.status().hubUrl).toBe(hub.url);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(kiosk.sync.status()).toMatchObject({ state: 'idle', blocked: '' });
  });
});

describe('a scheduled presentation', () => {
  it('starts and stops on time at the kiosk with the network cut', async () => {
    const hub = await startHub();
    const proxy = await startProxy(hub);
    const clock = { now: Date.parse('2026-12-03T09:30:00+06:00') };
    const kiosk = await startKiosk({ hub, via: proxy, media: false, now: () => new Date(clock.now), sync: { intervalMs: 60_000, watchSeconds: 0 } });
    const zone = (await call<{ zones: { id: string }[] }>(kiosk, 'hall.plan')).zones[0]!.id;
    await placeInZone(kiosk, zone);
    await hub.store.writeRecords(
      [
        {
          table: 'presentation_schedule',
          key: JSON.stringify(['plenary-route']),
          row: { id: 'plenary-route', zone, session_id: '', starts_at: '2026-12-03T10:00:00+06:00', ends_at: '2026-12-03T10:02:00+06:00', playlist: JSON.stringify({ kind: 'route' }), interval_seconds: 8 },
        },
      ],
      hub.clock.now,
    );
    expect(await kiosk.sync.cycle()).toBe(true);

    // The hall's network goes down; the kiosk keeps its copy and its clock.
    proxy.on(/./, { kind: 'reset' });
    kiosk.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await presentation(kiosk)).toBeNull();
    clock.now = Date.parse('2026-12-03T10:00:00+06:00');
    await until(async () => (await presentation(kiosk)) !== null, 8_000, 'the scheduled presentation to start');
    expect(await presentation(kiosk)).toMatchObject({ source: 'schedule', startedBy: 'plenary-route', playlist: { kind: 'route' }, intervalSeconds: 8 });
    clock.now = Date.parse('2026-12-03T10:02:00+06:00');
    await until(async () => (await presentation(kiosk)) === null, 8_000, 'the scheduled presentation to end');
    expect(kiosk.sync.status().state).not.toBe('idle');
  });
});
