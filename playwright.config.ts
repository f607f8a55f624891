import { defineConfig, devices } from '@playwright/test';

// Browser tests of the kiosk served by `npm run web` (the HTTP transport), in Debian's Chromium.
// Each test starts its own kiosk on a fresh data folder (tests/e2e/fixtures.ts); run `npm run build` first.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Playwright empties outputDir at start: keep it apart from the other runners' reports in test-results/.
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry: on a loaded 2-core machine a browser occasionally stops painting for a minute (seen on the first test
  // of a worker). A test that passes only on its retry is reported as flaky — scripts/test-all.mjs prints it by name —
  // and one that fails twice fails the run.
  retries: 1,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  // Portrait 1080×1920 is the kiosks' main screen; tests tagged @landscape also run at 1920×1080.
  projects: [
    { name: 'portrait', use: { viewport: { width: 1080, height: 1920 } } },
    { name: 'landscape', use: { viewport: { width: 1920, height: 1080 } }, grep: /@landscape/ },
  ],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    isMobile: false,
    locale: 'ru-RU',
    timezoneId: 'Asia/Omsk',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
