/**
 * The TUI's session, free of any UI: a Workbench owns the profiles, tokens, catalogs, request
 * and response, and reports changes to whoever renders them.
 */
export { Workbench, type WorkbenchOptions } from './workbench.js';
export { BodyDocument, type BodyKind, type BodyMatch } from './body-document.js';
export { tokenBadge, type TokenBadge } from './badge.js';
export { usableGrants, needsPerson } from './grants.js';
export {
  demoProfiles,
  keepDemoCommands,
  type DemoClientInfo,
  type DemoProfiles,
} from './demo-profiles.js';
export { isKeychainUnavailable } from './keychain.js';
export { formatBytes } from '../text/size.js';
export { NOTICE_LIFETIMES, type NoticeEnding, type NoticeTopic } from './notice-board.js';
export {
  EMPTY_DRAFT,
  METHODS,
  concretePath,
  draftFromCallRequest,
  draftFromOperation,
  draftUrl,
  placeholders,
  sentQuery,
  toCallRequest,
  withPathTemplate,
  type RequestDraft,
  type RequestField,
} from './request.js';
export {
  auditForSession,
  planForSession,
  type AuditState,
  type PlanOutcome,
} from './scope-views.js';
export type { CompareState, MatrixState } from './tools.js';
export type {
  CatalogState,
  Notice,
  ResponseState,
  ResponseView,
  SessionProfile,
  SessionSnapshot,
  TokenState,
} from './types.js';
