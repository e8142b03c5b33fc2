import { UsageError } from '../../core/errors.js';
import { MAX_TIMER_MS } from '../../core/http/limits.js';
import { MAX_SPEC_SIZE_FLAG, type SpecLimits, specLimits } from '../../core/catalog/spec-limits.js';

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};
/** A plain decimal number: no sign, no exponent, no hex, no spaces around it. */
const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const LIFTED = new Set(['0', 'none', 'unlimited']);

/**
 * A duration flag in milliseconds: `30` (seconds, as before), `30s`, `500ms`, `5m`, `1h`; `0` or
 * `none` is no limit (returned as 0). Anything a Node timer cannot hold (over 2^31-1 ms, about
 * 24 days) is refused rather than wrapped around to 1 ms, and so is a positive value under 1 ms.
 */
export function parseDuration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().toLowerCase();
  if (LIFTED.has(trimmed)) return 0;
  const match = new RegExp(`^${NUMBER}(ms|s|m|h)?$`).exec(trimmed);
  const usage = `${flag} 30 (seconds), ${flag} 500ms, ${flag} 5m, ${flag} 1h or ${flag} none`;
  if (match === null) {
    throw new UsageError(`${flag}: "${text}" is not a duration`, `Write it like ${usage}.`);
  }
  const ms = Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1000);
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(
      `${flag}: "${text}" is longer than keyhole can wait (at most ${Math.floor(MAX_TIMER_MS / 1000)} s, about 24 days)`,
      `Use ${flag} none for no limit.`,
    );
  }
  if (ms < 1) {
    throw new UsageError(
      `${flag}: "${text}" is shorter than a millisecond`,
      `Write it like ${usage}.`,
    );
  }
  return Math.round(ms);
}

/**
 * A size flag in bytes: `1048576`, `500kB`, `64MiB`, `1GB` (kB/MB/GB are powers of 1000,
 * KiB/MiB/GiB of 1024; case does not matter); `none` (or `0`) lifts the limit (Infinity).
 */
export function parseSize(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().toLowerCase();
  if (LIFTED.has(trimmed)) return Infinity;
  const match = new RegExp(`^${NUMBER}([a-z]+)?$`).exec(trimmed);
  const unit = SIZE_UNITS[match?.[2] ?? 'b'];
  const usage = `Write it like ${flag} 64MiB, ${flag} 500kB, ${flag} 1GB, ${flag} 1048576 (bytes) or ${flag} none.`;
  if (match === null || unit === undefined) {
    throw new UsageError(`${flag}: "${text}" is not a size`, usage);
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes)) {
    throw new UsageError(`${flag}: "${text}" is too large`, `Use ${flag} none for no limit.`);
  }
  if (bytes < 1) throw new UsageError(`${flag}: "${text}" is less than one byte`, usage);
  return bytes;
}

/**
 * The spec limits for this run: `--max-spec-size` (a size, or `none`) over `KEYHOLE_MAX_SPEC_MB`
 * over the default.
 */
export function parseSpecLimits(text: string | undefined): SpecLimits {
  return specLimits(process.env, { maxBytes: parseSize(MAX_SPEC_SIZE_FLAG, text) });
}
