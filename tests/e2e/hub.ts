// A real hub process for the browser tests (`out/node/hub.js`, demo forum on first run), shared by every spec that
// needs one: the kiosk syncing with it, the exhibitor portal, the staff pages.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const hubEntry = resolve('out/node/hub.js');

/** `code`: the one-time enrollment code the hub prints at start, for a kiosk's `--enroll`. */
export type Hub = { url: string; code: string; dataDir: string; process: ChildProcess };

/** Starts a hub on a free loopback port, on `dataDir` (a new folder unless given; the demo forum loads on first run). */
export async function launchHub(dataDir = mkdtempSync(join(tmpdir(), 'hub-e2e-'))): Promise<Hub> {
  const child = spawn(process.execPath, [hubEntry, '--port', '0', '--host', '127.0.0.1', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise<Hub>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`The hub did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Hub ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const code = /enrollment code[^:]*: ([A-Z0-9-]+)/.exec(output)?.[1];
      if (url && code) {
        clearTimeout(timer);
        ready({ url, code, dataDir, process: child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => fail(new Error(`The hub stopped (${code}):\n${output}`)));
  });
}

/** Stops the hub; its data folder goes too unless `keepData` (a test that starts it again on the same folder). */
export async function stopHub(hub: Hub, options: { keepData?: boolean } = {}): Promise<void> {
  if (hub.process.exitCode === null) {
    const exited = new Promise((done) => hub.process.once('exit', done));
    hub.process.kill('SIGTERM');
    await exited;
  }
  if (!options.keepData) rmSync(hub.dataDir, { recursive: true, force: true });
}

/** Runs one of the hub's CLI commands on its data folder (as staff would at the hub computer); returns its output. */
export function hubCommand(dataDir: string, args: string[], input = ''): string {
  const run = spawnSync(process.execPath, [hubEntry, ...args, '--data', dataDir], { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`hub ${args.join(' ')} failed (${run.status}):\n${run.stdout}${run.stderr}`);
  return run.stdout;
}
