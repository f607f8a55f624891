// The staff pages under /staff on the hub: login, logout, the fleet (dashboard, commands, schedule, staff action log:
// fleet-routes.ts), the review queue of exhibitors' edits, usage statistics, settings.
// Everything here is scoped to this plugin (its form parser, headers and error pages), so the kiosks' JSON API beside
// it is untouched. Sessions, CSRF and passwords: session.ts and password.ts; the HTML: pages.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { afterFailure, afterSuccess, waitFor } from '../../electron/core/auth/throttle';
import type { HubServer } from '../server';
import type { HubStore, StaffSession } from '../store/hub-store';
import { approveEdit } from '../sync/rules';
import type { Html } from './html';
import { isReviewNotice, loginPage, logoutPage, messagePage, reviewsPage, settingsPage, type LoginPageState, type ReviewNotice } from './pages';
import { loginPattern, maxPasswordLength, normaliseLogin, verifyPassword } from './password';
import {
  BusyError,
  createLimiter,
  createSerialiser,
  hashSessionId,
  loginCookie,
  newSecret,
  newSession,
  parseCookies,
  sameSecret,
  secretPattern,
  sessionCookie,
  sessionIdleMs,
  sessionLifetimeMs,
  sessionState,
  setCookie,
} from './session';
import staffCss from './staff.css?raw';
import { registerFleetPages } from './fleet-routes';
import { registerUsagePages } from './usage-routes';

export type StaffPagesOptions = { store: HubStore; now: () => number; log?: (line: string) => void };

/** Where a signed-in member of staff starts: the fleet dashboard. */
export const homePath = '/staff/kiosks';

/** The review queue shows this many edits at a time, oldest first. */
export const reviewPageSize = 100;

/**
 * No script, no frames, no other origin: the pages are plain forms and one style sheet from the hub. Even if some text
 * escaped the escaping, a browser would run nothing. (The usage page alone also runs the hub's own chart scripts:
 * usageCsp in usage-routes.ts.)
 */
export const staffCsp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const formParser = 'application/x-www-form-urlencoded';

// The token is optional in the shape so that a form without it is refused as a forgery (403), not as malformed.
const csrfForm = z.object({ csrf: z.string().max(200).optional() });
const loginForm = csrfForm.extend({ login: z.string().max(200), password: z.string().max(maxPasswordLength * 4) });
const decisionForm = csrfForm.extend({ mutation: z.string().min(1).max(200), reason: z.string().max(5000).optional() });
const settingsForm = csrfForm.extend({ review: z.enum(['on', 'off']) });

/** Registers the staff pages on the hub's server (one call in server.ts). */
export function registerStaffPages(app: HubServer, options: StaffPagesOptions): void {
  void app.register((staff) => staffPlugin(staff, app, options), { prefix: '/staff' });
}

function staffPlugin(staff: FastifyInstance, app: HubServer, options: StaffPagesOptions): Promise<void> {
  const { store, now } = options;
  const serialised = createSerialiser();
  // Password checks over all logins: two at a time, sixteen waiting; more is answered "busy" (see createLimiter).
  const passwordChecks = createLimiter(2, 16);
  const checkPassword = (...args: Parameters<typeof verifyPassword>) => passwordChecks(() => verifyPassword(...args));

  // Forms post as application/x-www-form-urlencoded; parsed here only, small, as plain strings.
  if (!staff.hasContentTypeParser(formParser)) {
    staff.addContentTypeParser(formParser, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  }

  staff.addHook('onRequest', async (_request, reply) => {
    reply
      .header('content-security-policy', staffCsp)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store');
  });

  const sendPage = (reply: FastifyReply, page: Html, status = 200): FastifyReply => reply.code(status).type('text/html; charset=utf-8').send(page.markup);
  const secure = (request: FastifyRequest): boolean => request.protocol === 'https';

  staff.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      options.log?.(`[hub] staff page error: ${error.message}`);
      return sendPage(reply, messagePage('Ошибка / Error', 'Хаб не смог ответить. Попробуйте ещё раз. / The hub could not answer. Please try again.'), 500);
    }
    return sendPage(reply, messagePage('Неверный запрос / Bad request', 'Запрос не понят. / The request was not understood.'), status === 413 ? 413 : 400);
  });
  staff.setNotFoundHandler((_request, reply) => sendPage(reply, messagePage('Не найдено / Not found', 'Такой страницы нет. / No such page.'), 404));

  /** The signed-in session of a request, its idle clock restarted; an expired one is ended and gives null. */
  async function currentSession(request: FastifyRequest, options: { touch?: boolean } = {}): Promise<StaffSession | null> {
    const id = parseCookies(request.headers.cookie).get(sessionCookie);
    if (!id || !secretPattern.test(id)) return null;
    const idHash = hashSessionId(id);
    const session = await store.staffSession(idHash);
    if (!session) return null;
    const at = now();
    if (sessionState(session, at) !== 'valid') {
      await store.endStaffSession(idHash);
      return null;
    }
    // A page that refreshes itself (the dashboard) is not staff at work: it does not keep an idle session alive.
    if (options.touch === false) return session;
    await store.touchStaffSession(idHash, at);
    return { ...session, lastSeenAt: at };
  }

  /** For a POST: the session, if there is one and the form carries its CSRF token; otherwise the refusal is sent. */
  async function postingSession(request: FastifyRequest, reply: FastifyReply, csrf: string | undefined): Promise<StaffSession | null> {
    const session = await currentSession(request);
    if (!session) {
      sendPage(reply, messagePage('Нет входа / Not logged in', 'Сессия закончилась или вы не вошли. Войдите и повторите. / Your session has ended or you are not logged in. Log in and try again.'), 403);
      return null;
    }
    if (csrf === undefined || !sameSecret(csrf, session.csrfToken)) {
      sendPage(reply, messagePage('Запрос отклонён / Request refused', 'Форма не с этой страницы или устарела. Откройте страницу заново. / The form did not come from this session or has expired. Open the page again.'), 403);
      return null;
    }
    return session;
  }

  const parseForm = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> | null => {
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : null;
  };
  const badForm = (reply: FastifyReply) => sendPage(reply, messagePage('Неверный запрос / Bad request', 'Форма заполнена не полностью. / The form is incomplete.'), 400);

  // ---- style sheet ----

  staff.get('/staff.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(staffCss));

  staff.get('/', async (_request, reply) => reply.redirect(homePath, 303));

  // ---- login and logout ----

  /** The login form's token: the one already in the browser's cookie, or a new one (the reply sets it). */
  function loginToken(request: FastifyRequest, reply: FastifyReply): string {
    const existing = parseCookies(request.headers.cookie).get(loginCookie);
    if (existing && secretPattern.test(existing)) return existing;
    const token = newSecret();
    reply.header('set-cookie', setCookie(loginCookie, token, { secure: secure(request), maxAgeSeconds: 12 * 60 * 60 }));
    return token;
  }

  async function showLogin(request: FastifyRequest, reply: FastifyReply, state: Omit<LoginPageState, 'noAccounts' | 'csrfToken'>, status = 200) {
    const noAccounts = (await store.activeStaffCount()) === 0;
    return sendPage(reply, loginPage({ ...state, noAccounts, csrfToken: loginToken(request, reply) }), status);
  }

  staff.get('/login', async (request, reply) => {
    if (await currentSession(request)) return reply.redirect(homePath, 303);
    const query = request.query as Record<string, string | undefined>;
    const error = query.m === 'signed_out' || query.m === 'session_ended' ? query.m : undefined;
    return showLogin(request, reply, { error });
  });

  staff.post('/login', async (request, reply) => {
    const form = parseForm(loginForm, request.body);
    if (!form) return badForm(reply);
    const expected = parseCookies(request.headers.cookie).get(loginCookie);
    if (!expected || !secretPattern.test(expected) || form.csrf === undefined || !sameSecret(form.csrf, expected)) {
      return showLogin(request, reply, { error: 'expired_form', login: form.login.slice(0, 40) }, 403);
    }
    const login = normaliseLogin(form.login);
    try {
      // A login that cannot exist is never throttled or stored, but costs the same time as a wrong password.
      if (!loginPattern.test(login)) {
        await checkPassword(form.password, null);
        return showLogin(request, reply, { error: 'wrong', login: form.login.slice(0, 40) }, 401);
      }
      return await logIn(request, reply, form, login);
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      reply.header('retry-after', '2');
      return showLogin(request, reply, { error: 'busy', login: form.login.slice(0, 40) }, 503);
    }
  });

  async function logIn(request: FastifyRequest, reply: FastifyReply, form: z.infer<typeof loginForm>, login: string): Promise<FastifyReply> {
    const subject = `staff:${login}`;
    const outcome = await serialised(subject, async () => {
      const at = now();
      const attempts = await store.loginAttempts(subject);
      const wait = waitFor(attempts, at);
      if (wait > 0) return { kind: 'wait' as const, wait };
      const account = await store.staffAccount(login);
      const ok = await checkPassword(form.password, account && account.disabledAt === null ? account : null);
      if (!ok) {
        const next = afterFailure(attempts, at);
        await store.setLoginAttempts(subject, next);
        return { kind: 'wrong' as const, wait: waitFor(next, at) };
      }
      await store.setLoginAttempts(subject, afterSuccess());
      return { kind: 'ok' as const };
    });
    if (outcome.kind === 'wait') {
      reply.header('retry-after', String(Math.ceil(outcome.wait / 1000)));
      return showLogin(request, reply, { error: 'wait', login, waitSeconds: Math.ceil(outcome.wait / 1000) }, 429);
    }
    if (outcome.kind === 'wrong') return showLogin(request, reply, { error: 'wrong', login, waitSeconds: Math.ceil(outcome.wait / 1000) }, 401);

    const at = now();
    await store.endExpiredStaffSessions(at, at - sessionIdleMs);
    // Always a new session id at login: a cookie planted before login never becomes a session.
    const previous = parseCookies(request.headers.cookie).get(sessionCookie);
    if (previous && secretPattern.test(previous)) await store.endStaffSession(hashSessionId(previous));
    const { id, record } = newSession(login, at);
    await store.createStaffSession(record);
    options.log?.(`[hub] staff ${login} logged in`);
    reply.header('set-cookie', [
      setCookie(sessionCookie, id, { secure: secure(request), maxAgeSeconds: sessionLifetimeMs / 1000 }),
      setCookie(loginCookie, '', { secure: secure(request), maxAgeSeconds: 0 }),
    ]);
    return reply.redirect(homePath, 303);
  }

  staff.get('/logout', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return reply.redirect('/staff/login', 303);
    return sendPage(reply, logoutPage(session));
  });

  staff.post('/logout', async (request, reply) => {
    const form = parseForm(csrfForm, request.body);
    if (!form) return badForm(reply);
    const session = await postingSession(request, reply, form.csrf);
    if (!session) return reply;
    await store.endStaffSession(session.idHash);
    reply.header('set-cookie', setCookie(sessionCookie, '', { secure: secure(request), maxAgeSeconds: 0 }));
    return reply.redirect('/staff/login?m=signed_out', 303);
  });

  // ---- review queue ----

  staff.get('/reviews', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return reply.redirect('/staff/login?m=session_ended', 303);
    const query = request.query as Record<string, string | undefined>;
    const reviews = await store.pendingReviews(reviewPageSize);
    const reviewOn = (await store.getSetting('review_edits')) === '1';
    return sendPage(reply, reviewsPage(session, reviews, { reviewOn, notice: isReviewNotice(query.notice) ? query.notice : undefined, limit: reviewPageSize }));
  });

  async function decide(request: FastifyRequest, reply: FastifyReply, approve: boolean) {
    const form = parseForm(decisionForm, request.body);
    if (!form) return badForm(reply);
    const session = await postingSession(request, reply, form.csrf);
    if (!session) return reply;
    const outcome = await store.decideReview(form.mutation, { approve, reason: form.reason ?? '', by: session.login }, approveEdit, now());
    let notice: ReviewNotice;
    if (!outcome.ok) notice = outcome.error;
    else {
      app.changes.notify();
      options.log?.(`[hub] staff ${session.login} ${approve ? 'approved' : 'rejected'} edit ${form.mutation}: ${outcome.edit.status}`);
      notice = !approve
        ? 'rejected'
        : outcome.edit.status === 'approved'
          ? 'approved'
          : outcome.edit.status === 'conflict'
            ? outcome.review.status === 'approved'
              ? 'approved_partly'
              : 'approval_conflict'
            : 'approval_refused';
    }
    return reply.redirect(`/staff/reviews?notice=${notice}`, 303);
  }

  staff.post('/reviews/approve', (request, reply) => decide(request, reply, true));
  staff.post('/reviews/reject', (request, reply) => decide(request, reply, false));

  // ---- the fleet: dashboard, commands, schedule, staff actions (fleet-routes.ts) ----

  registerFleetPages(staff, { store, now, currentSession, postingSession, sendPage, badForm, notify: () => app.changes.notify(), log: options.log });

  // ---- usage statistics (usage-routes.ts) ----

  registerUsagePages(staff, { store, currentSession, sendPage, log: options.log });

  // ---- settings ----

  staff.get('/settings', async (request, reply) => {
    const session = await currentSession(request);
    if (!session) return reply.redirect('/staff/login?m=session_ended', 303);
    const query = request.query as Record<string, string | undefined>;
    const reviewOn = (await store.getSetting('review_edits')) === '1';
    const pending = (await store.pendingReviews(reviewPageSize)).length;
    return sendPage(reply, settingsPage(session, { reviewOn, pending }, query.notice === 'saved'));
  });

  staff.post('/settings', async (request, reply) => {
    const raw = parseForm(csrfForm, request.body);
    if (!raw) return badForm(reply);
    const session = await postingSession(request, reply, raw.csrf);
    if (!session) return reply;
    const form = parseForm(settingsForm, request.body);
    if (!form) return badForm(reply);
    await store.setSetting('review_edits', form.review === 'on' ? '1' : '0');
    options.log?.(`[hub] staff ${session.login} turned review of exhibitors' edits ${form.review}`);
    return reply.redirect('/staff/settings?notice=saved', 303);
  });

  return Promise.resolve();
}
