import { formatDuration } from '../../core/identity/index.js';

/** Below this many seconds left (or since expiry) the countdown shows seconds; above, minutes. */
export const SECONDS_SHOWN_BELOW = 5 * 60;

/** What a countdown shows now and how long that stays true. */
export interface Countdown {
  /** `in 12m`, `in 4m 59s`, `expired 3s ago`. */
  readonly phrase: string;
  readonly expired: boolean;
  /** Milliseconds until the phrase changes: when the next repaint is worth doing. */
  readonly changesInMs: number;
}

const MINUTE = 60_000;
const SECOND = 1000;

/**
 * A token's expiry as people read it. Seconds matter only in the last minutes: further away the
 * countdown shows whole minutes (never more than there are) and changes once a minute, so an
 * idle screen is repainted once a minute instead of every second (over SSH, every repaint
 * crosses the network).
 */
export function countdown(expiresAtMs: number, nowMs: number): Countdown {
  const left = expiresAtMs - nowMs;
  if (left > 0) {
    if (left > SECONDS_SHOWN_BELOW * SECOND) {
      const minutes = Math.floor(left / MINUTE);
      return {
        phrase: `in ${formatDuration(minutes * 60)}`,
        expired: false,
        changesInMs: left - minutes * MINUTE || MINUTE,
      };
    }
    // Whole seconds, rounded up: "in 1s" until the moment of expiry, never "in 0s".
    const seconds = Math.ceil(left / SECOND);
    return {
      phrase: `in ${formatDuration(seconds)}`,
      expired: false,
      changesInMs: left - (seconds - 1) * SECOND,
    };
  }
  const since = -left;
  const unit = since >= SECONDS_SHOWN_BELOW * SECOND ? MINUTE : SECOND;
  const whole = Math.floor(since / unit);
  return {
    phrase: `expired ${formatDuration((whole * unit) / SECOND)} ago`,
    expired: true,
    changesInMs: (whole + 1) * unit - since,
  };
}
