import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configDir } from '../config/paths.js';
import { PROFILE_NAME_PATTERN } from './vocabulary.js';

/**
 * The names of the saved profiles, read for shell completion: every Tab press pays for it, so
 * config.json is parsed as plain JSON, without the store (conf), the schema (zod) or the lock.
 * Never throws: a missing, unreadable or corrupt file completes nothing, and the commands that
 * read it properly say what is wrong. Only names a profile may have are returned, so nothing
 * else in the file reaches a shell.
 */
export function savedProfileNames(dir: string = configDir()): string[] {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  } catch {
    return [];
  }
  const profiles = (config as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles)) return [];
  const names = profiles
    .map((profile) => (profile as { name?: unknown } | null)?.name)
    .filter((name): name is string => typeof name === 'string' && PROFILE_NAME_PATTERN.test(name));
  return [...new Set(names)].sort();
}
