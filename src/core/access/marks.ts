import type { Verdict } from './types.js';

/** How a verdict is written in every view, CLI and TUI alike. */
export const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  allowed: '✓',
  denied: '✗',
  unknown: '?',
};
