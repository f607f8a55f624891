// Test harness for sync: a real hub (Fastify on a loopback port, its own SQLite store) and real kiosk cores, each in
// its own temporary data folder. Tests drive sync cycles by hand, so nothing depends on timers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DemoOptions } from '../../db/demo/generate';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../electron/core/kiosk-core';
import { loadDemoIntoHub } from '../../hub/catalog';
import { createHubServer, hashSecret, newEnrollCode, normaliseCode } from '../../hub/server';
import { SqliteHubStore } from '../../hub/store/sqlite-store';

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

/** Starts a hub on 127.0.0.1 with the demo forum (unless `demo: false`). `clock.now` is the hub's clock. */
export async function startHub(options: { dir?: string; demo?: DemoOptions | false; port?: number } = {}): Promise<TestHub> {
  const dir = options.dir ?? tempDir('hub-');
  const clock = { now: Date.parse('2026-12-03T09:00:00+06:00') };
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
  options: { dir?: string; hub?: TestHub; name?: string; sync?: KioskCoreOptions['sync']; demo?: KioskCoreOptions['demo'] } = {},
): Promise<KioskCore & { dir: string }> {
  const dir = options.dir ?? join(tempDir('kiosk-'), 'data');
  const core = createKioskCore({
    dataDir: dir,
    appVersion: '0.0.0-test',
    demo: options.demo,
    sync: { backoffBaseMs: 10, backoffMaxMs: 50, ...options.sync },
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
  if (options.hub) await kiosk.sync.enroll(options.hub.url, await options.hub.enrollCode(), options.name ?? '');
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
