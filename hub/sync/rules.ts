// What the hub accepts from kiosks. The hub is the authority: it re-checks every mutation, whatever a kiosk says.
import { editableFields, isSyncedTable, type EditableTable, type WireRow } from '../../db/sync-tables';
import { editPayload, type FieldConflict, type Mutation } from '../../electron/shared/sync-protocol';
import type { Decision, MutationRules, StoredRecord } from '../store/hub-store';

const reject = (reason: string): Decision => ({ status: 'rejected', reason, writes: [] });

function isEditable(table: string): table is EditableTable {
  return Object.prototype.hasOwnProperty.call(editableFields, table);
}

// Control characters other than tab and line breaks, lone surrogates and bidirectional overrides have no place in
// catalog text: they break layout or disguise what a text says.
// eslint-disable-next-line no-control-regex
const forbiddenText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks one new value of an editable field; returns a stable reason code or null. */
export function checkEditValue(table: EditableTable, field: string, value: unknown): string | null {
  const rules: Record<string, { maxLength: number } | { flag: true }> = editableFields[table];
  const rule = rules[field];
  if (!rule) return 'field_not_editable';
  if ('flag' in rule) return value === 0 || value === 1 ? null : 'invalid_value';
  if (typeof value !== 'string') return 'invalid_value';
  if (value.length > rule.maxLength) return 'too_long';
  if (forbiddenText.test(value)) return 'invalid_characters';
  return null;
}

/**
 * An edit carries, per field, the value the kiosk saw and the value it wants. A field whose hub value still equals
 * the kiosk's base takes the new value; a field changed on the hub in the meantime is a conflict: the hub's value
 * stays (the first edit to reach the hub wins, so the outcome does not depend on any clock) and both are recorded.
 * Different fields of one row therefore merge, and the same field conflicts visibly.
 */
export function decideEdit(mutation: Mutation, current: StoredRecord | null): Decision {
  const parsed = editPayload.safeParse(mutation.payload);
  if (!parsed.success) return reject('invalid_payload');
  const { table, changes } = parsed.data;
  if (!isSyncedTable(table) || !isEditable(table)) return reject('table_not_editable');
  const fields = Object.keys(changes);
  if (fields.length === 0) return reject('invalid_payload');
  for (const field of fields) {
    const problem = checkEditValue(table, field, changes[field]?.to);
    if (problem) return reject(problem);
  }
  if (!current || current.row === null) return reject('deleted');

  const next: WireRow = { ...current.row };
  const conflicts: FieldConflict[] = [];
  let applied = 0;
  for (const field of fields) {
    const change = changes[field];
    if (!change) continue;
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
    writes: applied > 0 ? [{ table, key: current.key, row: next }] : [],
  };
}

export const hubRules: MutationRules = {
  targetOf(mutation) {
    if (mutation.kind !== 'edit') return null;
    const parsed = editPayload.safeParse(mutation.payload);
    if (!parsed.success || !isSyncedTable(parsed.data.table)) return null;
    return { table: parsed.data.table, key: parsed.data.key };
  },
  decide(mutation, current) {
    switch (mutation.kind) {
      case 'edit':
        return decideEdit(mutation, current);
      default:
        return reject('unknown_kind');
    }
  },
};
