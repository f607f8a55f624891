// Pushing the outbox through a faulty network and past other kiosks: lost answers, gaps, poison mutations, edits made
// mid-sync, conflicts between kiosks, edits to deleted rows, a reimaged kiosk.
import { randomUUID } from 'node:crypto';
import { latestSchemaVersion } from '../../db/connection';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSetting } from '../../db/queries/catalog';
import { HubClient } from '../../electron/core/sync/hub-client';
import { EditError } from '../../electron/core/sync/outbox';
import type { Mutation, MutationResult } from '../../electron/shared/sync-protocol';
import {
  cleanUp,
  demoAuthor,
  demoExhibitorIds,
  editableDemo,
  editableProjectIds,
  hubDigest,
  hubRow,
  kioskDigest,
  kioskValue,
  outbox,
  ownerOf,
  queueRaw,
  signedMutation,
  signedPayload,
  startHub,
  startKiosk,
  startProxy,
  syncState,
  tempDir,
  type TestHub,
} from './harness';

afterEach(cleanUp);

type Kiosk = Awaited<ReturnType<typeof startKiosk>>;

/** The first `n` projects this kiosk's demo exhibitors may edit. */
const firstProjects = (kiosk: Kiosk, n: number): string[] => editableProjectIds(kiosk, n);

/** The error a call throws (failing the test if it throws none, or not an EditError). */
function refusal(call: () => unknown): EditError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(EditError);
    return error as EditError;
  }
  throw new Error('expected the kiosk to refuse the edit');
}

/** Records an edit as the exhibitor who owns the project (signed with their demo PIN's key). */
function editAsOwner(kiosk: Kiosk, id: string, values: Record<string, string>) {
  return kiosk.sync.recordEdit('projects', id, values, ownerOf(kiosk, 'projects', id));
}

function token(kiosk: Kiosk): string {
  return (kiosk.sync.db.prepare('SELECT token FROM sync_state').get() as { token: string }).token;
}

function deviceOf(kiosk: Kiosk): string {
  return (kiosk.sync.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id;
}

function hubMutations(hub: TestHub, deviceId: string): { id: string; order_no: number; status: string }[] {
  return hub.store.db.prepare('SELECT id, order_no, status FROM mutations WHERE device_id = ? ORDER BY order_no').all(deviceId) as ReturnType<typeof hubMutations>;
}

const result = (entry: { result: string | null } | undefined): MutationResult | null => (entry?.result ? (JSON.parse(entry.result) as MutationResult) : null);

describe('a push whose answer is lost', () => {
  it('connection reset after the hub applied it: the retry is answered from the stored result, applied once', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [id] = firstProjects(kiosk, 1);
    editAsOwner(kiosk, id ?? '', { summary_en: 'Tour at 11:00' });
    const headBefore = (await hub.store.meta()).headSeq;

    proxy.on('/push', { kind: 'reset', afterUpstream: true }, 1);
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(proxy.requests('/push')[0]?.upstream?.status).toBe(200);
    expect(outbox(kiosk)[0]?.status).toBe('pending');
    expect((await hubRow(hub, 'projects', id ?? ''))?.summary_en).toBe('Tour at 11:00');

    expect(await kiosk.sync.cycle()).toBe(true);
    const entry = outbox(kiosk)[0];
    expect(entry?.status).toBe('applied');
    expect(result(entry)).toMatchObject({ status: 'applied', replayed: true });
    // Applied once: one stored mutation, one new seq, and no conflict from re-applying "from → to" to its own result.
    expect(hubMutations(hub, deviceOf(kiosk))).toHaveLength(1);
    expect((await hub.store.meta()).headSeq).toBe(headBefore + 1);
    expect(await hub.store.listConflicts(10)).toEqual([]);
  });

  it('timed out (the hub was slow): the same, after a real client timeout', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { timeoutMs: 400 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [id] = firstProjects(kiosk, 1);
    editAsOwner(kiosk, id ?? '', { title_en: 'Slow hub, safe retry' });
    proxy.on('/push', { kind: 'delay', ms: 1_200 }, 1);
    expect(await kiosk.sync.cycle()).toBe(false);
    expect(kiosk.sync.status().lastError).toMatch(/cannot be reached/);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(result(outbox(kiosk)[0])).toMatchObject({ status: 'applied', replayed: true });
    expect(hubMutations(hub, deviceOf(kiosk))).toEqual([{ id: outbox(kiosk)[0]?.id, order_no: 1, status: 'applied' }]);
    expect(await hub.store.listConflicts(10)).toEqual([]);
  });
});

describe('order', () => {
  it('a mutation after a gap, or reusing an order, is refused with the order the hub expects and never applied', async () => {
    const hub = await startHub({ demo: editableDemo });
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [id] = firstProjects(kiosk, 1);
    const client = new HubClient({ hubUrl: hub.url, token: token(kiosk), schemaVersion: latestSchemaVersion });
    const original = ((await hubRow(hub, 'projects', id ?? ''))?.summary_en ?? null) as string | null;
    // Signed by the project's exhibitor, as a kiosk's outbox would send them: only the order is at fault here.
    const author = ownerOf(kiosk, 'projects', id ?? '');
    const edit = (order: number, from: string | null, to: string): Mutation =>
      signedMutation(author, randomUUID(), order, { table: 'projects', key: JSON.stringify([id]), changes: { summary_en: { from, to } } });

    // 2 before 1: refused, nothing applied.
    const gap = await client.push([edit(2, original, 'second')]);
    expect(gap.results).toEqual([]);
    expect(gap.expectedOrder).toBe(1);
    expect((await hubRow(hub, 'projects', id ?? ''))?.summary_en).toBe(original);

    // 1 then 3: 1 applied, the hub stops at the gap.
    const first = edit(1, original, 'first');
    const third = edit(3, 'second', 'third');
    const partial = await client.push([first, third]);
    expect(partial.results.map((r) => [r.order, r.status])).toEqual([[1, 'applied']]);
    expect(partial.expectedOrder).toBe(2);
    expect((await hubRow(hub, 'projects', id ?? ''))?.summary_en).toBe('first');

    // Order 1 again under another id: the numbering is behind; refused.
    const reused = await client.push([edit(1, 'first', 'not me')]);
    expect(reused.results).toEqual([]);
    expect(reused.expectedOrder).toBe(2);

    // Filling the gap lets the held-back one through, in order.
    const filled = await client.push([edit(2, 'first', 'second'), third]);
    expect(filled.results.map((r) => [r.order, r.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect((await hubRow(hub, 'projects', id ?? ''))?.summary_en).toBe('third');
    expect(hubMutations(hub, deviceOf(kiosk)).map((m) => m.order_no)).toEqual([1, 2, 3]);
  });

  it('a reimaged kiosk (same identity, empty outbox history) renumbers from where the hub stands', async () => {
    const hub = await startHub({ demo: editableDemo });
    const first = await startKiosk({ hub, demo: false, media: false });
    expect(await first.sync.cycle()).toBe(true);
    const [p1, p2] = firstProjects(first, 2);
    editAsOwner(first, p1 ?? '', { title_en: 'one' });
    editAsOwner(first, p1 ?? '', { title_en: 'two' });
    expect(await first.sync.cycle()).toBe(true);
    const kioskId = (first.db.prepare("SELECT value FROM kiosk_settings WHERE key = 'kiosk.id'").get() as { value: string }).value;

    // A fresh data folder with the same kiosk id; an edit made before it enrolls again gets order 1 locally.
    const again = await startKiosk({ dir: `${tempDir('kiosk-')}/data`, demo: editableDemo });
    writeSetting(again.db, 'kiosk.id', kioskId);
    editAsOwner(again, p2 ?? '', { title_en: 'after reimage' });
    expect(outbox(again)[0]?.order_no).toBe(1);
    await again.sync.enroll(hub.url, await hub.enrollCode());
    expect(outbox(again)[0]?.order_no).toBe(3);
    expect(await again.sync.cycle()).toBe(true);
    expect(outbox(again)[0]?.status).toBe('applied');
    expect(hubMutations(hub, kioskId).map((m) => m.order_no)).toEqual([1, 2, 3]);
    expect((await hubRow(hub, 'projects', p2 ?? ''))?.title_en).toBe('after reimage');
    expect(kioskDigest(again.sync.db)).toEqual(await hubDigest(hub.store));
  });
});

describe('a mutation the hub rejects', () => {
  it('mid-queue: rejected for good and marked, the ones behind it go through, the kiosk shows the hub row', async () => {
    const hub = await startHub({ demo: editableDemo });
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [a = '', b = '', c = ''] = firstProjects(kiosk, 3);
    const hubSummary = (await hubRow(hub, 'projects', b))?.summary_ru;
    const tooLong = 'Слишком длинно. '.repeat(40);
    const ownerOfB = ownerOf(kiosk, 'projects', b);
    const ownerOfC = ownerOf(kiosk, 'projects', c);
    const someoneElse = demoAuthor(demoExhibitorIds.find((e) => e !== ownerOfC.exhibitorId) ?? '');
    editAsOwner(kiosk, a, { summary_ru: 'Первая правка' });

    // The kiosk itself refuses a text that is too long, and an edit by an exhibitor who does not own the row:
    // nothing is saved, nothing is queued.
    expect(refusal(() => editAsOwner(kiosk, b, { summary_ru: tooLong }))).toMatchObject({ code: 'too_long', field: 'summary_ru' });
    expect(refusal(() => kiosk.sync.recordEdit('projects', c, { summary_ru: 'Не моё' }, someoneElse))).toMatchObject({ code: 'not_owner' });
    expect(kioskValue(kiosk, 'projects', b, 'summary_ru')).toBe(hubSummary);
    expect(outbox(kiosk)).toHaveLength(1);

    // The hub trusts no kiosk: the same too-long edit, saved and signed by a kiosk that did not check it (an older
    // version, or a tampered one), is refused there.
    const longId = randomUUID();
    kiosk.sync.db.prepare('UPDATE projects SET summary_ru = ? WHERE id = ?').run(tooLong, b);
    const projectEdit = (id: string, from: string | number | null | undefined, to: string) => ({
      table: 'projects',
      key: JSON.stringify([id]),
      changes: { summary_ru: { from: from ?? null, to } },
    });
    queueRaw(kiosk, signedPayload(ownerOfB, longId, projectEdit(b, hubSummary, tooLong)), { id: longId, exhibitorId: ownerOfB.exhibitorId });
    // Forged mutations (no kiosk UI makes them). Booth positions are staff data, even on the exhibitor's own entry:
    const boothId = randomUUID();
    const booth = kioskValue(kiosk, 'exhibitors', ownerOfB.exhibitorId, 'booth') as string;
    const boothEdit = { table: 'exhibitors', key: JSON.stringify([ownerOfB.exhibitorId]), changes: { booth: { from: booth, to: 'Z9' } } };
    queueRaw(kiosk, signedPayload(ownerOfB, boothId, boothEdit), { id: boothId, exhibitorId: ownerOfB.exhibitorId });
    const hubSummaryC = (await hubRow(hub, 'projects', c))?.summary_ru;
    // an edit without a proof,
    queueRaw(kiosk, projectEdit(c, hubSummaryC, 'Без подписи'));
    // one signed with another exhibitor's key in the owner's name,
    const forgedId = randomUUID();
    const forged = signedPayload(someoneElse, forgedId, projectEdit(c, hubSummaryC, 'Чужой ключ'));
    queueRaw(kiosk, { ...forged, exhibitorId: ownerOfC.exhibitorId }, { id: forgedId, exhibitorId: ownerOfC.exhibitorId });
    // and one properly signed by an exhibitor who does not own the project.
    const strangerId = randomUUID();
    queueRaw(kiosk, signedPayload(someoneElse, strangerId, projectEdit(c, hubSummaryC, 'Чужой проект')), { id: strangerId, exhibitorId: someoneElse.exhibitorId });
    editAsOwner(kiosk, c, { summary_ru: 'Третья правка' });

    expect(await kiosk.sync.cycle()).toBe(true);
    const entries = outbox(kiosk);
    expect(entries.map((e) => [e.order_no, e.status, result(e)?.reason ?? null])).toEqual([
      [1, 'applied', null],
      [2, 'rejected', 'too_long'],
      [3, 'rejected', 'field_not_editable'],
      [4, 'rejected', 'unsigned'],
      [5, 'rejected', 'proof_invalid'],
      [6, 'rejected', 'not_owner'],
      [7, 'applied', null],
    ]);
    expect(kiosk.sync.status().pendingEdits).toBe(0);
    expect(kioskValue(kiosk, 'projects', b, 'summary_ru')).toBe(hubSummary);
    expect((await hubRow(hub, 'projects', b))?.summary_ru).toBe(hubSummary);
    expect((await hubRow(hub, 'exhibitors', ownerOfB.exhibitorId))?.booth).toBe(booth);
    expect((await hubRow(hub, 'projects', a))?.summary_ru).toBe('Первая правка');
    expect((await hubRow(hub, 'projects', c))?.summary_ru).toBe('Третья правка');
    expect(kioskValue(kiosk, 'projects', c, 'summary_ru')).toBe('Третья правка');
    // Final: another cycle sends nothing again.
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(hubMutations(hub, deviceOf(kiosk))).toHaveLength(7);
  });
});

describe('an edit made while a sync is in flight', () => {
  it('goes out with the next cycle (driven by hand)', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [id] = firstProjects(kiosk, 1);
    let release = () => {};
    proxy.on('/pull', { kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)) }, 1);
    const arrived = proxy.next('/pull');
    const cycle = kiosk.sync.cycle();
    await arrived;
    editAsOwner(kiosk, id ?? '', { visiting_en: 'Mon–Fri' });
    release();
    expect(await cycle).toBe(true);
    expect(kioskValue(kiosk, 'projects', id ?? '', 'visiting_en')).toBe('Mon–Fri');
    expect(kiosk.sync.status().pendingEdits).toBe(1);
    expect(await kiosk.sync.cycle()).toBe(true);
    expect(kiosk.sync.status().pendingEdits).toBe(0);
    expect((await hubRow(hub, 'projects', id ?? ''))?.visiting_en).toBe('Mon–Fri');
  });

  it('the running worker starts another cycle by itself', async () => {
    const hub = await startHub({ demo: editableDemo });
    const proxy = await startProxy(hub);
    const kiosk = await startKiosk({ hub, via: proxy, demo: false, media: false, sync: { intervalMs: 60_000, watchSeconds: 0 } });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [id] = firstProjects(kiosk, 1);
    let release = () => {};
    proxy.on('/pull', { kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)) }, 1);
    const arrived = proxy.next('/pull');
    kiosk.start();
    await arrived;
    editAsOwner(kiosk, id ?? '', { visiting_en: 'Weekends too' });
    const pushesBefore = proxy.requests('/push').length;
    release();
    // Only the "again" after the in-flight cycle can send it: the interval is a minute and nothing watches.
    await expect.poll(async () => (await hubRow(hub, 'projects', id ?? ''))?.visiting_en, { timeout: 5_000, interval: 20 }).toBe('Weekends too');
    expect(proxy.requests('/push').length).toBe(pushesBefore + 1);
  });
});

describe('two kiosks editing one entry offline', () => {
  async function twoKiosks() {
    const hub = await startHub({ demo: editableDemo });
    const a = await startKiosk({ hub, demo: false, media: false, name: 'A' });
    const b = await startKiosk({ hub, demo: false, media: false, name: 'B' });
    expect(await a.sync.cycle()).toBe(true);
    expect(await b.sync.cycle()).toBe(true);
    const [id] = firstProjects(a, 1);
    return { hub, a, b, id: id ?? '' };
  }

  it.each([
    ['A', 'B'],
    ['B', 'A'],
  ])('same field, %s reaches the hub first: it wins, the other gets a recorded conflict and the hub value', async (firstName) => {
    const { hub, a, b, id } = await twoKiosks();
    const base = (await hubRow(hub, 'projects', id))?.summary_en;
    editAsOwner(a, id, { summary_en: 'A says so' });
    editAsOwner(b, id, { summary_en: 'B says so' });
    const [winner, loser] = firstName === 'A' ? [a, b] : [b, a];
    const [wins, loses] = firstName === 'A' ? ['A says so', 'B says so'] : ['B says so', 'A says so'];
    expect(await winner.sync.cycle()).toBe(true);
    expect(await loser.sync.cycle()).toBe(true);

    expect((await hubRow(hub, 'projects', id))?.summary_en).toBe(wins);
    const lost = outbox(loser)[0];
    expect(lost?.status).toBe('conflict');
    expect(result(lost)?.conflicts).toEqual([{ field: 'summary_en', base, hub: wins, kiosk: loses }]);
    expect(result(lost)?.row?.row?.summary_en).toBe(wins);
    expect(kioskValue(loser, 'projects', id, 'summary_en')).toBe(wins);
    expect(outbox(winner)[0]?.status).toBe('applied');
    const conflicts = await hub.store.listConflicts(10);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ deviceId: deviceOf(loser), mutationId: lost?.id, table: 'projects', key: JSON.stringify([id]), field: 'summary_en', base, hub: wins, kiosk: loses });
    expect(await winner.sync.cycle()).toBe(true);
    expect(kioskDigest(a.sync.db)).toEqual(kioskDigest(b.sync.db));
  });

  it('different fields of one entry merge on the hub and on both kiosks', async () => {
    const { hub, a, b, id } = await twoKiosks();
    editAsOwner(a, id, { summary_en: 'From A' });
    editAsOwner(b, id, { title_en: 'From B' });
    expect(await a.sync.cycle()).toBe(true);
    expect(await b.sync.cycle()).toBe(true);
    expect(await a.sync.cycle()).toBe(true);
    expect(await hubRow(hub, 'projects', id)).toMatchObject({ summary_en: 'From A', title_en: 'From B' });
    for (const kiosk of [a, b]) {
      expect([kioskValue(kiosk, 'projects', id, 'summary_en'), kioskValue(kiosk, 'projects', id, 'title_en')]).toEqual(['From A', 'From B']);
      expect(outbox(kiosk).map((e) => e.status)).toEqual(['applied']);
    }
    expect(await hub.store.listConflicts(10)).toEqual([]);
    expect(kioskDigest(a.sync.db)).toEqual(await hubDigest(hub.store));
  });
});

describe('an edit to an entry the hub has deleted', () => {
  it('is rejected as "deleted" and the entry disappears from the kiosk', async () => {
    const hub = await startHub({ demo: editableDemo });
    const kiosk = await startKiosk({ hub, demo: false, media: false });
    expect(await kiosk.sync.cycle()).toBe(true);
    const [id] = firstProjects(kiosk, 1);
    await hub.store.writeRecords([{ table: 'projects', key: JSON.stringify([id]), row: null }], hub.clock.now);
    editAsOwner(kiosk, id ?? '', { summary_en: 'Too late' });
    expect(kioskValue(kiosk, 'projects', id ?? '', 'deleted')).toBe(0);

    expect(await kiosk.sync.cycle()).toBe(true);
    const entry = outbox(kiosk)[0];
    expect([entry?.status, result(entry)?.reason]).toEqual(['rejected', 'deleted']);
    expect(result(entry)?.row?.row).toBeNull();
    expect(kioskValue(kiosk, 'projects', id ?? '', 'deleted')).toBe(1);
    expect(await hubRow(hub, 'projects', id ?? '')).toBeNull();
    expect(await hub.store.listConflicts(10)).toEqual([]);
    expect(syncState(kiosk).blocked).toBe('');
  });
});
