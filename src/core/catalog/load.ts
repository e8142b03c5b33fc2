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
import { buildSpecIndex } from './extract.js';
import { parseSpec } from './parse.js';
import { formatBytes } from '../text/size.js';
import { plural } from '../text/plural.js';
import { isUrlSource, readSpecSource } from './source.js';
import type { Catalog, LoadOptions, LoadedSpec, SpecIndex } from './types.js';

/*
 * Measured here (Node 20, sequential loads): a first load of SailPoint's v3 spec takes 110–220 ms
 * and beta 150–225 ms (read + hash + js-yaml + dereference + index; the first in a process pays
 * for JIT warm-up); a load of the same bytes from the cache takes 5–8 ms, mostly reading and
 * hashing the YAML itself and parsing the ~0.5–0.8 MB JSON index.
 */

/**
 * Loads one OpenAPI 3.0/3.1 spec (YAML or JSON, file path or http(s) URL) as an index of its
 * operations. The index is cached under the sha256 of the spec's bytes, so a spec that has not
 * changed is never parsed or dereferenced again.
 */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const started = performance.now();
  const { source: origin, bytes } = await readSpecSource(source, { signal: options.signal });
  const name = displayName(origin);
  const hash = hashSpec(bytes);
  const cacheDir = options.cacheDir ?? defaultSpecCacheDir();
  const cached = options.noCache ? undefined : readCachedIndex(cacheDir, hash);
  if (cached) {
    const elapsedMs = Math.round(performance.now() - started);
    options.onProgress?.(
      `${name}: ${plural(cached.operations.length, 'operation')} from cache (${elapsedMs} ms)`,
    );
    return finish(cached, origin, true, elapsedMs);
  }

  options.onProgress?.(`parsing ${name} (${formatBytes(bytes.length)})…`);
  const { document, warnings } = await parseSpec(bytes, origin);
  const index = buildSpecIndex(document, hash, warnings);
  if (!options.noCache) {
    try {
      writeCachedIndex(cacheDir, index);
    } catch (error) {
      // A read-only or full disk costs speed next time, not this load.
      const failure = storageError(error, specCacheFile(cacheDir, hash), 'write');
      if (options.onCacheError) options.onCacheError(failure);
      else options.onProgress?.(`could not cache ${name}: ${failure.message}`);
    }
  }
  const elapsedMs = Math.round(performance.now() - started);
  options.onProgress?.(
    `${name}: ${plural(index.operations.length, 'operation')} parsed in ${elapsedMs} ms`,
  );
  return finish(index, origin, false, elapsedMs);
}

/**
 * Loads several specs in parallel and merges them into one catalog. An operation whose method
 * and path an earlier spec already has is dropped (SailPoint's v3 and beta share none, but a spec
 * given twice, or two versions of one, would otherwise list everything twice).
 */
export async function loadCatalog(
  sources: readonly string[],
  options: LoadOptions = {},
): Promise<Catalog> {
  const specs = await Promise.all(sources.map((source) => loadSpec(source, options)));
  return mergeSpecs(specs);
}

/** Merges loaded specs in the order given, keeping the first of each method + path. */
export function mergeSpecs(specs: readonly LoadedSpec[]): Catalog {
  const seen = new Set<string>();
  const operations: Catalog['operations'] = [];
  const warnings: string[] = [];
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
    for (const warning of spec.warnings) warnings.push(`${displayName(spec.source)}: ${warning}`);
    if (dropped > 0) {
      warnings.push(
        `${displayName(spec.source)}: ${plural(dropped, 'operation')} already listed by an earlier spec`,
      );
    }
  }
  return { operations, specs: [...specs], warnings };
}

/**
 * Server URLs written relative to the document (`/api`, `v1`) are made absolute against the URL
 * the spec was downloaded from; the cached index keeps them as written, since the same bytes may
 * be served from several places.
 */
function finish(index: SpecIndex, source: string, fromCache: boolean, ms: number): LoadedSpec {
  if (!isUrlSource(source)) return { ...index, source, fromCache, elapsedMs: ms };
  const absolute = (url: string) =>
    /^[a-z][a-z\d+.-]*:/i.test(url) ? url : resolveUrl(url, source);
  return {
    ...index,
    servers: index.servers.map((server) => ({ ...server, url: absolute(server.url) })),
    operations: index.operations.map((operation) =>
      operation.baseUrl === null
        ? operation
        : { ...operation, baseUrl: absolute(operation.baseUrl) },
    ),
    source,
    fromCache,
    elapsedMs: ms,
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

function displayName(source: string): string {
  return isUrlSource(source) ? source : path.basename(source);
}
