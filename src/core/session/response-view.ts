import type { CallResult } from '../call/execute.js';
import type { Explanation } from '../explain/explain.js';
import { redactHeaders, redactUrl } from '../http/redact.js';
import { noun } from '../text/plural.js';
import { BodyDocument } from './body-document.js';
import type { ResponseView } from './types.js';

/**
 * A finished call as the response panel shows it. Headers are redacted here, once, so no view
 * can forget to; the body is kept raw (for saving) behind a lazily formatted document.
 */
export function responseView(
  profile: string,
  result: CallResult,
  profilesWithUser: readonly string[] = [],
): ResponseView {
  const { response } = result;
  const contentType = response.headers['content-type'];
  return {
    profile,
    method: response.request.method,
    url: redactUrl(result.url),
    status: response.status,
    statusText: response.statusText ?? '',
    headers: redactHeaders(response.headers),
    requestHeaders: redactHeaders(response.request.headers),
    timing: response.timing,
    receivedBytes: response.receivedBytes,
    truncated: response.truncated,
    bodyLimitBytes: response.bodyLimitBytes,
    retries: response.retries,
    warnings: response.warnings,
    explanation: withAlternatives(result.explanation, profilesWithUser),
    body: new BodyDocument(
      response.body,
      Array.isArray(contentType) ? (contentType[0] ?? null) : (contentType ?? null),
    ),
  };
}

/** "this token has no user context; demo-pat has one": the retry is one profile away. */
function withAlternatives(
  explanation: Explanation | null,
  profilesWithUser: readonly string[],
): Explanation | null {
  if (explanation?.reason !== 'no_user_context' || profilesWithUser.length === 0)
    return explanation;
  const names = profilesWithUser.join(', ');
  return {
    ...explanation,
    summary: `${explanation.summary}; ${names} ${noun(profilesWithUser.length, 'has', 'have')} one`,
  };
}
