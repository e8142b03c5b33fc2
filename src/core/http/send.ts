import { KeyholeError, UsageError } from '../errors.js';
import { dispatcherFor } from './agent.js';
import { seconds } from './errors.js';
import { exchange, type ExchangeResult } from './exchange.js';
import { redactHeaders, redactUrl } from './redact.js';
import {
  isRedirect,
  redirectMethod,
  redirectTarget,
  withoutBodyHeaders,
  withoutCredentials,
} from './redirects.js';
import { backoffMs, isIdempotent, parseRetryAfter, waitBeforeRetry } from './retry.js';
import type { OutgoingRequest, ProgressEvent, ResponseRecord, SendOptions } from './types.js';

/** @see SendOptions.timeoutMs */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** @see SendOptions.maxBodyBytes */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** @see SendOptions.followRedirects */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Put in ResponseRecord.warnings of every response fetched with tls.insecure. */
export const INSECURE_WARNING =
  'TLS certificate verification is OFF (--insecure): anyone on the network path could read ' +
  'or change this exchange, credentials included.';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${redactUrl(text)}" is not an absolute URL`, 'Use a full https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${redactUrl(url.href)} is not an http(s) URL`);
  }
  return url;
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * Sends a request and returns the complete response, following redirects (credentials only to
 * the origin they belong to), refreshing the token once after a 401 and, when allowed, waiting
 * out 429s of idempotent requests. HTTP error statuses are results, not exceptions; network
 * failures, timeouts and cancellation throw KeyholeErrors whose messages never hold a token.
 */
export async function sendRequest(
  request: OutgoingRequest,
  options: SendOptions = {},
): Promise<ResponseRecord> {
  const started = performance.now();
  const { authorization, signal, onProgress, retryOn429 } = options;
  const maxRedirects = options.followRedirects ?? DEFAULT_MAX_REDIRECTS;
  const dispatcher = dispatcherFor({ ...options.tls, proxyFromEnv: options.proxyFromEnv });
  const warnings = options.tls?.insecure === true ? [INSECURE_WARNING] : [];
  const tokenOrigin = authorization === undefined ? null : parseUrl(authorization.origin).origin;
  // An Authorization the caller wrote wins; the engine then neither adds nor refreshes a token.
  const callerAuthorizes = hasHeader(request.headers, 'authorization');
  const emit = (event: ProgressEvent) => onProgress?.(event);

  let url = parseUrl(request.url);
  let method = request.method.toUpperCase();
  let headers: Record<string, string> = { ...request.headers };
  let body = request.body;
  // Once a redirect has left the original origin, no credential is sent again on this call.
  let leftOrigin = false;
  let token: string | undefined;
  let refreshed = false;
  let rateLimited = 0;
  let retries = 0;
  const redirects: { status: number; location: string }[] = [];
  const secrets: string[] = [];

  for (;;) {
    const withToken =
      authorization !== undefined && !callerAuthorizes && !leftOrigin && url.origin === tokenOrigin;
    if (withToken && url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
      throw new KeyholeError(`refusing to send the token over plain http to ${url.host}`, {
        exitCode: 2,
        hint: 'Use the https:// address of the API.',
      });
    }
    if (withToken && token === undefined) {
      token = await authorization.getToken({ force: false });
      secrets.push(token);
    }
    const sent = withToken ? { ...headers, authorization: `Bearer ${token}` } : headers;
    const result = await exchange(
      { method, url, headers: sent, ...(body !== undefined && { body }) },
      {
        dispatcher,
        signal,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        onProgress,
        secrets,
      },
    );

    if (result.status === 401 && withToken && !refreshed && authorization.renewable !== false) {
      refreshed = true;
      retries += 1;
      emit({
        type: 'retry',
        reason: '401 Unauthorized: trying once more with a new token',
        waitMs: 0,
      });
      token = await authorization.getToken({ force: true });
      secrets.push(token);
      continue;
    }

    if (
      result.status === 429 &&
      retryOn429 !== undefined &&
      isIdempotent(method) &&
      rateLimited < retryOn429.maxRetries
    ) {
      const advised = parseRetryAfter(result.headers['retry-after']);
      const waitMs = advised ?? backoffMs(rateLimited);
      if (waitMs <= retryOn429.maxWaitMs) {
        rateLimited += 1;
        retries += 1;
        emit({
          type: 'retry',
          reason:
            `429 Too Many Requests: waiting ${seconds(waitMs)}` +
            (advised === null ? '' : ' as Retry-After asks'),
          waitMs,
        });
        await waitBeforeRetry(waitMs, url, signal);
        continue;
      }
    }

    const location = headerText(result.headers.location);
    const next = location === undefined ? null : redirectTarget(url, location);
    if (isRedirect(result.status) && next !== null && maxRedirects > 0) {
      if (redirects.length >= maxRedirects) {
        throw new KeyholeError(
          `stopped after ${maxRedirects} redirects; the last one pointed to ${redactUrl(next.href)}`,
          { hint: 'The server may be redirecting in a loop. Raise --max-redirects if not.' },
        );
      }
      redirects.push({ status: result.status, location: redactUrl(next.href) });
      if (next.origin !== url.origin) {
        leftOrigin = true;
        headers = withoutCredentials(headers);
      }
      const hop = redirectMethod(result.status, method);
      method = hop.method;
      if (!hop.keepBody) {
        body = undefined;
        headers = withoutBodyHeaders(headers);
      }
      url = next;
      continue;
    }

    emit({ type: 'done', status: result.status });
    return record(result, {
      request: { method, url: redactUrl(url.href), headers: redactHeaders(sent) },
      redirects,
      retries,
      warnings,
      totalMs: performance.now() - started,
    });
  }
}

function record(
  result: ExchangeResult,
  extra: Pick<ResponseRecord, 'request' | 'redirects' | 'retries' | 'warnings'> & {
    totalMs: number;
  },
): ResponseRecord {
  const { phases, firstByteMs, downloadMs, ...response } = result;
  return {
    ...response,
    timing: { ...phases, firstByteMs, downloadMs, totalMs: extra.totalMs },
    redirects: extra.redirects,
    retries: extra.retries,
    request: extra.request,
    warnings: extra.warnings,
  };
}
