import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { loadDemoContent, type DemoOptions } from '../../db/demo/generate';
import { catalogIsEmpty, readSetting, writeSetting } from '../../db/queries/catalog';
import { createDispatch, joinHandlers, type Dispatch } from './dispatch';
import { EventHub } from './events';
import { catalogHandlers } from './handlers/catalog';
import { kioskHandlers } from './handlers/kiosk';
import { searchHandlers } from './handlers/search';
import { MediaStore } from './media-store';

export type KioskCoreOptions = {
  /** The kiosk's data folder: kiosk.db and media/. Created on first run. */
  dataDir: string;
  appVersion: string;
  /** Demo content loaded into an empty catalog on first run; `false` keeps it empty (real content comes by sync). */
  demo?: DemoOptions | false;
  /** Overrides the default idle timeout (seconds) for this run, e.g. `--idle-seconds` in tests. */
  idleSeconds?: number;
  now?: () => Date;
};

export type KioskCore = {
  readonly dataDir: string;
  readonly db: Db;
  readonly media: MediaStore;
  readonly events: EventHub;
  /** The one entry point of both transports. */
  readonly dispatch: Dispatch;
  close(): void;
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

  const handlers = joinHandlers(
    kioskHandlers({ db, appVersion: options.appVersion, idleSeconds: options.idleSeconds }),
    catalogHandlers({ db, now }),
    searchHandlers({ db }),
  );

  return {
    dataDir: options.dataDir,
    db,
    media,
    events,
    dispatch: createDispatch(handlers),
    close: () => db.close(),
  };
}
