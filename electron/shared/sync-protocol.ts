// The wire contract between a kiosk and the hub (docs/sync-protocol.md explains it in words).
// Both sides validate what they receive with these schemas; a message that does not parse is an error, never guessed at.
// To change the protocol incompatibly, bump `syncProtocol` and keep answering the old one until kiosks are upgraded.
import { z } from 'zod';
import { playlistSchema, slideSecondsSchema, defaultSlideSeconds } from './contract';

export const syncProtocol = 1;
export const protocolHeader = 'kiosk-protocol';
export const schemaHeader = 'kiosk-schema';
export const syncBasePath = '/sync/v1';

const id = z.string().min(1).max(200);
const wireValue = z.union([z.string(), z.number(), z.null()]);
export const wireRow = z.record(z.string(), wireValue);

// ---- Enrollment -------------------------------------------------------------------------------------------

export const enrollRequest = z.object({
  code: z.string().min(4).max(64),
  /** The kiosk's own id (kept across re-enrollment, so a reimaged kiosk keeps its name on the dashboard). */
  kioskId: id,
  name: z.string().max(120).default(''),
});
export type EnrollRequest = z.infer<typeof enrollRequest>;

export const enrollResponse = z.object({
  protocol: z.literal(syncProtocol),
  deviceId: id,
  /** The device credential: sent as `Authorization: Bearer <token>`; the hub keeps only its hash. */
  token: z.string().min(32).max(200),
  /** The order number the kiosk's next mutation must carry (the hub may know earlier ones of this kiosk). */
  nextOrder: z.number().int().min(1),
});
export type EnrollResponse = z.infer<typeof enrollResponse>;

// ---- Pull -------------------------------------------------------------------------------------------------

export const change = z.object({
  /** Table name (db/sync-tables.ts). */
  t: z.string().min(1).max(64),
  /** The hub's sequence number of this change; strictly increasing along a pull. */
  seq: z.number().int().positive(),
  /** The row's key: JSON array of its primary-key values. */
  k: z.string().min(2).max(1000),
  /** The whole row, or null for a deletion (tombstone). */
  row: wireRow.nullable(),
});
export type Change = z.infer<typeof change>;

export const command = z.object({
  id: z.number().int().positive(),
  kind: z.string().min(1).max(64),
  payload: z.record(z.string(), z.unknown()),
  /** Hub clock, Unix milliseconds. A command received after this instant is never carried out. */
  expiresAt: z.number().int(),
  issuedAt: z.number().int(),
});
export type Command = z.infer<typeof command>;

export const pullResponse = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('changes'),
    protocol: z.literal(syncProtocol),
    /** The hub's clock (Unix ms) when it answered: the only clock a kiosk trusts for expiry and "data as of". */
    now: z.number().int(),
    changes: z.array(change),
    /** Opaque; store it in the same transaction as the changes and send it back with the next pull. */
    cursor: z.string().min(1).max(200),
    more: z.boolean(),
    /** Commands for this kiosk after the last one it acknowledged, unexpired at `now`. */
    commands: z.array(command),
  }),
  z.object({
    kind: z.literal('reset'),
    protocol: z.literal(syncProtocol),
    now: z.number().int(),
    reason: z.enum(['epoch', 'ahead', 'expired', 'invalid']),
  }),
]);
export type PullResponse = z.infer<typeof pullResponse>;

/** Long poll: answers as soon as the hub has something for this kiosk (changes or commands), or after `wait`. */
export const watchResponse = z.object({
  protocol: z.literal(syncProtocol),
  now: z.number().int(),
  changed: z.boolean(),
});

// ---- Push -------------------------------------------------------------------------------------------------

/** One field of an edit: the value the kiosk saw (the base) and the value it wants. */
export const fieldChange = z.object({ from: wireValue, to: wireValue });

export const editPayload = z.object({
  table: z.string().min(1).max(64),
  key: z.string().min(2).max(1000),
  changes: z.record(z.string(), fieldChange),
  /** The exhibitor whose session made the edit. */
  exhibitorId: z.string().min(1).max(200).optional(),
  /** HMAC under the exhibitor's signing key of proofMessage (electron/shared/exhibitor-proof.ts), base64url. */
  proof: z.string().min(1).max(200).optional(),
});
/** The part of an edit that its proof signs (everything but the proof itself and the exhibitor, signed apart). */
export const signedPart = (payload: EditPayload) => ({ table: payload.table, key: payload.key, changes: payload.changes });
export type EditPayload = z.infer<typeof editPayload>;

export const mutation = z.object({
  /** Unique per mutation (a UUID made by the kiosk); a repeated id is answered from the stored result. */
  id: z.string().min(8).max(64),
  /** Per-kiosk order, 1, 2, 3, … without gaps: the hub applies them in this order only. */
  order: z.number().int().positive(),
  kind: z.string().min(1).max(64),
  payload: z.record(z.string(), z.unknown()),
});
export type Mutation = z.infer<typeof mutation>;

export const pushRequest = z.object({ mutations: z.array(mutation).max(200) });
export type PushRequest = z.infer<typeof pushRequest>;

/** `review`: accepted for staff review (a hub setting); the decision arrives later as an `edit_reviews` row. */
export const mutationStatus = z.enum(['applied', 'rejected', 'conflict', 'review']);
export type MutationStatus = z.infer<typeof mutationStatus>;

export const fieldConflict = z.object({ field: z.string(), base: wireValue, hub: wireValue, kiosk: wireValue });
export type FieldConflict = z.infer<typeof fieldConflict>;

export const mutationResult = z.object({
  id: z.string(),
  order: z.number().int().positive(),
  status: mutationStatus,
  /** Why it was rejected (a stable code, e.g. `deleted`, `field_not_editable`, `too_long`) — permanent. */
  reason: z.string().optional(),
  conflicts: z.array(fieldConflict).optional(),
  /** For a rejected or conflicting edit: the hub's row as it stands, so the kiosk can show it at once. */
  row: z.object({ t: z.string(), k: z.string(), seq: z.number().int().nonnegative(), row: wireRow.nullable() }).optional(),
  /** True when this answer was stored earlier (the mutation had already been applied). */
  replayed: z.boolean().optional(),
});
export type MutationResult = z.infer<typeof mutationResult>;

export const pushResponse = z.object({
  protocol: z.literal(syncProtocol),
  now: z.number().int(),
  results: z.array(mutationResult),
  /**
   * Present when the hub stopped early: the order it expects next. Lower than the kiosk's first unsent mutation means
   * the hub lost mutations (restored from a backup) and they must be sent again; higher means the kiosk's numbering
   * is behind (it was reimaged) and its unsent mutations must be renumbered from here.
   */
  expectedOrder: z.number().int().positive().optional(),
});
export type PushResponse = z.infer<typeof pushResponse>;

// ---- Acknowledgements and heartbeats -----------------------------------------------------------------------

export const commandOutcome = z.enum(['done', 'expired', 'failed', 'unsupported']);
export const ackRequest = z.object({
  commands: z.array(z.object({ id: z.number().int().positive(), outcome: commandOutcome, detail: z.string().max(500).default('') })).max(500),
});
export type AckRequest = z.infer<typeof ackRequest>;

export const heartbeat = z.object({
  appVersion: z.string().max(40),
  schemaVersion: z.number().int(),
  protocol: z.number().int(),
  /** Hub clock of the kiosk's last complete sync, Unix ms, or null. */
  lastSyncAt: z.number().int().nullable(),
  outbox: z.number().int().nonnegative(),
  mediaBacklog: z.number().int().nonnegative(),
  diskFreeBytes: z.number().nonnegative().nullable(),
  memoryRssBytes: z.number().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
  /** 'visitor', 'attract', 'presentation', 'staff' or 'exhibitor'. */
  mode: z.string().max(40),
  /** The kiosk's name and hall zone as staff set them at the kiosk; the hub groups kiosks by zone. */
  name: z.string().max(120).default(''),
  zone: z.string().max(128).default(''),
  lastError: z.string().max(500).nullable(),
  /** The kiosk's own clock (Unix ms), only so the hub can show how far off it is; never used for ordering. */
  kioskClock: z.number().int(),
  logTail: z.array(z.string().max(500)).max(50).default([]),
});
export type Heartbeat = z.infer<typeof heartbeat>;

export const okResponse = z.object({ protocol: z.literal(syncProtocol), now: z.number().int() });

/** Every error the hub answers with, as JSON with a stable code. */
export const errorResponse = z.object({
  error: z.enum(['upgrade_required', 'unauthorized', 'revoked', 'invalid_request', 'not_found', 'too_large', 'internal', 'rate_limited']),
  message: z.string(),
  supportedProtocols: z.array(z.number().int()).optional(),
  minKioskSchema: z.number().int().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

// ---- Staff: commands from the hub and the staff action log (docs/staff.md) -------------------------------------

/** What each command kind carries; a kiosk acknowledges a command whose payload does not parse as `failed`. */
export const commandPayloads = {
  presentation_start: z.object({ playlist: playlistSchema, intervalSeconds: slideSecondsSchema.default(defaultSlideSeconds) }),
  presentation_stop: z.object({}),
  sync_now: z.object({}),
  reload: z.object({}),
  /** Electron shell only: install a downloaded update now if nobody is using the kiosk. */
  install_update: z.object({}),
  /** A message over every screen for `minutes` from when the kiosk receives it; empty texts clear the banner. */
  banner: z.object({ ru: z.string().max(300), en: z.string().max(300).default(''), minutes: z.number().int().min(1).max(24 * 60).default(30) }),
} as const;
export type CommandKind = keyof typeof commandPayloads;
export const commandKinds = Object.keys(commandPayloads) as CommandKind[];

/** A staff action at a kiosk (mutation kind `staff_action`): who, what, when, for the hub's log. */
export const staffActionPayload = z.object({
  staffId: z.string().min(1).max(200),
  staffName: z.string().max(200),
  action: z.string().min(1).max(64),
  detail: z.string().max(500).default(''),
  /** The kiosk's clock, ISO. */
  at: z.string().max(40),
});
export type StaffActionPayload = z.infer<typeof staffActionPayload>;
