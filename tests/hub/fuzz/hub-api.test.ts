// Fuzzing the hub's HTTP API (issue 9, "proof under load and abuse"): a real hub (tests/sync/harness.ts, demo forum,
// loopback) fed with property-based requests from fast-check — every /sync/v1 route with malformed JSON, wrong content
// types, oversized bodies, junk protocol/schema/Authorization headers, arbitrary cursors and limits, arbitrary
// mutations from an enrolled device, media names with path traversal and arbitrary Range headers; the exhibitor
// portal (/portal/…) and the staff pages (/staff/…) likewise. What must hold:
//   - the sync API answers every well-formed HTTP request with its protocol's JSON (docs/sync-protocol.md): a success
//     that parses with the schema of electron/shared/sync-protocol.ts, or {error, message} with a code of the
//     errorResponse enum and a matching status; never a 500;
//   - the portal answers with the kiosk contract's Result, the staff pages with a page or a redirect; never a 500;
//   - forged or junk mutations change nothing; the catalog digest and head sequence stay as they were; signed edits
//     change exactly what they say or nothing; SQLite's quick_check is ok; a normal pull still returns the catalog.
// Seeds are fixed (FUZZ_SEED overrides); fast-check prints the seed and the shrunk counterexample of any failure.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPin } from '../../../db/demo/pins';
import { catalogTableNames, editableFields, syncedTableNames, type EditRule, type SyncedTable } from '../../../db/sync-tables';
import { playlistSchema, type EditRecord, type ExhibitorEntry, type Result } from '../../../electron/shared/contract';
import {
  commandPayloads,
  enrollResponse,
  errorResponse,
  okResponse,
  pullResponse,
  pushResponse,
  watchResponse,
  type CommandKind,
  type MutationResult,
  type PullResponse,
} from '../../../electron/shared/sync-protocol';
import { solidPng } from '../../../hub/import/example';
import { portalCalls } from '../../../hub/portal/index';
import { hashPassword } from '../../../hub/staff/password';
import { createHubServer, encodeCursor, hashSecret, minKioskSchema } from '../../../hub/server';
import { SqliteHubStore } from '../../../hub/store/sqlite-store';
import { cleanUp, demoAuthor, editableDemo, hubDigest, signedMutation, startHub, type CatalogDigest, type TestHub } from '../../sync/harness';
import {
  anyNumber,
  anyString,
  brokenJson,
  cleanText,
  deepValue,
  fuzzSettings,
  headerName,
  headerValue,
  jsonValue,
  nastyString,
  printable,
  printableChar,
  tidyEdit,
} from '../../unit/fuzz/arbitraries';
import { headerOf, percentEncode, rawRequest, requestBytes, type RawAnswer } from '../../unit/fuzz/raw-http';

// ---- the hub under test ----------------------------------------------------------------------------------------

let hub: TestHub;
let port: number;
let token: string;
let deviceId: string;
let before: CatalogDigest;
let headBefore: number;
let prototypeKeys: string[];
let epoch: string;
/** A real media file of the demo forum, for range requests. */
let media: { sha256: string; bytes: Buffer };
/** The next order number this test's device must use, as the hub counts (its answers may replay older orders). */
async function nextOrder(): Promise<number> {
  const device = await hub.store.deviceByToken(hashSecret(token));
  if (!device) throw new Error('the fuzz device is enrolled');
  return device.lastOrder + 1;
}

/** The demo exhibitor of booth A-3 (db/demo/pins.ts), who owns one project in the 100-project demo. */
const polymer = 'omsk-polymer';
let polymerProject: string;

beforeAll(async () => {
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  hub = await startHub({ demo: editableDemo });
  port = Number(new URL(hub.url).port);
  // Enrolled as a kiosk enrolls (docs/sync-protocol.md, Enrollment).
  const enrolled = await fetch(`${hub.url}/sync/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'kiosk-protocol': '1', 'kiosk-schema': String(minKioskSchema) },
    body: JSON.stringify({ code: await hub.enrollCode(), kioskId: randomUUID(), name: 'fuzz' }),
  });
  const answer = enrollResponse.parse(await enrolled.json());
  token = answer.token;
  deviceId = answer.deviceId;
  before = await hubDigest(hub.store);
  const meta = await hub.store.meta();
  headBefore = meta.headSeq;
  epoch = meta.epoch;
  const [first] = await hub.store.listRecords('media');
  const file = await hub.store.mediaFile(String(first?.row?.sha256));
  if (!file) throw new Error('the demo forum has media');
  media = { sha256: String(first?.row?.sha256), bytes: readFileSync(file.path) };
  polymerProject = String((await hub.store.listRecords('projects')).find((r) => r.row?.exhibitor_id === polymer)?.row?.id ?? '');
  expect(polymerProject, 'the 100-project demo gives omsk-polymer a project').not.toBe('');
});

afterAll(async () => {
  await cleanUp();
});

const syncPath = '/sync/v1';
const host = (): [string, string] => ['host', `127.0.0.1:${port}`];
/** The headers a kiosk sends, plus `extra`. */
const kioskHeaders = (extra: [string, string][] = []): [string, string][] => [
  host(),
  ['kiosk-protocol', '1'],
  ['kiosk-schema', String(minKioskSchema)],
  ['authorization', `Bearer ${token}`],
  ['connection', 'close'],
  ...extra,
];
const send = (bytes: Buffer) => rawRequest(port, bytes);
const jsonBody = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

/** SQLite's quick_check of the hub's database, on a fresh connection (see tests/unit/fuzz/kiosk-api.test.ts). */
function quickCheck(): string {
  const fresh = new Database(join(hub.dir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    return fresh.pragma('quick_check', { simple: true }) as string;
  } finally {
    fresh.close();
  }
}

// ---- what a well-formed answer is -----------------------------------------------------------------------------

const statusOfCode: Record<string, number[]> = {
  invalid_request: [400, 414, 415, 416, 431],
  unauthorized: [401],
  revoked: [401],
  not_found: [404],
  too_large: [413],
  upgrade_required: [426],
  rate_limited: [429],
};

/** An error of the sync API: JSON `{error, message}` with a code of the protocol's enum and the status that goes with it. */
function expectSyncError(answer: RawAnswer): string {
  const text = answer.body.toString('utf8');
  let body: unknown;
  expect(() => (body = JSON.parse(text)), `not JSON: ${answer.head}\n${text.slice(0, 300)}`).not.toThrow();
  const parsed = errorResponse.safeParse(body);
  expect(parsed.success, `not an error of the protocol (status ${answer.status}): ${text.slice(0, 300)}`).toBe(true);
  const keys = Object.keys(body as object);
  for (const key of keys) expect(['error', 'message', 'supportedProtocols', 'minKioskSchema'], `unexpected key in ${text.slice(0, 300)}`).toContain(key);
  const code = (body as { error: string }).error;
  expect(statusOfCode[code], `${code} with status ${answer.status}`).toContain(answer.status);
  return code;
}

/** The kiosk contract's Result, as the portal sends it. */
function expectResult(answer: RawAnswer): Result<unknown> {
  const text = answer.body.toString('utf8');
  let body: unknown;
  expect(() => (body = JSON.parse(text)), `not JSON: ${answer.head}\n${text.slice(0, 300)}`).not.toThrow();
  const result = body as Record<string, unknown>;
  if (result.ok === true) {
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
    expect(answer.status).toBe(200);
  } else {
    expect(result.ok).toBe(false);
    expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
    const error = result.error as Record<string, unknown>;
    expect(['invalid_input', 'unknown_call', 'not_found', 'too_large', 'unavailable', 'internal', 'unauthorized', 'rate_limited']).toContain(error.code);
    expect(typeof error.message).toBe('string');
    expect(answer.status).toBeGreaterThanOrEqual(400);
  }
  return body as Result<unknown>;
}

/**
 * A request Node's HTTP parser refused before any route saw it (unreadable syntax: 400; a head over 16 KiB: 431),
 * answered by Fastify's client-error handler with its own plain body. Below the protocol, and a clean refusal.
 */
function refusedByHttpParser(answer: RawAnswer): boolean {
  if (answer.status !== 400 && answer.status !== 431) return false;
  try {
    const body = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    return body.statusCode === answer.status && body.code === undefined;
  } catch {
    return false;
  }
}

// ---- arbitraries ---------------------------------------------------------------------------------------------

/** A path segment aimed at traversal: dot segments raw and encoded, backslashes, NUL, absolute paths, overlong names. */
const nastySegment = fc.oneof(
  fc.constantFrom('..', '.', '../..', '%2e%2e', '%2E%2E%2F', '..%2f..%2fhub.db', '%2e%2e%2f%2e%2e%2fhub.db', '..%5c..%5chub.db', '%00', '%00.png', '/etc/passwd', '//etc/passwd', 'hub.db', 'high-water.json', '%2Fetc%2Fpasswd', '~', '%252e%252e', '%c0%ae%c0%ae'),
  fc.string({ unit: printableChar, maxLength: 30 }).filter((s) => !/[?#%]/.test(s)),
  fc.integer({ min: 65, max: 9000 }).map((n) => 'a'.repeat(n)),
  fc.constantFrom('0'.repeat(64), 'F'.repeat(64), '0'.repeat(63), '0'.repeat(65)),
);
const mediaName = fc.oneof({ weight: 2, arbitrary: fc.constant('REAL') }, { weight: 6, arbitrary: fc.array(nastySegment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')) });
const rangeHeader = fc.oneof(
  fc.tuple(fc.option(fc.nat({ max: 100_000 })), fc.option(fc.nat({ max: 100_000 }))).map(([a, b]) => `bytes=${a ?? ''}-${b ?? ''}`),
  fc.constantFrom('bytes=0-0', 'bytes=-0', 'bytes=0-', 'bytes=-1', 'bytes=99999999999999999999999-', 'bytes=0-99999999999999999999', 'bytes=5-1', 'bytes=0-1,2-3', 'bytes=1.5-2', 'items=0-1', 'bytes = 0-1', 'bytes=-', ''),
  printable(30),
);

/** A cursor for pull or watch: opaque junk, base64url of crafted JSON, or a real one from this hub. */
const cursorText = fc.oneof(
  printable(40),
  nastyString.map((s) => Buffer.from(s, 'utf8').toString('base64url')),
  fc
    .record({ e: fc.oneof(fc.constant('EPOCH'), anyString), s: fc.oneof(anyNumber, fc.constant('1')), r: fc.option(fc.oneof(fc.constant(true), fc.string())) })
    .map((c) => Buffer.from(JSON.stringify({ ...c, e: c.e === 'EPOCH' ? epoch : c.e })).toString('base64url')),
  fc.nat({ max: 5000 }).map((s) => `REAL:${s}`),
  fc.constant(''),
);
const resolveCursor = (cursor: string): string => {
  if (!cursor.startsWith('REAL:')) return cursor;
  return encodeCursor(epoch, Number(cursor.slice(5)));
};

/** A query string of `params`, each a key with junk or plausible values, percent-encoded or raw. */
const query = (params: Record<string, fc.Arbitrary<string>>) =>
  fc
    .tuple(...Object.entries(params).map(([key, value]) => fc.option(fc.tuple(fc.constant(key), value), { freq: 2 })), fc.option(fc.tuple(printable(8), printable(8))))
    .map((pairs) => pairs.filter((p): p is [string, string] => p !== null))
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(k === 'cursor' ? resolveCursor(v) : v)}`).join('&')}` : ''));

const limitText = fc.oneof(fc.integer({ min: -5, max: 2005 }).map(String), anyNumber.map(String), printable(10));
/** Watch waits only a moment: a valid wait can keep a request open for up to 30 s. */
const waitText = fc.oneof(fc.constantFrom('0', '0.01', '-1', '31', '30.0001', 'NaN', 'Infinity', '1e9', '', ' 0'), printable(6));

/** Values for the JSON bodies of each POST, close to what the schema wants, then wrong in some way. */
const mutationLike = fc.record(
  {
    id: fc.oneof(fc.uuid(), anyString, fc.constant('short')),
    order: fc.oneof(fc.constant('NEXT'), anyNumber),
    kind: fc.oneof(fc.constantFrom('edit', 'delete', 'insert', 'EDIT', ''), anyString),
    payload: fc.oneof(
      fc.record(
        {
          table: fc.oneof(fc.constantFrom('exhibitors', 'projects', 'regions', 'media', 'exhibitor_pins', 'edit_reviews', 'forum', '__proto__'), anyString),
          key: fc.oneof(fc.constantFrom(`["${polymer}"]`, '["omsk-team"]', '["p-00078"]', '[]', '[null]', '{}', '"x"', '[1,2]'), anyString),
          changes: fc.dictionary(
            fc.oneof(fc.constantFrom(...Object.keys(editableFields.exhibitors), ...Object.keys(editableFields.projects), 'booth', 'id', 'exhibitor_id', '__proto__'), nastyString),
            fc.oneof(fc.record({ from: fc.oneof(anyString, fc.constant(null), anyNumber), to: fc.oneof(anyString, fc.constant(null), anyNumber) }), jsonValue()),
            { maxKeys: 4 },
          ),
          exhibitorId: fc.oneof(fc.constantFrom(polymer, 'omsk-team', 'omsk-petrochem', 'nobody'), anyString),
          proof: fc.oneof(fc.base64String({ maxLength: 60 }).map((s) => s.replace(/=+$/, '')), anyString),
        },
        { requiredKeys: [] },
      ),
      jsonValue(['table', 'key', 'changes', 'exhibitorId', 'proof']),
    ),
  },
  { requiredKeys: [] },
);
const pushBody = fc.oneof(
  { weight: 5, arbitrary: fc.array(mutationLike, { maxLength: 4 }).map((mutations) => ({ mutations })) },
  { weight: 1, arbitrary: fc.integer({ min: 199, max: 202 }).map((n) => ({ mutations: Array.from({ length: n }, () => ({ id: randomUUID(), order: 'NEXT', kind: 'edit', payload: {} })) })) },
  { weight: 1, arbitrary: jsonValue(['mutations']) },
);
const ackBody = fc.oneof(
  fc.record({ commands: fc.array(fc.record({ id: fc.oneof(anyNumber, anyString), outcome: fc.oneof(fc.constantFrom('done', 'expired', 'failed', 'unsupported'), anyString), detail: anyString }, { requiredKeys: [] }), { maxLength: 4 }) }),
  jsonValue(['commands']),
);
const heartbeatBody = fc.oneof(
  fc.record(
    {
      appVersion: fc.oneof(fc.constant('1.0.0'), anyString),
      schemaVersion: fc.oneof(fc.constant(4), anyNumber),
      protocol: fc.oneof(fc.constant(1), anyNumber),
      lastSyncAt: fc.oneof(fc.constant(null), anyNumber),
      outbox: anyNumber,
      mediaBacklog: anyNumber,
      diskFreeBytes: fc.oneof(fc.constant(null), anyNumber),
      memoryRssBytes: anyNumber,
      uptimeSeconds: anyNumber,
      mode: fc.oneof(fc.constantFrom('attract', 'visit'), anyString),
      lastError: fc.oneof(fc.constant(null), anyString),
      kioskClock: anyNumber,
      logTail: fc.array(anyString, { maxLength: 60 }),
    },
    { requiredKeys: [] },
  ),
  jsonValue(['appVersion', 'logTail']),
);
const enrollBody = fc.oneof(
  fc.record({ code: fc.oneof(fc.constantFrom('ABCDE-FGHJK', 'abcde fghjk', ''), anyString), kioskId: fc.oneof(fc.uuid(), anyString), name: anyString }, { requiredKeys: [] }),
  jsonValue(['code', 'kioskId', 'name']),
);

/** A body as bytes: the route's own shape as JSON, any JSON, broken JSON, non-UTF-8, empty, or deeply nested. */
const bodyFor = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: shaped.map(jsonBody) },
    { weight: 1, arbitrary: jsonValue().map(jsonBody) },
    { weight: 1, arbitrary: brokenJson(shaped.map((v) => JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from('{"__proto__":{"polluted":true},"mutations":[]}'), Buffer.from('{"constructor":{"prototype":{"polluted":true}}}'), Buffer.from('\ufeff{}')) },
    { weight: 1, arbitrary: deepValue.map(jsonBody) },
  );

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1', 'text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', '', '*/*', 'application/jsonp') },
  { weight: 1, arbitrary: headerValue },
  { weight: 1, arbitrary: fc.constant(null) },
);

const protocolValue = fc.oneof({ weight: 6, arbitrary: fc.constant('1') }, { weight: 1, arbitrary: fc.constantFrom('2', '0', '-1', '01', '1.0', '1e0', ' 1', 'NaN', '', '1,1') }, { weight: 1, arbitrary: headerValue }, { weight: 1, arbitrary: fc.constant(null) });
const schemaValue = fc.oneof({ weight: 6, arbitrary: fc.constant(String(minKioskSchema)) }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', '99999999999999999999', '4', 'abc', '') }, { weight: 1, arbitrary: headerValue }, { weight: 1, arbitrary: fc.constant(null) });
const authorizationValue = fc.oneof(
  { weight: 6, arbitrary: fc.constant('VALID') },
  { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'bearer VALIDTOKEN', 'Basic dXNlcjpwYXNz', 'Bearer VALIDTOKEN extra', 'Bearer  VALIDTOKEN') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789-_'.split('')), minLength: 32, maxLength: 60 }).map((t) => `Bearer ${t}`) },
  { weight: 1, arbitrary: headerValue },
  { weight: 1, arbitrary: fc.constant(null) },
);

type Route = { name: 'enroll' | 'pull' | 'watch' | 'push' | 'ack' | 'heartbeat' | 'media' | 'updates' | 'root' | 'unknown'; method: string; target: string; body?: Buffer };
const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH');
const orRandomMethod = (usual: string) => fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: methods });

const route: fc.Arbitrary<Route> = fc.oneof(
  fc.tuple(orRandomMethod('POST'), bodyFor(enrollBody)).map(([method, body]) => ({ name: 'enroll' as const, method, target: `${syncPath}/enroll`, body })),
  fc.tuple(orRandomMethod('GET'), query({ cursor: cursorText, limit: limitText })).map(([method, q]) => ({ name: 'pull' as const, method, target: `${syncPath}/pull${q}` })),
  fc.tuple(orRandomMethod('GET'), query({ cursor: cursorText, wait: waitText })).map(([method, q]) => ({ name: 'watch' as const, method, target: `${syncPath}/watch${q.includes('wait=') ? q : `${q}${q ? '&' : '?'}wait=0`}` })),
  fc.tuple(orRandomMethod('POST'), bodyFor(pushBody)).map(([method, body]) => ({ name: 'push' as const, method, target: `${syncPath}/push`, body })),
  fc.tuple(orRandomMethod('POST'), bodyFor(ackBody)).map(([method, body]) => ({ name: 'ack' as const, method, target: `${syncPath}/ack`, body })),
  fc.tuple(orRandomMethod('POST'), bodyFor(heartbeatBody)).map(([method, body]) => ({ name: 'heartbeat' as const, method, target: `${syncPath}/heartbeat`, body })),
  fc.tuple(orRandomMethod('GET'), mediaName).map(([method, name]) => ({ name: 'media' as const, method, target: `${syncPath}/media/${name === 'REAL' ? 'REALMEDIA' : name}` })),
  fc.tuple(orRandomMethod('GET'), nastySegment).map(([method, name]) => ({ name: 'updates' as const, method, target: `/updates/${name}` })),
  methods.map((method) => ({ name: 'root' as const, method, target: '/' })),
  fc.tuple(methods, fc.array(fc.oneof(nastySegment, fc.constantFrom('sync', 'v1', 'v2', 'pull', 'push', 'media', 'enroll', '')), { maxLength: 4 })).map(([method, parts]) => ({
    name: 'unknown' as const,
    method,
    target: `/${parts.join('/')}`,
  })),
);

// ---- the properties ------------------------------------------------------------------------------------------

describe('the sync API fed arbitrary requests', () => {
  it('answers every route, method, header and body with the protocol’s JSON, never a 500', async () => {
    const extraHeaders = fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(route, protocolValue, schemaValue, authorizationValue, contentType, fc.option(rangeHeader, { freq: 3 }), extraHeaders, async (r, protocol, schema, authorization, type, range, extra) => {
        const target = r.target.replace('REALMEDIA', media.sha256);
        const headers: [string, string][] = [host(), ['connection', 'close']];
        if (protocol !== null) headers.push(['kiosk-protocol', protocol]);
        if (schema !== null) headers.push(['kiosk-schema', schema]);
        if (authorization !== null) headers.push(['authorization', authorization === 'VALID' ? `Bearer ${token}` : authorization.replace('VALIDTOKEN', token)]);
        if (r.body && type !== null) headers.push(['content-type', type]);
        if (range !== null) headers.push(['range', range]);
        headers.push(...extra.filter(([name]) => !['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade'].includes(name)));
        if (r.body && r.method !== 'GET' && r.method !== 'HEAD') headers.push(['content-length', String(r.body.length)]);
        const answer = await send(requestBytes(r.method, target, headers, r.method !== 'GET' && r.method !== 'HEAD' ? r.body : undefined));
        const where = `${r.method} ${target.slice(0, 200)}`;
        expect(answer.status, where).not.toBeNull();
        expect(answer.status, `${where}: ${answer.body.toString('utf8').slice(0, 300)}`).toBeLessThan(500);
        if (r.method === 'HEAD') return;
        if (answer.status === 200 || answer.status === 206) {
          // Judged by where the request really went: junk segments can spell a real route.
          expectSuccess(routeOf(target), answer, target);
          return;
        }
        if (refusedByHttpParser(answer)) return;
        // Everything else is JSON of the protocol (docs/sync-protocol.md, Transport).
        expectSyncError(answer);
        if (r.name !== 'media') expect(headerOf(answer, 'cache-control')).toBe('no-store');
      }),
      fuzzSettings(500),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });

  it('answers a path it cannot decode, or a parameter over 100 characters, in its own format, not Fastify’s', async () => {
    // Found by the properties. Fastify's router refuses a path it cannot percent-decode (FST_ERR_BAD_URL, 400) and a
    // path parameter longer than its maxParamLength of 100 (FST_ERR_MAX_PARAM_LENGTH, 414) with its default body
    // {"error":"Bad Request","code":"FST_ERR_…","message":…,"statusCode":…}. These errors never reach the error
    // handlers of hub/server.ts (sync API), hub/portal/index.ts or hub/staff/routes.ts, so the answer is neither the
    // protocol's {error: <code of the enum>, message}, nor the portal's Result, nor a staff page.
    const wrong: string[] = [];
    const check = async (target: string, format: 'sync' | 'portal' | 'staff') => {
      const answer = await send(requestBytes('GET', target, kioskHeaders()));
      expect(answer.status, target).toBeLessThan(500);
      const text = answer.body.toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      const ok =
        format === 'sync'
          ? errorResponse.safeParse(body).success
          : format === 'portal'
            ? typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === false
            : /text\/html/.test(headerOf(answer, 'content-type') ?? '');
      if (!ok) wrong.push(`${answer.status} ${target.slice(0, 40)}: ${text.slice(0, 60)}`);
    };
    for (const target of ['/%', `${syncPath}/pull%zz`, `${syncPath}/media/%E0%A4%A`, `${syncPath}/media/${'a'.repeat(101)}`, `/updates/${'a'.repeat(101)}`]) await check(target, 'sync');
    for (const target of ['/portal/%zz', '/portal/api/call/%E0%A4%A', `/portal/media/${'a'.repeat(101)}`]) await check(target, 'portal');
    for (const target of ['/staff/%', '/staff/reviews%E0']) await check(target, 'staff');
    expect(wrong).toEqual([]);
  });

  it('answers a range it cannot serve with 416 and the protocol’s JSON error, not a 500', async () => {
    // Found by the property above. The media route sets the file's type (reply.type(file.mime), hub/server.ts:300)
    // before it looks at the Range header; for a range it cannot serve it then sends the JSON error object with that
    // image type, which Fastify refuses to serialize ("Attempted to send payload of invalid type 'object'"), so the
    // error handler answers 500 internal instead of the documented 416. /updates/:file does the same (line 326).
    const ranges = [`bytes=${media.bytes.length}-`, 'bytes=5-1', 'bytes=0-1,3-4', 'items=0-1'];
    const answers: { range: string; status: number | null }[] = [];
    for (const range of ranges) answers.push({ range, status: (await send(requestBytes('GET', `${syncPath}/media/${media.sha256}`, kioskHeaders([['range', range]])))).status });
    // The same on the update route, on a hub with an updates folder (a second server on its own empty store).
    const dir = mkdtempSync(join(tmpdir(), 'hub-updates-'));
    mkdirSync(join(dir, 'updates'));
    writeFileSync(join(dir, 'updates', 'latest-linux.yml'), 'version: 9.9.9\n');
    const store = SqliteHubStore.open(join(dir, 'hub'), hub.clock.now);
    const updates = createHubServer({ store, now: () => hub.clock.now, updatesDir: join(dir, 'updates') });
    try {
      await updates.listen({ port: 0, host: '127.0.0.1' });
      const address = updates.server.address();
      const updatesPort = typeof address === 'object' && address ? address.port : 0;
      const answer = await rawRequest(updatesPort, requestBytes('GET', '/updates/latest-linux.yml', [['host', `127.0.0.1:${updatesPort}`], ['range', 'bytes=100-'], ['connection', 'close']]));
      answers.push({ range: 'updates bytes=100-', status: answer.status });
    } finally {
      await updates.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(answers).toEqual(answers.map(({ range }) => ({ range, status: 416 })));
  });

  it('refuses what is not HTTP at all with a plain 400, and keeps serving', async () => {
    // Below the protocol: bytes Node's HTTP parser cannot read never reach the hub's routes. Fastify answers them
    // with its own plain 400 ({"error":"Bad Request","message":"Client Error"}) and closes the connection.
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.concat([Buffer.from(b), Buffer.from('\r\n\r\n')])),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((tail) =>
        Buffer.concat([Buffer.from(`GET /sync/v1/pull HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nx: `), Buffer.from(tail.map((b) => (b === 0x0a || b === 0x0d ? 0x01 : b & 0x1f))), Buffer.from('\r\n\r\n')]),
      ),
      fc.uint8Array({ maxLength: 60 }).map((b) => requestBytes('POST', `${syncPath}/push`, kioskHeaders([['content-type', 'application/json'], ['transfer-encoding', 'chunked']]), Buffer.concat([Buffer.from('zz'), Buffer.from(b), Buffer.from('\r\n\r\n')]))),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (bytes) => {
        const answer = await send(bytes);
        if (answer.status !== null) expect(refusedByHttpParser(answer), `${answer.head}\n${answer.body.toString('utf8').slice(0, 200)}`).toBe(true);
      }),
      fuzzSettings(120),
    );
    const pull = await send(requestBytes('GET', `${syncPath}/pull?limit=1`, kioskHeaders()));
    expect(pull.status).toBe(200);
  });
});

/** The route a request target reaches. */
function routeOf(target: string): Route['name'] {
  const path = target.split('?')[0] ?? '';
  if (path === '/') return 'root';
  if (path.startsWith(`${syncPath}/media/`)) return 'media';
  if (path.startsWith('/updates/')) return 'updates';
  const name = path.slice(`${syncPath}/`.length);
  return path.startsWith(`${syncPath}/`) && ['enroll', 'pull', 'watch', 'push', 'ack', 'heartbeat'].includes(name) ? (name as Route['name']) : 'unknown';
}

/** A 200/206 answer of each route, checked against the protocol's schemas. */
function expectSuccess(name: Route['name'], answer: RawAnswer, target: string): void {
  const json = () => JSON.parse(answer.body.toString('utf8')) as unknown;
  switch (name) {
    case 'enroll':
      enrollResponse.parse(json());
      break;
    case 'pull':
      pullResponse.parse(json());
      break;
    case 'watch':
      watchResponse.parse(json());
      break;
    case 'push':
      checkPush(pushResponse.parse(json()).results, true);
      break;
    case 'ack':
    case 'heartbeat':
      okResponse.parse(json());
      break;
    case 'media': {
      // Only the real file can be served, and only bytes of it.
      expect(target.endsWith(media.sha256)).toBe(true);
      const range = /bytes (\d+)-(\d+)\/(\d+)/.exec(headerOf(answer, 'content-range') ?? '');
      const expected = answer.status === 206 && range ? media.bytes.subarray(Number(range[1]), Number(range[2]) + 1) : media.bytes;
      expect(Buffer.compare(answer.body, expected)).toBe(0);
      break;
    }
    case 'root':
      expect(answer.body.toString('utf8')).toMatch(/kiosk hub/);
      break;
    default:
      throw new Error(`${name} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
  }
}

const documentedReasons = ['unsigned', 'proof_invalid', 'replayed', 'not_owner', 'deleted', 'field_not_editable', 'too_long', 'invalid_characters', 'invalid_value', 'unknown_media', 'invalid_payload', 'table_not_editable', 'unknown_kind'];

/** Results of a push: each a documented answer; with `forged`, none may have been applied. */
function checkPush(results: MutationResult[], forged: boolean): void {
  for (const result of results) {
    if (result.status === 'rejected') expect(documentedReasons, JSON.stringify(result)).toContain(result.reason);
    if (forged) expect(result.status, JSON.stringify(result)).toBe('rejected');
  }
}

describe('pushes from an enrolled kiosk', () => {
  it('answers arbitrary mutations with documented results and applies none of them', async () => {
    const usedIds: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(mutationLike, { minLength: 1, maxLength: 5 }), fc.boolean(), async (mutations, reuseId) => {
        // Mostly in order (so the hub reaches its rules), now and then an id it has seen before.
        let order = await nextOrder();
        const sent = mutations.map((m) => {
          const id = reuseId && usedIds.length > 0 ? (usedIds[0] as string) : m.id;
          return { ...m, id, order: m.order === 'NEXT' || m.order === undefined ? order++ : m.order };
        });
        const answer = await send(requestBytes('POST', `${syncPath}/push`, kioskHeaders([['content-type', 'application/json']]).concat([['content-length', String(jsonBody({ mutations: sent }).length)]]), jsonBody({ mutations: sent })));
        expect(answer.status, answer.body.toString('utf8').slice(0, 300)).not.toBeNull();
        if (answer.status !== 200) {
          expect(expectSyncError(answer)).toBe('invalid_request');
          return;
        }
        const response = pushResponse.parse(JSON.parse(answer.body.toString('utf8')));
        checkPush(response.results, true);
        // The hub answers in order, one result per mutation up to where it stopped.
        expect(response.results.map((r) => r.id)).toEqual(sent.slice(0, response.results.length).map((m) => m.id));
        for (const result of response.results) if (result.id.length >= 8) usedIds.push(result.id);
        // No forged edit reaches the catalog.
        expect((await hub.store.meta()).headSeq).toBe(headBefore);
      }),
      fuzzSettings(100),
    );
  });

  it('after all of that, the catalog is exactly as it was and a normal pull returns all of it', async () => {
    expect(await hubDigest(hub.store)).toEqual(before);
    expect((await hub.store.meta()).headSeq).toBe(headBefore);
    expect(quickCheck()).toBe('ok');
    await expectPullMatchesCatalog();
  });

  it('applies a signed edit exactly as sent, or refuses it with a documented reason and changes nothing', async () => {
    const author = demoAuthor(polymer);
    const rowOf = async (table: SyncedTable, id: string) => (await hub.store.getRecord(table, JSON.stringify([id])))?.row ?? null;
    const untouched = await otherRows();
    const ownPhotos = (await hub.store.listRecords('project_media')).filter((r) => r.row?.project_id === polymerProject).map((r) => String(r.row?.sha256));
    const signed = fc.constantFrom('exhibitors' as const, 'projects' as const).chain((table) => {
      const rules: Record<string, EditRule> = editableFields[table];
      const field = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...Object.keys(rules)) }, { weight: 1, arbitrary: fc.constantFrom('booth', 'id', 'exhibitor_id', 'region_id', '__proto__') }, { weight: 1, arbitrary: nastyString });
      const to = (f: string): fc.Arbitrary<string | number | null> => {
        const rule = rules[f];
        if (rule && 'flag' in rule) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.constantFrom(2, null) });
        if (rule && 'media' in rule) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(null, ...ownPhotos) }, { weight: 1, arbitrary: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constant(media.sha256)) });
        const max = rule && 'maxLength' in rule ? rule.maxLength : 200;
        return fc.oneof({ weight: 8, arbitrary: cleanText(max) }, { weight: 1, arbitrary: anyString }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), anyNumber) });
      };
      const changes = fc.uniqueArray(field, { minLength: 1, maxLength: 2 }).chain((fields) =>
        fc.tuple(...fields.map((f) => fc.tuple(to(f), fc.oneof({ weight: 8, arbitrary: fc.constant('CURRENT') }, { weight: 1, arbitrary: fc.oneof(anyString, fc.constant(null)) })))).map((pairs) => ({ fields, pairs })),
      );
      return changes.map(({ fields, pairs }) => ({ table, fields, pairs }));
    });
    let applied = 0;
    const numRuns = 120;
    await fc.assert(
      fc.asyncProperty(signed, async ({ table, fields, pairs }) => {
        const id = table === 'exhibitors' ? polymer : polymerProject;
        const current = (await rowOf(table, id)) ?? {};
        const changes = Object.fromEntries(fields.map((f, i) => [f, { from: pairs[i]?.[1] === 'CURRENT' ? (current[f] ?? null) : (pairs[i]?.[1] ?? null), to: pairs[i]?.[0] ?? null }]));
        const mutationId = randomUUID();
        const mutation = signedMutation(author, mutationId, await nextOrder(), { table, key: JSON.stringify([id]), changes });
        const body = jsonBody({ mutations: [mutation] });
        const order = await nextOrder();
        const answer = await send(requestBytes('POST', `${syncPath}/push`, kioskHeaders([['content-type', 'application/json'], ['content-length', String(body.length)]]), body));
        if (fields.includes('__proto__')) {
          // Fastify's JSON parser refuses a "__proto__" key anywhere in a body (prototype poisoning): nothing is recorded.
          expect(answer.status).toBe(400);
          expect(expectSyncError(answer)).toBe('invalid_request');
          expect(await nextOrder()).toBe(order);
          expect((await rowOf(table, id)) ?? {}).toEqual(current);
          return;
        }
        expect(answer.status, answer.body.toString('utf8').slice(0, 300)).toBe(200);
        const response = pushResponse.parse(JSON.parse(answer.body.toString('utf8')));
        expect(response.expectedOrder).toBeUndefined();
        const [result] = response.results;
        expect(result?.id).toBe(mutationId);
        checkPush(response.results, false);
        const after = (await rowOf(table, id)) ?? {};
        if (result?.status === 'applied') {
          applied += 1;
          // The hub takes values as they are: the kiosk tidies text before it signs.
          for (const [field, change] of Object.entries(changes)) expect(after[field], field).toEqual(change.to);
        } else if (result?.status === 'conflict') {
          for (const conflict of result.conflicts ?? []) expect(after[conflict.field]).toEqual(current[conflict.field] ?? null);
        } else {
          expect(after).toEqual(current);
        }
        // Only the exhibitor's own two rows may change.
        for (const key of Object.keys(after)) if (!Object.hasOwn(editableFields[table], key)) expect(after[key], key).toEqual(current[key]);
      }),
      fuzzSettings(numRuns),
    );
    expect(applied, 'the property must not hold only because every edit was refused').toBeGreaterThan(numRuns / 5);
    expect(await otherRows()).toEqual(untouched);
    expect(quickCheck()).toBe('ok');
  });
});

/** Every catalog row that is not omsk-polymer's booth entry or project, as a digest per table. */
async function otherRows(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of syncedTableNames) {
    const rows = (await hub.store.listRecords(table)).filter(
      (r) => !((table === 'exhibitors' && r.row?.id === polymer) || (table === 'projects' && r.row?.id === polymerProject) || table === 'media' || table === 'project_media'),
    );
    out[table] = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.key, r.row]))).digest('hex');
  }
  return out;
}

/** Pulls the whole catalog from the beginning, as a new kiosk does, and compares it with the hub's records. */
async function expectPullMatchesCatalog(): Promise<void> {
  const rows = new Map<string, unknown>();
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const answer = await send(requestBytes('GET', `${syncPath}/pull?limit=2000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, kioskHeaders()));
    expect(answer.status).toBe(200);
    const response: PullResponse = pullResponse.parse(JSON.parse(answer.body.toString('utf8')));
    if (response.kind !== 'changes') throw new Error(`pull answered ${response.kind}`);
    for (const change of response.changes) {
      if (change.row === null) rows.delete(`${change.t} ${change.k}`);
      else rows.set(`${change.t} ${change.k}`, change.row);
    }
    cursor = response.cursor;
    if (!response.more) break;
  }
  const expected = new Map<string, unknown>();
  for (const table of syncedTableNames) for (const record of await hub.store.listRecords(table)) expected.set(`${table} ${record.key}`, record.row);
  expect(rows.size).toBe(expected.size);
  expect(rows).toEqual(expected);
}

// ---- the exhibitor portal -----------------------------------------------------------------------------------


describe('the exhibitor portal fed arbitrary requests', () => {
  const portalHeaders = (extra: [string, string][]): [string, string][] => [host(), ['connection', 'close'], ...extra];

  it('answers every call, body, content type, origin, token and cookie with a Result, never a 500, and opens no session for a wrong PIN', async () => {
    const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom<string>(...portalCalls) }, { weight: 1, arbitrary: fc.constantFrom('search', 'regions.list', 'kiosk.info', '__proto__', 'constructor') }, { weight: 1, arbitrary: nastyString });
    const input = fc.oneof(
      fc.record({ login: fc.oneof(fc.constantFrom('A-3', 'a3', 'omsk-polymer', 'A-1', 'Z-999'), anyString), pin: fc.oneof(fc.constantFrom('000000', '12345', '1234567'), anyString).filter((p) => p !== demoPin) }, { requiredKeys: [] }),
      fc.record({ target: fc.oneof(fc.constantFrom('exhibitor', 'project'), anyString), id: fc.oneof(fc.constantFrom(polymer, 'omsk-team'), anyString), values: jsonValue(['about_en', 'today_ru', 'hidden']) }, { requiredKeys: [] }),
      jsonValue(['login', 'pin', 'target', 'id', 'values']),
    );
    const body = fc.oneof({ weight: 6, arbitrary: input.map(jsonBody) }, { weight: 1, arbitrary: brokenJson(input.map((v) => JSON.stringify(v) ?? 'null')) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) }, { weight: 1, arbitrary: fc.constant(Buffer.alloc(70 * 1024, 0x20)) });
    const origin = fc.option(fc.oneof(fc.constant('SELF'), fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1', ''), headerValue), { nil: undefined });
    const fetchSite = fc.option(fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none', ''), { nil: undefined });
    const csrf = fc.option(fc.oneof(printable(50), fc.constant('')), { nil: undefined, freq: 4 });
    const cookie = fc.option(fc.oneof(printable(80), fc.string({ unit: printableChar, maxLength: 43 }).map((v) => `portal_session=${v}`)), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(name, body, contentType, origin, fetchSite, csrf, cookie, async (call, bytes, type, o, site, token, jar) => {
        const headers = portalHeaders([['content-length', String(bytes.length)]]);
        if (type !== null) headers.push(['content-type', type]);
        if (o !== undefined) headers.push(['origin', o === 'SELF' ? `http://127.0.0.1:${port}` : o]);
        if (site !== undefined) headers.push(['sec-fetch-site', site]);
        if (token !== undefined) headers.push(['x-portal-csrf', token]);
        if (jar !== undefined) headers.push(['cookie', jar]);
        const answer = await send(requestBytes('POST', `/portal/api/call/${percentEncode(call)}`, headers, bytes));
        expect(answer.status, answer.body.toString('utf8').slice(0, 300)).not.toBeNull();
        expect(answer.status, answer.body.toString('utf8').slice(0, 300)).toBeLessThan(500);
        const result = expectResult(answer);
        // Nobody is logged in here: nothing but the session question and logout can succeed.
        if (result.ok) expect(['exhibitor.session', 'exhibitor.logout'], JSON.stringify(result).slice(0, 200)).toContain(call);
        if (result.ok && call === 'exhibitor.session') expect(result.value).toBeNull();
        expect(headerOf(answer, 'set-cookie') ?? '').not.toMatch(/portal_session=[A-Za-z0-9_-]{20,}/);
      }),
      fuzzSettings(250),
    );
  });

  it('serves no file outside its folders and no photo without a session, whatever the path', async () => {
    const prefix = fc.constantFrom('/portal/assets/', '/portal/media/', '/portal/', '/portal/api/', '/portal/api/call/');
    const path = fc.array(nastySegment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    await fc.assert(
      fc.asyncProperty(prefix, fc.oneof(path, fc.constant(media.sha256)), methods, async (p, rest, method) => {
        const answer = await send(requestBytes(method, `${p}${rest}`, portalHeaders([])));
        expect(answer.status, `${method} ${p}${rest}`).not.toBeNull();
        expect(answer.status, `${method} ${p}${rest}: ${answer.body.toString('utf8').slice(0, 200)}`).toBeLessThan(500);
        expect(answer.body.includes('SQLite format')).toBe(false);
        expect(Buffer.compare(answer.body, media.bytes) === 0, 'a photo without a session').toBe(false);
        // The portal's answers in JSON are the contract's Results (the page itself and its assets are not JSON).
        if (method !== 'HEAD' && /application\/json/.test(headerOf(answer, 'content-type') ?? '')) expectResult(answer);
      }),
      fuzzSettings(150),
    );
  });

  it('with a session, saves a value exactly or refuses it and writes nothing; photo uploads of any bytes are refused cleanly', async () => {
    // Whatever wrong PINs the test above typed, the longest delay is 15 minutes of the hub's clock.
    hub.clock.now += 60 * 60_000;
    const login = await fetch(`${hub.url}/portal/api/call/exhibitor.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-csrf': 'login' },
      body: JSON.stringify({ login: 'A-3', pin: demoPin }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = login.headers.get('x-portal-csrf') ?? '';
    expect(cookie).toMatch(/^portal_session=/);
    const call = async (name: string, input: unknown): Promise<{ answer: RawAnswer; result: Result<unknown> }> => {
      const body = jsonBody(input);
      const answer = await send(requestBytes('POST', `/portal/api/call/${name}`, portalHeaders([['content-type', 'application/json'], ['content-length', String(body.length)], ['cookie', cookie], ['x-portal-csrf', csrf]]), body));
      expect(answer.status, answer.body.toString('utf8').slice(0, 300)).toBeLessThan(500);
      return { answer, result: expectResult(answer) };
    };
    const entry = (await call('exhibitor.entry', {})).result;
    expect(entry.ok).toBe(true);
    const items = (entry as { value: ExhibitorEntry }).value.items;
    const photos = items.find((i) => i.id === polymerProject)?.photos.map((p) => p.sha256) ?? [];
    const untouched = await otherRows();

    const edit = fc.constantFrom('exhibitor' as const, 'project' as const).chain((target) => {
      const rules: Record<string, EditRule> = editableFields[target === 'exhibitor' ? 'exhibitors' : 'projects'];
      const valueFor = (rule: EditRule | undefined): fc.Arbitrary<unknown> => {
        if (rule && 'flag' in rule) return fc.constantFrom(0, 1, 2, null, '1');
        if (rule && 'media' in rule) return fc.oneof(fc.constantFrom(...photos, null), fc.stringMatching(/^[0-9a-f]{64}$/));
        const max = rule && 'maxLength' in rule ? rule.maxLength : 100;
        return fc.oneof({ weight: 6, arbitrary: cleanText(max) }, { weight: 2, arbitrary: anyString }, { weight: 1, arbitrary: fc.constantFrom(0, 1, null) });
      };
      const field = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...Object.keys(rules)) }, { weight: 1, arbitrary: fc.constantFrom('booth', 'exhibitor_id', '__proto__', 'hub_seq') });
      return fc
        .uniqueArray(field, { minLength: 1, maxLength: 3 })
        .chain((fields) => fc.tuple(...fields.map((f) => valueFor(rules[f]))).map((values) => Object.fromEntries(fields.map((f, i) => [f, values[i]]))))
        .map((values) => ({ target, id: target === 'exhibitor' ? polymer : polymerProject, values }));
    });
    const other = fc.record({ target: fc.constantFrom('exhibitor', 'project'), id: fc.oneof(fc.constantFrom('omsk-team', 'omsk-petrochem', 'p-00001'), anyString), values: jsonValue(['about_en']) });
    let saved = 0;
    const numRuns = 120;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 6, arbitrary: edit }, { weight: 1, arbitrary: other }), async (input) => {
        const table = input.target === 'exhibitor' ? 'exhibitors' : 'projects';
        const key = JSON.stringify([input.id]);
        const rowBefore = (await hub.store.getRecord(table, key))?.row ?? null;
        const head = (await hub.store.meta()).headSeq;
        const { result } = await call('exhibitor.save', input);
        const rowAfter = (await hub.store.getRecord(table, key))?.row ?? null;
        if (!result.ok) {
          expect(['invalid_input', 'not_found', 'unauthorized', 'too_large']).toContain(result.error.code);
          expect(rowAfter).toEqual(rowBefore);
          expect((await hub.store.meta()).headSeq).toBe(head);
          return;
        }
        const record = result.value as EditRecord;
        expect([polymer, polymerProject]).toContain(input.id);
        if (record.state === 'published') {
          saved += 1;
          for (const change of record.changes) {
            const sent = Object.entries(input.values as Record<string, unknown>).find(([f]) => f === change.field)?.[1];
            expect(change.to, change.field).toEqual(tidyEdit(sent));
            expect(rowAfter?.[change.field], change.field).toEqual(change.to);
          }
        } else {
          expect(rowAfter).toEqual(rowBefore);
        }
      }),
      fuzzSettings(numRuns),
    );
    expect(saved, 'the property must not hold only because every save was refused').toBeGreaterThan(numRuns / 5);
    expect(await otherRows()).toEqual(untouched);

    // Photos: bytes that claim to be an image (its first bytes) and are not, or are cut short, or are junk.
    const png = solidPng(4, 4, [200, 30, 30]);
    const signatures = [Buffer.from([0xff, 0xd8, 0xff, 0xe0]), png.subarray(0, 8), Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.from('\0\0\0\x18ftypheic\0\0\0\0')];
    const photoBytes = fc.oneof(
      fc.tuple(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 400 })).map(([head, tail]) => Buffer.concat([head, Buffer.from(tail)])),
      fc.nat({ max: png.length - 1 }).map((n) => png.subarray(0, n)),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    );
    const photoType = fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/octet-stream', 'application/json', 'text/plain');
    const projectId = fc.oneof({ weight: 4, arbitrary: fc.constant(polymerProject) }, { weight: 1, arbitrary: fc.constantFrom('', 'p-00001', '../../etc', 'x'.repeat(200)) });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(photoBytes, photoType, projectId, async (bytes, type, project) => {
        const mediaBefore = (await hub.store.listRecords('media')).length;
        const answer = await send(
          requestBytes('POST', `/portal/api/photo?projectId=${percentEncode(project)}`, portalHeaders([['content-type', type], ['content-length', String(bytes.length)], ['cookie', cookie], ['x-portal-csrf', csrf]]), bytes),
        );
        expect(answer.status, answer.body.toString('utf8').slice(0, 300)).toBeLessThan(500);
        const result = expectResult(answer);
        if (!result.ok) {
          expect(['invalid_input', 'not_found', 'too_large']).toContain(result.error.code);
          expect((await hub.store.listRecords('media')).length).toBe(mediaBefore);
          return;
        }
        // libvips decodes what it can (a PNG cut short included); what is kept is only a JPEG made anew from the pixels.
        accepted += 1;
        const photo = result.value as { sha256: string; mime: string };
        expect(photo.mime).toBe('image/jpeg');
        const file = await hub.store.mediaFile(photo.sha256);
        expect(file).not.toBeNull();
        const stored = readFileSync(file?.path ?? '');
        expect([...stored.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        expect(Buffer.compare(stored, bytes)).not.toBe(0);
      }),
      fuzzSettings(60),
    );
    expect(accepted).toBeLessThan(60);
    expect(quickCheck()).toBe('ok');
  });
});

// ---- the staff pages ----------------------------------------------------------------------------------------

describe('the staff pages fed arbitrary requests', () => {
  const staffHeaders = (extra: [string, string][]): [string, string][] => [host(), ['connection', 'close'], ...extra];
  const formBody = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom('csrf', 'login', 'password', 'mutation', 'reason', 'review', '__proto__'), printable(10)), fc.oneof(anyString, printable(40)), { maxKeys: 5 }).map((form) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) params.append(k, Buffer.from(v, 'utf8').toString('utf8'));
      return Buffer.from(params.toString(), 'utf8');
    }),
    printable(100).map((text) => Buffer.from(text, 'latin1')),
    fc.constantFrom(Buffer.from('a=%E0%A'), Buffer.from('%%%'), Buffer.from('csrf&csrf=&csrf=x'), Buffer.alloc(70 * 1024, 0x61)),
  );
  const formType = fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', '') });

  it('answers any page, form, token and cookie with a page or a redirect, never a 500', async () => {
    const path = fc.oneof(
      fc.constantFrom(
        '/staff',
        '/staff/',
        '/staff/login',
        '/staff/logout',
        '/staff/reviews',
        '/staff/reviews/approve',
        '/staff/reviews/reject',
        '/staff/settings',
        '/staff/staff.css',
        '/staff/kiosks',
        '/staff/commands',
        '/staff/schedule',
        '/staff/schedule/delete',
        '/staff/actions',
      ),
      fc.array(nastySegment, { minLength: 1, maxLength: 3 }).map((parts) => `/staff/${parts.join('/')}`),
      fc.tuple(fc.constantFrom('/staff/login', '/staff/reviews', '/staff/settings', '/staff/kiosks', '/staff/commands', '/staff/schedule', '/staff/actions'), printable(30)).map(([p, q]) => `${p}?${percentEncode(q)}=${percentEncode(q)}&m=signed_out&notice=%00`),
    );
    const cookie = fc.option(fc.oneof(fc.string({ unit: printableChar, maxLength: 43 }).map((v) => `staff_session=${v}`), fc.string({ unit: printableChar, maxLength: 43 }).map((v) => `staff_login=${v}`), printable(80)), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE'), path, formBody, formType, cookie, async (method, p, body, type, jar) => {
        const headers = staffHeaders(jar === undefined ? [] : [['cookie', jar]]);
        const withBody = method === 'POST' || method === 'PUT';
        if (withBody) headers.push(['content-type', type], ['content-length', String(body.length)]);
        const answer = await send(requestBytes(method, p, headers, withBody ? body : undefined));
        expect(answer.status, `${method} ${p}`).not.toBeNull();
        expect(answer.status, `${method} ${p}: ${answer.body.toString('utf8').slice(0, 200)}`).toBeLessThan(500);
        // Without a session nothing is decided and nobody is logged in.
        expect(headerOf(answer, 'set-cookie') ?? '').not.toMatch(/staff_session=[A-Za-z0-9_-]{43}/);
        if (answer.status === 303) expect(headerOf(answer, 'location') ?? '').toMatch(/^\/staff\//);
      }),
      fuzzSettings(200),
    );
  });

  it('with a staff session, answers arbitrary decisions and settings without a 500 and loses no edit waiting for review', async () => {
    // A staff account made as `npm run hub -- staff-add` would (store and password hash only), and a real login.
    const password = 'correct horse battery staple';
    await hub.store.setStaffPassword('fuzz', await hashPassword(password), hub.clock.now);
    const page = await send(requestBytes('GET', '/staff/login', staffHeaders([])));
    const loginCookie = (headerOf(page, 'set-cookie') ?? '').split(';')[0] ?? '';
    const loginCsrf = /name="csrf" value="([^"]+)"/.exec(page.body.toString('utf8'))?.[1] ?? '';
    const loginForm = Buffer.from(new URLSearchParams({ csrf: loginCsrf, login: 'fuzz', password }).toString());
    const login = await send(requestBytes('POST', '/staff/login', staffHeaders([['cookie', loginCookie], ['content-type', 'application/x-www-form-urlencoded'], ['content-length', String(loginForm.length)]]), loginForm));
    expect(login.status).toBe(303);
    const session = /staff_session=[^;,\s]+/.exec(login.head)?.[0] ?? '';
    expect(session).not.toBe('');
    const reviews = await send(requestBytes('GET', '/staff/reviews', staffHeaders([['cookie', session]])));
    expect(reviews.status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(reviews.body.toString('utf8'))?.[1] ?? '';

    // Some edits waiting for review, so that decisions have something to act on.
    await hub.store.setSetting('review_edits', '1');
    const author = demoAuthor(polymer);
    const waiting: string[] = [];
    for (let i = 0; i < 4; i++) {
      const current = (await hub.store.getRecord('exhibitors', JSON.stringify([polymer])))?.row ?? {};
      const mutationId = randomUUID();
      const mutation = signedMutation(author, mutationId, await nextOrder(), { table: 'exhibitors', key: JSON.stringify([polymer]), changes: { [`today_${i % 2 ? 'en' : 'ru'}`]: { from: current[`today_${i % 2 ? 'en' : 'ru'}`] ?? null, to: `review ${i}` } } });
      const body = jsonBody({ mutations: [mutation] });
      const pushed = await send(requestBytes('POST', `${syncPath}/push`, kioskHeaders([['content-type', 'application/json'], ['content-length', String(body.length)]]), body));
      const [result] = pushResponse.parse(JSON.parse(pushed.body.toString('utf8'))).results;
      expect(result?.status).toBe('review');
      waiting.push(mutationId);
    }
    // Decisions travel to kiosks as edit_reviews records; the content tables keep their rows.
    const rowCounts = async () => Object.fromEntries(await Promise.all(catalogTableNames.map(async (t) => [t, (await hub.store.listRecords(t)).length] as const)));
    const countsBefore = await rowCounts();

    const commandsBefore = (await hub.store.commandStatus(1000)).length;
    const scheduleBefore = (await hub.store.listRecords('presentation_schedule')).length;
    // A form value: plausible for the fleet forms (commands, schedule), or anything.
    const fleetValue = fc.option(
      fc.oneof(
        fc.constantFrom('all', 'group:zone-a', 'device:nope', 'presentation_start', 'banner', 'install_update', 'route', 'featured', 'on_stage', 'region:omsk', '12', '0', '601', '1440', '2026-12-03T10:00', '2026-12-03T09:00', ''),
        anyString,
        fc.constant('x'.repeat(6000)),
      ),
      { nil: undefined },
    );
    const fleetFields = ['target', 'kind', 'playlist', 'interval', 'ru', 'en', 'minutes', 'valid', 'zone', 'session', 'starts', 'ends', 'id'] as const;
    const decision = fc.record({
      path: fc.constantFrom('/staff/reviews/approve', '/staff/reviews/reject', '/staff/settings', '/staff/logout', '/staff/login', '/staff/commands', '/staff/schedule', '/staff/schedule/delete'),
      fleet: fc.tuple(...fleetFields.map(() => fleetValue)),
      csrf: fc.oneof({ weight: 6, arbitrary: fc.constant('VALID') }, { weight: 1, arbitrary: printable(43) }, { weight: 1, arbitrary: fc.constant(null) }),
      mutation: fc.oneof(fc.constantFrom(...waiting), anyString, fc.constant('')),
      reason: fc.option(fc.oneof(cleanText(200), anyString, fc.constant('x'.repeat(6000))), { nil: undefined }),
      review: fc.option(fc.oneof(fc.constantFrom('on', 'off', 'ON', ''), anyString), { nil: undefined }),
      type: formType,
    });
    await fc.assert(
      fc.asyncProperty(decision, async (d) => {
        if (d.path === '/staff/logout' && d.csrf === 'VALID') return; // keep the session for the other runs
        const params = new URLSearchParams();
        if (d.csrf !== null) params.set('csrf', d.csrf === 'VALID' ? csrf : d.csrf);
        params.set('mutation', d.mutation);
        if (d.reason !== undefined) params.set('reason', d.reason);
        if (d.review !== undefined) params.set('review', d.review);
        fleetFields.forEach((field, i) => {
          const value = d.fleet[i];
          if (value !== undefined) params.set(field, value);
        });
        const body = Buffer.from(params.toString(), 'utf8');
        const answer = await send(requestBytes('POST', d.path, staffHeaders([['cookie', session], ['content-type', d.type], ['content-length', String(body.length)]]), body));
        expect(answer.status, `${d.path}: ${answer.body.toString('utf8').slice(0, 300)}`).not.toBeNull();
        expect(answer.status, `${d.path}: ${answer.body.toString('utf8').slice(0, 300)}`).toBeLessThan(500);
        if (answer.status === 303) expect(headerOf(answer, 'location') ?? '').toMatch(/^\/staff\//);
      }),
      fuzzSettings(120),
    );
    // Nothing was added to or lost from the catalog (the schedule is not content); every command stored is one the
    // contract's schemas accept.
    expect(await rowCounts()).toEqual(countsBefore);
    const commands = await hub.store.commandStatus(1000);
    expect(commands.length).toBeGreaterThanOrEqual(commandsBefore);
    for (const { command } of commands) expect(commandPayloads[command.kind as CommandKind].safeParse(command.payload).success, JSON.stringify(command)).toBe(true);
    for (const entry of await hub.store.listRecords('presentation_schedule')) if (entry.row) expect(playlistSchema.safeParse(JSON.parse(String(entry.row.playlist))).success).toBe(true);
    expect((await hub.store.listRecords('presentation_schedule')).length).toBeGreaterThanOrEqual(scheduleBefore);
    // Every edit that waited was either decided or is still in the queue: none vanished.
    const pending = new Set((await hub.store.pendingReviews(100)).map((r) => r.mutationId));
    const decided = (await hub.store.exhibitorEdits(polymer, 500)).filter((e) => waiting.includes(e.mutationId) && e.status !== 'review').map((e) => e.mutationId);
    for (const id of waiting) expect(pending.has(id) || decided.includes(id), id).toBe(true);
    await hub.store.setSetting('review_edits', '0');
    expect(quickCheck()).toBe('ok');
  });
});

describe('afterwards', () => {
  it('the hub still answers a normal pull with exactly its catalog, and Object.prototype is untouched', async () => {
    await expectPullMatchesCatalog();
    expect(quickCheck()).toBe('ok');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const device = await hub.store.deviceByToken(hashSecret(token));
    expect(device?.id).toBe(deviceId);
  });
});
