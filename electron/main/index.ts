// The Electron shell: a thin wrapper around the kiosk core. It owns the window, the `app://kiosk` protocol and the
// IPC transport; everything the kiosk knows or does lives in electron/core, which never imports electron.
import { join } from 'node:path';
import { app, type BrowserWindow, Menu, powerSaveBlocker, session } from 'electron';
import { createAssetServer } from '../core/assets';
import { createKioskCore, type KioskCore } from '../core/kiosk-core';
import { denyAllPermissions, guardWebContents } from './guards';
import { serveIpc } from './ipc-transport';
import { parseShellArgs } from './options';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { createKioskWindow } from './window';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/ (see electron.vite.config.ts).
const outDir = join(import.meta.dirname, '..');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const rendererDir = join(outDir, 'renderer');

const options = parseShellArgs(process.argv.slice(1), process.env);
for (const warning of options.warnings) console.warn(`[shell] ${warning}`);

// An explicit data folder is a separate kiosk: its own Chromium profile and its own single-instance lock, so a
// test run or a second data set never collides with the kiosk already running on this machine.
if (options.dataDir) app.setPath('userData', join(options.dataDir, 'electron-profile'));

// Everything below must happen before `ready`.
registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another kiosk already runs on this data; it gets focus through `second-instance`.
  app.quit();
}

function start(): void {
  let kioskWindow: BrowserWindow | null = null;
  let core: KioskCore | null = null;
  let stopIpc: (() => void) | null = null;

  app.on('second-instance', () => {
    if (!kioskWindow || kioskWindow.isDestroyed()) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.show();
    kioskWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    stopIpc?.();
    stopIpc = null;
    void core?.close();
    core = null;
  });

  app
    .whenReady()
    .then(() => {
      const dataDir = options.dataDir ?? join(app.getPath('userData'), 'kiosk-data');
      try {
        core = createKioskCore({ dataDir, appVersion: app.getVersion(), idleSeconds: options.idleSeconds });
        if (options.hub) core.sync.connect(options.hub, options.enroll);
        core.start();
      } catch (error) {
        // E.g. a database written by a newer version: show staff a notice rather than crash-looping.
        console.error(`[shell] the kiosk core could not open ${dataDir}`, error);
      }

      // No menu means no default accelerators either: no Ctrl+R reload, Ctrl +/- zoom or Ctrl+Shift+I devtools.
      // Set after `ready`, where older Electron versions insist on it and the default menu can no longer win.
      Menu.setApplicationMenu(null);
      denyAllPermissions(session.defaultSession);
      handleAppProtocol(core ? createAssetServer({ rendererDir, db: core.db, media: core.media }) : null);
      powerSaveBlocker.start('prevent-display-sleep');

      const window = createKioskWindow({ preloadPath, windowed: options.windowed, devTools: !app.isPackaged });
      kioskWindow = window;
      stopIpc = serveIpc({ window, core });
    })
    .catch((error: unknown) => {
      console.error('[shell] start-up failed', error);
      app.exit(1);
    });
}
