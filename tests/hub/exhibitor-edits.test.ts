// Exhibitors' edits as the hub receives them: real signed mutations pushed over HTTP by enrolled kiosks to a real hub
// with the demo forum. Forged, replayed, foreign, non-whitelisted, oversized and hostile edits are refused with a stable
// reason and change nothing, while everything else in the same push goes through; with review on, edits wait for
// staff, and the decision reaches kiosks as an edit_reviews record. Kiosks are played by plain HTTP clients here, so
// every byte the hub sees is the test's own.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/connection';
import { demoPins } from '../../db/demo/pins';
import type { SyncedTable, WireRow } from '../../db/sync-tables';
import { parseKdf, signEdit, verifyPin } from '../../electron/core/auth/pin';
import {
  enrollResponse,
  pullResponse,
  pushResponse,
  signedPart,
  type Change,
  type EditPayload,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../electron/shared/sync-protocol';
import { CommandError, exhibitorPinCommand, reviewCommand } from '../../hub/staff/commands';
import { approveEdit } from '../../hub/sync/rules';
import { cleanUp, startHub, type TestHub } from '../sync/harness';

afterEach(cleanUp);

/** The demo forum at a size where the demo PIN exhibitors own projects (omsk-petrochem two, omsk-polymer one). */
const demo = { projects: 100 };

// ---- a kiosk over plain HTTP ----------------------------------------------------------------------------------

type HttpKiosk = { id: string; token: string; nextOrder: number; cursor: string | null };

const headers = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  'kiosk-protocol': '1',
  'kiosk-schema': String(latestSchemaVersion),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function enroll(hub: TestHub, name: string): Promise<HttpKiosk> {
  const response = await fetch(`${hub.url}/sync/v1/enroll`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ code: await hub.enrollCode(), kioskId: randomUUID(), name }),
  });
  expect(response.status).toBe(200);
  const body = enrollResponse.parse(await response.json());
  const kiosk: HttpKiosk = { id: body.deviceId, token: body.token, nextOrder: body.nextOrder, cursor: null };
  // Start level with the hub, so later pulls show only what changed after this point.
  await pullAll(hub, kiosk);
  return kiosk;
}

async function push(hub: TestHub, kiosk: HttpKiosk, mutations: Mutation[]): Promise<PushResponse> {
  const response = await fetch(`${hub.url}/sync/v1/push`, { method: 'POST', headers: headers(kiosk.token), body: JSON.stringify({ mutations }) });
  expect(response.status).toBe(200);
  return pushResponse.parse(await response.json());
}

/** Every change after the kiosk's cursor, following `more`; moves the cursor on. */
async function pullAll(hub: TestHub, kiosk: HttpKiosk): Promise<Change[]> {
  const changes: Change[] = [];
  for (;;) {
    const query = kiosk.cursor ? `?cursor=${encodeURIComponent(kiosk.cursor)}` : '';
    const response = await fetch(`${hub.url}/sync/v1/pull${query}`, { headers: headers(kiosk.token) });
    const page = pullResponse.parse(await response.json());
    if (page.kind !== 'changes') throw new Error(`unexpected reset: ${page.reason}`);
    changes.push(...page.changes);
    kiosk.cursor = page.cursor;
    if (!page.more) return changes;
  }
}

// ---- edits ----------------------------------------------------------------------------------------------------

const signingKeyOf = (exhibitorId: string): string => {
  const pin = demoPins.find((p) => p.exhibitorId === exhibitorId);
  if (!pin) throw new Error(`no demo PIN for ${exhibitorId}`);
  return pin.signingKey;
};

type EditSpec = {
  table: SyncedTable;
  id: string;
  changes: EditPayload['changes'];
  /** Who the edit says it comes from. */
  exhibitorId?: string;
  /** The key it is signed with: the exhibitor's own (default), another, or null for no proof at all. */
  signingKey?: string | null;
  mutationId?: string;
};

/** A mutation as a kiosk's outbox holds it, with the kiosk's next order number. */
function edit(kiosk: HttpKiosk, spec: EditSpec): Mutation {
  const mutationId = spec.mutationId ?? randomUUID();
  const unsigned: EditPayload = { table: spec.table, key: JSON.stringify([spec.id]), changes: spec.changes, ...(spec.exhibitorId ? { exhibitorId: spec.exhibitorId } : {}) };
  const key = spec.signingKey === undefined ? (spec.exhibitorId ? signingKeyOf(spec.exhibitorId) : null) : spec.signingKey;
  const proof = key && spec.exhibitorId ? signEdit(key, { mutationId, exhibitorId: spec.exhibitorId, kind: 'edit', payload: signedPart(unsigned) }) : undefined;
  return { id: mutationId, order: kiosk.nextOrder++, kind: 'edit', payload: { ...unsigned, ...(proof ? { proof } : {}) } };
}

async function row(hub: TestHub, table: SyncedTable, id: string): Promise<WireRow> {
  const record = await hub.store.getRecord(table, JSON.stringify([id]));
  if (!record?.row) throw new Error(`no ${table} ${id} on the hub`);
  return record.row;
}

async function projectsOf(hub: TestHub, exhibitorId: string): Promise<string[]> {
  const ids = (await hub.store.listRecords('projects')).filter((r) => r.row?.exhibitor_id === exhibitorId).map((r) => String(r.row?.id));
  if (ids.length === 0) throw new Error(`${exhibitorId} owns no project in this demo forum`);
  return ids;
}

/** A text change of one field from whatever the hub has now. */
async function change(hub: TestHub, table: SyncedTable, id: string, field: string, to: string | number | null): Promise<EditPayload['changes']> {
  return { [field]: { from: (await row(hub, table, id))[field] ?? null, to } };
}

const brief = (results: MutationResult[]) => results.map((r) => [r.status, r.reason ?? null]);

const petrochem = 'omsk-petrochem';
const polymer = 'omsk-polymer';
const team = 'omsk-team';

describe('signed edits', () => {
  it('a valid edit is applied, logged as the exhibitor\u2019s, and reaches another kiosk', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const a = await enroll(hub, 'Hall A');
    const b = await enroll(hub, 'Hall B');

    const summary = edit(a, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'summary_ru', 'Экскурсии каждый час') });
    const hours = edit(a, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'hours_ru', '10:00–18:00') });
    const answer = await push(hub, a, [summary, hours]);
    expect(brief(answer.results)).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    expect((await row(hub, 'projects', project!)).summary_ru).toBe('Экскурсии каждый час');
    expect((await row(hub, 'exhibitors', petrochem)).hours_ru).toBe('10:00–18:00');

    const log = await hub.store.exhibitorEdits(petrochem, 10);
    expect(log.map((e) => [e.mutationId, e.status, e.source])).toEqual([
      [hours.id, 'applied', `device:${a.id}`],
      [summary.id, 'applied', `device:${a.id}`],
    ]);

    const pulled = await pullAll(hub, b);
    expect(pulled.find((c) => c.t === 'projects' && c.k === JSON.stringify([project]))?.row?.summary_ru).toBe('Экскурсии каждый час');
    expect(pulled.find((c) => c.t === 'exhibitors' && c.k === JSON.stringify([petrochem]))?.row?.hours_ru).toBe('10:00–18:00');
  });

  it('forged edits (another key, the verifier as key, unsigned, tampered after signing) are refused; the rest of the push applies', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const before = await row(hub, 'projects', project!);
    const kiosk = await enroll(hub, 'Hall A');
    const summary = await change(hub, 'projects', project!, 'summary_ru', 'Подделка');
    const verifier = demoPins.find((p) => p.exhibitorId === petrochem)!.verifier;

    const otherKey = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, signingKey: signingKeyOf(polymer), changes: summary });
    const verifierAsKey = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, signingKey: verifier, changes: summary });
    const noProof = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, signingKey: null, changes: summary });
    const nobody = edit(kiosk, { table: 'projects', id: project!, changes: summary });
    // Signed for one text, sent with another.
    const tampered = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'summary_ru', 'Честно') });
    (tampered.payload as EditPayload).changes = summary;
    // A valid proof made for another mutation id (copied from a real edit onto a new one).
    const copiedProof = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: summary });
    copiedProof.id = randomUUID();
    const valid = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'title_en', 'Open laboratory') });

    const answer = await push(hub, kiosk, [otherKey, verifierAsKey, noProof, nobody, tampered, copiedProof, valid]);
    expect(brief(answer.results)).toEqual([
      ['rejected', 'proof_invalid'],
      ['rejected', 'proof_invalid'],
      ['rejected', 'unsigned'],
      ['rejected', 'unsigned'],
      ['rejected', 'proof_invalid'],
      ['rejected', 'proof_invalid'],
      ['applied', null],
    ]);
    const after = await row(hub, 'projects', project!);
    expect(after).toEqual({ ...before, title_en: 'Open laboratory' });
    // Each refusal carries the hub's row, so the kiosk shows what every other kiosk shows.
    expect(answer.results[0]?.row?.row?.summary_ru).toBe(before.summary_ru);
    // Only the proven edit is in the exhibitor's history.
    expect((await hub.store.exhibitorEdits(petrochem, 10)).map((e) => e.mutationId)).toEqual([valid.id]);
  });

  it('a replay from another kiosk is refused and applies nothing; the same kiosk repeating gets its stored answer', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const original = (await row(hub, 'projects', project!)).visiting_ru as string;
    const a = await enroll(hub, 'Hall A');
    const b = await enroll(hub, 'Hall B');

    const first = edit(a, { table: 'projects', id: project!, exhibitorId: petrochem, changes: { visiting_ru: { from: original, to: 'Только по записи' } } });
    const back = edit(a, { table: 'projects', id: project!, exhibitorId: petrochem, changes: { visiting_ru: { from: 'Только по записи', to: original } } });
    expect(brief((await push(hub, a, [first, back])).results)).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    const head = (await hub.store.meta()).headSeq;

    // The same kiosk sends the first again (its answer was lost): the stored answer, nothing applied.
    const again = await push(hub, a, [first]);
    expect(again.results).toEqual([expect.objectContaining({ id: first.id, status: 'applied', replayed: true })]);

    // Another kiosk sends the captured edit under its own order number: were it applied, the text would flip back.
    const replay: Mutation = { ...first, order: b.nextOrder++ };
    const later = edit(b, { table: 'projects', id: project!, exhibitorId: petrochem, changes: { title_ru: { from: (await row(hub, 'projects', project!)).title_ru ?? null, to: 'После повтора' } } });
    expect(brief((await push(hub, b, [replay, later])).results)).toEqual([
      ['rejected', 'replayed'],
      ['applied', null],
    ]);
    const now = await row(hub, 'projects', project!);
    expect(now.visiting_ru).toBe(original);
    expect(now.title_ru).toBe('После повтора');
    expect((await hub.store.meta()).headSeq).toBe(head + 1);
    // Repeating the refused replay gets the same refusal, from the store.
    expect((await push(hub, b, [replay])).results).toEqual([expect.objectContaining({ status: 'rejected', reason: 'replayed', replayed: true })]);
  });

  it('a junk mutation sent first under a pending edit’s id does not make the real edit look like a replay', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const a = await enroll(hub, 'Hall A');
    const b = await enroll(hub, 'Hall B');
    const real = edit(a, { table: 'projects', id: project!, exhibitorId: petrochem, changes: { summary_en: { from: (await row(hub, 'projects', project!)).summary_en ?? null, to: 'Demo at 14:00' } } });
    // Kiosk B saw the id on the LAN and sends something under it before kiosk A's push arrives.
    const junk: Mutation = { id: real.id, order: b.nextOrder++, kind: 'junk', payload: {} };
    expect(brief((await push(hub, b, [junk])).results)).toEqual([['rejected', 'unknown_kind']]);
    expect(brief((await push(hub, a, [real])).results)).toEqual([['applied', null]]);
    expect((await row(hub, 'projects', project!)).summary_en).toBe('Demo at 14:00');
    // Both kiosks' repeats are answered from their own stored answers.
    expect((await push(hub, b, [junk])).results).toEqual([expect.objectContaining({ status: 'rejected', replayed: true })]);
    expect((await push(hub, a, [real])).results).toEqual([expect.objectContaining({ status: 'applied', replayed: true })]);
  });

  it('an exhibitor cannot edit another exhibitor\u2019s project or booth entry, even with a valid proof of their own', async () => {
    const hub = await startHub({ demo });
    const [polymerProject] = await projectsOf(hub, polymer);
    const [ownProject] = await projectsOf(hub, petrochem);
    const before = await row(hub, 'projects', polymerProject!);
    const teamBefore = await row(hub, 'exhibitors', team);
    const kiosk = await enroll(hub, 'Hall A');

    const answer = await push(hub, kiosk, [
      edit(kiosk, { table: 'projects', id: polymerProject!, exhibitorId: petrochem, changes: await change(hub, 'projects', polymerProject!, 'title_ru', 'Захвачено') }),
      edit(kiosk, { table: 'exhibitors', id: team, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', team, 'about_ru', 'Захвачено') }),
      edit(kiosk, { table: 'projects', id: ownProject!, exhibitorId: petrochem, changes: await change(hub, 'projects', ownProject!, 'title_en', 'Mine') }),
    ]);
    expect(brief(answer.results)).toEqual([
      ['rejected', 'not_owner'],
      ['rejected', 'not_owner'],
      ['applied', null],
    ]);
    expect(await row(hub, 'projects', polymerProject!)).toEqual(before);
    expect(await row(hub, 'exhibitors', team)).toEqual(teamBefore);
  });

  it('fields off the whitelist (booth, region, owner) are refused, and the whole edit with them', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const exhibitorBefore = await row(hub, 'exhibitors', petrochem);
    const projectBefore = await row(hub, 'projects', project!);
    const kiosk = await enroll(hub, 'Hall A');

    const answer = await push(hub, kiosk, [
      edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'booth', 'A-1') }),
      edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'region_id', 'moscow') }),
      edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'exhibitor_id', polymer) }),
      // An allowed field riding along with a forbidden one does not get through either.
      edit(kiosk, {
        table: 'exhibitors',
        id: petrochem,
        exhibitorId: petrochem,
        changes: { ...(await change(hub, 'exhibitors', petrochem, 'today_ru', 'Сегодня дегустация')), ...(await change(hub, 'exhibitors', petrochem, 'name_ru', 'Новое имя')) },
      }),
      edit(kiosk, { table: 'regions', id: 'omsk', exhibitorId: petrochem, changes: { summary_ru: { from: null, to: 'x' } } }),
      edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'phone', '+7 3812 00-00-00') }),
    ]);
    expect(brief(answer.results)).toEqual([
      ['rejected', 'field_not_editable'],
      ['rejected', 'field_not_editable'],
      ['rejected', 'field_not_editable'],
      ['rejected', 'field_not_editable'],
      ['rejected', 'table_not_editable'],
      ['applied', null],
    ]);
    expect(await row(hub, 'exhibitors', petrochem)).toEqual({ ...exhibitorBefore, phone: '+7 3812 00-00-00' });
    expect(await row(hub, 'projects', project!)).toEqual(projectBefore);
  });

  it('values over their length limit are refused; at the limit they are accepted', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const kiosk = await enroll(hub, 'Hall A');
    const before = await row(hub, 'exhibitors', petrochem);

    const tooLong = edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'about_ru', 'я'.repeat(2001)) });
    const titleTooLong = edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'title_en', 'x'.repeat(161)) });
    const todayTooLong = edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'today_en', 'y'.repeat(141)) });
    const atLimit = edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'about_en', 'z'.repeat(2000)) });
    expect(brief((await push(hub, kiosk, [tooLong, titleTooLong, todayTooLong, atLimit])).results)).toEqual([
      ['rejected', 'too_long'],
      ['rejected', 'too_long'],
      ['rejected', 'too_long'],
      ['applied', null],
    ]);
    expect(await row(hub, 'exhibitors', petrochem)).toEqual({ ...before, about_en: 'z'.repeat(2000) });
  });

  it('markup is kept verbatim as plain text and emoji are accepted; control characters, lone surrogates and direction overrides are refused', async () => {
    const hub = await startHub({ demo });
    const [project] = await projectsOf(hub, petrochem);
    const kiosk = await enroll(hub, 'Hall A');
    const other = await enroll(hub, 'Hall B');
    const before = await row(hub, 'exhibitors', petrochem);
    const text = async (field: string, to: string) => edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, field, to) });

    const script = '<script>alert("x")</script> & <b onmouseover="steal()">жирный</b>';
    const emoji = 'Сегодня 🏭 экскурсия 👷‍♀️ в 15:00 🇷🇺';
    const answer = await push(hub, kiosk, [
      await text('about_ru', script),
      await text('today_ru', emoji),
      await text('hours_ru', 'Звонок\u0007'),
      await text('hours_en', 'nul\u0000byte'),
      await text('contact_name_ru', 'Иван \ud800 Петров'),
      await text('contact_name_en', 'trailing \udc00'),
      await text('website', 'https://example.org/\u202Egpj.exe'),
      await text('email', 'isolate\u2066@example.org'),
      edit(kiosk, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'summary_en', 'Line one\nLine two\ttabbed') }),
    ]);
    expect(brief(answer.results)).toEqual([
      ['applied', null],
      ['applied', null],
      ['rejected', 'invalid_characters'],
      ['rejected', 'invalid_characters'],
      ['rejected', 'invalid_characters'],
      ['rejected', 'invalid_characters'],
      ['rejected', 'invalid_characters'],
      ['rejected', 'invalid_characters'],
      ['applied', null],
    ]);
    expect(await row(hub, 'exhibitors', petrochem)).toEqual({ ...before, about_ru: script, today_ru: emoji });
    expect((await row(hub, 'projects', project!)).summary_en).toBe('Line one\nLine two\ttabbed');
    // What other kiosks receive is the same characters, not an escaped or cleaned form.
    const pulled = (await pullAll(hub, other)).find((c) => c.t === 'exhibitors' && c.k === JSON.stringify([petrochem]));
    expect(pulled?.row?.about_ru).toBe(script);
    expect(pulled?.row?.today_ru).toBe(emoji);
  });

  it('a PIN reset refuses edits signed with the old key; the new PIN, checked against the synced verifier, signs again', async () => {
    const hub = await startHub({ demo });
    const kiosk = await enroll(hub, 'Hall A');
    const booth = String((await row(hub, 'exhibitors', petrochem)).booth);

    const reset = await exhibitorPinCommand(hub.store, booth, '4826', hub.clock.now);
    expect(reset).toMatchObject({ exhibitorId: petrochem, pin: '4826' });
    expect(reset.lines.join('\n')).toContain('4826');

    const stale = edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'today_ru', 'Старый ключ') });
    expect(brief((await push(hub, kiosk, [stale])).results)).toEqual([['rejected', 'proof_invalid']]);

    // The kiosk learns the new verifier by pulling, checks the PIN as typed, and derives the new signing key from it.
    const pins = (await pullAll(hub, kiosk)).find((c) => c.t === 'exhibitor_pins' && c.k === JSON.stringify([petrochem]))?.row;
    expect(pins).toBeTruthy();
    const credential = { verifySalt: String(pins!.verify_salt), verifier: String(pins!.verifier), signSalt: String(pins!.sign_salt), kdf: parseKdf(String(pins!.kdf))! };
    expect(verifyPin('123456', credential)).toBeNull();
    const newKey = verifyPin('4826', credential);
    expect(newKey).not.toBeNull();
    const fresh = edit(kiosk, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, signingKey: newKey, changes: await change(hub, 'exhibitors', petrochem, 'today_ru', 'Новый ключ') });
    expect(brief((await push(hub, kiosk, [fresh])).results)).toEqual([['applied', null]]);

    // Without --pin a random 6-digit PIN; an unknown booth or a malformed PIN is refused.
    expect((await exhibitorPinCommand(hub.store, petrochem, undefined, hub.clock.now)).pin).toMatch(/^\d{6}$/);
    await expect(exhibitorPinCommand(hub.store, 'Z-99', undefined, hub.clock.now)).rejects.toThrow(CommandError);
    await expect(exhibitorPinCommand(hub.store, booth, '12ab', hub.clock.now)).rejects.toThrow(CommandError);
  });
});

describe('review by staff', () => {
  async function reviewHub() {
    const hub = await startHub({ demo });
    await reviewCommand(hub.store, 'on');
    expect(await hub.store.getSetting('review_edits')).toBe('1');
    return hub;
  }

  it('an edit waits: visitors keep the old row; approval applies it and kiosks pull the row and the decision', async () => {
    const hub = await reviewHub();
    const [project] = await projectsOf(hub, petrochem);
    const before = await row(hub, 'projects', project!);
    const a = await enroll(hub, 'Hall A');
    const b = await enroll(hub, 'Hall B');

    const waiting = edit(a, { table: 'projects', id: project!, exhibitorId: petrochem, changes: await change(hub, 'projects', project!, 'summary_ru', 'Ждёт проверки') });
    const answer = await push(hub, a, [waiting]);
    expect(brief(answer.results)).toEqual([['review', null]]);
    expect(await row(hub, 'projects', project!)).toEqual(before);
    expect(await pullAll(hub, b)).toEqual([]);

    const queue = await hub.store.pendingReviews(10);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      mutationId: waiting.id,
      exhibitorId: petrochem,
      exhibitorName: 'Прииртышский нефтехимический комбинат',
      booth: (await row(hub, 'exhibitors', petrochem)).booth,
      sourceName: 'Hall A',
      status: 'review',
      current: before,
    });

    const decided = await hub.store.decideReview(waiting.id, { approve: true, reason: '', by: 'anna' }, approveEdit, hub.clock.now);
    expect(decided).toMatchObject({ ok: true, edit: { status: 'approved', decidedBy: 'anna', decidedAt: hub.clock.now }, review: { status: 'approved' } });
    expect((await row(hub, 'projects', project!)).summary_ru).toBe('Ждёт проверки');
    expect(await hub.store.pendingReviews(10)).toEqual([]);

    const pulled = await pullAll(hub, b);
    expect(pulled.map((c) => c.t).sort()).toEqual(['edit_reviews', 'projects']);
    expect(pulled.find((c) => c.t === 'edit_reviews')?.row).toEqual({ mutation_id: waiting.id, exhibitor_id: petrochem, status: 'approved', reason: '', decided_at: hub.clock.now });
    expect(pulled.find((c) => c.t === 'projects')?.row?.summary_ru).toBe('Ждёт проверки');

    // Deciding again changes nothing, whichever way.
    const head = (await hub.store.meta()).headSeq;
    expect(await hub.store.decideReview(waiting.id, { approve: false, reason: 'поздно', by: 'boris' }, approveEdit, hub.clock.now)).toEqual({ ok: false, error: 'already_decided' });
    expect(await hub.store.decideReview(waiting.id, { approve: true, reason: '', by: 'boris' }, approveEdit, hub.clock.now)).toEqual({ ok: false, error: 'already_decided' });
    expect(await hub.store.decideReview('no-such-edit', { approve: true, reason: '', by: 'boris' }, approveEdit, hub.clock.now)).toEqual({ ok: false, error: 'not_found' });
    expect((await hub.store.meta()).headSeq).toBe(head);
    // The kiosk that sent it repeating the push still gets its stored answer.
    expect((await push(hub, a, [waiting])).results).toEqual([expect.objectContaining({ status: 'review', replayed: true })]);
  });

  it('a rejection needs a reason (one line, at most 500 characters) and reaches kiosks with it; the row stays', async () => {
    const hub = await reviewHub();
    const a = await enroll(hub, 'Hall A');
    const before = await row(hub, 'exhibitors', polymer);
    const waiting = edit(a, { table: 'exhibitors', id: polymer, exhibitorId: polymer, changes: await change(hub, 'exhibitors', polymer, 'about_ru', 'Лучшие в мире!!!') });
    expect(brief((await push(hub, a, [waiting])).results)).toEqual([['review', null]]);

    const reject = (reason: string) => hub.store.decideReview(waiting.id, { approve: false, reason, by: 'anna' }, approveEdit, hub.clock.now);
    expect(await reject('   ')).toEqual({ ok: false, error: 'reason_required' });
    expect(await reject('a'.repeat(501))).toEqual({ ok: false, error: 'reason_too_long' });
    expect(await reject('первая строка\nвторая')).toEqual({ ok: false, error: 'invalid_characters' });
    expect(await reject('\u202Eнадпись')).toEqual({ ok: false, error: 'invalid_characters' });
    expect(await hub.store.pendingReviews(10)).toHaveLength(1);

    const reason = 'Без превосходных степеней, пожалуйста <b>спасибо</b>';
    expect(await reject(reason)).toMatchObject({ ok: true, edit: { status: 'review_rejected', reason }, review: { status: 'rejected', reason } });
    expect(await row(hub, 'exhibitors', polymer)).toEqual(before);
    const pulled = await pullAll(hub, a);
    expect(pulled.map((c) => [c.t, c.row])).toEqual([['edit_reviews', { mutation_id: waiting.id, exhibitor_id: polymer, status: 'rejected', reason, decided_at: hub.clock.now }]]);
    expect((await hub.store.exhibitorEdits(polymer, 5))[0]).toMatchObject({ status: 'review_rejected', reason, decidedBy: 'anna' });
  });

  it('approving after the field changed meanwhile is a conflict: nothing applied, the kiosk learns "conflict"; a partly clashing edit applies the rest', async () => {
    const hub = await reviewHub();
    const [project] = await projectsOf(hub, petrochem);
    const a = await enroll(hub, 'Hall A');
    const b = await enroll(hub, 'Hall B');
    const base = await row(hub, 'projects', project!);

    // Two kiosks edit the same field from the same base while both wait for review.
    const first = edit(a, { table: 'projects', id: project!, exhibitorId: petrochem, changes: { title_ru: { from: base.title_ru ?? null, to: 'Вариант А' } } });
    const second = edit(b, { table: 'projects', id: project!, exhibitorId: petrochem, changes: { title_ru: { from: base.title_ru ?? null, to: 'Вариант Б' } } });
    const both = edit(b, {
      table: 'projects',
      id: project!,
      exhibitorId: petrochem,
      changes: { title_ru: { from: base.title_ru ?? null, to: 'Вариант В' }, visiting_en: { from: base.visiting_en ?? null, to: 'Weekdays' } },
    });
    await push(hub, a, [first]);
    await push(hub, b, [second, both]);
    expect((await hub.store.pendingReviews(10)).map((r) => r.mutationId)).toEqual([first.id, second.id, both.id]);

    expect(await hub.store.decideReview(first.id, { approve: true, reason: '', by: 'anna' }, approveEdit, hub.clock.now)).toMatchObject({ ok: true, edit: { status: 'approved' } });
    const clash = await hub.store.decideReview(second.id, { approve: true, reason: '', by: 'anna' }, approveEdit, hub.clock.now);
    expect(clash).toMatchObject({
      ok: true,
      edit: { status: 'conflict', conflicts: [{ field: 'title_ru', base: base.title_ru, hub: 'Вариант А', kiosk: 'Вариант Б' }] },
      review: { status: 'rejected', reason: 'conflict' },
    });
    expect((await row(hub, 'projects', project!)).title_ru).toBe('Вариант А');
    expect((await hub.store.listConflicts(5))[0]).toMatchObject({ deviceId: b.id, mutationId: second.id, field: 'title_ru', hub: 'Вариант А', kiosk: 'Вариант Б' });

    const partly = await hub.store.decideReview(both.id, { approve: true, reason: '', by: 'anna' }, approveEdit, hub.clock.now);
    expect(partly).toMatchObject({ ok: true, edit: { status: 'conflict' }, review: { status: 'approved' } });
    expect(await row(hub, 'projects', project!)).toEqual({ ...base, title_ru: 'Вариант А', visiting_en: 'Weekdays' });

    const decisions = (await pullAll(hub, a)).filter((c) => c.t === 'edit_reviews').map((c) => [c.row?.mutation_id, c.row?.status, c.row?.reason]);
    expect(decisions).toEqual([
      [first.id, 'approved', ''],
      [second.id, 'rejected', 'conflict'],
      [both.id, 'approved', ''],
    ]);
  });

  it('approval checks the row again: one given to another exhibitor or deleted meanwhile is refused', async () => {
    const hub = await reviewHub();
    const [moved, removed] = await projectsOf(hub, petrochem);
    const a = await enroll(hub, 'Hall A');
    const toMoved = edit(a, { table: 'projects', id: moved!, exhibitorId: petrochem, changes: await change(hub, 'projects', moved!, 'summary_en', 'Ours still?') });
    const toRemoved = edit(a, { table: 'projects', id: removed!, exhibitorId: petrochem, changes: await change(hub, 'projects', removed!, 'summary_en', 'Gone?') });
    await push(hub, a, [toMoved, toRemoved]);

    // Meanwhile an import hands one project to another exhibitor and deletes the other.
    const movedRow = await row(hub, 'projects', moved!);
    await hub.store.writeRecords(
      [
        { table: 'projects', key: JSON.stringify([moved]), row: { ...movedRow, exhibitor_id: polymer } },
        { table: 'projects', key: JSON.stringify([removed]), row: null },
      ],
      hub.clock.now,
    );
    expect(await hub.store.decideReview(toMoved.id, { approve: true, reason: '', by: 'anna' }, approveEdit, hub.clock.now)).toMatchObject({
      ok: true,
      edit: { status: 'rejected', reason: 'not_owner' },
      review: { status: 'rejected', reason: 'not_owner' },
    });
    expect(await hub.store.decideReview(toRemoved.id, { approve: true, reason: '', by: 'anna' }, approveEdit, hub.clock.now)).toMatchObject({
      ok: true,
      edit: { status: 'rejected', reason: 'deleted' },
      review: { status: 'rejected', reason: 'deleted' },
    });
    expect((await row(hub, 'projects', moved!)).summary_en).toBe(movedRow.summary_en);
  });

  it('refused edits never enter the queue; review off again lets edits through at once, while waiting ones stay queued', async () => {
    const hub = await reviewHub();
    const a = await enroll(hub, 'Hall A');
    const answer = await push(hub, a, [
      edit(a, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, signingKey: signingKeyOf(polymer), changes: await change(hub, 'exhibitors', petrochem, 'today_ru', 'x') }),
      edit(a, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'booth', 'A-1') }),
      edit(a, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'today_ru', 'Ждёт') }),
    ]);
    expect(brief(answer.results)).toEqual([
      ['rejected', 'proof_invalid'],
      ['rejected', 'field_not_editable'],
      ['review', null],
    ]);
    expect(await hub.store.pendingReviews(10)).toHaveLength(1);

    const off = await reviewCommand(hub.store, 'off');
    expect(off.lines.join('\n')).toMatch(/1 edit\(s\) already waiting/);
    const direct = edit(a, { table: 'exhibitors', id: petrochem, exhibitorId: petrochem, changes: await change(hub, 'exhibitors', petrochem, 'hours_ru', '9–17') });
    expect(brief((await push(hub, a, [direct])).results)).toEqual([['applied', null]]);
    expect(await hub.store.pendingReviews(10)).toHaveLength(1);
    await expect(reviewCommand(hub.store, 'maybe')).rejects.toThrow(CommandError);
  });
});
