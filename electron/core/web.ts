// `npm run web`: the kiosk core and renderer served over HTTP on 127.0.0.1, for browsers, tests and development.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { createAssetServer } from './assets';
import { startHttpTransport } from './http-transport';
import { createKioskCore } from './kiosk-core';

const usage = `Usage: npm run web -- [--port N] [--data DIR] [--idle-seconds N] [--hub URL [--enroll CODE]]
  --port N            port on 127.0.0.1 (default 5180; 0 picks a free one)
  --data DIR          the kiosk's data folder, created and filled with demo content on first run (default .kiosk-data)
  --idle-seconds N    idle timeout for this run (default: the kiosk's setting, 90)
  --hub URL           the hub to sync with, e.g. http://192.168.1.10:5190 (kept in the data folder)
  --enroll CODE       a one-time enrollment code printed by the hub (needed once per kiosk)
  --name NAME         the kiosk's name on the hub's dashboard
  --sync-seconds N    pause between syncs while all is well (default 15)`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function readArgs() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: '5180' },
        data: { type: 'string', default: '.kiosk-data' },
        'idle-seconds': { type: 'string' },
        hub: { type: 'string' },
        enroll: { type: 'string' },
        name: { type: 'string', default: '' },
        'sync-seconds': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    const idle = values['idle-seconds'];
    const idleSeconds = idle === undefined ? undefined : Number(idle);
    if (idleSeconds !== undefined && (!Number.isInteger(idleSeconds) || idleSeconds < 5)) {
      fail(`--idle-seconds must be a whole number of at least 5, not "${idle}"`);
    }
    const syncSeconds = values['sync-seconds'] === undefined ? 15 : Number(values['sync-seconds']);
    if (!Number.isFinite(syncSeconds) || syncSeconds < 0.1) fail(`--sync-seconds must be a number of at least 0.1, not "${values['sync-seconds']}"`);
    let hub: string | undefined;
    if (values.hub !== undefined) {
      try {
        const url = new URL(values.hub);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
        hub = url.origin;
      } catch {
        fail(`--hub must be an http:// or https:// address, not "${values.hub}"`);
      }
    }
    if (values.enroll !== undefined && hub === undefined) fail('--enroll needs --hub');
    return { port, dataDir: resolve(values.data), idleSeconds, hub, enroll: values.enroll, name: values.name, syncSeconds };
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  const here = dirname(fileURLToPath(import.meta.url));
  const core = createKioskCore({
    dataDir: args.dataDir,
    appVersion: version,
    idleSeconds: args.idleSeconds,
    sync: { intervalMs: args.syncSeconds * 1000 },
    // Sync runs in a worker thread beside this bundle, off the thread that answers the screen.
    syncWorker: resolve(here, 'sync-worker.js'),
  });
  // Everything printed also goes to <data>/logs/kiosk.log, whose tail reaches the hub with heartbeats.
  core.log.captureConsole();
  if (args.hub) core.sync.connect(args.hub, args.enroll, args.name);
  core.start();
  const assets = createAssetServer({ rendererDir: resolve(here, '../renderer'), db: core.db, media: core.media });
  const transport = await startHttpTransport(core, assets, { port: args.port });
  console.log(`Kiosk data folder: ${args.dataDir}`);
  console.log(`Kiosk ready at ${transport.url}`);

  const stop = () => {
    void transport
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
