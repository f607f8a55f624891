// Test harness for sync: a real hub (Fastify on a loopback port, its own SQLite store) and real kiosk cores, each in
// its own temporary data folder. Tests drive sync cycles by hand, so nothing depends on timers.
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connection';
import type { DemoOptions } from '../../db/demo/generate';
import { rowKey, syncedTableNames, syncedTables, type SyncedTable, type WireRow } from '../../db/sync-tables';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../electron/core/kiosk-core';
import { loadDemoIntoHub } from '../../hub/catalog';
import { createHubServer, hashSecret, newEnrollCode, normaliseCode } from '../../hub/server';
import { SqliteHubStore } from '../../hub/store/sqlite-store';
import { FaultProxy } from './fault-proxy';

export { demoAuthor, demoExhibitorIds, editableDemo, editableProjectIds, ownerOf, signedMutation, signedPayload } from './authors';

const folders: string[] = [];

/** A fresh temporary folder, removed by `cleanUp()`. */
export function tempDir(prefix = 'sync-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

export type TestHub = {
  dir: string;
  store: SqliteHubStore;
  app: FastifyInstance;
  url: string;
  clock: { now: number };
  enrollCode(): Promise<string>;
  close(): Promise<void>;
};

const running: { close(): Promise<void> }[] = [];

const hubStartsAt = Date.parse('2026-12-03T09:00:00+06:00');

/**
 * Hub folders with the demo forum loaded, one per set of demo options, made once per test file and copied for each
 * hub (loading the demo writes and fsyncs every media file, which is most of a hub's start-up time).
 */
const demoTemplates = new Map<string, string>();
process.once('exit', () => {
  for (const dir of demoTemplates.values()) rmSync(dir, { recursive: true, force: true });
});

async function demoHubDir(demo: DemoOptions): Promise<string> {
  const key = JSON.stringify(demo);
  let template = demoTemplates.get(key);
  if (!template) {
    template = mkdtempSync(join(tmpdir(), 'hub-template-'));
    const store = SqliteHubStore.open(template, hubStartsAt);
    await loadDemoIntoHub(store, demo, hubStartsAt);
    await store.close();
    demoTemplates.set(key, template);
  }
  const dir = tempDir('hub-');
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Starts a hub on 127.0.0.1 with the demo forum (unless `demo: false`). `clock.now` is the hub's clock. */
export async function startHub(options: { dir?: string; demo?: DemoOptions | false; port?: number } = {}): Promise<TestHub> {
  const dir = options.dir ?? (options.demo === false ? tempDir('hub-') : await demoHubDir(options.demo ?? {}));
  const clock = { now: hubStartsAt };
  const store = SqliteHubStore.open(dir, clock.now);
  if (options.demo !== false && (await store.meta()).headSeq === 0) await loadDemoIntoHub(store, options.demo ?? {}, clock.now);
  const app = createHubServer({ store, now: () => clock.now });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  const hub: TestHub = {
    dir,
    store,
    app,
    url: `http://127.0.0.1:${port}`,
    clock,
    async enrollCode() {
      const code = newEnrollCode();
      await store.createEnrollCode(hashSecret(normaliseCode(code)), clock.now + 3_600_000, clock.now);
      return code;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
  running.push(hub);
  return hub;
}

/** A kiosk core in its own folder (demo content on first run, as a real kiosk), enrolled with `hub` if given. */
export async function startKiosk(
  options: {
    dir?: string;
    hub?: TestHub;
    /** The address the kiosk enrolls with and talks to, when not the hub's own (a fault proxy in front of it). */
    via?: { url: string };
    name?: string;
    sync?: KioskCoreOptions['sync'];
    demo?: KioskCoreOptions['demo'];
    /** false: the kiosk downloads no media (a zero media budget), for tests about records only. */
    media?: boolean;
    /** The kiosk core's clock (presentations, sessions); sync keeps its own unless `sync.now` is given. */
    now?: () => Date;
  } = {},
): Promise<KioskCore & { dir: string }> {
  const dir = options.dir ?? join(tempDir('kiosk-'), 'data');
  const core = createKioskCore({
    dataDir: dir,
    appVersion: '0.0.0-test',
    demo: options.demo,
    ...(options.now ? { now: options.now } : {}),
    sync: { backoffBaseMs: 10, backoffMaxMs: 50, ...(options.media === false ? { mediaBudgetBytes: 0 } : {}), ...options.sync },
  });
  let closed = false;
  const kiosk = Object.assign(core, {
    dir,
    close: async () => {
      if (closed) return;
      closed = true;
      await core.close();
    },
  });
  running.push(kiosk);
  if (options.hub) await kiosk.sync.enroll(options.via?.url ?? options.hub.url, await options.hub.enrollCode(), options.name ?? '');
  return kiosk;
}

/** Closes every hub and kiosk started by the harness and removes their folders. */
export async function cleanUp(): Promise<void> {
  for (const thing of running.splice(0).reverse()) await thing.close().catch(() => undefined);
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function count(core: KioskCore, sql: string, ...params: unknown[]): number {
  return (core.db.prepare(sql).get(...params) as { n: number }).n;
}

/** A fault proxy in front of `hub`, closed by `cleanUp()`. */
export async function startProxy(hub: { url: string }): Promise<FaultProxy> {
  const proxy = await new FaultProxy(hub.url).start();
  running.push(proxy);
  return proxy;
}

/** Per synced table: live rows and a checksum over them in key order (the same for a kiosk and the hub when level). */
export type CatalogDigest = Record<string, { rows: number; sha256: string }>;

function digestRows(rows: { key: string; row: WireRow }[], table: SyncedTable): { rows: number; sha256: string } {
  const hash = createHash('sha256');
  const columns = Object.keys(syncedTables[table].columns);
  for (const { key, row } of [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    hash.update(key).update('\u0000').update(JSON.stringify(columns.map((c) => row[c] ?? null))).update('\n');
  }
  return { rows: rows.length, sha256: hash.digest('hex') };
}

/** The digest of a kiosk database's catalog (rows not deleted). */
export function kioskDigest(db: Db): CatalogDigest {
  const digest: CatalogDigest = {};
  for (const table of syncedTableNames) {
    const columns = Object.keys(syncedTables[table].columns);
    const rows = (db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE deleted = 0`).all() as WireRow[]).map((row) => ({ key: rowKey(table, row), row }));
    digest[table] = digestRows(rows, table);
  }
  return digest;
}

/** The digest of the hub's catalog. */
export async function hubDigest(store: SqliteHubStore): Promise<CatalogDigest> {
  const digest: CatalogDigest = {};
  for (const table of syncedTableNames) {
    const rows = (await store.listRecords(table)).map((r) => ({ key: r.key, row: r.row ?? {} }));
    digest[table] = digestRows(rows, table);
  }
  return digest;
}

/** One column of one catalog row at a kiosk (by id), or undefined if the row is absent. */
export function kioskValue(core: KioskCore, table: SyncedTable, id: string, column: string): unknown {
  const row = core.db.prepare(`SELECT ${column} AS v FROM ${table} WHERE id = ?`).get(id) as { v: unknown } | undefined;
  return row?.v;
}

/** One catalog row at the hub (by id), or null for a deleted or unknown row. */
export async function hubRow(hub: TestHub, table: SyncedTable, id: string): Promise<WireRow | null> {
  return (await hub.store.getRecord(table, JSON.stringify([id])))?.row ?? null;
}

/** The sync worker's state row at a kiosk. */
export function syncState(core: KioskCore): { cursor: string; rebuild_cursor: string | null; next_order: number; blocked: string; lock_owner: string } {
  return core.sync.db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as ReturnType<typeof syncState>;
}

/** The kiosk's outbox, oldest first. */
export function outbox(core: KioskCore): { order_no: number; id: string; kind: string; payload: string; status: string; result: string | null }[] {
  return core.sync.db.prepare('SELECT order_no, id, kind, payload, status, result FROM outbox ORDER BY order_no').all() as ReturnType<typeof outbox>;
}

/**
 * Writes a mutation straight into a kiosk's outbox with the next order number, as recordEdit would but without its
 * checks and without the local change: for mutations no kiosk UI makes (a forged or tampered one, or one an older
 * kiosk saved before it checked values itself). Returns its order.
 */
export function queueRaw(core: KioskCore, payload: Record<string, unknown>, options: { id?: string; exhibitorId?: string | null } = {}): number {
  const db = core.sync.db;
  return db.transaction(() => {
    const state = db.prepare('SELECT next_order FROM sync_state WHERE id = 1').get() as { next_order: number };
    const last = db.prepare('SELECT max(order_no) AS n FROM outbox').get() as { n: number | null };
    const order = Math.max(state.next_order, (last.n ?? 0) + 1);
    db.prepare("INSERT INTO outbox (order_no, id, kind, payload, created_at, exhibitor_id) VALUES (?, ?, 'edit', ?, ?, ?)").run(
      order,
      options.id ?? randomUUID(),
      JSON.stringify(payload),
      new Date().toISOString(),
      options.exhibitorId ?? null,
    );
    db.prepare('UPDATE sync_state SET next_order = ? WHERE id = 1').run(order + 1);
    return order;
  })();
}

/** Waits until `check` returns true (polling; no fixed sleeps), or fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
