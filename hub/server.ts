// The hub's HTTP API for kiosks (docs/sync-protocol.md). Fastify for routing, body limits and content types;
// the rules live in sync/rules.ts and the storage behind store/hub-store.ts.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SyncedTable } from '../db/sync-tables';
import {
  ackRequest,
  enrollRequest,
  heartbeat,
  protocolHeader,
  pullResponse,
  pushRequest,
  schemaHeader,
  syncBasePath,
  syncProtocol,
  type EnrollResponse,
  type ErrorResponse,
  type PushResponse,
} from '../electron/shared/sync-protocol';
import { registerPortal } from './portal/index';
import type { Device, HubStore } from './store/hub-store';
import { hubRules } from './sync/rules';
import { messagePage } from './staff/pages';
import { registerStaffPages, staffCsp } from './staff/routes';

export const supportedProtocols = [syncProtocol];
/** The oldest kiosk catalog schema that can hold what this hub sends (5: PIN verifiers, review decisions, project stats). */
export const minKioskSchema = 6;
/**
 * Synced tables newer than `minKioskSchema`, with the kiosk schema that brought each: a kiosk of an older schema is
 * not sent their rows, and its upgrade rebuilds its copy (the migration asks for it) to receive them.
 */
export const tablesSinceSchema: Partial<Record<SyncedTable, number>> = { media_thumbs: 7 };
export const defaultPageSize = 500;
export const maxPageSize = 2000;
/** Longest a watch request is held open, seconds. */
export const maxWatchSeconds = 30;

export type HubServerOptions = {
  store: HubStore;
  now?: () => number;
  /** Bytes; pushes of a full outbox stay far below this. */
  bodyLimit?: number;
  log?: (line: string) => void;
  /** A folder of app updates (electron-builder's latest*.yml, installers, blockmaps), served at /updates/. */
  updatesDir?: string;
};

/**
 * `r`: the cursor is part of a scan from the beginning (a kiosk rebuilding), which needs no tombstones, so purged
 * tombstones do not make it expire; the last page of such a scan gives an ordinary cursor.
 */
type Cursor = { e: string; s: number; r?: true };

export function encodeCursor(epoch: string, seq: number, scan = false): string {
  return Buffer.from(JSON.stringify({ e: epoch, s: seq, ...(scan ? { r: true } : {}) } satisfies Cursor)).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { e, s, r } = value as Record<string, unknown>;
    if (typeof e !== 'string' || typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) return null;
    return r === true ? { e, s, r } : { e, s };
  } catch {
    return null;
  }
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Enrollment codes are read off a screen and typed: no look-alike letters, case and dashes ignored. */
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newEnrollCode(): string {
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => codeAlphabet[b % codeAlphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

function errorBody(error: ErrorResponse['error'], message: string, extra: Partial<ErrorResponse> = {}): ErrorResponse {
  return { error, message, ...extra };
}

/**
 * Wakes waiting watch requests when something changed for kiosks. In-process only: changes written by another
 * process (a CLI import while the hub runs) reach kiosks when their watch times out, within `maxWatchSeconds`.
 */
export class ChangeSignal {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  notify(): void {
    this.emitter.emit('change');
  }
  /** Calls `listener` after each change (the hub's own upkeep, e.g. pictures at display size). */
  subscribe(listener: () => void): void {
    this.emitter.on('change', listener);
  }
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('change', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.on('change', done);
      signal.addEventListener('abort', done);
    });
  }
}

export type HubServer = FastifyInstance & { changes: ChangeSignal };

/**
 * The router's own refusals (a path it cannot percent-decode, a parameter over its length limit) never reach the error
 * handlers: they are answered here, in the format of the part of the hub that was asked.
 */
function answerRouterError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'The address is too long.' : 'The address cannot be read.';
  const path = request.url;
  if (path.startsWith('/portal')) {
    void reply.code(400).send({ ok: false, error: { code: 'invalid_input', message } });
  } else if (path.startsWith('/staff')) {
    void reply
      .code(400)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', staffCsp)
      .header('cache-control', 'no-store')
      .send(messagePage('Неверный адрес / Bad address', message).markup);
  } else {
    void reply.code(400).header('cache-control', 'no-store').send(errorBody('invalid_request', message));
  }
}

export function createHubServer(options: HubServerOptions): HubServer {
  const { store } = options;
  const now = options.now ?? (() => Date.now());
  const changes = new ChangeSignal();
  const app = Object.assign(
    Fastify({
      bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
      logger: false,
      return503OnClosing: true,
      forceCloseConnections: true,
      // The router's own refusals (a path it cannot percent-decode, a parameter over its length limit) never reach the
      // error handlers below: answer them here, in the format of the part of the hub that was asked.
      frameworkErrors: answerRouterError,
    }),
    {
    changes,
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('too_large', 'The request body is too large.'));
    if (status >= 400 && status < 500) return reply.code(status === 415 ? 415 : 400).send(errorBody('invalid_request', error.message));
    options.log?.(`[hub] internal error: ${error.message}`);
    return reply.code(500).send(errorBody('internal', 'The hub could not answer; the kiosk will try again.'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found', 'No such address on the hub.')));

  // Nothing a kiosk fetches from the sync API may be kept by a proxy, except immutable media (set per route).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  /** Checks protocol and schema headers; answers 426 and returns false when this kiosk must be upgraded. */
  function checkVersions(request: FastifyRequest, reply: FastifyReply): boolean {
    const protocol = Number(request.headers[protocolHeader]);
    const schema = Number(request.headers[schemaHeader]);
    if (!supportedProtocols.includes(protocol)) {
      void reply.code(426).send(
        errorBody('upgrade_required', `This hub speaks sync protocol ${supportedProtocols.join(', ')}; the kiosk sent ${String(request.headers[protocolHeader] ?? 'none')}.`, {
          supportedProtocols,
          minKioskSchema,
        }),
      );
      return false;
    }
    if (!Number.isInteger(schema) || schema < minKioskSchema) {
      void reply.code(426).send(errorBody('upgrade_required', `This hub needs kiosk schema ${minKioskSchema} or newer.`, { supportedProtocols, minKioskSchema }));
      return false;
    }
    return true;
  }

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Device | null> {
    if (!checkVersions(request, reply)) return null;
    const header = request.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9_-]{32,200})$/.exec(header)?.[1];
    const device = token ? await store.deviceByToken(hashSecret(token)) : null;
    if (!device) {
      void reply.code(401).send(errorBody('unauthorized', 'This kiosk is not enrolled with this hub.'));
      return null;
    }
    if (device.revokedAt !== null) {
      void reply.code(401).send(errorBody('revoked', 'This kiosk\u2019s credential was revoked by staff; enroll it again.'));
      return null;
    }
    return device;
  }

  function parse<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.infer<S> | null {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      void reply.code(400).send(errorBody('invalid_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')));
      return null;
    }
    return parsed.data;
  }

  app.get('/', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('Congress Hall kiosk hub. Kiosks sync at /sync/v1; see docs/sync-protocol.md.\n'),
  );

  app.post(`${syncBasePath}/enroll`, async (request, reply) => {
    if (!checkVersions(request, reply)) return reply;
    const body = parse(enrollRequest, request.body, reply);
    if (!body) return reply;
    const token = randomBytes(32).toString('base64url');
    const device = await store.enroll(hashSecret(normaliseCode(body.code)), body.kioskId, body.name, hashSecret(token), now());
    if (!device) return reply.code(401).send(errorBody('unauthorized', 'The enrollment code is wrong, used or expired.'));
    options.log?.(`[hub] kiosk ${device.id} enrolled`);
    const answer: EnrollResponse = { protocol: syncProtocol, deviceId: device.id, token, nextOrder: device.lastOrder + 1 };
    return reply.send(answer);
  });

  app.get(`${syncBasePath}/pull`, async (request, reply) => {
    const device = await authenticate(request, reply);
    if (!device) return reply;
    const query = request.query as Record<string, string | undefined>;
    const limit = query.limit === undefined ? defaultPageSize : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
      return reply.code(400).send(errorBody('invalid_request', `limit must be a whole number from 1 to ${maxPageSize}.`));
    }
    const meta = await store.meta();
    const at = now();
    let from = 0;
    let scan = true;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      const reason = !cursor
        ? 'invalid'
        : cursor.e !== meta.epoch
          ? 'epoch'
          : cursor.s > meta.headSeq
            ? 'ahead'
            : cursor.s < meta.tombstoneFloor && !cursor.r
              ? 'expired'
              : null;
      if (reason || !cursor) return reply.send(pullResponse.parse({ kind: 'reset', protocol: syncProtocol, now: at, reason: reason ?? 'invalid' }));
      from = cursor.s;
      scan = cursor.r === true;
    }
    const records = await store.changesSince(from, limit);
    const last = records.at(-1)?.seq ?? from;
    const more = records.length === limit;
    const schema = Number(request.headers[schemaHeader]);
    const sendable = records.filter((r) => (tablesSinceSchema[r.table] ?? 0) <= schema);
    const commands = await store.commandsFor(device.id, at, 50);
    return reply.send({
      kind: 'changes',
      protocol: syncProtocol,
      now: at,
      changes: sendable.map((r) => ({ t: r.table, seq: r.seq, k: r.key, row: r.row })),
      cursor: encodeCursor(meta.epoch, last, scan && more),
      more,
      commands,
    });
  });

  app.get(`${syncBasePath}/watch`, async (request, reply) => {
    const device = await authenticate(request, reply);
    if (!device) return reply;
    const query = request.query as Record<string, string | undefined>;
    const wait = query.wait === undefined ? 25 : Number(query.wait);
    if (!Number.isFinite(wait) || wait < 0 || wait > maxWatchSeconds) {
      return reply.code(400).send(errorBody('invalid_request', `wait must be a number of seconds from 0 to ${maxWatchSeconds}.`));
    }
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const hasNews = async (): Promise<boolean> => {
      const meta = await store.meta();
      if (!cursor || cursor.e !== meta.epoch || cursor.s !== meta.headSeq) return true;
      return (await store.commandsFor(device.id, now(), 1)).length > 0;
    };
    const closed = new AbortController();
    request.raw.once('close', () => closed.abort());
    const deadline = Date.now() + wait * 1000;
    let changed = await hasNews();
    while (!changed && !closed.signal.aborted && Date.now() < deadline) {
      await changes.wait(deadline - Date.now(), closed.signal);
      changed = await hasNews();
    }
    return reply.send({ protocol: syncProtocol, now: now(), changed });
  });

  app.post(`${syncBasePath}/push`, async (request, reply) => {
    const device = await authenticate(request, reply);
    if (!device) return reply;
    const body = parse(pushRequest, request.body, reply);
    if (!body) return reply;
    const outcome = await store.pushMutations(device.id, body.mutations, hubRules, now());
    if (outcome.results.some((r) => r.status !== 'rejected' && !r.replayed)) changes.notify();
    const answer: PushResponse = { protocol: syncProtocol, now: now(), ...outcome };
    return reply.send(answer);
  });

  app.post(`${syncBasePath}/ack`, async (request, reply) => {
    const device = await authenticate(request, reply);
    if (!device) return reply;
    const body = parse(ackRequest, request.body, reply);
    if (!body) return reply;
    await store.ackCommands(device.id, body.commands, now());
    return reply.send({ protocol: syncProtocol, now: now() });
  });

  app.post(`${syncBasePath}/heartbeat`, async (request, reply) => {
    const device = await authenticate(request, reply);
    if (!device) return reply;
    const body = parse(heartbeat, request.body, reply);
    if (!body) return reply;
    await store.recordHeartbeat(device.id, body, now());
    return reply.send({ protocol: syncProtocol, now: now() });
  });

  app.get(`${syncBasePath}/media/:sha256`, async (request, reply) => {
    const device = await authenticate(request, reply);
    if (!device) return reply;
    const { sha256 } = request.params as { sha256: string };
    if (!/^[0-9a-f]{64}$/.test(sha256)) return reply.code(400).send(errorBody('invalid_request', 'A media address is a lowercase SHA-256.'));
    const file = await store.mediaFile(sha256);
    if (!file) return reply.code(404).send(errorBody('not_found', 'The hub does not have this file.'));
    reply.header('accept-ranges', 'bytes').header('etag', `"${sha256}"`).header('cache-control', 'private, max-age=31536000, immutable');
    const range = parseRange(request.headers.range, file.bytes);
    if (range === 'invalid') {
      return reply
        .code(416)
        .type('application/json; charset=utf-8')
        .header('content-range', `bytes */${file.bytes}`)
        .send(errorBody('invalid_request', 'The requested range is not in the file.'));
    }
    reply.type(file.mime);
    if (range) {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.bytes}`).header('content-length', range.end - range.start + 1);
      return reply.send(createReadStream(file.path, { start: range.start, end: range.end }));
    }
    reply.header('content-length', file.bytes);
    return reply.send(createReadStream(file.path));
  });

  registerPortal(app, { store, now, log: options.log, changed: () => changes.notify() });

  // App updates for electron-updater (generic provider). Installers are not secret; names are plain file names only,
  // so nothing outside the folder can be asked for.
  app.get('/updates/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!options.updatesDir || !/^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,199}$/.test(file) || file.includes('..')) {
      return reply.code(404).send(errorBody('not_found', 'No such update file.'));
    }
    const path = join(options.updatesDir, file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) return reply.code(404).send(errorBody('not_found', 'No such update file.'));
    reply.header('accept-ranges', 'bytes').header('cache-control', 'no-cache');
    const range = parseRange(request.headers.range, stat.size);
    if (range === 'invalid') {
      return reply.code(416).type('application/json; charset=utf-8').header('content-range', `bytes */${stat.size}`).send(errorBody('invalid_request', 'Bad range.'));
    }
    reply.type(file.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream');
    if (range) {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`).header('content-length', range.end - range.start + 1);
      return reply.send(createReadStream(path, { start: range.start, end: range.end }));
    }
    reply.header('content-length', stat.size);
    return reply.send(createReadStream(path));
  });

  registerStaffPages(app, { store, now, log: options.log });
  return app;
}

/** One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}
