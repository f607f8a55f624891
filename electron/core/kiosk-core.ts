import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { loadDemoContent, type DemoOptions } from '../../db/demo/generate';
import { catalogIsEmpty, readSetting, writeSetting } from '../../db/queries/catalog';
import { createDispatch, joinHandlers, type Dispatch } from './dispatch';
import { EventHub } from './events';
import { catalogHandlers } from './handlers/catalog';
import { exhibitorHandlers } from './handlers/exhibitor';
import { kioskHandlers } from './handlers/kiosk';
import { searchHandlers } from './handlers/search';
import { syncHandlers, toStatusInfo } from './handlers/sync';
import { KioskLog } from './log';
import { MediaStore } from './media-store';
import { SyncClient, type SyncClientOptions } from './sync/sync-client';

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
  /** Sync worker settings (interval, backoff, media budget; `fetch` for tests). The worker starts with `start()`. */
  sync?: Partial<Omit<SyncClientOptions, 'dbFile' | 'media' | 'appVersion' | 'onStatus' | 'onCatalogChanged'>>;
};

export type KioskActivity = 'attract' | 'visit';

export type KioskCore = {
  readonly dataDir: string;
  readonly db: Db;
  readonly media: MediaStore;
  readonly events: EventHub;
  /** Sync with the hub; idle until the kiosk is enrolled. */
  readonly sync: SyncClient;
  /** <data>/logs/kiosk.log, rotated; its tail travels in heartbeats. */
  readonly log: KioskLog;
  /** What the screen is doing, as the renderer reported it: the shell restarts or updates only when no one is using it. */
  readonly activity: () => KioskActivity;
  /** The one entry point of both transports. */
  readonly dispatch: Dispatch;
  /** Starts background work (sync). Tests and tools that only read the catalog need not call it. */
  start(): void;
  close(): Promise<void>;
};

/** Opens the kiosk's local state and builds the handler table. Plain Node: never imports electron. */
export function createKioskCore(options: KioskCoreOptions): KioskCore {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'kiosk.db'));
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
  let activity: KioskActivity = 'attract';
  const sync = new SyncClient({
    log: (line) => log.write('info', line),
    logTail: () => log.tail(),
    mode: () => activity,
    ...options.sync,
    dbFile: join(options.dataDir, 'kiosk.db'),
    media,
    appVersion: options.appVersion,
    onStatus: (status) => events.emit('sync.status', toStatusInfo(status)),
    onCatalogChanged: (dataAsOf) => events.emit('catalog.changed', { dataAsOf }),
  });

  const exhibitors = exhibitorHandlers({ db, sync, now, log: (line) => log.write('info', line) });
  const handlers = joinHandlers(
    kioskHandlers({
      db,
      appVersion: options.appVersion,
      idleSeconds: options.idleSeconds,
      setActivity: (next) => {
        activity = next;
        // The attract loop means nobody is at the screen: an exhibitor who walked away is logged out.
        if (next === 'attract') exhibitors.end();
      },
    }),
    exhibitors.handlers,
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
    dispatch: createDispatch(handlers),
    start: () => sync.start(),
    close: async () => {
      await sync.stop();
      sync.close();
      db.close();
    },
  };
}
