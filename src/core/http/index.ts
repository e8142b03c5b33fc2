/**
 * keyhole's request engine: undici over shared keep-alive dispatchers, with per-origin
 * credentials, redirects, token refresh, rate-limit waits, timing, progress and redaction.
 */
export { closeDispatchers } from './agent.js';
export {
  paginate,
  parseLinkHeader,
  DEFAULT_MAX_PAGES,
  type Page,
  type PageInfo,
  type PaginateOptions,
} from './paginate.js';
export { isCredentialHeader } from './credentials.js';
export {
  isSecretParam,
  redactCredential,
  redactHeaders,
  redactUrl,
  redactValue,
} from './redact.js';
export {
  MIN_FRAGMENT_LENGTH,
  MIN_SECRET_LENGTH,
  REDACTED,
  scrubBuffer,
  scrubSecrets,
} from './scrub.js';
export { secretsInRequest } from './request-secrets.js';
export { MAX_TIMER_MS, MEMORY_CEILING_BYTES, STREAM_PREVIEW_BYTES } from './limits.js';
export { parseRetryAfter } from './retry.js';
export {
  sendRequest,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  INSECURE_WARNING,
} from './send.js';
export { sanitizeForTerminal } from './terminal.js';
export type {
  OutgoingRequest,
  ProgressEvent,
  RequestAuthorization,
  ResponseRecord,
  SendOptions,
  Timing,
} from './types.js';
