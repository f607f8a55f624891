// `npm run bench`: runs every benchmark built from bench/ (out/node/bench-*.js) one after another.
// Each prints human-readable lines and ends with one JSON line of figures; this script collects those lines
// into test-results/bench.json and prints them again at the end, one per benchmark.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const benches = readdirSync('out/node')
  .filter((file) => file.startsWith('bench-') && file.endsWith('.js'))
  .sort();
if (benches.length === 0) {
  console.error('No benchmarks in out/node: run `npm run build` first.');
  process.exit(1);
}

const figures = [];
let failed = false;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, [`out/node/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout);
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    figures.push(JSON.parse(last));
  } catch {
    console.error(`${file} did not end with a JSON line of figures`);
    failed = true;
  }
  if (run.status !== 0) failed = true;
}
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/bench.json', JSON.stringify(figures, null, 2));
console.log('');
for (const line of figures) console.log(JSON.stringify(line));
process.exit(failed ? 1 : 0);
