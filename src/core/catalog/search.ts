import fuzzysort from 'fuzzysort';
import type { CatalogOperation } from './types.js';

type Snapshot = ReturnType<typeof snapshotOf>;

// One snapshot per operations array: preparing ~900 operations once keeps a keystroke at a few ms.
const snapshots = new WeakMap<readonly CatalogOperation[], Snapshot>();

function snapshotOf(operations: readonly CatalogOperation[]) {
  return fuzzysort.snapshot(operations, {
    keys: [
      'method',
      'path',
      'summary',
      (operation: CatalogOperation) => operation.operationId ?? undefined,
      (operation: CatalogOperation) => operation.tags.join(' ') || undefined,
    ],
  });
}

/**
 * Ranks operations by a fuzzy match of `text` against method, path, summary, operationId and
 * tags; space-separated words may each match a different field (`post access-requests`). Empty
 * text returns the operations in spec order.
 *
 * @param limit - most results to return. @default unlimited
 */
export function searchOperations(
  operations: readonly CatalogOperation[],
  text: string,
  limit?: number,
): CatalogOperation[] {
  const query = text.trim();
  if (query === '') return operations.slice(0, limit);
  let snapshot = snapshots.get(operations);
  if (!snapshot) {
    snapshot = snapshotOf(operations);
    snapshots.set(operations, snapshot);
  }
  // fuzzysort's default threshold (0.5) hides loose but useful matches such as "acc req".
  const results = fuzzysort.go(query, snapshot, { limit: limit ?? 0, threshold: 0 });
  return results.map((result) => result.obj);
}
