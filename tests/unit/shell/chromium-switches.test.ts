import { describe, expect, it } from 'vitest';
import { kioskChromiumArgs, kioskChromiumSwitches, rasterThreads } from '../../../electron/shared/chromium-switches';

describe("the kiosk's Chromium switches", () => {
  it('gives the screen one raster thread per core, up to four', () => {
    expect([1, 2, 3, 4, 8, 64].map(rasterThreads)).toEqual([1, 2, 3, 4, 4, 4]);
  });

  it('never asks for fewer than one raster thread or more than four, whatever the core count says', () => {
    expect([0, -2, Number.NaN, 0.5].map(rasterThreads)).toEqual([1, 1, 1, 1]);
    expect([2.5, Number.POSITIVE_INFINITY].map(rasterThreads)).toEqual([2, 4]);
  });

  it('is the same list for the shell (name, value) and for a command line (--name=value)', () => {
    expect(kioskChromiumSwitches(2)).toEqual([['num-raster-threads', '2']]);
    expect(kioskChromiumArgs(2)).toEqual(['--num-raster-threads=2']);
  });
});
