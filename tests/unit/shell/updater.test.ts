import { describe, expect, it, vi } from 'vitest';
import { createUpdateController } from '../../../electron/main/updater';

function fakeUpdater() {
  const listeners = new Map<string, ((arg: never) => void)[]>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(() => Promise.resolve(null)),
    quitAndInstall: vi.fn(),
    on(event: string, listener: (arg: never) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return updater;
    },
    fire(event: string, arg: unknown) {
      for (const l of listeners.get(event) ?? []) (l as (a: unknown) => void)(arg);
    },
  };
  return updater;
}

function setUp() {
  const updater = fakeUpdater();
  const world = { hub: 'http://192.168.1.10:5190' as string | null, idle: true, quiet: false, now: 0 };
  const controller = createUpdateController({
    updater,
    hubUrl: () => world.hub,
    isIdle: () => world.idle,
    isQuietTime: () => world.quiet,
    now: () => world.now,
    checkEveryMs: 3_600_000,
  });
  return { updater, world, controller };
}

describe('updates from the hub', () => {
  it('checks the hub\'s /updates/ feed now and then, downloads in the background, never installs on quit', () => {
    const { updater, world, controller } = setUp();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    controller.tick();
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://192.168.1.10:5190/updates/' });
    world.now += 60_000;
    controller.tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    world.now += 3_600_000;
    controller.tick();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('does not check without a hub', () => {
    const { updater, world, controller } = setUp();
    world.hub = null;
    controller.tick();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('installs a downloaded update only at a quiet time with nobody using the kiosk', () => {
    const { updater, world, controller } = setUp();
    updater.fire('update-downloaded', { version: '1.2.0' });
    expect(controller.downloadedVersion()).toBe('1.2.0');
    world.quiet = false;
    controller.tick();
    world.quiet = true;
    world.idle = false;
    controller.tick();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    world.idle = true;
    controller.tick();
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('installs on a staff command, but never mid-visit or during a presentation', () => {
    const { updater, world, controller } = setUp();
    expect(controller.installNow()).toBe('nothing-downloaded');
    updater.fire('update-downloaded', { version: '1.2.0' });
    world.idle = false;
    expect(controller.installNow()).toBe('busy');
    world.idle = true;
    expect(controller.installNow()).toBe('installing');
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('keeps the running version when an update fails, and can try again later', () => {
    const { updater, world, controller } = setUp();
    updater.fire('update-downloaded', { version: '1.2.0' });
    world.quiet = true;
    controller.tick();
    updater.fire('error', new Error('signature mismatch'));
    controller.tick();
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(2);
  });
});
