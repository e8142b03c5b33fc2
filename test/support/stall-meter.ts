import { performance } from 'node:perf_hooks';

/** Measures the longest time this thread's event loop went without running a timer. */
export interface StallMeter {
  /** Stops measuring; the longest stall in milliseconds, the one still going on included. */
  stop(): number;
}

/**
 * A 1 ms heartbeat. The stall that lasts until `stop()` counts too: code that blocks the loop
 * and then resolves the awaited promise is stopped in the same turn, before any timer could
 * record the gap (a plain `monitorEventLoopDelay` read then reports a few milliseconds for a
 * load that blocked for seconds).
 */
export function startStallMeter(): StallMeter {
  let last = performance.now();
  let longest = 0;
  const beat = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(beat);
      return Math.max(longest, performance.now() - last);
    },
  };
}
