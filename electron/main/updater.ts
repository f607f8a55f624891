// Updates from the hub (electron-updater, generic provider: the hub serves latest.yml and the installers under
// /updates/). Downloaded in the background; installed only at a quiet time or on a staff command, never while a
// visitor uses the kiosk or a presentation runs. A download or install that fails leaves the running version alone.
// The updater object is passed in, so tests/unit/shell drives this with a fake.

export type UpdaterLike = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

export type UpdateDeps = {
  updater: UpdaterLike;
  /** The hub's address, or null while the kiosk has none. */
  hubUrl(): string | null;
  /** Nobody is using the kiosk and no presentation runs. */
  isIdle(): boolean;
  isQuietTime(): boolean;
  now(): number;
  checkEveryMs?: number;
  log?(line: string): void;
};

export type UpdateController = {
  /** Call every minute or so: checks now and then, installs a downloaded update when the moment is right. */
  tick(): void;
  /** A staff command: install a downloaded update now if the kiosk is idle. */
  installNow(): 'installing' | 'nothing-downloaded' | 'busy';
  downloadedVersion(): string | null;
};

export function createUpdateController(deps: UpdateDeps): UpdateController {
  const every = deps.checkEveryMs ?? 60 * 60_000;
  let lastCheck = -Infinity;
  let feed: string | null = null;
  let downloaded: string | null = null;
  let installing = false;

  deps.updater.autoDownload = true;
  // Installing on quit would update in the middle of a staff maintenance quit; we install only on purpose.
  deps.updater.autoInstallOnAppQuit = false;
  deps.updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    deps.log?.(`update ${info.version} downloaded; it will be installed at a quiet time`);
  });
  deps.updater.on('error', (error) => {
    installing = false;
    deps.log?.(`update failed, the current version keeps running: ${error.message}`);
  });

  const install = () => {
    installing = true;
    deps.log?.(`installing update ${downloaded ?? ''} and relaunching`);
    deps.updater.quitAndInstall(true, true);
  };

  return {
    tick() {
      if (installing) return;
      const hub = deps.hubUrl();
      if (hub && deps.now() - lastCheck >= every) {
        lastCheck = deps.now();
        const url = `${hub.replace(/\/+$/, '')}/updates/`;
        if (url !== feed) {
          deps.updater.setFeedURL({ provider: 'generic', url });
          feed = url;
        }
        deps.updater.checkForUpdates().catch((error: unknown) => {
          deps.log?.(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      if (downloaded && deps.isIdle() && deps.isQuietTime()) install();
    },
    installNow() {
      if (!downloaded) return 'nothing-downloaded';
      if (installing || !deps.isIdle()) return 'busy';
      install();
      return 'installing';
    },
    downloadedVersion: () => downloaded,
  };
}
