// The hub's staff pages over real HTTP: accounts from the CLI commands, login with growing delays after wrong
// passwords, sessions with idle and absolute expiry on the hub's injected clock, the CSRF token on every POST, logout,
// and the review queue and settings — with every piece of text escaped, whatever an exhibitor typed.
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/connection';
import { demoPins } from '../../db/demo/pins';
import type { WireRow } from '../../db/sync-tables';
import { signEdit } from '../../electron/core/auth/pin';
import { enrollResponse, pushResponse, signedPart, type EditPayload, type Mutation, type PushResponse } from '../../electron/shared/sync-protocol';
import { CommandError, staffAddCommand, staffDisableCommand } from '../../hub/staff/commands';
import { escapeHtml, html } from '../../hub/staff/html';
import { hashPassword, verifyPassword } from '../../hub/staff/password';
import { staffCsp } from '../../hub/staff/routes';
import { BusyError, createLimiter, parseCookies, sameSecret, sessionIdleMs, sessionLifetimeMs, setCookie } from '../../hub/staff/session';
import { cleanUp, startHub, type TestHub } from '../sync/harness';
import { Browser, csrfOf, loggedIn as loggedInAs } from './staff-login';

afterEach(cleanUp);

const minute = 60_000;
const password = 'correct horse battery staple';

async function staffHub(options: { review?: boolean } = {}): Promise<TestHub> {
  const hub = await startHub({ demo: { projects: 100 } });
  await staffAddCommand(hub.store, 'Anna', password, hub.clock.now);
  if (options.review) await hub.store.setSetting('review_edits', '1');
  return hub;
}

const loggedIn = (hub: TestHub, login = 'anna'): Promise<Browser> => loggedInAs(hub, login, password);

// ---- an exhibitor's kiosk over plain HTTP -------------------------------------------------------------------

const kioskHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  'kiosk-protocol': '1',
  'kiosk-schema': String(latestSchemaVersion),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

type Kiosk = { token: string; nextOrder: number };

async function enroll(hub: TestHub): Promise<Kiosk> {
  const response = await fetch(`${hub.url}/sync/v1/enroll`, {
    method: 'POST',
    headers: kioskHeaders(),
    body: JSON.stringify({ code: await hub.enrollCode(), kioskId: randomUUID(), name: 'Hall A' }),
  });
  const body = enrollResponse.parse(await response.json());
  return { token: body.token, nextOrder: body.nextOrder };
}

/** Pushes one edit of the exhibitor's own booth entry, signed with their demo key. */
async function pushEdit(hub: TestHub, kiosk: Kiosk, exhibitorId: string, field: string, to: string): Promise<{ mutation: Mutation; answer: PushResponse }> {
  const current = (await hub.store.getRecord('exhibitors', JSON.stringify([exhibitorId])))?.row as WireRow;
  const id = randomUUID();
  const unsigned: EditPayload = { table: 'exhibitors', key: JSON.stringify([exhibitorId]), changes: { [field]: { from: current[field] ?? null, to } }, exhibitorId };
  const signingKey = demoPins.find((p) => p.exhibitorId === exhibitorId)!.signingKey;
  const proof = signEdit(signingKey, { mutationId: id, exhibitorId, kind: 'edit', payload: signedPart(unsigned) });
  const mutation: Mutation = { id, order: kiosk.nextOrder++, kind: 'edit', payload: { ...unsigned, proof } };
  const response = await fetch(`${hub.url}/sync/v1/push`, { method: 'POST', headers: kioskHeaders(kiosk.token), body: JSON.stringify({ mutations: [mutation] }) });
  return { mutation, answer: pushResponse.parse(await response.json()) };
}

// ---- accounts ---------------------------------------------------------------------------------------------------

describe('staff accounts', () => {
  it('with no account the login page says how to create one with the CLI, and no default login works', async () => {
    const hub = await startHub({ demo: { projects: 100 } });
    const browser = new Browser(hub);
    const page = await browser.get('/staff/login');
    expect(page.status).toBe(200);
    expect(page.text).toContain('npm run hub -- staff-add');
    expect(page.text).not.toContain('action="/staff/login"');
    // The page has no form, but a hand-made post with the login cookie's token still finds nothing to log in to.
    const csrf = browser.cookies.get('staff_login')!;
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const [login, secret] of [
      ['admin', 'admin'],
      ['admin', 'password'],
      ['staff', 'staff'],
      ['root', ''],
    ] as const) {
      expect((await browser.post('/staff/login', { csrf, login, password: secret })).status).toBe(401);
    }
    expect(await hub.store.activeStaffCount()).toBe(0);
  });

  it('staff-add prints a strong generated password once and stores only a salted scrypt hash; a chosen password must be long enough', async () => {
    const hub = await startHub({ demo: { projects: 100 } });
    const made = await staffAddCommand(hub.store, ' Boris ', undefined, hub.clock.now);
    expect(made.login).toBe('boris');
    expect(made.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(made.lines.join('\n')).toContain(made.password);
    const chosen = await staffAddCommand(hub.store, 'vera', password, hub.clock.now);
    expect(chosen.lines.join('\n')).not.toContain(password);

    const rows = hub.store.db.prepare('SELECT * FROM staff_accounts ORDER BY login').all() as Record<string, unknown>[];
    expect(rows.map((r) => r.login)).toEqual(['boris', 'vera']);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(made.password);
    expect(stored).not.toContain(password);
    expect(JSON.parse(String(rows[0]?.kdf))).toMatchObject({ algorithm: 'scrypt', n: 2 ** 15 });
    // The same password twice gives different hashes (random salts).
    const one = await hashPassword(password);
    const two = await hashPassword(password);
    expect(one.hash).not.toBe(two.hash);
    expect(await verifyPassword(password, { passwordHash: one.hash, passwordSalt: one.salt, kdf: one.kdf })).toBe(true);
    expect(await verifyPassword(`${password}!`, { passwordHash: one.hash, passwordSalt: one.salt, kdf: one.kdf })).toBe(false);
    expect(await verifyPassword(password, null)).toBe(false);

    expect((await new Browser(hub).logIn('boris', made.password)).status).toBe(303);
    await expect(staffAddCommand(hub.store, 'gleb', 'short', hub.clock.now)).rejects.toThrow(CommandError);
    await expect(staffAddCommand(hub.store, 'gleb', 'twelve chars\nbut a line break', hub.clock.now)).rejects.toThrow(CommandError);
    await expect(staffAddCommand(hub.store, '<gleb>', password, hub.clock.now)).rejects.toThrow(CommandError);
    await expect(staffDisableCommand(hub.store, 'nobody', hub.clock.now)).rejects.toThrow(CommandError);
  });

  it('staff-disable ends the account\u2019s sessions and its logins; staff-add again enables it with a new password only', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub);
    await staffDisableCommand(hub.store, 'anna', hub.clock.now);
    expect((await browser.get('/staff/reviews')).location).toBe('/staff/login?m=session_ended');
    expect((await new Browser(hub).logIn('anna', password)).status).toBe(401);

    const renewed = await staffAddCommand(hub.store, 'anna', undefined, hub.clock.now);
    expect(renewed.lines[0]).toMatch(/New password/);
    expect((await new Browser(hub).logIn('anna', password)).status).toBe(401);
    expect((await new Browser(hub).logIn('anna', renewed.password)).status).toBe(303);
  });
});

// ---- login, sessions, logout -----------------------------------------------------------------------------------

describe('login and sessions', () => {
  it('logs in with a fresh random session in an HttpOnly, SameSite=Strict cookie for /staff; the hub keeps only its hash', async () => {
    const hub = await staffHub();
    const browser = new Browser(hub);
    const before = await browser.get('/staff/reviews');
    expect(before.status).toBe(303);
    expect(before.location).toBe('/staff/login?m=session_ended');

    // A session id planted before login is never taken over.
    browser.cookies.set('staff_session', 'A'.repeat(43));
    const answer = await browser.logIn('ANNA', password);
    expect(answer.status).toBe(303);
    const sessionCookie = answer.setCookies.find((c) => c.startsWith('staff_session='));
    expect(sessionCookie).toMatch(/^staff_session=[A-Za-z0-9_-]{43}; Path=\/staff; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const id = browser.cookies.get('staff_session')!;
    expect(id).not.toBe('A'.repeat(43));

    const sessions = hub.store.db.prepare('SELECT * FROM staff_sessions').all() as { id_hash: string; login: string; csrf_token: string }[];
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id_hash).toBe(createHash('sha256').update(id).digest('hex'));
    expect(sessions[0]?.login).toBe('anna');
    expect(JSON.stringify(sessions)).not.toContain(id);

    const page = await browser.get('/staff/reviews');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(staffCsp);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.text).toContain('anna');
  });

  it('wrong passwords: three free tries, then growing delays kept in the database; the right password waits too', async () => {
    const hub = await staffHub();
    const browser = new Browser(hub);
    for (let i = 1; i <= 3; i++) {
      const wrong = await browser.logIn('anna', `wrong password ${i}`);
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('Неверный логин или пароль');
    }
    expect(await hub.store.loginAttempts('staff:anna')).toEqual({ failures: 3, waitUntil: hub.clock.now + 30_000 });

    // The right password inside the delay is not even checked.
    const early = await browser.logIn('anna', password);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('30');
    expect(browser.cookies.has('staff_session')).toBe(false);

    hub.clock.now += 30_000;
    const fourth = await browser.logIn('anna', 'wrong again');
    expect(fourth.status).toBe(401);
    expect(fourth.text).toContain('60 с');
    hub.clock.now += 30_000;
    expect((await browser.logIn('anna', password)).headers.get('retry-after')).toBe('30');
    hub.clock.now += 30_000;
    expect((await browser.logIn('anna', password)).status).toBe(303);
    expect(await hub.store.loginAttempts('staff:anna')).toEqual({ failures: 0, waitUntil: 0 });

    // An unknown login answers exactly like a wrong password (nothing tells which logins exist), and is throttled alike.
    const unknown = await new Browser(hub).logIn('anna2', password);
    const wrong = await new Browser(hub).logIn('anna', 'not it at all');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.text.replace(/value="[^"]*"/g, '')).toBe(wrong.text.replace(/value="[^"]*"/g, ''));
  });

  it('parallel guesses cannot slip past the delay', async () => {
    const hub = await staffHub();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => new Browser(hub).logIn('anna', `guess number ${i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    expect((await hub.store.loginAttempts('staff:anna')).failures).toBe(3);
  });

  it('a flood of logins under many names is answered "busy" beyond a few password checks at once, and staff still get in', async () => {
    const hub = await staffHub();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => new Browser(hub).logIn(`guest${i}`, `guess number ${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(new Set(statuses)).toEqual(new Set([401, 503]));
    // Two checks run and sixteen wait (hub/staff/routes.ts): the rest are turned away at once, unchecked. A check that
    // ends before the last requests arrive frees its place, so a fast machine may check a few more than eighteen (the
    // limiter's exact counts are tested on their own under "building blocks").
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(18);
    expect(checked).toBeLessThan(40);
    const busy = answers.find((a) => a.status === 503);
    expect(busy?.headers.get('retry-after')).toBe('2');
    expect(busy?.text).toContain('The hub is checking many logins right now; try again in a few seconds.');
    // Nobody was counted as a wrong attempt for being turned away, and the real account logs in.
    const failures = await Promise.all(Array.from({ length: 40 }, async (_, i) => (await hub.store.loginAttempts(`staff:guest${i}`)).failures));
    expect(failures.reduce((a, b) => a + b, 0)).toBe(checked);
    await loggedIn(hub);
  });

  it('a session ends after 30 minutes idle, and 12 hours after login however active', async () => {
    const hub = await staffHub();
    const idle = await loggedIn(hub);
    hub.clock.now += 29 * minute;
    expect((await idle.get('/staff/reviews')).status).toBe(200);
    hub.clock.now += 29 * minute;
    expect((await idle.get('/staff/settings')).status).toBe(200);
    hub.clock.now += sessionIdleMs;
    expect((await idle.get('/staff/reviews')).location).toBe('/staff/login?m=session_ended');
    // Ended for good: the same cookie does not come back to life.
    expect(await hub.store.staffSession(createHash('sha256').update(idle.cookies.get('staff_session')!).digest('hex'))).toBeNull();

    const busy = await loggedIn(hub);
    const start = hub.clock.now;
    while (hub.clock.now + 25 * minute < start + sessionLifetimeMs) {
      hub.clock.now += 25 * minute;
      expect((await busy.get('/staff/reviews')).status).toBe(200);
    }
    hub.clock.now = start + sessionLifetimeMs;
    expect((await busy.get('/staff/reviews')).location).toBe('/staff/login?m=session_ended');
  });

  it('logout ends the session on the hub, so a copied cookie is useless afterwards', async () => {
    const hub = await staffHub();
    const browser = await loggedIn(hub);
    const copied = new Map(browser.cookies);
    const page = await browser.get('/staff/reviews');
    const out = await browser.post('/staff/logout', { csrf: csrfOf(page) });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/staff/login?m=signed_out');
    expect(out.setCookies.some((c) => /^staff_session=; Path=\/staff; Max-Age=0;/.test(c))).toBe(true);
    expect(browser.cookies.has('staff_session')).toBe(false);

    const thief = new Browser(hub);
    for (const [name, value] of copied) thief.cookies.set(name, value);
    expect((await thief.get('/staff/reviews')).status).toBe(303);
    expect(hub.store.db.prepare('SELECT count(*) AS n FROM staff_sessions').get()).toEqual({ n: 0 });
  });

  it('every POST needs the session and its CSRF token; the login form needs its own token', async () => {
    const hub = await staffHub({ review: true });
    const kiosk = await enroll(hub);
    const { mutation } = await pushEdit(hub, kiosk, 'omsk-team', 'today_ru', 'Ждёт проверки');
    const browser = await loggedIn(hub);
    const other = await loggedIn(hub);
    const token = csrfOf(await browser.get('/staff/reviews'));
    const othersToken = csrfOf(await other.get('/staff/reviews'));
    expect(othersToken).not.toBe(token);
    const stranger = new Browser(hub);

    const attempts: [Browser, string, Record<string, string>][] = [
      [browser, '/staff/settings', { review: 'off' }],
      [browser, '/staff/settings', { review: 'off', csrf: '' }],
      [browser, '/staff/settings', { review: 'off', csrf: othersToken }],
      [stranger, '/staff/settings', { review: 'off', csrf: token }],
      [browser, '/staff/reviews/approve', { mutation: mutation.id, csrf: othersToken }],
      [stranger, '/staff/reviews/approve', { mutation: mutation.id, csrf: token }],
      [browser, '/staff/reviews/reject', { mutation: mutation.id, reason: 'нет', csrf: token.slice(0, -1) }],
      [browser, '/staff/logout', { csrf: othersToken }],
    ];
    for (const [who, path, form] of attempts) {
      const answer = await who.post(path, form);
      expect([path, answer.status]).toEqual([path, 403]);
    }
    expect(await hub.store.getSetting('review_edits')).toBe('1');
    expect((await hub.store.pendingReviews(10)).map((r) => r.mutationId)).toEqual([mutation.id]);
    expect((await browser.get('/staff/reviews')).status).toBe(200);

    // The login form without the cookie it was paired with (a cross-site form post) is refused, password unchecked.
    const page = await stranger.get('/staff/login');
    const fresh = new Browser(hub);
    expect((await fresh.post('/staff/login', { csrf: csrfOf(page), login: 'anna', password })).status).toBe(403);
    expect((await hub.store.loginAttempts('staff:anna')).failures).toBe(0);

    // With the token the same request goes through.
    const saved = await browser.post('/staff/settings', { review: 'off', csrf: token });
    expect(saved.status).toBe(303);
    expect(await hub.store.getSetting('review_edits')).toBe('0');
  });
});

// ---- review and settings pages ---------------------------------------------------------------------------------

describe('review and settings pages', () => {
  it('shows pending edits as escaped text only, with a CSP that allows no script', async () => {
    const hub = await staffHub({ review: true });
    // Hostile text wherever a page shows data: the exhibitor's name and booth (from an import) and the edit itself.
    const team = (await hub.store.getRecord('exhibitors', JSON.stringify(['omsk-team'])))?.row as WireRow;
    await hub.store.writeRecords([{ table: 'exhibitors', key: JSON.stringify(['omsk-team']), row: { ...team, name_ru: '<script>alert("name")</script>', booth: '"><svg onload=alert(2)>' } }], hub.clock.now);
    const kiosk = await enroll(hub);
    const hostile = '<img src=x onerror=alert(1)>';
    const { answer } = await pushEdit(hub, kiosk, 'omsk-team', 'about_ru', hostile);
    expect(answer.results[0]?.status).toBe('review');

    const browser = await loggedIn(hub);
    const page = await browser.get('/staff/reviews');
    expect(page.status).toBe(200);
    expect(page.text).toContain(escapeHtml(hostile));
    expect(page.text).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
    expect(page.text).not.toContain('<img');
    expect(page.text).not.toContain('<svg');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain(escapeHtml(String(team.about_ru)));
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src|unsafe-inline/);

    const css = await browser.get('/staff/staff.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);

    // Unknown staff addresses answer with a page under the same headers; the kiosks' API keeps its JSON errors.
    const missing = await browser.get('/staff/%3Cscript%3E');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(staffCsp);
    expect(missing.text).not.toMatch(/<script/i);
    const api = await fetch(`${hub.url}/sync/v1/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not_found' });
  });

  it('approve and reject through the pages: rows and decisions change, a second decision is refused', async () => {
    const hub = await staffHub({ review: true });
    const kiosk = await enroll(hub);
    const approveMe = await pushEdit(hub, kiosk, 'omsk-polymer', 'today_ru', 'Дегустация в 12:00');
    const rejectMe = await pushEdit(hub, kiosk, 'omsk-petrochem', 'about_ru', 'Мы лучшие!!!');
    const browser = await loggedIn(hub);
    const csrf = csrfOf(await browser.get('/staff/reviews'));

    const approved = await browser.post('/staff/reviews/approve', { csrf, mutation: approveMe.mutation.id });
    expect(approved.location).toBe('/staff/reviews?notice=approved');
    expect((await hub.store.getRecord('exhibitors', JSON.stringify(['omsk-polymer'])))?.row?.today_ru).toBe('Дегустация в 12:00');
    expect((await hub.store.getRecord('edit_reviews', JSON.stringify([approveMe.mutation.id])))?.row).toMatchObject({ status: 'approved', exhibitor_id: 'omsk-polymer' });
    expect((await hub.store.exhibitorEdits('omsk-polymer', 1))[0]).toMatchObject({ status: 'approved', decidedBy: 'anna' });

    expect((await browser.post('/staff/reviews/reject', { csrf, mutation: rejectMe.mutation.id, reason: '' })).location).toBe('/staff/reviews?notice=reason_required');
    expect((await browser.post('/staff/reviews/reject', { csrf, mutation: rejectMe.mutation.id, reason: 'x'.repeat(501) })).location).toBe('/staff/reviews?notice=reason_too_long');
    const reason = 'Без «лучших», пожалуйста <b>';
    expect((await browser.post('/staff/reviews/reject', { csrf, mutation: rejectMe.mutation.id, reason })).location).toBe('/staff/reviews?notice=rejected');
    expect((await hub.store.getRecord('edit_reviews', JSON.stringify([rejectMe.mutation.id])))?.row).toMatchObject({ status: 'rejected', reason });
    expect((await hub.store.getRecord('exhibitors', JSON.stringify(['omsk-petrochem'])))?.row?.about_ru).not.toBe('Мы лучшие!!!');

    expect((await browser.post('/staff/reviews/approve', { csrf, mutation: rejectMe.mutation.id })).location).toBe('/staff/reviews?notice=already_decided');
    const page = await browser.get('/staff/reviews?notice=already_decided');
    expect(page.text).toContain('уже рассмотрена');
    expect(page.text).toContain('Нет правок на проверке');
    // A notice the page does not know is not shown (the query string is not a way to put text on the page).
    expect((await browser.get('/staff/reviews?notice=%3Cb%3Eunknown-notice')).text).not.toContain('unknown-notice');
  });

  it('an approval that meets a conflict says so on the page', async () => {
    const hub = await staffHub({ review: true });
    const kiosk = await enroll(hub);
    const first = await pushEdit(hub, kiosk, 'omsk-team', 'hours_ru', '9–18');
    // The second edit saw the same base, so it clashes once the first is approved.
    const team = (await hub.store.getRecord('exhibitors', JSON.stringify(['omsk-team'])))?.row as WireRow;
    expect(team.hours_ru).not.toBe('9–18');
    const second = await pushEdit(hub, kiosk, 'omsk-team', 'hours_ru', '10–17');
    const browser = await loggedIn(hub);
    const csrf = csrfOf(await browser.get('/staff/reviews'));
    const page = await browser.get('/staff/reviews');
    expect(page.text.split('class="review"').length - 1).toBe(2);

    await browser.post('/staff/reviews/approve', { csrf, mutation: first.mutation.id });
    // The page warns before the click that the hub's value has changed since the edit was made.
    expect((await browser.get('/staff/reviews')).text).toContain('Сейчас на хабе другое значение');
    const clash = await browser.post('/staff/reviews/approve', { csrf, mutation: second.mutation.id });
    expect(clash.location).toBe('/staff/reviews?notice=approval_conflict');
    expect((await hub.store.getRecord('edit_reviews', JSON.stringify([second.mutation.id])))?.row).toMatchObject({ status: 'rejected', reason: 'conflict' });
  });

  it('the settings page turns review on and off, and kiosks\u2019 edits follow it', async () => {
    const hub = await staffHub();
    const kiosk = await enroll(hub);
    const browser = await loggedIn(hub);
    const settings = await browser.get('/staff/settings');
    expect(settings.text).toMatch(/value="off" checked/);
    expect((await browser.post('/staff/settings', { csrf: csrfOf(settings), review: 'on' })).location).toBe('/staff/settings?notice=saved');
    expect((await browser.get('/staff/settings')).text).toMatch(/value="on" checked/);
    expect((await pushEdit(hub, kiosk, 'omsk-team', 'today_ru', 'Ждёт')).answer.results[0]?.status).toBe('review');

    expect((await browser.post('/staff/settings', { csrf: csrfOf(settings), review: 'maybe' })).status).toBe(400);
    expect(await hub.store.getSetting('review_edits')).toBe('1');
    await browser.post('/staff/settings', { csrf: csrfOf(settings), review: 'off' });
    expect((await pushEdit(hub, kiosk, 'omsk-team', 'hours_en', '9 to 6')).answer.results[0]?.status).toBe('applied');
  });
});

// ---- the pieces --------------------------------------------------------------------------------------------------

describe('building blocks', () => {
  it('html escapes every interpolated value and only trusts its own markup', () => {
    const evil = `<a href="x" onclick='y'>&amp;</a>`;
    expect(html`<p title="${evil}">${evil}</p>`.markup).toBe(
      '<p title="&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;">&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;</p>',
    );
    expect(html`<ul>${['<1>', html`<li>ok</li>`, null, false, 3]}</ul>`.markup).toBe('<ul>&lt;1&gt;<li>ok</li>3</ul>');
  });

  it('cookies: parsed by name, set with Secure only over TLS; secrets compared whatever their length', () => {
    expect(parseCookies('a=1; staff_session=abc; a=2')).toEqual(
      new Map([
        ['a', '1'],
        ['staff_session', 'abc'],
      ]),
    );
    expect(setCookie('staff_session', 'v', { secure: true, maxAgeSeconds: 60 })).toBe('staff_session=v; Path=/staff; Max-Age=60; HttpOnly; SameSite=Strict; Secure');
    expect(setCookie('staff_session', 'v', { secure: false, maxAgeSeconds: 60 })).not.toContain('Secure');
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });

  it('the limiter runs two tasks at once, queues sixteen in order and turns the rest away at once', async () => {
    const limit = createLimiter(2, 16);
    const finish: (() => void)[] = [];
    const started: number[] = [];
    const outcomes = Array.from({ length: 20 }, (_, i) =>
      limit(() => {
        started.push(i);
        return new Promise<number>((done) => finish.push(() => done(i)));
      }).then(
        (value) => ({ value }),
        (error: unknown) => ({ busy: error instanceof BusyError }),
      ),
    );
    // Two running, sixteen waiting, the last two refused without running.
    expect(started).toEqual([0, 1]);
    expect((await Promise.all(outcomes.slice(18))).every((outcome) => 'busy' in outcome && outcome.busy)).toBe(true);
    // Each finished task lets the next waiting one start, in the order they came.
    for (let i = 0; i < 18; i++) {
      finish[i]!();
      await outcomes[i];
    }
    expect(started).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(await Promise.all(outcomes.slice(0, 18))).toEqual(Array.from({ length: 18 }, (_, value) => ({ value })));
    // Free again: a new task runs at once.
    const later = limit(() => Promise.resolve('later'));
    await expect(later).resolves.toBe('later');
  });
});
