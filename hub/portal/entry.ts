// The exhibitor's own rows as the portal shows and saves them, read from and written to the hub's store: the same
// contract values (ExhibitorEntry, EditRecord) as a kiosk's exhibitor screens, so one editor serves both.
import { randomUUID } from 'node:crypto';
import { checkEditValue, editableFieldList, editRule, normaliseEditText } from '../../db/edit-check';
import { statsTable } from '../../db/queries/exhibitor';
import { editableFields, type EditableTable, type WireRow } from '../../db/sync-tables';
import type { EditPayload } from '../../electron/shared/sync-protocol';
import type {
  EditableItem,
  EditRecord,
  EditState,
  ExhibitorEntry,
  ExhibitorSession,
  ExhibitorStats,
  KioskError,
  MediaRef,
  ParsedInput,
  Result,
} from '../../electron/shared/contract';
import type { ExhibitorEdit, ExhibitorEditStatus, HubStore, StoredRecord } from '../store/hub-store';
import { decideOwnEdit } from '../sync/rules';


/** Where the portal page finds a media file (the sync API's media route needs a kiosk's credential). */
export const portalMediaUrl = (sha256: string): string => `/portal/media/${sha256}`;

const fail = (code: KioskError['code'], message: string, extra: Partial<KioskError> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

const text = (row: WireRow, column: string): string => {
  const value = row[column];
  return typeof value === 'string' ? value : '';
};

export const idKey = (id: string): string => JSON.stringify([id]);

function valuesOf(table: EditableTable, row: WireRow): Record<string, string | number | null> {
  return Object.fromEntries(Object.keys(editableFields[table]).map((name) => [name, row[name] ?? null]));
}

export async function sessionOf(store: HubStore, exhibitorId: string): Promise<ExhibitorSession | null> {
  const row = (await store.getRecord('exhibitors', idKey(exhibitorId)))?.row;
  if (!row) return null;
  return { exhibitorId, name: { ru: text(row, 'name_ru'), en: text(row, 'name_en') }, booth: text(row, 'booth') };
}

/** A project's photos in gallery order: its project_media rows joined with their media rows. */
export async function projectPhotos(store: HubStore, projectId: string, all?: StoredRecord[]): Promise<MediaRef[]> {
  const links = (all ?? (await store.listRecords('project_media')))
    .map((r) => r.row)
    .filter((row): row is WireRow => row !== null && row.project_id === projectId)
    .sort((a, b) => Number(a.position) - Number(b.position) || String(a.sha256).localeCompare(String(b.sha256)));
  const photos: MediaRef[] = [];
  for (const link of links) {
    const sha256 = String(link.sha256);
    const media = (await store.getRecord('media', idKey(sha256)))?.row;
    if (!media) continue;
    photos.push({
      sha256,
      url: portalMediaUrl(sha256),
      mime: text(media, 'mime'),
      width: typeof media.width === 'number' ? media.width : null,
      height: typeof media.height === 'number' ? media.height : null,
      alt: { ru: text(media, 'alt_ru'), en: text(media, 'alt_en') },
      // The portal shows a handful of photos on a phone: the stored photo (at most 1600 px) is the one it needs.
      thumbs: [],
    });
  }
  return photos;
}

/** The exhibitor's projects (rows, not tombstones), by Russian title. */
export async function ownProjects(store: HubStore, exhibitorId: string): Promise<WireRow[]> {
  return (await store.listRecords('projects'))
    .map((r) => r.row)
    .filter((row): row is WireRow => row !== null && row.exhibitor_id === exhibitorId)
    .sort((a, b) => text(a, 'title_ru').localeCompare(text(b, 'title_ru'), 'ru'));
}

export async function entryOf(store: HubStore, exhibitorId: string): Promise<Result<ExhibitorEntry>> {
  const exhibitor = (await store.getRecord('exhibitors', idKey(exhibitorId)))?.row;
  const session = await sessionOf(store, exhibitorId);
  if (!exhibitor || !session) return fail('not_found', 'This exhibitor is no longer in the catalog.');
  const items: EditableItem[] = [
    {
      target: 'exhibitor',
      id: exhibitorId,
      title: session.name,
      fields: editableFieldList('exhibitors'),
      values: valuesOf('exhibitors', exhibitor),
      photos: [],
    },
  ];
  const links = await store.listRecords('project_media');
  for (const project of await ownProjects(store, exhibitorId)) {
    const id = String(project.id);
    items.push({
      target: 'project',
      id,
      title: { ru: text(project, 'title_ru'), en: text(project, 'title_en') },
      fields: editableFieldList('projects'),
      values: valuesOf('projects', project),
      photos: await projectPhotos(store, id, links),
    });
  }
  return { ok: true, value: { session, items } };
}

const stateOf: Record<ExhibitorEditStatus, EditState> = {
  applied: 'published',
  review: 'review',
  approved: 'approved',
  review_rejected: 'rejected',
  rejected: 'rejected',
  conflict: 'conflict',
};

const tableOf = { exhibitor: 'exhibitors', project: 'projects' } as const;
const targetOf = (table: string): 'exhibitor' | 'project' => (table === 'exhibitors' ? 'exhibitor' : 'project');
const titleOf = (table: string, row: WireRow | null | undefined, fallback: string) =>
  !row
    ? { ru: fallback, en: fallback }
    : table === 'exhibitors'
      ? { ru: text(row, 'name_ru'), en: text(row, 'name_en') }
      : { ru: text(row, 'title_ru'), en: text(row, 'title_en') };

type Value = string | number | null;
const asValue = (v: unknown): Value => (typeof v === 'string' || typeof v === 'number' || v === null ? v : null);

/** Saves changed fields of one of the exhibitor's rows, through the same rules as a kiosk's signed edit. */
export async function saveEdit(
  store: HubStore,
  exhibitorId: string,
  input: ParsedInput<'exhibitor.save'>,
  now: number,
): Promise<{ result: Result<EditRecord>; changed: boolean }> {
  const table = tableOf[input.target];
  const key = idKey(input.id);
  const current = await store.getRecord(table, key);
  const row = current?.row;
  const owned = !!row && (table === 'exhibitors' ? row.id === exhibitorId : row.exhibitor_id === exhibitorId);
  // Another exhibitor's row answers like a missing one: the portal says nothing about rows that are not yours.
  if (!row || !owned) return { result: fail('not_found', 'No such entry among yours.'), changed: false };

  const photos = table === 'projects' ? new Set((await projectPhotos(store, input.id)).map((p) => p.sha256)) : new Set<string>();
  const issues: { path: string; message: string }[] = [];
  const changes: EditPayload['changes'] = {};
  for (const [field, raw] of Object.entries(input.values)) {
    const rule = editRule(table, field);
    // Texts are tidied as a kiosk tidies them before saving; a photo's sha256 is taken as it is.
    const value = typeof raw === 'string' && rule !== null && 'maxLength' in rule ? normaliseEditText(raw) : raw;
    const problem = checkEditValue(table, field, value, (sha256) => photos.has(sha256));
    if (problem) {
      issues.push({ path: field, message: problem });
      continue;
    }
    const from = row[field] ?? null;
    if (from !== value) changes[field] = { from, to: value };
  }
  if (issues.length > 0) {
    return { result: fail('invalid_input', 'Some fields cannot be saved; nothing was changed.', { issues }), changed: false };
  }
  if (Object.keys(changes).length === 0) return { result: fail('invalid_input', 'Nothing to save: every field has this value already.'), changed: false };

  const mutationId = randomUUID();
  const payload = { table, key, changes };
  const decision = await store.applyExhibitorEdit(
    { mutationId, source: 'portal', exhibitorId, table, key, payload },
    (latest, context) => decideOwnEdit(payload, exhibitorId, latest, context),
    now,
  );
  const record: EditRecord = {
    id: mutationId,
    target: input.target,
    targetId: input.id,
    title: titleOf(table, row, input.id),
    savedAt: new Date(now).toISOString(),
    state: stateOf[decision.status as ExhibitorEditStatus] ?? 'rejected',
    reason: decision.reason ?? '',
    changes: Object.entries(changes).map(([field, c]) => ({ field, from: asValue(c.from), to: asValue(c.to) })),
    conflicts: (decision.conflicts ?? []).map((c) => ({ field: c.field, hub: asValue(c.hub), mine: asValue(c.kiosk) })),
  };
  return { result: { ok: true, value: record }, changed: decision.writes.length > 0 };
}

/** The exhibitor's edit history from every source (kiosks and the portal), newest first. */
export async function editsOf(store: HubStore, exhibitorId: string, limit = 200): Promise<EditRecord[]> {
  const edits = await store.exhibitorEdits(exhibitorId, limit);
  const titles = new Map<string, EditRecord['title']>();
  const records: EditRecord[] = [];
  for (const edit of edits) records.push(await toEditRecord(store, edit, titles));
  return records;
}

/** The id in a one-column wire key ('["id"]'). */
function keyId(key: string): string {
  try {
    const parsed = JSON.parse(key) as unknown;
    return Array.isArray(parsed) ? String(parsed[0] ?? '') : '';
  } catch {
    return '';
  }
}

async function toEditRecord(store: HubStore, edit: ExhibitorEdit, titles: Map<string, EditRecord['title']>): Promise<EditRecord> {
  const targetId = keyId(edit.key);
  const cacheKey = `${edit.table}\u0000${edit.key}`;
  let title = titles.get(cacheKey);
  if (!title) {
    const row = edit.table === 'exhibitors' || edit.table === 'projects' ? (await store.getRecord(edit.table, edit.key))?.row : null;
    title = titleOf(edit.table, row, targetId);
    titles.set(cacheKey, title);
  }
  const rawChanges = (edit.payload as { changes?: unknown }).changes;
  const changes =
    rawChanges && typeof rawChanges === 'object'
      ? Object.entries(rawChanges as Record<string, { from?: unknown; to?: unknown } | null>).map(([field, c]) => ({
          field,
          from: asValue(c?.from ?? null),
          to: asValue(c?.to ?? null),
        }))
      : [];
  return {
    id: edit.mutationId,
    target: targetOf(edit.table),
    targetId,
    title,
    savedAt: new Date(edit.createdAt).toISOString(),
    state: stateOf[edit.status] ?? 'rejected',
    reason: edit.reason,
    changes,
    conflicts: edit.conflicts.map((c) => ({ field: c.field, hub: asValue(c.hub), mine: asValue(c.kiosk) })),
  };
}

/** The exhibitor's figures, from the hub's own project_stats records (the same rows kiosks show). */
export async function statsOf(store: HubStore, exhibitorId: string): Promise<ExhibitorStats> {
  const projects = (await ownProjects(store, exhibitorId)).sort((a, b) => String(a.title_ru).localeCompare(String(b.title_ru), 'ru') || String(a.id).localeCompare(String(b.id)));
  const own = new Set(projects.map((p) => String(p.id)));
  const rows = (await store.listRecords('project_stats')).flatMap((r) => (r.row && own.has(String(r.row.project_id)) ? [r.row] : []));
  return statsTable(
    projects.map((p) => ({ id: String(p.id), title: { ru: String(p.title_ru ?? ''), en: String(p.title_en ?? '') } })),
    rows.map((r) => ({ projectId: String(r.project_id), day: String(r.day), opens: Number(r.opens ?? 0), qrShown: Number(r.qr_shown ?? 0) })),
  );
}
