// Catalog search benchmark: searchCatalog against a naive LIKE scan, at the demo size and at 20,000 projects.
// Built by vite.node.config.ts into out/node/bench-search.js; run with `node out/node/bench-search.js` (npm run bench).
// The last line printed is one JSON object with every figure, for scripts; the lines before it are for people.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { loadDemoContent } from '../db/demo/generate';
import { searchCatalog } from '../db/queries/search';
import { MediaStore } from '../electron/core/media-store';
import { describeMachine } from './machine';

const targetP95Ms = 5;
const targetProjects = 20_000;
const limit = 20;
const minTimedSearches = 1_000;
const warmupRounds = 2;

/** What a visitor types, one keystroke at a time, including booth numbers. */
const typedWords = ['омск', 'нефтехимия', 'завод', 'экскурсия', 'tour', 'machine', 'сибирь', 'A-1', 'B-12', 'омский завод'];
/** Whole fragments that live inside longer compound words, found by the trigram index. */
const substringQueries = ['химическ', 'строительн', 'переработ', 'машиностро', 'туристическ'];

function benchQueries(): string[] {
  const queries: string[] = [];
  for (const word of typedWords) {
    for (let i = 1; i <= word.length; i++) {
      const prefix = word.slice(0, i);
      if (prefix.trim() !== '' && !queries.includes(prefix)) queries.push(prefix);
    }
  }
  for (const q of substringQueries) if (!queries.includes(q)) queries.push(q);
  return queries;
}

type Stats = { p50: number; p95: number; p99: number; max: number; mean: number; searches: number };
type SizeResult = {
  projects: number;
  searchDocs: number;
  loadSeconds: number;
  queries: number;
  meanHits: { fts: number; naive: number };
  fts: Stats;
  naive: Stats;
  slowestFts: { q: string; maxMs: number }[];
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  return {
    p50: round3(percentile(sorted, 50)),
    p95: round3(percentile(sorted, 95)),
    p99: round3(percentile(sorted, 99)),
    max: round3(sorted[sorted.length - 1] ?? 0),
    mean: round3(mean),
    searches: sorted.length,
  };
}

function naiveSearch(db: Db): (q: string) => number {
  // What a first attempt would do: scan every project's texts with LIKE (ASCII-only case folding, no ranking).
  const statement = db.prepare<Record<string, string | number>, { id: string }>(
    `SELECT id FROM projects
     WHERE deleted = 0 AND hidden = 0
       AND (title_ru LIKE :q ESCAPE '\\' OR title_en LIKE :q ESCAPE '\\'
         OR summary_ru LIKE :q ESCAPE '\\' OR summary_en LIKE :q ESCAPE '\\'
         OR description_ru LIKE :q ESCAPE '\\' OR description_en LIKE :q ESCAPE '\\')
     LIMIT :limit`,
  );
  return (q) => statement.all({ q: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit }).length;
}

function timeAll(queries: readonly string[], run: (q: string) => number): { samples: number[]; perQuery: Map<string, number>; hits: number } {
  const rounds = Math.ceil(minTimedSearches / queries.length);
  for (let r = 0; r < warmupRounds; r++) for (const q of queries) run(q);
  const samples: number[] = [];
  const perQuery = new Map<string, number>();
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const started = process.hrtime.bigint();
      hits += run(q);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      samples.push(ms);
      perQuery.set(q, Math.max(perQuery.get(q) ?? 0, ms));
    }
  }
  return { samples, perQuery, hits: hits / Math.max(1, samples.length) };
}

function benchSize(dir: string, projects: number | undefined): SizeResult {
  const db = openDatabase(join(dir, `catalog-${projects ?? 'default'}.db`));
  try {
    const media = new MediaStore(join(dir, 'media'));
    const loadStarted = performance.now();
    loadDemoContent(db, media, projects === undefined ? {} : { projects });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const count = (sql: string) => (db.prepare<[], { n: number }>(sql).get()?.n ?? 0);
    const projectCount = count('SELECT count(*) AS n FROM projects WHERE deleted = 0 AND hidden = 0');
    const searchDocs = count('SELECT count(*) AS n FROM search_docs');
    db.pragma('optimize');

    const queries = benchQueries();
    const fts = timeAll(queries, (q) => searchCatalog(db, q, limit).hits.length);
    const naive = timeAll(queries, naiveSearch(db));
    const slowestFts = [...fts.perQuery.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([q, ms]) => ({ q, maxMs: round3(ms) }));
    return {
      projects: projectCount,
      searchDocs,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      queries: queries.length,
      meanHits: { fts: Math.round(fts.hits * 10) / 10, naive: Math.round(naive.hits * 10) / 10 },
      fts: stats(fts.samples),
      naive: stats(naive.samples),
      slowestFts,
    };
  } finally {
    db.close();
  }
}

function sqliteVersion(): string {
  const db = openDatabase(':memory:');
  try {
    return db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? 'unknown';
  } finally {
    db.close();
  }
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-search-'));
  const machine = { ...describeMachine(), sqlite: sqliteVersion() };
  console.log(`search bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, Node ${machine.node}, SQLite ${machine.sqlite}`);
  const sizes: SizeResult[] = [];
  try {
    for (const projects of [undefined, targetProjects]) {
      const result = benchSize(dir, projects);
      sizes.push(result);
      const line = (name: string, s: Stats) =>
        `  ${name.padEnd(6)} p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms  max ${s.max} ms  (${s.searches} searches)`;
      console.log(
        `${result.projects} projects, ${result.searchDocs} search documents (loaded in ${result.loadSeconds} s), ${result.queries} distinct queries`,
      );
      console.log(line('fts', result.fts));
      console.log(line('naive', result.naive));
      console.log(`  slowest fts queries: ${result.slowestFts.map((s) => `"${s.q}" ${s.maxMs} ms`).join(', ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const atTarget = sizes.find((s) => s.projects >= targetProjects * 0.95);
  const met = atTarget !== undefined && atTarget.fts.p95 <= targetP95Ms;
  console.log(met ? `target met: p95 ≤ ${targetP95Ms} ms at ${targetProjects} projects` : 'TARGET MISSED');
  console.log(
    JSON.stringify({
      bench: 'search',
      date: new Date().toISOString(),
      machine,
      limit,
      sizes,
      target: { p95_ms_at_20000: targetP95Ms },
      met,
    }),
  );
}

main();
