// The Electron shell: a thin wrapper around the kiosk core. It owns the window, the `app://kiosk` protocol, the IPC
// transport and the self-healing (watchdog.ts), shortcuts (shortcuts.ts) and updates (updater.ts); everything the
// kiosk knows or does lives in electron/core, which never imports electron.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { app, type BrowserWindow, Menu, powerSaveBlocker, session } from 'electron';
import electronUpdater from 'electron-updater';
import { createAssetServer, type AssetServer } from '../core/assets';
import { createKioskCore, type KioskCore } from '../core/kiosk-core';
import { kioskChromiumSwitches } from '../shared/chromium-switches';
import type { SyncPort } from '../core/sync/sync-client';
import { KioskLog } from '../core/log';
import { blockRemoteRequests, denyAllPermissions, guardWebContents } from './guards';
import { serveIpc } from './ipc-transport';
import { parseShellArgs } from './options';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { guardShortcuts } from './shortcuts';
import { createUpdateController, type UpdateController } from './updater';
import { isQuietHour, memoryVerdict, planRelaunch, ShellStateFile, stateAtStart, superviseGpu, superviseRenderer, defaultPolicy } from './watchdog';
import { createKioskWindow } from './window';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/ (see electron.vite.config.ts).
const outDir = join(import.meta.dirname, '..');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const rendererDir = join(outDir, 'renderer');

/** Passed to our own relaunches, so a crash loop can be told apart from a start by a person or the OS. */
const relaunchFlag = '--relaunched';
/** Local hours in which the kiosk may restart itself or install an update when nobody is using it. */
const quietHours: [number, number] = [3, 5];
const maintenanceEveryMs = 60_000;

const options = parseShellArgs(process.argv.slice(1), process.env);
for (const warning of options.warnings) console.warn(`[shell] ${warning}`);

// An explicit data folder is a separate kiosk: its own Chromium profile and its own single-instance lock, so a
// test run or a second data set never collides with the kiosk already running on this machine.
if (options.dataDir) app.setPath('userData', join(options.dataDir, 'electron-profile'));
const dataDir = options.dataDir ?? join(app.getPath('userData'), 'kiosk-data');

const log = new KioskLog({ dir: join(dataDir, 'logs') });
log.captureConsole();

const stateFile = new ShellStateFile(join(dataDir, 'shell-state.json'));

// Everything below must happen before `ready`.
registerAppScheme();
app.enableSandbox();
for (const [name, value] of kioskChromiumSwitches(availableParallelism())) app.commandLine.appendSwitch(name, value);
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

if (app.requestSingleInstanceLock()) {
  // Only the instance that runs touches the crash history (a second launch must not reset the first one's).
  stateFile.save(stateAtStart(stateFile.load(), process.argv.includes(relaunchFlag)));
  // After repeated GPU crashes the previous run asked for software rendering (must be decided before `ready`).
  if (stateFile.load().softwareRendering) {
    console.warn('[shell] starting without hardware acceleration after repeated GPU crashes');
    app.disableHardwareAcceleration();
  }
  start();
} else {
  // Another kiosk already runs on this data; it gets focus through `second-instance`.
  app.quit();
}

/** Restarts the app (not counted as a crash): a nightly restart, memory, an update. */
function restart(reason: string): void {
  console.warn(`[shell] restarting: ${reason}`);
  app.relaunch({ args: process.argv.slice(1).filter((arg) => arg !== relaunchFlag) });
  app.exit(0);
}

function start(): void {
  let kioskWindow: BrowserWindow | null = null;
  let core: KioskCore<SyncPort> | null = null;
  let assets: AssetServer | null = null;
  let outOfOrder = false;
  let stopIpc: (() => void) | null = null;
  let allowQuit = false;
  let updates: UpdateController | null = null;

  /** Recovery by relaunch, counted: too many in a short time is a crash loop, answered by a calm notice. */
  const relaunch = (reason: string): void => {
    const plan = planRelaunch(stateFile.load(), Date.now(), reason, defaultPolicy);
    stateFile.save(plan.state);
    if (plan.action === 'out-of-order') {
      console.error(`[shell] crash loop (${reason}); showing the out-of-order notice instead of relaunching`);
      outOfOrder = true;
      if (kioskWindow && !kioskWindow.isDestroyed()) kioskWindow.webContents.reload();
      return;
    }
    console.warn(`[shell] relaunching: ${reason}`);
    app.relaunch({ args: [...process.argv.slice(1).filter((arg) => arg !== relaunchFlag), relaunchFlag] });
    app.exit(0);
  };

  app.on('second-instance', () => {
    if (!kioskWindow || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.show();
    kioskWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());
  // Quitting on purpose (staff, OS shutdown, an update) lets the window close; Alt+F4 and the like do not.
  app.on('before-quit', () => {
    allowQuit = true;
  });

  app.on('will-quit', () => {
    stopIpc?.();
    stopIpc = null;
    void core?.close();
    core = null;
  });

  superviseGpu({ app, state: stateFile, relaunch, now: Date.now, log: (line) => console.warn(`[shell] ${line}`) });

  app
    .whenReady()
    .then(() => {
      try {
        // Staff quit to the desktop for maintenance from the staff panel (logged with who and when).
        core = createKioskCore({
          dataDir,
          appVersion: app.getVersion(),
          idleSeconds: options.idleSeconds,
          log,
          quit: () => app.quit(),
          // Sync in a worker thread: pages, SQLite writes and media hashing stay off the thread that answers the screen.
          syncWorker: join(import.meta.dirname, 'sync-worker.js'),
        });
        if (options.hub) core.sync.connect(options.hub, options.enroll);
        core.start();
        assets = createAssetServer({ rendererDir, db: core.db, media: core.media });
      } catch (error) {
        // E.g. a database written by a newer version: show staff a notice rather than crash-looping.
        console.error(`[shell] the kiosk core could not open ${dataDir}`, error);
      }

      // No menu means no default accelerators either: no Ctrl+R reload, Ctrl +/- zoom or Ctrl+Shift+I devtools.
      // Set after `ready`, where older Electron versions insist on it and the default menu can no longer win.
      Menu.setApplicationMenu(null);
      denyAllPermissions(session.defaultSession);
      blockRemoteRequests(session.defaultSession);
      handleAppProtocol(() => (outOfOrder ? null : assets));
      powerSaveBlocker.start('prevent-display-sleep');

      const window = createKioskWindow({ preloadPath, windowed: options.windowed, devTools: !app.isPackaged });
      kioskWindow = window;
      window.on('close', (event) => {
        if (!allowQuit) event.preventDefault();
      });
      stopIpc = serveIpc({ window, core });
      superviseRenderer({ contents: window.webContents, window, relaunch, now: Date.now, log: (line) => console.warn(`[shell] ${line}`) });
      guardShortcuts({ contents: window.webContents, quit: () => app.quit(), log: (line) => console.warn(`[shell] ${line}`) });

      // Nobody at the screen and no presentation running: the only time to reload, restart or update.
      const idle = () => core?.activity() === 'attract' && !core.presenting();
      if (app.isPackaged) {
        updates = createUpdateController({
          updater: electronUpdater.autoUpdater,
          hubUrl: () => core?.sync.status().hubUrl || null,
          isIdle: idle,
          isQuietTime: () => isQuietHour(new Date(), quietHours),
          now: Date.now,
          log: (line) => console.log(`[updater] ${line}`),
        });
      }
      core?.sync.onCommand('install_update', () => {
        const outcome = updates?.installNow() ?? 'not-packaged';
        if (outcome === 'installing') return 'done';
        // The hub shows why: staff can send it again later.
        throw new Error(
          { busy: 'the kiosk is in use or already installing', 'nothing-downloaded': 'no update has been downloaded yet', 'not-packaged': 'this build does not update itself' }[outcome],
        );
      });
      core?.sync.onCommand('reload', () => {
        if (!window.isDestroyed()) window.webContents.reload();
        return 'done';
      });

      // Maintenance, once a minute: memory, the nightly restart, updates — only when nobody is using the kiosk.
      const startedAt = Date.now();
      setInterval(() => {
        updates?.tick();
        if (!idle() || window.isDestroyed()) return;
        const verdict = memoryVerdict(app.getAppMetrics());
        if (verdict === 'relaunch') return restart('memory use above the limit');
        if (verdict === 'reload') {
          console.warn('[shell] renderer memory above the limit: reloading');
          window.webContents.reload();
          return;
        }
        if (isQuietHour(new Date(), quietHours) && Date.now() - startedAt > 6 * 60 * 60_000) restart('nightly restart');
      }, maintenanceEveryMs).unref();
    })
    .catch((error: unknown) => {
      console.error('[shell] start-up failed', error);
      app.exit(1);
    });
}
