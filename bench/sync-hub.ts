// The hub of the sync benchmark, in its own process (forked by bench/sync.ts), so that the hub's latency is not
// inflated by the kiosks' work in the same event loop. The parent drives it over IPC (bench/sync-common.ts).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadDemoIntoHub } from '../hub/catalog';
import { createHubServer, hashSecret, newEnrollCode, normaliseCode } from '../hub/server';
import type { RecordWrite } from '../hub/store/hub-store';
import { SqliteHubStore } from '../hub/store/sqlite-store';
import type { WireRow } from '../db/sync-tables';
import { epochMs, serve } from './sync-common';

export type HubInfo = { url: string; loadSeconds: number; rows: number; media: number; mediaBytes: number; headSeq: number; records: number };
export type ChangeArgs = { n: number; tag: string; offset: number; notify?: boolean };
export type HubTiming = { kind: string; ms: number; status: number };
export type HubCpu = { userMs: number; systemMs: number; wallMs: number; loopDelay: { p50: number; p99: number; max: number } };

export async function runHub(): Promise<void> {
  const dir = process.env.BENCH_SYNC_HUB_DIR ?? '';
  const projects = process.env.BENCH_SYNC_HUB_PROJECTS ? Number(process.env.BENCH_SYNC_HUB_PROJECTS) : undefined;
  const store = SqliteHubStore.open(dir);
  const loadStarted = performance.now();
  const loaded = await loadDemoIntoHub(store, projects === undefined ? {} : { projects });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const app = createHubServer({ store });

  // Service time per request, from the hub receiving it to the answer being handed to the socket.
  let timings: HubTiming[] = [];
  app.addHook('onResponse', (request, reply, done) => {
    const kind = /\/sync\/v1\/([a-z]+)/.exec(request.routeOptions.url ?? '')?.[1] ?? 'other';
    timings.push({ kind, ms: reply.elapsedTime, status: reply.statusCode });
    done();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let cpuFrom = process.cpuUsage();
  let wallFrom = performance.now();

  const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
  let originals: { key: string; row: WireRow }[] | null = null;
  /** `n` projects spread over the catalog, their summary_en prefixed with `[tag]`. */
  const planChanges = async (args: ChangeArgs): Promise<RecordWrite[]> => {
    originals ??= (await store.listRecords('projects')).flatMap((r) => (r.row ? [{ key: r.key, row: r.row }] : []));
    const all = originals;
    const step = Math.max(1, Math.floor(all.length / args.n));
    const writes: RecordWrite[] = [];
    for (let i = 0; i < args.n && i < all.length; i++) {
      const original = all[(i * step + args.offset) % all.length];
      if (original) writes.push({ table: 'projects', key: original.key, row: { ...original.row, summary_en: `[${args.tag}] ${String(original.row.summary_en)}` } });
    }
    return writes;
  };

  serve({
    info: (): HubInfo => ({
      url: `http://127.0.0.1:${port}`,
      loadSeconds,
      rows: loaded.rows,
      media: loaded.media,
      mediaBytes: count('SELECT coalesce(sum(bytes), 0) AS n FROM media_files'),
      headSeq: count("SELECT CAST(value AS INTEGER) AS n FROM hub_meta WHERE key = 'head_seq'"),
      records: count('SELECT count(*) AS n FROM records WHERE data IS NOT NULL'),
    }),
    enrollCodes: async (n: number): Promise<string[]> => {
      const codes: string[] = [];
      for (let i = 0; i < n; i++) {
        const code = newEnrollCode();
        await store.createEnrollCode(hashSecret(normaliseCode(code)), Date.now() + 3_600_000, Date.now());
        codes.push(code);
      }
      return codes;
    },
    /**
     * Changes `n` projects spread over the catalog (summary_en gets a `[tag]` prefix), as a staff import would, in one
     * transaction. With `notify`, waiting watch requests are woken as when a change is made through the hub.
     */
    changeProjects: async (args: ChangeArgs) => {
      const writes = await planChanges(args);
      const started = performance.now();
      const result = await store.writeRecords(writes, Date.now());
      const writeMs = performance.now() - started;
      const at = epochMs();
      if (args.notify) app.changes.notify();
      return { changed: result.changed, writeMs, at };
    },
    /** The first project `changeProjects` would change with these arguments, and its new summary_en. */
    firstChange: async (args: ChangeArgs) => {
      const row = (await planChanges(args))[0]?.row;
      return row ? { id: String(row.id), summary_en: String(row.summary_en) } : null;
    },
    timings: (): HubTiming[] => {
      const taken = timings;
      timings = [];
      return taken;
    },
    /** CPU time and event-loop delay since the last call. */
    cpu: (): HubCpu => {
      const used = process.cpuUsage(cpuFrom);
      const wallMs = performance.now() - wallFrom;
      const result = {
        userMs: used.user / 1000,
        systemMs: used.system / 1000,
        wallMs,
        loopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      };
      cpuFrom = process.cpuUsage();
      wallFrom = performance.now();
      loop.reset();
      return result;
    },
    exit: async () => {
      await app.close();
      await store.close();
    },
  });
}
