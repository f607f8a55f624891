// The kiosk contract: every call and event between the renderer and the kiosk core.
// Plain TypeScript + zod only (no node:, electron or DOM), so the renderer, the preload and the core can all import it.
// To add a call: add its input schema and output type to `calls` below, then a handler in electron/core/handlers.
import { z } from 'zod';

/** Text in both languages; every visitor-facing string has both. */
export type Bilingual = { ru: string; en: string };
export type Language = keyof Bilingual;
export const languages: readonly Language[] = ['ru', 'en'];

/** A media file, content-addressed. `url` is same-origin in both transports (`/media/<sha256>`). */
export type MediaRef = {
  sha256: string;
  url: string;
  mime: string;
  width: number | null;
  height: number | null;
  alt: Bilingual;
  /** Smaller copies of the same picture that this kiosk has, narrowest first: for srcset (docs/sync-protocol.md). */
  thumbs: { url: string; width: number }[];
};

export type Forum = {
  id: string;
  name: Bilingual;
  venue: Bilingual;
  startsOn: string;
  endsOn: string;
  timezone: string;
  isDemo: boolean;
};

export type KioskInfo = {
  kioskId: string;
  name: string;
  appVersion: string;
  schemaVersion: number;
  /** ISO time of the newest catalog change this kiosk holds ("data as of"). */
  dataAsOf: string;
  forum: Forum | null;
  /** Where the kiosk stands on the hall plan, for "you are here"; null until staff set it. */
  position: { x: number; y: number } | null;
  defaultLanguage: Language;
  idleSeconds: number;
  /** Set when this kiosk found its database damaged at a start and recovered (for staff); null otherwise. */
  recovery: { at: string; problem: string; restoredFrom: string | null } | null;
};

export type RegionSummary = {
  id: string;
  isoCode: string;
  name: Bilingual;
  district: Bilingual;
  summary: Bilingual;
  tile: { col: number; row: number };
  participating: boolean;
  projectCount: number;
};

export type TagSummary = { id: string; name: Bilingual; projectCount: number };

export type ProjectKind = 'tourism' | 'cluster';

export type ProjectCard = {
  id: string;
  kind: ProjectKind;
  title: Bilingual;
  summary: Bilingual;
  regionId: string;
  regionName: Bilingual;
  clusterId: string | null;
  booth: string | null;
  featured: boolean;
  cover: MediaRef | null;
};

export type Exhibitor = {
  id: string;
  name: Bilingual;
  about: Bilingual;
  booth: string;
  zoneId: string | null;
  contactName: Bilingual;
  phone: string;
  email: string;
  website: string;
  logo: MediaRef | null;
  /** Opening hours at the booth, and "today at our booth": kept current by the exhibitor ('' when not given). */
  hours: Bilingual;
  today: Bilingual;
};

export type ProjectDetail = ProjectCard & {
  description: Bilingual;
  visiting: Bilingual;
  linkUrl: string;
  tags: { id: string; name: Bilingual }[];
  media: (MediaRef & { caption: Bilingual })[];
  exhibitor: Exhibitor | null;
  clusterName: Bilingual | null;
};

export type Page<T> = { items: T[]; total: number; offset: number; limit: number };

export type ClusterMember = { id: string; name: Bilingual; role: Bilingual; exhibitorId: string | null };

export type Cluster = {
  id: string;
  regionId: string;
  name: Bilingual;
  about: Bilingual;
  cover: MediaRef | null;
  members: ClusterMember[];
  projectCount: number;
};

export type RouteStop = {
  id: string;
  position: number;
  enterprise: Bilingual;
  title: Bilingual;
  about: Bilingual;
  visiting: Bilingual;
  booking: Bilingual;
  address: Bilingual;
  durationMinutes: number;
  latitude: number;
  longitude: number;
  cover: MediaRef | null;
};

export type Route = {
  id: string;
  name: Bilingual;
  about: Bilingual;
  linkUrl: string;
  cover: MediaRef | null;
  stops: RouteStop[];
};

export type ProgrammeKind = 'plenary' | 'presentation' | 'awards' | 'signing' | 'panel' | 'excursion' | 'other';

export type ProgrammeSession = {
  id: string;
  kind: ProgrammeKind;
  startsAt: string;
  endsAt: string;
  title: Bilingual;
  about: Bilingual;
  place: Bilingual;
};

export type ProgrammeDay = { date: string; sessions: ProgrammeSession[] };

export type HallZone = { id: string; name: Bilingual; x: number; y: number; width: number; height: number };

export type HallBooth = {
  exhibitorId: string;
  booth: string;
  name: Bilingual;
  zoneId: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
};

export type HallPlan = { width: number; height: number; zones: HallZone[]; booths: HallBooth[] };

export const searchKinds = ['project', 'exhibitor', 'region', 'cluster', 'route_stop', 'tag'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** A piece of text; `match` pieces are what the query found. Rendered as text, never as HTML. */
export type TextSegment = { text: string; match: boolean };

export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: { ru: TextSegment[]; en: TextSegment[] };
  snippet: { ru: TextSegment[]; en: TextSegment[] };
  /** How it matched: whole words or prefixes, or a substring inside a longer word. */
  matchedBy: 'words' | 'substring';
};

export type SearchResult = { query: string; hits: SearchHit[] };

/** Where this kiosk's sync with the hub stands: for the freshness line and the staff panel. */
export type SyncStatusInfo = {
  state: 'not_enrolled' | 'idle' | 'syncing' | 'offline' | 'error' | 'blocked';
  /** Set when sync waits for staff: the app needs an update, or the credential was revoked or is unknown. */
  blocked: '' | 'upgrade_required' | 'revoked' | 'unauthorized';
  hubUrl: string;
  /** ISO time (the hub's clock) of the last complete sync, or '' if never. */
  lastSyncAt: string;
  pendingEdits: number;
  mediaBacklog: number;
  lastError: string;
};

// ---- Exhibitors' own edits (docs/security.md) ----------------------------------------------------------------

/** Who is logged in at this kiosk (or in this portal session) as an exhibitor. */
export type ExhibitorSession = { exhibitorId: string; name: Bilingual; booth: string };

/** How a field may be edited: text up to `maxLength` UTF-16 units, a yes/no flag, or one of the row's own photos. */
export type EditableField = { name: string; kind: 'text'; maxLength: number; multiline: boolean } | { name: string; kind: 'flag' } | { name: string; kind: 'media' };

/** One row an exhibitor may edit: their booth entry or one of their projects, with current values (local copy). */
export type EditableItem = {
  target: 'exhibitor' | 'project';
  id: string;
  title: Bilingual;
  fields: EditableField[];
  values: Record<string, string | number | null>;
  /** For a project: its photos, the choices for the cover. */
  photos: MediaRef[];
};

export type ExhibitorEntry = { session: ExhibitorSession; items: EditableItem[] };

/**
 * Where an edit stands, as the exhibitor sees it: saved here (not yet sent), published (the hub applied it),
 * waiting for review, rejected (with the reason), conflict (both versions), approved (after review).
 */
export type EditState = 'saved' | 'published' | 'review' | 'approved' | 'rejected' | 'conflict';

export type EditRecord = {
  id: string;
  target: 'exhibitor' | 'project';
  targetId: string;
  title: Bilingual;
  /** ISO time the edit was saved (the kiosk's clock). */
  savedAt: string;
  state: EditState;
  /** A stable reason code for a rejection (e.g. too_long, not_owner, proof_invalid, or staff's own words). */
  reason: string;
  changes: { field: string; from: string | number | null; to: string | number | null }[];
  /** For a conflict: per field, the hub's version and this edit's version. */
  conflicts: { field: string; hub: string | number | null; mine: string | number | null }[];
};

/** Something a visitor did that the kiosk counts (docs/privacy.md): what, never who. */
export type UsageEvent = z.infer<typeof usageEvent>;
const usageEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('screen'), screen: z.string().regex(/^[a-z_]{1,40}$/) }).strict(),
  z.object({ kind: z.enum(['project', 'region', 'cluster', 'route_stop', 'qr']), id: z.string().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('search'), query: z.string().max(200), results: z.number().int().min(0).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('language'), language: z.enum(['ru', 'en']) }).strict(),
  z.object({ kind: z.literal('accessibility'), mode: z.string().regex(/^[a-z_]{1,40}$/) }).strict(),
]);

/** How often the exhibitor's projects were opened and their QR codes shown, per forum day, over all kiosks. */
export type ExhibitorStats = {
  days: string[];
  projects: { id: string; title: Bilingual; perDay: { day: string; opens: number; qrShown: number }[] }[];
};

// ---- Staff mode and presentation mode (docs/staff.md) ----------------------------------------------------------

/** The staff member logged in at this kiosk (by their personal kiosk PIN, set at the hub). */
export type StaffSession = { staffId: string; name: string };

/** What a presentation shows: the route, one region's projects, the featured projects, or what is on stage now. */
export const playlistSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('route') }).strict(),
  z.object({ kind: z.literal('featured') }).strict(),
  z.object({ kind: z.literal('region'), regionId: z.string().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('on_stage') }).strict(),
]);
export type Playlist = z.infer<typeof playlistSchema>;

/** Seconds each slide stays on screen, when staff do not choose. */
export const defaultSlideSeconds = 12;
export const slideSecondsSchema = z.number().int().min(3).max(600);

/** A running presentation. It survives a restart; at the kiosk only a staff PIN ends it. */
export type Presentation = {
  playlist: Playlist;
  intervalSeconds: number;
  /** Who started it: staff at this kiosk, a command from the hub, or the hub's schedule. */
  source: 'kiosk' | 'hub' | 'schedule';
  /** The staff member's name, the hub's staff login, or the schedule entry's id. */
  startedBy: string;
  startedAt: string;
  /** For a scheduled presentation: when it ends by itself (ISO); null otherwise. */
  endsAt: string | null;
};

/** One slide of a presentation, the same shape for every playlist so the screen has one layout. */
export type Slide = {
  /** Unique within the slides, e.g. `route_stop:<id>`. */
  key: string;
  kind: 'route_stop' | 'project' | 'session' | 'title';
  /** A short line above the title: "Stop 3 of 8", "Booth A-12", "Now · Hall 1 · 10:00–11:30". */
  badge: Bilingual;
  title: Bilingual;
  subtitle: Bilingual;
  text: Bilingual;
  image: MediaRef | null;
};

/** A message staff show on the kiosks from the hub, until `until` (ISO). */
export type Banner = { text: Bilingual; until: string };

/** A staff action at this kiosk, as logged here and sent to the hub. */
export type StaffAction = { at: string; staffName: string; action: string; detail: string };

/** Everything the staff panel shows. */
export type StaffPanel = {
  session: StaffSession;
  kiosk: {
    kioskId: string;
    name: string;
    /** The hall zone this kiosk stands in (a hall plan zone id, '' for none): the hub groups kiosks by it. */
    zone: string;
    position: { x: number; y: number } | null;
    idleSeconds: number;
    defaultLanguage: Language;
    appVersion: string;
  };
  sync: SyncStatusInfo & { deviceId: string; outbox: number; recentErrors: { at: string; text: string }[] };
  presentation: Presentation | null;
  /** Quit to the desktop for maintenance: only in the Electron shell. */
  canQuit: boolean;
  recentActions: StaffAction[];
};

const kioskName = z.string().trim().min(1).max(60);

/** One edited field's value: text, a 0/1 flag, or a media sha256 (null: no cover). */
const editValue = z.union([z.string().max(20_000), z.literal(0), z.literal(1), z.null()]);

// ---- Inputs -------------------------------------------------------------------------------------------------

const id = z.string().min(1).max(128);
const noInput = z.object({}).strict();

/** Search text longer than this is refused at the boundary; nobody types more on a kiosk keyboard. */
export const maxSearchLength = 200;

export const pageInput = {
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(100).default(24),
};

/** Every call: its input schema and, as a phantom type, its output. Names are `area.verb`. */
export const calls = {
  'kiosk.info': { input: noInput, output: {} as KioskInfo },
  /** The renderer says whether someone is using the kiosk (a visit) or it shows its attract loop (visits are counted). */
  'kiosk.activity': { input: z.object({ activity: z.enum(['attract', 'visit']) }).strict(), output: null },
  /** Counts something a visitor did (anonymous, per hour; nothing while an exhibitor or staff member is logged in). */
  'usage.record': { input: usageEvent, output: null },
  'regions.list': { input: noInput, output: {} as RegionSummary[] },
  'tags.list': { input: noInput, output: {} as TagSummary[] },
  'projects.list': {
    input: z
      .object({
        regionId: id.optional(),
        clusterId: id.optional(),
        tagId: id.optional(),
        featured: z.boolean().optional(),
        ...pageInput,
      })
      .strict(),
    output: {} as Page<ProjectCard>,
  },
  'projects.get': { input: z.object({ id }).strict(), output: {} as ProjectDetail },
  'clusters.list': { input: noInput, output: {} as Cluster[] },
  'route.get': { input: z.object({ id: id.optional() }).strict(), output: {} as Route },
  'programme.days': { input: noInput, output: {} as ProgrammeDay[] },
  'programme.nowNext': {
    input: z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict(),
    output: {} as { at: string; now: ProgrammeSession[]; next: ProgrammeSession[] },
  },
  'hall.plan': { input: noInput, output: {} as HallPlan },
  'sync.status': { input: noInput, output: {} as SyncStatusInfo },
  /** Booth number (or exhibitor id) and PIN. Errors: `unauthorized` (wrong), `rate_limited` (wait retryAfterSeconds). */
  'exhibitor.login': { input: z.object({ login: z.string().min(1).max(64), pin: z.string().min(1).max(16) }).strict(), output: {} as ExhibitorSession },
  'exhibitor.logout': { input: noInput, output: null },
  /** The session, or null when nobody is logged in (or it ended on idle). */
  'exhibitor.session': { input: noInput, output: {} as ExhibitorSession | null },
  /** Everything the logged-in exhibitor may edit. Error `unauthorized` without a session. */
  'exhibitor.entry': { input: noInput, output: {} as ExhibitorEntry },
  /**
   * Saves changed fields of one item: applied here at once and sent to the hub. Errors: `unauthorized`, `not_found`,
   * `invalid_input` with `issues` per field (path = field name, message = too_long / invalid_characters / …).
   */
  'exhibitor.save': {
    input: z
      .object({ target: z.enum(['exhibitor', 'project']), id, values: z.record(z.string().max(64), editValue) })
      .strict(),
    output: {} as EditRecord,
  },
  /** The exhibitor's edits made here, newest first. */
  'exhibitor.edits': { input: noInput, output: {} as EditRecord[] },
  /** The exhibitor's numbers (from the hub's totals, as last synced). Error `unauthorized` without a session. */
  'exhibitor.stats': { input: noInput, output: {} as ExhibitorStats },
  /** Staff PIN (hidden gesture at the kiosk). Errors: `unauthorized` (wrong PIN), `rate_limited` (wait). */
  'staff.login': { input: z.object({ pin: z.string().min(1).max(16) }).strict(), output: {} as StaffSession },
  'staff.logout': { input: noInput, output: null },
  'staff.session': { input: noInput, output: {} as StaffSession | null },
  /** The staff panel. Every `staff.*` call below needs a staff session (`unauthorized` otherwise) and is logged. */
  'staff.panel': { input: noInput, output: {} as StaffPanel },
  /** Changes the kiosk's own settings; only the fields given. */
  'staff.settings': {
    input: z
      .object({
        name: kioskName.optional(),
        zone: z.string().max(128).optional(),
        position: z.object({ x: z.number().min(0).max(100_000), y: z.number().min(0).max(100_000) }).strict().nullable().optional(),
        idleSeconds: z.number().int().min(15).max(3600).optional(),
        defaultLanguage: z.enum(['ru', 'en']).optional(),
      })
      .strict(),
    output: {} as StaffPanel,
  },
  /** Enrolls this kiosk with a hub (its address and a one-time code printed there). Error `unavailable`: why not. */
  'staff.enroll': {
    input: z.object({ hubUrl: z.string().trim().min(1).max(300), code: z.string().trim().min(4).max(64) }).strict(),
    output: {} as StaffPanel,
  },
  'staff.syncNow': { input: noInput, output: null },
  /** Reloads the kiosk's screen (event `kiosk.reload`). */
  'staff.reload': { input: noInput, output: null },
  /** Quits the app for maintenance (Electron only; `unavailable` elsewhere). */
  'staff.quit': { input: noInput, output: null },
  /** Starts a presentation (needs a staff session); replaces one already running. */
  'presentation.start': {
    input: z.object({ playlist: playlistSchema, intervalSeconds: slideSecondsSchema.default(defaultSlideSeconds) }).strict(),
    output: {} as Presentation,
  },
  /** Ends the presentation (needs a staff session). */
  'presentation.stop': { input: noInput, output: null },
  /** The running presentation, or null. */
  'presentation.current': { input: noInput, output: {} as Presentation | null },
  /** The slides of a playlist, from the local copy ([] when it has nothing to show). */
  'presentation.slides': { input: z.object({ playlist: playlistSchema }).strict(), output: {} as Slide[] },
  /** The message staff put on the kiosks from the hub, or null. */
  'kiosk.banner': { input: noInput, output: {} as Banner | null },
  search: {
    input: z
      .object({
        q: z.string().max(maxSearchLength),
        limit: z.number().int().min(1).max(50).default(20),
      })
      .strict(),
    output: {} as SearchResult,
  },
} as const;

export type CallName = keyof typeof calls;
export const callNames = Object.keys(calls) as CallName[];
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = (typeof calls)[N]['output'];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

// ---- Events -------------------------------------------------------------------------------------------------

/** Every event the core may push to the renderer, with its payload. */
export type Events = {
  /** The local catalog changed (demo content loaded, a sync page applied): refetch what is on screen. */
  'catalog.changed': { dataAsOf: string };
  /** Sync with the hub moved on (started, finished, failed, an edit is waiting). */
  'sync.status': SyncStatusInfo;
  /** A presentation started or ended (at this kiosk, from the hub or by the schedule). */
  'presentation.changed': Presentation | null;
  /** Staff changed the kiosk's settings: read kiosk.info again. */
  'kiosk.changed': KioskInfo;
  /** Staff asked for the screen to reload. */
  'kiosk.reload': Record<string, never>;
  /** A banner from the hub appeared or ended. */
  'kiosk.banner': Banner | null;
  /** The staff session ended (logout, idle, or a PIN reset at the hub). */
  'staff.ended': Record<string, never>;
};
export type EventName = keyof Events;
export const eventNames: readonly EventName[] = ['catalog.changed', 'sync.status', 'presentation.changed', 'kiosk.changed', 'kiosk.reload', 'kiosk.banner', 'staff.ended'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

// ---- Results ------------------------------------------------------------------------------------------------

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_call'
  | 'not_found'
  | 'too_large'
  | 'unavailable'
  | 'internal'
  | 'unauthorized'
  | 'rate_limited';

/** The HTTP status of each error code, for the kiosk's HTTP transport and the hub's exhibitor portal alike. */
export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_call: 404,
  not_found: 404,
  too_large: 413,
  unavailable: 503,
  internal: 500,
  unauthorized: 401,
  rate_limited: 429,
};

/** Errors cross the boundary as values; the renderer shows `code` in the visitor's language. */
export type KioskError = {
  code: ErrorCode;
  message: string;
  /** For invalid_input: which fields and why. */
  issues?: { path: string; message: string }[];
  /** For rate_limited: how long to wait before trying again. */
  retryAfterSeconds?: number;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

/** What both transports give the renderer: `window.kiosk` in Electron, an HTTP client in a browser. */
export type KioskApi = {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};
