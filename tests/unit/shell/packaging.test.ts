import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The release configuration is only exercised by `npm run dist` (which needs the Electron binary); these checks keep
// its security-relevant parts from silently changing.
const config = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');

function block(name: string): Record<string, string> {
  const lines = config.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${name}:`));
  if (start < 0) return {};
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!match) break;
    entries[match[1]!] = match[2]!.trim();
  }
  return entries;
}

describe('release packaging', () => {
  it('flips the Electron fuses for release builds', () => {
    expect(block('electronFuses')).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('packs into ASAR, unpacks the native SQLite module and rebuilds it for Electron', () => {
    expect(config).toMatch(/^asar: true$/m);
    expect(config).toMatch(/asarUnpack:\n\s+- "\*\*\/node_modules\/better-sqlite3\/\*\*"/);
    expect(config).toMatch(/^npmRebuild: true$/m);
  });

  it('updates from the hub through the generic provider, and checks the fuses after packaging', () => {
    expect(block('publish')).toMatchObject({ provider: 'generic' });
    const scripts = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.dist).toContain('scripts/check-fuses.mjs');
  });
});
