import { BrowserWindow } from 'electron';
import { appStartUrl } from './app-origin';

export type KioskWindowOptions = {
  preloadPath: string;
  /** A normal window instead of full-screen kiosk mode (`--windowed`, for development). */
  windowed: boolean;
  devTools: boolean;
};

// Painted before the first frame: the renderer's own background (--bg in renderer/src/styles.css), so no white flash.
const backgroundColor = '#0d1b2a';

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    show: false,
    backgroundColor,
    kiosk: !options.windowed,
    fullscreen: !options.windowed,
    width: 1280,
    height: 800,
    title: 'Congress Hall Kiosk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: options.devTools,
      // A file dropped on the window would otherwise become a navigation (will-navigate blocks it too).
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in a new window (refused anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
    },
  });

  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });

  // Touchscreens pinch-zoom the page by default; the kiosk lays out for its own screen and has no way back.
  win.webContents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => {
    console.warn('[shell] could not lock the zoom level', error);
  });

  win.loadURL(appStartUrl).catch((error: unknown) => {
    console.error('[shell] could not load', appStartUrl, error);
  });
  return win;
}
