// The one narrow interface between the hub's logic and its storage. The hub here runs on SQLite
// (sqlite-store.ts); a national roll-out can implement the same interface on PostgreSQL and object storage.
// Every method is async for that reason, and every method that changes state is one atomic transaction.
import type { Command, FieldConflict, Heartbeat, Mutation, MutationResult, StaffActionPayload } from '../../electron/shared/sync-protocol';
import type { SyncedTable, WireRow } from '../../db/sync-tables';

export type StoredRecord = { table: SyncedTable; key: string; seq: number; row: WireRow | null };

/** A change to one row: a whole new row, or null to delete it (a tombstone stays for kiosks to see). */
export type RecordWrite = { table: SyncedTable; key: string; row: WireRow | null };

export type HubMeta = {
  /** Changes when the hub's history is no longer continuous (restored from a backup, replaced). */
  epoch: string;
  /** The highest sequence number given out so far. */
  headSeq: number;
  /** Tombstones at or below this sequence number have been purged: older cursors must start over. */
  tombstoneFloor: number;
};

export type Device = {
  id: string;
  name: string;
  enrolledAt: number;
  revokedAt: number | null;
  lastOrder: number;
  groups: string[];
};

/** What the hub's rules decided about one mutation, given the row it targets. */
export type Decision = {
  status: MutationResult['status'];
  reason?: string;
  conflicts?: FieldConflict[];
  /** Rows to write if the mutation is accepted (wholly or in part). */
  writes: RecordWrite[];
  /**
   * Set when the edit is known to come from the exhibitor (its proof held): the store logs it in the exhibitor's edit
   * history, and with status 'review' that entry is the staff's review queue.
   */
  edit?: ExhibitorEditInput;
  /** A kiosk's usage counts to add (kind 'usage'), in the same transaction as the stored answer. */
  usage?: UsageCount[];
  /** A staff action at a kiosk to log (kind 'staff_action'), in the same transaction as the stored answer. */
  staffAction?: StaffActionPayload;
};

/** A staff action as the hub logged it: what the kiosk said, with the kiosk's name now and the hub's time of receipt. */
export type StaffActionRecord = StaffActionPayload & {
  id: number;
  mutationId: string;
  deviceId: string;
  /** The kiosk's name as the hub knows it now ('' when unnamed or gone). */
  deviceName: string;
  receivedAt: number;
};

/** One usage count as a kiosk sends it: [UTC hour 'YYYY-MM-DDTHH', metric, subject, count]. */
export type UsageCount = [hour: string, metric: string, subject: string, count: number];
export type UsageRow = { deviceId: string; hour: string; metric: string; subject: string; count: number };

/** An exhibitor's edit as the hub logs it. `payload` is the signed part: table, key, changes. */
export type ExhibitorEditInput = { exhibitorId: string; table: string; key: string; payload: Record<string, unknown> };

export type ExhibitorEditStatus = 'applied' | 'conflict' | 'rejected' | 'review' | 'approved' | 'review_rejected';
export type ExhibitorEdit = ExhibitorEditInput & {
  mutationId: string;
  source: string;
  status: ExhibitorEditStatus;
  reason: string;
  conflicts: FieldConflict[];
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string;
};

/** An edit waiting for staff review, with what the review page shows beside it. */
export type PendingReview = ExhibitorEdit & {
  /** The exhibitor's name (Russian) and booth as the catalog has them now ('' if the exhibitor is gone). */
  exhibitorName: string;
  booth: string;
  /** The hub's current row the edit targets (null if deleted), so staff see what approval would change. */
  current: WireRow | null;
  /** The name staff gave the kiosk the edit came from ('' for the portal or an unnamed kiosk). */
  sourceName: string;
};

/** A staff decision on an edit under review. `reason` is required to reject; `by` is the staff login. */
export type ReviewDecision = { approve: boolean; reason: string; by: string };

/** The longest reason staff may give for rejecting an edit (it travels to kiosks in an edit_reviews record). */
export const maxReviewReasonLength = 500;

/**
 * What approving an edit does, given the row as it stands now: the rules (hub/sync/rules.ts approveEdit) check owner
 * and fields again and merge. Runs inside the store's transaction, so synchronous.
 */
export type ReviewMerge = (edit: ExhibitorEdit, current: StoredRecord | null, context: RuleContext) => Decision;

export type ReviewOutcome =
  | {
      ok: true;
      /** The edit as logged after the decision. */
      edit: ExhibitorEdit;
      /** The edit_reviews record written for kiosks. */
      review: { status: 'approved' | 'rejected'; reason: string };
    }
  | { ok: false; error: 'not_found' | 'already_decided' | 'reason_required' | 'reason_too_long' | 'invalid_characters' };

/** A staff account; the password only as scrypt hash, salt and parameters (JSON). */
export type StaffAccount = {
  login: string;
  passwordHash: string;
  passwordSalt: string;
  kdf: string;
  createdAt: number;
  passwordSetAt: number;
  disabledAt: number | null;
};

/** A signed-in staff session as stored (the id itself is never stored, only its SHA-256). */
export type StaffSession = {
  idHash: string;
  login: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
};

/** What the rules may look up while deciding, inside the store's transaction (so synchronous). */
export type RuleContext = {
  /** The signing key of the exhibitor's current PIN, or null if none is set. */
  signingKey(exhibitorId: string): string | null;
  /** The hub's copy of a row (or its tombstone), or null. */
  record(table: SyncedTable, key: string): StoredRecord | null;
  /** Whether exhibitors' edits wait for staff review (hub setting 'review_edits'). */
  reviewEdits: boolean;
};

/** The rules, kept out of the store: which row a mutation targets, and what to do with it. Must be synchronous. */
export type MutationRules = {
  targetOf(mutation: Mutation): { table: SyncedTable; key: string } | null;
  decide(mutation: Mutation, current: StoredRecord | null, context: RuleContext): Decision;
};

export type PushOutcome = { results: MutationResult[]; expectedOrder?: number };

export type ConflictRecord = {
  id: number;
  deviceId: string;
  mutationId: string;
  table: string;
  key: string;
  field: string;
  base: unknown;
  hub: unknown;
  kiosk: unknown;
  createdAt: number;
};

export type NewCommand = { target: string; kind: string; payload: Record<string, unknown>; expiresAt: number; issuedBy?: string };
export type CommandStatus = { command: Command & { target: string; issuedBy: string }; acks: { deviceId: string; outcome: string; detail: string; ackedAt: number }[] };

export type DeviceStatus = Device & { lastHeartbeat: (Heartbeat & { receivedAt: number }) | null };

export type HubStore = {
  meta(): Promise<HubMeta>;
  /** Starts a new epoch: every kiosk will rebuild its copy. Used after restoring a backup. */
  rotateEpoch(now: number): Promise<HubMeta>;

  // ---- catalog ----
  /** Writes rows in one transaction; each changed row gets the next sequence number. Unchanged rows are skipped. */
  writeRecords(writes: readonly RecordWrite[], now: number): Promise<{ changed: number; headSeq: number }>;
  changesSince(seq: number, limit: number): Promise<StoredRecord[]>;
  getRecord(table: SyncedTable, key: string): Promise<StoredRecord | null>;
  listRecords(table: SyncedTable): Promise<StoredRecord[]>;
  /** Deletes tombstones older than `before`; returns the new tombstone floor. */
  purgeTombstones(before: number): Promise<number>;

  // ---- settings and exhibitors' PINs ----
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** Stores a new PIN credential: the verifier as a synced exhibitor_pins record, the signing key for the hub only. */
  setExhibitorCredential(
    exhibitorId: string,
    credential: { verifySalt: string; verifier: string; signSalt: string; kdf: unknown },
    signingKey: string,
    now: number,
  ): Promise<void>;
  /** Removes an exhibitor's PIN: the verifier leaves every kiosk (a tombstone), the signing key the hub. */
  deleteExhibitorCredential(exhibitorId: string, now: number): Promise<void>;

  // ---- login attempts (exhibitor portal, staff pages): growing delays that survive a hub restart ----
  /** The throttle state of a subject, e.g. 'portal:<exhibitor id>' or 'staff:<login>'; zeros when unknown. */
  loginAttempts(subject: string): Promise<{ failures: number; waitUntil: number }>;
  setLoginAttempts(subject: string, state: { failures: number; waitUntil: number }): Promise<void>;

  // ---- usage counts (docs/privacy.md) ----
  /** Counts with `fromHour <= hour < toHour` (UTC 'YYYY-MM-DDTHH'; either bound optional), optionally of some metrics. */
  usageCounts(filter: { fromHour?: string; toHour?: string; metrics?: readonly string[] }): Promise<UsageRow[]>;
  /** Deletes counts older than the hour given (the retention setting); returns how many rows went. */
  purgeUsage(beforeHour: string): Promise<number>;

  // ---- media ----
  putMedia(bytes: Uint8Array, mime: string, now: number): Promise<string>;
  /** A file path to stream from (with ranges), or null if the hub does not have it. */
  mediaFile(sha256: string): Promise<{ path: string; bytes: number; mime: string } | null>;

  // ---- devices ----
  createEnrollCode(codeHash: string, expiresAt: number, now: number): Promise<void>;
  /** Trades an unused, unexpired code for a device credential (hash); returns the device, or null if the code is bad. */
  enroll(codeHash: string, kioskId: string, name: string, tokenHash: string, now: number): Promise<Device | null>;
  deviceByToken(tokenHash: string): Promise<Device | null>;
  revokeDevice(deviceId: string, now: number): Promise<boolean>;
  setDeviceGroups(deviceId: string, groups: string[]): Promise<void>;
  listDevices(): Promise<DeviceStatus[]>;

  // ---- push ----
  /** Applies mutations of one device in order, each at most once, each in its own transaction. */
  pushMutations(deviceId: string, mutations: readonly Mutation[], rules: MutationRules, now: number): Promise<PushOutcome>;
  listConflicts(limit: number): Promise<ConflictRecord[]>;
  /**
   * An edit made on the hub itself (the exhibitor portal): `decide` runs inside the store's transaction with the
   * current row, exactly like a kiosk's mutation; the outcome is logged in the exhibitor's edit history.
   */
  applyExhibitorEdit(
    edit: ExhibitorEditInput & { mutationId: string; source: string },
    decide: (current: StoredRecord | null, context: RuleContext) => Decision,
    now: number,
  ): Promise<Decision>;
  /** An exhibitor's edits from every source, newest first. */
  exhibitorEdits(exhibitorId: string, limit: number): Promise<ExhibitorEdit[]>;

  // ---- staff review of exhibitors' edits ----
  /** Edits waiting for review (status 'review'), oldest first. */
  pendingReviews(limit: number): Promise<PendingReview[]>;
  /**
   * Decides an edit under review, once, in one transaction. Approve: `merge` runs against the current row; its rows are
   * written and the edit becomes 'approved' ('conflict' or 'rejected' when the row changed meanwhile). Reject: the edit
   * becomes 'review_rejected' with the staff's reason (required, at most maxReviewReasonLength, no control
   * characters). Either way an edit_reviews record tells the kiosks.
   */
  decideReview(mutationId: string, decision: ReviewDecision, merge: ReviewMerge, now: number): Promise<ReviewOutcome>;

  // ---- staff accounts and sessions (hub/staff) ----
  /** How many staff accounts can log in (not disabled). */
  activeStaffCount(): Promise<number>;
  staffAccount(login: string): Promise<StaffAccount | null>;
  /**
   * Creates the account, or gives an existing one a new password (enabling it again if disabled); either way every
   * session of that login ends. Returns whether the account is new.
   */
  setStaffPassword(login: string, password: { hash: string; salt: string; kdf: string }, now: number): Promise<'created' | 'updated'>;
  /** Disables an account and ends its sessions; false if there is no such enabled account. */
  disableStaffAccount(login: string, now: number): Promise<boolean>;
  createStaffSession(session: StaffSession): Promise<void>;
  /** The session with this id hash, if its account is enabled (expiry is the caller's policy: hub/staff/session.ts). */
  staffSession(idHash: string): Promise<StaffSession | null>;
  touchStaffSession(idHash: string, now: number): Promise<void>;
  endStaffSession(idHash: string): Promise<void>;
  /** Removes sessions past their absolute expiry or idle since before `idleBefore`; returns how many. */
  endExpiredStaffSessions(now: number, idleBefore: number): Promise<number>;

  // ---- commands ----
  addCommand(command: NewCommand, now: number): Promise<number>;
  /** Unacknowledged, unexpired commands for a device, oldest first. */
  commandsFor(deviceId: string, now: number, limit: number): Promise<Command[]>;
  ackCommands(deviceId: string, acks: readonly { id: number; outcome: string; detail: string }[], now: number): Promise<void>;
  commandStatus(limit: number): Promise<CommandStatus[]>;

  // ---- heartbeats ----
  /**
   * Keeps the kiosk's latest heartbeat. A non-empty `name` becomes the device's name; the device's groups become
   * `[zone]` (or none for an empty zone), so commands to 'group:<zone>' reach the kiosks of that hall zone.
   */
  recordHeartbeat(deviceId: string, heartbeat: Heartbeat, now: number): Promise<void>;

  // ---- staff actions at kiosks ----
  /** The staff action log, newest first (by the hub's time of receipt). */
  staffActions(limit: number): Promise<StaffActionRecord[]>;

  /** A consistent copy of the store (for backups), written to `file`. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
};
