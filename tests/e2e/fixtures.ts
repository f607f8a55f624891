import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';

const webEntry = resolve('out/node/web.js');

export type Kiosk = { url: string; dataDir: string; process: ChildProcess };

/** Starts `npm run web`'s server on a free port with a data folder of its own; stops it after the test. */
export async function startKiosk(args: string[] = []): Promise<Kiosk> {
  if (!existsSync(webEntry)) throw new Error(`${webEntry} is missing: run \`npm run build\` before the browser tests`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child = spawn(process.execPath, [webEntry, '--port', '0', '--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The kiosk did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kiosk ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The kiosk exited with ${code}:\n${output}`));
    });
  });
  return { url, dataDir, process: child };
}

export async function stopKiosk(kiosk: Kiosk): Promise<void> {
  if (kiosk.process.exitCode === null) {
    const exited = new Promise((done) => kiosk.process.once('exit', done));
    kiosk.process.kill('SIGTERM');
    await exited;
  }
  rmSync(kiosk.dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ kiosk: Kiosk }>({
  kiosk: async ({}, use) => {
    const kiosk = await startKiosk();
    await use(kiosk);
    await stopKiosk(kiosk);
  },
});

export { expect };
