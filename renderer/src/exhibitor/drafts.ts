// An exhibitor's unsaved changes: per item, only the fields that differ from what the kiosk holds.
import type { EditableField, EditableItem } from '../../../electron/shared/contract';
import { splitFieldName } from './words';

export type FieldValue = string | number | null;
export type Draft = Readonly<Record<string, FieldValue>>;
export type Drafts = Readonly<Record<string, Draft>>;

export const itemKey = (item: Pick<EditableItem, 'target' | 'id'>): string => `${item.target}:${item.id}`;

export function currentValue(item: EditableItem, draft: Draft | undefined, field: string): FieldValue {
  if (draft && Object.hasOwn(draft, field)) return draft[field] ?? null;
  return item.values[field] ?? null;
}

/** The draft with one field set; a field set back to its saved value is no longer a change. */
export function withValue(item: EditableItem, draft: Draft | undefined, field: string, value: FieldValue): Draft {
  const next: Record<string, FieldValue> = { ...draft };
  const saved = item.values[field] ?? null;
  // An empty text where the kiosk holds none is no change either.
  if (value === saved || (saved === null && value === '')) delete next[field];
  else next[field] = value;
  return next;
}

export const hasChanges = (draft: Draft | undefined): boolean => draft !== undefined && Object.keys(draft).length > 0;

/** Every value of the item as visitors would see it after saving the draft. */
export function mergedValues(item: EditableItem, draft: Draft | undefined): Record<string, FieldValue> {
  return { ...item.values, ...draft };
}

/** The fields as the editor lays them out: a text's Russian and English side by side, everything else alone. */
export type FieldGroup = { base: string; fields: EditableField[] };

export function groupFields(fields: readonly EditableField[]): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const field of fields) {
    const { base, language } = splitFieldName(field.name);
    const group = language && field.kind === 'text' ? groups.find((candidate) => candidate.base === base) : undefined;
    if (group) group.fields.push(field);
    else groups.push({ base, fields: [field] });
  }
  // Russian first in every pair, whatever order the fields came in.
  for (const group of groups) group.fields.sort((a, b) => Number(a.name.endsWith('_en')) - Number(b.name.endsWith('_en')));
  // What changes during the day ("today at our booth", the hours) comes first; the rest keeps its order.
  const rank = (group: FieldGroup) => {
    const index = firstFields.indexOf(group.base);
    return index === -1 ? firstFields.length : index;
  };
  return groups.map((group, index) => ({ group, index })).sort((a, b) => rank(a.group) - rank(b.group) || a.index - b.index).map(({ group }) => group);
}

const firstFields: readonly string[] = ['today', 'hours'];

/** Length as the core and the hub count it: UTF-16 code units (an emoji counts twice). */
export const textLength = (value: FieldValue): number => (typeof value === 'string' ? value.length : 0);
