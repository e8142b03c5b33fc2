import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { storageError } from '../config/storage-error.js';
import {
  defaultSpecCacheDir,
  hashSpec,
  readCachedIndex,
  specCacheFile,
  writeCachedIndex,
} from './cache.js';
import { conversionNote, operationCount } from './spec-summary.js';
import { rememberMissing, knownMissing } from './download-cache.js';
import { type RemoteSpec, fetchRemoteSpec, offlineNotice } from './remote-spec.js';
import {
  DATED_VERSIONS,
  LATEST,
  SAILPOINT_SPECS_URL_VAR,
  sailpointSource,
  sailpointSpecUrl,
  sailpointVersionOf,
} from './sailpoint-specs.js';
import { COLLECT_FROM_SIZE, collectGarbage } from './collect-garbage.js';
import { hashSpecFile } from './spec-file.js';
import { displayName, specName } from './spec-name.js';
import { SPEC_MISSING, isUrlSource, readSpecSource } from './source.js';
import type { Catalog, LoadOptions, LoadedSpec, SpecFailure, SpecIndex } from './types.js';
import { KeyholeError } from '../errors.js';
import { formatBytes } from '../text/size.js';
import { specLimits } from './spec-limits.js';
import { plural } from '../text/plural.js';

/*
 * Measured here (Node 20, sequential loads): a first load of SailPoint's v3 spec takes 110–220 ms
 * and beta 150–225 ms (read + hash + js-yaml + dereference + index; the first in a process pays
 * for JIT warm-up); a load of the same bytes from the cache takes 5–8 ms, mostly reading and
 * hashing the YAML itself and parsing the ~0.5–0.8 MB JSON index.
 */

/**
 * Loads one OpenAPI 3.0/3.1 spec (YAML or JSON; a file path, an http(s) URL, or
 * `sailpoint:<version>` for SailPoint's published documents) as an index of its operations.
 * Downloads are kept and revalidated at most once a day (see {@link fetchRemoteSpec}); the index
 * is cached under the sha256 of the spec's bytes, so a spec that has not changed is never parsed
 * or dereferenced again.
 */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const started = performance.now();
  const cacheDir = options.cacheDir ?? defaultSpecCacheDir();
  const quick = await cachedFileIndex(source, options, cacheDir);
  if (quick) {
    const elapsedMs = Math.round(performance.now() - started);
    options.onProgress?.(
      `${displayName(source)}: ${summary(quick.index)} from cache (${elapsedMs} ms)`,
      source,
    );
    return finish(quick.index, quick.from, true, elapsedMs);
  }
  const obtained = await obtainSpec(source, options, cacheDir);
  const { origin, label } = obtained;
  // `sailpoint:latest` is named by the version it resolved to.
  const name = label === null ? displayName(source) : `SailPoint ${label}`;
  // A kept download was hashed when it was read back (to catch a damaged copy): not again.
  const hash = obtained.download?.sha256 ?? hashSpec(obtained.bytes);
  const from: Provenance = {
    source,
    origin,
    label,
    download: obtained.download,
    notes: downloadNotes(obtained, options),
  };
  const cached = options.noCache ? undefined : readCachedIndex(cacheDir, hash);
  if (cached) {
    const elapsedMs = Math.round(performance.now() - started);
    options.onProgress?.(`${name}: ${summary(cached)} from cache (${elapsedMs} ms)`, source);
    return finish(cached, from, true, elapsedMs);
  }

  const size = obtained.bytes.length;
  options.onProgress?.(`parsing ${name} (${formatBytes(size)})…`, source);
  const index = await indexSpec(obtained, hash);
  // The document behind a big index is garbage now: let it go before the index is written.
  if (size >= COLLECT_FROM_SIZE) collectGarbage();
  if (!options.noCache) {
    try {
      writeCachedIndex(cacheDir, index);
    } catch (error) {
      // A read-only or full disk costs speed next time, not this load.
      reportCacheError(options, storageError(error, specCacheFile(cacheDir, hash), 'write'), name);
    }
  }
  const elapsedMs = Math.round(performance.now() - started);
  options.onProgress?.(`${name}: ${summary(index)} parsed in ${elapsedMs} ms`, source);
  return finish(index, from, false, elapsedMs);
}

/**
 * The index of a spec's bytes. The parser takes the only reference to the bytes (Graph beta's
 * 47 MB are let go as soon as they are text), and the parsed document lives in this frame only,
 * so that it is garbage when this returns.
 */
async function indexSpec(obtained: Obtained, hash: string): Promise<SpecIndex> {
  // The parser (js-yaml, the Swagger converter) and the indexer load only when a spec is new.
  const [{ parseSpec }, { buildSpecIndex }] = await Promise.all([
    import('./parse.js'),
    import('./extract.js'),
  ]);
  const big = obtained.bytes.length >= COLLECT_FROM_SIZE;
  const parsed = await parseSpec(() => takeBytes(obtained), obtained.origin);
  // Its text is garbage now, as the document will be once indexed (collected by the caller).
  if (big) collectGarbage();
  return buildSpecIndex(parsed.document, hash, parsed.warnings, parsed.convertedFrom);
}

/**
 * A spec file's cached index, found by hashing the file a megabyte at a time: a cached load of
 * Graph beta never holds its 47 MB. Undefined for URLs, `sailpoint:` versions and cache misses,
 * which take the whole way.
 */
async function cachedFileIndex(
  source: string,
  options: LoadOptions,
  cacheDir: string,
): Promise<{ index: SpecIndex; from: Provenance } | undefined> {
  if (options.noCache || isUrlSource(source) || sailpointVersionOf(source) !== undefined) {
    return undefined;
  }
  const file = path.resolve(source);
  const hash = await hashSpecFile(
    file,
    options.limits ?? specLimits(),
    cacheDir,
    options.now ?? Date.now,
  );
  const index = hash === null ? undefined : readCachedIndex(cacheDir, hash);
  if (!index) return undefined;
  return {
    index,
    from: { source, origin: file, label: null, download: null, notes: [] },
  };
}

/** `559 operations`, `12 operations (converted from Swagger 2.0)`, `no paths, only 2 webhooks`. */
function summary(index: SpecIndex): string {
  const converted = conversionNote(index);
  return `${operationCount(index)}${converted === null ? '' : ` (${converted})`}`;
}

/** A spec's bytes, where they really came from, and how (for downloads). */
interface Obtained {
  /** The file path or the URL actually read. */
  origin: string;
  /** Emptied when the parser takes them (see {@link takeBytes}). */
  bytes: Buffer;
  /** The SailPoint API version of a `sailpoint:` source. */
  label: string | null;
  download: Download | null;
}

/** A download as the loader keeps it: its bytes are the {@link Obtained}'s, held once. */
type Download = Omit<RemoteSpec, 'bytes'>;

function takeBytes(obtained: Obtained): Buffer {
  const { bytes } = obtained;
  obtained.bytes = Buffer.alloc(0);
  return bytes;
}

function obtainedDownload(origin: string, label: string | null, remote: RemoteSpec): Obtained {
  const { bytes, ...download } = remote;
  return { origin, bytes, label, download };
}

async function obtainSpec(
  source: string,
  options: LoadOptions,
  cacheDir: string,
): Promise<Obtained> {
  const version = sailpointVersionOf(source);
  if (version !== undefined) return obtainSailpoint(version, options, cacheDir);
  if (!isUrlSource(source) || options.noCache) {
    const { source: origin, bytes } = await readSpecSource(source, {
      signal: options.signal,
      limits: options.limits,
    });
    return { origin, bytes, label: null, download: null };
  }
  const download = await fetchUrl(source, source, displayName(source), options, cacheDir);
  return obtainedDownload(source, null, download);
}

/** Progress lines at most this often while bytes arrive (a 3 MB spec in many small chunks). */
const PROGRESS_STEP_BYTES = 256 * 1024;

function fetchUrl(
  source: string,
  url: string,
  name: string,
  options: LoadOptions,
  cacheDir: string,
): Promise<RemoteSpec> {
  let reported = 0;
  return fetchRemoteSpec(url, {
    cacheDir,
    refresh: options.refresh,
    now: options.now,
    signal: options.signal,
    limits: options.limits,
    onCacheError: (error) => reportCacheError(options, error, url),
    onAsk: (kind) =>
      options.onProgress?.(
        kind === 'check'
          ? `checking ${name} for changes…`
          : name === url
            ? `downloading ${url}…`
            : `downloading ${name} from ${url}…`,
        source,
      ),
    onBytes: (received, total) => {
      if (received - reported < PROGRESS_STEP_BYTES && received !== total) return;
      reported = received;
      options.onDownload?.({ source, name, received, total });
    },
  });
}

/**
 * `sailpoint:v2025` is one URL; `sailpoint:latest` is the newest dated version the server has:
 * each is tried newest first, and a 404 is remembered for a day so the next run does not ask again.
 */
async function obtainSailpoint(
  version: string,
  options: LoadOptions,
  cacheDir: string,
): Promise<Obtained> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const source = sailpointSource(version); // throws for a version keyhole does not know
  const candidates = version === LATEST ? DATED_VERSIONS : [version];
  // Offline, v2026 (never downloaded) fails like any unreachable URL: the newest kept copy of an
  // older version is still better than nothing, so the first real failure is kept for the end.
  let failure: unknown;
  for (const candidate of candidates) {
    const url = sailpointSpecUrl(candidate, env);
    if (version === LATEST && knownMissing(cacheDir, url, now())) continue;
    try {
      const download = await fetchUrl(source, url, `SailPoint ${candidate}`, options, cacheDir);
      return obtainedDownload(url, candidate, download);
    } catch (error) {
      if (version !== LATEST || options.signal?.aborted) throw error;
      if (error instanceof KeyholeError && error.code === SPEC_MISSING) {
        options.onProgress?.(`SailPoint ${candidate} is not published there (yet)`, source);
        rememberMissing(cacheDir, url, now());
      } else {
        failure ??= error;
      }
    }
  }
  if (failure !== undefined) throw failure;
  throw new KeyholeError(
    `no dated SailPoint API version (${DATED_VERSIONS.join(', ')}) is published at ${sailpointSpecUrl('…', env)}`,
    {
      hint: `Check ${SAILPOINT_SPECS_URL_VAR}, or name the versions: keyhole specs add v2025 --profile NAME.`,
    },
  );
}

function downloadNotes(obtained: Obtained, options: LoadOptions): string[] {
  const { download, origin } = obtained;
  if (download?.state === 'offline') {
    return [offlineNotice(origin, download, (options.now ?? Date.now)())];
  }
  return [];
}

function reportCacheError(options: LoadOptions, failure: KeyholeError, name: string): void {
  if (options.onCacheError) options.onCacheError(failure);
  else options.onProgress?.(`could not cache ${name}: ${failure.message}`);
}

/**
 * Loads several specs in parallel and merges them into one catalog. An operation whose method
 * and path an earlier spec already has is dropped (SailPoint's v3 and beta share none, but a spec
 * given twice, or two versions of one, would otherwise list everything twice).
 *
 * A spec that fails to load does not blank the others: the catalog keeps what loaded and lists
 * the failure (`failures`, and a warning). Only when every spec fails is the first failure thrown.
 */
export async function loadCatalog(
  sources: readonly string[],
  options: LoadOptions = {},
): Promise<Catalog> {
  const settled = await Promise.allSettled(sources.map((source) => loadSpec(source, options)));
  const specs: LoadedSpec[] = [];
  const failures: SpecFailure[] = [];
  settled.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') specs.push(outcome.value);
    else failures.push({ source: sources[i] ?? '', error: outcome.reason });
  });
  if (specs.length === 0 && failures.length > 0) throw failures[0]?.error;
  const catalog = mergeSpecs(specs);
  for (const failure of failures) {
    catalog.warnings.push(
      `${displayName(failure.source)}: not loaded: ${messageOf(failure.error)}`,
    );
  }
  return { ...catalog, failures };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Merges loaded specs in the order given, keeping the first of each method + path. */
export function mergeSpecs(specs: readonly LoadedSpec[]): Catalog {
  const seen = new Set<string>();
  const operations: Catalog['operations'] = [];
  const warnings: string[] = [];
  const knownWarnings: string[] = [];
  for (const spec of specs) {
    let dropped = 0;
    for (const operation of spec.operations) {
      if (seen.has(operation.id)) {
        dropped++;
        continue;
      }
      seen.add(operation.id);
      operations.push(operation);
    }
    const name = specName(spec);
    const fresh = new Set(spec.newWarnings);
    for (const warning of spec.warnings) {
      (fresh.has(warning) ? warnings : knownWarnings).push(`${name}: ${warning}`);
    }
    if (dropped > 0) {
      warnings.push(`${name}: ${plural(dropped, 'operation')} already listed by an earlier spec`);
    }
  }
  return { operations, specs: [...specs], warnings, knownWarnings, failures: [] };
}

/** Where a loaded spec came from, beside its index. */
interface Provenance {
  source: string;
  origin: string;
  label: string | null;
  download: Download | null;
  notes: string[];
}

/**
 * Server URLs written relative to the document (`/api`, `v1`) are made absolute against the URL
 * the spec was downloaded from; the cached index keeps them as written, since the same bytes may
 * be served from several places.
 */
function finish(index: SpecIndex, from: Provenance, fromCache: boolean, ms: number): LoadedSpec {
  const loaded = {
    ...index,
    warnings: [...from.notes, ...index.warnings],
    // Said once, when the document is parsed, not on every run that reads its cached index.
    newWarnings: fromCache ? [...from.notes] : [...from.notes, ...index.warnings],
    source: from.source,
    label: from.label,
    download: from.download
      ? { state: from.download.state, fetchedAt: from.download.fetchedAt, url: from.origin }
      : null,
    fromCache,
    elapsedMs: ms,
  };
  if (!isUrlSource(from.origin)) return loaded;
  const origin = from.origin;
  // `{protocol}://{hostname}/api` names its own host; `//host/api` takes the download's scheme.
  const absolute = (url: string) =>
    /^(?:[a-z][a-z\d+.-]*:|\{[^{}/]*\}:\/\/)/i.test(url) ? url : resolveUrl(url, origin);
  return {
    ...loaded,
    servers: index.servers.map((server) => ({ ...server, url: absolute(server.url) })),
    operations: index.operations.map((operation) =>
      operation.baseUrl === null
        ? operation
        : { ...operation, baseUrl: absolute(operation.baseUrl) },
    ),
  };
}
function resolveUrl(url: string, base: string): string {
  try {
    // Braces of {variables} survive: URL percent-encodes them, so decode those two back.
    return new URL(url, base).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
  } catch {
    return url;
  }
}
