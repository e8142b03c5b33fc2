import { warn } from './output.js';

let failed = false;

/**
 * Something a command saves beside its real work (history, an observation, the spec cache) could
 * not be saved: the command still prints its result, warns now with the reason and the path
 * ("disk full"), and exits 1 at the end, so a script learns that the disk needs attention.
 */
export function reportSideFailure(what: string, error: unknown): void {
  warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
}

/** 1 once a side failure was reported, else 0. */
export function sideFailureCode(): 0 | 1 {
  return failed ? 1 : 0;
}
