// `npm run bench`: runs every benchmark built from bench/ (out/node/bench-*.js) one after another, then writes the
// summary table at the top of docs/performance.md (between the bench:summary markers) from their figures.
// Each benchmark prints human-readable lines and ends with one JSON line of figures; this script collects those lines
// into test-results/bench.json and prints them again at the end, one per benchmark.
//
//   BENCH_QUICK=1          smaller sizes for every benchmark (minutes instead of hours): a check that they all run,
//                          not figures to publish (the table says "quick run" in each row)
//   BENCH_ONLY=soak,search only these benchmarks (names as in out/node/bench-<name>.js); rows of the others stay
//   --from <file>          no benchmark is run: the table is written from JSON lines already measured (a file of
//                          benchmark output, whose lines starting with {"bench": are taken, or a test-results/bench.json)
//   --no-docs              do not touch docs/performance.md
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const docsFile = 'docs/performance.md';
const start = '<!-- bench:summary:start -->';
const end = '<!-- bench:summary:end -->';
const quick = process.env.BENCH_QUICK === '1';

/** What BENCH_QUICK=1 passes to each benchmark (an explicitly set variable wins). */
const quickEnv = {
  search: {},
  visitor: { BENCH_TAPS: '300' },
  sync: { BENCH_SYNC_PROJECTS: '2000', BENCH_SYNC_KIOSKS: '10', BENCH_SYNC_FLEET_PROCS: '2', BENCH_SYNC_ROUNDS: '5', BENCH_SYNC_CORE_ROUNDS: '3', BENCH_SYNC_LIVE_ROUNDS: '3', BENCH_SYNC_EDITS: '5', BENCH_SYNC_INCREMENTAL_REPS: '2' },
  soak: { SOAK_TAPS: '600', SOAK_WARMUP_TAPS: '150', SOAK_SAMPLE_EVERY: '150', SOAK_IDLE_EVERY: '200', SOAK_REDUCED_MOTION: '1' },
  'crash-loop': { CRASH_CYCLES: '30' },
};

function argValue(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** JSON lines of figures from a file of benchmark output or a bench.json. */
function readFigures(file) {
  const text = readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('[')) return JSON.parse(text);
  return text
    .split('\n')
    .filter((line) => line.startsWith('{"bench":'))
    .map((line) => JSON.parse(line));
}

function runBenches() {
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const benches = readdirSync('out/node')
    .filter((file) => file.startsWith('bench-') && file.endsWith('.js'))
    .filter((file) => !only || only.includes(file.slice('bench-'.length, -'.js'.length)))
    .sort();
  if (benches.length === 0) {
    console.error('No benchmarks in out/node: run `npm run build` first.');
    process.exit(1);
  }
  const figures = [];
  let failed = false;
  for (const file of benches) {
    const name = file.slice('bench-'.length, -'.js'.length);
    const env = { ...(quick ? quickEnv[name] : {}), ...process.env };
    console.log(`\n=== ${file}${quick ? ` (quick: ${JSON.stringify(quickEnv[name] ?? {})})` : ''}`);
    const run = spawnSync(process.execPath, [`out/node/${file}`], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 2 ** 20 });
    process.stdout.write(run.stdout);
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    try {
      figures.push({ ...JSON.parse(last), ...(quick ? { quick: true } : {}) });
    } catch {
      console.error(`${file} did not end with a JSON line of figures`);
      failed = true;
    }
    if (run.status !== 0) failed = true;
  }
  return { figures, failed };
}

// ---- The summary table ----

const fmt = (n, digits = 1) => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : '—');
const verdict = (met) => (met === true ? ' — met' : met === false ? ' — **not met**' : '');

function machineOf(figures) {
  const m = figures.machine ?? {};
  const parts = [m.cpu?.trim(), m.cores && `${m.cores} vCPU`, (m.ramGb ?? m.memoryGiB) && `${m.ramGb ?? m.memoryGiB} GB`, m.node && `Node ${m.node}`, m.browser && (m.chromiumSwitches?.length ? `${m.browser} (${m.chromiumSwitches.join(' ')})` : m.browser), m.sqlite && `SQLite ${m.sqlite}`];
  return parts.filter(Boolean).join(', ') + (figures.cpuSlowdown ? ` (page's CPU slowed ×${figures.cpuSlowdown})` : '') + (figures.quick ? ' (quick run)' : '');
}

/**
 * The visitor bench's heap: after 1,000 taps and after the last. Its default run of 2,000 taps is too short to judge
 * growth by, so it gives a verdict only from five times the checkpoint on: the soak's rows (1,000 vs 10,000) answer it.
 */
function heapRow(heap, keys) {
  const taps = keys.map((key) => Number(/\d+/.exec(key)?.[0]));
  const figure = `visitor bench: JS heap after ${taps.map((n) => fmt(n, 0)).join(' vs ')} taps`;
  const sizes = keys.map((key) => `${fmt(heap[key])} MB`).join(' → ');
  if (taps.length < 2 || taps[1] < 5 * taps[0]) return [figure, 'growth ≤ 10 %', `${sizes}; too few taps to compare: 1,000 vs 10,000 taps are the soak's rows`];
  return [figure, 'growth ≤ 10 %', `${sizes} (${fmt(heap.growthPercent)} %)${verdict(heap.growthPercent <= 10)}`];
}

/** One row per figure: [figure, target, measured], from each benchmark's JSON line. */
const rowsOf = {
  visitor(f) {
    const tap = f.tapToPaintMs ?? {};
    const heapKeys = Object.keys(f.heap ?? {}).filter((key) => key.endsWith('MB'));
    return [
      [
        `tap → next paint, p50 / p95 / max (${fmt(tap.taps, 0)} taps${f.lookMs === undefined ? '' : ` at a visitor's pace: ${fmt(f.lookMs, 0)} ms from a screen to the next tap`}${f.content ? `; ${f.content}` : ''})`,
        'p95 ≤ 50 ms',
        `${fmt(tap.p50)} / **${fmt(tap.p95)}** / ${fmt(tap.max)} ms${tap.over50Percent === undefined ? '' : ` (${fmt(tap.over50Percent)} % of taps over 50 ms)`}${verdict(tap.p95 <= 50)}`,
      ],
      ...(f.backToBackMs?.taps > 0
        ? [
            [
              `tap → next paint, taps back to back (${fmt(f.backToBackMs.taps, 0)} taps, each as soon as its target is on screen)`,
              '— (no target: rapid tapping)',
              `${fmt(f.backToBackMs.p50)} / ${fmt(f.backToBackMs.p95)} / ${fmt(f.backToBackMs.max)} ms (${fmt(f.backToBackMs.over50Percent)} % over 50 ms)`,
            ],
          ]
        : []),
      ['long tasks > 50 ms during the laps', 'none', `${fmt(f.longTasksOver50ms?.count, 0)} (longest ${fmt(f.longTasksOver50ms?.maxMs)} ms)${verdict(f.longTasksOver50ms?.count === 0)}`],
      ['cold start: page load → attract loop', '≤ 1 s', `**${fmt(f.coldStartMs?.toAttract, 0)} ms**${verdict(f.coldStartMs?.toAttract <= 1000)}`],
      f.coldStartMs?.toHomeWallClock === undefined
        ? ['cold start: page load → interactive home (two taps)', '≤ 1 s', `${fmt(f.coldStartMs?.toHome, 0)} ms${verdict(f.coldStartMs?.toHome <= 1000)}`]
        : [
            'cold start: page load → interactive home, the kiosk\'s time (to the attract loop, then its two taps to their paint)',
            '≤ 1 s',
            `**${fmt(f.coldStartMs.toHome, 0)} ms** (${fmt(f.coldStartMs.toAttract, 0)} + ${(f.coldStartMs.taps ?? []).map((ms) => fmt(ms, 0)).join(' + ')})${verdict(f.coldStartMs.toHome <= 1000)}; ` +
              `${fmt(f.coldStartMs.toHomeWallClock, 0)} ms by the bench's wall clock, its round trips between the taps included`,
          ],
      ...(f.firstTouchAfterLoopMs
        ? [
            [
              `the first visitor's touch on the attract loop after a fresh start (${fmt(f.firstTouchAfterLoopMs.taps?.length, 0)} starts, the loop running ${[f.firstTouchAfterLoopMs.loopRanMs].flat().map((ms) => fmt(ms / 1000)).join(', ')} s first): tap → next paint; long tasks > 50 ms`,
              '≤ 50 ms; none',
              `${(f.firstTouchAfterLoopMs.taps ?? []).map((ms) => fmt(ms, 0)).join(', ')} ms; ${fmt(f.firstTouchAfterLoopMs.longTasksOver50ms?.length, 0)} long tasks` +
                (f.firstTouchAfterLoopMs.longTasksWhileLoopRanOver50ms ? ` (while the loops ran: ${fmt(f.firstTouchAfterLoopMs.longTasksWhileLoopRanOver50ms.length, 0)})` : '') +
                verdict(f.firstTouchAfterLoopMs.taps?.length > 0 && Math.max(...f.firstTouchAfterLoopMs.taps) <= 50 && f.firstTouchAfterLoopMs.longTasksOver50ms?.length === 0),
            ],
          ]
        : []),
      heapRow(f.heap ?? {}, heapKeys),
    ];
  },
  search(f) {
    const large = (f.sizes ?? []).at(-1) ?? {};
    return [
      [`search p95, ${fmt(large.projects, 0)} projects`, '≤ 5 ms', `**${fmt(large.fts?.p95, 2)} ms** (p50 ${fmt(large.fts?.p50, 2)}, p99 ${fmt(large.fts?.p99, 2)})${verdict(f.met)}`],
      [`naive \`LIKE '%q%'\` scan, p95, ${fmt(large.projects, 0)} projects`, '— (comparison)', `${fmt(large.naive?.p95, 2)} ms`],
    ];
  },
  sync(f) {
    const rows = [];
    if (f.initial?.demo) rows.push(['initial sync, demo forum', '—', `${fmt(f.initial.demo.ms / 1000, 2)} s, ${fmt(f.initial.demo.records, 0)} rows`]);
    if (f.incremental) {
      rows.push([
        `incremental bytes / full snapshot bytes (${fmt(f.incremental.changedProjects, 0)} of ${fmt(f.config?.projects, 0)} projects changed)`,
        '≤ 2 %',
        `**${fmt(f.incremental.ratioWire * 100, 2)} %**${verdict(f.met?.incremental)}`,
      ]);
    }
    if (f.editAtoB) rows.push(['edit on kiosk A → in kiosk B’s database', '≤ 2 s', `p50 ${fmt(f.editAtoB.ms?.p50, 0)} ms, p95 **${fmt(f.editAtoB.ms?.p95, 0)} ms**, max ${fmt(f.editAtoB.ms?.max, 0)} ms${verdict(f.met?.edit)}`]);
    const burst = f.fleet?.burst;
    if (burst) {
      rows.push([
        `fleet load: ${fmt(f.fleet.kiosks, 0)} kiosks at once, requests of an incremental cycle`,
        'p99 ≤ 200 ms, 0 errors',
        `p50 ${fmt(burst.requests?.p50, 0)} ms, **p99 ${fmt(burst.requests?.p99, 0)} ms**, ${fmt(burst.errors, 0)} errors${verdict(f.met?.fleet)}`,
      ]);
    }
    return rows;
  },
  soak(f) {
    const taps = `${fmt(f.referenceAtTaps, 0)} → ${fmt(f.taps, 0)} taps`;
    const idle = f.idleResets ? `; ${fmt(f.idleResets.byTimeout + f.idleResets.startOver, 0)} idle resets` : '';
    return [
      f.heapObjectsMB
        ? [
            `soak: JS heap after GC, objects without V8's compiled code, ${taps}${idle}`,
            'growth ≤ 10 %',
            `${fmt(f.heapObjectsMB.atWarmup, 2)} → ${fmt(f.heapObjectsMB.atEnd, 2)} MB (**${fmt(f.heapObjectsMB.growthPercent)} %**)${verdict(f.met?.heap)}; ` +
              `V8's used size ${fmt(f.heapMB?.atWarmup)} → ${fmt(f.heapMB?.atEnd)} MB (${fmt(f.heapMB?.growthPercent)} %), compiled code ${fmt(f.compiledCodeMB?.atWarmup, 2)} → ${fmt(f.compiledCodeMB?.atEnd, 2)} MB`,
          ]
        : [`soak: JS heap after GC, ${taps}${idle}`, 'growth ≤ 10 %', `${fmt(f.heapMB?.atWarmup)} → ${fmt(f.heapMB?.atEnd)} MB (**${fmt(f.heapMB?.growthPercent)} %**)${verdict(f.met?.heap)}`],
      ...(f.devtoolsNetworkRecordsMB
        ? [
            [
              `soak: Blink's objects in the heap snapshots (the DOM's and the page's), ${taps}`,
              `growth ≤ ${f.targets?.blinkObjectsGrowthPercent ?? 10} %`,
              `${fmt(f.blinkObjectsMB?.atWarmup, 2)} → ${fmt(f.blinkObjectsMB?.atEnd, 2)} MB (**${fmt(f.blinkObjectsMB?.growthPercent)} %**)${verdict(f.met?.blinkObjects)}; ` +
                `beside them the bench's own DevTools records of the page's requests ${fmt(f.devtoolsNetworkRecordsMB.atWarmup, 2)} → ${fmt(f.devtoolsNetworkRecordsMB.atEnd, 2)} MB` +
                (f.devtoolsNetworkRecordsMB.recordsAtEnd === undefined ? '' : ` (${fmt(f.devtoolsNetworkRecordsMB.recordsAtWarmup, 0)} → ${fmt(f.devtoolsNetworkRecordsMB.recordsAtEnd, 0)} records)`),
            ],
          ]
        : []),
      [
        `soak: DOM elements / renderer's DOM nodes after GC, ${taps}`,
        'growth ≤ 10 %',
        `${fmt(f.domElements?.atWarmup, 0)} → ${fmt(f.domElements?.atEnd, 0)} elements; nodes ${f.domNodes?.floorAtWarmup === undefined ? `${fmt(f.domNodes?.atWarmup, 0)} → ${fmt(f.domNodes?.atEnd, 0)}` : `floor ${fmt(f.domNodes.floorAtWarmup, 0)} → ${fmt(f.domNodes.floorAtEnd, 0)}`} (${fmt(f.domNodes?.growthPercent)} %; samples up to ${fmt(f.domNodes?.max, 0)})${verdict(f.met?.domElements && f.met?.domNodes)}`,
      ],
      [`soak: kiosk process RSS, ${taps}`, 'growth ≤ 25 %', `${fmt(f.kioskRssMB?.atWarmup)} → ${fmt(f.kioskRssMB?.atEnd)} MB (${fmt(f.kioskRssMB?.growthPercent)} %, max ${fmt(f.kioskRssMB?.max)})${verdict(f.met?.rss)}`],
      [`soak: kiosk process open files, ${taps}`, `growth ≤ ${f.targets?.openFilesGrowth ?? 4}`, `${fmt(f.kioskOpenFiles?.atWarmup, 0)} → ${fmt(f.kioskOpenFiles?.atEnd, 0)} (max ${fmt(f.kioskOpenFiles?.max, 0)})${verdict(f.met?.openFiles)}`],
      [`soak: SQLite kiosk.db / -wal, ${taps}`, '—', `${fmt(f.sqlite?.dbMB?.atWarmup)} → ${fmt(f.sqlite?.dbMB?.atEnd)} MB / ${fmt(f.sqlite?.walMB?.atWarmup)} → ${fmt(f.sqlite?.walMB?.atEnd)} MB (max ${fmt(f.sqlite?.walMB?.max)})`],
    ];
  },
  'crash-loop'(f) {
    const ran = `${fmt(f.cycles, 0)} of ${fmt(f.config?.cycles, 0)} cycles${f.stoppedEarly ? `, stopped after ${f.config?.maxMinutes} min` : ''}`;
    return [
      [`crash loop: \`kill -9\` cycles (${ran}) with quick_check, acknowledged edits and outbox checked after each`, '0 failures', `**${fmt(f.failures, 0)} failures**; final run converged: ${f.final?.converged ? 'yes' : '**no**'}${verdict(f.met)}`],
      ['crash loop: process start → database open, checked and migrated', '—', `p50 ${fmt(f.restartToReadyMs?.p50, 0)} ms, p95 ${fmt(f.restartToReadyMs?.p95, 0)} ms`],
      ['crash loop: total time', '—', `${fmt(f.totalSeconds / 60)} min`],
    ];
  },
};

const benchOrder = ['visitor', 'search', 'sync', 'soak', 'crash-loop'];

/** Rows already in the table, by the benchmark they came from (the last column names it). */
function existingRows(docs) {
  const from = docs.indexOf(start);
  const to = docs.indexOf(end);
  const rows = new Map();
  if (from < 0 || to < 0) return rows;
  for (const line of docs.slice(from, to).split('\n')) {
    const match = /^\| .* \| ([a-z-]+) \|$/.exec(line);
    if (match && match[1] !== 'bench') rows.set(match[1], [...(rows.get(match[1]) ?? []), line]);
  }
  return rows;
}

function summary(figures, docs) {
  const kept = existingRows(docs);
  const byBench = new Map(figures.map((f) => [f.bench, f]));
  const lines = [
    start,
    '## Summary',
    '',
    'Written by `npm run bench` (scripts/bench-all.mjs) from the JSON line each benchmark ends with; the sections below',
    'say how each figure is measured. A row whose date is older than the others was not measured again in the last run.',
    '',
    '| Figure | Target | Measured | Machine | Date | Bench |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const bench of benchOrder) {
    const f = byBench.get(bench);
    if (!f) {
      lines.push(...(kept.get(bench) ?? []));
      continue;
    }
    const date = (f.date ?? new Date().toISOString()).slice(0, 10);
    for (const [figure, target, measured] of rowsOf[bench](f)) lines.push(`| ${figure} | ${target} | ${measured} | ${machineOf(f)} | ${date} | ${bench} |`);
  }
  lines.push(end);
  return lines.join('\n');
}

function writeDocs(figures) {
  const docs = readFileSync(docsFile, 'utf8');
  const table = summary(figures, docs);
  const from = docs.indexOf(start);
  const to = docs.indexOf(end);
  let next;
  if (from >= 0 && to > from) next = docs.slice(0, from) + table + docs.slice(to + end.length);
  else {
    // First time: after the page's introduction (its first paragraph after the title).
    const at = docs.indexOf('\n## ');
    next = `${docs.slice(0, at)}\n${table}\n${docs.slice(at)}`;
  }
  writeFileSync(docsFile, next);
  console.log(`wrote the summary table of ${docsFile}`);
}

const fromFile = argValue('--from');
let figures;
let failed = false;
if (fromFile) {
  if (!existsSync(fromFile)) throw new Error(`${fromFile} not found`);
  figures = readFigures(fromFile);
} else {
  ({ figures, failed } = runBenches());
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench.json', JSON.stringify(figures, null, 2));
  console.log('');
  for (const line of figures) console.log(JSON.stringify(line));
}
if (!process.argv.includes('--no-docs') && figures.length > 0) writeDocs(figures);
process.exit(failed ? 1 : 0);
