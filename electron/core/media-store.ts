import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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

  /** Where partial downloads live until they are verified. */
  get partsDir(): string {
    const dir = join(this.dir, 'parts');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  partPathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.partsDir, `${sha256}.part`);
  }

  /**
   * Moves a downloaded file into place if its bytes hash to `sha256` (fsync, then rename); otherwise deletes it.
   * Returns whether it was adopted.
   */
  async adopt(partPath: string, sha256: string): Promise<boolean> {
    const actual = await hashFile(partPath);
    if (actual !== sha256) {
      rmSync(partPath, { force: true });
      return false;
    }
    const fd = openSync(partPath, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    renameSync(partPath, this.pathOf(sha256));
    return true;
  }

  /** Every stored file with its size (not partial downloads). */
  list(): { sha256: string; bytes: number }[] {
    const files: { sha256: string; bytes: number }[] = [];
    for (const prefix of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of readdirSync(join(this.dir, prefix))) {
        if (isSha256(name)) files.push({ sha256: name, bytes: statSync(join(this.dir, prefix, name)).size });
      }
    }
    return files;
  }

  remove(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }
}

export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
