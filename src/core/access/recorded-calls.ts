import type { HistoryEntry } from '../history/types.js';
import type { RecordedCall } from './scope-audit.js';

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
