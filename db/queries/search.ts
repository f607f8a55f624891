// Catalog search: whole words and prefixes first (FTS5 unicode61), then substrings inside compound words
// (FTS5 trigram). The FTS tables are contentless, so highlighting is computed here from search_docs' original text.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import {
  maxSearchLength,
  searchKinds,
  type SearchHit,
  type SearchKind,
  type SearchResult,
  type TextSegment,
} from '../../electron/shared/contract';

const maxTokens = 8;
const maxTokenChars = 64;
// The contract refuses longer input; this only bounds the work for callers that bypass it (10 KB stays cheap).
const maxScanChars = maxSearchLength * 4;
const maxLimit = 100;
const minTrigramChars = 3;
const snippetChars = 120;
const snippetLead = 30;
// How far a cut may move to land on a word boundary before it cuts mid-word instead.
const boundarySlack = 20;
const ellipsis = '…';

type DocRow = {
  id: number;
  kind: string;
  ref: string;
  title_ru: string;
  title_en: string;
  body_ru: string;
  body_en: string;
};

type Statements = { words: Statement<SearchParams, DocRow>; trigram: Statement<SearchParams, DocRow> };
type SearchParams = [{ match: string; exclude: string; window: number; limit: number }];

/**
 * Ranking every match costs O(matches): at 20,000 projects a common prefix ("о", "омск", "сибир") matches nearly
 * every document and bm25 over all of them takes 10–40 ms. So only the first `window` matches in rowid order are
 * ranked; for a query that matches fewer documents than that (any specific query) the ranking is exact.
 */
const rankWindow = 200;

const docColumns = 'd.id, d.kind, d.ref, d.title_ru, d.title_en, d.body_ru, d.body_en';

function rankedSql(table: 'search_words' | 'search_trigram'): string {
  // Ranked before the join so only `limit` rows touch search_docs; rowid breaks ties so results are stable.
  return `
    SELECT ${docColumns}
    FROM (SELECT id, score
          FROM (SELECT rowid AS id, bm25(${table}, 10.0, 1.0) AS score
                FROM ${table}
                WHERE ${table} MATCH :match AND rowid NOT IN (SELECT value FROM json_each(:exclude))
                LIMIT :window)
          ORDER BY score, id
          LIMIT :limit) AS m
    JOIN search_docs AS d ON d.id = m.id
    ORDER BY m.score, m.id`;
}

const statementCache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let cached = statementCache.get(db);
  if (!cached) {
    cached = {
      words: db.prepare<SearchParams, DocRow>(rankedSql('search_words')),
      trigram: db.prepare<SearchParams, DocRow>(rankedSql('search_trigram')),
    };
    statementCache.set(db, cached);
  }
  return cached;
}

export function searchCatalog(db: Db, query: string, limit: number): SearchResult {
  const text = typeof query === 'string' ? query : '';
  const max = Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 0), maxLimit) : 0;
  const parsed = parseQuery(text);
  if (parsed.tokens.length === 0 || max === 0) return { query: text, hits: [] };

  const { words, trigram } = statements(db);
  const hits: SearchHit[] = [];
  const found: number[] = [];
  const collect = (statement: Statement<SearchParams, DocRow>, match: string, matchedBy: SearchHit['matchedBy']) => {
    if (hits.length >= max) return;
    const rows = statement.all({ match, exclude: JSON.stringify(found), window: rankWindow, limit: max - hits.length });
    for (const row of rows) {
      const hit = toHit(row, parsed, matchedBy);
      if (!hit) continue;
      found.push(row.id);
      hits.push(hit);
    }
  };

  // Each word group is one phrase whose last word is a prefix: "A-1" is `"a 1"*` and finds booth A-12,
  // not every document that has some word starting with "a" and another starting with "1".
  const prefixes = parsed.groups.map((g) => `${ftsString(g.join(' '))}*`).join(' ');
  // Titles first, in a window of their own: a title hit must not lose its place to body matches that happen to
  // have lower rowids, and it is what the visitor is looking for anyway.
  collect(words, `{title} : (${prefixes})`, 'words');
  collect(words, prefixes, 'words');
  // A trigram phrase shorter than three characters matches nothing, so such a query has no substring stage.
  if (parsed.tokens.every((t) => charCount(t) >= minTrigramChars)) {
    collect(trigram, parsed.tokens.map(ftsString).join(' AND '), 'substring');
  }
  return { query: text, hits };
}

/**
 * `groups`: runs of words joined by hyphens, dots, slashes or apostrophes ("A-12", "IT-кластер"), searched as
 * phrases; `tokens`: every word. Letters and digits only, folded: nothing typed can reach MATCH as FTS5 syntax.
 */
type ParsedQuery = { groups: string[][]; tokens: string[] };

const chunkPattern = /[\p{L}\p{N}\p{Pd}./_'’]+/gu;
const tokenPattern = /[\p{L}\p{N}]+/gu;

function parseQuery(query: string): ParsedQuery {
  const text = query.slice(0, maxScanChars).normalize('NFC');
  const groups: string[][] = [];
  const tokens: string[] = [];
  let count = 0;
  for (const chunk of text.matchAll(chunkPattern)) {
    const group: string[] = [];
    for (const m of chunk[0].matchAll(tokenPattern)) {
      if (count >= maxTokens) break;
      const token = fold(Array.from(m[0]).slice(0, maxTokenChars).join(''));
      group.push(token);
      count++;
      if (!tokens.includes(token)) tokens.push(token);
    }
    const key = group.join(' ');
    if (group.length > 0 && !groups.some((g) => g.join(' ') === key)) groups.push(group);
    if (count >= maxTokens) break;
  }
  return { groups, tokens };
}

function ftsString(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** In code points, as FTS5 counts characters, not UTF-16 units. */
function charCount(text: string): number {
  return Array.from(text).length;
}

const kindSet: ReadonlySet<string> = new Set(searchKinds);

function isSearchKind(kind: string): kind is SearchKind {
  return kindSet.has(kind);
}

function toHit(row: DocRow, query: ParsedQuery, matchedBy: SearchHit['matchedBy']): SearchHit | null {
  // A kind added to the schema before the contract knows it must not reach the renderer.
  if (!isSearchKind(row.kind)) return null;
  const mark = (text: string): Range[] =>
    matchedBy === 'words' ? wordRanges(text, query.groups) : substringRanges(text, query.tokens);
  return {
    kind: row.kind,
    id: row.ref,
    title: {
      ru: segments(row.title_ru, mark(row.title_ru), 0, row.title_ru.length),
      en: segments(row.title_en, mark(row.title_en), 0, row.title_en.length),
    },
    snippet: { ru: snippet(row.body_ru, mark(row.body_ru)), en: snippet(row.body_en, mark(row.body_en)) },
    matchedBy,
  };
}

// ---- Highlighting -------------------------------------------------------------------------------------------

/** [start, end) in UTF-16 units of the original text. */
type Range = readonly [number, number];

const latinWithDiacritics = /[\u00C0-\u024F\u1E00-\u1EFF]/g;

/**
 * Folds case, ё/е and Latin diacritics the way the FTS tokenizers do, keeping the length, so an index into the
 * folded text is an index into the original. A character whose folding would change the length stays as it is.
 */
function fold(text: string): string {
  let folded = text.toLowerCase();
  // Lowercasing never shortens a character, so equal lengths mean every character kept its position.
  if (folded.length !== text.length) {
    folded = '';
    for (const unit of text) {
      const lower = unit.toLowerCase();
      folded += lower.length === unit.length ? lower : unit;
    }
  }
  folded = folded.replaceAll('ё', 'е');
  return folded.replace(latinWithDiacritics, stripDiacritic);
}

function stripDiacritic(ch: string): string {
  const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
  return base.length === ch.length ? base : ch;
}

const notAfterWordChar = '(?<![\\p{L}\\p{N}\\p{M}])';
const betweenWords = '[^\\p{L}\\p{N}\\p{M}]+';

/** Word-prefix matches: each group's words in order, the first at a word start, as the FTS5 phrase matched. */
function wordRanges(text: string, groups: readonly string[][]): Range[] {
  if (text === '') return [];
  const folded = fold(text);
  const ranges: Range[] = [];
  for (const group of groups) {
    // Tokens are letters and digits only, so they need no escaping inside the pattern.
    const pattern = new RegExp(notAfterWordChar + group.join(betweenWords), 'gu');
    for (const m of folded.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);
  }
  return mergeRanges(ranges);
}

/** Substring matches: every occurrence of every token, wherever it is. */
function substringRanges(text: string, tokens: readonly string[]): Range[] {
  if (text === '') return [];
  const folded = fold(text);
  const ranges: Range[] = [];
  for (const token of tokens) {
    for (let at = folded.indexOf(token); at >= 0; at = folded.indexOf(token, at + 1)) {
      ranges.push([at, at + token.length]);
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: Range[]): Range[] {
  if (ranges.length < 2) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The text between start and end as segments; concatenated they are exactly text.slice(start, end). */
function segments(text: string, ranges: readonly Range[], start: number, end: number): TextSegment[] {
  const out: TextSegment[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b <= a) continue;
    if (a > at) out.push({ text: text.slice(at, a), match: false });
    out.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (end > at) out.push({ text: text.slice(at, end), match: false });
  return out;
}

const space = /\s/;

function isSpace(text: string, index: number): boolean {
  return space.test(text.charAt(index));
}

/** About snippetChars of the body around the first match (or its start), cut between words where possible. */
function snippet(text: string, ranges: readonly Range[]): TextSegment[] {
  const first = ranges[0];
  let start = 0;
  if (first) start = Math.max(0, Math.min(first[0] - snippetLead, text.length - snippetChars));
  let end = Math.min(text.length, start + snippetChars);
  // Never cut the first match out of the window, however long it is.
  if (first) end = Math.max(end, first[1]);

  if (start > 0 && !isSpace(text, start - 1)) {
    let s = start;
    while (s > start - boundarySlack && s > 0 && !isSpace(text, s - 1)) s--;
    if (s === 0 || isSpace(text, s - 1)) start = s;
  }
  if (end < text.length && !isSpace(text, end)) {
    const floor = Math.max(first ? first[1] : start, end - boundarySlack);
    let e = end;
    while (e > floor && !isSpace(text, e)) e--;
    if (isSpace(text, e)) end = e;
    else {
      e = end;
      while (e < end + boundarySlack && e < text.length && !isSpace(text, e)) e++;
      if (e === text.length || isSpace(text, e)) end = e;
    }
  }
  // A hard cut must not split a surrogate pair.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  while (start < end && isSpace(text, start)) start++;
  while (end > start && isSpace(text, end - 1)) end--;
  if (start >= end) return [];

  const body = segments(text, ranges, start, end);
  const cutBefore = text.slice(0, start).trim() !== '';
  const cutAfter = text.slice(end).trim() !== '';
  return [
    ...(cutBefore ? [{ text: ellipsis, match: false }] : []),
    ...body,
    ...(cutAfter ? [{ text: ellipsis, match: false }] : []),
  ];
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
