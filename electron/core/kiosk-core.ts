import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../../db/connection';
import { checkDataFolder, DatabaseBackups, markCleanExit, openKioskDatabase } from './db-guard';
import { loadDemoContent, type DemoOptions } from '../../db/demo/generate';
import { catalogIsEmpty, readSetting, writeSetting } from '../../db/queries/catalog';
import { createDispatch, joinHandlers, type Dispatch } from './dispatch';
import { EventHub } from './events';
import { catalogHandlers } from './handlers/catalog';
import { exhibitorHandlers } from './handlers/exhibitor';
import { kioskHandlers, readKioskInfo } from './handlers/kiosk';
import { playlistText, registerStaffCommands, staffHandlers } from './handlers/staff';
import { Presentations } from './presentation';
import type { KioskInfo } from '../shared/contract';
import { searchHandlers } from './handlers/search';
import { syncHandlers, toStatusInfo } from './handlers/sync';
import { KioskLog } from './log';
import { MediaStore } from './media-store';
import { SyncClient, type SyncClientOptions, type SyncPort, type SyncStatus } from './sync/sync-client';
import { SyncWorkerHost } from './sync/sync-host';
import type { WorkerSyncOptions } from './sync/worker-messages';
import { UsageCounter } from './usage';

export type KioskCoreOptions = {
  /** The kiosk's data folder: kiosk.db and media/. Created on first run. */
  dataDir: string;
  appVersion: string;
  /** Demo content loaded into an empty catalog on first run; `false` keeps it empty (real content comes by sync). */
  demo?: DemoOptions | false;
  /** Overrides the default idle timeout (seconds) for this run, e.g. `--idle-seconds` in tests. */
  idleSeconds?: number;
  now?: () => Date;
  /** The kiosk's log; by default <data>/logs/kiosk.log. The Electron shell passes the one it already writes to. */
  log?: KioskLog;
  /** Quits the app for maintenance (staff panel); only the Electron shell passes one. */
  quit?: () => void;
  /**
   * The built sync worker script (sync-worker.js): sync then runs in a worker thread, off the thread that answers the
   * screen. Without it, sync runs on the core's thread (tests that drive sync step by step).
   */
  syncWorker?: string;
  /** Sync worker settings (interval, backoff, media budget; `fetch` for tests). The worker starts with `start()`. */
  sync?: Partial<Omit<SyncClientOptions, 'dbFile' | 'media' | 'appVersion' | 'onStatus' | 'onCatalogChanged'>>;
};

export type KioskActivity = 'attract' | 'visit';

/** How often a running kiosk copies its database to `<data>/backups/` (the last three are kept). */
export const backupIntervalMs = 30 * 60_000;

/** The sync settings that can cross into a worker thread (functions such as a test's clock cannot). */
function workerSyncOptions(sync: NonNullable<KioskCoreOptions['sync']>): WorkerSyncOptions {
  const { intervalMs, watchSeconds, backoffBaseMs, backoffMaxMs, pageSize, mediaBudgetBytes, mediaMaxAttempts, timeoutMs } = sync;
  const picked = { intervalMs, watchSeconds, backoffBaseMs, backoffMaxMs, pageSize, mediaBudgetBytes, mediaMaxAttempts, timeoutMs };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined));
}

export type KioskCore<S extends SyncPort = SyncClient> = {
  readonly dataDir: string;
  readonly db: Db;
  readonly media: MediaStore;
  readonly events: EventHub;
  /** Sync with the hub; idle until the kiosk is enrolled. */
  readonly sync: S;
  /** <data>/logs/kiosk.log, rotated; its tail travels in heartbeats. */
  readonly log: KioskLog;
  /** What the screen is doing, as the renderer reported it: the shell restarts or updates only when no one is using it. */
  readonly activity: () => KioskActivity;
  /** The running presentation, if any: the shell never updates or restarts during one. */
  readonly presenting: () => boolean;
  /** The one entry point of both transports. */
  readonly dispatch: Dispatch;
  /** Starts background work (sync, backups). Tests and tools that only read the catalog need not call it. */
  start(): void;
  /** Takes a checked backup of the database now (also done every half hour once started). */
  backup(): Promise<string | null>;
  close(): Promise<void>;
};

/** Opens the kiosk's local state and builds the handler table. Plain Node: never imports electron. */
export function createKioskCore(options: KioskCoreOptions & { syncWorker: string }): KioskCore<SyncPort>;
export function createKioskCore(options: KioskCoreOptions & { syncWorker?: undefined }): KioskCore;
export function createKioskCore(options: KioskCoreOptions): KioskCore<SyncPort> {
  checkDataFolder(options.dataDir);
  const { db, recovery } = openKioskDatabase(options.dataDir, (options.now ?? (() => new Date()))());
  const media = new MediaStore(join(options.dataDir, 'media'));
  const events = new EventHub();
  const now = options.now ?? (() => new Date());

  try {
    if (!readSetting(db, 'kiosk.id')) writeSetting(db, 'kiosk.id', randomUUID());
    if (options.demo !== false && catalogIsEmpty(db)) {
      loadDemoContent(db, media, options.demo ?? {});
    }
  } catch (error) {
    db.close();
    throw error;
  }

  const log = options.log ?? new KioskLog({ dir: join(options.dataDir, 'logs') });
  if (recovery) {
    // Staff must learn of it: the log's tail travels to the hub in heartbeats, and kiosk info carries the notice.
    log.write('error', `database damaged (${recovery.problem}); moved to ${recovery.keptAs}; ${recovery.restoredFrom ? `restored from backup ${recovery.restoredFrom}` : 'no good backup: started from an empty database'}`);
    writeSetting(db, 'recovery.notice', JSON.stringify(recovery));
  }
  let damageSeen = false;
  const backups = new DatabaseBackups(db, join(options.dataDir, 'backups'));
  let backupTimer: NodeJS.Timeout | null = null;
  const backupNow = () => {
    backups.take(now()).catch((error: unknown) => log.write('warn', `backup failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  let activity: KioskActivity = 'attract';
  const mode = () => (presentations.current() ? 'presentation' : staff.active() ? 'staff' : exhibitors.active() ? 'exhibitor' : activity === 'visit' ? 'visitor' : 'attract');
  const onCatalogChanged = (dataAsOf: string) => {
    events.emit('catalog.changed', { dataAsOf });
    // New staff or exhibitor PINs, or a new schedule, may have arrived with the page.
    try {
      staff.checkCredentials();
      exhibitors.checkCredentials();
    } catch (error) {
      log.write('warn', `credentials not checked after sync: ${error instanceof Error ? error.message : String(error)}`);
    }
    presentations.tick();
  };
  const onStatus = (status: SyncStatus) => events.emit('sync.status', toStatusInfo(status));
  const dbFile = join(options.dataDir, 'kiosk.db');
  const sync: SyncPort = options.syncWorker
    ? new SyncWorkerHost({
        script: options.syncWorker,
        db,
        dbFile,
        mediaDir: media.dir,
        appVersion: options.appVersion,
        options: workerSyncOptions(options.sync ?? {}),
        mode,
        logTail: () => log.tail(),
        log: (line) => log.write('info', line),
        onStatus,
        onCatalogChanged,
      })
    : new SyncClient({
        log: (line) => log.write('info', line),
        logTail: () => log.tail(),
        mode,
        ...options.sync,
        dbFile,
        media,
        appVersion: options.appVersion,
        onStatus,
        onCatalogChanged,
      });

  const exhibitors = exhibitorHandlers({ db, sync, now, log: (line) => log.write('info', line) });
  // `--idle-seconds` holds for this run until staff choose an idle timeout at the kiosk.
  let idleOverride = options.idleSeconds;
  const kioskInfo = () => readKioskInfo(db, options.appVersion, idleOverride);
  const presentations = new Presentations(
    db,
    now,
    {
      changed: (presentation) => {
        log.write('info', `[staff] presentation ${presentation ? `started (${presentation.source}: ${playlistText(presentation.playlist)})` : 'ended'}`);
        events.emit('presentation.changed', presentation);
      },
      banner: (banner) => events.emit('kiosk.banner', banner),
    },
    () => exhibitors.active() || staff.active(),
    (line) => log.write('warn', `[staff] ${line}`),
  );
  const emit = {
    kioskChanged: (info: KioskInfo) => events.emit('kiosk.changed', info),
    reload: () => events.emit('kiosk.reload', {}),
    staffEnded: () => events.emit('staff.ended', {}),
  };
  registerStaffCommands({ db, sync, presentations, emit, now, log, inUse: () => exhibitors.active() || staff.active() });
  const staff = staffHandlers({
    db,
    sync,
    presentations,
    log,
    now,
    appVersion: options.appVersion,
    kioskInfo,
    idleChanged: () => {
      idleOverride = undefined;
    },
    emit,
    quit: options.quit,
  });
  const usage = new UsageCounter(db, now, () => exhibitors.active() || staff.active() || presentations.current() !== null);
  const handlers = joinHandlers(
    kioskHandlers({
      kioskInfo,
      recordUsage: (event) => usage.record(event),
      setActivity: (next) => {
        activity = next;
        // The attract loop means nobody is at the screen: an exhibitor or staff member who walked away is logged out
        // (first: a disk that fails to count the visit must not keep a session open).
        if (next === 'attract') {
          exhibitors.end();
          staff.end();
        }
        usage.activity(next);
      },
    }),
    exhibitors.handlers,
    staff.handlers,
    catalogHandlers({ db, now }),
    searchHandlers({ db }),
    syncHandlers({ sync }),
  );

  return {
    dataDir: options.dataDir,
    db,
    media,
    events,
    sync,
    log,
    activity: () => activity,
    presenting: () => presentations.current() !== null,
    dispatch: createDispatch(handlers, {
      onStorageDamage: () => {
        if (!damageSeen) log.write('error', 'database damage met during a call; the next start checks and repairs it');
        damageSeen = true;
      },
    }),
    start: () => {
      sync.start();
      presentations.startSchedule();
      if (backupTimer) return;
      const newest = backups.newest();
      if (newest === null || now().getTime() - newest > backupIntervalMs) backupNow();
      backupTimer = setInterval(backupNow, backupIntervalMs);
      backupTimer.unref();
    },
    backup: () => backups.take(now()),
    close: async () => {
      if (backupTimer) {
        // A kiosk shut down in order leaves its freshest state in a backup.
        clearInterval(backupTimer);
        await backups.take(now()).catch(() => null);
      }
      presentations.close();
      staff.close();
      await sync.stop();
      sync.close();
      db.close();
      markCleanExit(options.dataDir, damageSeen);
    },
  };
}
