// The sync worker over time: a hub failing for hours, a credential revoked mid-sync, two workers on one kiosk,
// kiosk clocks a day off, stale staff commands.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncClient } from '../../electron/core/sync/sync-client';
import type { Command } from '../../electron/shared/sync-protocol';
import {
  cleanUp,
  count,
  editableDemo,
  editableProjectIds,
  hubDigest,
  hubRow,
  kioskDigest,
  kioskValue,
  outbox,
  ownerOf,
  startHub,
  startKiosk,
  startProxy,
  syncState,
} from './harness';

afterEach(cleanUp);

const day = 86_400_000;

describe('a hub that answers 5xx for hours', () => {
  it('the worker backs off, then resumes by itself and sends the waiting edit without a new one', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    // Backoff doubles from 20 ms to 80 ms; random() = 1 makes each wait the full nominal length.
    const kiosk = await startKiosk({
      hub,
      via: proxy,
      demo: false,
      media: false,
      sync: { intervalMs: 60_000, watchSeconds: 0, backoffBaseMs: 20, backoffMaxMs: 80, random: () => 1 },
    });
    expect(await kiosk.sync.cycle()).toBe(true);
    await kiosk.sync.mediaIdle();
    const [id = ''] = editableProjectIds(kiosk, 1);
    kiosk.sync.recordEdit('projects', id, { summary_en: 'Sent after the outage' }, ownerOf(kiosk, 'projects', id));

    // "Hours" of failures, compressed: the first 12 requests get 503, the next 4 a reset connection (hub gone).
    const failures = 16;
    let seen = 0;
    proxy.log.length = 0;
    proxy.on(() => true, () => (++seen <= failures ? (seen <= 12 ? { kind: 'status', status: 503 } : { kind: 'reset' }) : null));
    const states = new Set<string>();
    const stateWatch = setInterval(() => states.add(kiosk.sync.status().state), 5);
    kiosk.start();
    await expect.poll(async () => (await hubRow(hub, 'projects', id))?.summary_en, { timeout: 15_000, interval: 20 }).toBe('Sent after the outage');
    clearInterval(stateWatch);

    // Each failed cycle cost one request, spaced by the backoff: 20, 40, then 80 ms at the cap (never sooner).
    const failed = proxy.log.slice(0, failures);
    expect(failed.every((entry) => entry.fault !== null)).toBe(true);
    const gaps = failed.slice(1).map((entry, i) => entry.at - (failed[i]?.at ?? 0));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(Math.min(80, 20 * 2 ** i) - 2));
    expect(states).toContain('error');
    expect(states).toContain('offline');
    await expect.poll(() => kiosk.sync.status().state).toBe('idle');
    expect(kiosk.sync.status().pendingEdits).toBe(0);
    expect(kiosk.sync.status().lastError).toBe('');
  });
});

describe('a credential revoked in the middle of a sync', () => {
  it('stops with "revoked" after the pages already applied, keeps the outbox intact; a new enrollment sends it', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 60 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const { device_id: deviceId } = kiosk.sync.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string };
    const regions = await hub.store.listRecords('regions');
    await hub.store.writeRecords(regions.map((r) => ({ table: 'regions' as const, key: r.key, row: { ...r.row, name_en: `${String(r.row?.name_en)}!` } })), hub.clock.now);

    // Staff revoke the kiosk while it is between the first and the second page of its pull.
    proxy.log.length = 0;
    let pulls = 0;
    proxy.on('/pull', () => {
      if (++pulls === 2) void hub.store.revokeDevice(deviceId, hub.clock.now);
      return null;
    });
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(kiosk.sync.status()).toMatchObject({ state: 'blocked', blocked: 'revoked' });
    expect(proxy.requests('/pull')[1]?.status).toBe(401);
    expect(syncState(kiosk).cursor).toBe(proxy.requests('/pull')[1]?.query.get('cursor'));
    expect(count(kiosk, "SELECT count(*) AS n FROM regions WHERE name_en LIKE '%!'")).toBe(60);
    expect(kiosk.sync.db.pragma('quick_check', { simple: true })).toBe('ok');

    // Exhibitors keep editing at the kiosk; while blocked, cycles send nothing and the outbox stays as it is.
    const ids = editableProjectIds(kiosk, 3);
    ids.forEach((id, i) => kiosk.sync.recordEdit('projects', id, { summary_en: `Edit ${i}` }, ownerOf(kiosk, 'projects', id)));
    const outboxBefore = outbox(kiosk);
    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(proxy.log).toEqual([]);
    expect(outbox(kiosk)).toEqual(outboxBefore);
    expect(kiosk.sync.status()).toMatchObject({ blocked: 'revoked', pendingEdits: 3 });

    // A push refused as revoked (the kiosk was unblocked by hand without a new credential) loses nothing either.
    kiosk.sync.unblock();
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(proxy.requests('/push')[0]?.status).toBe(401);
    expect(outbox(kiosk)).toEqual(outboxBefore);
    ids.forEach((id, i) => expect(kioskValue(kiosk, 'projects', id, 'summary_en')).toBe(`Edit ${i}`));

    await kiosk.sync.enroll(proxy.url, await hub.enrollCode());
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(outbox(kiosk).map((e) => e.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await hubRow(hub, 'projects', ids[2] ?? ''))?.summary_en).toBe('Edit 2');
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });
});

describe('two sync workers on one kiosk data folder', () => {
  it('only one holds the lease; the other skips its cycles until the lease is free', async () => {
    const hub = await startHub({ demo: { projects: 12 } });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: 50 } });
    const second = new SyncClient({ dbFile: join(kiosk.dir, 'kiosk.db'), media: kiosk.media, appVersion: 'second', pageSize: 50 });
    try {
      const [one, two] = await Promise.all([kiosk.sync.cycle(), second.cycle()]);
      expect([one, two]).toEqual([true, true]);
      // One worker pulled every page; the other made no request at all.
      const pulls = proxy.requests('/pull');
      // Full pages of 50, then one shorter (possibly empty) page.
      const pages = Math.floor((await hub.store.meta()).headSeq / 50) + 1;
      expect(pulls).toHaveLength(pages);
      expect(new Set(pulls.map((p) => p.query.get('cursor') ?? '')).size).toBe(pages);
      const holder = syncState(kiosk).lock_owner;
      expect(holder).toMatch(new RegExp(`^${process.pid}:`));

      // The holder is alive: the second still skips. Once the first stops (releasing it), the second may sync.
      proxy.log.length = 0;
      expect(await second.cycle()).toBe(true);
      expect(proxy.log).toEqual([]);
      await kiosk.sync.stop();
      expect(syncState(kiosk).lock_owner).toBe('');
      expect(await second.cycle()).toBe(true);
      expect(proxy.requests('/pull').length).toBeGreaterThan(0);
      expect(syncState(kiosk).lock_owner).not.toBe(holder);
    } finally {
      await second.stop();
      second.close();
    }
  });

  it('a lease left by a process that no longer runs (kill -9) is taken over at once; one held by a live process is not', async () => {
    const hub = await startHub({ demo: { projects: 6 } });
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    expect(deadPid).toBeGreaterThan(0);
    const lease = kiosk.sync.db.prepare('UPDATE sync_state SET lock_owner = ?, lock_until = ?');

    lease.run(`${process.ppid}:someone-else`, Date.now() + 50_000);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(syncState(kiosk).cursor).toBe('');

    lease.run(`${deadPid}:killed-worker`, Date.now() + 50_000);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(syncState(kiosk).cursor).not.toBe('');
    expect(syncState(kiosk).lock_owner).toMatch(new RegExp(`^${process.pid}:`));
  });
});

describe('kiosk clocks a day off', () => {
  it('sync, edits, commands and "data as of" follow the hub clock; the kiosk clock only shows in the heartbeat', async () => {
    const hub = await startHub({ demo: editableDemo });
    const ahead = { now: Date.now() + day };
    const behind = { now: Date.now() - day };
    const fast = await startKiosk({ hub, demo: false, media: false, name: 'fast', sync: { now: () => ahead.now } });
    const slow = await startKiosk({ hub, demo: false, media: false, name: 'slow', sync: { now: () => behind.now } });
    const ran: Record<string, number[]> = { fast: [], slow: [] };
    for (const [name, kiosk] of [
      ['fast', fast],
      ['slow', slow],
    ] as const) {
      kiosk.sync.onCommand('presentation', (c) => {
        ran[name]?.push(c.id);
        return 'done';
      });
    }

    // Valid for one more hour by the hub clock: the fast kiosk would think it expired, the slow one would keep it.
    const live = await hub.store.addCommand({ target: 'all', kind: 'presentation', payload: {}, expiresAt: hub.clock.now + 3_600_000 }, hub.clock.now);
    const stale = await hub.store.addCommand({ target: 'all', kind: 'presentation', payload: {}, expiresAt: hub.clock.now - 60_000 }, hub.clock.now - 7_200_000);
    for (const kiosk of [fast, slow]) expect(await kiosk.sync.cycle()).toBe(true);
    expect(ran).toEqual({ fast: [live], slow: [live] });
    const status = (await hub.store.commandStatus(10)).find((c) => c.command.id === stale);
    expect(status?.acks).toEqual([]);

    for (const [kiosk, clock] of [
      [fast, ahead],
      [slow, behind],
    ] as const) {
      expect(kiosk.sync.status().lastSyncAt).toBe(hub.clock.now);
      expect(kiosk.db.prepare("SELECT value FROM kiosk_settings WHERE key = 'catalog.updated_at'").get()).toEqual({ value: new Date(hub.clock.now).toISOString() });
      const beat = (await hub.store.listDevices()).find((d) => d.name === (kiosk === fast ? 'fast' : 'slow'))?.lastHeartbeat;
      expect(beat?.receivedAt).toBe(hub.clock.now);
      expect(beat?.kioskClock).toBe(clock.now);
    }

    // Edits from both merge by arrival; the hub stamps its own time on what changed.
    const [id = ''] = editableProjectIds(fast, 1);
    slow.sync.recordEdit('projects', id, { summary_en: 'slow kiosk' }, ownerOf(slow, 'projects', id));
    fast.sync.recordEdit('projects', id, { title_en: 'fast kiosk' }, ownerOf(fast, 'projects', id));
    hub.clock.now += 1_000;
    expect(await slow.sync.cycle()).toBe(true);
    expect(await fast.sync.cycle()).toBe(true);
    expect(await slow.sync.cycle()).toBe(true);
    expect(await hubRow(hub, 'projects', id)).toMatchObject({ summary_en: 'slow kiosk', title_en: 'fast kiosk' });
    expect(hub.store.db.prepare("SELECT changed_at FROM records WHERE tbl = 'projects' AND key = ?").get(JSON.stringify([id]))).toEqual({ changed_at: hub.clock.now });
    expect(kioskDigest(slow.sync.db)).toEqual(kioskDigest(fast.sync.db));

    // The slow kiosk's clock jumps back another day (an RTC reset): it keeps syncing, and nothing it shows goes back.
    behind.now -= day;
    hub.clock.now += 1_000;
    await hub.store.writeRecords([{ table: 'tags', key: '["late"]', row: { id: 'late', name_ru: 'Поздно', name_en: 'Late' } }], hub.clock.now);
    expect(await slow.sync.cycle()).toBe(true);
    expect(kioskValue(slow, 'tags', 'late', 'name_en')).toBe('Late');
    expect(slow.sync.status().lastSyncAt).toBe(hub.clock.now);
  });
});

describe('a stale staff command', () => {
  async function kioskWithHandler(options: { pageSize?: number } = {}) {
    const hub = await startHub({ demo: { projects: 6 } });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { pageSize: options.pageSize ?? 500 } });
    const calls: Command[] = [];
    kiosk.sync.onCommand('presentation', (command) => {
      calls.push(command);
      return 'done';
    });
    const { device_id: deviceId } = kiosk.sync.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string };
    return { hub, proxy, kiosk, calls, deviceId };
  }
  const ackOf = async (hub: Awaited<ReturnType<typeof startHub>>, id: number) => (await hub.store.commandStatus(50)).find((c) => c.command.id === id)?.acks ?? [];

  it('already expired by the hub clock when issued: never delivered, never run', async () => {
    const { hub, proxy, kiosk, calls } = await kioskWithHandler();
    const id = await hub.store.addCommand({ target: 'all', kind: 'presentation', payload: {}, expiresAt: hub.clock.now - 1 }, hub.clock.now);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(calls).toEqual([]);
    expect(proxy.requests('/pull').flatMap((r) => (JSON.parse(r.upstream?.body.toString() ?? '{}') as { commands: Command[] }).commands)).toEqual([]);
    expect(await ackOf(hub, id)).toEqual([]);
  });

  it('the kiosk was offline until after it expired: never delivered, never run', async () => {
    const { hub, proxy, kiosk, calls } = await kioskWithHandler();
    expect(await kiosk.sync.cycle()).toBe(true);
    const id = await hub.store.addCommand({ target: 'all', kind: 'presentation', payload: { slide: 1 }, expiresAt: hub.clock.now + 3_600_000 }, hub.clock.now);
    proxy.on(() => true, { kind: 'reset' });
    expect(await kiosk.sync.cycle()).toBe(false);
    hub.clock.now += 86_400_000;
    proxy.clear();
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(calls).toEqual([]);
    expect(await ackOf(hub, id)).toEqual([]);
    expect(count(kiosk, 'SELECT count(*) AS n FROM hub_commands')).toBe(0);
  });

  it('delivered, then the sync broke off before it ran; by the next cycle it has expired: acknowledged "expired", never run', async () => {
    const { hub, proxy, kiosk, calls } = await kioskWithHandler({ pageSize: 100 });
    const id = await hub.store.addCommand({ target: 'all', kind: 'presentation', payload: {}, expiresAt: hub.clock.now + 60_000 }, hub.clock.now);
    let pulls = 0;
    proxy.on('/pull', () => (++pulls === 2 ? { kind: 'drop', afterBytes: 100 } : null));
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(count(kiosk, 'SELECT count(*) AS n FROM hub_commands WHERE id = ? AND outcome IS NULL', id)).toBe(1);
    hub.clock.now += 120_000;
    proxy.clear();
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(calls).toEqual([]);
    expect(await ackOf(hub, id)).toEqual([expect.objectContaining({ outcome: 'expired' })]);
    // And a fresh one still runs, exactly once.
    const fresh = await hub.store.addCommand({ target: 'all', kind: 'presentation', payload: {}, expiresAt: hub.clock.now + 60_000 }, hub.clock.now);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(calls.map((c) => c.id)).toEqual([fresh]);
    expect(await ackOf(hub, fresh)).toEqual([expect.objectContaining({ outcome: 'done' })]);
  });
});
