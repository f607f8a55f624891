// The hub's store on SQLite: one database file and a folder of content-addressed media files.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Db, type Migration } from '../../db/connection';
import { forbiddenText } from '../../db/edit-check';
import { isSyncedTable, syncedTables, type SyncedTable, type WireRow } from '../../db/sync-tables';
import type { Command, FieldConflict, Heartbeat, Mutation, MutationResult } from '../../electron/shared/sync-protocol';
import { MediaStore } from '../../electron/core/media-store';
import type {
  CommandStatus,
  ConflictRecord,
  Device,
  DeviceStatus,
  HubMeta,
  HubStore,
  MutationRules,
  Decision,
  ExhibitorEdit,
  ExhibitorEditInput,
  ExhibitorEditStatus,
  NewCommand,
  PendingReview,
  PushOutcome,
  RecordWrite,
  ReviewDecision,
  ReviewMerge,
  ReviewOutcome,
  RuleContext,
  StaffAccount,
  StaffActionRecord,
  StaffSession,
  StoredRecord,
  UsageRow,
} from './hub-store';
import { maxReviewReasonLength } from './hub-store';

// To extend the hub's schema add the next numbered file to hub/store/migrations; never edit one that has shipped.
const migrationFiles = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });
const hubMigrations: Migration[] = Object.entries(migrationFiles)
  .map(([path, sql]) => {
    const match = /\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
    if (!match) throw new Error(`Hub migration file name must look like 0001_name.sql: ${path}`);
    return { version: Number(match[1]), name: match[2] ?? '', sql };
  })
  .sort((a, b) => a.version - b.version);

type RecordRow = { tbl: string; key: string; seq: number; data: string | null };
type DeviceRow = { id: string; name: string; enrolled_at: number; revoked_at: number | null; last_order: number; groups: string };

const toRecord = (r: RecordRow): StoredRecord => ({
  table: r.tbl as SyncedTable,
  key: r.key,
  seq: r.seq,
  row: r.data === null ? null : (JSON.parse(r.data) as WireRow),
});
const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  name: r.name,
  enrolledAt: r.enrolled_at,
  revokedAt: r.revoked_at,
  lastOrder: r.last_order,
  groups: JSON.parse(r.groups) as string[],
});

/** A row's JSON in the column order of its table, so equal rows have equal text and unchanged rows are skipped. */
function canonicalRow(table: SyncedTable, row: WireRow): string {
  const ordered: WireRow = {};
  for (const column of Object.keys(syncedTables[table].columns)) ordered[column] = row[column] ?? null;
  return JSON.stringify(ordered);
}

/**
 * Notices a database restored from an older backup: a small file beside it remembers the highest sequence number
 * ever given out in each epoch. A database behind that mark gets a new epoch, so kiosks rebuild instead of
 * silently skipping the sequence numbers that are about to be reused.
 */
type HighWater = { epoch: string; headSeq: number };

type ExhibitorEditRow = {
  mutation_id: string;
  source: string;
  exhibitor_id: string;
  tbl: string;
  key: string;
  payload: string;
  status: ExhibitorEditStatus;
  reason: string;
  conflicts: string;
  created_at: number;
  decided_at: number | null;
  decided_by: string;
};

export const toExhibitorEdit = (r: ExhibitorEditRow): ExhibitorEdit => ({
  mutationId: r.mutation_id,
  source: r.source,
  exhibitorId: r.exhibitor_id,
  table: r.tbl,
  key: r.key,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  reason: r.reason,
  conflicts: JSON.parse(r.conflicts) as FieldConflict[],
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
});

type StaffAccountRow = {
  login: string;
  password_hash: string;
  password_salt: string;
  kdf: string;
  created_at: number;
  password_set_at: number;
  disabled_at: number | null;
};
type StaffSessionRow = { id_hash: string; login: string; csrf_token: string; created_at: number; last_seen_at: number; expires_at: number };

/** Why a staff reason for rejecting an edit is refused, or null. Kiosks show it to the exhibitor as plain text. */
function reviewReasonProblem(reason: string): 'reason_required' | 'reason_too_long' | 'invalid_characters' | null {
  if (reason.length === 0) return 'reason_required';
  if (reason.length > maxReviewReasonLength) return 'reason_too_long';
  // One line of text: no control characters at all (not even line breaks), no bidirectional overrides, no lone surrogates.
  if (/\p{Cc}/u.test(reason) || forbiddenText.test(reason)) return 'invalid_characters';
  return null;
}

export class SqliteHubStore implements HubStore {
  readonly db: Db;
  private readonly media: MediaStore;
  private readonly highWaterFile: string;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * Heartbeats arrive from every kiosk every few seconds and losing the last one to a power cut is harmless: they are
   * written through a second connection without an fsync per commit, so they never queue behind catalog writes.
   */
  private readonly heartbeatDb: Db;

  private constructor(readonly dir: string, now: number) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'hub.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db, hubMigrations);
    this.heartbeatDb = new Database(join(dir, 'hub.db'));
    this.heartbeatDb.pragma('busy_timeout = 5000');
    this.heartbeatDb.pragma('synchronous = NORMAL');
    this.media = new MediaStore(join(dir, 'media'));
    this.highWaterFile = join(dir, 'high-water.json');
    this.db.transaction(() => {
      if (this.metaValue('epoch') === null) this.setMeta('epoch', randomUUID());
      if (this.metaValue('head_seq') === null) this.setMeta('head_seq', '0');
      if (this.metaValue('tombstone_floor') === null) this.setMeta('tombstone_floor', '0');
    })();
    const mark = this.readHighWater();
    const meta = this.metaSync();
    if (mark && mark.epoch === meta.epoch && mark.headSeq > meta.headSeq) {
      console.warn(`[hub] the database is behind what it once gave out (seq ${meta.headSeq} < ${mark.headSeq}): starting a new epoch`);
      this.rotateEpochSync(now);
    }
    this.writeHighWater();
  }

  static open(dir: string, now = Date.now()): SqliteHubStore {
    return new SqliteHubStore(dir, now);
  }

  /** A prepared statement, prepared once per SQL text. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  // ---- meta ----------------------------------------------------------------------------------------------

  private metaValue(key: string): string | null {
    const row = this.sql('SELECT value FROM hub_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }
  private setMeta(key: string, value: string): void {
    this.sql('INSERT INTO hub_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
  private metaSync(): HubMeta {
    return {
      epoch: this.metaValue('epoch') ?? '',
      headSeq: Number(this.metaValue('head_seq') ?? 0),
      tombstoneFloor: Number(this.metaValue('tombstone_floor') ?? 0),
    };
  }
  private readHighWater(): HighWater | null {
    if (!existsSync(this.highWaterFile)) return null;
    try {
      return JSON.parse(readFileSync(this.highWaterFile, 'utf8')) as HighWater;
    } catch {
      return null;
    }
  }
  private writeHighWater(): void {
    const meta = this.metaSync();
    // Temporary file and rename: a crash mid-write must not leave a mark that looks like a restored database.
    const temp = `${this.highWaterFile}.tmp`;
    writeFileSync(temp, JSON.stringify({ epoch: meta.epoch, headSeq: meta.headSeq } satisfies HighWater));
    renameSync(temp, this.highWaterFile);
  }
  private rotateEpochSync(now: number): void {
    this.db.transaction(() => {
      this.setMeta('epoch', randomUUID());
      this.setMeta('epoch_started_at', String(now));
    })();
    this.writeHighWater();
  }

  meta(): Promise<HubMeta> {
    return Promise.resolve(this.metaSync());
  }

  rotateEpoch(now: number): Promise<HubMeta> {
    this.rotateEpochSync(now);
    return this.meta();
  }

  // ---- catalog -------------------------------------------------------------------------------------------

  /** Writes inside an open transaction; returns how many rows changed. */
  private writeRecordsSync(writes: readonly RecordWrite[], now: number): number {
    const current = this.sql('SELECT data FROM records WHERE tbl = ? AND key = ?');
    const upsert = this.sql(
      `INSERT INTO records (tbl, key, seq, data, changed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tbl, key) DO UPDATE SET seq = excluded.seq, data = excluded.data, changed_at = excluded.changed_at`,
    );
    let head = Number(this.metaValue('head_seq') ?? 0);
    let changed = 0;
    for (const write of writes) {
      const data = write.row === null ? null : canonicalRow(write.table, write.row);
      const existing = current.get(write.table, write.key) as { data: string | null } | undefined;
      if (existing ? existing.data === data : data === null) continue;
      head += 1;
      changed += 1;
      upsert.run(write.table, write.key, head, data, now);
    }
    this.setMeta('head_seq', String(head));
    return changed;
  }

  writeRecords(writes: readonly RecordWrite[], now: number): Promise<{ changed: number; headSeq: number }> {
    const changed = this.db.transaction(() => this.writeRecordsSync(writes, now))();
    if (changed > 0) this.writeHighWater();
    return Promise.resolve({ changed, headSeq: this.metaSync().headSeq });
  }

  changesSince(seq: number, limit: number): Promise<StoredRecord[]> {
    const rows = this.sql('SELECT tbl, key, seq, data FROM records WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as RecordRow[];
    return Promise.resolve(rows.map(toRecord));
  }

  private getRecordSync(table: SyncedTable, key: string): StoredRecord | null {
    const row = this.sql('SELECT tbl, key, seq, data FROM records WHERE tbl = ? AND key = ?').get(table, key) as RecordRow | undefined;
    return row ? toRecord(row) : null;
  }

  getRecord(table: SyncedTable, key: string): Promise<StoredRecord | null> {
    return Promise.resolve(this.getRecordSync(table, key));
  }

  /** What the rules may look up, read inside the caller's transaction. */
  private ruleContext(): RuleContext {
    const secret = this.sql('SELECT signing_key FROM exhibitor_secrets WHERE exhibitor_id = ?');
    return {
      signingKey: (exhibitorId) => (secret.get(exhibitorId) as { signing_key: string } | undefined)?.signing_key ?? null,
      record: (table, key) => this.getRecordSync(table, key),
      reviewEdits: this.settingSync('review_edits') === '1',
    };
  }

  private settingSync(key: string): string | null {
    return (this.sql('SELECT value FROM hub_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  deleteExhibitorCredential(exhibitorId: string, now: number): Promise<void> {
    this.db.transaction(() => {
      this.writeRecordsSync([{ table: 'exhibitor_pins', key: JSON.stringify([exhibitorId]), row: null }], now);
      this.sql('DELETE FROM exhibitor_secrets WHERE exhibitor_id = ?').run(exhibitorId);
    })();
    this.writeHighWater();
    return Promise.resolve();
  }

  getSetting(key: string): Promise<string | null> {
    return Promise.resolve(this.settingSync(key));
  }

  setSetting(key: string, value: string): Promise<void> {
    this.sql('INSERT INTO hub_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    return Promise.resolve();
  }

  /**
   * Sets an exhibitor's PIN credential: the verifier as an exhibitor_pins record (synced to kiosks) and the signing key
   * (hub only), in one transaction. Edits signed under an earlier PIN are refused from then on.
   */
  setExhibitorCredential(exhibitorId: string, credential: { verifySalt: string; verifier: string; signSalt: string; kdf: unknown }, signingKey: string, now: number): Promise<void> {
    this.db.transaction(() => {
      this.writeRecordsSync(
        [
          {
            table: 'exhibitor_pins',
            key: JSON.stringify([exhibitorId]),
            row: {
              exhibitor_id: exhibitorId,
              verify_salt: credential.verifySalt,
              verifier: credential.verifier,
              sign_salt: credential.signSalt,
              kdf: JSON.stringify(credential.kdf),
            },
          },
        ],
        now,
      );
      this.sql(
        `INSERT INTO exhibitor_secrets (exhibitor_id, signing_key, pin_set_at) VALUES (?, ?, ?)
         ON CONFLICT (exhibitor_id) DO UPDATE SET signing_key = excluded.signing_key, pin_set_at = excluded.pin_set_at`,
      ).run(exhibitorId, signingKey, now);
    })();
    this.writeHighWater();
    return Promise.resolve();
  }

  // ---- login attempts ------------------------------------------------------------------------------------

  loginAttempts(subject: string): Promise<{ failures: number; waitUntil: number }> {
    const row = this.sql('SELECT failures, wait_until FROM login_attempts WHERE subject = ?').get(subject) as { failures: number; wait_until: number } | undefined;
    return Promise.resolve(row ? { failures: row.failures, waitUntil: row.wait_until } : { failures: 0, waitUntil: 0 });
  }

  setLoginAttempts(subject: string, state: { failures: number; waitUntil: number }): Promise<void> {
    // A success resets the state: the row goes, so the table holds only subjects with recent wrong attempts.
    if (state.failures === 0 && state.waitUntil === 0) this.sql('DELETE FROM login_attempts WHERE subject = ?').run(subject);
    else {
      this.sql(
        `INSERT INTO login_attempts (subject, failures, wait_until) VALUES (?, ?, ?)
         ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, wait_until = excluded.wait_until`,
      ).run(subject, state.failures, state.waitUntil);
    }
    return Promise.resolve();
  }

  listRecords(table: SyncedTable): Promise<StoredRecord[]> {
    const rows = this.sql('SELECT tbl, key, seq, data FROM records WHERE tbl = ? AND data IS NOT NULL ORDER BY key').all(table) as RecordRow[];
    return Promise.resolve(rows.map(toRecord));
  }

  purgeTombstones(before: number): Promise<number> {
    const floor = this.db.transaction(() => {
      const purged = this.sql('SELECT max(seq) AS seq FROM records WHERE data IS NULL AND changed_at < ?').get(before) as { seq: number | null };
      if (purged.seq !== null) {
        this.sql('DELETE FROM records WHERE data IS NULL AND changed_at < ?').run(before);
        const floorNow = Math.max(Number(this.metaValue('tombstone_floor') ?? 0), purged.seq);
        this.setMeta('tombstone_floor', String(floorNow));
      }
      return Number(this.metaValue('tombstone_floor') ?? 0);
    })();
    return Promise.resolve(floor);
  }

  // ---- media ---------------------------------------------------------------------------------------------

  putMedia(bytes: Uint8Array, mime: string, now: number): Promise<string> {
    const sha256 = this.media.put(bytes);
    this.sql('INSERT INTO media_files (sha256, mime, bytes, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING')
      .run(sha256, mime, bytes.byteLength, now);
    return Promise.resolve(sha256);
  }

  mediaFile(sha256: string): Promise<{ path: string; bytes: number; mime: string } | null> {
    const row = this.sql('SELECT mime, bytes FROM media_files WHERE sha256 = ?').get(sha256) as { mime: string; bytes: number } | undefined;
    if (!row || !this.media.has(sha256)) return Promise.resolve(null);
    const path = this.media.pathOf(sha256);
    return Promise.resolve({ path, bytes: statSync(path).size, mime: row.mime });
  }

  // ---- devices -------------------------------------------------------------------------------------------

  createEnrollCode(codeHash: string, expiresAt: number, now: number): Promise<void> {
    this.sql('INSERT INTO enroll_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)').run(codeHash, now, expiresAt);
    return Promise.resolve();
  }

  enroll(codeHash: string, kioskId: string, name: string, tokenHash: string, now: number): Promise<Device | null> {
    const device = this.db.transaction(() => {
      const code = this.sql('SELECT expires_at, used_at FROM enroll_codes WHERE code_hash = ?').get(codeHash) as
        | { expires_at: number; used_at: number | null }
        | undefined;
      if (!code || code.used_at !== null || code.expires_at <= now) return null;
      this.sql('UPDATE enroll_codes SET used_at = ?, used_by = ? WHERE code_hash = ?').run(now, kioskId, codeHash);
      // Re-enrolling keeps the device's history (its last mutation order) and replaces its credential.
      this.sql(
          `INSERT INTO devices (id, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash,
             enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
        )
        .run(kioskId, name, tokenHash, now);
      return toDevice(this.sql('SELECT * FROM devices WHERE id = ?').get(kioskId) as DeviceRow);
    })();
    return Promise.resolve(device);
  }

  deviceByToken(tokenHash: string): Promise<Device | null> {
    const row = this.sql('SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as DeviceRow | undefined;
    return Promise.resolve(row ? toDevice(row) : null);
  }

  revokeDevice(deviceId: string, now: number): Promise<boolean> {
    const result = this.sql('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, deviceId);
    return Promise.resolve(result.changes > 0);
  }

  setDeviceGroups(deviceId: string, groups: string[]): Promise<void> {
    this.sql('UPDATE devices SET groups = ? WHERE id = ?').run(JSON.stringify(groups), deviceId);
    return Promise.resolve();
  }

  listDevices(): Promise<DeviceStatus[]> {
    const rows = this.sql(
        `SELECT d.*, h.received_at AS hb_at, h.data AS hb_data FROM devices d
         LEFT JOIN heartbeats h ON h.device_id = d.id ORDER BY d.name, d.id`,
      )
      .all() as (DeviceRow & { hb_at: number | null; hb_data: string | null })[];
    return Promise.resolve(
      rows.map((r) => ({
        ...toDevice(r),
        lastHeartbeat: r.hb_data === null || r.hb_at === null ? null : { ...(JSON.parse(r.hb_data) as Heartbeat), receivedAt: r.hb_at },
      })),
    );
  }

  // ---- push ----------------------------------------------------------------------------------------------

  pushMutations(deviceId: string, mutations: readonly Mutation[], rules: MutationRules, now: number): Promise<PushOutcome> {
    const results: MutationResult[] = [];
    // Named parameters: better-sqlite3 refuses positional values for numbered ones (?1, ?2), so every push failed.
    const stored = this.sql("SELECT result FROM mutations WHERE device_id = @device AND (id = @id OR id = 'replay:' || @id || ':' || @device)");
    const lastOrder = this.sql('SELECT last_order FROM devices WHERE id = ?');
    const insertMutation = this.sql(
      `INSERT INTO mutations (device_id, id, order_no, kind, payload, status, result, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertConflict = this.sql(
      `INSERT INTO conflicts (device_id, mutation_id, tbl, key, field, base_value, hub_value, kiosk_value, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Only an edit whose proof held claims its id for every kiosk (it is in the exhibitor's edit log): a junk mutation
    // sent under someone else's pending id cannot make their real edit look like a replay.
    const usedElsewhere = this.sql('SELECT 1 FROM exhibitor_edits WHERE mutation_id = ?');
    const takenByAnother = this.sql('SELECT 1 FROM mutations WHERE id = ?');
    const context = this.ruleContext();
    let changedAny = false;
    for (const mutation of mutations) {
      const outcome = this.db.transaction((): { result?: MutationResult; expectedOrder?: number } => {
        const earlier = stored.get({ device: deviceId, id: mutation.id }) as { result: string } | undefined;
        if (earlier) return { result: { ...(JSON.parse(earlier.result) as MutationResult), replayed: true } };
        const last = (lastOrder.get(deviceId) as { last_order: number } | undefined)?.last_order ?? 0;
        // Only the next order number is applied: a gap means an earlier mutation is missing (never apply out of
        // order); an order already used by another id means the kiosk's numbering is behind the hub's.
        if (mutation.order !== last + 1) return { expectedOrder: last + 1 };
        const target = rules.targetOf(mutation);
        const current = target ? this.getRecordSync(target.table, target.key) : null;
        // A mutation id is accepted once across all kiosks: the same signed edit sent again by another kiosk is a replay.
        // It still takes this kiosk's order number, so the kiosk's later mutations are not held up.
        const replay = usedElsewhere.get(mutation.id) !== undefined;
        // An id another kiosk already sent (not a proven edit) is kept under a name of this kiosk's own, so both stay.
        const storedId = replay || takenByAnother.get(mutation.id) !== undefined ? `replay:${mutation.id}:${deviceId}` : mutation.id;
        const decision: Decision = replay ? { status: 'rejected', reason: 'replayed', writes: [] } : rules.decide(mutation, current, context);
        if (decision.writes.length > 0 && this.writeRecordsSync(decision.writes, now) > 0) changedAny = true;
        const after = target ? this.getRecordSync(target.table, target.key) : null;
        const result: MutationResult = {
          id: mutation.id,
          order: mutation.order,
          status: decision.status,
          ...(decision.reason ? { reason: decision.reason } : {}),
          ...(decision.conflicts?.length ? { conflicts: decision.conflicts } : {}),
          ...(decision.status !== 'applied' && target
            ? { row: { t: target.table, k: target.key, seq: after?.seq ?? 0, row: after?.row ?? null } }
            : {}),
        };
        insertMutation.run(deviceId, storedId, mutation.order, mutation.kind, JSON.stringify(mutation.payload), result.status, JSON.stringify(result), now);
        if (decision.edit) this.logExhibitorEdit({ ...decision.edit, mutationId: mutation.id, source: `device:${deviceId}` }, decision, now);
        if (decision.usage?.length) {
          const add = this.sql(
            `INSERT INTO usage_counts (device_id, hour, metric, subject, count) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (device_id, hour, metric, subject) DO UPDATE SET count = count + excluded.count`,
          );
          for (const [hour, metric, subject, count] of decision.usage) add.run(deviceId, hour, metric, subject, count);
        }
        if (decision.staffAction) {
          const a = decision.staffAction;
          this.sql(
            `INSERT INTO staff_actions (mutation_id, device_id, staff_id, staff_name, action, detail, kiosk_at, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, mutation_id) DO NOTHING`,
          ).run(mutation.id, deviceId, a.staffId, a.staffName, a.action, a.detail, a.at, now);
        }
        for (const c of decision.conflicts ?? []) {
          insertConflict.run(deviceId, mutation.id, target?.table ?? '', target?.key ?? '', c.field, JSON.stringify(c.base), JSON.stringify(c.hub), JSON.stringify(c.kiosk), now);
        }
        this.sql('UPDATE devices SET last_order = ? WHERE id = ?').run(mutation.order, deviceId);
        return { result };
      })();
      if (outcome.result) results.push(outcome.result);
      if (outcome.expectedOrder !== undefined) {
        if (changedAny) this.writeHighWater();
        return Promise.resolve({ results, expectedOrder: outcome.expectedOrder });
      }
    }
    if (changedAny) this.writeHighWater();
    return Promise.resolve({ results });
  }

  /** Adds an edit to the exhibitor's history (inside the caller's transaction). */
  private logExhibitorEdit(edit: ExhibitorEditInput & { mutationId: string; source: string }, decision: Decision, now: number): void {
    this.sql(
      `INSERT INTO exhibitor_edits (mutation_id, source, exhibitor_id, tbl, key, payload, status, reason, conflicts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      edit.mutationId,
      edit.source,
      edit.exhibitorId,
      edit.table,
      edit.key,
      JSON.stringify(edit.payload),
      decision.status,
      decision.reason ?? '',
      JSON.stringify(decision.conflicts ?? []),
      now,
    );
  }

  applyExhibitorEdit(
    edit: ExhibitorEditInput & { mutationId: string; source: string },
    decide: (current: StoredRecord | null, context: RuleContext) => Decision,
    now: number,
  ): Promise<Decision> {
    const context = this.ruleContext();
    const decision = this.db.transaction(() => {
      const known = this.sql('SELECT 1 FROM exhibitor_edits WHERE mutation_id = ?').get(edit.mutationId);
      if (known) return { status: 'rejected', reason: 'replayed', writes: [] } satisfies Decision;
      const current = isSyncedTable(edit.table) ? this.getRecordSync(edit.table, edit.key) : null;
      const result = decide(current, context);
      if (result.writes.length > 0) this.writeRecordsSync(result.writes, now);
      this.logExhibitorEdit(edit, result, now);
      for (const c of result.conflicts ?? []) {
        this.sql(
          `INSERT INTO conflicts (device_id, mutation_id, tbl, key, field, base_value, hub_value, kiosk_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(edit.source, edit.mutationId, edit.table, edit.key, c.field, JSON.stringify(c.base), JSON.stringify(c.hub), JSON.stringify(c.kiosk), now);
      }
      return result;
    })();
    if (decision.writes.length > 0) this.writeHighWater();
    return Promise.resolve(decision);
  }

  exhibitorEdits(exhibitorId: string, limit: number): Promise<ExhibitorEdit[]> {
    const rows = this.sql('SELECT * FROM exhibitor_edits WHERE exhibitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(exhibitorId, limit) as ExhibitorEditRow[];
    return Promise.resolve(rows.map(toExhibitorEdit));
  }

  // ---- staff review --------------------------------------------------------------------------------------

  pendingReviews(limit: number): Promise<PendingReview[]> {
    const rows = this.sql(
      `SELECT e.*,
              coalesce(json_extract(x.data, '$.name_ru'), '') AS exhibitor_name,
              coalesce(json_extract(x.data, '$.booth'), '') AS exhibitor_booth,
              r.data AS current_row,
              coalesce(d.name, '') AS source_name
       FROM exhibitor_edits e
       LEFT JOIN records x ON x.tbl = 'exhibitors' AND x.key = json_array(e.exhibitor_id)
       LEFT JOIN records r ON r.tbl = e.tbl AND r.key = e.key
       LEFT JOIN devices d ON e.source = 'device:' || d.id
       WHERE e.status = 'review'
       ORDER BY e.created_at, e.rowid
       LIMIT ?`,
    ).all(limit) as (ExhibitorEditRow & { exhibitor_name: string; exhibitor_booth: string; current_row: string | null; source_name: string })[];
    return Promise.resolve(
      rows.map((r) => ({
        ...toExhibitorEdit(r),
        exhibitorName: String(r.exhibitor_name),
        booth: String(r.exhibitor_booth),
        current: r.current_row === null ? null : (JSON.parse(r.current_row) as WireRow),
        sourceName: r.source_name,
      })),
    );
  }

  decideReview(mutationId: string, decision: ReviewDecision, merge: ReviewMerge, now: number): Promise<ReviewOutcome> {
    const reason = decision.reason.trim();
    if (!decision.approve) {
      const problem = reviewReasonProblem(reason);
      if (problem) return Promise.resolve({ ok: false, error: problem });
    }
    const context = this.ruleContext();
    let wrote = false;
    const outcome = this.db.transaction((): ReviewOutcome => {
      const row = this.sql('SELECT * FROM exhibitor_edits WHERE mutation_id = ?').get(mutationId) as ExhibitorEditRow | undefined;
      if (!row) return { ok: false, error: 'not_found' };
      // Only an edit still waiting can be decided: a second click, or two staff deciding at once, changes nothing.
      if (row.status !== 'review') return { ok: false, error: 'already_decided' };
      const edit = toExhibitorEdit(row);
      let status: ExhibitorEditStatus;
      let editReason: string;
      let conflicts: FieldConflict[] = [];
      let review: { status: 'approved' | 'rejected'; reason: string };
      let writes: RecordWrite[] = [];
      if (decision.approve) {
        const current = isSyncedTable(edit.table) ? this.getRecordSync(edit.table, edit.key) : null;
        const result = merge(edit, current, context);
        if (result.status === 'review') throw new Error('An approval cannot be sent back to review');
        writes = result.writes;
        conflicts = result.conflicts ?? [];
        status = result.status === 'applied' ? 'approved' : result.status;
        editReason = result.reason ?? '';
        // The kiosk learns 'rejected' when nothing of the edit could be applied: the row was deleted or changed owner
        // meanwhile, or every field was changed by someone else first. A partial merge is an approval.
        review =
          result.status === 'rejected'
            ? { status: 'rejected', reason: result.reason ?? 'rejected' }
            : result.status === 'conflict' && writes.length === 0
              ? { status: 'rejected', reason: 'conflict' }
              : { status: 'approved', reason: '' };
        const deviceId = edit.source.startsWith('device:') ? edit.source.slice('device:'.length) : edit.source;
        for (const c of conflicts) {
          this.sql(
            `INSERT INTO conflicts (device_id, mutation_id, tbl, key, field, base_value, hub_value, kiosk_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(deviceId, mutationId, edit.table, edit.key, c.field, JSON.stringify(c.base), JSON.stringify(c.hub), JSON.stringify(c.kiosk), now);
        }
      } else {
        status = 'review_rejected';
        editReason = reason;
        review = { status: 'rejected', reason };
      }
      this.sql('UPDATE exhibitor_edits SET status = ?, reason = ?, conflicts = ?, decided_at = ?, decided_by = ? WHERE mutation_id = ?').run(
        status,
        editReason,
        JSON.stringify(conflicts),
        now,
        decision.by,
        mutationId,
      );
      const reviewRecord: RecordWrite = {
        table: 'edit_reviews',
        key: JSON.stringify([mutationId]),
        row: { mutation_id: mutationId, exhibitor_id: edit.exhibitorId, status: review.status, reason: review.reason, decided_at: now },
      };
      wrote = this.writeRecordsSync([...writes, reviewRecord], now) > 0;
      const updated = toExhibitorEdit(this.sql('SELECT * FROM exhibitor_edits WHERE mutation_id = ?').get(mutationId) as ExhibitorEditRow);
      return { ok: true, edit: updated, review };
    })();
    if (wrote) this.writeHighWater();
    return Promise.resolve(outcome);
  }

  // ---- staff accounts and sessions -----------------------------------------------------------------------

  activeStaffCount(): Promise<number> {
    return Promise.resolve((this.sql('SELECT count(*) AS n FROM staff_accounts WHERE disabled_at IS NULL').get() as { n: number }).n);
  }

  staffAccount(login: string): Promise<StaffAccount | null> {
    const row = this.sql('SELECT * FROM staff_accounts WHERE login = ?').get(login) as StaffAccountRow | undefined;
    return Promise.resolve(
      row
        ? {
            login: row.login,
            passwordHash: row.password_hash,
            passwordSalt: row.password_salt,
            kdf: row.kdf,
            createdAt: row.created_at,
            passwordSetAt: row.password_set_at,
            disabledAt: row.disabled_at,
          }
        : null,
    );
  }

  setStaffPassword(login: string, password: { hash: string; salt: string; kdf: string }, now: number): Promise<'created' | 'updated'> {
    const outcome = this.db.transaction((): 'created' | 'updated' => {
      const exists = this.sql('SELECT 1 FROM staff_accounts WHERE login = ?').get(login) !== undefined;
      this.sql(
        `INSERT INTO staff_accounts (login, password_hash, password_salt, kdf, created_at, password_set_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (login) DO UPDATE SET password_hash = excluded.password_hash, password_salt = excluded.password_salt,
           kdf = excluded.kdf, password_set_at = excluded.password_set_at, disabled_at = NULL`,
      ).run(login, password.hash, password.salt, password.kdf, now, now);
      // A new password ends every session opened with the old one.
      this.sql('DELETE FROM staff_sessions WHERE login = ?').run(login);
      return exists ? 'updated' : 'created';
    })();
    return Promise.resolve(outcome);
  }

  disableStaffAccount(login: string, now: number): Promise<boolean> {
    const disabled = this.db.transaction(() => {
      const changed = this.sql('UPDATE staff_accounts SET disabled_at = ? WHERE login = ? AND disabled_at IS NULL').run(now, login).changes > 0;
      this.sql('DELETE FROM staff_sessions WHERE login = ?').run(login);
      return changed;
    })();
    return Promise.resolve(disabled);
  }

  createStaffSession(session: StaffSession): Promise<void> {
    this.sql('INSERT INTO staff_sessions (id_hash, login, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      session.idHash,
      session.login,
      session.csrfToken,
      session.createdAt,
      session.lastSeenAt,
      session.expiresAt,
    );
    return Promise.resolve();
  }

  staffSession(idHash: string): Promise<StaffSession | null> {
    const row = this.sql(
      `SELECT s.* FROM staff_sessions s JOIN staff_accounts a ON a.login = s.login
       WHERE s.id_hash = ? AND a.disabled_at IS NULL`,
    ).get(idHash) as StaffSessionRow | undefined;
    return Promise.resolve(
      row
        ? { idHash: row.id_hash, login: row.login, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }
        : null,
    );
  }

  touchStaffSession(idHash: string, now: number): Promise<void> {
    this.sql('UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, idHash);
    return Promise.resolve();
  }

  endStaffSession(idHash: string): Promise<void> {
    this.sql('DELETE FROM staff_sessions WHERE id_hash = ?').run(idHash);
    return Promise.resolve();
  }

  endExpiredStaffSessions(now: number, idleBefore: number): Promise<number> {
    return Promise.resolve(this.sql('DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, idleBefore).changes);
  }

  usageCounts(filter: { fromHour?: string; toHour?: string; metrics?: readonly string[] }): Promise<UsageRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.fromHour) {
      where.push('hour >= ?');
      params.push(filter.fromHour);
    }
    if (filter.toHour) {
      where.push('hour < ?');
      params.push(filter.toHour);
    }
    if (filter.metrics?.length) {
      where.push(`metric IN (${filter.metrics.map(() => '?').join(', ')})`);
      params.push(...filter.metrics);
    }
    const rows = this.db
      .prepare(
        `SELECT device_id AS deviceId, hour, metric, subject, count FROM usage_counts
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY hour, metric, subject, device_id`,
      )
      .all(...params) as UsageRow[];
    return Promise.resolve(rows);
  }

  purgeUsage(beforeHour: string): Promise<number> {
    return Promise.resolve(this.sql('DELETE FROM usage_counts WHERE hour < ?').run(beforeHour).changes);
  }

  listConflicts(limit: number): Promise<ConflictRecord[]> {
    const rows = this.sql('SELECT * FROM conflicts ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number;
      device_id: string;
      mutation_id: string;
      tbl: string;
      key: string;
      field: string;
      base_value: string | null;
      hub_value: string | null;
      kiosk_value: string | null;
      created_at: number;
    }[];
    const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));
    return Promise.resolve(
      rows.map((r) => ({
        id: r.id,
        deviceId: r.device_id,
        mutationId: r.mutation_id,
        table: r.tbl,
        key: r.key,
        field: r.field,
        base: parse(r.base_value),
        hub: parse(r.hub_value),
        kiosk: parse(r.kiosk_value),
        createdAt: r.created_at,
      })),
    );
  }

  // ---- commands ------------------------------------------------------------------------------------------

  addCommand(command: NewCommand, now: number): Promise<number> {
    const result = this.sql('INSERT INTO commands (target, kind, payload, issued_at, expires_at, issued_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(command.target, command.kind, JSON.stringify(command.payload), now, command.expiresAt, command.issuedBy ?? '');
    return Promise.resolve(Number(result.lastInsertRowid));
  }

  commandsFor(deviceId: string, now: number, limit: number): Promise<Command[]> {
    const device = this.sql('SELECT groups FROM devices WHERE id = ?').get(deviceId) as { groups: string } | undefined;
    const targets = ['all', `device:${deviceId}`, ...(JSON.parse(device?.groups ?? '[]') as string[]).map((g) => `group:${g}`)];
    const rows = this.sql(
        `SELECT id, kind, payload, issued_at, expires_at FROM commands c
         WHERE target IN (SELECT value FROM json_each(?)) AND expires_at > ?
           AND NOT EXISTS (SELECT 1 FROM command_acks a WHERE a.command_id = c.id AND a.device_id = ?)
         ORDER BY id LIMIT ?`,
      )
      .all(JSON.stringify(targets), now, deviceId, limit) as { id: number; kind: string; payload: string; issued_at: number; expires_at: number }[];
    return Promise.resolve(
      rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        issuedAt: r.issued_at,
        expiresAt: r.expires_at,
      })),
    );
  }

  ackCommands(deviceId: string, acks: readonly { id: number; outcome: string; detail: string }[], now: number): Promise<void> {
    const insert = this.sql(
      `INSERT INTO command_acks (command_id, device_id, outcome, detail, acked_at)
       SELECT id, ?, ?, ?, ? FROM commands WHERE id = ?
       ON CONFLICT (command_id, device_id) DO NOTHING`,
    );
    this.db.transaction(() => {
      for (const ack of acks) insert.run(deviceId, ack.outcome, ack.detail, now, ack.id);
    })();
    return Promise.resolve();
  }

  commandStatus(limit: number): Promise<CommandStatus[]> {
    const commands = this.sql('SELECT * FROM commands ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number;
      target: string;
      kind: string;
      payload: string;
      issued_at: number;
      expires_at: number;
      issued_by: string;
    }[];
    const acks = this.sql('SELECT device_id, outcome, detail, acked_at FROM command_acks WHERE command_id = ? ORDER BY acked_at');
    return Promise.resolve(
      commands.map((c) => ({
        command: {
          id: c.id,
          target: c.target,
          kind: c.kind,
          payload: JSON.parse(c.payload) as Record<string, unknown>,
          issuedAt: c.issued_at,
          expiresAt: c.expires_at,
          issuedBy: c.issued_by,
        },
        acks: (acks.all(c.id) as { device_id: string; outcome: string; detail: string; acked_at: number }[]).map((a) => ({
          deviceId: a.device_id,
          outcome: a.outcome,
          detail: a.detail,
          ackedAt: a.acked_at,
        })),
      })),
    );
  }

  // ---- heartbeats ----------------------------------------------------------------------------------------

  recordHeartbeat(deviceId: string, heartbeat: Heartbeat, now: number): Promise<void> {
    this.heartbeatDb
      .prepare(
        `INSERT INTO heartbeats (device_id, received_at, data) VALUES (?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET received_at = excluded.received_at, data = excluded.data`,
      )
      .run(deviceId, now, JSON.stringify(heartbeat));
    // The name and zone staff set at the kiosk: written only when they change, so a steady kiosk costs no fsync here.
    const name = heartbeat.name.trim();
    const groups = JSON.stringify(heartbeat.zone ? [heartbeat.zone] : []);
    this.sql(
      `UPDATE devices SET name = CASE WHEN @name <> '' THEN @name ELSE name END, groups = @groups
       WHERE id = @id AND (groups <> @groups OR (@name <> '' AND name <> @name))`,
    ).run({ id: deviceId, name, groups });
    return Promise.resolve();
  }

  // ---- staff actions at kiosks ---------------------------------------------------------------------------

  staffActions(limit: number): Promise<StaffActionRecord[]> {
    const rows = this.sql(
      `SELECT a.*, coalesce(d.name, '') AS device_name FROM staff_actions a LEFT JOIN devices d ON d.id = a.device_id
       ORDER BY a.received_at DESC, a.id DESC LIMIT ?`,
    ).all(limit) as {
      id: number;
      mutation_id: string;
      device_id: string;
      staff_id: string;
      staff_name: string;
      action: string;
      detail: string;
      kiosk_at: string;
      received_at: number;
      device_name: string;
    }[];
    return Promise.resolve(
      rows.map((r) => ({
        id: r.id,
        mutationId: r.mutation_id,
        deviceId: r.device_id,
        deviceName: r.device_name,
        staffId: r.staff_id,
        staffName: r.staff_name,
        action: r.action,
        detail: r.detail,
        at: r.kiosk_at,
        receivedAt: r.received_at,
      })),
    );
  }

  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  close(): Promise<void> {
    this.heartbeatDb.close();
    this.db.close();
    return Promise.resolve();
  }
}
