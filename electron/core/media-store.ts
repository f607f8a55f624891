import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const sha256Pattern = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return sha256Pattern.test(value);
}

/**
 * Media files on disk, named by the SHA-256 of their bytes (`media/ab/abcd…`), so a file is written once,
 * never changes, and can be cached for ever.
 */
export class MediaStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    try {
      return statSync(this.pathOf(sha256)).isFile();
    } catch {
      return false;
    }
  }

  /** Stores bytes (write to a temporary file, fsync, rename) and returns their SHA-256. */
  put(bytes: Uint8Array): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.has(sha256)) return sha256;
    const target = this.pathOf(sha256);
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    return sha256;
  }
}
