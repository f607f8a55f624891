// `npm test`: every check and every test runner, then one closing line with the totals of all runners:
//   N passed, N failed, N skipped
// Steps: typecheck, lint, Electronegativity (Electron security checks), build, unit tests (Vitest), browser tests (Playwright + Chromium against `npm run web`),
// Electron tests (Playwright `_electron`; they skip with a printed reason where the Electron binary is absent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const failedSteps = [];
function step(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) failedSteps.push(name);
  return run.status === 0;
}

const npx = 'npx';
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('electronegativity', 'node', ['scripts/electronegativity.mjs']);
const built = step('build', 'npm', ['run', '--silent', 'build']);

step('unit tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`]);
if (built) {
  step('browser tests', npx, ['playwright', 'test', '-c', 'playwright.config.ts']);
  step('electron tests', npx, ['playwright', 'test', '-c', 'playwright.electron.config.ts']);
} else {
  console.log('\nThe build failed: browser and Electron tests were not run.');
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}
function vitestCounts(report) {
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}
function playwrightCounts(report) {
  const { expected, flaky, unexpected, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}
const runners = [
  ['unit tests', `${results}/unit.json`, vitestCounts],
  ['browser tests', `${results}/e2e.json`, playwrightCounts],
  ['electron tests', `${results}/electron.json`, playwrightCounts],
];
/** Tests that passed only on their retry, by title, so flakiness is seen and fixed rather than hidden. */
function flakyTitles(suites, path = []) {
  const titles = [];
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) if (test.status === 'flaky') titles.push([...path, suite.title, spec.title].filter(Boolean).join(' › '));
    }
    titles.push(...flakyTitles(suite.suites, [...path, suite.title]));
  }
  return titles;
}
for (const [name, file, counts] of runners) {
  const report = readJson(file);
  if (report?.suites) for (const title of flakyTitles(report.suites)) console.log(`flaky (passed on retry) in ${name}: ${title}`);
  const counted = report ? counts(report) : { passed: 0, failed: 0, skipped: 0 };
  // A runner that failed without counting a failure (it crashed, or found no tests) still counts as one.
  if (failedSteps.includes(name) && counted.failed === 0) counted.failed = 1;
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  totals.skipped += counted.skipped;
}
// Checks that are not test runners (typecheck, lint, build) count as one failure each.
totals.failed += failedSteps.filter((name) => !runners.some(([runner]) => runner === name)).length;
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
