import { searchEntry, type SearchEntry } from './search-entry.js';
import { parseQuery } from './search-query.js';
import { scoreEntry } from './search-score.js';
import type { CatalogOperation } from './types.js';

interface Hit {
  readonly entry: SearchEntry;
  readonly score: number;
  readonly index: number;
}

/** More points first; then the shorter path (`GET /users` before `GET /users/{id}`); then spec order. */
function byRank(a: Hit, b: Hit): number {
  return (
    b.score - a.score ||
    a.entry.depth - b.entry.depth ||
    a.entry.path.length - b.entry.path.length ||
    a.index - b.index
  );
}

/**
 * Ranks operations for what a person types: each word of `text` must be found in the method,
 * path, summary, operationId or tags (whole, as the start of a word, or as letters in order),
 * and the ranking prefers words of the path's last segments, verbs that name the method
 * ("list users" is GET, "create" is POST), an exact operationId, summary or `METHOD /path`, and
 * then the shorter path. Empty text returns the operations in spec order.
 *
 * @param limit - most results to return. @default unlimited
 */
export function searchOperations(
  operations: readonly CatalogOperation[],
  text: string,
  limit?: number,
): CatalogOperation[] {
  if (text.trim() === '') return operations.slice(0, limit);
  const query = parseQuery(text);
  const hits: Hit[] = [];
  for (let index = 0; index < operations.length; index += 1) {
    const entry = searchEntry(operations[index]!);
    const score = scoreEntry(entry, query);
    if (score > 0) hits.push({ entry, score, index });
  }
  hits.sort(byRank);
  const kept = limit === undefined ? hits : hits.slice(0, limit);
  return kept.map((hit) => hit.entry.operation);
}
