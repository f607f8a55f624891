// Moving whole catalogs into the hub's store: the demo forum on first run, and any kiosk-schema database
// (the spreadsheet import builds one and hands it here, so it is checked by the same schema as a kiosk's copy).
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from '../db/connection';
import { loadDemoContent, type DemoOptions } from '../db/demo/generate';
import { catalogTableNames, rowKey, syncedTables, type WireRow } from '../db/sync-tables';
import { demoPinKdf, demoPins, demoStaff } from '../db/demo/pins';
import type { HubStore, RecordWrite } from './store/hub-store';

/** Every synced row of a kiosk-schema database, parents first, as record writes. Tombstoned rows are left out. */
export function catalogRows(db: Db): RecordWrite[] {
  const writes: RecordWrite[] = [];
  for (const table of catalogTableNames) {
    const columns = Object.keys(syncedTables[table].columns);
    const rows = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE deleted = 0`).all() as WireRow[];
    for (const row of rows) writes.push({ table, key: rowKey(table, row), row });
  }
  return writes;
}

/**
 * Makes the hub's catalog equal to `writes`: new and changed rows get sequence numbers, rows missing from `writes`
 * become tombstones, unchanged rows are left alone (so a re-import sends kiosks only what changed).
 */
export async function replaceCatalog(store: HubStore, writes: readonly RecordWrite[], now: number): Promise<{ changed: number }> {
  const wanted = new Set(writes.map((w) => `${w.table}\u0000${w.key}`));
  const deletions: RecordWrite[] = [];
  for (const table of catalogTableNames) {
    for (const record of await store.listRecords(table)) {
      if (!wanted.has(`${table}\u0000${record.key}`)) deletions.push({ table, key: record.key, row: null });
    }
  }
  // Children are deleted before parents, so a kiosk never holds a child whose parent is gone in between.
  deletions.reverse();
  const result = await store.writeRecords([...writes, ...deletions], now);
  await removeStaleCredentials(store, now);
  return result;
}

/**
 * PINs of exhibitors who are gone leave with them; and once the forum is real content (not the demo), the demo logins
 * (their PIN is printed in the README) are removed, even where a real exhibitor happens to reuse a demo id. The same
 * for staff kiosk PINs: a PIN whose staff account is gone or disabled leaves, and the demo staff PIN leaves with the
 * demo forum. Returns the ids removed (staff ones as 'staff:<id>').
 */
export async function removeStaleCredentials(store: HubStore, now: number): Promise<string[]> {
  const exhibitors = new Set((await store.listRecords('exhibitors')).map((r) => String(r.row?.id)));
  const forum = (await store.listRecords('forum'))[0]?.row;
  const realForum = forum !== undefined && forum?.is_demo !== 1;
  const demoVerifiers = new Set(demoPins.map((p) => p.verifier));
  const removed: string[] = [];
  for (const record of await store.listRecords('exhibitor_pins')) {
    const row = record.row;
    if (!row) continue;
    const id = String(row.exhibitor_id);
    if (!exhibitors.has(id) || (realForum && demoVerifiers.has(String(row.verifier)))) {
      await store.deleteExhibitorCredential(id, now);
      removed.push(id);
    }
  }
  const staleStaff: RecordWrite[] = [];
  for (const record of await store.listRecords('staff_pins')) {
    const id = String(record.row?.staff_id ?? '');
    const account = id === demoStaff.staffId ? null : await store.staffAccount(id);
    const stale = id === demoStaff.staffId ? realForum : !account || account.disabledAt !== null;
    if (stale) staleStaff.push({ table: 'staff_pins', key: record.key, row: null });
  }
  if (staleStaff.length > 0) await store.writeRecords(staleStaff, now);
  removed.push(...staleStaff.map((w) => `staff:${String((JSON.parse(w.key) as unknown[])[0])}`));
  return removed;
}

/** Loads the deterministic demo forum (db/demo) into an empty hub, with its images. */
export async function loadDemoIntoHub(store: HubStore, options: DemoOptions = {}, now = Date.now()): Promise<{ rows: number; media: number }> {
  const files = new Map<string, Uint8Array>();
  const sink = {
    put(bytes: Uint8Array): string {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      files.set(sha256, bytes);
      return sha256;
    },
  };
  const db = openDatabase(':memory:');
  try {
    loadDemoContent(db, sink, options);
    const mimes = new Map((db.prepare('SELECT sha256, mime FROM media').all() as { sha256: string; mime: string }[]).map((m) => [m.sha256, m.mime]));
    for (const [sha256, bytes] of files) await store.putMedia(bytes, mimes.get(sha256) ?? 'application/octet-stream', now);
    const writes = catalogRows(db);
    await store.writeRecords(writes, now);
    // The demo staff login (db/demo/pins.ts): a verifier only, like any staff PIN, removed with the demo forum.
    const staffColumns = Object.keys(syncedTables.staff_pins.columns);
    const staffPins = (db.prepare(`SELECT ${staffColumns.join(', ')} FROM staff_pins WHERE deleted = 0`).all() as WireRow[]).map(
      (row): RecordWrite => ({ table: 'staff_pins', key: rowKey('staff_pins', row), row }),
    );
    if (staffPins.length > 0) await store.writeRecords(staffPins, now);
    for (const pin of demoPins) {
      await store.setExhibitorCredential(pin.exhibitorId, { verifySalt: pin.verifySalt, verifier: pin.verifier, signSalt: pin.signSalt, kdf: demoPinKdf }, pin.signingKey, now);
    }
    return { rows: writes.length, media: files.size };
  } finally {
    db.close();
  }
}
