/*
 * When a 429 may be retried. Only methods that are safe to repeat are retried (RFC 9110
 * idempotent methods): a POST or PATCH that hit a rate limit may already have done something,
 * and repeating it behind the user's back could do it twice. Those 429s go back to the caller.
 */
import type { Cancellation } from './cancel.js';
import { abortedError } from './errors.js';
import { boundedMs } from './limits.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Whether repeating the method cannot change the outcome on the server. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * Retry-After as milliseconds to wait: delay-seconds ("120") or an HTTP date. Null when absent
 * or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(
  value: string | readonly string[] | undefined,
  now: number = Date.now(),
): number | null {
  const text = (typeof value === 'string' ? value : value?.[0])?.trim();
  if (text === undefined || text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // V8 reads almost anything as a date ("-1" is a year); an HTTP date always names a month.
  if (!/[a-z]{3}/i.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Without Retry-After: 1 s, 2 s, 4 s, … */
export function backoffMs(attempt: number): number {
  return 1000 * 2 ** attempt;
}

/** Waits, or rejects with the usual "cancelled" error when the call is cancelled first. */
export function waitBeforeRetry(ms: number, url: URL, cancellation?: Cancellation): Promise<void> {
  if (cancellation?.cancelled) return Promise.reject(abortedError(url));
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening?.();
      resolve();
    }, boundedMs(ms));
    const stopListening = cancellation?.onCancel(() => {
      clearTimeout(timer);
      reject(abortedError(url));
    });
  });
}
