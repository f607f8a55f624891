// What the exhibitor screens read from the kiosk's copy: who can log in, what they may edit, where their edits stand.
// Reads only; edits are written by the sync outbox (electron/core/sync/outbox.ts), which also queues them for the hub.
import type { Db } from '../connection';
import { editableFieldList } from '../edit-check';
import { mediaColumns, mediaRef } from './catalog';
import type { Bilingual, EditableField, EditableItem, ExhibitorStats, MediaRef } from '../../electron/shared/contract';

type Row = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const bi = (row: Row, column: string): Bilingual => ({ ru: str(row[`${column}_ru`]), en: str(row[`${column}_en`]) });

export type LoginTarget = { id: string; booth: string; name: Bilingual };

/** A booth number or login as compared: any letter case (Cyrillic too), no spaces or dashes of any kind. */
export const loginKey = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[\s\p{Pd}]/gu, '');

/**
 * Finds the exhibitor a login names: an exhibitor id, or a booth number as printed on the booth ("A-12", "a12",
 * " А 12 " with a Cyrillic А). A booth shared by several exhibitors names none of them: they log in with their id.
 */
export function findLoginTarget(db: Db, login: string): LoginTarget | null {
  const wanted = loginKey(login);
  if (!wanted) return null;
  const rows = db.prepare('SELECT id, booth, name_ru, name_en FROM exhibitors WHERE deleted = 0').all() as Row[];
  const byId = rows.find((r) => str(r.id).toLowerCase() === login.trim().toLowerCase());
  const byBooth = rows.filter((r) => loginKey(str(r.booth)) === wanted);
  const row = byId ?? (byBooth.length === 1 ? byBooth[0] : undefined);
  return row ? { id: str(row.id), booth: str(row.booth), name: bi(row, 'name') } : null;
}

export type StoredCredential = { verifySalt: string; verifier: string; signSalt: string; kdf: string };

export function pinCredential(db: Db, exhibitorId: string): StoredCredential | null {
  const row = db.prepare('SELECT verify_salt, verifier, sign_salt, kdf FROM exhibitor_pins WHERE exhibitor_id = ? AND deleted = 0').get(exhibitorId) as
    | Row
    | undefined;
  return row ? { verifySalt: str(row.verify_salt), verifier: str(row.verifier), signSalt: str(row.sign_salt), kdf: str(row.kdf) } : null;
}

export function readAttempts(db: Db, subject: string): { failures: number; waitUntil: number } {
  const row = db.prepare('SELECT failures, wait_until FROM pin_attempts WHERE subject = ?').get(subject) as { failures: number; wait_until: number } | undefined;
  return row ? { failures: row.failures, waitUntil: row.wait_until } : { failures: 0, waitUntil: 0 };
}

export function writeAttempts(db: Db, subject: string, state: { failures: number; waitUntil: number }): void {
  if (state.failures === 0) {
    db.prepare('DELETE FROM pin_attempts WHERE subject = ?').run(subject);
    return;
  }
  db.prepare(
    `INSERT INTO pin_attempts (subject, failures, wait_until) VALUES (?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, wait_until = excluded.wait_until`,
  ).run(subject, state.failures, state.waitUntil);
}

/** Long texts get a multi-line input; the rest are one line. */
function valuesOf(row: Row, fields: readonly EditableField[]): Record<string, string | number | null> {
  return Object.fromEntries(fields.map((f) => [f.name, (row[f.name] ?? null) as string | number | null]));
}

function photosOf(db: Db, projectId: string): MediaRef[] {
  const rows = db
    .prepare(
      `SELECT ${mediaColumns('m', '')} FROM project_media pm JOIN media m ON m.sha256 = pm.sha256
       WHERE pm.project_id = ? AND pm.deleted = 0 AND m.deleted = 0 ORDER BY pm.position`,
    )
    .all(projectId) as Row[];
  return rows.flatMap((r) => mediaRef(r, '') ?? []);
}

/** The booth entry and every project of an exhibitor (hidden ones too: the exhibitor may show them again). */
export function editableItems(db: Db, exhibitorId: string): EditableItem[] {
  const items: EditableItem[] = [];
  const exhibitor = db.prepare('SELECT * FROM exhibitors WHERE id = ? AND deleted = 0').get(exhibitorId) as Row | undefined;
  if (!exhibitor) return items;
  const exhibitorFields = editableFieldList('exhibitors');
  items.push({ target: 'exhibitor', id: exhibitorId, title: bi(exhibitor, 'name'), fields: exhibitorFields, values: valuesOf(exhibitor, exhibitorFields), photos: [] });
  const projectFields = editableFieldList('projects');
  const projects = db.prepare('SELECT * FROM projects WHERE exhibitor_id = ? AND deleted = 0 ORDER BY title_ru, id').all(exhibitorId) as Row[];
  for (const project of projects) {
    const id = str(project.id);
    items.push({ target: 'project', id, title: bi(project, 'title'), fields: projectFields, values: valuesOf(project, projectFields), photos: photosOf(db, id) });
  }
  return items;
}

/** The title an edit list shows for a row: the exhibitor's name or the project's title. */
export function itemTitle(db: Db, table: string, id: string): Bilingual {
  const row =
    table === 'exhibitors'
      ? (db.prepare('SELECT name_ru AS t_ru, name_en AS t_en FROM exhibitors WHERE id = ?').get(id) as Row | undefined)
      : (db.prepare('SELECT title_ru AS t_ru, title_en AS t_en FROM projects WHERE id = ?').get(id) as Row | undefined);
  return row ? bi(row, 't') : { ru: id, en: id };
}

export type OutboxEditRow = {
  id: string;
  payload: string;
  created_at: string;
  status: 'pending' | 'applied' | 'rejected' | 'conflict' | 'review';
  result: string | null;
  review_status: 'approved' | 'rejected' | null;
  review_reason: string | null;
};

/** An exhibitor's edits made at this kiosk, newest first, with staff decisions synced from the hub. */
export function outboxEditsOf(db: Db, exhibitorId: string, limit: number): OutboxEditRow[] {
  return db
    .prepare(
      `SELECT o.id, o.payload, o.created_at, o.status, o.result, r.status AS review_status, r.reason AS review_reason
       FROM outbox o LEFT JOIN edit_reviews r ON r.mutation_id = o.id AND r.deleted = 0
       WHERE o.exhibitor_id = ? AND o.kind = 'edit' ORDER BY o.order_no DESC LIMIT ?`,
    )
    .all(exhibitorId, limit) as OutboxEditRow[];
}

export function outboxEdit(db: Db, id: string): OutboxEditRow | null {
  return (
    (db
      .prepare(
        `SELECT o.id, o.payload, o.created_at, o.status, o.result, r.status AS review_status, r.reason AS review_reason
         FROM outbox o LEFT JOIN edit_reviews r ON r.mutation_id = o.id AND r.deleted = 0 WHERE o.id = ?`,
      )
      .get(id) as OutboxEditRow | undefined) ?? null
  );
}

/** The exhibitor's projects with their per-day figures (days with no figures show zeros). */
export function exhibitorStats(db: Db, exhibitorId: string): ExhibitorStats {
  const projects = db.prepare('SELECT id, title_ru, title_en FROM projects WHERE exhibitor_id = ? AND deleted = 0 ORDER BY title_ru, id').all(exhibitorId) as Row[];
  const rows = db
    .prepare(
      `SELECT s.project_id, s.day, s.opens, s.qr_shown FROM project_stats s JOIN projects p ON p.id = s.project_id
       WHERE p.exhibitor_id = ? AND s.deleted = 0 ORDER BY s.day`,
    )
    .all(exhibitorId) as { project_id: string; day: string; opens: number; qr_shown: number }[];
  return statsTable(
    projects.map((p) => ({ id: str(p.id), title: bi(p, 'title') })),
    rows.map((r) => ({ projectId: r.project_id, day: r.day, opens: r.opens, qrShown: r.qr_shown })),
  );
}

/**
 * An exhibitor's figures as the screens show them: every project (in the order given) against every day that has any
 * figure, zero where a project has none that day. Shared by the kiosk (its synced copy) and the portal (the hub's).
 */
export function statsTable(
  projects: readonly { id: string; title: Bilingual }[],
  rows: readonly { projectId: string; day: string; opens: number; qrShown: number }[],
): ExhibitorStats {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const byKey = new Map(rows.map((r) => [`${r.projectId}\u0000${r.day}`, r]));
  return {
    days,
    projects: projects.map((p) => ({
      id: p.id,
      title: p.title,
      perDay: days.map((day) => {
        const row = byKey.get(`${p.id}\u0000${day}`);
        return { day, opens: row?.opens ?? 0, qrShown: row?.qrShown ?? 0 };
      }),
    })),
  };
}
