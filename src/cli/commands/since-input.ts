import { UsageError } from '../../core/errors.js';

const UNITS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * `--since` in milliseconds back from now: `30m`, `12h`, `7d`, `4w`. A history spans days and
 * weeks, which the timeout flags (capped at what a Node timer holds) do not take.
 */
export function parseSince(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(m|h|d|w)$/.exec(text.trim().toLowerCase());
  const ms = match ? Number(match[1]) * (UNITS[match[2] ?? ''] ?? 0) : 0;
  if (!(ms > 0)) {
    throw new UsageError(
      `--since: "${text}" is not a span of time`,
      'Write it like --since 30m, --since 12h, --since 7d or --since 4w.',
    );
  }
  return ms;
}
