import { useEffect, useState } from 'react';

/**
 * The time now, refreshed every `intervalMs` while `active`. Only the components that show a
 * countdown or a spinner use it, so a tick re-renders only them.
 */
export function useClock(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
