/*
 * The engine's limits and how they are described. Node's timers hold at most 2^31-1 ms; a longer
 * delay is silently replaced by 1 ms (with only a process warning), so every timer the engine
 * sets goes through boundedMs. Bodies are held as one Buffer and often decoded to one string;
 * V8 refuses strings over about 512 MiB, so that is the most the engine keeps in memory whatever
 * the cap says (a streamed body has no such bound: it is not kept).
 */

/** How long to wait for a TCP (and TLS) connection before undici gives up on it. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** The longest delay a Node timer can hold: about 24.8 days. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Body bytes kept in memory at most, even with the cap lifted: V8's string limit, rounded down. */
export const MEMORY_CEILING_BYTES = 512 * 1024 * 1024 - 64 * 1024;

/** The first bytes of a streamed body kept for explanations and the history. */
export const STREAM_PREVIEW_BYTES = 64 * 1024;

/** A delay a Node timer holds as given: at most MAX_TIMER_MS (longer waits are as good as forever). */
export function boundedMs(ms: number): number {
  return Math.min(Math.max(0, ms), MAX_TIMER_MS);
}
