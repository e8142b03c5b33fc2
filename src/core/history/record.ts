import { randomUUID } from 'node:crypto';
import type { CallRequest, CallResult } from '../call/execute.js';
import { resolveUrl } from '../call/url.js';
import { redactUrl } from '../http/redact.js';
import { secretsInRequest } from '../http/request-secrets.js';
import type { Profile } from '../profiles/schema.js';
import {
  credentialsIn,
  redactBodyText,
  redactHeadersForHistory,
  scrubSecrets,
} from './redact-body.js';
import { appendHistory } from './store.js';
import { summarizeIdentity } from './summary.js';
import type { HistoryEntry, HistoryMessage, HistoryOptions } from './types.js';

/** Bodies longer than this are cut in the history and marked `bodyTruncated`. */
export const HISTORY_BODY_LIMIT = 64 * 1024;

/** What became of a request: a response (`result`), or an error before one arrived. */
export interface CallOutcome {
  result?: CallResult;
  error?: unknown;
  /** When the request was sent. @default now */
  at?: Date;
}

/**
 * A history entry for one call: the redacted URL, request and response headers without any part
 * of a credential, bodies up to 64 KiB with secret-named fields blanked, and the token used (or
 * an Authorization the user wrote) cut out of everything.
 */
export function historyEntry(
  profile: Pick<Profile, 'name' | 'baseUrl'>,
  request: CallRequest,
  outcome: CallOutcome,
  options: { bodyLimit?: number } = {},
): HistoryEntry {
  const limit = options.bodyLimit ?? HISTORY_BODY_LIMIT;
  const { result } = outcome;
  const url = result?.url ?? safeResolve(profile.baseUrl, request);
  const secrets = [
    ...credentialsIn(request.headers),
    ...secretsInRequest({
      method: request.method,
      // As the user wrote it: the query given apart from the path counts too.
      url: safeResolve(profile.baseUrl, request),
      headers: request.headers ?? {},
      ...(request.body !== undefined ? { body: request.body } : {}),
    }),
    ...(result?.token
      ? [result.token.token.accessToken, result.token.token.refreshToken ?? ''].filter(Boolean)
      : []),
  ];
  const requestBody = request.body === undefined ? null : Buffer.from(request.body, 'utf8');
  const requestMessage: HistoryMessage = {
    headers: redactHeadersForHistory(
      result?.response.request.headers ?? request.headers ?? {},
      secrets,
    ),
    ...bodyOf(requestBody, limit, secrets),
  };
  const response = result?.response;
  return {
    version: 1,
    id: randomUUID(),
    at: (outcome.at ?? new Date()).toISOString(),
    profile: profile.name,
    method: (result?.response.request.method ?? request.method).toUpperCase(),
    url: scrubSecrets(redactUrl(url), secrets),
    status: response?.status ?? null,
    error: response ? null : errorText(outcome.error, secrets),
    timing: response?.timing ?? null,
    identity: summarizeIdentity(result?.identity ?? null),
    explanation: result?.explanation ?? null,
    request: requestMessage,
    response: response
      ? {
          headers: redactHeadersForHistory(response.headers, secrets),
          // A streamed body is kept only in part: the history says it is not whole.
          ...bodyOf(
            response.body,
            limit,
            secrets,
            // (Scrubbing shortens a body without cutting it: length is no sign.)
            response.truncated || response.streamed,
          ),
          receivedBytes: response.receivedBytes,
        }
      : null,
  };
}

/**
 * Records a call in the profile's history unless the profile turned history off
 * (`history: false`). Returns the entry stored, or null.
 */
export async function recordCallHistory(
  profile: Pick<Profile, 'name' | 'baseUrl' | 'history'>,
  request: CallRequest,
  outcome: CallOutcome,
  options: HistoryOptions = {},
): Promise<HistoryEntry | null> {
  if (profile.history === false) return null;
  const entry = historyEntry(profile, request, outcome);
  await appendHistory(entry, options);
  return entry;
}

function bodyOf(
  body: Buffer | null,
  limit: number,
  secrets: readonly string[],
  alreadyTruncated = false,
): Pick<HistoryMessage, 'body' | 'bodyTruncated'> {
  if (body === null || body.length === 0) return { body: null, bodyTruncated: alreadyTruncated };
  // Scrub first, then cut: a cut through a secret would leave most of it unrecognisable, so
  // the window reaches past the limit by the longest secret and every secret is whole in it.
  const slack = Math.max(0, ...secrets.map((secret) => Buffer.byteLength(secret)));
  const window = body.subarray(0, limit + slack).toString('utf8');
  const redacted = Buffer.from(redactBodyText(window, secrets), 'utf8');
  const cut = body.length > limit || redacted.length > limit;
  return {
    body: redacted.subarray(0, limit).toString('utf8'),
    bodyTruncated: cut || alreadyTruncated,
  };
}

function safeResolve(baseUrl: string, request: CallRequest): string {
  try {
    return resolveUrl(baseUrl, request.path, request.query);
  } catch {
    return request.path;
  }
}

function errorText(error: unknown, secrets: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error ?? 'no response');
  return scrubSecrets(message, secrets);
}
