import { KeyholeError, UsageError } from '../errors.js';
import { formatBytes } from '../text/size.js';

/** SailPoint's beta spec is 2.3 MB, GitHub's REST description 13 MB: 64 MB leaves room. */
export const DEFAULT_MAX_SPEC_MB = 64;
/** A spec download that takes longer than this is not going to finish usefully. */
export const DEFAULT_SPEC_TIMEOUT_SECONDS = 120;

/** The variables that change the limits, named in every message that enforces one. */
export const MAX_SPEC_MB_VAR = 'KEYHOLE_MAX_SPEC_MB';
export const SPEC_TIMEOUT_VAR = 'KEYHOLE_SPEC_TIMEOUT';
/** The flag of the commands that load specs that sets the size limit for one run. */
export const MAX_SPEC_SIZE_FLAG = '--max-spec-size';

/** How much of a spec keyhole reads, and for how long it waits for a download. */
export interface SpecLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Who set `maxBytes`, so the message that enforces it names the right knob. @default 'default' */
  maxBytesSetBy?: 'default' | 'env' | 'flag';
}

/**
 * The limits from the environment (`KEYHOLE_MAX_SPEC_MB`, `KEYHOLE_SPEC_TIMEOUT` in seconds),
 * else the defaults; `maxBytes` (from `--max-spec-size`) wins over both. A value that is not a
 * positive number is a usage error, not a silent default.
 */
export function specLimits(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { maxBytes?: number } = {},
): SpecLimits {
  const fromEnv = positive(env, MAX_SPEC_MB_VAR, undefined);
  const timeoutMs = Math.ceil(positive(env, SPEC_TIMEOUT_VAR, DEFAULT_SPEC_TIMEOUT_SECONDS) * 1000);
  if (overrides.maxBytes !== undefined) {
    return { maxBytes: overrides.maxBytes, timeoutMs, maxBytesSetBy: 'flag' };
  }
  return {
    maxBytes: Math.floor((fromEnv ?? DEFAULT_MAX_SPEC_MB) * 1024 * 1024),
    timeoutMs,
    maxBytesSetBy: fromEnv === undefined ? 'default' : 'env',
  };
}

function positive<T extends number | undefined>(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: T,
): number | T {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${name}: "${text}" is not a positive number`);
  }
  return value;
}

/**
 * "the limit set by --max-spec-size" and how to raise it, for a spec of `size` bytes when known:
 * the one sentence every refusal of a big spec ends with.
 */
export function raiseSpecLimitHint(limits: SpecLimits, size: number | null): string {
  const mib = 1024 * 1024;
  // Room above the spec's size, else four times the limit: one retry should be enough.
  const suggested =
    size !== null ? Math.ceil(size / mib) + 1 : Math.ceil((limits.maxBytes * 4) / mib);
  return (
    `If it really is an API description, raise the limit: ${MAX_SPEC_SIZE_FLAG} ${suggested}MiB ` +
    `(endpoints, call, compare, matrix, curl, specs add/update) or ${MAX_SPEC_MB_VAR}=${suggested}.`
  );
}

/** Who set the limit, in words: "keyhole's default", "KEYHOLE_MAX_SPEC_MB", "--max-spec-size". */
export function specLimitOrigin(limits: SpecLimits): string {
  switch (limits.maxBytesSetBy) {
    case 'flag':
      return `the limit set by ${MAX_SPEC_SIZE_FLAG}`;
    case 'env':
      return `the limit set by ${MAX_SPEC_MB_VAR}`;
    default:
      return `keyhole's default limit; ${MAX_SPEC_SIZE_FLAG} or ${MAX_SPEC_MB_VAR} raises it`;
  }
}

/** The code of the error a spec over the size limit throws. */
export const SPEC_TOO_LARGE = 'spec-too-large';

/** A spec over the size limit; `size` when known (a file's, a download's Content-Length). */
export function specTooLarge(
  source: string,
  limits: SpecLimits,
  size: number | null = null,
): KeyholeError {
  const what = size === null ? 'larger than' : `${formatBytes(size)}, more than`;
  return new KeyholeError(
    `the spec ${source} is ${what} ${formatBytes(limits.maxBytes)} (${specLimitOrigin(limits)})`,
    { exitCode: 2, hint: raiseSpecLimitHint(limits, size), code: SPEC_TOO_LARGE },
  );
}
