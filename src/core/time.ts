/** The largest distance from the epoch a JavaScript Date can hold, in milliseconds (ECMA-262). */
export const MAX_DATE_MS = 8.64e15;

/**
 * The time as epoch milliseconds when a Date can hold it, else null. Servers send lifetimes
 * such as `expires_in: 1e300`; turned into a Date they make `toISOString()` throw
 * "Invalid time value", so such a time counts as unknown instead.
 */
export function dateMsOrNull(ms: number): number | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : null;
}
