// Bundled by bench/search.mjs: a keystroke's search over a Graph-beta-sized catalog.
import { readFileSync } from 'node:fs';
import fuzzysort from 'fuzzysort';
import { buildSpecIndex } from '../src/core/catalog/extract.js';
import type { OpenApiDocument } from '../src/core/catalog/parse.js';
import { searchOperations } from '../src/core/catalog/search.js';
import type { CatalogOperation } from '../src/core/catalog/types.js';

/** What people type, letter by letter. */
const TYPED = [
  'list users calendar events',
  'get /v1.0/me/messages',
  'users.user.ListUser',
  'create group',
  'delete drive items',
  'patch /beta/applications/{application-id}',
];

/**
 * Graph v1.0 (11,422 operations) twice, the second copy under `/beta` as Graph beta's paths
 * are: ~22,800 operations, about Graph beta's 22,361, without parsing its 47 MB.
 */
export function syntheticCatalog(graphFile: string): CatalogOperation[] {
  const document = JSON.parse(readFileSync(graphFile, 'utf8')) as OpenApiDocument;
  const v1 = buildSpecIndex(document, 'graph').operations;
  const beta = v1.map((op) => {
    const path = op.path.replace(/^\/v1\.0/, '/beta');
    return { ...op, path, id: `${op.method} ${path}` };
  });
  return [...v1, ...beta];
}

interface Keystrokes {
  median: number;
  p95: number;
  max: number;
  /** The slowest keystroke's text. */
  slowest: string;
}

/** Typing runs; each keystroke's figure is its fastest run, which leaves out other processes. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/**
 * Each of `TYPED` typed letter by letter, `RUNS` times. `fresh` gives the search a state of its
 * own for each run (a new list: nothing remembered from the run before).
 */
function perKeystroke(fresh: () => (text: string) => unknown): Keystrokes {
  const keystrokes = TYPED.flatMap((text) =>
    Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)),
  );
  const best = keystrokes.map(() => Infinity);
  for (let run = 0; run < RUNS; run += 1) {
    const search = fresh();
    keystrokes.forEach((text, i) => {
      const started = performance.now();
      search(text);
      best[i] = Math.min(best[i]!, performance.now() - started);
    });
  }
  const times = keystrokes.map((text, i) => ({ text, ms: best[i]! }));
  times.sort((a, b) => a.ms - b.ms);
  const at = (share: number) =>
    times[Math.min(times.length - 1, Math.floor(times.length * share))]!;
  return { median: at(0.5).ms, p95: at(0.95).ms, max: at(1).ms, slowest: at(1).text };
}

/** keyhole's search vs fuzzysort over the same catalog (the library it replaced), per keystroke. */
export function searchKeystrokes(graphFile: string) {
  const operations = syntheticCatalog(graphFile);
  let started = performance.now();
  searchOperations(operations, 'a');
  const firstMs = performance.now() - started;
  const keyhole = perKeystroke(() => {
    const list = operations.slice();
    return (text) => searchOperations(list, text);
  });
  started = performance.now();
  const snapshot = fuzzysort.snapshot(operations, {
    keys: ['method', 'path', 'summary', (op: CatalogOperation) => op.operationId ?? undefined],
  });
  fuzzysort.go('a', snapshot, { limit: 0, threshold: 0 });
  const fuzzyFirstMs = performance.now() - started;
  const fuzzy = perKeystroke(
    () => (text) => fuzzysort.go(text, snapshot, { limit: 0, threshold: 0 }),
  );
  return { operations: operations.length, firstMs, keyhole, fuzzyFirstMs, fuzzy };
}
