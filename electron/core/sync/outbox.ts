// Local changes on their way to the hub. An edit is written to the outbox and to the local row in one transaction:
// visitors at this kiosk see it at once, and it survives a crash until the hub has answered.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/connection';
import { checkEditValue, type EditProblem } from '../../../db/edit-check';
import { rowKey, type EditableTable, type WireRow } from '../../../db/sync-tables';
import { editPayload, signedPart, type EditPayload, type Mutation, type MutationResult } from '../../shared/sync-protocol';
import { signEdit } from '../auth/pin';
import { writeFieldValues } from './apply';

export type OutboxStatus = 'pending' | 'applied' | 'rejected' | 'conflict' | 'review';

/** Who makes an edit: an exhibitor in a session at this kiosk, with the signing key derived from the PIN they typed. */
export type EditAuthor = { exhibitorId: string; signingKey: string };
export type OutboxEntry = {
  order: number;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  status: OutboxStatus;
  result: MutationResult | null;
};

type OutboxRow = { order_no: number; id: string; kind: string; payload: string; created_at: string; status: OutboxStatus; result: string | null };
const toEntry = (r: OutboxRow): OutboxEntry => ({
  order: r.order_no,
  id: r.id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  createdAt: r.created_at,
  status: r.status,
  result: r.result === null ? null : (JSON.parse(r.result) as MutationResult),
});

export class EditError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_owner' | 'no_change' | EditProblem,
    message: string,
    /** The field at fault, for a message next to it. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

/** Adds a mutation to the outbox with the next order number; call inside a transaction with the local change. */
export function enqueue(db: Db, kind: string, payload: Record<string, unknown>, now: Date, id: string, exhibitorId: string | null): OutboxEntry {
  // Immediate: the sync worker (another thread, another connection) may queue at the same moment; the order number is
  // read and taken under one write lock.
  return db.transaction(() => enqueueNow(db, kind, payload, now, id, exhibitorId)).immediate();
}

function enqueueNow(db: Db, kind: string, payload: Record<string, unknown>, now: Date, id: string, exhibitorId: string | null): OutboxEntry {
  const state = db.prepare('SELECT next_order FROM sync_state WHERE id = 1').get() as { next_order: number };
  const last = db.prepare('SELECT max(order_no) AS n FROM outbox').get() as { n: number | null };
  const order = Math.max(state.next_order, (last.n ?? 0) + 1);
  db.prepare('INSERT INTO outbox (order_no, id, kind, payload, created_at, exhibitor_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    order,
    id,
    kind,
    JSON.stringify(payload),
    now.toISOString(),
    exhibitorId,
  );
  db.prepare('UPDATE sync_state SET next_order = ? WHERE id = 1').run(order + 1);
  return { order, id, kind, payload, createdAt: now.toISOString(), status: 'pending', result: null };
}

/**
 * Records an exhibitor's edit of some fields of one of their rows: the local row changes at once, the outbox keeps the
 * edit with the values it replaced (the base the hub compares against) and its proof, signed with the session's key.
 * The values are checked here exactly as the hub will check them, so a bad draft is refused before it is saved.
 */
export function recordEdit(db: Db, table: EditableTable, id: string, values: WireRow, author: EditAuthor, now = new Date()): OutboxEntry {
  return db.transaction(() => {
    const row = db.prepare(`SELECT * FROM ${table} WHERE id = ? AND deleted = 0`).get(id) as WireRow | undefined;
    if (!row) throw new EditError('not_found', `No ${table} row ${id}`);
    const owner = table === 'exhibitors' ? row.id : row.exhibitor_id;
    if (owner !== author.exhibitorId) throw new EditError('not_owner', `${table} ${id} does not belong to ${author.exhibitorId}`);
    const hasMedia = (sha256: string) =>
      table === 'projects' && db.prepare('SELECT 1 FROM project_media WHERE project_id = ? AND sha256 = ? AND deleted = 0').get(id, sha256) !== undefined;
    for (const [field, value] of Object.entries(values)) {
      const problem = checkEditValue(table, field, value, hasMedia);
      if (problem) throw new EditError(problem, `${table}.${field}: ${problem}`, field);
    }
    const changes: EditPayload['changes'] = {};
    for (const [field, to] of Object.entries(values)) {
      const from = row[field] ?? null;
      if (from !== to) changes[field] = { from, to };
    }
    if (Object.keys(changes).length === 0) throw new EditError('no_change', 'Nothing changed');
    const key = rowKey(table, row);
    const mutationId = randomUUID();
    const unsigned: EditPayload = { table, key, changes, exhibitorId: author.exhibitorId };
    const proof = signEdit(author.signingKey, { mutationId, exhibitorId: author.exhibitorId, kind: 'edit', payload: signedPart(unsigned) });
    const entry = enqueue(db, 'edit', { ...unsigned, proof } satisfies EditPayload, now, mutationId, author.exhibitorId);
    writeFieldValues(db, table, key, Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.to])));
    return entry;
  }).immediate();
}

/** A push stays well below the hub's body limit (4 MiB), however many long texts or usage batches are waiting. */
export const pushBudgetBytes = 1024 * 1024;

/** The next unsent mutations in order: at most `limit`, and no more than `pushBudgetBytes` of payload (at least one). */
export function pendingMutations(db: Db, limit: number, budgetBytes = pushBudgetBytes): Mutation[] {
  const rows = db.prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY order_no LIMIT ?").all(limit) as OutboxRow[];
  const batch: Mutation[] = [];
  let bytes = 0;
  for (const r of rows) {
    bytes += Buffer.byteLength(r.payload);
    if (batch.length > 0 && bytes > budgetBytes) break;
    batch.push({ id: r.id, order: r.order_no, kind: r.kind, payload: JSON.parse(r.payload) as Record<string, unknown> });
  }
  return batch;
}

/** Unsent edits, oldest first, with their parsed payloads. */
export function pendingEdits(db: Db): { id: string; payload: EditPayload }[] {
  const rows = db.prepare("SELECT id, payload FROM outbox WHERE status = 'pending' AND kind = 'edit' ORDER BY order_no").all() as { id: string; payload: string }[];
  return rows.flatMap((r) => {
    const parsed = editPayload.safeParse(JSON.parse(r.payload));
    return parsed.success ? [{ id: r.id, payload: parsed.data }] : [];
  });
}

export function countPending(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
}

/** Unsent edits only (what staff and exhibitors call "waiting to sync"; usage counts travel in the outbox too). */
export function countPendingEdits(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND kind = 'edit'").get() as { n: number }).n;
}

export function outboxEntries(db: Db, limit = 100): OutboxEntry[] {
  return (db.prepare('SELECT * FROM outbox ORDER BY order_no DESC LIMIT ?').all(limit) as OutboxRow[]).map(toEntry);
}

/** Stores the hub's answer for one mutation (any answer is final: a rejection is never retried, never hidden). */
export function markResult(db: Db, result: MutationResult): void {
  db.prepare('UPDATE outbox SET status = ?, result = ?, attempts = attempts + 1 WHERE id = ? AND order_no = ?').run(
    result.status,
    JSON.stringify(result),
    result.id,
    result.order,
  );
}

/**
 * Brings the outbox in line with the order number the hub expects next (see PushResponse.expectedOrder):
 * - the hub is behind (restored from a backup): answered mutations from that order on are sent again;
 * - the hub is ahead (this kiosk was reimaged, or re-enrolled): unsent mutations are renumbered from that order.
 * Returns true if anything changed.
 */
export function alignOrder(db: Db, expected: number): boolean {
  return db.transaction(() => {
    const firstPending = (db.prepare("SELECT min(order_no) AS n FROM outbox WHERE status = 'pending'").get() as { n: number | null }).n;
    const lowest = (db.prepare('SELECT min(order_no) AS n FROM outbox').get() as { n: number | null }).n;
    if (lowest !== null && lowest <= expected && (firstPending === null || expected < firstPending)) {
      const resent = db.prepare("UPDATE outbox SET status = 'pending' WHERE order_no >= ? AND status != 'pending'").run(expected);
      return resent.changes > 0;
    }
    const highest = (db.prepare('SELECT max(order_no) AS n FROM outbox').get() as { n: number | null }).n ?? 0;
    return renumberPending(db, expected, highest);
  }).immediate();
}

/** Moves the unsent mutations to consecutive order numbers starting at `start`. */
function renumberPending(db: Db, start: number, highest: number): boolean {
  const pending = db.prepare("SELECT order_no FROM outbox WHERE status = 'pending' ORDER BY order_no").all() as { order_no: number }[];
  const alreadyAligned = pending.every((p, i) => p.order_no === start + i);
  if (!alreadyAligned) {
    // Move them out of the way first (order numbers are unique), then into place.
    const offset = Math.max(highest, start + pending.length) + 1;
    const move = db.prepare('UPDATE outbox SET order_no = ? WHERE order_no = ?');
    pending.forEach((p, i) => move.run(offset + i, p.order_no));
    // Answered entries sitting in the target range are history of an earlier numbering: keep them below.
    const clash = db.prepare("SELECT order_no FROM outbox WHERE status != 'pending' AND order_no >= ? ORDER BY order_no").all(start) as { order_no: number }[];
    const lowest = (db.prepare('SELECT min(order_no) AS n FROM outbox').get() as { n: number | null }).n ?? 0;
    clash.forEach((c, i) => move.run(lowest - clash.length + i, c.order_no));
    pending.forEach((_, i) => move.run(start + i, offset + i));
  }
  db.prepare('UPDATE sync_state SET next_order = ? WHERE id = 1').run(start + pending.length);
  return !alreadyAligned;
}

/** The payloads of the newest outbox entries of one kind, newest first (e.g. the staff actions logged here). */
export function recentPayloads(db: Db, kind: string, limit: number): unknown[] {
  return (db.prepare('SELECT payload FROM outbox WHERE kind = ? ORDER BY order_no DESC LIMIT ?').pluck().all(kind, limit) as string[]).map(
    (text) => JSON.parse(text) as unknown,
  );
}
