import { UsageError } from '../errors.js';

/** SailPoint's beta spec is 2.3 MB, GitHub's REST description 13 MB: 64 MB leaves room. */
export const DEFAULT_MAX_SPEC_MB = 64;
/** A spec download that takes longer than this is not going to finish usefully. */
export const DEFAULT_SPEC_TIMEOUT_SECONDS = 120;

/** The variables that change the limits, named in every message that enforces one. */
export const MAX_SPEC_MB_VAR = 'KEYHOLE_MAX_SPEC_MB';
export const SPEC_TIMEOUT_VAR = 'KEYHOLE_SPEC_TIMEOUT';

/** How much of a spec keyhole reads, and for how long it waits for a download. */
export interface SpecLimits {
  maxBytes: number;
  timeoutMs: number;
}

/**
 * The limits from the environment (`KEYHOLE_MAX_SPEC_MB`, `KEYHOLE_SPEC_TIMEOUT` in seconds),
 * else the defaults. A value that is not a positive number is a usage error, not a silent default.
 */
export function specLimits(env: NodeJS.ProcessEnv = process.env): SpecLimits {
  return {
    maxBytes: Math.floor(positive(env, MAX_SPEC_MB_VAR, DEFAULT_MAX_SPEC_MB) * 1024 * 1024),
    timeoutMs: Math.ceil(positive(env, SPEC_TIMEOUT_VAR, DEFAULT_SPEC_TIMEOUT_SECONDS) * 1000),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${name}: "${text}" is not a positive number`);
  }
  return value;
}
