import { KeyholeError } from '../core/errors.js';
import { onNotice } from '../core/notices.js';
import { quietOnClosedPipes } from './closed-pipes.js';
import { drainStdout, note, styled, warn } from './output.js';
import { sideFailureCode } from './side-failures.js';

/**
 * Runs a command body and turns its outcome into an exit code. Known errors print their message
 * and hint on stderr (a side write that failed makes a successful command exit 1, see
 * side-failures.ts); anything else is reported as a bug, with the stack only under KEYHOLE_DEBUG.
 */
export async function runCommand(body: () => Promise<number | void>): Promise<never> {
  quietOnClosedPipes();
  let code: number;
  onNotice(warn);
  try {
    code = Math.max((await body()) ?? 0, sideFailureCode());
  } catch (error) {
    code = reportError(error);
  }
  process.exitCode = code;
  // Let stdout drain before leaving, so piped output is never cut short.
  await drainStdout();
  process.exit(code);
}

/** Error messages quote servers and specs (error_description, issuers, parser messages). */
export function reportError(error: unknown): number {
  if (error instanceof KeyholeError) {
    note([styled('red', 'error:'), ' ', error.message]);
    if (error.hint) note(styled('dim', error.hint));
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  note([styled('red', 'internal error:'), ' ', message]);
  if (process.env.KEYHOLE_DEBUG && error instanceof Error && error.stack) {
    note(error.stack);
  } else {
    note('This is a bug in keyhole. Run again with KEYHOLE_DEBUG=1 for details.');
  }
  return 1;
}
