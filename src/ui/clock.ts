import { createContext } from 'react';

/**
 * The time source of the TUI's countdowns and spinner. The app reads it from context, so a test
 * can drive the clock by hand instead of waiting for real seconds to pass.
 */
export interface UiClock {
  /** Milliseconds since the epoch, as Date.now. */
  now(): number;
  /** Calls `run` once after `ms`; the returned function cancels the call. */
  after(ms: number, run: () => void): () => void;
}

/** The real clock: Date.now and setTimeout. */
export const SYSTEM_CLOCK: UiClock = {
  now: () => Date.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** The clock components read; the system clock unless the app is given another. */
export const ClockContext = createContext<UiClock>(SYSTEM_CLOCK);
