import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/sync/**/*.test.ts', 'tests/hub/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Vitest's default (one worker fewer than the cores) runs one file at a time on a two-core machine, and many of
    // these files mostly wait for the processes they start (kiosks, hubs, killed children): two at a time took the
    // run from 286 s to 176 s on the CI machine (2 cores).
    maxWorkers: Math.max(Math.min(2, availableParallelism()), availableParallelism() - 1),
  },
});
