import { syncedTableNames, syncedTables, type TableSpec } from '../../../db/sync-tables';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dumpSchema,
  latestSchemaVersion,
  migrate,
  migrations,
  openDatabase,
  SchemaTooNewError,
  schemaVersion,
} from '../../../db/connection';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-migrations-'));
  dirs.push(dir);
  return join(dir, 'kiosk.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1..n and take an empty database to the latest version', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });

  it('produce exactly the committed schema snapshot (db/schema.sql; refresh with npm run schema:snapshot)', () => {
    const db = openDatabase(':memory:');
    const snapshot = readFileSync(new URL('../../../db/schema.sql', import.meta.url), 'utf8');
    expect(dumpSchema(db)).toBe(snapshot);
    db.close();
  });

  it('use WAL, full sync and foreign keys on a file database', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('are idempotent: reopening a migrated database changes nothing', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });

  it('refuse a database newer than the code, and leave it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('roll back a failing migration whole, keeping the previous version', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'b'").get()).toBeUndefined();
    // Resuming after the cause is fixed continues from version 1.
    migrate(db, [broken[0]!, { version: 2, name: 'fixed', sql: 'CREATE TABLE b (x INTEGER);' }]);
    expect(schemaVersion(db)).toBe(2);
    db.close();
  });

  it('match the list of synced tables exactly: every column on the wire, plus a hub sequence and a tombstone', () => {
    const db = openDatabase(':memory:');
    const local = new Set(['kiosk_settings', 'search_docs', 'sync_state', 'outbox', 'sync_rebuild_seen', 'media_queue', 'hub_commands', 'pin_attempts', 'usage_counts']);
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT GLOB 'search_*_*'").all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((name) => !local.has(name) && !name.startsWith('sqlite_'));
    expect(tables.sort()).toEqual([...syncedTableNames].sort());
    for (const table of syncedTableNames) {
      const info = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[];
      const spec: TableSpec = syncedTables[table];
      expect(info.map((c) => c.name).sort(), table).toEqual([...Object.keys(spec.columns), 'hub_seq', 'deleted'].sort());
      expect(info.filter((c) => c.pk > 0).sort((x, y) => x.pk - y.pk).map((c) => c.name), table).toEqual(spec.key);
      for (const column of info.filter((c) => c.name !== 'hub_seq' && c.name !== 'deleted')) {
        const wire = spec.columns[column.name]!;
        const sqlType = { text: 'TEXT', int: 'INTEGER', bool: 'INTEGER', real: 'REAL' }[wire.type];
        expect(column.type, `${table}.${column.name}`).toBe(sqlType);
        expect(column.notnull === 0 && column.pk === 0, `${table}.${column.name} nullable`).toBe(wire.nullable === true);
      }
    }
    db.close();
  });
});
