// Fuzzing the kiosk's contract (issue 9, "proof under load and abuse"). A real kiosk core on a temporary data folder
// with the demo forum, and its HTTP transport on 127.0.0.1, are fed with property-based input from fast-check:
// arbitrary call names, arbitrary JSON for every call of the contract, raw HTTP bodies, content types, methods and
// request targets, and the exhibitor calls with and without a session. What must hold whatever comes in:
//   - every answer is a well-formed Result (or, outside /api/, an HTTP status below 500), never an exception;
//   - input the contract refuses never reaches a handler (invalid_input), and valid input fails only in the ways the
//     contract lists for that call;
//   - nothing is written: the catalog is byte-for-byte what it was, SQLite's quick_check is ok, Object.prototype is
//     untouched, and a normal call still answers correctly;
//   - with an exhibitor session, a value is either saved exactly (only the documented tidying: \r\n → \n, trimmed)
//     and shown so by exhibitor.entry, or refused with a reason and nothing written.
// Seeds are fixed so a run is repeatable (FUZZ_SEED overrides); fast-check prints the seed and the shrunk
// counterexample of any failure.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPin, demoStaffPin } from '../../../db/demo/pins';
import { editableFields, syncedTableNames, syncedTables, type EditRule } from '../../../db/sync-tables';
import { createAssetServer } from '../../../electron/core/assets';
import { maxBodyBytes, startHttpTransport, type HttpTransport } from '../../../electron/core/http-transport';
import { createKioskCore, type KioskCore } from '../../../electron/core/kiosk-core';
import { callNames, calls, isCallName, type CallName, type EditRecord, type ErrorCode, type ExhibitorEntry, type Result } from '../../../electron/shared/contract';
import { anyNumber, anyString, brokenJson, cleanText, deepValue, fuzzSettings, jsonValue, keyOf, nastyString, tidyEdit } from './arbitraries';
import { percentEncode, rawRequest as rawRequestTo, requestBytes, type RawAnswer } from './raw-http';

// ---- the kiosk under test -------------------------------------------------------------------------------------

const settings = fuzzSettings;

/** The kiosk's clock: fixed, so the wrong-PIN delays and the exhibitor session's idle limit move only when we say. */
const clock = { now: Date.parse('2026-12-03T11:00:00+06:00') };

let dir: string;
let core: KioskCore;
let http: HttpTransport;
let port: number;
/** The catalog as the demo left it: per synced table, its row count and a hash of every row. */
let before: Map<string, { rows: number; sha256: string }>;
let prototypeKeys: string[];
let ids: { regions: string[]; projects: string[]; clusters: string[]; tags: string[]; routes: string[]; exhibitors: string[] };

/** The demo exhibitor of booth A-3 (db/demo/pins.ts); with 100 demo projects it owns one project. */
const polymer = 'omsk-polymer';
let polymerProject: string;

beforeAll(async () => {
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-fuzz-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  core = createKioskCore({ dataDir: join(dir, 'data'), appVersion: '0.0.0-fuzz', demo: { projects: 100 }, now: () => new Date(clock.now) });
  http = await startHttpTransport(core, createAssetServer({ rendererDir, db: core.db, media: core.media }), { port: 0 });
  port = Number(new URL(http.url).port);
  before = catalogDigest();
  const column = (sql: string) => (core.db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  ids = {
    regions: column('SELECT id FROM regions WHERE deleted = 0 ORDER BY id LIMIT 20'),
    projects: column('SELECT id FROM projects WHERE deleted = 0 ORDER BY id LIMIT 20'),
    clusters: column('SELECT id FROM clusters WHERE deleted = 0 ORDER BY id'),
    tags: column('SELECT id FROM tags WHERE deleted = 0 ORDER BY id'),
    routes: column('SELECT id FROM routes WHERE deleted = 0 ORDER BY id'),
    exhibitors: column('SELECT id FROM exhibitors WHERE deleted = 0 ORDER BY id LIMIT 20'),
  };
  polymerProject = column(`SELECT id FROM projects WHERE deleted = 0 AND exhibitor_id = '${polymer}' ORDER BY id LIMIT 1`)[0] ?? '';
  expect(polymerProject, 'the demo with 100 projects gives omsk-polymer a project').not.toBe('');
});

afterAll(async () => {
  await http?.close();
  await core?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every synced table's rows (tombstones included) in key order, hashed: any change to any byte shows. */
function catalogDigest(): Map<string, { rows: number; sha256: string }> {
  const digest = new Map<string, { rows: number; sha256: string }>();
  for (const table of syncedTableNames) {
    const rows = core.db.prepare(`SELECT * FROM ${table} ORDER BY ${syncedTables[table].key.join(', ')}`).all();
    digest.set(table, { rows: rows.length, sha256: createHash('sha256').update(JSON.stringify(rows)).digest('hex') });
  }
  return digest;
}

/**
 * SQLite's quick_check on a fresh connection. Not on the core's own: that connection loaded the demo, and once the
 * sync worker's connection has written the search index 15 times, FTS5's check on the older connection reports
 * "fts5: corruption found" from a stale cache although the file is sound (a fresh connection and the writer say ok;
 * reproduced with plain better-sqlite3, SQLite 3.53.2). The kiosk's db-guard checks fresh connections only.
 */
function quickCheck(): string {
  const fresh = new Database(join(core.dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    return fresh.pragma('quick_check', { simple: true }) as string;
  } finally {
    fresh.close();
  }
}

const outboxSize = () => (core.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

// ---- what a well-formed answer is ----------------------------------------------------------------------------

/** The contract's error codes as a runtime list; the type below fails to compile if the contract adds one. */
const errorCodes = ['invalid_input', 'unknown_call', 'not_found', 'too_large', 'unavailable', 'internal', 'unauthorized', 'rate_limited'] as const;
type Unlisted = Exclude<ErrorCode, (typeof errorCodes)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : false = true;

/** Checks the exact shape of a Result: `{ok: true, value}` or `{ok: false, error: {code, message, issues?, retryAfterSeconds?}}`. */
function expectResult(answer: unknown): asserts answer is Result<unknown> {
  expect(everyCodeListed).toBe(true);
  expect(typeof answer === 'object' && answer !== null && !Array.isArray(answer), `not an object: ${String(answer)}`).toBe(true);
  const result = answer as Record<string, unknown>;
  if (result.ok === true) {
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
    return;
  }
  expect(result.ok).toBe(false);
  expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
  const error = result.error as Record<string, unknown>;
  expect(errorCodes).toContain(error.code);
  expect(typeof error.message).toBe('string');
  for (const key of Object.keys(error)) expect(['code', 'message', 'issues', 'retryAfterSeconds']).toContain(key);
  if (error.issues !== undefined) {
    expect(Array.isArray(error.issues)).toBe(true);
    for (const issue of error.issues as unknown[]) {
      expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  }
  if (error.retryAfterSeconds !== undefined) expect(error.retryAfterSeconds).toBeGreaterThan(0);
}

const codeOf = (answer: Result<unknown>): ErrorCode | 'ok' => (answer.ok ? 'ok' : answer.error.code);

/**
 * For input the contract accepts, how a call may fail while nobody is logged in as an exhibitor: the exhibitor calls
 * answer `unauthorized` without a session (the contract says so for each; login also `rate_limited`), a call for one
 * thing by id `not_found`. Anything else — `internal` above all — means a handler met input it could not cope with.
 */
function allowedWithoutSession(name: CallName): readonly ErrorCode[] {
  if (name === 'exhibitor.login' || name === 'staff.login') return ['unauthorized', 'rate_limited'];
  if (name === 'staff.session' || name === 'staff.logout') return [];
  if (name.startsWith('staff.') || name === 'presentation.start' || name === 'presentation.stop') return ['unauthorized'];
  if (name === 'exhibitor.session' || name === 'exhibitor.logout') return [];
  if (name.startsWith('exhibitor.')) return ['unauthorized'];
  if (name === 'projects.get' || name === 'route.get') return ['not_found'];
  return [];
}

// ---- arbitraries ---------------------------------------------------------------------------------------------

/** Every key the contract's inputs know, plus keys aimed at prototypes. */
const contractKeys = [...new Set(callNames.flatMap((name) => Object.keys(shapeOf(name))))];
const anyKey = keyOf(contractKeys);
const anyValue = jsonValue(contractKeys);

/** The keys of a call's input, read from its zod schema: a strict z.object, or a union of them (every key of each). */
function shapeOf(name: CallName): Record<string, unknown> {
  const schema = calls[name].input as unknown as { shape?: Record<string, unknown>; options?: { shape?: Record<string, unknown> }[] };
  return Object.assign({}, schema.shape, ...(schema.options ?? []).map((option) => option.shape ?? {}));
}

/** Values that are right, or nearly right, for a key the contract knows. */
function plausible(key: string): fc.Arbitrary<unknown> {
  const some = (list: () => string[]) => fc.constant(null).chain(() => fc.constantFrom(...(list().length ? list() : ['none'])));
  switch (key) {
    case 'regionId':
      return fc.oneof(some(() => ids.regions), nastyString);
    case 'clusterId':
      return fc.oneof(some(() => ids.clusters), nastyString);
    case 'tagId':
      return fc.oneof(some(() => ids.tags), nastyString);
    case 'id':
      return fc.oneof(some(() => ids.projects), some(() => ids.routes), some(() => ids.exhibitors), nastyString, fc.constant(''));
    case 'featured':
      return fc.oneof(fc.boolean(), fc.constantFrom(0, 1, 'true'));
    case 'offset':
    case 'limit':
      return anyNumber;
    case 'q':
      return fc.oneof(anyString, some(() => ['омск', 'нефть', 'завод', 'tour', 'ё']));
    case 'activity':
      return fc.oneof(fc.constantFrom('attract', 'visit', 'ATTRACT', ''), nastyString);
    case 'at':
      return fc.oneof(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('2026-12-03T10:00:00+06:00', '2026-12-03T10:00:00', '2026-02-30T10:00:00Z', '2026-12-03T24:00:00Z', '9999-12-31T23:59:59.999+14:00', 'now'),
        nastyString,
      );
    case 'login':
      // The demo booths and exhibitor ids, so some logins reach the PIN check (and its growing delays).
      return fc.oneof(fc.constantFrom('A-1', 'a2', 'A-3', ' a - 3 ', 'omsk-polymer', 'OMSK-TEAM', 'Z-999'), nastyString);
    case 'pin':
      // Never the demo PIN here: these tests must not open a session.
      return fc.oneof(fc.constantFrom('000000', '12345', '1234567', '123456 ', ' 123456', '１２３４５６', '246811'), nastyString).filter((pin) => pin !== demoPin && pin !== demoStaffPin);
    case 'playlist':
      return fc.oneof(
        fc.constantFrom({ kind: 'route' }, { kind: 'featured' }, { kind: 'on_stage' }, { kind: 'region', regionId: 'omsk' }, { kind: 'region', regionId: 'nowhere' }, { kind: 'region' }, { kind: 'stage' }),
        anyValue,
      );
    case 'target':
      return fc.oneof(fc.constantFrom('exhibitor', 'project', 'projects', 'exhibitors'), nastyString);
    case 'values':
      return valuesArbitrary;
    case 'kind':
      return fc.oneof(fc.constantFrom('screen', 'project', 'region', 'cluster', 'route_stop', 'qr', 'search', 'language', 'accessibility', 'SCREEN', ''), nastyString);
    case 'screen':
    case 'mode':
      return fc.oneof(fc.stringMatching(/^[a-z_]{1,40}$/), fc.constantFrom('home', 'a'.repeat(41), 'Home', 'home page'), nastyString);
    case 'query':
      return anyString;
    case 'results':
      return anyNumber;
    case 'language':
      return fc.oneof(fc.constantFrom('ru', 'en', 'de', 'RU'), nastyString);
    default:
      return anyValue;
  }
}

const editKeys = [...new Set([...Object.keys(editableFields.exhibitors), ...Object.keys(editableFields.projects)])];
/** An exhibitor.save `values` record: editable fields, fields that are not editable, keys aimed at prototypes. */
const editValueArbitrary = fc.oneof(
  { weight: 5, arbitrary: anyString },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, null, 2, -1, true, 'yes', '') },
  { weight: 1, arbitrary: anyValue },
);
const valuesArbitrary = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...editKeys), fc.constantFrom('id', 'booth', 'region_id', 'exhibitor_id', 'deleted', 'hub_seq', 'name_ru', 'title_ru; --'), anyKey), editValueArbitrary), {
    maxLength: 4,
  })
  .map((entries) => Object.fromEntries(entries));

/** An input for `name`: anything at all, the call's own keys with plausible or wrong values, extra keys, deep nesting. */
function inputFor(name: CallName): fc.Arbitrary<unknown> {
  const keys = Object.keys(shapeOf(name));
  const shaped = fc
    .tuple(...keys.map((key) => fc.option(fc.oneof({ weight: 3, arbitrary: plausible(key) }, { weight: 1, arbitrary: anyValue }), { nil: undefined, freq: 3 })))
    .map((values) => Object.fromEntries(keys.map((key, i) => [key, values[i]]).filter(([, value]) => value !== undefined)));
  const withExtra = fc.tuple(shaped, anyKey, anyValue).map(([input, key, value]) => ({ ...input, ...Object.fromEntries([[key, value]]) }));
  return fc.oneof(
    { weight: 6, arbitrary: keys.length ? shaped : fc.constant({}) },
    { weight: 2, arbitrary: withExtra },
    { weight: 2, arbitrary: anyValue },
    { weight: 1, arbitrary: deepValue },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], '', 0, 'null', JSON.parse('{"__proto__": {"polluted": true}}')) },
  );
}

const knownCall = fc.constantFrom(...callNames).chain((name) => inputFor(name).map((input) => ({ name, input })));
const unknownCall = fc
  .oneof(nastyString, fc.constantFrom('kiosk.selfDestruct', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'calls', 'search ', 'Search', 'regions.list\u0000'))
  .filter((name) => !isCallName(name))
  .chain((name) => anyValue.map((input) => ({ name, input })));
const anyCall = fc.oneof({ weight: 4, arbitrary: knownCall }, { weight: 1, arbitrary: unknownCall });

// ---- raw HTTP ------------------------------------------------------------------------------------------------

/** A raw request to the kiosk's transport. */
const rawRequest = (bytes: Buffer) => rawRequestTo(port, bytes);

const hostHeader = (): [string, string] => ['host', `127.0.0.1:${port}`];

/** A Result as the HTTP transport sends it, checked for shape and for a status that matches its code. */
function parseResultBody(answer: RawAnswer): Result<unknown> {
  expect(answer.head).toMatch(/\r\ncontent-type: application\/json/i);
  expect(answer.head).toMatch(/\r\ncache-control: no-store/i);
  const result: unknown = JSON.parse(answer.body.toString('utf8'));
  expectResult(result);
  if (result.ok) expect(answer.status).toBe(200);
  else expect(answer.status).toBeGreaterThanOrEqual(400);
  return result;
}

// ---- the properties ------------------------------------------------------------------------------------------

describe('the kiosk core fed arbitrary calls', () => {
  it('answers every call name and input with a Result; refused input never reaches a handler', async () => {
    await fc.assert(
      fc.asyncProperty(anyCall, async ({ name, input }) => {
        const answer = await core.dispatch(name, input);
        expectResult(answer);
        if (!isCallName(name)) {
          expect(codeOf(answer)).toBe('unknown_call');
          return;
        }
        const valid = calls[name].input.safeParse(input ?? {}).success;
        if (!valid) {
          expect(codeOf(answer)).toBe('invalid_input');
          expect(answer.ok ? [] : answer.error.issues?.length).toBeGreaterThan(0);
        } else {
          expect(['ok', ...allowedWithoutSession(name)], `${name} ${JSON.stringify(input)?.slice(0, 300)}`).toContain(codeOf(answer));
        }
      }),
      settings(500),
    );
  });

  it('answers the same calls over HTTP with a Result and a matching status', async () => {
    await fc.assert(
      fc.asyncProperty(anyCall, async ({ name, input }) => {
        const json = JSON.stringify(input === undefined ? {} : input);
        const body = Buffer.from(json ?? '{}', 'utf8');
        const answer = await rawRequest(
          requestBytes('POST', `/api/call/${percentEncode(name)}`, [hostHeader(), ['content-type', 'application/json'], ['content-length', String(body.length)], ['connection', 'close']], body),
        );
        const result = parseResultBody(answer);
        if (body.length > maxBodyBytes) {
          expect(answer.status).toBe(413);
          expect(codeOf(result)).toBe('too_large');
          return;
        }
        // What the server decodes from the path: surrogate halves became U+FFFD on the way.
        const sent = Buffer.from(name, 'utf8').toString('utf8');
        if (!isCallName(sent)) expect(codeOf(result)).toBe('unknown_call');
        // A wrong PIN starts a delay, so a second login attempt may be told to wait instead: same call, other answer.
        else if ((sent === 'exhibitor.login' || sent === 'staff.login') && calls[sent].input.safeParse(JSON.parse(json ?? '{}')).success) expect(['unauthorized', 'rate_limited']).toContain(codeOf(result));
        else expect(codeOf(result)).toBe(codeOf(await core.dispatch(sent, JSON.parse(json ?? '{}'))));
      }),
      settings(200),
    );
  });

  it('answers raw bodies — not JSON, not UTF-8, empty, oversized, any content type — with a Result', async () => {
    const validJson = fc.oneof(
      fc.constantFrom('{}', '{"q":"омск"}', '{"id":"p-00001"}', '{"limit":5}', '[]', 'null', '"text"', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'),
      anyValue.map((v) => JSON.stringify(v) ?? 'null'),
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
      // Valid JSON cut short, or with one byte changed.
      brokenJson(validJson),
      validJson.map((text) => Buffer.from(text, 'utf8')),
      // Bytes that are not UTF-8 inside an otherwise valid JSON string.
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.concat([Buffer.from('{"q":"'), Buffer.from(bytes.map((b) => b | 0x80)), Buffer.from('"}')])),
      fc.constant(Buffer.alloc(0)),
      fc.integer({ min: maxBodyBytes - 2, max: maxBodyBytes * 3 }).map((n) => Buffer.concat([Buffer.from('{"q":"'), Buffer.alloc(n, 'a'), Buffer.from('"}')])),
    );
    const contentType = fc.option(
      fc.oneof(
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/jsonp', 'application/json; charset=latin1', 'text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', '*/*'),
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
      ),
      { nil: undefined },
    );
    const name = fc.oneof(fc.constantFrom(...callNames), nastyString);
    await fc.assert(
      fc.asyncProperty(name, body, contentType, async (call, bytes, type) => {
        const headers: [string, string][] = [hostHeader(), ['content-length', String(bytes.length)], ['connection', 'close']];
        if (type !== undefined) headers.push(['content-type', type]);
        const answer = await rawRequest(requestBytes('POST', `/api/call/${percentEncode(call)}`, headers, bytes));
        const result = parseResultBody(answer);
        const isJson = (type ?? '').trim().toLowerCase().startsWith('application/json');
        const sent = Buffer.from(call, 'utf8').toString('utf8');
        if (sent === '') {
          // No name at all: not a call, whatever the body.
          expect(answer.status).toBe(404);
          expect(codeOf(result)).toBe('unknown_call');
        } else if (!isJson) {
          // Node trims the header value, so a type with leading spaces counts as JSON too.
          expect(answer.status).toBe(415);
          expect(codeOf(result)).toBe('invalid_input');
        } else if (bytes.length > maxBodyBytes) {
          expect(answer.status).toBe(413);
          expect(codeOf(result)).toBe('too_large');
        } else {
          let parsed: unknown;
          let parses = true;
          try {
            parsed = bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8'));
          } catch {
            parses = false;
          }
          if (!parses) expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The body is not valid JSON' } });
          else if (sent === 'exhibitor.login' && calls[sent].input.safeParse(parsed).success) expect(['unauthorized', 'rate_limited']).toContain(codeOf(result));
          else expect(codeOf(result)).toBe(codeOf(await core.dispatch(sent, parsed)));
        }
      }),
      settings(250),
    );
  });

  it('answers any method, request target and headers with a status below 500 and never serves files outside its folders', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2E%2F', '..%2f', '%2f', '%5c', '..\\', '%00', '%', '%zz', '%E0%A4%A', '%C0%AE%C0%AE', '%ff', 'api', 'call', 'events', 'media', 'assets', 'index.html', 'kiosk.db', 'data', 'etc', 'passwd', '', '~', ';', '?', '#', '?q=%'),
      fc.constantFrom('regions.list', 'search', 'exhibitor.save', 'kiosk.info'),
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
      fc.integer({ min: 1, max: 9000 }).map((n) => 'a'.repeat(n)),
      fc.constant(null).chain(() => fc.constantFrom(...((core.db.prepare('SELECT sha256 FROM media LIMIT 3').all() as { sha256: string }[]).map((r) => r.sha256)))),
    );
    const path = fc.array(segment, { minLength: 0, maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
    const target = fc.oneof(
      { weight: 8, arbitrary: path },
      { weight: 1, arbitrary: fc.constantFrom('*', '/api/events', `http://127.0.0.1:PORT/`, 'http://evil.example/api/call/regions.list', '//evil.example/x', 'http:/x') },
    );
    const method = fc.oneof(
      fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'MKCOL', 'PURGE', 'SEARCH', 'LINK', 'UNLINK', 'REPORT', 'M-SEARCH', 'SUBSCRIBE'),
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ-_'.split('')), minLength: 1, maxLength: 10 }),
    );
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    const headerName = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-0123456789'.split('')), minLength: 1, maxLength: 16 });
    const extraHeaders = fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom('range', 'if-none-match', 'origin', 'content-type', 'accept', 'accept-encoding', 'cookie', 'x-forwarded-for', 'expect'), printable),
        fc.tuple(fc.constant('range'), fc.tuple(fc.option(fc.nat({ max: 1e6 })), fc.option(fc.nat({ max: 1e6 }))).map(([a, b]) => `bytes=${a ?? ''}-${b ?? ''}`)),
        fc.tuple(headerName, printable),
      ),
      { maxLength: 4 },
    );
    const host = fc.oneof({ weight: 6, arbitrary: fc.constant('ours') }, { weight: 1, arbitrary: fc.constantFrom('localhost:PORT', 'evil.example', '', '127.0.0.1') });
    const body = fc.option(fc.uint8Array({ maxLength: 200 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(method, target, host, extraHeaders, body, async (m, t, h, headers, payload) => {
        const requestTarget = t.replace('PORT', String(port));
        const all: [string, string][] = [h === 'ours' ? hostHeader() : ['host', h.replace('PORT', String(port))], ...headers, ['connection', 'close']];
        if (payload) all.push(['content-length', String(payload.length)]);
        const answer = await rawRequest(requestBytes(m, requestTarget, all, payload ? Buffer.from(payload) : undefined));
        expect(answer.status, `${m} ${requestTarget}\n${answer.head}\n${answer.body.toString('utf8').slice(0, 200)}`).not.toBeNull();
        expect(answer.status, `${m} ${requestTarget}\n${answer.body.toString('utf8').slice(0, 200)}`).toBeLessThan(500);
        // Whatever the path, the database file and anything else outside the renderer and media folders stay out of reach.
        expect(answer.body.includes('SQLite format')).toBe(false);
        // Under /api/ the transport answers with a Result. Node's HTTP layer refuses some requests before the transport
        // sees them (400 unparsable, 417 unknown "expect", 431 huge head), and a foreign Host gets 421: plain statuses.
        const fromTransport = /\r\ncontent-type: application\/json/i.test(answer.head) || ![400, 417, 421, 431].includes(answer.status ?? 0);
        if (/^\/api\//.test(requestTarget) && m !== 'HEAD' && fromTransport && !/event-stream/.test(answer.head)) parseResultBody(answer);
      }),
      settings(300),
    );
  });

  it('answers an undecodable call name, a target that is no URL, one with credentials, and TRACE with a 4xx, not the catch-all 500', async () => {
    // Found by the property above. Each of these reaches the transport's last-resort handler
    // (electron/core/http-transport.ts, handle().catch), which logs "[http] request failed" and answers 500 internal:
    //   - decodeURIComponent of the call name throws URIError (line 67);
    //   - new URL(req.url, …) throws for an absolute-form target that is not a URL, and for a path that starts with
    //     "//" (read as a host name) without a valid host after it (line 55);
    //   - new Request(url, …) throws for a URL with credentials and for the TRACE method (line 96).
    // A malformed request is the caller's fault, not the kiosk's: it deserves a 4xx, as the other bad requests get.
    const cases: [string, Buffer][] = [
      ['undecodable call name', requestBytes('POST', '/api/call/%E0%A4%A', [hostHeader(), ['content-type', 'application/json'], ['content-length', '2'], ['connection', 'close']], Buffer.from('{}'))],
      ['absolute target that is no URL', requestBytes('GET', 'http://[::1', [hostHeader(), ['connection', 'close']])],
      ['path starting with //', requestBytes('GET', '//', [hostHeader(), ['connection', 'close']])],
      ['absolute target with credentials', requestBytes('GET', `http://user:secret@127.0.0.1:${port}/`, [hostHeader(), ['connection', 'close']])],
      ['TRACE', requestBytes('TRACE', '/', [hostHeader(), ['connection', 'close']])],
    ];
    const answers: { what: string; status: number | null }[] = [];
    for (const [what, bytes] of cases) answers.push({ what, status: (await rawRequest(bytes)).status });
    expect(answers.every((a) => a.status !== null)).toBe(true);
    expect(answers.filter((a) => (a.status ?? 0) >= 500)).toEqual([]);
  });
});

describe('the exhibitor calls fed arbitrary input', () => {
  it('never opens a session for a wrong PIN, and saves nothing without a session', async () => {
    const loginInput = fc.record({ login: plausible('login'), pin: plausible('pin') });
    const saveInput = fc.record({ target: plausible('target'), id: plausible('id'), values: valuesArbitrary });
    await fc.assert(
      fc.asyncProperty(fc.oneof(loginInput.map((input) => ['exhibitor.login', input] as const), saveInput.map((input) => ['exhibitor.save', input] as const)), async ([name, input]) => {
        const answer = await core.dispatch(name, input);
        expectResult(answer);
        expect(answer.ok).toBe(false);
        if (calls[name].input.safeParse(input).success) expect(['unauthorized', 'rate_limited']).toContain(codeOf(answer));
        else expect(codeOf(answer)).toBe('invalid_input');
        expect(await core.dispatch('exhibitor.session', {})).toEqual({ ok: true, value: null });
      }),
      settings(80),
    );
    expect(outboxSize()).toBe(0);
  });

  it('leaves the catalog exactly as it was, the database sound and Object.prototype untouched, and still answers', async () => {
    expect(quickCheck()).toBe('ok');
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
    expect(catalogDigest()).toEqual(before);
    expect(outboxSize()).toBe(0);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const regions = await core.dispatch('regions.list', {});
    expect(regions.ok && Array.isArray(regions.value) && regions.value.length).toBe(before.get('regions')?.rows);
    const response = await fetch(new URL('/api/call/projects.get', http.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: polymerProject }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { id: polymerProject } });
  });

  it('with a session, saves a value exactly (only \\r\\n → \\n and trimming) or refuses it and writes nothing', async () => {
    // Whatever wrong PINs the earlier tests typed, the longest delay is 15 minutes.
    clock.now += 60 * 60_000;
    const login = await core.dispatch('exhibitor.login', { login: 'A-3', pin: demoPin });
    expect(login).toMatchObject({ ok: true, value: { exhibitorId: polymer } });
    const untouched = catalogDigest();
    const others = (table: string, own: string) => core.db.prepare(`SELECT * FROM ${table} WHERE id <> ? ORDER BY id`).all(own);
    const othersBefore = { exhibitors: others('exhibitors', polymer), projects: others('projects', polymerProject) };

    const entryValues = async (target: 'exhibitor' | 'project', id: string) => {
      const entry = await core.dispatch('exhibitor.entry', {});
      expect(entry.ok).toBe(true);
      return (entry as { value: ExhibitorEntry }).value.items.find((item) => item.target === target && item.id === id)?.values;
    };
    const rowOf = (target: string, id: string) => core.db.prepare(`SELECT * FROM ${target === 'exhibitor' ? 'exhibitors' : 'projects'} WHERE id = ?`).get(id);

    // Mostly the exhibitor's own two rows and their editable fields with clean text around the length limits, so that
    // many saves go through; now and then another row, a field that is not editable, or a value that must be refused.
    const photos = ((await core.dispatch('exhibitor.entry', {})) as { value: ExhibitorEntry }).value.items.find((i) => i.id === polymerProject)?.photos.map((p) => p.sha256) ?? [];
    expect(photos.length).toBeGreaterThan(0);
    const valueFor = (rule: EditRule): fc.Arbitrary<unknown> => {
      if ('flag' in rule) return fc.oneof(fc.constantFrom(0, 1), fc.constantFrom(2, -1, null, '1', true));
      if ('media' in rule) return fc.oneof(fc.constantFrom(...photos, null), fc.stringMatching(/^[0-9a-f]{64}$/), nastyString);
      return fc.oneof({ weight: 6, arbitrary: cleanText(rule.maxLength) }, { weight: 2, arbitrary: anyString }, { weight: 1, arbitrary: fc.constantFrom(0, 1, null) });
    };
    const ownEdit = fc.constantFrom('exhibitor' as const, 'project' as const).chain((target) => {
      const rules: Record<string, EditRule> = editableFields[target === 'exhibitor' ? 'exhibitors' : 'projects'];
      const field = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...Object.keys(rules)) }, { weight: 1, arbitrary: anyKey });
      const values = fc
        .uniqueArray(field, { minLength: 1, maxLength: 3 })
        .chain((fields) => fc.tuple(...fields.map((f) => (Object.hasOwn(rules, f) ? valueFor(rules[f] as EditRule) : editValueArbitrary))).map((vs) => Object.fromEntries(fields.map((f, i) => [f, vs[i]]))));
      return values.map((v) => ({ target, id: target === 'exhibitor' ? polymer : polymerProject, values: v }));
    });
    const otherEdit = fc.record({ target: plausible('target'), id: plausible('id'), values: valuesArbitrary });
    let saved = 0;
    const numRuns = 120;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 6, arbitrary: ownEdit }, { weight: 1, arbitrary: otherEdit }), fc.boolean(), async (input, overHttp) => {
        const { target: t, id: itemId } = input;
        const outboxBefore = outboxSize();
        const rowBefore = typeof itemId === 'string' ? rowOf(String(t), itemId) : undefined;
        let answer: Result<unknown>;
        if (overHttp) {
          const response = await fetch(new URL('/api/call/exhibitor.save', http.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
          answer = (await response.json()) as Result<unknown>;
        } else {
          answer = await core.dispatch('exhibitor.save', input);
        }
        expectResult(answer);
        // Over HTTP the input went through JSON, which is what the kiosk saw.
        const json = JSON.stringify(input);
        const seen = overHttp ? (JSON.parse(json) as typeof input) : input;
        if (!answer.ok) {
          const refusals = ['invalid_input', 'not_found', 'unauthorized', ...(overHttp && Buffer.byteLength(json) > maxBodyBytes ? ['too_large'] : [])];
          expect(refusals, JSON.stringify(answer.error)).toContain(answer.error.code);
          expect(outboxSize()).toBe(outboxBefore);
          if (typeof itemId === 'string') expect(rowOf(String(t), itemId)).toEqual(rowBefore);
          return;
        }
        saved += 1;
        // Saved: the contract accepted it, it is the exhibitor's own row, and every changed field reads back exactly.
        expect(calls['exhibitor.save'].input.safeParse(seen).success).toBe(true);
        expect([polymer, polymerProject]).toContain(itemId);
        const record = answer.value as EditRecord;
        expect(record.state).toBe('saved');
        expect(outboxSize()).toBe(outboxBefore + 1);
        const shown = await entryValues(t as 'exhibitor' | 'project', itemId as string);
        const sent = Object.entries(seen.values as Record<string, unknown>);
        expect(record.changes.length).toBeGreaterThan(0);
        for (const change of record.changes) {
          const given = sent.find(([field]) => field === change.field)?.[1];
          const tidied = tidyEdit(given);
          expect(change.to, change.field).toEqual(tidied);
          expect(shown?.[change.field], change.field).toEqual(tidied);
        }
        // Fields that were sent but are not among the changes already held exactly that value.
        for (const [field, given] of sent) {
          if (record.changes.some((c) => c.field === field)) continue;
          const tidied = tidyEdit(given);
          expect(shown?.[field], field).toEqual(tidied);
        }
      }),
      settings(numRuns),
    );
    // The property above must not hold only because nearly everything was refused.
    expect(saved).toBeGreaterThan(numRuns / 5);

    // Saves change field values of the exhibitor's own two rows, nothing else: no row added or lost anywhere.
    const after = catalogDigest();
    for (const table of syncedTableNames) {
      expect(after.get(table)?.rows, table).toBe(untouched.get(table)?.rows);
      if (table !== 'exhibitors' && table !== 'projects') expect(after.get(table), table).toEqual(untouched.get(table));
    }
    expect(others('exhibitors', polymer)).toEqual(othersBefore.exhibitors);
    expect(others('projects', polymerProject)).toEqual(othersBefore.projects);
    expect(quickCheck()).toBe('ok');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect((await core.dispatch('exhibitor.logout', {})).ok).toBe(true);
    expect(await core.dispatch('exhibitor.save', { target: 'exhibitor', id: polymer, values: { today_en: 'after logout' } })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await core.dispatch('hall.plan', {})).ok).toBe(true);
  });
});
