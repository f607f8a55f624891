import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultPolicy,
  emptyShellState,
  isQuietHour,
  memoryVerdict,
  planRelaunch,
  ShellStateFile,
  stateAtStart,
  superviseGpu,
  superviseRenderer,
  type ShellState,
} from '../../../electron/main/watchdog';

type Listener = (...args: never[]) => void;
/** A stand-in for an Electron event emitter: records listeners, lets the test fire events. */
function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    fire(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
    },
  };
}

function fakeRenderer() {
  const contents = Object.assign(emitter(), { reload: vi.fn(), forcefullyCrashRenderer: vi.fn(), isDestroyed: () => false });
  const window = emitter();
  const relaunch = vi.fn();
  const clock = { now: 1_000_000 };
  const pending: { cb: () => void; at: number }[] = [];
  const timers = {
    setTimeout: (cb: () => void, ms: number) => {
      const timer = { cb, at: clock.now + ms };
      pending.push(timer);
      return timer;
    },
    clearTimeout: (handle: unknown) => {
      const i = pending.indexOf(handle as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    clock.now += ms;
    for (const timer of pending.filter((t) => t.at <= clock.now)) {
      pending.splice(pending.indexOf(timer), 1);
      timer.cb();
    }
  };
  superviseRenderer({ contents, window, relaunch, now: () => clock.now, timers });
  return { contents, window, relaunch, clock, advance };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the renderer watchdog', () => {
  it('reloads the page when the renderer crashes', () => {
    const { contents, relaunch } = fakeRenderer();
    contents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(contents.reload).toHaveBeenCalledTimes(1);
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('ignores a clean exit', () => {
    const { contents } = fakeRenderer();
    contents.fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reload).not.toHaveBeenCalled();
  });

  it('relaunches the app when the renderer keeps dying within the window, not when crashes are far apart', () => {
    const spaced = fakeRenderer();
    for (let i = 0; i < 5; i++) {
      spaced.contents.fire('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
      spaced.advance(defaultPolicy.rendererWindowMs);
    }
    expect(spaced.relaunch).not.toHaveBeenCalled();
    expect(spaced.contents.reload).toHaveBeenCalledTimes(5);

    const { contents, relaunch, advance } = fakeRenderer();
    contents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    advance(1_000);
    contents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    advance(1_000);
    contents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(contents.reload).toHaveBeenCalledTimes(2);
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('crashes a page that stays unresponsive past the grace period, so it is reloaded; a page that recovers is left alone', () => {
    const recovering = fakeRenderer();
    recovering.window.fire('unresponsive');
    recovering.advance(defaultPolicy.unresponsiveGraceMs - 1);
    recovering.window.fire('responsive');
    recovering.advance(defaultPolicy.unresponsiveGraceMs);
    expect(recovering.contents.forcefullyCrashRenderer).not.toHaveBeenCalled();

    const hung = fakeRenderer();
    hung.window.fire('unresponsive');
    hung.window.fire('unresponsive');
    hung.advance(defaultPolicy.unresponsiveGraceMs);
    expect(hung.contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });
});

describe('the GPU watchdog', () => {
  function setUp(initial: ShellState = emptyShellState()) {
    let state = initial;
    const store = { load: () => state, save: (next: ShellState) => (state = next) };
    const app = emitter();
    const relaunch = vi.fn();
    const clock = { now: 5_000_000 };
    superviseGpu({ app, state: store, relaunch, now: () => clock.now });
    return { app, relaunch, clock, state: () => state };
  }

  it('relaunches with hardware acceleration off on the third GPU crash in a short window', () => {
    const { app, relaunch, clock, state } = setUp();
    app.fire('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
    clock.now += 60_000;
    app.fire('child-process-gone', {}, { type: 'Utility', reason: 'crashed' });
    app.fire('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
    expect(relaunch).not.toHaveBeenCalled();
    clock.now += 60_000;
    app.fire('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
    expect(relaunch).toHaveBeenCalledTimes(1);
    expect(state().softwareRendering).toBe(true);
  });

  it('forgets GPU crashes older than the window', () => {
    const { app, relaunch, clock } = setUp();
    for (let i = 0; i < 4; i++) {
      app.fire('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
      clock.now += defaultPolicy.gpuWindowMs;
    }
    expect(relaunch).not.toHaveBeenCalled();
  });
});

describe('crash loops', () => {
  it('stops relaunching after too many relaunches in the window and shows the out-of-order notice instead', () => {
    let state = emptyShellState();
    const now = 10_000_000;
    const actions: string[] = [];
    for (let i = 0; i <= defaultPolicy.relaunchesBeforeOutOfOrder; i++) {
      const plan = planRelaunch(state, now + i * 1000, 'renderer crashed', defaultPolicy);
      state = plan.state;
      actions.push(plan.action);
    }
    expect(actions.slice(0, -1).every((a) => a === 'relaunch')).toBe(true);
    expect(actions.at(-1)).toBe('out-of-order');
    expect(state.outOfOrder).toBe('renderer crashed');
  });

  it('gives a start by a person or the OS a fresh chance, but keeps the history across its own relaunches', () => {
    const looping: ShellState = { relaunches: [1, 2, 3], gpuCrashes: [4], softwareRendering: true, outOfOrder: 'loop' };
    expect(stateAtStart(looping, true)).toEqual(looping);
    expect(stateAtStart(looping, false)).toEqual(emptyShellState());
  });

  it('keeps its state in a file that survives a damaged write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shell-state-'));
    dirs.push(dir);
    const file = new ShellStateFile(join(dir, 'shell-state.json'));
    expect(file.load()).toEqual(emptyShellState());
    file.save({ relaunches: [7], gpuCrashes: [], softwareRendering: true, outOfOrder: null });
    expect(file.load().softwareRendering).toBe(true);
    writeFileSync(file.path, '{"relaunches": [1, 2');
    expect(file.load()).toEqual(emptyShellState());
  });
});

describe('memory and quiet hours', () => {
  const kb = (bytes: number) => bytes / 1024;
  it('asks for a reload when the renderer grows too big and a relaunch when the whole app does', () => {
    expect(memoryVerdict([{ type: 'Browser', memory: { workingSetSize: kb(200e6) } }, { type: 'Tab', memory: { workingSetSize: kb(300e6) } }])).toBe('ok');
    expect(memoryVerdict([{ type: 'Tab', memory: { workingSetSize: kb(1.5 * 1024 ** 3) } }])).toBe('reload');
    expect(
      memoryVerdict([
        { type: 'Browser', memory: { workingSetSize: kb(1.5 * 1024 ** 3) } },
        { type: 'GPU', memory: { workingSetSize: kb(1.2 * 1024 ** 3) } },
      ]),
    ).toBe('relaunch');
  });

  it('knows quiet hours, including a window across midnight', () => {
    const at = (hour: number) => new Date(2026, 11, 3, hour, 30);
    expect(isQuietHour(at(3), [3, 5])).toBe(true);
    expect(isQuietHour(at(5), [3, 5])).toBe(false);
    expect(isQuietHour(at(23), [22, 2])).toBe(true);
    expect(isQuietHour(at(1), [22, 2])).toBe(true);
    expect(isQuietHour(at(12), [22, 2])).toBe(false);
  });
});
