import { storageError } from '../config/storage-error.js';
import { KeyholeError } from '../errors.js';
import { formatDuration } from '../identity/duration.js';
import { hashSpec } from './cache.js';
import {
  type CachedDownload,
  type DownloadRecord,
  REVALIDATE_AFTER_MS,
  keepSpooled,
  readDownload,
  spoolDownload,
  touchDownload,
} from './download-cache.js';
import { downloadSpecTo, missingSpec } from './source.js';
import type { SpecLimits } from './spec-limits.js';

/**
 * How a URL spec was obtained this time:
 * - `downloaded`: new bytes from the server (first use, or it changed);
 * - `unchanged`: the server answered 304 to If-None-Match, the kept copy is current;
 * - `cached`: the kept copy was confirmed less than a day ago, the server was not asked;
 * - `offline`: asking failed, the kept copy was used (`problem` says why, `ageMs` how old it is).
 */
export type DownloadState = 'downloaded' | 'unchanged' | 'cached' | 'offline';

export interface RemoteSpec {
  bytes: Buffer;
  /** sha256 of `bytes`, hex: the index cache's key. */
  sha256: string;
  state: DownloadState;
  /** When these bytes were downloaded (epoch ms). */
  fetchedAt: number;
  /** Why the server could not be asked (offline only). */
  problem: string | null;
}

/** `auto`: ask at most once a day; `always`: ask now (`keyhole specs update`). */
export type RefreshPolicy = 'auto' | 'always';

export interface RemoteSpecOptions {
  cacheDir: string;
  refresh?: RefreshPolicy;
  now?: () => number;
  limits?: SpecLimits;
  signal?: AbortSignal;
  /** The copy could not be kept (a full disk): the bytes are still used. */
  onCacheError?: (error: KeyholeError) => void;
  /** The server is about to be asked: `download` without a kept copy, `check` with one. */
  onAsk?: (kind: 'download' | 'check') => void;
  /** Bytes of a download as they arrive. */
  onBytes?: (received: number, total: number | null) => void;
}

/**
 * A spec URL through the download cache: a copy confirmed within a day is used as it is; an
 * older one is revalidated with its ETag (a 304 costs no body); when the server cannot be
 * reached or fails, the kept copy is used and the result says so. Without a copy, any failure
 * throws. A 404 throws even with a copy: the document is gone, not unreachable.
 */
export async function fetchRemoteSpec(
  url: string,
  options: RemoteSpecOptions,
): Promise<RemoteSpec> {
  const now = options.now ?? Date.now;
  const kept = readDownload(options.cacheDir, url);
  if (kept && options.refresh !== 'always' && now() - kept.record.checkedAt < REVALIDATE_AFTER_MS) {
    return { ...keptSpec(kept), state: 'cached', problem: null };
  }
  let result: Awaited<ReturnType<typeof downloadSpecTo>>;
  options.onAsk?.(kept ? 'check' : 'download');
  // The bytes go to a file in the cache as they arrive, not into one big buffer.
  const spool = spoolDownload(options.cacheDir, url);
  try {
    result = await downloadSpecTo(url, spool, {
      limits: options.limits,
      signal: options.signal,
      onBytes: options.onBytes,
      validators: kept
        ? { etag: kept.record.etag, lastModified: kept.record.lastModified }
        : undefined,
    });
  } catch (error) {
    spool.discard();
    if (!kept || options.signal?.aborted) throw error;
    const problem = error instanceof Error ? error.message : String(error);
    return { ...keptSpec(kept), state: 'offline', problem };
  }
  if (result.status !== 'ok') spool.discard();
  if (result.status === 'not-modified' && kept) {
    keep(options, () => touchDownload(options.cacheDir, kept.record, now()), url);
    return { ...keptSpec(kept), state: 'unchanged', problem: null };
  }
  if (result.status !== 'ok') throw missingSpec(url, result);
  const fetchedAt = now();
  const spooled = spool.finish();
  if (spooled.error) reportKeepFailure(options, spooled.error, url);
  else keep(options, () => keepSpooled(options.cacheDir, url, spooled, result, fetchedAt), url);
  return {
    bytes: spooled.bytes,
    sha256: hashSpec(spooled.bytes),
    state: 'downloaded',
    fetchedAt,
    problem: null,
  };
}

/** The kept copy's bytes, hash (checked when it was read) and download time. */
function keptSpec(kept: CachedDownload) {
  return { bytes: kept.bytes, sha256: kept.record.sha256, fetchedAt: kept.record.fetchedAt };
}

function keep(options: RemoteSpecOptions, write: () => DownloadRecord, url: string): void {
  try {
    write();
  } catch (error) {
    reportKeepFailure(options, error, url);
  }
}

function reportKeepFailure(options: RemoteSpecOptions, error: unknown, url: string): void {
  const failure =
    error instanceof KeyholeError ? error : storageError(error, options.cacheDir, 'write');
  // The bytes are still used this time; only the next run pays for the lost copy.
  options.onCacheError?.(
    new KeyholeError(`could not keep the download of ${url}: ${failure.message}`, {
      hint: failure.hint,
      cause: error,
    }),
  );
}

/** "offline: using the copy of … downloaded 3 days ago (…)": the line shown for an offline load. */
export function offlineNotice(
  url: string,
  spec: Pick<RemoteSpec, 'fetchedAt' | 'problem'>,
  now: number,
): string {
  const age = formatDuration(Math.max(0, Math.round((now - spec.fetchedAt) / 1000)));
  return `could not check ${url} for changes, so the copy downloaded ${age} ago is used (${spec.problem ?? 'no answer'})`;
}
