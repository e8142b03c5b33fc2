import { constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { Agent, interceptors, request } from 'undici';
import { KeyholeError } from '../errors.js';
import { boundedMs } from '../http/limits.js';
import { formatBytes } from '../text/size.js';
import { specBrokeOff, specNetworkFailure, specStatusFailure } from './spec-failure.js';
import type { DownloadSink } from './download-spool.js';
import {
  SPEC_TIMEOUT_VAR,
  type SpecLimits,
  raiseSpecLimitHint,
  specLimitOrigin,
  specLimits,
} from './spec-limits.js';

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

/** The code of the error a spec over the size limit throws. */
export const SPEC_TOO_LARGE = 'spec-too-large';

/** A spec over the size limit; `size` when known (a file's, a download's Content-Length). */
function tooLarge(source: string, limits: SpecLimits, size: number | null = null): KeyholeError {
  const what = size === null ? 'larger than' : `${formatBytes(size)}, more than`;
  return new KeyholeError(
    `the spec ${source} is ${what} ${formatBytes(limits.maxBytes)} (${specLimitOrigin(limits)})`,
    { exitCode: 2, hint: raiseSpecLimitHint(limits, size), code: SPEC_TOO_LARGE },
  );
}

/**
 * Only regular files are read: `/dev/zero` would fill memory, a FIFO would block forever (even
 * opening one waits for a writer), so both are refused by a look at the path first, and again on
 * the opened file in case the path changed in between.
 */
async function readSpecFile(file: string, limits: SpecLimits): Promise<Buffer> {
  const maxBytes = limits.maxBytes;
  let handle: FileHandle | undefined;
  try {
    refuseUnlessRegular(file, await stat(file));
    // O_NONBLOCK: should a FIFO take the file's place after the check, open returns at once.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    refuseUnlessRegular(file, info);
    if (info.size > maxBytes) throw tooLarge(file, limits, info.size);
    // The size may be stale (a growing file, /proc): read one byte past the limit to know.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size, 64 * 1024) + 1));
    let length = 0;
    let grown = buffer;
    for (;;) {
      if (length === grown.length) {
        if (length > maxBytes) throw tooLarge(file, limits);
        grown = Buffer.concat([grown, Buffer.alloc(Math.min(grown.length, maxBytes + 1 - length))]);
      }
      const { bytesRead } = await handle.read(grown, length, grown.length - length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooLarge(file, limits);
    return grown.subarray(0, length);
  } catch (error) {
    if (error instanceof KeyholeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyholeError(
      code === 'ENOENT' ? `no spec file at ${file}` : `cannot read the spec ${file} (${code})`,
      {
        exitCode: 2,
        hint: 'Give the path of an OpenAPI YAML or JSON file, or its URL.',
        cause: error,
      },
    );
  } finally {
    await handle?.close();
  }
}

function refuseUnlessRegular(file: string, info: Stats): void {
  if (info.isFile()) return;
  const kind = info.isDirectory()
    ? 'a directory'
    : info.isFIFO()
      ? 'a FIFO (named pipe)'
      : info.isCharacterDevice()
        ? 'a character device'
        : info.isBlockDevice()
          ? 'a block device'
          : info.isSocket()
            ? 'a socket'
            : 'not a regular file';
  throw new KeyholeError(`the spec ${file} is ${kind}; keyhole reads specs from regular files`, {
    exitCode: 2,
    hint: 'Save the spec to a file and give its path, or give its URL.',
  });
}

// One agent for every download: redirects are an interceptor in undici 7, not a request option.
let agent: ReturnType<Agent['compose']> | undefined;

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
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, { dispatcher: agent, signal: combined, headers });
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
    throw tooLarge(url, limits, total);
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
  response: Awaited<ReturnType<typeof request>>,
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
      if (size > limits.maxBytes) throw tooLarge(url, limits);
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
