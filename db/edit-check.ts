// The one check of an edited value, used by the kiosk before it saves (so a bad draft is kept with a message) and by
// the hub when the edit arrives (the hub is the authority and trusts no kiosk).
import type { EditableField } from '../electron/shared/contract';
import { editableFields, type EditableTable, type EditRule } from './sync-tables';

/**
 * Control characters other than tab and line breaks, lone surrogates and bidirectional overrides and isolates have no
 * place in catalog text: they break layout or disguise what a text says. Emoji and any script are fine.
 */
// eslint-disable-next-line no-control-regex
export const forbiddenText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type EditProblem = 'field_not_editable' | 'invalid_value' | 'too_long' | 'invalid_characters' | 'unknown_media';

export function editRule(table: EditableTable, field: string): EditRule | null {
  const rules: Record<string, EditRule> = editableFields[table];
  return Object.prototype.hasOwnProperty.call(rules, field) ? (rules[field] ?? null) : null;
}

/**
 * Checks one new value of an editable field; returns a stable problem code or null.
 * `hasMedia` says whether a media file belongs to the row being edited (for a project's cover).
 */
export function checkEditValue(table: EditableTable, field: string, value: unknown, hasMedia: (sha256: string) => boolean = () => false): EditProblem | null {
  const rule = editRule(table, field);
  if (!rule) return 'field_not_editable';
  if ('flag' in rule) return value === 0 || value === 1 ? null : 'invalid_value';
  if ('media' in rule) {
    if (value === null) return null;
    if (typeof value !== 'string') return 'invalid_value';
    return hasMedia(value) ? null : 'unknown_media';
  }
  if (typeof value !== 'string') return 'invalid_value';
  if (value.length > rule.maxLength) return 'too_long';
  if (forbiddenText.test(value)) return 'invalid_characters';
  return null;
}

/** Tidies text the way both sides store it: line breaks as \n, no trailing spaces at the ends. */
export function normaliseEditText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

/** The fields of a table an exhibitor may edit, as the editor shows them (the same list at a kiosk and in the portal). */
export function editableFieldList(table: EditableTable): EditableField[] {
  const rules: Record<string, EditRule> = editableFields[table];
  return Object.entries(rules).map(([name, rule]): EditableField => {
    if ('flag' in rule) return { name, kind: 'flag' };
    if ('media' in rule) return { name, kind: 'media' };
    return { name, kind: 'text', maxLength: rule.maxLength, multiline: rule.multiline === true };
  });
}
