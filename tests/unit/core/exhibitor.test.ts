// The exhibitor screens' calls on the kiosk core: login against synced verifiers with growing delays that survive a
// restart, editing only one's own rows, signed edits in the outbox, and where each edit stands.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPin, demoPins } from '../../../db/demo/pins';
import { proofIsValid } from '../../../electron/core/auth/pin';
import { exhibitorSessionIdleMs } from '../../../electron/core/handlers/exhibitor';
import { createKioskCore, type KioskCore } from '../../../electron/core/kiosk-core';
import type { EditableItem, EditRecord, ExhibitorEntry, KioskError, Result } from '../../../electron/shared/contract';
import { editPayload, signedPart } from '../../../electron/shared/sync-protocol';

const dirs: string[] = [];
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-exhibitor-'));
  dirs.push(dir);
  return join(dir, 'data');
}

/** A kiosk core whose clock the test moves. */
function start(dir: string, clock: { now: number }): KioskCore {
  const core = createKioskCore({ dataDir: dir, appVersion: '1.0.0', now: () => new Date(clock.now) });
  cores.push(core);
  return core;
}

async function call<T>(core: KioskCore, name: string, input: unknown = {}): Promise<Result<T>> {
  return (await core.dispatch(name, input)) as Result<T>;
}
async function value<T>(core: KioskCore, name: string, input: unknown = {}): Promise<T> {
  const result = await call<T>(core, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
async function failure(core: KioskCore, name: string, input: unknown = {}): Promise<KioskError> {
  const result = await call(core, name, input);
  if (result.ok) throw new Error(`${name} succeeded`);
  return result.error;
}

const team = demoPins[0]!.exhibitorId;
const petrochem = demoPins[1]!.exhibitorId;
const polymer = demoPins[2]!.exhibitorId;
const boothOf = (core: KioskCore, id: string) => (core.db.prepare('SELECT booth FROM exhibitors WHERE id = ?').get(id) as { booth: string }).booth;
const projectOf = (core: KioskCore, exhibitorId: string) =>
  (core.db.prepare('SELECT id FROM projects WHERE exhibitor_id = ? AND deleted = 0 ORDER BY id LIMIT 1').get(exhibitorId) as { id: string }).id;

describe('exhibitor login at the kiosk', () => {
  it('accepts the booth number (any case, with or without the dash) or the exhibitor id with the right PIN', async () => {
    const clock = { now: Date.parse('2026-12-03T09:55:00+06:00') };
    const core = start(dataDir(), clock);
    const booth = boothOf(core, team);
    const session = await value<{ exhibitorId: string; booth: string }>(core, 'exhibitor.login', { login: booth.toLowerCase().replace('-', ''), pin: demoPin });
    expect(session).toMatchObject({ exhibitorId: team, booth });
    expect(await value(core, 'exhibitor.session')).toMatchObject({ exhibitorId: team });
    await value(core, 'exhibitor.logout');
    expect(await value(core, 'exhibitor.session')).toBeNull();
    expect(await value(core, 'exhibitor.login', { login: petrochem, pin: demoPin })).toMatchObject({ exhibitorId: petrochem });
  });

  it('answers a wrong PIN, an unknown booth and an exhibitor without a PIN the same way', async () => {
    const core = start(dataDir(), { now: Date.parse('2026-12-03T10:00:00+06:00') });
    const withoutPin = (core.db.prepare('SELECT id FROM exhibitors WHERE id NOT IN (SELECT exhibitor_id FROM exhibitor_pins) LIMIT 1').get() as { id: string }).id;
    for (const login of [team, 'Z-999', withoutPin]) {
      expect(await failure(core, 'exhibitor.login', { login, pin: '000000' })).toMatchObject({ code: 'unauthorized', message: 'The booth number or the PIN is wrong.' });
    }
    expect(await failure(core, 'exhibitor.login', { login: team, pin: 'abc' })).toMatchObject({ code: 'unauthorized' });
    expect(await failure(core, 'exhibitor.entry')).toMatchObject({ code: 'unauthorized' });
  });

  it('makes each wrong PIN after the third wait longer, across a restart and a clock set back, but never locks the exhibitor out', async () => {
    const dir = dataDir();
    const clock = { now: Date.parse('2026-12-03T10:00:00+06:00') };
    let core = start(dir, clock);
    for (let i = 0; i < 2; i++) expect(await failure(core, 'exhibitor.login', { login: team, pin: '111111' })).not.toHaveProperty('retryAfterSeconds');
    const third = await failure(core, 'exhibitor.login', { login: team, pin: '111111' });
    expect(third).toMatchObject({ code: 'unauthorized', retryAfterSeconds: 30 });
    // Even the right PIN waits now.
    expect(await failure(core, 'exhibitor.login', { login: team, pin: demoPin })).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });

    await core.close();
    cores.splice(cores.indexOf(core), 1);
    clock.now += 10_000;
    core = start(dir, clock);
    expect(await failure(core, 'exhibitor.login', { login: team, pin: demoPin })).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 20 });
    // Another exhibitor is not held up by someone guessing this one's PIN.
    expect(await value(core, 'exhibitor.login', { login: petrochem, pin: demoPin })).toMatchObject({ exhibitorId: petrochem });

    // A clock set back an hour cannot stretch the wait beyond the delay itself.
    clock.now -= 3_600_000;
    const back = await failure(core, 'exhibitor.login', { login: team, pin: demoPin });
    expect(back.retryAfterSeconds).toBeLessThanOrEqual(30);

    clock.now += 3_600_000 + 30_000;
    expect(await value(core, 'exhibitor.login', { login: team, pin: demoPin })).toMatchObject({ exhibitorId: team });
    expect(core.db.prepare('SELECT count(*) AS n FROM pin_attempts').get()).toEqual({ n: 0 });
  });

  it('ends the session after idle minutes and when the screen returns to its attract loop', async () => {
    const clock = { now: Date.parse('2026-12-03T11:00:00+06:00') };
    const core = start(dataDir(), clock);
    await value(core, 'exhibitor.login', { login: team, pin: demoPin });
    clock.now += exhibitorSessionIdleMs + 1;
    expect(await value(core, 'exhibitor.session')).toBeNull();
    await value(core, 'exhibitor.login', { login: team, pin: demoPin });
    await value(core, 'kiosk.activity', { activity: 'attract' });
    expect(await failure(core, 'exhibitor.entry')).toMatchObject({ code: 'unauthorized' });
  });

  it('ends the session when a sync brings a new PIN for the exhibitor (a reset at the hub)', async () => {
    const core = start(dataDir(), { now: Date.parse('2026-12-03T11:00:00+06:00') });
    await value(core, 'exhibitor.login', { login: team, pin: demoPin });
    const afterSyncPage = () => (core.sync as unknown as { options: { onCatalogChanged(dataAsOf: string): void } }).options.onCatalogChanged('');
    afterSyncPage();
    expect(await value(core, 'exhibitor.session')).toMatchObject({ exhibitorId: team });
    core.db.prepare("UPDATE exhibitor_pins SET verifier = 'changed-at-the-hub' WHERE exhibitor_id = ?").run(team);
    afterSyncPage();
    expect(await value(core, 'exhibitor.session')).toBeNull();
  });
});

describe('exhibitor edits at the kiosk', () => {
  it('lists only the exhibitor’s own booth entry and projects, with field limits', async () => {
    const core = start(dataDir(), { now: Date.parse('2026-12-03T11:00:00+06:00') });
    await value(core, 'exhibitor.login', { login: petrochem, pin: demoPin });
    const entry = await value<ExhibitorEntry>(core, 'exhibitor.entry');
    expect(entry.items[0]).toMatchObject({ target: 'exhibitor', id: petrochem });
    const own = core.db.prepare('SELECT id FROM projects WHERE exhibitor_id = ? AND deleted = 0').all(petrochem) as { id: string }[];
    expect(entry.items.filter((i) => i.target === 'project').map((i) => i.id).sort()).toEqual(own.map((p) => p.id).sort());
    const fields = entry.items[0]!.fields.map((f) => f.name);
    expect(fields).toContain('today_ru');
    expect(fields).not.toContain('booth');
    expect(fields).not.toContain('region_id');
    const project = entry.items.find((i) => i.target === 'project') as EditableItem;
    expect(project.fields.find((f) => f.name === 'summary_ru')).toEqual({ name: 'summary_ru', kind: 'text', maxLength: 400, multiline: true });
    expect(project.fields.find((f) => f.name === 'title_ru')).toEqual({ name: 'title_ru', kind: 'text', maxLength: 160, multiline: false });
    expect(project.photos.length).toBeGreaterThan(0);
  });

  it('saves an edit here at once, signed for the hub, and shows visitors the new text', async () => {
    const core = start(dataDir(), { now: Date.parse('2026-12-03T09:55:00+06:00') });
    await value(core, 'exhibitor.login', { login: boothOf(core, polymer), pin: demoPin });
    const id = projectOf(core, polymer);
    const record = await value<EditRecord>(core, 'exhibitor.save', { target: 'project', id, values: { summary_ru: '  Демонстрация в 14:00 у нашего стенда\r\n' } });
    expect(record).toMatchObject({ state: 'saved', target: 'project', targetId: id, changes: [{ field: 'summary_ru', to: 'Демонстрация в 14:00 у нашего стенда' }] });
    const visitor = await value<{ summary: { ru: string } }>(core, 'projects.get', { id });
    expect(visitor.summary.ru).toBe('Демонстрация в 14:00 у нашего стенда');

    const row = core.db.prepare('SELECT id, payload, exhibitor_id FROM outbox').get() as { id: string; payload: string; exhibitor_id: string };
    expect(row.exhibitor_id).toBe(polymer);
    const payload = editPayload.parse(JSON.parse(row.payload));
    const signingKey = demoPins[2]!.signingKey;
    expect(proofIsValid(signingKey, { mutationId: row.id, exhibitorId: polymer, kind: 'edit', payload: signedPart(payload) }, payload.proof ?? '')).toBe(true);
    // Neither the PIN nor the signing key is written anywhere on the kiosk.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(core.dataDir, 'kiosk.db')).toString('latin1');
    expect(file).not.toContain(signingKey);

    const cover = (await value<ExhibitorEntry>(core, 'exhibitor.entry')).items.find((i) => i.id === id) as EditableItem;
    const photo = cover.photos.at(-1)!.sha256;
    expect(await value<EditRecord>(core, 'exhibitor.save', { target: 'project', id, values: { cover_sha256: photo, hidden: 1 } })).toMatchObject({ state: 'saved' });
    expect(await failure(core, 'projects.get', { id })).toMatchObject({ code: 'not_found' });
    const edits = await value<EditRecord[]>(core, 'exhibitor.edits');
    expect(edits.map((e) => e.state)).toEqual(['saved', 'saved']);
  });

  it('refuses bad values with a reason per field and saves nothing of them', async () => {
    const core = start(dataDir(), { now: Date.parse('2026-12-03T10:00:00+06:00') });
    await value(core, 'exhibitor.login', { login: polymer, pin: demoPin });
    const id = projectOf(core, polymer);
    const before = core.db.prepare('SELECT * FROM projects WHERE id = ?').get(id);
    const cases: [Record<string, unknown>, string][] = [
      [{ summary_ru: 'я'.repeat(401) }, 'too_long'],
      [{ summary_en: 'bell\u0007' }, 'invalid_characters'],
      [{ summary_en: 'lone \ud800 surrogate' }, 'invalid_characters'],
      [{ title_en: 'evil\u202Etxt.exe' }, 'invalid_characters'],
      [{ region_id: 'moscow' }, 'field_not_editable'],
      [{ cover_sha256: 'f'.repeat(64) }, 'unknown_media'],
      [{ hidden: 'yes' }, 'invalid_input'],
    ];
    for (const [values, problem] of cases) {
      const error = await failure(core, 'exhibitor.save', { target: 'project', id, values });
      expect(error.code, JSON.stringify(values)).toBe('invalid_input');
      if (problem !== 'invalid_input') expect(error.issues).toEqual([{ path: Object.keys(values)[0], message: problem }]);
    }
    expect(await failure(core, 'exhibitor.save', { target: 'exhibitor', id: polymer, values: { booth: 'A-1' } })).toMatchObject({ issues: [{ path: 'booth', message: 'field_not_editable' }] });
    expect(await failure(core, 'exhibitor.save', { target: 'exhibitor', id: team, values: { today_en: 'not mine' } })).toMatchObject({ code: 'unauthorized' });
    // Someone else's project: refused as not theirs.
    expect(await failure(core, 'exhibitor.save', { target: 'project', id: projectOf(core, petrochem), values: { summary_en: 'mine now' } })).toMatchObject({ code: 'unauthorized' });
    expect(core.db.prepare('SELECT * FROM projects WHERE id = ?').get(id)).toEqual(before);
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });

    // Markup and emoji are text like any other: saved as typed.
    const markup = '<script>alert(1)</script> 🚀 <b>завод</b>';
    await value(core, 'exhibitor.save', { target: 'exhibitor', id: polymer, values: { today_ru: markup } });
    expect(core.db.prepare('SELECT today_ru FROM exhibitors WHERE id = ?').get(polymer)).toEqual({ today_ru: markup });
  });

  it('tells the exhibitor what became of each edit: published, rejected with the reason, conflict, waiting for review, approved', async () => {
    const core = start(dataDir(), { now: Date.parse('2026-12-03T10:00:00+06:00') });
    await value(core, 'exhibitor.login', { login: polymer, pin: demoPin });
    const id = projectOf(core, polymer);
    const saves: EditRecord[] = [];
    for (const text of ['one', 'two', 'three', 'four', 'five']) saves.push(await value<EditRecord>(core, 'exhibitor.save', { target: 'project', id, values: { summary_en: text } }));
    const answer = (i: number, status: string, extra: Record<string, unknown> = {}) => {
      const { id: mutationId } = saves[i]!;
      const order = (core.db.prepare('SELECT order_no FROM outbox WHERE id = ?').get(mutationId) as { order_no: number }).order_no;
      core.db.prepare('UPDATE outbox SET status = ?, result = ? WHERE id = ?').run(status, JSON.stringify({ id: mutationId, order, status, ...extra }), mutationId);
    };
    answer(0, 'applied');
    answer(1, 'rejected', { reason: 'too_long' });
    answer(2, 'conflict', { conflicts: [{ field: 'summary_en', base: 'one', hub: 'from the hub', kiosk: 'three' }] });
    answer(3, 'review');
    answer(4, 'review');
    core.db
      .prepare("INSERT INTO edit_reviews (mutation_id, exhibitor_id, status, reason, decided_at) VALUES (?, ?, 'rejected', 'Please write in full sentences', 1)")
      .run(saves[4]!.id, polymer);
    const edits = await value<EditRecord[]>(core, 'exhibitor.edits');
    expect(edits.map((e) => [e.state, e.reason])).toEqual([
      ['rejected', 'Please write in full sentences'],
      ['review', ''],
      ['conflict', ''],
      ['rejected', 'too_long'],
      ['published', ''],
    ]);
    expect(edits[2]!.conflicts).toEqual([{ field: 'summary_en', hub: 'from the hub', mine: 'three' }]);
    core.db.prepare("INSERT INTO edit_reviews (mutation_id, exhibitor_id, status, reason, decided_at) VALUES (?, ?, 'approved', '', 2)").run(saves[3]!.id, polymer);
    expect((await value<EditRecord[]>(core, 'exhibitor.edits'))[1]!.state).toBe('approved');
    // Another exhibitor sees none of these.
    await value(core, 'exhibitor.login', { login: petrochem, pin: demoPin });
    expect(await value<EditRecord[]>(core, 'exhibitor.edits')).toEqual([]);
  });
});
