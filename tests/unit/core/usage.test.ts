// Anonymous usage counts on the kiosk: what a scripted visit leaves behind, what is never recorded, and how counts
// join the outbox exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPin, demoPins } from '../../../db/demo/pins';
import { createKioskCore, type KioskCore } from '../../../electron/core/kiosk-core';
import { enqueue, pendingMutations } from '../../../electron/core/sync/outbox';
import { countableTerm, flushUsage } from '../../../electron/core/usage';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-usage-'));
  dirs.push(dir);
  return join(dir, 'data');
}

type Count = { hour: string; metric: string; subject: string; count: number };
const counts = (core: KioskCore): Count[] => core.db.prepare('SELECT * FROM usage_counts ORDER BY metric, subject').all() as Count[];

async function ok(core: KioskCore, name: string, input: unknown): Promise<void> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
}

describe('usage counts', () => {
  it('count a scripted visit per hour: screens, opened items, searches with and without results, QR, language, accessibility, visit length', async () => {
    const clock = { now: Date.parse('2026-12-03T05:10:00Z') };
    const core = createKioskCore({ dataDir: dataDir(), appVersion: '1.0.0', now: () => new Date(clock.now) });
    await ok(core, 'kiosk.activity', { activity: 'visit' });
    await ok(core, 'usage.record', { kind: 'screen', screen: 'regions' });
    await ok(core, 'usage.record', { kind: 'region', id: 'omsk' });
    await ok(core, 'usage.record', { kind: 'project', id: 'p-1' });
    await ok(core, 'usage.record', { kind: 'project', id: 'p-1' });
    await ok(core, 'usage.record', { kind: 'qr', id: 'p-1' });
    await ok(core, 'usage.record', { kind: 'search', query: '  Нефтехимия ', results: 4 });
    await ok(core, 'usage.record', { kind: 'search', query: 'сыроварня', results: 0 });
    await ok(core, 'usage.record', { kind: 'language', language: 'en' });
    await ok(core, 'usage.record', { kind: 'accessibility', mode: 'large_text' });
    clock.now += 95_000;
    await ok(core, 'kiosk.activity', { activity: 'attract' });
    const hour = '2026-12-03T05';
    expect(counts(core)).toEqual(
      [
        ['accessibility', 'large_text', 1],
        ['idle_reset', '', 1],
        ['language', 'en', 1],
        ['project', 'p-1', 2],
        ['qr', 'p-1', 1],
        ['region', 'omsk', 1],
        ['screen', 'regions', 1],
        ['search', 'нефтехимия', 1],
        ['search', 'сыроварня', 1],
        ['search_empty', 'сыроварня', 1],
        ['session', '', 1],
        ['session_length', '1m_3m', 1],
      ].map(([metric, subject, count]) => ({ hour, metric, subject, count })),
    );
    await core.close();
  });

  it('record nothing while an exhibitor is logged in, and refuse anything outside the list', async () => {
    const core = createKioskCore({ dataDir: dataDir(), appVersion: '1.0.0' });
    await ok(core, 'exhibitor.login', { login: demoPins[2]!.exhibitorId, pin: demoPin });
    await ok(core, 'kiosk.activity', { activity: 'visit' });
    await ok(core, 'usage.record', { kind: 'project', id: 'p-1' });
    await ok(core, 'usage.record', { kind: 'search', query: 'my own booth', results: 1 });
    expect(counts(core)).toEqual([]);
    for (const input of [{ kind: 'person', id: 'x' }, { kind: 'screen', screen: 'Home<script>' }, { kind: 'project', id: 'p', visitor: 'Ivan' }]) {
      expect((await core.dispatch('usage.record', input)).ok, JSON.stringify(input)).toBe(false);
    }
    await core.close();
  });

  it('cut search terms short and drop digits and e-mail addresses, so numbers and addresses typed into search never leave the kiosk', () => {
    expect(countableTerm('Позвоните +7 913 123-45-67')).toBe('позвоните +# ### ###-##-##');
    expect(countableTerm('AB12CD34')).toBe('ab##cd##');
    expect(countableTerm('ivan.petrov@mail.ru')).toBe('');
    expect(countableTerm('x'.repeat(100))).toHaveLength(40);
    expect(countableTerm('  ЗАВОД   Омск ')).toBe('завод омск');
    // Never half an emoji, never a control or direction-changing character (the hub would refuse the whole batch).
    const cut = countableTerm(`${'я'.repeat(39)}😀 завод`);
    expect([...cut]).toHaveLength(40);
    expect(cut.endsWith('😀')).toBe(true);
    expect(countableTerm('evil\u202Eexe\u0007')).toBe('evilexe');
  });

  it('are kept across a restart and move into the outbox exactly once', async () => {
    const dir = dataDir();
    let core = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    await ok(core, 'usage.record', { kind: 'project', id: 'p-7' });
    await ok(core, 'usage.record', { kind: 'project', id: 'p-7' });
    await core.close();
    core = createKioskCore({ dataDir: dir, appVersion: '1.0.0' });
    expect(counts(core).map((c) => c.count)).toEqual([2]);
    const enqueueHere = (kind: string, payload: Record<string, unknown>, id: string) => enqueue(core.db, kind, payload, new Date(), id, null);
    expect(flushUsage(core.db, enqueueHere)).toBe(1);
    expect(flushUsage(core.db, enqueueHere)).toBe(0);
    const outbox = core.db.prepare("SELECT kind, payload FROM outbox WHERE kind = 'usage'").all() as { kind: string; payload: string }[];
    expect(outbox).toHaveLength(1);
    expect((JSON.parse(outbox[0]!.payload) as { counts: unknown[] }).counts).toEqual([[expect.any(String), 'project', 'p-7', 2]]);
    expect(counts(core)).toEqual([]);
    // Usage batches are not edits: the "waiting to sync" figure staff and exhibitors see does not count them.
    expect(core.sync.status().pendingEdits).toBe(0);
    await core.close();
  });
});

describe('pushes', () => {
  it('stay within a byte budget however much waits in the outbox, in order, at least one mutation each', async () => {
    const core = createKioskCore({ dataDir: dataDir(), appVersion: '1.0.0', demo: false });
    const big = { counts: [['2026-12-03T05', 'search', 'я'.repeat(40), 1]], padding: 'x'.repeat(300_000) };
    for (let i = 0; i < 5; i++) enqueue(core.db, 'usage', big, new Date(), `batch-${i}`, null);
    const first = pendingMutations(core.db, 100, 700_000);
    expect(first.map((m) => m.id)).toEqual(['batch-0', 'batch-1']);
    expect(pendingMutations(core.db, 100, 10).map((m) => m.id)).toEqual(['batch-0']);
    await core.close();
  });
});
