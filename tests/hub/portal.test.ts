// The exhibitor portal on a real hub (loopback, its own SQLite store, the demo forum with its demo PINs): login and
// its growing delays, the session cookie and CSRF header, the exhibitor's own rows, saving through the hub's rules,
// and photo upload (re-encoded by sharp; huge and false images refused with nothing written).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import Fastify from 'fastify';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPin } from '../../db/demo/pins';
import { editableFields } from '../../db/sync-tables';
import type { CallOutput, EditRecord, ExhibitorEntry, ExhibitorStats, KioskError, MediaRef } from '../../electron/shared/contract';
import { setExhibitorPin } from '../../hub/exhibitors';
import { registerPortal } from '../../hub/portal/index';
import { findPortalDir, portalPolicy } from '../../hub/portal/page';
import { idleLimitMs } from '../../hub/portal/sessions';
import { createPortalClient } from '../../renderer/src/portal/api';
import { cleanUp, demoAuthor, editableDemo, hubRow, kioskValue, startHub, startKiosk, tempDir, type TestHub } from '../sync/harness';
import { maxProjectPhotos } from '../../hub/portal/photos';

afterEach(cleanUp);

type Answer<T> = { status: number; body: { ok: true; value: T } | { ok: false; error: KioskError }; headers: Headers; cookies: string[] };

/** A browser as the portal sees it: one cookie jar (the session cookie) and the page's copy of the CSRF token. */
class Browser {
  cookie = '';
  csrf = '';
  constructor(readonly hub: { url: string }) {}

  private remember(response: Response): string[] {
    const cookies = response.headers.getSetCookie();
    for (const line of cookies) {
      const value = /^portal_session=([^;]*)/.exec(line)?.[1];
      if (value !== undefined) this.cookie = value === '' ? '' : `portal_session=${value}`;
    }
    const token = response.headers.get('x-portal-csrf');
    if (token) this.csrf = token;
    return cookies;
  }

  private headers(extra: Record<string, string | null>): Record<string, string> {
    const headers: Record<string, string> = { 'x-portal-csrf': this.csrf || 'page', ...(this.cookie ? { cookie: this.cookie } : {}) };
    for (const [name, value] of Object.entries(extra)) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    return headers;
  }

  async call<N extends string>(name: N, input: unknown = {}, extra: Record<string, string | null> = {}): Promise<Answer<N extends keyof CallMap ? CallMap[N] : unknown>> {
    const response = await fetch(`${this.hub.url}/portal/api/call/${name}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', ...extra }),
      body: typeof input === 'string' ? input : JSON.stringify(input),
    });
    const cookies = this.remember(response);
    return { status: response.status, body: (await response.json()) as never, headers: response.headers, cookies };
  }

  async login(login = 'omsk-team', pin = demoPin) {
    return this.call('exhibitor.login', { login, pin });
  }

  async upload(projectId: string, bytes: Uint8Array, type = 'image/jpeg', extra: Record<string, string | null> = {}): Promise<Answer<MediaRef>> {
    const response = await fetch(`${this.hub.url}/portal/api/photo?projectId=${encodeURIComponent(projectId)}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': type, ...extra }),
      body: bytes,
    });
    const cookies = this.remember(response);
    return { status: response.status, body: (await response.json()) as never, headers: response.headers, cookies };
  }
}

type CallMap = {
  'exhibitor.login': CallOutput<'exhibitor.login'>;
  'exhibitor.session': CallOutput<'exhibitor.session'>;
  'exhibitor.logout': null;
  'exhibitor.entry': ExhibitorEntry;
  'exhibitor.save': EditRecord;
  'exhibitor.edits': EditRecord[];
  'exhibitor.stats': ExhibitorStats;
};

function value<T>(answer: Answer<T>): T {
  if (!answer.body.ok) throw new Error(`Expected ok, got ${answer.status} ${JSON.stringify(answer.body.error)}`);
  return answer.body.value;
}
function error<T>(answer: Answer<T>): KioskError {
  if (answer.body.ok) throw new Error(`Expected an error, got ${JSON.stringify(answer.body.value)}`);
  return answer.body.error;
}

/** Everything a failed request could have left behind: catalog rows, media rows, media files, the edit log. */
async function footprint(hub: TestHub) {
  const files = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? files(join(dir, e.name)) : 1), 0);
  const count = (sql: string) => (hub.store.db.prepare(sql).get() as { n: number }).n;
  return {
    headSeq: (await hub.store.meta()).headSeq,
    mediaRows: count('SELECT count(*) AS n FROM media_files'),
    mediaFiles: files(join(hub.dir, 'media')),
    edits: count('SELECT count(*) AS n FROM exhibitor_edits'),
  };
}

/** The demo projects of the demo PIN exhibitors (editableDemo: omsk-polymer has 1, omsk-petrochem 2). */
async function projectsOf(hub: TestHub, exhibitorId: string): Promise<string[]> {
  return (await hub.store.listRecords('projects')).filter((r) => r.row?.exhibitor_id === exhibitorId).map((r) => String(r.row?.id));
}

describe('portal login', () => {
  it('refuses a wrong PIN or an unknown booth, and logs in by exhibitor id or booth number with the right PIN', async () => {
    const hub = await startHub();
    const browser = new Browser(hub);
    const wrong = await browser.login('omsk-team', '654321');
    expect(wrong.status).toBe(401);
    expect(error(wrong).code).toBe('unauthorized');
    expect(wrong.cookies).toEqual([]);
    expect(error(await browser.login('no-such-booth', demoPin)).code).toBe('unauthorized');
    expect(error(await browser.login('omsk-team', 'abc')).code).toBe('unauthorized');

    const right = await browser.login('omsk-team', demoPin);
    expect(right.status).toBe(200);
    const session = value(right);
    expect(session.exhibitorId).toBe('omsk-team');
    const row = await hubRow(hub, 'exhibitors', 'omsk-team');
    expect(session.booth).toBe(row?.booth);
    expect(session.name).toEqual({ ru: row?.name_ru, en: row?.name_en });
    expect(browser.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value(await browser.call('exhibitor.session'))?.exhibitorId).toBe('omsk-team');

    const byBooth = new Browser(hub);
    expect(value(await byBooth.login(` ${String(row?.booth).toLowerCase()} `, demoPin)).exhibitorId).toBe('omsk-team');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie for /portal only, Secure behind a TLS proxy on the same machine', async () => {
    const hub = await startHub();
    const plain = await new Browser(hub).login();
    expect(plain.cookies).toHaveLength(1);
    const cookie = plain.cookies[0] ?? '';
    expect(cookie).toMatch(/^portal_session=[A-Za-z0-9_-]{43}; /);
    const attributes = cookie.split(';').slice(1).map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(['Path=/portal', 'HttpOnly', 'SameSite=Strict']));
    expect(attributes).not.toContain('Secure');
    expect(attributes.some((a) => /^(Max-Age|Expires)=/i.test(a))).toBe(false);
    // The session id is not the CSRF token and not the same twice.
    const again = await new Browser(hub).login();
    expect(again.cookies[0]).not.toBe(cookie);

    const tls = await new Browser(hub).call('exhibitor.login', { login: 'omsk-team', pin: demoPin }, { 'x-forwarded-proto': 'https' });
    expect(tls.cookies[0]?.split(';').map((a) => a.trim())).toContain('Secure');
  });

  it('ends a session after 30 minutes without a call, keeps it while used, and on logout', async () => {
    const hub = await startHub();
    const browser = new Browser(hub);
    value(await browser.login());
    hub.clock.now += idleLimitMs - 60_000;
    value(await browser.call('exhibitor.entry'));
    hub.clock.now += idleLimitMs - 60_000;
    value(await browser.call('exhibitor.entry'));
    hub.clock.now += idleLimitMs + 1;
    const expired = await browser.call('exhibitor.entry');
    expect(expired.status).toBe(401);
    expect(error(expired).code).toBe('unauthorized');
    expect(value(await browser.call('exhibitor.session'))).toBeNull();

    value(await browser.login());
    const cookie = browser.cookie;
    const out = await browser.call('exhibitor.logout');
    expect(value(out)).toBeNull();
    expect(out.cookies[0]).toMatch(/^portal_session=; .*Max-Age=0/);
    // The old cookie no longer opens anything, even if a browser kept it.
    browser.cookie = cookie;
    expect(error(await browser.call('exhibitor.entry')).code).toBe('unauthorized');
  });

  it('ends the exhibitor\u2019s sessions when staff set a new PIN', async () => {
    const hub = await startHub();
    const browser = new Browser(hub);
    const other = new Browser(hub);
    value(await browser.login('omsk-team'));
    value(await other.login('omsk-polymer'));
    await setExhibitorPin(hub.store, 'omsk-team', '246810', hub.clock.now);
    expect(error(await browser.call('exhibitor.entry')).code).toBe('unauthorized');
    expect(value(await browser.call('exhibitor.session'))).toBeNull();
    value(await other.call('exhibitor.entry'));
    expect(error(await browser.login('omsk-team', demoPin)).code).toBe('unauthorized');
    value(await browser.login('omsk-team', '246810'));
    value(await browser.call('exhibitor.entry'));
  });

  it('makes an exhibitor wait longer after each wrong PIN beyond three, and the wait survives a hub restart', async () => {
    let hub = await startHub();
    const start = hub.clock.now;
    const browser = new Browser(hub);
    const booth = String((await hubRow(hub, 'exhibitors', 'omsk-petrochem'))?.booth);
    // Wrong PINs by id and by booth number count for the same exhibitor.
    expect(error(await browser.login('omsk-petrochem', '000001')).retryAfterSeconds).toBeUndefined();
    expect(error(await browser.login(booth, '000002')).retryAfterSeconds).toBeUndefined();
    const third = error(await browser.login('omsk-petrochem', '000003'));
    expect(third).toMatchObject({ code: 'unauthorized', retryAfterSeconds: 30 });

    // Now even the right PIN waits.
    const waiting = await browser.login('omsk-petrochem', demoPin);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('30');
    expect(error(waiting)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    // Other exhibitors are not held up.
    value(await new Browser(hub).login('omsk-polymer', demoPin));

    // A restart forgets sessions but not the wait (kept in the hub's SQLite store).
    await hub.close();
    hub = await startHub({ dir: hub.dir });
    hub.clock.now = start + 10_000;
    const again = new Browser(hub);
    expect(error(await again.login('omsk-petrochem', demoPin))).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 20 });

    // After the wait, one more wrong PIN doubles it.
    hub.clock.now = start + 30_000;
    expect(error(await again.login('omsk-petrochem', '000004'))).toMatchObject({ code: 'unauthorized', retryAfterSeconds: 60 });
    hub.clock.now = start + 30_000 + 59_000;
    expect(error(await again.login('omsk-petrochem', demoPin))).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    hub.clock.now = start + 30_000 + 60_000;
    value(await again.login('omsk-petrochem', demoPin));
    // A login that works starts the count again.
    expect(error(await again.login('omsk-petrochem', '000005')).retryAfterSeconds).toBeUndefined();
    expect(await hub.store.loginAttempts('portal:omsk-petrochem')).toEqual({ failures: 1, waitUntil: hub.clock.now });
  });

  it('takes wrong PINs sent in parallel one at a time, so the free attempts cannot be multiplied', async () => {
    const hub = await startHub();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => new Browser(hub).login('omsk-polymer', `11111${i}`)));
    const codes = answers.map((a) => error(a).code);
    expect(codes.filter((c) => c === 'unauthorized')).toHaveLength(3);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(5);
    expect((await hub.store.loginAttempts('portal:omsk-polymer')).failures).toBe(3);
  });
});

describe('portal requests from other pages', () => {
  it('requires the CSRF header on every POST and the session token for everything after login', async () => {
    const hub = await startHub();
    const browser = new Browser(hub);
    const bare = await browser.call('exhibitor.login', { login: 'omsk-team', pin: demoPin }, { 'x-portal-csrf': null });
    expect(bare.status).toBe(403);
    expect(bare.cookies).toEqual([]);
    value(await browser.login());

    const missing = await browser.call('exhibitor.entry', {}, { 'x-portal-csrf': null });
    expect(missing.status).toBe(403);
    const forged = await browser.call('exhibitor.entry', {}, { 'x-portal-csrf': randomBytes(32).toString('base64url') });
    expect(forged.status).toBe(403);
    expect(error(forged).code).toBe('unauthorized');
    const save = await browser.call('exhibitor.save', { target: 'exhibitor', id: 'omsk-team', values: { today_ru: 'Подделка' } }, { 'x-portal-csrf': 'page' });
    expect(save.status).toBe(403);
    expect((await hubRow(hub, 'exhibitors', 'omsk-team'))?.today_ru).not.toBe('Подделка');
    const logout = await browser.call('exhibitor.logout', {}, { 'x-portal-csrf': 'page' });
    expect(logout.status).toBe(403);

    // Another site's page: its origin gives it away even with the right header.
    const crossOrigin = await browser.call('exhibitor.entry', {}, { origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await browser.call('exhibitor.entry', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await browser.call('exhibitor.entry', {}, { origin: hub.url, 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);

    // A form post (text/plain, no header) reaches nothing.
    const form = await fetch(`${hub.url}/portal/api/call/exhibitor.save`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: browser.cookie },
      body: JSON.stringify({ target: 'exhibitor', id: 'omsk-team', values: { today_ru: 'Подделка' } }),
    });
    expect(form.status).toBe(403);
    const plainWithHeader = await browser.call('exhibitor.entry', '{}', { 'content-type': 'text/plain' });
    expect(plainWithHeader.status).toBe(415);
  });

  it('answers only the exhibitor calls, refuses bad input and bodies over 64 KiB', async () => {
    const hub = await startHub();
    const browser = new Browser(hub);
    value(await browser.login());
    const other = await browser.call('projects.list', {});
    expect(other.status).toBe(404);
    expect(error(other).code).toBe('unknown_call');
    const extra = await browser.call('exhibitor.entry', { sneaky: 1 });
    expect(error(extra).code).toBe('invalid_input');
    const broken = await browser.call('exhibitor.entry', '{"oops"');
    expect(error(broken).code).toBe('invalid_input');
    const huge = await browser.call('exhibitor.save', { target: 'exhibitor', id: 'omsk-team', values: { about_ru: 'я'.repeat(40_000) } });
    expect(huge.status).toBe(413);
    expect(error(huge).code).toBe('too_large');
  });
});

describe('portal entry and edits', () => {
  it('lists the exhibitor\u2019s own booth entry and projects only, with their editable fields, photos and preview', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-petrochem'));
    const entry = value(await browser.call('exhibitor.entry'));
    expect(entry.session.exhibitorId).toBe('omsk-petrochem');
    const own = await projectsOf(hub, 'omsk-petrochem');
    expect(own.length).toBeGreaterThan(0);
    expect(entry.items.map((i) => `${i.target}:${i.id}`).sort()).toEqual(['exhibitor:omsk-petrochem', ...own.map((id) => `project:${id}`)].sort());
    for (const item of entry.items) {
      const table = item.target === 'exhibitor' ? 'exhibitors' : 'projects';
      expect(item.fields.map((f) => f.name)).toEqual(Object.keys(editableFields[table]));
      const row = await hubRow(hub, table, item.id);
      for (const field of item.fields) expect(item.values[field.name]).toEqual(row?.[field.name] ?? null);
      if (item.target === 'project') {
        const links = (await hub.store.listRecords('project_media')).filter((r) => r.row?.project_id === item.id);
        expect(item.photos.map((p) => p.sha256).sort()).toEqual(links.map((r) => String(r.row?.sha256)).sort());
        for (const photo of item.photos) expect(photo.url).toBe(`/portal/media/${photo.sha256}`);
      }
    }
    // The preview's projects.get: the exhibitor's own projects as visitors will see them, nobody else's.
    const [first = ''] = own;
    const project = await hubRow(hub, 'projects', first);
    const region = await hubRow(hub, 'regions', String(project?.region_id));
    const detail = value(await browser.call('projects.get', { id: first })) as CallOutput<'projects.get'>;
    expect(detail).toMatchObject({
      id: first,
      title: { ru: project?.title_ru, en: project?.title_en },
      regionName: { ru: region?.name_ru, en: region?.name_en },
      booth: (await hubRow(hub, 'exhibitors', 'omsk-petrochem'))?.booth,
      exhibitor: { id: 'omsk-petrochem' },
    });
    expect(detail.media.map((m) => m.sha256)).toEqual(entry.items.find((i) => i.id === first)?.photos.map((p) => p.sha256));
    const [theirs = ''] = await projectsOf(hub, 'omsk-polymer');
    expect(error(await browser.call('projects.get', { id: theirs })).code).toBe('not_found');

    const about = entry.items[0]?.fields.find((f) => f.name === 'about_ru');
    expect(about).toEqual({ name: 'about_ru', kind: 'text', maxLength: 2000, multiline: true });
    expect(entry.items.find((i) => i.target === 'project')?.fields.find((f) => f.name === 'cover_sha256')).toEqual({ name: 'cover_sha256', kind: 'media' });
  });

  it('saves an edit that kiosks then pull, and lists edits from kiosks and the portal', async () => {
    const hub = await startHub({ demo: editableDemo });
    const kiosk = await startKiosk({ hub });
    expect(await kiosk.sync.cycle()).toBe(true);
    const browser = new Browser(hub);
    value(await browser.login('omsk-petrochem'));
    const before = await hubRow(hub, 'exhibitors', 'omsk-petrochem');

    const saved = value(await browser.call('exhibitor.save', { target: 'exhibitor', id: 'omsk-petrochem', values: { today_ru: '  Дегустация в 15:00\r\nу стенда  ', phone: before?.phone } }));
    expect(saved).toMatchObject({ target: 'exhibitor', targetId: 'omsk-petrochem', state: 'published', reason: '', conflicts: [] });
    // Only what changed is an edit; text is tidied as a kiosk tidies it.
    expect(saved.changes).toEqual([{ field: 'today_ru', from: before?.today_ru, to: 'Дегустация в 15:00\nу стенда' }]);
    expect((await hubRow(hub, 'exhibitors', 'omsk-petrochem'))?.today_ru).toBe('Дегустация в 15:00\nу стенда');

    expect(await kiosk.sync.cycle()).toBe(true);
    expect(kioskValue(kiosk, 'exhibitors', 'omsk-petrochem', 'today_ru')).toBe('Дегустация в 15:00\nу стенда');

    // An edit made at a kiosk (signed with the PIN) shows in the portal's history too, newest first.
    const [project = ''] = await projectsOf(hub, 'omsk-petrochem');
    kiosk.sync.recordEdit('projects', project, { summary_ru: 'Изменено на киоске' }, demoAuthor('omsk-petrochem'));
    hub.clock.now += 1000;
    const ok = await kiosk.sync.cycle();
    expect(ok, JSON.stringify(kiosk.sync.status())).toBe(true);
    const edits = value(await browser.call('exhibitor.edits'));
    expect(edits.map((e) => [e.target, e.targetId, e.state])).toEqual([
      ['project', project, 'published'],
      ['exhibitor', 'omsk-petrochem', 'published'],
    ]);
    expect(edits[1]?.id).toBe(saved.id);
    expect(edits[0]?.changes).toEqual([{ field: 'summary_ru', from: expect.any(String), to: 'Изменено на киоске' }]);
    expect(hub.store.db.prepare('SELECT source FROM exhibitor_edits WHERE mutation_id = ?').get(saved.id)).toEqual({ source: 'portal' });
  });

  it('keeps nothing of a save with an invalid value, and says which fields are wrong', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');
    const before = await footprint(hub);
    const rowBefore = await hubRow(hub, 'projects', project);
    const answer = await browser.call('exhibitor.save', {
      target: 'project',
      id: project,
      values: { title_en: 'A fine title', summary_ru: 'я'.repeat(401), description_en: 'evil\u202etxt', hidden: 'yes', cover_sha256: 'f'.repeat(64), region_id: 'msk' },
    });
    expect(answer.status).toBe(400);
    const problem = error(answer);
    expect(problem.code).toBe('invalid_input');
    expect(Object.fromEntries((problem.issues ?? []).map((i) => [i.path, i.message]))).toEqual({
      summary_ru: 'too_long',
      description_en: 'invalid_characters',
      hidden: 'invalid_value',
      cover_sha256: 'unknown_media',
      region_id: 'field_not_editable',
    });
    expect(await hubRow(hub, 'projects', project)).toEqual(rowBefore);
    expect(await footprint(hub)).toEqual(before);
  });

  it('refuses to edit or add photos to another exhibitor\u2019s rows', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [theirs = ''] = await projectsOf(hub, 'omsk-petrochem');
    const before = await footprint(hub);
    const rowBefore = await hubRow(hub, 'projects', theirs);
    const project = await browser.call('exhibitor.save', { target: 'project', id: theirs, values: { title_ru: 'Чужой проект' } });
    expect(error(project).code).toBe('not_found');
    const exhibitor = await browser.call('exhibitor.save', { target: 'exhibitor', id: 'omsk-petrochem', values: { today_ru: 'Чужой стенд' } });
    expect(error(exhibitor).code).toBe('not_found');
    const photo = await browser.upload(theirs, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).jpeg().toBuffer());
    expect(error(photo).code).toBe('not_found');
    expect(await hubRow(hub, 'projects', theirs)).toEqual(rowBefore);
    expect(await footprint(hub)).toEqual(before);
  });

  it('holds a portal edit for staff review when review is on', async () => {
    const hub = await startHub({ demo: editableDemo });
    await hub.store.setSetting('review_edits', '1');
    const browser = new Browser(hub);
    value(await browser.login('omsk-team'));
    const before = await hubRow(hub, 'exhibitors', 'omsk-team');
    const saved = value(await browser.call('exhibitor.save', { target: 'exhibitor', id: 'omsk-team', values: { hours_ru: '10:00–18:00' } }));
    expect(saved.state).toBe('review');
    expect(await hubRow(hub, 'exhibitors', 'omsk-team')).toEqual(before);
    expect(value(await browser.call('exhibitor.edits')).map((e) => [e.id, e.state])).toEqual([[saved.id, 'review']]);
  });

  it('shows the exhibitor how often their projects were opened and their QR codes shown, per day, and only theirs', async () => {
    const hub = await startHub({ demo: editableDemo });
    const [mine] = await projectsOf(hub, 'omsk-polymer');
    const [theirs] = await projectsOf(hub, 'omsk-petrochem');
    const stat = (project: string, day: string, opens: number, qr: number) => ({
      table: 'project_stats' as const,
      key: JSON.stringify([project, day]),
      row: { project_id: project, day, opens, qr_shown: qr },
    });
    await hub.store.writeRecords([stat(mine ?? '', '2026-12-03', 12, 4), stat(mine ?? '', '2026-12-04', 7, 1), stat(theirs ?? '', '2026-12-03', 99, 9)], hub.clock.now);
    const browser = new Browser(hub);
    expect(error(await browser.call('exhibitor.stats'))).toMatchObject({ code: 'unauthorized' });
    value(await browser.login('omsk-polymer'));
    const stats = value(await browser.call('exhibitor.stats'));
    expect(stats.days).toEqual(['2026-12-03', '2026-12-04']);
    expect(stats.projects.find((p) => p.id === mine)?.perDay).toEqual([
      { day: '2026-12-03', opens: 12, qrShown: 4 },
      { day: '2026-12-04', opens: 7, qrShown: 1 },
    ]);
    expect(stats.projects.some((p) => p.id === theirs)).toBe(false);
  });
});

// ---- photos ---------------------------------------------------------------------------------------------------

/** A landscape JPEG, red on the left and blue on the right, stored sideways with EXIF orientation 6 and camera tags. */
async function sidewaysPhoto(width = 3000, height = 2000): Promise<Buffer> {
  const blue = await sharp({ create: { width: width / 2, height, channels: 3, background: '#0000ff' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } })
    .composite([{ input: blue, left: width / 2, top: 0 }])
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'SecretPhoneMaker', Copyright: 'private-owner-name' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A real, decodable PNG of `width`×`height` black pixels (1 bit per pixel), only a few kilobytes: a pixel bomb. */
function pixelBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('portal photo upload', () => {
  it('takes at most maxProjectPhotos photos per project and writes nothing for a refused one', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');
    const links = () => hub.store.listRecords('project_media').then((rows) => rows.filter((r) => r.row?.project_id === project));
    const existing = await links();
    // Fill the gallery up to one below the limit (the links alone count).
    const fill = Array.from({ length: maxProjectPhotos - 1 - existing.length }, (_, i) => ({
      table: 'project_media' as const,
      key: JSON.stringify([project, `${'f'.repeat(60)}${String(i).padStart(4, '0')}`]),
      row: { project_id: project, sha256: `${'f'.repeat(60)}${String(i).padStart(4, '0')}`, position: 100 + i, caption_ru: '', caption_en: '' },
    }));
    await hub.store.writeRecords(fill, hub.clock.now);
    const photo = () => sharp({ create: { width: 64, height: 64, channels: 3, background: `#${Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0')}` } }).jpeg().toBuffer();
    expect((await browser.upload(project, await photo())).status).toBe(200);
    expect(await links()).toHaveLength(maxProjectPhotos);
    const refused = await browser.upload(project, await photo());
    expect(error(refused)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`at most ${maxProjectPhotos} photos`) });
    expect(await links()).toHaveLength(maxProjectPhotos);
  });

  it('stores a photo upright, within 1600 px, re-encoded without metadata, as media and project_media that kiosks pull', async () => {
    const hub = await startHub({ demo: editableDemo });
    const kiosk = await startKiosk({ hub });
    expect(await kiosk.sync.cycle()).toBe(true);
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');
    const positions = (await hub.store.listRecords('project_media')).filter((r) => r.row?.project_id === project).map((r) => Number(r.row?.position));

    const original = await sidewaysPhoto();
    const answer = await browser.upload(project, original);
    expect(answer.status).toBe(200);
    const photo = value(answer);
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 1067, height: 1600, url: `/portal/media/${photo.sha256}` });

    // The stored file is a new JPEG: upright (red on top after the EXIF turn), no EXIF, no camera tags, not the original.
    const file = await hub.store.mediaFile(photo.sha256);
    expect(file?.mime).toBe('image/jpeg');
    const stored = await sharp(file?.path).toBuffer();
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1067, height: 1600 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from('SecretPhoneMaker'))).toBe(false);
    expect(stored.includes(Buffer.from('private-owner-name'))).toBe(false);
    const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(pixel(533, 100)[0]).toBeGreaterThan(200);
    expect(pixel(533, 100)[2]).toBeLessThan(60);
    expect(pixel(533, 1500)[2]).toBeGreaterThan(200);
    expect(pixel(533, 1500)[0]).toBeLessThan(60);
    expect(await hub.store.mediaFile(sha256(original))).toBeNull();
    // Nor does libvips keep decoded uploads in its cache.
    expect(sharp.cache()).toMatchObject({ memory: { max: 0 }, files: { max: 0 }, items: { max: 0 } });

    // Catalog rows: media, and the photo after the project's other photos.
    expect(await hubRow(hub, 'media', photo.sha256)).toMatchObject({ sha256: photo.sha256, mime: 'image/jpeg', width: 1067, height: 1600, bytes: file?.bytes });
    const link = (await hub.store.getRecord('project_media', JSON.stringify([project, photo.sha256])))?.row;
    expect(link).toMatchObject({ project_id: project, sha256: photo.sha256, position: positions.length === 0 ? 0 : Math.max(...positions) + 1 });
    const entry = value(await browser.call('exhibitor.entry'));
    expect(entry.items.find((i) => i.id === project)?.photos.at(-1)).toEqual(photo);

    // The portal page can show it (with a session only); a kiosk pulls the rows and downloads the file.
    const media = await fetch(`${hub.url}${photo.url}`, { headers: { cookie: browser.cookie } });
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(new Uint8Array(await media.arrayBuffer()))).toBe(photo.sha256);
    expect((await fetch(`${hub.url}${photo.url}`)).status).toBe(401);
    expect(await kiosk.sync.cycle()).toBe(true);
    await kiosk.sync.mediaIdle();
    expect(kiosk.db.prepare('SELECT position FROM project_media WHERE project_id = ? AND sha256 = ? AND deleted = 0').get(project, photo.sha256)).toEqual({
      position: link?.position,
    });
    expect(kiosk.media.has(photo.sha256)).toBe(true);

    // The same photo again is the same gallery entry; the exhibitor can then make it the cover by a normal edit.
    const before = await footprint(hub);
    expect(value(await browser.upload(project, original)).sha256).toBe(photo.sha256);
    expect((await footprint(hub)).headSeq).toBe(before.headSeq);
    const cover = value(await browser.call('exhibitor.save', { target: 'project', id: project, values: { cover_sha256: photo.sha256 } }));
    expect(cover.state).toBe('published');
    expect((await hubRow(hub, 'projects', project))?.cover_sha256).toBe(photo.sha256);
  });

  it('re-encodes a transparent PNG and a WebP as JPEG without enlarging them', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');
    const png = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const fromPng = value(await browser.upload(project, png, 'image/png'));
    expect(fromPng).toMatchObject({ mime: 'image/jpeg', width: 800, height: 600 });
    const storedPng = await sharp((await hub.store.mediaFile(fromPng.sha256))?.path).metadata();
    expect(storedPng).toMatchObject({ format: 'jpeg', hasAlpha: false });
    const webp = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#aa5500' } }).webp().toBuffer();
    // The type the browser claims does not matter: the bytes decide.
    expect(value(await browser.upload(project, webp, 'application/octet-stream'))).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
  });

  it('scales a 10000×10000 image down, refuses pixel bombs and uploads over 15 MB, writing nothing for a refusal', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');

    // 100 megapixels, the most accepted (a PNG: no shrink-on-load, the whole image is decoded).
    const big = pixelBomb(10_000, 10_000);
    expect(value(await browser.upload(project, big, 'image/png'))).toMatchObject({ width: 1600, height: 1600 });

    const before = await footprint(hub);
    for (const [width, height] of [
      [10_000, 10_001],
      [20_000, 20_000],
    ] as const) {
      const bomb = pixelBomb(width, height);
      expect(bomb.byteLength).toBeLessThan(200_000);
      const bombAnswer = await browser.upload(project, bomb, 'image/png');
      expect(bombAnswer.status).toBe(413);
      expect(error(bombAnswer)).toMatchObject({ code: 'too_large', message: expect.stringContaining(`${width}×${height}`) });
    }

    const jpeg = await sidewaysPhoto(400, 200);
    const heavy = Buffer.concat([jpeg.subarray(0, 4), randomBytes(16 * 1024 * 1024)]);
    const heavyAnswer = await browser.upload(project, heavy);
    expect(heavyAnswer.status).toBe(413);
    expect(error(heavyAnswer)).toMatchObject({ code: 'too_large', message: expect.stringContaining('15 MB') });
    expect(await footprint(hub)).toEqual(before);
  });

  it('refuses what is not an image: random bytes, an HTML page named .jpg, an SVG with a script, a broken JPEG, a GIF', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');
    const good = await sidewaysPhoto(1200, 800);
    const before = await footprint(hub);
    const cases: [string, Uint8Array, string][] = [
      ['random bytes', randomBytes(50_000), 'image/jpeg'],
      ['an HTML page', Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'), 'image/jpeg'],
      ['an SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), 'image/svg+xml'],
      ['a JPEG header and noise', Buffer.concat([good.subarray(0, 20), randomBytes(20_000)]), 'image/jpeg'],
      ['a truncated JPEG', good.subarray(0, Math.floor(good.byteLength * 0.6)), 'image/jpeg'],
      ['a GIF', await sharp({ create: { width: 32, height: 32, channels: 3, background: '#00ff00' } }).gif().toBuffer(), 'image/gif'],
    ];
    for (const [what, bytes, type] of cases) {
      const answer = await browser.upload(project, bytes, type);
      expect(answer.status, what).toBe(400);
      expect(error(answer), what).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not an image') });
    }
    const text = await browser.upload(project, good, 'text/html');
    expect(text.status).toBe(415);
    expect(error(text).code).toBe('invalid_input');
    expect(await footprint(hub)).toEqual(before);
  });

  it('refuses an upload without a session or the CSRF token before reading it', async () => {
    const hub = await startHub({ demo: editableDemo });
    const browser = new Browser(hub);
    value(await browser.login('omsk-polymer'));
    const [project = ''] = await projectsOf(hub, 'omsk-polymer');
    const photo = await sidewaysPhoto(400, 200);
    const before = await footprint(hub);
    expect((await browser.upload(project, photo, 'image/jpeg', { 'x-portal-csrf': 'page' })).status).toBe(403);
    expect((await browser.upload(project, photo, 'image/jpeg', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await browser.upload(project, photo, 'image/jpeg', { cookie: null })).status).toBe(401);
    expect(error(await browser.upload('', photo)).code).toBe('invalid_input');
    expect(error(await browser.upload('no-such-project', photo)).code).toBe('not_found');
    expect(await footprint(hub)).toEqual(before);
  });
});

describe('the page\u2019s client', () => {
  it('keeps the CSRF token it is given, uploads photos, and refuses files over 15 MB without sending them', async () => {
    const hub = await startHub({ demo: editableDemo });
    // The browser's cookie jar, for Node's fetch.
    let cookie = '';
    const sent: string[] = [];
    const browserFetch: typeof fetch = async (input, init) => {
      // The client passes paths as strings.
      const path = input as string;
      sent.push(path);
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(`${hub.url}${path}`, { ...init, headers });
      const set = response.headers.getSetCookie().find((c) => c.startsWith('portal_session='));
      if (set) cookie = set.split(';')[0] ?? '';
      return response;
    };
    const { api, uploadPhoto } = createPortalClient('/portal/api', browserFetch);
    expect(await api.invoke('exhibitor.session', {})).toEqual({ ok: true, value: null });
    expect((await api.invoke('exhibitor.login', { login: 'omsk-polymer', pin: demoPin })).ok).toBe(true);
    const entry = await api.invoke('exhibitor.entry', {});
    if (!entry.ok) throw new Error(entry.error.message);
    const project = entry.value.items.find((i) => i.target === 'project')?.id ?? '';

    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#884400' } }).jpeg().toBuffer();
    const photo = await uploadPhoto(project, new File([jpeg], 'photo.jpg', { type: 'image/jpeg' }));
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200 });
    await expect(uploadPhoto(project, new File([Buffer.from('<html></html>')], 'page.jpg', { type: '' }))).rejects.toMatchObject({
      name: 'UploadError',
      error: { code: 'invalid_input' },
    });
    const calls = sent.length;
    await expect(uploadPhoto(project, new File([new Uint8Array(15 * 1024 * 1024 + 1)], 'huge.jpg', { type: 'image/jpeg' }))).rejects.toMatchObject({
      error: { code: 'too_large' },
    });
    expect(sent).toHaveLength(calls);

    expect((await api.invoke('exhibitor.logout', {})).ok).toBe(true);
    expect(error({ status: 0, body: await api.invoke('exhibitor.entry', {}), headers: new Headers(), cookies: [] }).code).toBe('unauthorized');
    expect(api.on('catalog.changed', () => undefined)).toBeTypeOf('function');
  });
});

describe('the portal page', () => {
  it('serves the built page with a strict CSP, its hashed assets, and nothing outside them', async () => {
    const dir = tempDir('portal-page-');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'portal.html'), '<!doctype html><title>Портал</title><script type="module" src="/portal/assets/portal-abc123.js"></script>');
    writeFileSync(join(dir, 'assets', 'portal-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
    const app = Fastify();
    registerPortal(app, { store: (await startHub()).store, now: () => Date.now(), portalDir: dir });
    const page = await app.inject({ method: 'GET', url: '/portal/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Портал');
    expect(page.headers['content-security-policy']).toBe(portalPolicy);
    expect(portalPolicy).toContain("script-src 'self'");
    expect(portalPolicy).not.toContain('unsafe');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await app.inject({ method: 'GET', url: '/portal/assets/portal-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    for (const url of ['/portal/assets/..%2Fsecret.txt', '/portal/assets/..%2Fportal.html', '/portal/secret.txt', '/portal/assets/missing.js']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    await app.close();

    // Found from the built hub's chunk folder (out/node/assets) as from the sources.
    const root = tempDir('portal-find-');
    mkdirSync(join(root, 'out', 'node', 'assets'), { recursive: true });
    expect(findPortalDir(join(root, 'out', 'node', 'assets'))).toBeNull();
    mkdirSync(join(root, 'out', 'portal'));
    writeFileSync(join(root, 'out', 'portal', 'portal.html'), '<!doctype html>');
    expect(findPortalDir(join(root, 'out', 'node', 'assets'))).toBe(join(root, 'out', 'portal'));
    expect(findPortalDir(join(root, 'out', 'node'))).toBe(join(root, 'out', 'portal'));

    const unbuilt = Fastify();
    registerPortal(unbuilt, { store: (await startHub()).store, now: () => Date.now(), portalDir: null });
    const missing = await unbuilt.inject({ method: 'GET', url: '/portal/' });
    expect(missing.statusCode).toBe(503);
    expect(missing.body).toContain('npm run build');
    await unbuilt.close();
  });
});
