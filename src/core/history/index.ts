/** Every request `call` and `compare` made, per profile, with nothing a credential could be read from. */
export {
  appendHistory,
  clearHistory,
  historyDir,
  historyFile,
  readHistory,
  HISTORY_DIR,
  HISTORY_LIMIT,
} from './store.js';
export { historyEntry, recordCallHistory, HISTORY_BODY_LIMIT, type CallOutcome } from './record.js';
export { historyToCallRequest, relativeToBase } from './replay.js';
export { redactBodyText, REDACTED } from './redact-body.js';
export { describeCaller, summarizeIdentity, type IdentitySummary } from './summary.js';
export type { HistoryEntry, HistoryMessage, HistoryOptions } from './types.js';
