/** The result of one check of an operation against a token. */
export interface Check {
  outcome: 'pass' | 'fail' | 'unknown';
  reasons: string[];
}

const RANK: Record<Check['outcome'], number> = { fail: 0, unknown: 1, pass: 2 };

/** Constructors for the three outcomes. */
export const pass = (...reasons: string[]): Check => ({ outcome: 'pass', reasons });
export const fail = (...reasons: string[]): Check => ({ outcome: 'fail', reasons });
export const unknown = (...reasons: string[]): Check => ({ outcome: 'unknown', reasons });

/**
 * All must pass: the worst outcome wins. Only the reasons of checks with that outcome are kept,
 * so a denial says what fails, not also what would have been fine.
 */
export function all(checks: readonly Check[]): Check {
  let worst: Check['outcome'] = 'pass';
  for (const check of checks) if (RANK[check.outcome] < RANK[worst]) worst = check.outcome;
  return { outcome: worst, reasons: reasonsOf(checks, worst) };
}

/**
 * One must pass: the best outcome wins, with the reasons of the first alternative that reached
 * it when it passes (one way in is enough to explain), else of every alternative that did.
 */
export function any(checks: readonly Check[]): Check {
  let best: Check | undefined;
  for (const check of checks) if (!best || RANK[check.outcome] > RANK[best.outcome]) best = check;
  if (!best) return unknown('no alternative to check');
  if (best.outcome === 'pass') return best;
  return { outcome: best.outcome, reasons: reasonsOf(checks, best.outcome) };
}

function reasonsOf(checks: readonly Check[], outcome: Check['outcome']): string[] {
  const reasons = checks.filter((c) => c.outcome === outcome).flatMap((c) => c.reasons);
  return [...new Set(reasons)];
}
