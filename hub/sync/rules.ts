// What the hub accepts from kiosks. The hub is the authority: it re-checks every mutation, whatever a kiosk says.
// An edit must prove it comes from the exhibitor who owns the row (docs/security.md), change only whitelisted fields
// with clean values, and apply on top of what the kiosk saw (or be a visible conflict).
import { z } from 'zod';
import { checkEditValue, forbiddenText } from '../../db/edit-check';
import { usageMetrics } from '../../electron/core/usage';
import { editableFields, isSyncedTable, type EditableTable, type SyncedTable, type WireRow } from '../../db/sync-tables';
import { proofIsValid } from '../../electron/core/auth/pin';
import { editPayload, signedPart, staffActionPayload, type EditPayload, type FieldConflict, type Mutation } from '../../electron/shared/sync-protocol';
import type { Decision, ExhibitorEdit, MutationRules, RuleContext, StoredRecord } from '../store/hub-store';

const reject = (reason: string): Decision => ({ status: 'rejected', reason, writes: [] });

export function isEditable(table: string): table is EditableTable {
  return Object.prototype.hasOwnProperty.call(editableFields, table);
}

/** Does this exhibitor own the row? Their own booth entry, and projects whose exhibitor they are. */
export function ownsRow(table: EditableTable, exhibitorId: string, current: StoredRecord): boolean {
  if (!current.row) return false;
  if (table === 'exhibitors') return current.row.id === exhibitorId;
  return current.row.exhibitor_id === exhibitorId;
}

/**
 * Checks an edit's table, owner and values against the row it targets (without the proof, which only a kiosk's edit
 * needs: the portal's session is the hub's own). Returns a rejection, or null when the edit may go on.
 */
export function checkEdit(payload: EditPayload, exhibitorId: string, current: StoredRecord | null, context: RuleContext): Decision | null {
  const { table, changes } = payload;
  if (!isSyncedTable(table) || !isEditable(table)) return reject('table_not_editable');
  const fields = Object.keys(changes);
  if (fields.length === 0 || fields.length > 40) return reject('invalid_payload');
  if (!current || current.row === null) return reject('deleted');
  if (!ownsRow(table, exhibitorId, current)) return reject('not_owner');
  const projectId = String(current.row.id ?? '');
  const hasMedia = (sha256: string): boolean =>
    table === 'projects' && (context.record('project_media', JSON.stringify([projectId, sha256]))?.row ?? null) !== null;
  for (const field of fields) {
    const problem = checkEditValue(table, field, changes[field]?.to, hasMedia);
    if (problem) return reject(problem);
  }
  return null;
}

/**
 * An edit carries, per field, the value the kiosk saw and the value it wants. A field whose hub value still equals
 * the kiosk's base takes the new value; a field changed on the hub in the meantime is a conflict: the hub's value
 * stays (the first edit to reach the hub wins, so the outcome does not depend on any clock) and both are recorded.
 * Different fields of one row therefore merge, and the same field conflicts visibly.
 */
export function mergeEdit(payload: EditPayload, current: StoredRecord): Decision {
  if (current.row === null) return reject('deleted');
  const next: WireRow = { ...current.row };
  const conflicts: FieldConflict[] = [];
  let applied = 0;
  for (const [field, change] of Object.entries(payload.changes)) {
    const hubValue = current.row[field] ?? null;
    if (hubValue === change.to) continue;
    if (hubValue === change.from) {
      next[field] = change.to;
      applied += 1;
    } else {
      conflicts.push({ field, base: change.from, hub: hubValue, kiosk: change.to });
    }
  }
  return {
    status: conflicts.length > 0 ? 'conflict' : 'applied',
    ...(conflicts.length > 0 ? { conflicts } : {}),
    writes: applied > 0 ? [{ table: payload.table as SyncedTable, key: current.key, row: next }] : [],
  };
}

/** A kiosk's edit: proof, owner, fields, then review or merge. */
export function decideEdit(mutation: Mutation, current: StoredRecord | null, context: RuleContext): Decision {
  const parsed = editPayload.safeParse(mutation.payload);
  if (!parsed.success) return reject('invalid_payload');
  const payload = parsed.data;
  const { exhibitorId, proof } = payload;
  if (!exhibitorId || !proof) return reject('unsigned');
  const signingKey = context.signingKey(exhibitorId);
  // No PIN (never set, or reset since the edit was made): nothing can prove the edit; the exhibitor makes it again.
  if (!signingKey) return reject('proof_invalid');
  if (!proofIsValid(signingKey, { mutationId: mutation.id, exhibitorId, kind: mutation.kind, payload: signedPart(payload) }, proof)) {
    return reject('proof_invalid');
  }
  return { ...decideOwnEdit(payload, exhibitorId, current, context), edit: { exhibitorId, table: payload.table, key: payload.key, payload: signedPart(payload) } };
}

/** An edit known to come from the exhibitor (proof checked, or the portal's session): owner, fields, review or merge. */
export function decideOwnEdit(payload: EditPayload, exhibitorId: string, current: StoredRecord | null, context: RuleContext): Decision {
  const problem = checkEdit(payload, exhibitorId, current, context);
  if (problem) return problem;
  if (context.reviewEdits) return { status: 'review', writes: [] };
  return mergeEdit(payload, current as StoredRecord);
}

/**
 * Staff approve an edit that waited for review: the row may have changed meanwhile (another edit, an import that
 * deleted it or gave it to another exhibitor), so owner and fields are checked again against the row as it stands,
 * then the edit merges exactly as if it had just arrived.
 */
export function approveEdit(edit: ExhibitorEdit, current: StoredRecord | null, context: RuleContext): Decision {
  const parsed = editPayload.safeParse(edit.payload);
  if (!parsed.success) return reject('invalid_payload');
  return checkEdit(parsed.data, edit.exhibitorId, current, context) ?? mergeEdit(parsed.data, current as StoredRecord);
}

const usageCount = z.tuple([
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/),
  z.enum(usageMetrics),
  z.string().max(128).refine((subject) => !forbiddenText.test(subject)),
  z.number().int().min(1).max(1_000_000),
]);
const usagePayload = z.object({ counts: z.array(z.unknown()).min(1).max(500) });

/**
 * A kiosk's batch of anonymous usage counts: added to the hub's totals exactly once (the mutation id is stored).
 * A row the hub cannot take (an unknown metric from a newer kiosk, a subject with forbidden characters) is left out;
 * the rest of the batch still counts.
 */
export function decideUsage(mutation: Mutation): Decision {
  const parsed = usagePayload.safeParse(mutation.payload);
  if (!parsed.success) return reject('invalid_payload');
  const usage = parsed.data.counts.flatMap((row) => {
    const count = usageCount.safeParse(row);
    return count.success ? [count.data] : [];
  });
  return { status: 'applied', writes: [], usage };
}

/**
 * A staff action at a kiosk (who, what, when by the kiosk's clock), for the hub's log at /staff/actions. Logged once per
 * mutation id (the store writes it with the stored answer); a payload that does not parse, or text with control
 * characters, bidirectional overrides or lone surrogates, is refused and logs nothing.
 */
export function decideStaffAction(mutation: Mutation): Decision {
  const parsed = staffActionPayload.safeParse(mutation.payload);
  if (!parsed.success) return reject('invalid_payload');
  const { staffId, staffName, action, detail, at } = parsed.data;
  if ([staffId, staffName, action, detail, at].some((text) => forbiddenText.test(text))) return reject('invalid_characters');
  return { status: 'applied', writes: [], staffAction: parsed.data };
}

export const hubRules: MutationRules = {
  targetOf(mutation) {
    if (mutation.kind !== 'edit') return null;
    const parsed = editPayload.safeParse(mutation.payload);
    if (!parsed.success || !isSyncedTable(parsed.data.table)) return null;
    return { table: parsed.data.table, key: parsed.data.key };
  },
  decide(mutation, current, context) {
    switch (mutation.kind) {
      case 'edit':
        return decideEdit(mutation, current, context);
      case 'usage':
        return decideUsage(mutation);
      case 'staff_action':
        return decideStaffAction(mutation);
      default:
        return reject('unknown_kind');
    }
  },
};
