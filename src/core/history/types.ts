import type { Explanation } from '../explain/explain.js';
import type { Timing } from '../http/types.js';
import type { IdentitySummary } from './summary.js';

/** One side of a stored exchange. Headers are redacted; the body is cut at the history limit. */
export interface HistoryMessage {
  headers: Record<string, string | string[]>;
  /** Text of the body (secret-named fields redacted), null when there was none. */
  body: string | null;
  /** The body was longer than the history keeps (64 KiB). */
  bodyTruncated: boolean;
}

/** One request keyhole made, as kept in `history/<profile>.jsonl`. */
export interface HistoryEntry {
  version: 1;
  /** Random id, stable for the life of the entry (a list key for the TUI). */
  id: string;
  /** When the request was sent, ISO 8601. */
  at: string;
  profile: string;
  method: string;
  /** The URL as sent, through redactUrl. */
  url: string;
  /** Null when no response came (`error` says why). */
  status: number | null;
  /** Why the request could not be sent or answered; null when a response came. */
  error: string | null;
  timing: Timing | null;
  identity: IdentitySummary | null;
  explanation: Explanation | null;
  request: HistoryMessage;
  response: (HistoryMessage & { receivedBytes: number }) | null;
}

export interface HistoryOptions {
  /** The config folder; history lives in its `history/` subfolder. @default configDir() */
  dir?: string;
}
