import path from 'node:path';
import type { Dispatcher } from 'undici';
import { KeyholeError } from '../errors.js';
import { boundedMs } from '../http/limits.js';
import { formatBytes } from '../text/size.js';
import { readSpecFile } from './spec-file.js';
import { specBrokeOff, specNetworkFailure, specStatusFailure } from './spec-failure.js';
import type { DownloadSink } from './download-spool.js';
import { SPEC_TIMEOUT_VAR, type SpecLimits, specLimits, specTooLarge } from './spec-limits.js';

export { SPEC_TOO_LARGE } from './spec-limits.js';

/** No byte arriving for this long ends a download, whatever the total deadline says. */
const IDLE_TIMEOUT_MS = 30_000;

/** A spec's raw bytes and where they came from. */
export interface SpecBytes {
  /** An absolute file path or the URL as given. */
  source: string;
  bytes: Buffer;
}

/** Whether a source names an http(s) URL rather than a file. */
export function isUrlSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Reads a spec from a file path (relative paths resolve against the working directory) or
 * downloads it from an http(s) URL, following up to five redirects. Either way at most
 * `limits.maxBytes` are read, and a download ends at `limits.timeoutMs` however the server
 * trickles (defaults from {@link specLimits}).
 */
export async function readSpecSource(
  source: string,
  options: { signal?: AbortSignal; limits?: SpecLimits } = {},
): Promise<SpecBytes> {
  const limits = options.limits ?? specLimits();
  if (isUrlSource(source)) {
    const result = await downloadSpec(source, { limits, signal: options.signal });
    if (result.status !== 'ok') throw missingSpec(source, result);
    return { source, bytes: result.bytes };
  }
  const file = path.resolve(source);
  return { source: file, bytes: await readSpecFile(file, limits) };
}

/** The code of the error a 404 or 410 download throws: "no such document", not "unreachable". */
export const SPEC_MISSING = 'spec-missing';

/** A download that gave no document: HTTP 404/410 (or a 304 nobody asked for). */
export function missingSpec(
  url: string,
  result: Exclude<DownloadResult, { status: 'ok' }>,
): KeyholeError {
  const explained = specStatusFailure(
    url,
    result.status === 'missing' ? result.httpStatus : 304,
    {},
  );
  return new KeyholeError(explained.message, {
    hint: explained.hint,
    code: result.status === 'missing' ? SPEC_MISSING : undefined,
  });
}

// One agent for every download: redirects are an interceptor in undici 7, not a request option.
let agent: Dispatcher | undefined;

/** The validators of an earlier download, sent to ask whether the document changed. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** What a (conditional) download gave. */
export type DownloadResult =
  | ({ status: 'ok'; bytes: Buffer } & Validators)
  | { status: 'not-modified' }
  /** 404 or 410: there is no such document (an API version not published yet, say). */
  | { status: 'missing'; httpStatus: number };

/** What a download into a sink gave: as {@link DownloadResult}, the bytes being in the sink. */
export type SunkDownload =
  ({ status: 'ok'; size: number } & Validators) | Exclude<DownloadResult, { status: 'ok' }>;

/** Options of {@link downloadSpec} and {@link downloadSpecTo}. */
export interface DownloadOptions {
  signal?: AbortSignal;
  limits?: SpecLimits;
  validators?: Validators;
  /** Bytes received so far and the announced total (Content-Length), as they arrive. */
  onBytes?: (received: number, total: number | null) => void;
}

/** {@link downloadSpecTo} with the bytes gathered in memory (no cache, or tests). */
export async function downloadSpec(
  url: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const chunks: Buffer[] = [];
  const result = await downloadSpecTo(url, { write: (chunk) => chunks.push(chunk) }, options);
  if (result.status !== 'ok') return result;
  const { size: _size, ...validators } = result;
  return { ...validators, bytes: Buffer.concat(chunks) };
}

/**
 * Downloads a spec from an http(s) URL into `sink` as the bytes arrive, following up to five
 * redirects, asking with If-None-Match / If-Modified-Since when `validators` are given. At most
 * `limits.maxBytes` are read (a Content-Length above it is refused before the body) and the
 * whole download ends at `limits.timeoutMs`; any other failure throws a KeyholeError that says
 * what failed and what to do. On a failure the sink holds a part: the caller throws it away.
 */
export async function downloadSpecTo(
  url: string,
  sink: DownloadSink,
  options: DownloadOptions = {},
): Promise<SunkDownload> {
  const limits = options.limits ?? specLimits();
  const signal = options.signal;
  // undici is loaded for a download only: a spec read from a file or the cache never needs it.
  const { Agent, interceptors, request } = await import('./undici-client.js');
  agent ??= new Agent({ headersTimeout: IDLE_TIMEOUT_MS, bodyTimeout: IDLE_TIMEOUT_MS }).compose(
    interceptors.redirect({ maxRedirections: 5 }),
  );
  // The idle timeouts above never fire for a server that sends a byte every few seconds.
  // Past 2^31-1 ms Node fires a timer at once: bounded, a huge limit means "as good as never".
  const deadline = AbortSignal.timeout(boundedMs(limits.timeoutMs));
  const combined = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
  const failed = (error: unknown): KeyholeError => {
    if (deadline.aborted && !signal?.aborted) {
      return new KeyholeError(
        `downloading the spec ${url} took longer than ${limits.timeoutMs / 1000} s (the limit set by ${SPEC_TIMEOUT_VAR})`,
        {
          hint: `Save the file and give its path, or allow more time: ${SPEC_TIMEOUT_VAR}=<seconds>.`,
          cause: error,
        },
      );
    }
    if (error instanceof KeyholeError) return error;
    return specNetworkFailure(url, error);
  };
  const headers: Record<string, string> = {
    accept: 'application/json, application/yaml, text/yaml, */*;q=0.5',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) {
    headers['if-modified-since'] = options.validators.lastModified;
  }
  let response: Dispatcher.ResponseData;
  try {
    // A fresh connection each time (`reset`): downloads are rare, and a kept-alive socket that the
    // server closes just as it is reused fails the request, which would read as "offline".
    response = await request(url, { dispatcher: agent, signal: combined, headers, reset: true });
  } catch (error) {
    throw failed(error);
  }
  const status = response.statusCode;
  if (status === 304 || status === 404 || status === 410) {
    response.body.on('error', () => undefined).destroy();
    return status === 304 ? { status: 'not-modified' } : { status: 'missing', httpStatus: status };
  }
  if (status < 200 || status >= 300) {
    response.body.on('error', () => undefined).destroy();
    throw specStatusFailure(url, status, definedHeaders(response.headers));
  }
  const length = Number(headerText(response.headers['content-length']) ?? NaN);
  const total = Number.isSafeInteger(length) && length >= 0 ? length : null;
  if (total !== null && total > limits.maxBytes) {
    // Said before a byte of the body is read: a 78 MB spec need not download to be refused.
    response.body.on('error', () => undefined).destroy();
    throw specTooLarge(url, limits, total);
  }
  const size = await readBody(url, response, sink, limits, deadline, failed, (received) =>
    options.onBytes?.(received, total),
  );
  return {
    status: 'ok',
    size,
    etag: headerText(response.headers.etag),
    lastModified: headerText(response.headers['last-modified']),
  };
}

function headerText(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

async function readBody(
  url: string,
  response: Dispatcher.ResponseData,
  sink: DownloadSink,
  limits: SpecLimits,
  deadline: AbortSignal,
  failed: (error: unknown) => KeyholeError,
  onBytes: (received: number) => void,
): Promise<number> {
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > limits.maxBytes) throw specTooLarge(url, limits);
      sink.write(chunk as Buffer);
      onBytes(size);
    }
  } catch (error) {
    response.body.on('error', () => undefined).destroy();
    if (error instanceof KeyholeError || deadline.aborted) throw failed(error);
    // The connection was reset or closed part-way: nothing of the half-read spec is used or cached.
    throw specBrokeOff(url, formatBytes(size), error);
  }
  return size;
}

/** undici's headers without the undefined values, as the explainer takes them. */
function definedHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = value;
  return out;
}
