import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configDir, ensurePrivateDir } from '../config/paths.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { decodeIndex, encodeIndex, type EncodedIndex } from './index-codec.js';
import type { SpecIndex } from './types.js';

/**
 * Bumped whenever the index shape or the extraction rules change, so indexes built by an older
 * keyhole are rebuilt instead of trusted.
 */
export const INDEX_FORMAT = 7;

interface CacheFile {
  format: number;
  index: EncodedIndex;
}

/** `<configDir>/cache/specs`, the default home of cached indexes. */
export function defaultSpecCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'cache', 'specs');
}

/** sha256 of a spec's bytes, hex: the cache key. */
export function hashSpec(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The cache file for a spec hash. */
export function specCacheFile(cacheDir: string, hash: string): string {
  return path.join(cacheDir, `${hash}.json`);
}

/**
 * The cached index for `hash`, or undefined. A missing, unreadable, corrupt or outdated file is a
 * miss, never an error: the spec is simply parsed again and the file rewritten.
 */
export function readCachedIndex(cacheDir: string, hash: string): SpecIndex | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(specCacheFile(cacheDir, hash), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { format, index } = parsed as Partial<CacheFile>;
  if (format !== INDEX_FORMAT || typeof index !== 'object' || index === null) return undefined;
  if (index.hash !== hash) return undefined;
  return decodeIndex(index);
}

/** Creates the cache folder (0700); the default one's `cache` parent too, private like the rest. */
export function ensureSpecCacheDir(cacheDir: string): void {
  if (path.resolve(cacheDir) === path.resolve(defaultSpecCacheDir())) {
    ensurePrivateDir(path.dirname(cacheDir));
  }
  ensurePrivateDir(cacheDir);
}

/** Writes the index atomically as a 0600 file in a 0700 folder; returns the file's path. */
export function writeCachedIndex(cacheDir: string, index: SpecIndex): string {
  ensureSpecCacheDir(cacheDir);
  const file = specCacheFile(cacheDir, index.hash);
  const body: CacheFile = { format: INDEX_FORMAT, index: encodeIndex(index) };
  writeFileAtomic(file, JSON.stringify(body));
  return file;
}
