// Media downloads, apart from record sync (a row never waits for its image; the renderer shows a placeholder).
// Files are fetched into a part file, resumed with HTTP Range after an interruption, verified against their SHA-256
// and only then moved into place. A disk budget bounds the media folder; files nothing refers to are evicted first.
import { existsSync, statSync } from 'node:fs';
import type { Db } from '../../../db/connection';
import { mediaColumns } from '../../../db/sync-tables';
import type { MediaStore } from '../media-store';
import { SyncError, type HubClient } from './hub-client';

export type MediaSyncOptions = {
  /** Bytes the media folder may use. */
  budgetBytes: number;
  /** Attempts per file before it is given up (until the catalog refers to it anew). */
  maxAttempts: number;
  /** The kiosk's clock, only for pacing retries. */
  now: () => number;
};

export const defaultMediaOptions = { budgetBytes: 4 * 1024 ** 3, maxAttempts: 6 };

/** The longest pause between two attempts at one file. */
const maxRetryDelayMs = 60 * 60_000;

type QueueRow = { sha256: string; bytes: number; attempts: number };

/** Every media file the live catalog refers to, and the smaller copies of those files. */
export function referencedMedia(db: Db): Set<string> {
  const originals = mediaColumns.map(({ table, column }) => `SELECT ${column} AS sha256 FROM ${table} WHERE deleted = 0 AND ${column} IS NOT NULL`).join(' UNION ');
  const union = `WITH originals AS (${originals})
    SELECT sha256 FROM originals UNION SELECT sha256 FROM media_thumbs WHERE deleted = 0 AND of_sha256 IN (SELECT sha256 FROM originals)`;
  return new Set((db.prepare(union).all() as { sha256: string }[]).map((r) => r.sha256));
}

export function mediaBacklog(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM media_queue WHERE state != 'failed'").get() as { n: number }).n;
}

export class MediaSync {
  constructor(
    private readonly db: Db,
    private readonly media: MediaStore,
    private readonly options: MediaSyncOptions,
  ) {}

  /** Deletes stored files that nothing in the catalog refers to; returns the bytes freed. */
  collectGarbage(): number {
    const keep = referencedMedia(this.db);
    let freed = 0;
    for (const file of this.media.list()) {
      if (keep.has(file.sha256)) continue;
      this.media.remove(file.sha256);
      freed += file.bytes;
    }
    return freed;
  }

  private usedBytes(): number {
    return this.media.list().reduce((sum, f) => sum + f.bytes, 0);
  }

  /**
   * Downloads queued files that are due, one at a time, until the queue is empty, `signal` aborts, or the hub is
   * unreachable (then it stops: the next sync cycle comes back). Returns how many files arrived.
   */
  async run(client: HubClient, signal?: AbortSignal): Promise<{ downloaded: number; failed: number; noSpace: boolean }> {
    let downloaded = 0;
    let failed = 0;
    // Files that did not fit last time are tried again: space may have been freed since (or the budget raised).
    this.requeueNoSpace();
    let used = this.usedBytes();
    // A retry time further ahead than the longest pause was set before the kiosk's clock jumped back: due now.
    const due = this.db.prepare(
      "SELECT sha256, bytes, attempts FROM media_queue WHERE state = 'wanted' AND (next_try_at <= ? OR next_try_at > ?) ORDER BY attempts, rowid LIMIT 1",
    );
    for (;;) {
      if (signal?.aborted) break;
      const at = this.options.now();
      const item = due.get(at, at + maxRetryDelayMs) as QueueRow | undefined;
      if (!item) break;
      if (this.media.has(item.sha256)) {
        this.db.prepare('DELETE FROM media_queue WHERE sha256 = ?').run(item.sha256);
        continue;
      }
      if (used + item.bytes > this.options.budgetBytes) {
        used -= this.collectGarbage();
        if (used + item.bytes > this.options.budgetBytes) {
          this.db.prepare("UPDATE media_queue SET state = 'no_space', last_error = 'media disk budget is full' WHERE state = 'wanted'").run();
          return { downloaded, failed, noSpace: true };
        }
      }
      const part = this.media.partPathOf(item.sha256);
      const offset = existsSync(part) ? statSync(part).size : 0;
      try {
        const total = await client.downloadMedia(item.sha256, part, offset >= item.bytes && item.bytes > 0 ? 0 : offset);
        if (await this.media.adopt(part, item.sha256)) {
          this.db.prepare('DELETE FROM media_queue WHERE sha256 = ?').run(item.sha256);
          used += total;
          downloaded += 1;
        } else {
          failed += 1;
          this.retryLater(item, 'the file did not match its SHA-256');
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof SyncError && error.retryable && error.status !== 404) {
          // The connection is the problem, not the file: keep the part for resuming, stop for this cycle.
          this.db.prepare('UPDATE media_queue SET last_error = ? WHERE sha256 = ?').run(message, item.sha256);
          return { downloaded, failed, noSpace: false };
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
          this.collectGarbage();
          this.db.prepare("UPDATE media_queue SET last_error = 'the disk is full' WHERE sha256 = ?").run(item.sha256);
          return { downloaded, failed, noSpace: true };
        }
        failed += 1;
        this.retryLater(item, message);
      }
    }
    return { downloaded, failed, noSpace: false };
  }

  /** Bounded retries with growing pauses: a missing image keeps its placeholder, it never blocks anything. */
  private retryLater(item: QueueRow, reason: string): void {
    const attempts = item.attempts + 1;
    const state = attempts >= this.options.maxAttempts ? 'failed' : 'wanted';
    const delay = Math.min(maxRetryDelayMs, 5_000 * 2 ** attempts);
    this.db
      .prepare('UPDATE media_queue SET attempts = ?, state = ?, next_try_at = ?, last_error = ? WHERE sha256 = ?')
      .run(attempts, state, this.options.now() + delay, reason, item.sha256);
  }

  /** After space was freed (or the budget raised), files waiting for space are wanted again. */
  requeueNoSpace(): void {
    this.db.prepare("UPDATE media_queue SET state = 'wanted' WHERE state = 'no_space'").run();
  }
}
