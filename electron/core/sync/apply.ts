// Applying what the hub sends to the kiosk's copy. Each page is applied in one transaction together with the cursor
// that follows it, so a crash or a dropped connection leaves either the whole page or none of it.
import type { Db } from '../../../db/connection';
import { checkRow, isSyncedTable, rowKey, syncedTables, type SyncedTable, type TableSpec, type WireRow } from '../../../db/sync-tables';
import type { Change } from '../../shared/sync-protocol';
import { pendingEdits } from './outbox';

/** The hub sent something this kiosk cannot hold faithfully: a newer schema. Never applied in part. */
export class UpgradeRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpgradeRequiredError';
  }
}

/** The hub's answer is malformed or inconsistent: nothing of it is applied; sync tries again later. */
export class BadResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadResponseError';
  }
}

type Statements = { upsert: (row: WireRow, seq: number) => void; tombstone: (key: unknown[], seq: number) => void };

const statementCache = new WeakMap<Db, Map<SyncedTable, Statements>>();

function statementsFor(db: Db, table: SyncedTable): Statements {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  const cached = cache.get(table);
  if (cached) return cached;
  const spec: TableSpec = syncedTables[table];
  const columns = Object.keys(spec.columns);
  const upsert = db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}, hub_seq, deleted) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @hub_seq, 0)
     ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}, hub_seq = excluded.hub_seq, deleted = 0`,
  );
  const tombstone = db.prepare(`UPDATE ${table} SET deleted = 1, hub_seq = ? WHERE ${spec.key.map((c) => `${c} = ?`).join(' AND ')}`);
  const statements: Statements = {
    upsert: (row, seq) => upsert.run({ ...row, hub_seq: seq }),
    tombstone: (key, seq) => tombstone.run(seq, ...key),
  };
  cache.set(table, statements);
  return statements;
}

/** Checks a whole page before anything is written. */
export function checkPage(changes: readonly Change[], after: number): void {
  let last = after;
  for (const change of changes) {
    if (!isSyncedTable(change.t)) throw new UpgradeRequiredError(`The hub sent rows of a table this kiosk does not know (${change.t}).`);
    if (change.seq <= last) throw new BadResponseError(`The hub's changes are out of order (${change.seq} after ${last}).`);
    last = change.seq;
    if (change.row) {
      const problems = checkRow(change.t, change.row);
      if (problems.some((p) => p.startsWith('unknown column'))) {
        throw new UpgradeRequiredError(`The hub sent ${change.t} with columns this kiosk does not know (${problems.join('; ')}).`);
      }
      if (problems.length > 0) throw new BadResponseError(`The hub sent a bad ${change.t} row ${change.k}: ${problems.join('; ')}.`);
      if (rowKey(change.t, change.row) !== change.k) throw new BadResponseError(`The hub sent ${change.t} row whose key does not match (${change.k}).`);
    } else {
      parseKey(change.t, change.k);
    }
  }
}

function parseKey(table: SyncedTable, key: string): (string | number)[] {
  let value: unknown;
  try {
    value = JSON.parse(key);
  } catch {
    throw new BadResponseError(`The hub sent a malformed key for ${table}: ${key}`);
  }
  const width = syncedTables[table].key.length;
  if (!Array.isArray(value) || value.length !== width || !value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new BadResponseError(`The hub sent a malformed key for ${table}: ${key}`);
  }
  return value;
}

export type PageTarget = { cursorColumn: 'cursor' | 'rebuild_cursor' };

/**
 * Applies one checked page and stores the cursor that follows it, in one transaction.
 * While rebuilding, every row seen is remembered so that rows the hub no longer has can be removed at the end.
 * Pending local edits to rows in the page are laid on top again, so an exhibitor's unsent edit does not flicker away.
 * Media files the page refers to (originals and their smaller copies) and the kiosk lacks are queued. Returns the
 * number of changes applied.
 */
export function applyPage(db: Db, changes: readonly Change[], cursor: string, rebuilding: boolean, hasMedia: (sha256: string) => boolean): number {
  const seen = db.prepare('INSERT OR IGNORE INTO sync_rebuild_seen (tbl, key) VALUES (?, ?)');
  // A file given up earlier (the hub had lost it, say) is tried again when the catalog sends its row anew.
  const queueMedia = db.prepare(
    `INSERT INTO media_queue (sha256, bytes) VALUES (?, ?)
     ON CONFLICT (sha256) DO UPDATE SET state = 'wanted', attempts = 0, next_try_at = 0 WHERE media_queue.state = 'failed'`,
  );
  db.transaction(() => {
    const touched = new Set<string>();
    for (const change of changes) {
      const table = change.t as SyncedTable;
      const statements = statementsFor(db, table);
      if (change.row) {
        statements.upsert(change.row, change.seq);
        if ((table === 'media' || table === 'media_thumbs') && typeof change.row.sha256 === 'string' && !hasMedia(change.row.sha256)) {
          queueMedia.run(change.row.sha256, Number(change.row.bytes ?? 0));
        }
      } else {
        statements.tombstone(parseKey(table, change.k), change.seq);
      }
      if (rebuilding) seen.run(table, change.k);
      touched.add(`${table}\u0000${change.k}`);
    }
    reapplyPendingEdits(db, touched);
    db.prepare(rebuilding ? 'UPDATE sync_state SET rebuild_cursor = ? WHERE id = 1' : 'UPDATE sync_state SET cursor = ? WHERE id = 1').run(cursor);
  }).immediate();
  return changes.length;
}

/** Lays the values of unsent edits over rows that a pull has just replaced. */
export function reapplyPendingEdits(db: Db, touched: ReadonlySet<string> | null): void {
  for (const edit of pendingEdits(db)) {
    if (touched && !touched.has(`${edit.payload.table}\u0000${edit.payload.key}`)) continue;
    writeFieldValues(db, edit.payload.table as SyncedTable, edit.payload.key, Object.fromEntries(Object.entries(edit.payload.changes).map(([f, c]) => [f, c.to])));
  }
}

/** Sets some columns of one row (identified by its wire key); unknown columns are ignored. */
export function writeFieldValues(db: Db, table: SyncedTable, key: string, values: Record<string, string | number | null>): void {
  const spec: TableSpec = syncedTables[table];
  const fields = Object.keys(values).filter((f) => f in spec.columns && !spec.key.includes(f));
  if (fields.length === 0) return;
  const keyValues = parseKey(table, key);
  db.prepare(`UPDATE ${table} SET ${fields.map((f) => `${f} = ?`).join(', ')} WHERE ${spec.key.map((c) => `${c} = ?`).join(' AND ')}`).run(
    ...fields.map((f) => values[f] ?? null),
    ...keyValues,
  );
}

/** Writes one row as the hub holds it (from a push answer), unless the kiosk already has a newer one. */
export function writeHubRow(db: Db, table: SyncedTable, key: string, seq: number, row: WireRow | null): void {
  const spec: TableSpec = syncedTables[table];
  const keyValues = parseKey(table, key);
  const current = db.prepare(`SELECT hub_seq FROM ${table} WHERE ${spec.key.map((c) => `${c} = ?`).join(' AND ')}`).get(...keyValues) as
    | { hub_seq: number }
    | undefined;
  if (current && current.hub_seq > seq) return;
  if (row) {
    if (checkRow(table, row).length > 0 || rowKey(table, row) !== key) throw new BadResponseError(`The hub sent a bad ${table} row ${key}.`);
    statementsFor(db, table).upsert(row, seq);
  } else {
    statementsFor(db, table).tombstone(keyValues, seq);
  }
}

/**
 * Ends a rebuild: rows the new copy did not contain are removed, the rebuild cursor becomes the cursor,
 * pending edits are laid on top again. One transaction, so visitors see the old copy until the new one is whole.
 */
export function finishRebuild(db: Db): void {
  db.transaction(() => {
    for (const table of Object.keys(syncedTables) as SyncedTable[]) {
      const spec: TableSpec = syncedTables[table];
      const keyExpr = `json_array(${spec.key.join(', ')})`;
      db.prepare(`DELETE FROM ${table} WHERE NOT EXISTS (SELECT 1 FROM sync_rebuild_seen s WHERE s.tbl = ? AND s.key = ${keyExpr})`).run(table);
    }
    db.prepare('DELETE FROM sync_rebuild_seen').run();
    db.prepare('UPDATE sync_state SET cursor = rebuild_cursor, rebuild_cursor = NULL WHERE id = 1').run();
    db.prepare(
      'DELETE FROM media_queue WHERE sha256 NOT IN (SELECT sha256 FROM media WHERE deleted = 0 UNION SELECT sha256 FROM media_thumbs WHERE deleted = 0)',
    ).run();
    reapplyPendingEdits(db, null);
  }).immediate();
}

/** Starts a rebuild (first sync, or the hub said "reset"): the current copy stays visible until the new one is whole. */
export function startRebuild(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sync_rebuild_seen').run();
    db.prepare("UPDATE sync_state SET rebuild_cursor = '' WHERE id = 1").run();
  }).immediate();
}
