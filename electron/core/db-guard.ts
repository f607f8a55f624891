// Keeps the kiosk's database recoverable: a checked copy every half hour, and at start a check of the file with
// recovery from the newest good copy when the file is damaged (a power cut on a cheap SSD, a truncated copy).
// A damaged file is moved aside, never deleted, so it can be examined later.
//
// The full check reads the whole file (about 50 ms for the demo forum, more for a large one), so it runs only when
// the previous run did not end in order — `kiosk.running` is still there after a crash, a kill or a power cut — or
// when that run met damage. A file that cannot be opened at all is recovered at any start.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/connection';

/** What a start found and did about a damaged database; kept for staff (kiosk info, log, the hub's status). */
export type RecoveryNotice = {
  /** ISO time of the recovery (the kiosk's clock). */
  at: string;
  /** What was wrong, in SQLite's words. */
  problem: string;
  /** The backup file the kiosk now runs on, or null when there was none (the kiosk started from scratch). */
  restoredFrom: string | null;
  /** Where the damaged file was put. */
  keptAs: string;
};

const damageCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && damageCodes.has(code);
}

/** 'ok', or SQLite's description of the damage. */
function check(db: Db): string {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? 'ok' : problems.slice(0, 3).join('; ');
  } catch (error) {
    if (isDamage(error)) return error instanceof Error ? error.message : String(error);
    throw error;
  }
}

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/**
 * Backups newest first. Names carry a counter before the time (`kiosk-000042-<time>.db`): the order never depends on the
 * kiosk's clock, which may jump back (a flat clock battery) or forward.
 */
function backupFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const match = /^kiosk-(\d{6,})-.*\.db$/.exec(name);
      return match ? [{ name, number: Number(match[1]) }] : [];
    })
    .sort((a, b) => b.number - a.number)
    .map((b) => join(dir, b.name));
}

function nextBackupNumber(dir: string): number {
  const [newest] = backupFiles(dir);
  const number = newest ? Number(/^kiosk-(\d+)-/.exec(basename(newest))?.[1] ?? 0) : 0;
  return number + 1;
}

function backupIsGood(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return check(db) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Opens the kiosk's database. If the file is damaged — it cannot be opened, fails SQLite's quick check, or is empty
 * while backups exist — it is moved to `<data>/damaged/`, the newest good backup takes its place (or, with none, a
 * new empty database), and the notice says what happened. Anything else (a newer schema, a full disk) is thrown.
 */
/** The data folder cannot be written (read-only disk or folder, no permission): the kiosk cannot start on it. */
export class DataFolderError extends Error {
  constructor(
    readonly dataDir: string,
    readonly code: string,
  ) {
    super(
      `The kiosk's data folder ${dataDir} cannot be written (${code}). Check that its disk is not read-only or full and that the kiosk's user may write there; nothing in it was changed.`,
    );
    this.name = 'DataFolderError';
  }
}

/** Creates the data folder if needed and proves it can be written, before anything is opened in it. */
export function checkDataFolder(dataDir: string): void {
  const probe = join(dataDir, '.write-check');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, String(process.pid));
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new DataFolderError(dataDir, code);
  }
}

export function openKioskDatabase(dataDir: string, now: Date): { db: Db; recovery: RecoveryNotice | null } {
  const file = join(dataDir, 'kiosk.db');
  const backupsDir = join(dataDir, 'backups');
  const marker = runningMarker(dataDir);
  const endedInOrder = !existsSync(marker);
  let problem: string;
  if (existsSync(file) && statSync(file).size === 0 && backupFiles(backupsDir).length > 0) {
    problem = 'the database file is empty';
  } else {
    try {
      const db = openDatabase(file);
      const result = endedInOrder ? 'ok' : check(db);
      if (result === 'ok') {
        writeFileSync(marker, String(process.pid));
        return { db, recovery: null };
      }
      db.close();
      problem = result;
    } catch (error) {
      if (!isDamage(error)) throw error;
      problem = error instanceof Error ? error.message : String(error);
    }
  }

  const damagedDir = join(dataDir, 'damaged');
  mkdirSync(damagedDir, { recursive: true });
  const keptAs = join(damagedDir, `kiosk-${stamp(now)}.db`);
  renameSync(file, keptAs);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, keptAs + suffix);
  }
  const backup = backupFiles(backupsDir).find(backupIsGood) ?? null;
  if (backup) copyFileSync(backup, file);
  // A restored backup may be of an older schema: opening migrates it.
  const db = openDatabase(file);
  // Usage counts still waiting in the backup may have reached the hub since it was taken; sent again they would count
  // twice (they get a new batch id). A few minutes of counts lost is the lesser harm.
  db.prepare('DELETE FROM usage_counts').run();
  writeFileSync(marker, String(process.pid));
  return { db, recovery: { at: now.toISOString(), problem, restoredFrom: backup ? basename(backup) : null, keptAs } };
}

/** Present while a kiosk runs; a clean shutdown removes it. */
export const runningMarker = (dataDir: string): string => join(dataDir, 'kiosk.running');

/** Ends a run in order: the next start may skip the full check (unless this run met damage). */
export function markCleanExit(dataDir: string, damageSeen: boolean): void {
  if (!damageSeen) rmSync(runningMarker(dataDir), { force: true });
}

/** SQLite's error codes for a damaged file. */
export function isDamageError(error: unknown): boolean {
  return isDamage(error);
}

/** Checked copies of the database in `<data>/backups/`, the newest `keep` of them. */
export class DatabaseBackups {
  private running: Promise<string | null> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dir: string,
    private readonly keep = 3,
  ) {}

  /** The newest backup's time (ms), or null. */
  newest(): number | null {
    const [file] = backupFiles(this.dir);
    return file ? statSync(file).mtimeMs : null;
  }

  /**
   * Takes a backup with SQLite's online backup (the kiosk keeps serving meanwhile), checks it, and only then gives it
   * a name that recovery will consider. Returns its path, or null if the copy failed its check.
   */
  take(now: Date): Promise<string | null> {
    this.running ??= this.copy(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async copy(now: Date): Promise<string | null> {
    mkdirSync(this.dir, { recursive: true });
    const partial = join(this.dir, `partial-${stamp(now)}.tmp`);
    try {
      await this.db.backup(partial);
      // One self-contained file: the copy inherits WAL mode, which would leave -wal/-shm files beside it.
      const copy = new Database(partial);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
      if (!backupIsGood(partial)) return null;
      const final = join(this.dir, `kiosk-${String(nextBackupNumber(this.dir)).padStart(6, '0')}-${stamp(now)}.db`);
      renameSync(partial, final);
      for (const old of backupFiles(this.dir).slice(this.keep)) rmSync(old, { force: true });
      return final;
    } finally {
      rmSync(partial, { force: true });
    }
  }
}
