import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { hashSpec, readCachedIndex } from './cache.js';
import { type DownloadRecord, knownMissing, readDownload } from './download-cache.js';
import { displayName } from './spec-name.js';
import { DATED_VERSIONS, LATEST, sailpointSpecUrl, sailpointVersionOf } from './sailpoint-specs.js';
import { isUrlSource } from './source.js';
import type { SpecIndex } from './types.js';

/** What keyhole holds of one spec source, read from the caches alone: no network, no parsing. */
export interface SpecSourceStatus {
  source: string;
  /** `SailPoint v2025`, the URL, or the file's name. */
  name: string;
  kind: 'sailpoint' | 'url' | 'file';
  /** The URL or absolute path read; for `sailpoint:latest`, the version it last resolved to. */
  location: string;
  /** The SailPoint version (`v2025` for `latest` once resolved), else null. */
  version: string | null;
  /** The kept download (URLs only), or null when none is kept yet. */
  download: DownloadRecord | null;
  /** Operations in the cached index, or null when the spec was never indexed. */
  operations: number | null;
  /** What the document's parse warned about (kept with its index; shown once by the loaders). */
  warnings: string[];
  /** Why a file cannot be read, when it cannot. */
  problem: string | null;
}

/** The status of each source, from the download and index caches under `cacheDir`. */
export function specSourceStatus(
  source: string,
  options: { cacheDir: string; env?: NodeJS.ProcessEnv; now?: number },
): SpecSourceStatus {
  const { cacheDir } = options;
  const name = displayName(source);
  const version = sailpointVersionOf(source);
  if (version !== undefined || isUrlSource(source)) {
    // Null for a plain URL; an unresolved `latest` (undefined) shows the newest it will try first.
    const resolved = version === undefined ? null : resolveVersion(version, options);
    const location =
      version === undefined ? source : sailpointSpecUrl(resolved ?? NEWEST, options.env);
    const kept = readDownload(cacheDir, location);
    const index = kept ? indexOf(cacheDir, kept.record.sha256) : undefined;
    return {
      source,
      name,
      kind: version === undefined ? 'url' : 'sailpoint',
      location,
      version: resolved ?? null,
      download: kept?.record ?? null,
      operations: index?.operations.length ?? null,
      warnings: index?.warnings ?? [],
      problem: null,
    };
  }
  const file = path.resolve(source);
  let index: SpecIndex | undefined;
  let problem: string | null = null;
  try {
    if (!statSync(file).isFile()) problem = 'not a regular file';
    else index = indexOf(cacheDir, hashSpec(readFileSync(file)));
  } catch (error) {
    problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
  }
  return {
    source,
    name,
    kind: 'file',
    location: file,
    version: null,
    download: null,
    operations: index?.operations.length ?? null,
    warnings: index?.warnings ?? [],
    problem,
  };
}

const NEWEST = DATED_VERSIONS[0] ?? 'v2025';

/**
 * `latest` is the newest dated version with a kept copy that is not known to be missing;
 * undefined when none is kept yet.
 */
function resolveVersion(
  version: string,
  options: { cacheDir: string; env?: NodeJS.ProcessEnv; now?: number },
): string | undefined {
  if (version !== LATEST) return version;
  const now = options.now ?? Date.now();
  for (const candidate of DATED_VERSIONS) {
    const url = sailpointSpecUrl(candidate, options.env);
    if (knownMissing(options.cacheDir, url, now)) continue;
    if (readDownload(options.cacheDir, url)) return candidate;
  }
  return undefined;
}

function indexOf(cacheDir: string, hash: string): SpecIndex | undefined {
  return readCachedIndex(cacheDir, hash);
}
