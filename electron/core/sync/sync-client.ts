// The kiosk's sync worker: push the outbox, pull the hub's changes, carry out staff commands, report a heartbeat,
// then fetch media in the background. It runs in the core, off the UI path: network waits are async, and each page
// is one short transaction on its own database connection. All of its state is in SQLite (sync_state, outbox,
// media_queue, hub_commands), so it picks up where it stopped after kill -9.
import { randomUUID } from 'node:crypto';
import { statfsSync } from 'node:fs';
import { openDatabase, schemaVersion, type Db } from '../../../db/connection';
import { readSetting, writeSetting } from '../../../db/queries/catalog';
import type { EditableTable, SyncedTable, WireRow } from '../../../db/sync-tables';
import { syncProtocol, type Command, type Heartbeat, type MutationResult } from '../../shared/sync-protocol';
import type { MediaStore } from '../media-store';
import { applyPage, BadResponseError, checkPage, finishRebuild, startRebuild, UpgradeRequiredError, writeHubRow, reapplyPendingEdits } from './apply';
import { HubClient, SyncError } from './hub-client';
import { defaultMediaOptions, mediaBacklog, MediaSync } from './media-sync';
import { alignOrder, countPending, countPendingEdits, enqueue, markResult, pendingMutations, recordEdit, type EditAuthor, type OutboxEntry } from './outbox';
import { flushUsage, usageFlushIntervalMs } from '../usage';

export type SyncState = 'not_enrolled' | 'idle' | 'syncing' | 'offline' | 'error' | 'blocked';
export type SyncStatus = {
  state: SyncState;
  hubUrl: string;
  /** Why sync is stopped until staff act: an upgrade is needed, or the credential was revoked or is unknown. */
  blocked: '' | 'upgrade_required' | 'revoked' | 'unauthorized';
  /** Hub clock (Unix ms) of the last complete sync. */
  lastSyncAt: number | null;
  pendingEdits: number;
  mediaBacklog: number;
  lastError: string;
};

export type CommandHandler = (command: Command) => Promise<'done' | 'failed'> | 'done' | 'failed';

export type SyncClientOptions = {
  /** The kiosk database file; the worker opens its own connection to it. */
  dbFile: string;
  media: MediaStore;
  appVersion: string;
  /** Pause between cycles while all is well. */
  intervalMs?: number;
  /**
   * Between cycles the kiosk holds a watch request open at the hub (long poll) for this many seconds, so a change
   * reaches it within moments rather than at the next interval. 0 turns watching off.
   */
  watchSeconds?: number;
  /** Backoff after failures: base and cap; each wait is jittered between half and all of it. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pageSize?: number;
  mediaBudgetBytes?: number;
  mediaMaxAttempts?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The kiosk's clock: only for pacing and the lease, never for ordering. */
  now?: () => number;
  random?: () => number;
  onStatus?: (status: SyncStatus) => void;
  /** Called after pages were applied, so the renderer refetches. */
  onCatalogChanged?: (dataAsOf: string) => void;
  /** What the kiosk is doing, for heartbeats (visitor, presentation, staff…). */
  mode?: () => string;
  /** Awaited before each heartbeat: a worker asks the core for the current mode and log tail here. */
  beforeHeartbeat?: () => Promise<void>;
  logTail?: () => string[];
  log?: (line: string) => void;
};

const leaseMs = 60_000;
/** Set (in kiosk_settings) to the hub staff enrolled this kiosk with at its panel: `--hub` does not override it. */
export const panelHubKey = 'sync.panel_hub';
/** Set (in kiosk_settings) when the hub asked for a rebuild, until the hub was shown the newest answered mutation. */
const verifyOutboxKey = 'sync.verify_outbox';

/**
 * A lease names its holder as `<pid>:<uuid>`. The kiosk's database is local, so a holder whose process is gone (killed,
 * crashed, powered off) cannot be syncing: its lease is void at once instead of stalling sync for a lease length.
 */
function holderIsGone(owner: string): boolean {
  const pid = Number(/^(\d+):/.exec(owner)?.[1] ?? NaN);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

type StateRow = {
  hub_url: string;
  device_id: string;
  token: string;
  cursor: string;
  rebuild_cursor: string | null;
  last_sync_at: number | null;
  last_error: string;
  blocked: SyncStatus['blocked'];
};

/** Where sync stands, from the database and what the worker is doing (`working`: its state while enrolled). */
export function syncStatusOf(db: Db, working: SyncState): SyncStatus {
  const row = db.prepare('SELECT hub_url, token, blocked, last_sync_at, last_error FROM sync_state WHERE id = 1').get() as Pick<
    StateRow,
    'hub_url' | 'token' | 'blocked' | 'last_sync_at' | 'last_error'
  >;
  const state: SyncState = row.blocked ? 'blocked' : !row.token ? 'not_enrolled' : working;
  return {
    state,
    hubUrl: row.hub_url,
    blocked: row.blocked,
    lastSyncAt: row.last_sync_at,
    pendingEdits: countPendingEdits(db),
    mediaBacklog: mediaBacklog(db),
    lastError: row.last_error,
  };
}

/** Gives up the sync lease if `owner` holds it (a worker stopping, or the core after its worker thread died). */
export function releaseLease(db: Db, owner: string): void {
  db.prepare("UPDATE sync_state SET lock_owner = '', lock_until = 0 WHERE id = 1 AND lock_owner = ?").run(owner);
}

/** The hub's time of the newest catalog change this kiosk holds ("data as of"), '' before the first. */
export const dataAsOf = (db: Db): string => readSetting(db, 'catalog.updated_at') ?? '';

/** What the kiosk core needs of sync, whether the client runs on the core's thread or in a worker (sync-host.ts). */
export type SyncPort = {
  status(): SyncStatus;
  enroll(hubUrl: string, code: string, name?: string): Promise<void>;
  connect(hubUrl: string, enrollCode?: string, name?: string): void;
  recordEdit(table: EditableTable, id: string, values: WireRow, author: EditAuthor): OutboxEntry;
  onCommand(kind: string, handler: CommandHandler): void;
  syncNow(): void;
  unblock(): void;
  start(): void;
  stop(): Promise<void>;
  close(): void;
};

export class SyncClient implements SyncPort {
  readonly db: Db;
  /** This worker's name in the lease (`<pid>:<uuid>`). */
  readonly owner = `${process.pid}:${randomUUID()}`;
  private leaseAt = -Infinity;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly mediaSync: MediaSync;
  private readonly commandHandlers = new Map<string, CommandHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private failures = 0;
  private state: SyncState = 'idle';
  private mediaRunning: Promise<void> | null = null;
  private watching: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly startedAt = Date.now();
  private enrollTimer: NodeJS.Timeout | null = null;
  private enrollStopped = false;

  constructor(private readonly options: SyncClientOptions) {
    this.db = openDatabase(options.dbFile);
    // The hub guarantees references; a page may bring a child before the parent it is about to bring.
    this.db.pragma('foreign_keys = OFF');
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.mediaSync = new MediaSync(this.db, options.media, {
      budgetBytes: options.mediaBudgetBytes ?? defaultMediaOptions.budgetBytes,
      maxAttempts: options.mediaMaxAttempts ?? defaultMediaOptions.maxAttempts,
      now: this.now,
    });
    this.onCommand('sync_now', () => 'done');
  }

  private row(): StateRow {
    return this.db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as StateRow;
  }

  /** Registers what a staff command of this kind does on this kiosk. Unknown kinds are acknowledged "unsupported". */
  onCommand(kind: string, handler: CommandHandler): void {
    this.commandHandlers.set(kind, handler);
  }

  status(): SyncStatus {
    return syncStatusOf(this.db, this.state);
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.options.onStatus?.(this.status());
  }

  private client(): HubClient {
    const row = this.row();
    return new HubClient({
      hubUrl: row.hub_url,
      token: row.token,
      schemaVersion: schemaVersion(this.db),
      timeoutMs: this.options.timeoutMs,
      fetch: this.options.fetch,
    });
  }

  /**
   * Trades a one-time enrollment code for this kiosk's credential. A new hub or a new credential keeps the outbox:
   * edits the hub does not know yet are sent to it.
   */
  async enroll(hubUrl: string, code: string, name = ''): Promise<void> {
    const kioskId = (this.db.prepare("SELECT value FROM kiosk_settings WHERE key = 'kiosk.id'").get() as { value: string } | undefined)?.value ?? randomUUID();
    const client = new HubClient({ hubUrl, schemaVersion: schemaVersion(this.db), timeoutMs: this.options.timeoutMs, fetch: this.options.fetch });
    const answer = await client.enroll({ code, kioskId, name });
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE sync_state SET hub_url = ?, device_id = ?, token = ?, blocked = '', last_error = '' WHERE id = 1")
        .run(hubUrl, answer.deviceId, answer.token);
      alignOrder(this.db, answer.nextOrder);
      // The name given at enrollment names the kiosk, unless staff already named it at the kiosk.
      if (name.trim()) this.db.prepare("INSERT OR IGNORE INTO kiosk_settings (key, value) VALUES ('kiosk.name', ?)").run(name.trim().slice(0, 60));
    }).immediate();
    this.log(`enrolled with ${hubUrl} as ${answer.deviceId}`);
    this.options.onStatus?.(this.status());
    this.syncNow();
  }

  /**
   * Points the kiosk at a hub (`--hub`, `--enroll`). Already enrolled there: nothing to do. Otherwise it enrolls with
   * the code, trying again in the background while the hub cannot be reached (the kiosk works meanwhile).
   * Without a code, a kiosk that has a credential keeps it and only learns the hub's new address.
   */
  connect(hubUrl: string, enrollCode?: string, name = ''): void {
    const row = this.row();
    if (row.token && row.hub_url === hubUrl) return;
    // Staff enrolled this kiosk at its panel: their choice wins over the address it was launched with.
    const fromPanel = readSetting(this.db, panelHubKey);
    if (row.token && fromPanel === row.hub_url) {
      this.log(`--hub ${hubUrl} ignored: staff enrolled this kiosk with ${fromPanel} at its panel`);
      return;
    }
    if (!enrollCode) {
      this.db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run(hubUrl);
      return;
    }
    const attempt = (failures: number): void => {
      if (this.enrollStopped) return;
      this.enroll(hubUrl, enrollCode, name).catch((error: unknown) => {
        const retry = error instanceof SyncError && error.retryable;
        this.db.prepare('UPDATE sync_state SET last_error = ? WHERE id = 1').run(`Enrollment: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500));
        this.options.onStatus?.(this.status());
        this.log(`enrollment failed${retry ? ', will try again' : ''}: ${error instanceof Error ? error.message : String(error)}`);
        if (retry) this.enrollTimer = setTimeout(() => attempt(failures + 1), this.backoffFor(failures + 1));
      });
    };
    attempt(0);
  }

  /** An edit made on this kiosk: shown here at once, sent to the hub by the next cycle, which starts soon. */
  recordEdit(table: EditableTable, id: string, values: WireRow, author: EditAuthor): OutboxEntry {
    const entry = recordEdit(this.db, table, id, values, author, new Date(this.now()));
    this.options.onCatalogChanged?.(this.dataAsOf());
    this.options.onStatus?.(this.status());
    this.syncNow();
    return entry;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
    if ((this.options.watchSeconds ?? 25) > 0) this.watching = this.watchLoop();
  }

  /**
   * Holds a watch request open while sync is healthy and idle; news from the hub starts a cycle at once.
   * While a cycle runs or sync is backing off after failures, it waits instead: it never bypasses the backoff.
   */
  private async watchLoop(): Promise<void> {
    const seconds = this.options.watchSeconds ?? 25;
    let failures = 0;
    while (!this.stopped) {
      const row = this.row();
      const healthy = row.token && row.hub_url && !row.blocked && this.failures === 0 && !this.running && row.rebuild_cursor === null && row.cursor !== '';
      if (!healthy) {
        await this.pause(this.running ? 50 : 1_000);
        continue;
      }
      try {
        const answer = await this.client().watch(row.cursor, seconds, this.abort.signal);
        failures = 0;
        if (answer.changed && !this.stopped) {
          this.syncNow();
          // Let that cycle start and finish before watching again.
          await this.pause(20);
          while (this.running && !this.stopped) await this.running.catch(() => undefined);
        }
      } catch {
        failures += 1;
        await this.pause(this.backoffFor(failures));
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.abort.signal.addEventListener('abort', done);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.enrollStopped = true;
    if (this.enrollTimer) clearTimeout(this.enrollTimer);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running?.catch(() => undefined);
    await this.mediaRunning?.catch(() => undefined);
    await this.watching?.catch(() => undefined);
    releaseLease(this.db, this.owner);
    this.leaseAt = -Infinity;
  }

  close(): void {
    this.db.close();
  }

  /** Runs a cycle as soon as possible; if one is running, another follows it (an edit made during sync is sent). */
  syncNow(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runCycle();
    }, delayMs);
  }

  private async runCycle(): Promise<void> {
    if (this.running || this.stopped) return;
    this.again = false;
    this.running = this.cycle()
      .then((ok) => {
        this.failures = ok ? 0 : this.failures + 1;
      })
      .finally(() => {
        this.running = null;
      });
    await this.running;
    if (this.stopped) return;
    if (this.again) return this.schedule(0);
    this.schedule(this.failures === 0 ? (this.options.intervalMs ?? 15_000) : this.backoff());
  }

  /** Exponential backoff with jitter, so a hall of kiosks does not return to a recovering hub all at once. */
  private backoff(): number {
    return this.backoffFor(this.failures);
  }

  private backoffFor(failures: number): number {
    const base = this.options.backoffBaseMs ?? 1_000;
    const cap = this.options.backoffMaxMs ?? 60_000;
    const full = Math.min(cap, base * 2 ** Math.min(failures - 1, 30));
    return Math.round(full * (0.5 + this.random() * 0.5));
  }

  /**
   * Renews the lease during a cycle, but writes it only when half of it has passed: each write is a synced commit, and
   * a page needs none of its own. A lease lost to another worker stops this cycle.
   */
  private renewLease(): void {
    const since = this.now() - this.leaseAt;
    if (since >= 0 && since < leaseMs / 2) return;
    if (!this.takeLease()) throw new Error('Another sync worker took over the lease');
  }

  /** One worker per kiosk: a lease in the database, renewed as the cycle goes. */
  private takeLease(): boolean {
    const at = this.now();
    return this.db
      .transaction(() => {
        const holder = (this.db.prepare('SELECT lock_owner FROM sync_state WHERE id = 1').get() as { lock_owner: string }).lock_owner;
        const gone = holder !== '' && holder !== this.owner && holderIsGone(holder);
        const result = this.db
          .prepare(
            `UPDATE sync_state SET lock_owner = ?, lock_until = ?
             WHERE id = 1 AND (? OR lock_owner = '' OR lock_owner = ? OR lock_until < ? OR lock_until > ?)`,
          )
          // A lease further ahead than one lease length was taken under a clock that has since jumped back: stale.
          .run(this.owner, at + leaseMs, gone ? 1 : 0, this.owner, at, at + leaseMs);
        if (result.changes === 1) this.leaseAt = at;
        return result.changes === 1;
      })
      .immediate();
  }

  private lastUsageFlush = 0;

  /** Usage counts join the outbox now and then (not every cycle: each flush is one mutation kept in the outbox). */
  private flushUsageCounts(): void {
    const at = this.now();
    if (at - this.lastUsageFlush < usageFlushIntervalMs && at >= this.lastUsageFlush) return;
    this.lastUsageFlush = at;
    flushUsage(this.db, (kind, payload, id) => enqueue(this.db, kind, payload, new Date(at), id, null));
  }

  /** One full cycle; resolves true when the hub was reached and everything went through. Never throws. */
  async cycle(): Promise<boolean> {
    const row = this.row();
    if (!row.token || !row.hub_url || row.blocked) {
      this.options.onStatus?.(this.status());
      return true;
    }
    if (!this.takeLease()) {
      this.log('another sync worker holds the lease; skipping this cycle');
      return true;
    }
    this.setState('syncing');
    const client = this.client();
    try {
      this.flushUsageCounts();
      await this.push(client);
      let hubNow = await this.pull(client);
      if (readSetting(this.db, verifyOutboxKey) !== null && (await this.verifyOutbox(client))) hubNow = await this.pull(client);
      await this.runCommands(client, hubNow);
      await this.sendHeartbeat(client);
      this.db.prepare("UPDATE sync_state SET last_error = '' WHERE id = 1").run();
      this.setState('idle');
      this.startMedia(client);
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    let blocked: SyncStatus['blocked'] = '';
    if (error instanceof UpgradeRequiredError || (error instanceof SyncError && error.kind === 'upgrade_required')) blocked = 'upgrade_required';
    if (error instanceof SyncError && (error.kind === 'revoked' || error.kind === 'unauthorized')) blocked = error.kind;
    this.db.prepare('UPDATE sync_state SET last_error = ?, blocked = ? WHERE id = 1').run(message.slice(0, 500), blocked);
    this.log(`sync failed: ${message}`);
    const offline = error instanceof SyncError && error.kind === 'network';
    this.setState(blocked ? 'blocked' : offline ? 'offline' : 'error');
  }

  /** Clears a stop that needed staff (after an upgrade or re-enrollment), and syncs. */
  unblock(): void {
    this.db.prepare("UPDATE sync_state SET blocked = '' WHERE id = 1").run();
    this.syncNow();
  }

  private async push(client: HubClient): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const batch = pendingMutations(this.db, 100);
      if (batch.length === 0) return;
      this.renewLease();
      const answer = await client.push(batch);
      this.storeResults(answer.results);
      if (answer.expectedOrder !== undefined) {
        const changed = this.align(answer.expectedOrder);
        if (!changed && answer.results.length === 0) {
          throw new BadResponseError(`The hub expects mutation ${answer.expectedOrder}, which this kiosk cannot provide`);
        }
      }
    }
  }

  private storeResults(results: readonly MutationResult[]): void {
    this.db.transaction(() => {
      for (const result of results) {
        markResult(this.db, result);
        if (result.row) {
          writeHubRow(this.db, result.row.t as SyncedTable, result.row.k, result.row.seq, result.row.row);
          reapplyPendingEdits(this.db, new Set([`${result.row.t}\u0000${result.row.k}`]));
        }
      }
    }).immediate();
    if (results.some((r) => r.status !== 'applied')) this.options.onCatalogChanged?.(this.dataAsOf());
  }

  /** Follows the hub's expected order; edits queued again (the hub lost them) show here again until it has them. */
  private align(expectedOrder: number): boolean {
    return this.db.transaction(() => {
      const changed = alignOrder(this.db, expectedOrder);
      if (changed) reapplyPendingEdits(this.db, null);
      return changed;
    }).immediate();
  }

  /**
   * After a reset the hub may have lost mutations it had answered (it was restored from a backup). With nothing
   * pending, no push would reveal that, so the newest answered mutation is sent again: a hub that has it answers from
   * its stored result; one that lost it applies it (it was next) or says which order it expects, and everything
   * from there is sent again. Returns true when mutations were sent again.
   */
  private async verifyOutbox(client: HubClient): Promise<boolean> {
    const newest = this.db.prepare("SELECT order_no, id, kind, payload FROM outbox WHERE status != 'pending' ORDER BY order_no DESC LIMIT 1").get() as
      | { order_no: number; id: string; kind: string; payload: string }
      | undefined;
    let resent = false;
    if (newest && countPending(this.db) === 0) {
      this.renewLease();
      const answer = await client.push([{ id: newest.id, order: newest.order_no, kind: newest.kind, payload: JSON.parse(newest.payload) as Record<string, unknown> }]);
      this.storeResults(answer.results);
      resent = answer.results.some((r) => !r.replayed);
      if (answer.expectedOrder !== undefined && this.align(answer.expectedOrder)) {
        await this.push(client);
        resent = true;
      }
    }
    this.db.prepare('DELETE FROM kiosk_settings WHERE key = ?').run(verifyOutboxKey);
    return resent;
  }

  /** Pulls until the hub has nothing more; returns the hub's clock from the last answer. */
  private async pull(client: HubClient): Promise<number> {
    const pageSize = this.options.pageSize ?? 500;
    let applied = 0;
    let resets = 0;
    for (;;) {
      this.renewLease();
      const row = this.row();
      let rebuilding = row.rebuild_cursor !== null;
      if (!rebuilding && row.cursor === '') {
        startRebuild(this.db);
        rebuilding = true;
      }
      const cursor = rebuilding ? (this.row().rebuild_cursor ?? '') : row.cursor;
      const answer = await client.pull(cursor, pageSize);
      const hubNow = answer.now;
      if (answer.kind === 'reset') {
        if (rebuilding && cursor === '') throw new BadResponseError('The hub asked to start over from the beginning');
        // Never a hot loop of rebuilds: after a second reset in one pull, back off and try again later.
        if (++resets > 1) throw new BadResponseError(`The hub asked again to start over (${answer.reason})`);
        this.log(`the hub asked for a rebuild (${answer.reason})`);
        this.db.transaction(() => {
          startRebuild(this.db);
          writeSetting(this.db, verifyOutboxKey, answer.reason);
        }).immediate();
        continue;
      }
      checkPage(answer.changes, 0);
      applied += applyPage(this.db, answer.changes, answer.cursor, rebuilding, (sha) => this.options.media.has(sha));
      this.storeCommands(answer.commands, answer.now);
      if (answer.more) continue;
      if (rebuilding) finishRebuild(this.db);
      this.db.prepare('UPDATE sync_state SET last_sync_at = ? WHERE id = 1').run(hubNow);
      writeSetting(this.db, 'catalog.updated_at', new Date(hubNow).toISOString());
      if (applied > 0 || rebuilding) {
        this.options.onCatalogChanged?.(this.dataAsOf());
        this.log(`applied ${applied} changes`);
      }
      return hubNow;
    }
  }

  private dataAsOf(): string {
    return dataAsOf(this.db);
  }

  private storeCommands(commands: readonly Command[], hubNow: number): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO hub_commands (id, kind, payload, expires_at, received_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const c of commands) insert.run(c.id, c.kind, JSON.stringify(c.payload), c.expiresAt, hubNow);
    }).immediate();
  }

  /**
   * Carries out received commands, each at most once, judged by the hub's clock: one that expired before it could
   * run is acknowledged "expired" and does nothing. Then acknowledges everything not yet acknowledged.
   */
  private async runCommands(client: HubClient, hubNow: number): Promise<void> {
    const waiting = this.db.prepare('SELECT id, kind, payload, expires_at FROM hub_commands WHERE outcome IS NULL ORDER BY id').all() as {
      id: number;
      kind: string;
      payload: string;
      expires_at: number;
    }[];
    const record = this.db.prepare('UPDATE hub_commands SET outcome = ?, detail = ? WHERE id = ?');
    for (const c of waiting) {
      if (c.expires_at <= hubNow) {
        record.run('expired', 'received after it expired', c.id);
        continue;
      }
      const handler = this.commandHandlers.get(c.kind);
      if (!handler) {
        record.run('unsupported', `this kiosk does not know "${c.kind}"`, c.id);
        continue;
      }
      // Marked before it runs: a crash mid-way must not make it run twice.
      record.run('failed', 'interrupted', c.id);
      try {
        const command: Command = { id: c.id, kind: c.kind, payload: JSON.parse(c.payload) as Record<string, unknown>, expiresAt: c.expires_at, issuedAt: 0 };
        record.run(await handler(command), '', c.id);
      } catch (error) {
        record.run('failed', error instanceof Error ? error.message.slice(0, 500) : String(error), c.id);
      }
    }
    const unacked = this.db.prepare('SELECT id, outcome, detail FROM hub_commands WHERE outcome IS NOT NULL AND acked = 0 ORDER BY id LIMIT 500').all() as {
      id: number;
      outcome: 'done' | 'expired' | 'failed' | 'unsupported';
      detail: string;
    }[];
    if (unacked.length === 0) return;
    await client.ack(unacked.map((c) => ({ id: c.id, outcome: c.outcome, detail: c.detail })));
    const mark = this.db.prepare('UPDATE hub_commands SET acked = 1 WHERE id = ?');
    this.db.transaction(() => unacked.forEach((c) => mark.run(c.id))).immediate();
  }

  heartbeat(): Heartbeat {
    const row = this.row();
    let diskFreeBytes: number | null;
    try {
      const fs = statfsSync(this.options.media.dir);
      diskFreeBytes = fs.bavail * fs.bsize;
    } catch {
      diskFreeBytes = null;
    }
    return {
      appVersion: this.options.appVersion,
      schemaVersion: schemaVersion(this.db),
      protocol: syncProtocol,
      lastSyncAt: row.last_sync_at,
      outbox: countPending(this.db),
      mediaBacklog: mediaBacklog(this.db),
      diskFreeBytes,
      memoryRssBytes: process.memoryUsage().rss,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      mode: this.options.mode?.() ?? 'visitor',
      name: (readSetting(this.db, 'kiosk.name') ?? '').slice(0, 120),
      zone: (readSetting(this.db, 'kiosk.zone') ?? '').slice(0, 128),
      lastError: row.last_error ? row.last_error.slice(0, 500) : null,
      kioskClock: Math.round(this.now()),
      logTail: (this.options.logTail?.() ?? []).slice(-50).map((line) => line.slice(0, 500)),
    };
  }

  private async sendHeartbeat(client: HubClient): Promise<void> {
    await this.options.beforeHeartbeat?.().catch(() => undefined);
    await client.heartbeat(this.heartbeat());
  }

  /** Media downloads run after record sync, one batch at a time, and never hold record sync up. */
  private startMedia(client: HubClient): void {
    if (this.mediaRunning) return;
    this.mediaRunning = this.mediaSync
      .run(client, this.abort.signal)
      .then((result) => {
        if (result.downloaded > 0) this.options.onCatalogChanged?.(this.dataAsOf());
        if (result.downloaded > 0 || result.failed > 0) this.options.onStatus?.(this.status());
      })
      .catch((error: unknown) => this.log(`media download stopped: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.mediaRunning = null;
      });
  }

  /** Resolves when the current media downloads finish (for tests and benchmarks). */
  async mediaIdle(): Promise<void> {
    await this.mediaRunning;
  }

  private log(line: string): void {
    this.options.log?.(`[sync] ${line}`);
  }
}
