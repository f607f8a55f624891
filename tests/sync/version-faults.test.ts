// Protocol and schema mismatches, both ways: a clear "upgrade required", never a guess and never a partial page.
import { latestSchemaVersion } from '../../db/connection';
import { minKioskSchema } from '../../hub/server';
import { afterEach, describe, expect, it } from 'vitest';
import { rewriteJson, type FaultAction } from './fault-proxy';
import { cleanUp, count, editableDemo, editableProjectIds, hubDigest, kioskDigest, outbox, ownerOf, startHub, startKiosk, startProxy, syncState } from './harness';

afterEach(cleanUp);

describe('a kiosk the hub cannot serve', () => {
  it('a wrong protocol or too old a schema in the headers gets 426 upgrade_required on every endpoint', async () => {
    const hub = await startHub({ demo: { projects: 4 } });
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    const { token } = kiosk.sync.db.prepare('SELECT token FROM sync_state').get() as { token: string };
    const base = `${hub.url}/sync/v1`;
    const good = { 'kiosk-protocol': '1', 'kiosk-schema': String(latestSchemaVersion), authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const headers of [
      { ...good, 'kiosk-protocol': '2' },
      { ...good, 'kiosk-protocol': '' },
      { ...good, 'kiosk-schema': '0' },
      // A kiosk from before exhibitors' PINs and review decisions could not hold what this hub sends.
      { ...good, 'kiosk-schema': String(minKioskSchema - 1) },
    ]) {
      for (const [path, init] of [
        ['/pull', {}],
        ['/watch?wait=0', {}],
        ['/push', { method: 'POST', body: JSON.stringify({ mutations: [] }) }],
        ['/enroll', { method: 'POST', body: JSON.stringify({ code: 'ABCDE-FGHJK', kioskId: 'k1' }) }],
      ] as const) {
        const response = await fetch(base + path, { ...init, headers });
        expect([path, response.status]).toEqual([path, 426]);
        expect(await response.json()).toMatchObject({ error: 'upgrade_required', supportedProtocols: [1], minKioskSchema });
      }
    }
  });
});

describe('a hub this kiosk cannot follow', () => {
  async function setUp() {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    await kiosk.sync.mediaIdle();
    // Something new waits at the hub, and an edit waits at the kiosk.
    const regions = (await hub.store.listRecords('regions')).slice(0, 10);
    await hub.store.writeRecords(regions.map((r) => ({ table: 'regions' as const, key: r.key, row: { ...r.row, name_en: 'new name' } })), hub.clock.now);
    const [id = ''] = editableProjectIds(kiosk, 1);
    return { hub, proxy, kiosk, id };
  }

  const cases: [string, string, FaultAction][] = [
    [
      'answers with a newer protocol',
      '/pull',
      { kind: 'rewrite', body: rewriteJson((page) => ({ ...page, protocol: 2 })) },
    ],
    [
      'answers 426 (it dropped this protocol)',
      '/push',
      { kind: 'status', status: 426, body: { error: 'upgrade_required', message: 'This hub speaks sync protocol 2.', supportedProtocols: [2], minKioskSchema: 3 } },
    ],
    [
      'sends rows of a table this kiosk does not know',
      '/pull',
      {
        kind: 'rewrite',
        body: rewriteJson((page) => ({
          ...page,
          changes: [...(page.changes as { seq: number }[]), { t: 'parking_spots', seq: 1_000_000, k: '["p1"]', row: { id: 'p1' } }],
        })),
      },
    ],
    [
      'sends a column this kiosk does not know',
      '/pull',
      {
        kind: 'rewrite',
        body: rewriteJson((page) => ({
          ...page,
          changes: (page.changes as { t: string; row: Record<string, unknown> | null }[]).map((c, i) => (i === 3 && c.row ? { ...c, row: { ...c.row, hologram_url: '' } } : c)),
        })),
      },
    ],
  ];

  it.each(cases)('%s: blocked "upgrade_required", nothing of the answer applied, the outbox kept', async (_name, path, fault) => {
    const { hub, proxy, kiosk, id } = await setUp();
    const before = { cursor: syncState(kiosk).cursor, digest: kioskDigest(kiosk.sync.db) };
    // The edit is recorded after the digest: the push may or may not go before the mismatch shows, the row is ours.
    proxy.on(path, fault);
    if (path === '/push') kiosk.sync.recordEdit('projects', id, { summary_en: 'Waiting for an upgrade' }, ownerOf(kiosk, 'projects', id));

    expect(await kiosk.sync.cycle()).toBe(false);
    expect(kiosk.sync.status()).toMatchObject({ state: 'blocked', blocked: 'upgrade_required' });
    expect(kiosk.sync.status().lastError).not.toBe('');
    expect(syncState(kiosk).cursor).toBe(before.cursor);
    expect(count(kiosk, "SELECT count(*) AS n FROM regions WHERE name_en = 'new name'")).toBe(0);
    if (path === '/push') {
      expect(outbox(kiosk).map((e) => e.status)).toEqual(['pending']);
    } else {
      expect(kioskDigest(kiosk.sync.db)).toEqual(before.digest);
    }

    // Blocked means blocked: no more requests until staff act (an upgrade).
    proxy.log.length = 0;
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(proxy.log).toEqual([]);
    proxy.clear();
    kiosk.sync.unblock();
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(kiosk.sync.status().blocked).toBe('');
    expect(count(kiosk, "SELECT count(*) AS n FROM regions WHERE name_en = 'new name'")).toBe(10);
    expect(outbox(kiosk).every((e) => e.status === 'applied')).toBe(true);
    expect(kioskDigest(kiosk.sync.db)).toEqual(await hubDigest(hub.store));
  });
});
