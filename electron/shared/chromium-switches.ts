// Chromium switches the kiosk runs with, one list for the Electron shell (app.commandLine, electron/main/index.ts),
// the browser kiosk's command line (docs/deploy.md) and the benchmarks that stand in for a kiosk (bench/browser.ts).
// Plain data: no electron, no Node.

/** Chromium's own ceiling on raster threads. */
const maxRasterThreads = 4;

/**
 * Raster threads for a machine with `cores` logical cores: one per core, up to Chromium's ceiling of four.
 * Chromium's default is half the cores, which on a two-core kiosk leaves a single thread to draw a whole new screen
 * when no GPU rasterizes it; a hall kiosk runs nothing else, so the screen may use every core. Measured on two cores
 * without a GPU (docs/performance.md, 2,016 taps each way): the slowest steps of the visitor bench 8–16 ms faster at
 * their p95 with two raster threads (a route stop 88 → 72 ms, Home from an industry 72 → 56 ms).
 */
export function rasterThreads(cores: number): number {
  if (!(cores >= 1)) return 1; // NaN or fewer than one: Chromium still needs a thread
  return Math.min(maxRasterThreads, Math.floor(cores));
}

/** The switches as name/value pairs, for `app.commandLine.appendSwitch(name, value)`. */
export function kioskChromiumSwitches(cores: number): [name: string, value: string][] {
  return [['num-raster-threads', String(rasterThreads(cores))]];
}

/** The same switches as command-line arguments (`--name=value`), for a Chromium started by a script. */
export function kioskChromiumArgs(cores: number): string[] {
  return kioskChromiumSwitches(cores).map(([name, value]) => `--${name}=${value}`);
}
