import { KeyholeError, UsageError } from '../errors.js';
import { dispatcherFor } from './agent.js';
import { Cancellation } from './cancel.js';
import { splitCredentials } from './credentials.js';
import { deadlineError, seconds } from './errors.js';
import { exchange, type ExchangeResult } from './exchange.js';
import { boundedMs } from './limits.js';
import { redactHeaders, redactUrl } from './redact.js';
import { isRedirect, redirectMethod, redirectTarget, withoutBodyHeaders } from './redirects.js';
import { secretsInRequest } from './request-secrets.js';
import { backoffMs, isIdempotent, parseRetryAfter, waitBeforeRetry } from './retry.js';
import { scrubSecrets, secretList } from './scrub.js';
import { ScrubbingSink } from './scrub-stream.js';
import { echoWarning, scrubHeaderValues, scrubResponseInTurns } from './scrub-response.js';
import type { OutgoingRequest, ProgressEvent, ResponseRecord, SendOptions } from './types.js';
import { plural } from '../text/plural.js';

/** @see SendOptions.timeoutMs */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** @see SendOptions.deadlineMs */
export const DEFAULT_DEADLINE_MS = 300_000;
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
 * failures, timeouts, the deadline and cancellation throw KeyholeErrors whose messages never
 * hold a token.
 */
export function sendRequest(
  request: OutgoingRequest,
  options: SendOptions = {},
): Promise<ResponseRecord> {
  const deadlineMs = boundedMs(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const { cancellation, stop } = Cancellation.following(options.signal);
  if (deadlineMs === 0) return send(request, options, cancellation, Infinity).finally(stop);
  return new Promise<ResponseRecord>((resolve, reject) => {
    // Rejects when the deadline passes even if the step in progress (a token request) ignores
    // the cancel; that step's own outcome is then dropped.
    const timer = setTimeout(() => {
      cancellation.cancel();
      reject(deadlineError(request.url, deadlineMs));
    }, deadlineMs);
    send(request, options, cancellation, performance.now() + deadlineMs).then(
      (record) => {
        clearTimeout(timer);
        stop();
        resolve(record);
      },
      (error: unknown) => {
        clearTimeout(timer);
        stop();
        reject(error);
      },
    );
  });
}

async function send(
  request: OutgoingRequest,
  options: SendOptions,
  cancellation: Cancellation,
  deadlineAt: number,
): Promise<ResponseRecord> {
  const started = performance.now();
  const { authorization, onProgress, retryOn429 } = options;
  const maxRedirects = options.followRedirects ?? DEFAULT_MAX_REDIRECTS;
  const { tls, proxyFromEnv } = options;
  const dispatcher = dispatcherFor({ caFile: tls?.caFile, insecure: tls?.insecure, proxyFromEnv });
  const warnings = tls?.insecure === true ? [INSECURE_WARNING] : [];
  let url = parseUrl(request.url);
  const tokenOrigin = authorization === undefined ? null : parseUrl(authorization.origin).origin;
  // Credential headers, the caller's own included, go to this origin only.
  const credentialOrigin = tokenOrigin ?? url.origin;
  // An Authorization the caller wrote wins; the engine then neither adds nor refreshes a token.
  const callerAuthorizes = hasHeader(request.headers, 'authorization');
  const emit = (event: ProgressEvent) => onProgress?.(event);

  let method = request.method.toUpperCase();
  // Never changed in place: a redirect that drops the body makes a new object.
  let headers: Readonly<Record<string, string>> = request.headers;
  let body = request.body;
  // Once a redirect has left the original origin, no credential is sent again on this call.
  let leftOrigin = false;
  let token: string | undefined;
  let refreshed = false;
  let rateLimited = 0;
  let retries = 0;
  const redirects: { status: number; location: string }[] = [];
  // Everything secret the request carries; the response is scrubbed of it before anyone sees it.
  const secrets: string[] = secretsInRequest(request, url);
  const withheld = new Set<string>();
  let withheldFrom = '';
  const withhold = (names: readonly string[], origin: string) => {
    if (names.length > 0 && withheld.size === 0) withheldFrom = origin;
    names.forEach((name) => withheld.add(name));
  };

  // A streamed body is scrubbed on its way out, like every body that is kept.
  const knownSecrets = () => [...secrets, ...(authorization?.secrets?.() ?? [])];
  const scrubbingSink =
    options.streamBodyTo && new ScrubbingSink(options.streamBodyTo, knownSecrets);

  for (;;) {
    // URL.origin is built anew on each read.
    const origin = url.origin;
    const own = !leftOrigin && origin === credentialOrigin;
    const { kept, dropped } = own ? { kept: headers, dropped: [] } : splitCredentials(headers);
    withhold(dropped, origin);
    const withToken =
      authorization !== undefined && !callerAuthorizes && own && origin === tokenOrigin;
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
    // Object.assign: a literal opening with a spread is slow in Node 20 (see exchange.ts).
    const sent = withToken ? Object.assign({}, kept, { authorization: `Bearer ${token}` }) : kept;
    // Each of the three follow-ups below asks one of these, so the body of a response the engine
    // acts on is never streamed to the caller, and every other one is.
    const refreshes = (status: number) =>
      status === 401 && withToken && !refreshed && authorization?.renewable !== false;
    const retryWait = (status: number, responseHeaders: Record<string, string | string[]>) => {
      if (status !== 429 || retryOn429 === undefined || !isIdempotent(method)) return null;
      if (rateLimited >= retryOn429.maxRetries) return null;
      const advised = parseRetryAfter(responseHeaders['retry-after']);
      const waitMs = advised ?? backoffMs(rateLimited);
      // A wait the deadline would cut short is not started: the 429 is the answer.
      if (waitMs > retryOn429.maxWaitMs || performance.now() + waitMs >= deadlineAt) return null;
      return { waitMs, advised: advised !== null };
    };
    const hopTo = (status: number, responseHeaders: Record<string, string | string[]>) => {
      const location = headerText(responseHeaders.location);
      const next = location === undefined ? null : redirectTarget(url, location);
      return isRedirect(status) && next !== null && maxRedirects > 0 ? next : null;
    };
    const result = await exchange(
      { method, url, headers: sent, ...(body !== undefined && { body }) },
      {
        dispatcher,
        cancellation,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        onProgress,
        secrets,
        ...(scrubbingSink && {
          stream: {
            to: scrubbingSink,
            streamIf: (status, responseHeaders) =>
              !refreshes(status) &&
              retryWait(status, responseHeaders) === null &&
              hopTo(status, responseHeaders) === null,
          },
        }),
      },
    );

    if (!result.streamed && refreshes(result.status) && authorization) {
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

    const wait = result.streamed ? null : retryWait(result.status, result.headers);
    if (wait !== null) {
      const { waitMs, advised } = wait;
      rateLimited += 1;
      retries += 1;
      emit({
        type: 'retry',
        reason:
          `429 Too Many Requests: waiting ${seconds(waitMs)}` +
          (advised ? ' as Retry-After asks' : ''),
        waitMs,
      });
      await waitBeforeRetry(waitMs, url, cancellation);
      continue;
    }

    const next = result.streamed ? null : hopTo(result.status, result.headers);
    if (next !== null) {
      if (redirects.length >= maxRedirects) {
        throw new KeyholeError(
          `stopped after ${plural(maxRedirects, 'redirect')}; the last one pointed to ${redactUrl(next.href)}`,
          { hint: 'The server may be redirecting in a loop. Raise --max-redirects if not.' },
        );
      }
      redirects.push({
        status: result.status,
        location: scrubSecrets(redactUrl(next.href), secrets).text,
      });
      // From here on the loop's top keeps every credential header back (and says so).
      if (next.origin !== origin) leftOrigin = true;
      const hop = redirectMethod(result.status, method);
      method = hop.method;
      if (!hop.keepBody) {
        body = undefined;
        headers = withoutBodyHeaders(headers);
      }
      url = next;
      continue;
    }

    if (result.streamed && scrubbingSink) {
      await new Promise<void>((resolve) => scrubbingSink.end(resolve));
    }
    emit({ type: 'done', status: result.status });
    const known = secretList(knownSecrets());
    // A big body is scrubbed a slice a turn: the TUI keeps repainting while 50 MB are searched.
    const scrubbed = await scrubResponseInTurns(result, known);
    if (withheld.size > 0) {
      warnings.push(
        `${[...withheld].join(', ')} not sent to ${redactUrl(withheldFrom)}: credential headers ` +
          `go only to ${redactUrl(credentialOrigin)}`,
      );
    }
    // A streamed body's preview is a copy of what was written out: count the stream's cuts instead.
    const bodyCount = result.streamed ? (scrubbingSink?.count ?? 0) : scrubbed.bodyCount;
    const echoed = scrubbed.headerCount + bodyCount;
    if (echoed > 0) warnings.push(echoWarning(echoed));
    return record(scrubbed.result, {
      request: {
        method,
        url: scrubSecrets(redactUrl(url.href), known).text,
        headers: scrubHeaderValues(redactHeaders(sent), known),
      },
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
  // Object.assign, not `{ ...phases, firstByteMs, … }`, which Node 20 builds slowly (exchange.ts).
  const timing = Object.assign({}, result.phases, {
    firstByteMs: result.firstByteMs,
    downloadMs: result.downloadMs,
    totalMs: extra.totalMs,
  });
  // Field by field for the same reason.
  return {
    status: result.status,
    ...(result.statusText !== undefined && { statusText: result.statusText }),
    headers: result.headers,
    body: result.body,
    truncated: result.truncated,
    bodyLimitBytes: result.bodyLimitBytes,
    streamed: result.streamed,
    receivedBytes: result.receivedBytes,
    timing,
    redirects: extra.redirects,
    retries: extra.retries,
    request: extra.request,
    warnings: extra.warnings,
  };
}
