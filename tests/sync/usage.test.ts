// Usage counts from kiosk to hub: kept through an offline period, sent exactly once through lost answers, added up
// correctly on the hub, and turned into the figures an exhibitor sees at any kiosk.
import { afterEach, describe, expect, it } from 'vitest';
import { demoPin, demoPins } from '../../db/demo/pins';
import type { ExhibitorStats } from '../../electron/shared/contract';
import { refreshProjectStats, usageSummary } from '../../hub/usage';
import { cleanUp, editableDemo, editableProjectIds, outbox, startHub, startKiosk, startProxy } from './harness';

afterEach(cleanUp);

type Kiosk = Awaited<ReturnType<typeof startKiosk>>;

async function visit(kiosk: Kiosk, projectId: string, query: string, results: number): Promise<void> {
  for (const [name, input] of [
    ['kiosk.activity', { activity: 'visit' }],
    ['usage.record', { kind: 'project', id: projectId }],
    ['usage.record', { kind: 'qr', id: projectId }],
    ['usage.record', { kind: 'search', query, results }],
    ['kiosk.activity', { activity: 'attract' }],
  ] as const) {
    const answer = await kiosk.dispatch(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  }
}

describe('usage counts', () => {
  it('wait through an offline period, survive lost answers, and are counted once on the hub', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const clock = { now: Date.now() };
    const kiosk = await startKiosk({ hub, via: proxy, demo: editableDemo, media: false, name: 'Entrance', sync: { now: () => clock.now } });
    const [project] = editableProjectIds(kiosk, 1);
    const id = project ?? '';

    // Offline: the first visit's counts move into the outbox and wait there; the second's wait in their table,
    // since counts join the outbox only every ten minutes.
    proxy.on('/push', { kind: 'status', status: 503 }, 1);
    await visit(kiosk, id, 'Сыроварня', 0);
    expect(await kiosk.sync.cycle()).toBe(false);
    await visit(kiosk, id, 'нефтехимия', 3);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(kiosk.db.prepare('SELECT count(*) AS n FROM usage_counts').get()).not.toEqual({ n: 0 });

    // Ten minutes on, the second batch goes; the hub adds it, but its answer is lost: the retry is answered from the
    // stored result, not added again.
    clock.now += 10 * 60_000;
    proxy.on('/push', { kind: 'reset', afterUpstream: true }, 1);
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(outbox(kiosk).filter((m) => m.kind === 'usage').map((m) => m.status)).toEqual(['applied', 'applied']);
    expect(kiosk.db.prepare('SELECT count(*) AS n FROM usage_counts').get()).toEqual({ n: 0 });

    const summary = await usageSummary(hub.store);
    expect(summary.sessionsByHour.reduce((n, h) => n + h.sessions, 0)).toBe(2);
    expect(summary.sessionsByKiosk).toEqual([{ deviceId: expect.any(String), name: 'Entrance', sessions: 2 }]);
    expect(summary.top.project).toEqual([{ id, name: expect.any(String), count: 2 }]);
    expect(summary.qrShown[0]).toMatchObject({ id, count: 2 });
    expect(summary.emptySearches).toEqual([{ term: 'сыроварня', count: 1 }]);
    expect(summary.searches.map((s) => s.term).sort()).toEqual(['нефтехимия', 'сыроварня']);
    expect(summary.sessionLengths).toEqual([{ bucket: 'under_30s', count: 2 }]);
  });

  it('become the exhibitor’s per-day figures at every kiosk, over all kiosks', async () => {
    const hub = await startHub({ demo: editableDemo });
    const a = await startKiosk({ hub, demo: editableDemo, media: false });
    const b = await startKiosk({ hub, demo: editableDemo, media: false });
    const [project] = editableProjectIds(a, 1);
    const id = project ?? '';
    const owner = (a.db.prepare('SELECT exhibitor_id FROM projects WHERE id = ?').get(id) as { exhibitor_id: string }).exhibitor_id;
    expect(demoPins.map((p) => p.exhibitorId)).toContain(owner);
    await visit(a, id, 'x', 1);
    await visit(b, id, 'y', 1);
    await visit(b, id, 'z', 1);
    expect(await a.sync.cycle()).toBe(true);
    expect(await b.sync.cycle()).toBe(true);
    expect(await refreshProjectStats(hub.store, hub.clock.now)).toBeGreaterThan(0);
    // Nothing changed since: no new records for kiosks to pull.
    expect(await refreshProjectStats(hub.store, hub.clock.now)).toBe(0);
    expect(await a.sync.cycle()).toBe(true);

    const login = await a.dispatch('exhibitor.login', { login: owner, pin: demoPin });
    expect(login.ok).toBe(true);
    const stats = await a.dispatch('exhibitor.stats', {});
    if (!stats.ok) throw new Error(stats.error.message);
    const figures = (stats.value as ExhibitorStats).projects.find((p) => p.id === id);
    expect(figures?.perDay.reduce((n, d) => n + d.opens, 0)).toBe(3);
    expect(figures?.perDay.reduce((n, d) => n + d.qrShown, 0)).toBe(3);
  });
});
