import { searchEntry, type SearchEntry } from './search-entry.js';
import { candidateTest } from './search-prefilter.js';
import { parseQuery, type ParsedQuery } from './search-query.js';
import { scoreEntry, wordPoints } from './search-score.js';
import type { CatalogOperation } from './types.js';

/*
 * The order as one number per hit, so 22,000 hits sort as a Float64Array (a few ms) rather than
 * through a comparator: more points first, then the shorter path (`GET /users` before
 * `GET /users/{id}`), then the shorter path text, then spec order. Each part is kept in its own
 * bits; the whole stays below 2^53, where doubles are exact.
 */
const INDEX_BITS = 2 ** 21;
const LENGTH_CAP = 2 ** 10;
const DEPTH_CAP = 2 ** 6;
const SCORE_CAP = 2 ** 15;

function rankKey(entry: SearchEntry, score: number, index: number): number {
  const points = SCORE_CAP - 1 - Math.min(score, SCORE_CAP - 1);
  const depth = Math.min(entry.depth, DEPTH_CAP - 1);
  const length = Math.min(entry.path.length, LENGTH_CAP - 1);
  return ((points * DEPTH_CAP + depth) * LENGTH_CAP + length) * INDEX_BITS + index;
}

/** Words remembered per list: enough for a few queries typed and edited. */
const MEMO_WORDS = 64;

/**
 * One list of operations as far as prepared: its entries (built when first needed, see
 * `candidateTest`), and each word's points as far as looked up.
 */
interface SearchIndex {
  readonly operations: readonly CatalogOperation[];
  readonly entries: (SearchEntry | undefined)[];
  /** word → points + 1 per operation index; 0 where not looked up yet. */
  readonly memo: Map<string, Uint8Array>;
}

const indexes = new WeakMap<readonly CatalogOperation[], SearchIndex>();

function searchIndexOf(operations: readonly CatalogOperation[]): SearchIndex {
  let index = indexes.get(operations);
  if (!index) {
    index = { operations, entries: new Array(operations.length), memo: new Map() };
    indexes.set(operations, index);
  }
  return index;
}

function memoOf(index: SearchIndex, word: string): Uint8Array {
  let points = index.memo.get(word);
  if (!points) {
    if (index.memo.size >= MEMO_WORDS) index.memo.clear();
    points = new Uint8Array(index.entries.length);
    index.memo.set(word, points);
  }
  return points;
}

function rank(index: SearchIndex, query: ParsedQuery, loose: boolean): Float64Array {
  const { entries, operations } = index;
  const memos = query.words.map((word) => memoOf(index, word.word));
  const keys = new Float64Array(entries.length);
  // The letters-in-order pass may match anything: it prepares every operation.
  const candidate = loose ? null : candidateTest(query);
  let hits = 0;
  let at = 0;
  let entry: SearchEntry;
  const pointsOf = (wordIndex: number): number => {
    const memo = memos[wordIndex]!;
    let points = memo[at]!;
    if (points === 0) {
      points = wordPoints(entry, query.words[wordIndex]!) + 1;
      memo[at] = points;
    }
    return points - 1;
  };
  // Past 2^21 operations the index bits would overflow into the path length: none is that big.
  const count = Math.min(entries.length, INDEX_BITS);
  for (at = 0; at < count; at += 1) {
    let prepared = entries[at];
    if (prepared === undefined) {
      const operation = operations[at]!;
      if (candidate !== null && !candidate(operation)) continue;
      prepared = entries[at] = searchEntry(operation);
    }
    entry = prepared;
    const score = scoreEntry(entry, query, pointsOf, loose);
    if (score > 0) keys[hits++] = rankKey(entry, score, at);
  }
  return keys.subarray(0, hits).sort();
}

/**
 * Ranks operations for what a person types: each word of `text` must be found in the method,
 * path, summary, operationId or tags (whole, as the start of a word, inside one; as letters in
 * order when nothing matches so), and the ranking prefers words of the path's last segments,
 * verbs that name the method ("list users" is GET, "create" is POST), an exact operationId,
 * summary or `METHOD /path`, and then the shorter path. Empty text returns the operations in
 * spec order.
 *
 * @param limit - most results to return. @default unlimited
 */
export function searchOperations(
  operations: readonly CatalogOperation[],
  text: string,
  limit?: number,
): CatalogOperation[] {
  if (text.trim() === '' || operations.length === 0) return operations.slice(0, limit);
  const index = searchIndexOf(operations);
  const query = parseQuery(text);
  let ranked = rank(index, query, false);
  if (ranked.length === 0) ranked = rank(index, query, true);
  const kept = limit === undefined ? ranked.length : Math.min(limit, ranked.length);
  const results = new Array<CatalogOperation>(kept);
  for (let i = 0; i < kept; i += 1) results[i] = operations[ranked[i]! % INDEX_BITS]!;
  return results;
}

/** Operations prepared per turn of the event loop by `prepareSearch`: ~10 ms of work. */
const PREPARE_SLICE = 500;

/**
 * Prepares `operations` for searching a slice at a time between other work, so that the first
 * keystroke over a big catalog (Graph beta's 22,000 operations take ~0.5 s) finds it done and no
 * frame waits for it. Returns a function that stops the preparing.
 */
export function prepareSearch(operations: readonly CatalogOperation[]): () => void {
  const { entries } = searchIndexOf(operations);
  let at = 0;
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    const end = Math.min(operations.length, at + PREPARE_SLICE);
    for (; at < end; at += 1) entries[at] ??= searchEntry(operations[at]!);
    timer = at < operations.length ? setImmediate(step).unref() : undefined;
  };
  timer = setImmediate(step).unref();
  return () => {
    if (timer) clearImmediate(timer);
  };
}
