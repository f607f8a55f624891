// The exhibitor portal: the exhibitor screens served by the hub to a phone or laptop browser on the hall's network.
// The same contract calls as a kiosk (`exhibitor.*`), over the same wire format as the kiosk's HTTP transport
// (POST /portal/api/call/<name>, JSON in, a Result out), plus photo upload and the built page. Edits go through the
// hub's own rules (hub/sync/rules.ts), so ownership, field checks and review mode are the same as for a kiosk's edit.
// Security (docs/security.md): in-memory sessions behind an HttpOnly, SameSite=Strict cookie; a CSRF token in a
// custom header on every POST; same-origin checks; growing delays after wrong PINs, kept in the store.
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { afterFailure, afterSuccess, waitFor } from '../../electron/core/auth/throttle';
import { parseKdf, verifyPinAsync } from '../../electron/core/auth/pin';
import { calls, httpStatusOf, type CallName, type ErrorCode, type ExhibitorSession, type KioskError, type Result } from '../../electron/shared/contract';
import { findExhibitor } from '../exhibitors';
import type { HubStore } from '../store/hub-store';
import { editsOf, entryOf, idKey, saveEdit, sessionOf, statsOf } from './entry';
import { ownProjectDetail } from './preview';
import { findPortalDir, mediaPolicy, portalPolicy, readAsset, readPage } from './page';
import { addProjectPhoto, maxPhotoBytes } from './photos';
import {
  clearedCookieHeader,
  csrfHeader,
  csrfMatches,
  KeyedQueue,
  readSessionCookie,
  sessionCookieHeader,
  SessionStore,
  type PortalSession,
} from './sessions';

/** JSON calls are small: the longest is a save of a few long texts. */
export const maxCallBytes = 64 * 1024;

/** The exhibitor calls, and projects.get for the editor's preview (the exhibitor's own projects only). */
export const portalCalls = ['exhibitor.login', 'exhibitor.logout', 'exhibitor.session', 'exhibitor.entry', 'exhibitor.save', 'exhibitor.edits', 'exhibitor.stats', 'projects.get'] as const;
type PortalCall = (typeof portalCalls)[number];
const isPortalCall = (name: string): name is PortalCall => (portalCalls as readonly string[]).includes(name);

export type PortalOptions = {
  store: HubStore;
  now: () => number;
  log?: (line: string) => void;
  /** Called after the portal changed the catalog, so waiting kiosks pull at once. */
  changed?: () => void;
  /** The built page (out/portal); found beside the hub when not given. */
  portalDir?: string | null;
};

export type Portal = { sessions: SessionStore };

function fail(code: ErrorCode, message: string, extra: Partial<KioskError> = {}): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}

function send(reply: FastifyReply, result: Result<unknown>, status?: number): FastifyReply {
  if (!result.ok && result.error.retryAfterSeconds !== undefined) reply.header('retry-after', String(result.error.retryAfterSeconds));
  return reply
    .code(status ?? (result.ok ? 200 : httpStatusOf[result.error.code]))
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(result));
}

const loopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/**
 * Whether the page came over TLS: the hub serves TLS itself, or a TLS proxy on the same machine says so. The header is
 * believed only from loopback; believing it wrongly would only make the browser drop the cookie (fails closed).
 */
export function overTls(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  return request.headers['x-forwarded-proto'] === 'https' && loopback(request.socket.remoteAddress);
}

/**
 * A POST must come from the portal's own page: a browser names the page's origin (Origin, Sec-Fetch-Site) and a
 * cross-site page cannot fake either. Callers that are not browsers send neither and still need the CSRF header.
 */
function fromOwnPage(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Registers the portal under /portal on the hub's server. */
export function registerPortal(app: FastifyInstance, options: PortalOptions): Portal {
  const sessions = new SessionStore();
  const attempts = new KeyedQueue();
  const { store, now } = options;
  const portalDir = options.portalDir === undefined ? findPortalDir() : options.portalDir;

  void app.register(
    (portal, _opts, done) => {
      // Photos arrive as raw bytes under their image type; what they really are is decided from the bytes.
      portal.addContentTypeParser(/^(image\/[a-z0-9.+-]+|application\/octet-stream)$/i, { parseAs: 'buffer', bodyLimit: maxPhotoBytes }, (_request, body, finish) =>
        finish(null, body),
      );

      portal.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
        const status = error.statusCode ?? 500;
        const photo = request.url.startsWith('/portal/api/photo');
        if (status === 413) {
          return send(reply, fail('too_large', photo ? `The photo is larger than ${maxPhotoBytes / 1024 / 1024} MB.` : 'The request is too large.'));
        }
        if (status === 415) {
          return send(reply, fail('invalid_input', photo ? 'This file is not an image (JPEG, PNG, WebP or HEIC/AVIF photos are accepted).' : 'Send the input as application/json.'), 415);
        }
        if (status >= 400 && status < 500) return send(reply, fail('invalid_input', error.message));
        options.log?.(`[portal] internal error: ${error.message}`);
        return send(reply, fail('internal', 'The hub could not answer; try again.'));
      });
      portal.setNotFoundHandler((_request, reply) => send(reply, fail('not_found', 'No such address in the portal.')));

      portal.addHook('onSend', (_request, reply, payload, next) => {
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'no-referrer');
        reply.header('x-frame-options', 'DENY');
        next(null, payload);
      });

      /**
       * The caller's live session, or null. A session also ends when the exhibitor's PIN changed since the login
       * (staff reset a PIN that leaked): whoever knew the old PIN must not stay in.
       */
      const sessionOfRequest = async (request: FastifyRequest): Promise<{ id: string | null; session: PortalSession | null }> => {
        const id = readSessionCookie(request.headers.cookie);
        const session = sessions.touch(id, now());
        if (!session) return { id, session: null };
        const pins = (await store.getRecord('exhibitor_pins', idKey(session.exhibitorId)))?.row;
        if (!pins || pins.verifier !== session.pinVerifier) {
          sessions.end(id);
          return { id, session: null };
        }
        return { id, session };
      };

      /** Session and CSRF for everything but login and the session question; answers the refusal itself. */
      const requireSession = async (request: FastifyRequest, reply: FastifyReply): Promise<PortalSession | null> => {
        const { session } = await sessionOfRequest(request);
        if (!session) {
          send(reply, fail('unauthorized', 'Log in with your booth number and PIN.'));
          return null;
        }
        if (!csrfMatches(session, request.headers[csrfHeader])) {
          send(reply, fail('unauthorized', 'This request did not come from the portal page; reload it.'), 403);
          return null;
        }
        return session;
      };

      /** Origin and header checks every POST passes before its body is read. */
      const guardPost = (request: FastifyRequest, reply: FastifyReply): boolean => {
        const header = request.headers[csrfHeader];
        if (!fromOwnPage(request) || typeof header !== 'string' || header.length === 0) {
          send(reply, fail('unauthorized', 'This request did not come from the portal page; reload it.'), 403);
          return false;
        }
        return true;
      };

      portal.get('/', (_request, reply) => {
        const page = portalDir ? readPage(portalDir) : null;
        if (!page) {
          return reply.code(503).type('text/plain; charset=utf-8').send('The portal page has not been built on this hub: run `npm run build`.\n');
        }
        return reply
          .header('content-security-policy', portalPolicy)
          .header('cache-control', 'no-cache')
          .type('text/html; charset=utf-8')
          .send(page);
      });

      portal.get('/assets/:file', (request, reply) => {
        const { file } = request.params as { file: string };
        const asset = portalDir ? readAsset(portalDir, file) : null;
        if (!asset) return send(reply, fail('not_found', 'No such file.'));
        // Vite names its files by their content: a file of a given name never changes.
        return reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body);
      });

      portal.get('/media/:sha256', async (request, reply) => {
        const { session } = await sessionOfRequest(request);
        if (!session) return send(reply, fail('unauthorized', 'Log in to see photos.'));
        const { sha256 } = request.params as { sha256: string };
        if (!/^[0-9a-f]{64}$/.test(sha256)) return send(reply, fail('not_found', 'No such photo.'));
        const file = await store.mediaFile(sha256);
        if (!file) return send(reply, fail('not_found', 'No such photo.'));
        return reply
          .header('cache-control', 'private, max-age=86400, immutable')
          .header('content-security-policy', mediaPolicy)
          .header('content-length', file.bytes)
          .type(file.mime)
          .send(createReadStream(file.path));
      });

      portal.post('/api/call/:name', { bodyLimit: maxCallBytes, onRequest: (request, reply, next) => (guardPost(request, reply) ? next() : undefined) }, async (request, reply) => {
        const { name } = request.params as { name: string };
        if (!isPortalCall(name)) return send(reply, fail('unknown_call', `The portal answers ${portalCalls.join(', ')}.`));
        if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
          return send(reply, fail('invalid_input', 'Send the input as application/json.'), 415);
        }
        const parsed = calls[name satisfies CallName].input.safeParse(request.body ?? {});
        if (!parsed.success) {
          return send(
            reply,
            fail('invalid_input', 'The input does not match the call.', {
              issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
            }),
          );
        }
        const input = parsed.data as Record<string, unknown>;
        const secure = overTls(request);

        switch (name) {
          case 'exhibitor.login': {
            const { login, pin } = input as { login: string; pin: string };
            const result = await logIn(login, pin);
            if (!result.ok) return send(reply, result);
            sessions.end(readSessionCookie(request.headers.cookie));
            const { id, session } = sessions.create(result.value.session.exhibitorId, result.value.pinVerifier, now());
            reply.header('set-cookie', sessionCookieHeader(id, secure)).header(csrfHeader, session.csrf);
            options.log?.(`[portal] ${session.exhibitorId} logged in`);
            return send(reply, { ok: true, value: result.value.session });
          }
          case 'exhibitor.session': {
            const { session } = await sessionOfRequest(request);
            const value = session ? await sessionOf(store, session.exhibitorId) : null;
            // The page learns its CSRF token here after a reload; only the page's own origin can read this answer.
            if (session && value) reply.header(csrfHeader, session.csrf);
            return send(reply, { ok: true, value });
          }
          case 'exhibitor.logout': {
            const { id, session } = await sessionOfRequest(request);
            if (session && !csrfMatches(session, request.headers[csrfHeader])) return send(reply, fail('unauthorized', 'Reload the page.'), 403);
            sessions.end(id);
            reply.header('set-cookie', clearedCookieHeader(secure));
            return send(reply, { ok: true, value: null });
          }
          case 'exhibitor.entry': {
            const session = await requireSession(request, reply);
            if (!session) return reply;
            return send(reply, await entryOf(store, session.exhibitorId));
          }
          case 'exhibitor.save': {
            const session = await requireSession(request, reply);
            if (!session) return reply;
            const saved = await saveEdit(store, session.exhibitorId, parsed.data as Parameters<typeof saveEdit>[2], now());
            if (saved.changed) options.changed?.();
            return send(reply, saved.result);
          }
          case 'exhibitor.edits': {
            const session = await requireSession(request, reply);
            if (!session) return reply;
            return send(reply, { ok: true, value: await editsOf(store, session.exhibitorId) });
          }
          case 'exhibitor.stats': {
            const session = await requireSession(request, reply);
            if (!session) return reply;
            return send(reply, { ok: true, value: await statsOf(store, session.exhibitorId) });
          }
          case 'projects.get': {
            const session = await requireSession(request, reply);
            if (!session) return reply;
            const detail = await ownProjectDetail(store, session.exhibitorId, String(input.id));
            return send(reply, detail ? { ok: true, value: detail } : fail('not_found', 'No such project among yours.'));
          }
        }
      });

      portal.post(
        '/api/photo',
        {
          bodyLimit: maxPhotoBytes,
          // Refused before a byte of the body is read: another site, no session, a wrong token.
          onRequest: async (request, reply) => {
            if (!guardPost(request, reply) || !(await requireSession(request, reply))) return reply;
          },
        },
        async (request, reply) => {
          const session = await requireSession(request, reply);
          if (!session) return reply;
          const projectId = (request.query as Record<string, unknown>).projectId;
          if (typeof projectId !== 'string' || projectId.length === 0 || projectId.length > 128) {
            return send(reply, fail('invalid_input', 'Say which project the photo is for (?projectId=…).'));
          }
          if (!Buffer.isBuffer(request.body)) {
            return send(reply, fail('invalid_input', 'This file is not an image (JPEG, PNG, WebP or HEIC/AVIF photos are accepted).'), 415);
          }
          const added = await addProjectPhoto(store, session.exhibitorId, projectId, request.body, now);
          if (!added.ok) return send(reply, fail(added.refusal.code, added.refusal.message));
          if (added.changed) options.changed?.();
          options.log?.(`[portal] ${session.exhibitorId} added photo ${added.photo.sha256} to ${projectId}`);
          return send(reply, { ok: true, value: added.photo });
        },
      );

      done();
    },
    { prefix: '/portal' },
  );

  /** Checks a booth number (or id) and PIN, with growing delays per exhibitor after wrong PINs. */
  async function logIn(login: string, pin: string): Promise<Result<{ session: ExhibitorSession; pinVerifier: string }>> {
    const wrong = fail('unauthorized', 'Wrong booth number or PIN.');
    const exhibitor = await findExhibitor(store, login);
    if (!exhibitor) return wrong;
    const subject = `portal:${exhibitor.id}`;
    // One attempt at a time per exhibitor: parallel guesses must each see the failures before them.
    return attempts.run(subject, async () => {
      const state = await store.loginAttempts(subject);
      const wait = waitFor(state, now());
      if (wait > 0) {
        return fail('rate_limited', 'Too many wrong PINs: wait before trying again.', { retryAfterSeconds: Math.ceil(wait / 1000) });
      }
      const pins = (await store.getRecord('exhibitor_pins', idKey(exhibitor.id)))?.row;
      const kdf = pins ? parseKdf(String(pins.kdf)) : null;
      const signingKey =
        pins && kdf
          ? await verifyPinAsync(pin, { verifySalt: String(pins.verify_salt), verifier: String(pins.verifier), signSalt: String(pins.sign_salt), kdf })
          : null;
      if (!signingKey) {
        // An exhibitor without a PIN counts failures too: nobody learns which booths have one.
        const next = afterFailure(state, now());
        await store.setLoginAttempts(subject, next);
        const after = waitFor(next, now());
        options.log?.(`[portal] wrong PIN for ${exhibitor.id} (${next.failures} in a row)`);
        return fail('unauthorized', 'Wrong booth number or PIN.', after > 0 ? { retryAfterSeconds: Math.ceil(after / 1000) } : {});
      }
      if (state.failures > 0) await store.setLoginAttempts(subject, afterSuccess());
      const session = await sessionOf(store, exhibitor.id);
      return session && pins ? { ok: true, value: { session, pinVerifier: String(pins.verifier) } } : wrong;
    });
  }

  return { sessions };
}
