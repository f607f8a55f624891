import { defineConfig } from '@playwright/test';

// Tests of the Electron shell (window, app:// protocol, preload, IPC), driven through Playwright's _electron.
// They launch the built app: run `npm run build` first. Without an Electron binary they skip and say why.
export default defineConfig({
  testDir: 'tests/electron',
  // Its own output folder: Playwright empties outputDir at start, and the browser suite writes to test-results/.
  outputDir: 'test-results/electron',
  // One Electron at a time: each is a full browser, and they share the machine's display.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
});
