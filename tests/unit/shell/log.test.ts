import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskLog } from '../../../electron/core/log';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk log', () => {
  it('writes one line per entry, rotates by size and keeps a bounded number of files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    dirs.push(dir);
    const log = new KioskLog({ dir, maxBytes: 2_000, files: 3, tailLines: 5 });
    for (let i = 0; i < 200; i++) log.write(i % 2 ? 'warn' : 'info', `line ${i}\nsecond part`);
    expect(existsSync(join(dir, 'kiosk.log'))).toBe(true);
    expect(existsSync(join(dir, 'kiosk.log.3'))).toBe(true);
    expect(existsSync(join(dir, 'kiosk.log.4'))).toBe(false);
    const current = readFileSync(join(dir, 'kiosk.log'), 'utf8');
    expect(current.length).toBeLessThanOrEqual(2_000);
    expect(current.trim().split('\n').every((line) => / (INFO|WARN) line \d+ ⏎ second part$/.test(line))).toBe(true);
    expect(log.tail()).toHaveLength(5);
    expect(log.tail().at(-1)).toContain('line 199');
  });

  it('keeps working in memory when the disk cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
    dirs.push(dir);
    const log = new KioskLog({ dir });
    rmSync(dir, { recursive: true, force: true });
    expect(() => log.write('error', 'disk gone')).not.toThrow();
    expect(log.tail()).toEqual([expect.stringContaining('ERROR disk gone')]);
  });
});
