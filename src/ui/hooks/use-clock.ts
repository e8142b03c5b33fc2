import { useContext, useEffect, useState } from 'react';
import { ClockContext } from '../clock.js';
import { countdown } from '../state/countdown.js';

/**
 * The time now, refreshed every `intervalMs` while `active` (the spinner). Only the components
 * that use it re-render on a tick.
 */
export function useClock(intervalMs: number, active = true): number {
  return useTicks(active ? () => intervalMs : null);
}

/**
 * The time now, refreshed only when the expiry countdown would read differently: once a minute
 * while many minutes are left, every second in the last minutes. Null: no expiry, no ticks.
 */
export function useCountdownClock(expiresAt: string | null): number {
  const at = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  return useTicks(Number.isFinite(at) ? (now) => countdown(at, now).changesInMs : null);
}

/**
 * The time now, read at every render (so a render for any other reason shows the true time),
 * and a timer re-armed after every render that wakes the component `wait(now)` ms later (now as
 * the timer is armed); never when `wait` is null.
 */
function useTicks(wait: ((now: number) => number) | null): number {
  const clock = useContext(ClockContext);
  const [, setTicks] = useState(0);
  useEffect(() => {
    if (wait === null) return;
    const delay = Math.max(1, Math.ceil(wait(clock.now())));
    return clock.after(delay, () => setTicks((ticks) => ticks + 1));
  });
  return clock.now();
}
