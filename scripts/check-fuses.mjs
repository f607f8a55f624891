// Verifies the fuses of a packaged kiosk binary (run by `npm run dist` after electron-builder).
//   node scripts/check-fuses.mjs [path-to-binary ...]   (default: every binary electron-builder left in dist/)
import { existsSync } from 'node:fs';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';

// The fuse wire stores each fuse as an ASCII digit: '0' off, '1' on.
const FuseState = { DISABLE: 48, ENABLE: 49 };

const expected = {
  [FuseV1Options.RunAsNode]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
};

const candidates = process.argv.slice(2);
if (candidates.length === 0) {
  candidates.push('dist/linux-unpacked/congress-hall-kiosk', 'dist/win-unpacked/congress-hall-kiosk.exe');
}
const binaries = candidates.filter((path) => existsSync(path));
if (binaries.length === 0) {
  console.error(`No packaged binary found (looked for ${candidates.join(', ')}). Run electron-builder first.`);
  process.exit(1);
}

let failed = false;
for (const binary of binaries) {
  const wire = await getCurrentFuseWire(binary);
  for (const [fuse, state] of Object.entries(expected)) {
    const actual = wire[fuse];
    const ok = actual === state;
    if (!ok) failed = true;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${binary}: ${FuseV1Options[fuse]} is ${actual === FuseState.ENABLE ? 'on' : 'off'}`);
  }
}
process.exit(failed ? 1 : 0);
