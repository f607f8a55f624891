// Self-healing for a kiosk nobody watches: the renderer, the GPU process, hangs, memory, crash loops.
// Every handler is a small function that receives the Electron objects it needs (only their types are imported),
// so tests/unit/shell supplies them and checks each decision without an Electron binary.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type WatchdogPolicy = {
  /** Renderer crashes within `rendererWindowMs` after which a reload is not enough: relaunch the app. */
  rendererCrashesBeforeRelaunch: number;
  rendererWindowMs: number;
  /** GPU process crashes within `gpuWindowMs` after which the app relaunches with hardware acceleration off. */
  gpuCrashesBeforeSoftware: number;
  gpuWindowMs: number;
  /** Relaunches within `relaunchWindowMs` that make a crash loop: stop relaunching and show "out of order". */
  relaunchesBeforeOutOfOrder: number;
  relaunchWindowMs: number;
  /** How long an unresponsive page may hang before it is reloaded. */
  unresponsiveGraceMs: number;
  /** Memory of all the app's processes (working set) above which it relaunches at the next quiet moment. */
  memoryLimitBytes: number;
  /** The renderer alone above this is reloaded at the next quiet moment. */
  rendererMemoryLimitBytes: number;
};

export const defaultPolicy: WatchdogPolicy = {
  rendererCrashesBeforeRelaunch: 3,
  rendererWindowMs: 10 * 60_000,
  gpuCrashesBeforeSoftware: 3,
  gpuWindowMs: 10 * 60_000,
  relaunchesBeforeOutOfOrder: 4,
  relaunchWindowMs: 30 * 60_000,
  unresponsiveGraceMs: 15_000,
  memoryLimitBytes: 2.5 * 1024 ** 3,
  rendererMemoryLimitBytes: 1.2 * 1024 ** 3,
};

/** What the shell remembers across its own relaunches (a small JSON file in the data folder). */
export type ShellState = {
  /** Times (Unix ms) the app relaunched itself to recover. */
  relaunches: number[];
  gpuCrashes: number[];
  /** Set after repeated GPU crashes: start with hardware acceleration off. */
  softwareRendering: boolean;
  /** Set when a crash loop was detected: the reason shown in the log; the app shows "out of order". */
  outOfOrder: string | null;
};

export const emptyShellState = (): ShellState => ({ relaunches: [], gpuCrashes: [], softwareRendering: false, outOfOrder: null });

export class ShellStateFile {
  constructor(readonly path: string) {}

  load(): ShellState {
    try {
      const value = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<ShellState>;
      return {
        relaunches: Array.isArray(value.relaunches) ? value.relaunches.filter((t) => typeof t === 'number') : [],
        gpuCrashes: Array.isArray(value.gpuCrashes) ? value.gpuCrashes.filter((t) => typeof t === 'number') : [],
        softwareRendering: value.softwareRendering === true,
        outOfOrder: typeof value.outOfOrder === 'string' ? value.outOfOrder : null,
      };
    } catch {
      // Missing or damaged: start clean rather than refuse to start.
      return emptyShellState();
    }
  }

  /** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
  save(state: ShellState): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, this.path);
  }
}

/** The recent events within a window, with `now` added. */
export function within(times: readonly number[], now: number, windowMs: number): number[] {
  return [...times.filter((t) => now - t < windowMs && t <= now), now];
}

/**
 * Decides what a relaunch request becomes: a relaunch, or — when the app has relaunched itself too often lately —
 * a stop with the out-of-order notice, because relaunching again would only loop.
 */
export function planRelaunch(state: ShellState, now: number, reason: string, policy: WatchdogPolicy): { state: ShellState; action: 'relaunch' | 'out-of-order' } {
  const relaunches = within(state.relaunches, now, policy.relaunchWindowMs);
  if (relaunches.length > policy.relaunchesBeforeOutOfOrder) {
    return { state: { ...state, relaunches, outOfOrder: reason }, action: 'out-of-order' };
  }
  return { state: { ...state, relaunches }, action: 'relaunch' };
}

/**
 * At start: a start by a person or the OS (not by our own relaunch) forgets the crash history and any out-of-order
 * verdict, so a reboot or a restart by staff always gets a fresh chance. GPU fallback is kept until such a start.
 */
export function stateAtStart(state: ShellState, relaunchedByUs: boolean): ShellState {
  return relaunchedByUs ? state : emptyShellState();
}

type Timers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type RendererDeps = {
  contents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
    reload(): void;
    forcefullyCrashRenderer(): void;
    isDestroyed(): boolean;
  };
  window: { on(event: 'unresponsive' | 'responsive', listener: () => void): unknown };
  relaunch(reason: string): void;
  now(): number;
  timers?: Timers;
  policy?: WatchdogPolicy;
  log?(line: string): void;
};

/**
 * The renderer: gone → reload (the page starts at its attract loop); gone again and again → relaunch the app;
 * hung beyond a grace period → crash it on purpose and reload.
 */
export function superviseRenderer(deps: RendererDeps): void {
  const policy = deps.policy ?? defaultPolicy;
  const timers: Timers = deps.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const log = (line: string) => deps.log?.(line);
  let crashes: number[] = [];
  let hang: unknown = null;

  deps.contents.on('render-process-gone', (_event, details) => {
    if (deps.contents.isDestroyed()) return;
    log(`renderer gone: ${details.reason} (exit ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    crashes = within(crashes, deps.now(), policy.rendererWindowMs);
    if (crashes.length >= policy.rendererCrashesBeforeRelaunch) {
      deps.relaunch(`the renderer crashed ${crashes.length} times`);
      return;
    }
    deps.contents.reload();
  });

  deps.window.on('unresponsive', () => {
    if (hang !== null) return;
    log('renderer unresponsive; waiting');
    hang = timers.setTimeout(() => {
      hang = null;
      if (deps.contents.isDestroyed()) return;
      log(`renderer still unresponsive after ${policy.unresponsiveGraceMs} ms: reloading`);
      // A hung renderer may never process a reload; crashing it hands recovery to render-process-gone.
      deps.contents.forcefullyCrashRenderer();
    }, policy.unresponsiveGraceMs);
  });
  deps.window.on('responsive', () => {
    if (hang === null) return;
    timers.clearTimeout(hang);
    hang = null;
    log('renderer responsive again');
  });
}

export type GpuDeps = {
  app: { on(event: 'child-process-gone', listener: (event: unknown, details: { type: string; reason: string }) => void): unknown };
  state: { load(): ShellState; save(state: ShellState): void };
  relaunch(reason: string): void;
  now(): number;
  policy?: WatchdogPolicy;
  log?(line: string): void;
};

/** The GPU process: the third crash in a short window relaunches with hardware acceleration off. */
export function superviseGpu(deps: GpuDeps): void {
  const policy = deps.policy ?? defaultPolicy;
  deps.app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU' || details.reason === 'clean-exit') return;
    const state = deps.state.load();
    const gpuCrashes = within(state.gpuCrashes, deps.now(), policy.gpuWindowMs);
    deps.log?.(`GPU process gone: ${details.reason} (${gpuCrashes.length} in the window)`);
    if (gpuCrashes.length >= policy.gpuCrashesBeforeSoftware && !state.softwareRendering) {
      deps.state.save({ ...state, gpuCrashes: [], softwareRendering: true });
      deps.relaunch('the GPU process kept crashing; relaunching without hardware acceleration');
      return;
    }
    deps.state.save({ ...state, gpuCrashes });
  });
}

export type ProcessMetric = { type: string; memory: { workingSetSize: number } };

/**
 * Memory: reads the app's processes (Electron reports kilobytes) and says what to do. Acting is left to the caller,
 * which waits for a quiet moment (no visitor, no presentation) before reloading or relaunching.
 */
export function memoryVerdict(metrics: readonly ProcessMetric[], policy: WatchdogPolicy = defaultPolicy): 'ok' | 'reload' | 'relaunch' {
  const bytes = (m: ProcessMetric) => m.memory.workingSetSize * 1024;
  const total = metrics.reduce((sum, m) => sum + bytes(m), 0);
  if (total > policy.memoryLimitBytes) return 'relaunch';
  const renderer = metrics.filter((m) => m.type === 'Tab').reduce((sum, m) => sum + bytes(m), 0);
  if (renderer > policy.rendererMemoryLimitBytes) return 'reload';
  return 'ok';
}

/** True during the configured quiet hours (local time), e.g. [3, 5) for a nightly restart or an update. */
export function isQuietHour(now: Date, quietHours: readonly [number, number]): boolean {
  const hour = now.getHours();
  const [from, to] = quietHours;
  return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
}
