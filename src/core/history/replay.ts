import type { CallRequest } from '../call/execute.js';
import { formatBytes } from '../text/size.js';
import { HISTORY_BODY_LIMIT } from './record.js';
import { REDACTED } from './redact-body.js';
import type { HistoryEntry } from './types.js';

/** Headers the engine sets itself (the token) or that history never keeps whole. */
const NOT_REPLAYED = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-length',
]);

/**
 * Splits an absolute URL into a path relative to `baseUrl` and its query, when the URL lies under
 * the base URL (same origin, and the base URL's own path as a prefix). Null otherwise: such a URL
 * is sent as written, and never with the profile's token.
 */
export function relativeToBase(
  url: string,
  baseUrl: string,
): { path: string; query: [string, string][] } | null {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix !== '' && target.pathname !== prefix && !target.pathname.startsWith(`${prefix}/`)) {
    return null;
  }
  const path = target.pathname.slice(prefix.length) || '/';
  return { path, query: [...target.searchParams.entries()] };
}

/**
 * The request an entry describes, ready for executeCall, plus what could not be carried over:
 * credentials are never in history (the engine adds the profile's token again), and values that
 * were redacted or cut short are reported rather than replayed silently wrong.
 */
export function historyToCallRequest(
  entry: HistoryEntry,
  baseUrl?: string,
): { request: CallRequest; warnings: string[] } {
  const warnings: string[] = [];
  const relative = baseUrl === undefined ? null : relativeToBase(entry.url, baseUrl);
  if (entry.url.includes('…(redacted')) {
    warnings.push('a query parameter was redacted in the history; fill it in before sending');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.request.headers)) {
    const lower = name.toLowerCase();
    if (NOT_REPLAYED.has(lower)) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text.includes(REDACTED) || text.includes('…(redacted')) {
      warnings.push(`the ${name} header was redacted in the history and is left out`);
      continue;
    }
    headers[name] = text;
  }
  const body = entry.request.body ?? undefined;
  if (entry.request.bodyTruncated)
    warnings.push(`the body was cut at ${formatBytes(HISTORY_BODY_LIMIT)} in the history`);
  else if (body?.includes(REDACTED))
    warnings.push('fields of the body were redacted in the history');
  const request: CallRequest = {
    method: entry.method,
    path: relative ? relative.path : entry.url,
    ...(relative && relative.query.length > 0 ? { query: relative.query } : {}),
    headers,
    ...(body !== undefined ? { body } : {}),
  };
  return { request, warnings };
}
