import { matchOperation } from '../catalog/match.js';
import type { CatalogOperation } from '../catalog/types.js';
import type { HistoryEntry } from '../history/types.js';

/** One call as the history recorded it. */
export interface RecordedCall {
  method: string;
  /** The path as sent, query and all (only the path is matched). */
  path: string;
  /** Null when no response came. */
  status: number | null;
  /** ISO 8601. */
  at: string;
}

/**
 * History entries as the calls an audit or a plan reads: the path of each URL, and only those
 * sent within `sinceMs` of `now` when given.
 */
export function recordedCalls(
  entries: readonly Pick<HistoryEntry, 'method' | 'url' | 'status' | 'at'>[],
  sinceMs?: number,
  now: number = Date.now(),
): RecordedCall[] {
  const from = sinceMs === undefined ? -Infinity : now - sinceMs;
  return entries
    .filter((entry) => Date.parse(entry.at) >= from)
    .map((entry) => ({
      method: entry.method,
      path: pathOf(entry.url),
      status: entry.status,
      at: entry.at,
    }));
}

/** The path of a recorded URL (history keeps whole URLs, redacted); the text itself otherwise. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Recorded calls grouped by the operation each one reached, and those no operation has. */
export interface PlacedCalls {
  /** In the order each operation was first called. */
  reached: { operation: CatalogOperation; calls: RecordedCall[] }[];
  unmatched: { method: string; path: string; calls: number }[];
}

/** Each call matched to its operation's template (`/v3/identities/2c91…` → `/{id}`). */
export function placeCalls(
  calls: readonly RecordedCall[],
  operations: readonly CatalogOperation[],
): PlacedCalls {
  const reached = new Map<string, PlacedCalls['reached'][number]>();
  const unmatched = new Map<string, PlacedCalls['unmatched'][number]>();
  for (const call of calls) {
    const operation = matchOperation(operations, call.method, call.path);
    if (operation) {
      const entry = reached.get(operation.id) ?? { operation, calls: [] };
      entry.calls.push(call);
      reached.set(operation.id, entry);
      continue;
    }
    const method = call.method.toUpperCase();
    const path = call.path.replace(/[?#].*$/, '');
    const entry = unmatched.get(`${method} ${path}`) ?? { method, path, calls: 0 };
    entry.calls += 1;
    unmatched.set(`${method} ${path}`, entry);
  }
  return { reached: [...reached.values()], unmatched: [...unmatched.values()] };
}
