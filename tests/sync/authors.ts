// Who may edit what in the demo forum: the three demo exhibitor logins (db/demo/pins.ts) sign edits of their own rows.
// Kept apart from harness.ts (which re-exports it) so the kill-loop child can use it without the hub's code.
import type { Db } from '../../db/connection';
import type { DemoOptions } from '../../db/demo/generate';
import { demoPins } from '../../db/demo/pins';
import type { EditableTable } from '../../db/sync-tables';
import { signEdit } from '../../electron/core/auth/pin';
import type { EditAuthor } from '../../electron/core/sync/outbox';
import { signedPart, type EditPayload, type Mutation } from '../../electron/shared/sync-protocol';

/**
 * Demo options for tests that edit projects. Only three exhibitors have demo PINs, and in a demo forum of up to 68
 * projects (one tourism project per participating region) none of the projects is theirs; with the default seed, 80
 * projects give them 2 (cluster projects of omsk-petrochem) and 100 give them 3 (p-00078 of omsk-polymer, p-00086
 * and p-00096 of omsk-petrochem). omsk-team owns no project at any size, only its own booth entry.
 */
export const editableDemo = { projects: 100 } as const satisfies DemoOptions;

/** The ids of the exhibitors with a demo PIN. */
export const demoExhibitorIds: readonly string[] = demoPins.map((p) => p.exhibitorId);

/** The author (demo PIN exhibitor and signing key) for an exhibitor id; throws if that exhibitor has no demo PIN. */
export function demoAuthor(exhibitorId: string): EditAuthor {
  const pin = demoPins.find((p) => p.exhibitorId === exhibitorId);
  if (!pin) throw new Error(`Exhibitor ${exhibitorId} has no demo PIN (demo PINs: ${demoExhibitorIds.join(', ')})`);
  return { exhibitorId: pin.exhibitorId, signingKey: pin.signingKey };
}

/** The author who may edit a row at this kiosk: the row's owner, from the demo PIN credentials. */
export function ownerOf(core: { db: Db }, table: EditableTable, id: string): EditAuthor {
  const column = table === 'exhibitors' ? 'id' : 'exhibitor_id';
  const row = core.db.prepare(`SELECT ${column} AS owner FROM ${table} WHERE id = ?`).get(id) as { owner: string } | undefined;
  if (!row) throw new Error(`No ${table} row ${id} at this kiosk`);
  return demoAuthor(row.owner);
}

/**
 * The first `n` live projects (by id) owned by demo PIN exhibitors at this kiosk. Throws if there are fewer: the test
 * then needs a larger demo (`editableDemo`), never fewer projects than it was written for.
 */
export function editableProjectIds(core: { db: Db }, n: number): string[] {
  const ids = (
    core.db
      .prepare(`SELECT id FROM projects WHERE deleted = 0 AND exhibitor_id IN (${demoExhibitorIds.map(() => '?').join(', ')}) ORDER BY id LIMIT ?`)
      .all(...demoExhibitorIds, n) as { id: string }[]
  ).map((r) => r.id);
  if (ids.length < n) throw new Error(`Only ${ids.length} projects of demo PIN exhibitors at this kiosk; the test needs ${n} (use a larger demo, see editableDemo)`);
  return ids;
}

/** An edit payload with its proof, signed by `author` for the mutation id, as a kiosk's outbox holds it. */
export function signedPayload(author: EditAuthor, mutationId: string, edit: Pick<EditPayload, 'table' | 'key' | 'changes'>): EditPayload {
  const unsigned: EditPayload = { table: edit.table, key: edit.key, changes: edit.changes, exhibitorId: author.exhibitorId };
  return { ...unsigned, proof: signEdit(author.signingKey, { mutationId, exhibitorId: author.exhibitorId, kind: 'edit', payload: signedPart(unsigned) }) };
}

/** A whole signed edit mutation, for pushing to the hub directly. */
export function signedMutation(author: EditAuthor, id: string, order: number, edit: Pick<EditPayload, 'table' | 'key' | 'changes'>): Mutation {
  return { id, order, kind: 'edit', payload: signedPayload(author, id, edit) };
}
