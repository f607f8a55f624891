// Builds one Node entry of the project (the kiosk core uses Vite features such as import.meta.glob for its migrations,
// so a script that runs the core in another process or thread is built, not run from source). Into a folder inside
// the project, so the bundle finds node_modules; one folder per test run, so parallel runs do not collide.
import { rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/** Builds `source` (relative to the project) as `<name>.js` in out/<folder>/<pid>/; returns the script's path. */
export async function buildEntry(folder: string, name: string, source: string): Promise<string> {
  const outDir = join(root, 'out', folder, String(process.pid));
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      target: 'node20',
      emptyOutDir: true,
      rollupOptions: { input: { [name]: join(root, source) }, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  });
  return join(outDir, `${name}.js`);
}

/** Removes what buildEntry built (and the folder, once no other run's build is left in it). */
export function removeBuilt(script: string): void {
  const outDir = dirname(script);
  rmSync(outDir, { recursive: true, force: true });
  try {
    rmdirSync(dirname(outDir));
  } catch {
    // Another run's build is still there.
  }
}
