import type { UiClock } from '../../src/ui/clock.js';

/** A clock that moves only when told: countdown tests drive minutes without waiting for them. */
export class ManualClock implements UiClock {
  private timers: Array<{ at: number; run: () => void }> = [];
  constructor(private time = Date.now()) {}

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((entry) => entry !== timer);
    };
  }

  /** How many timers wait to be run. */
  pending(): number {
    return this.timers.length;
  }

  /** Moves the time on by `ms`, running the timers that fall due on the way, in order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.run();
    }
    this.time = target;
  }
}
