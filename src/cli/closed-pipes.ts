let installed = false;

/**
 * `keyhole … | head -1`: a reader that goes away is not a crash.
 *
 * - stdout: the first write that finds no reader (EPIPE) ends the process at once, quietly, with
 *   exit 1: not everything was delivered, as with any failed write (output that fit in the pipe
 *   before the reader left was delivered whole, so it exits as the command says, usually 0).
 *   Nothing is left to do for a reader that is gone: no further pages, probes or rows.
 * - stderr (`2>&1 | head`): diagnostics that cannot be shown are dropped; the command goes on
 *   and exits with its own code (an unhandled EPIPE here used to turn every exit into 1).
 *
 * Installed once, before commander runs, so `--help` is covered too.
 */
export function quietOnClosedPipes(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(1);
    throw error;
  });
  process.stderr.on('error', () => {
    // Nowhere left to say anything: the exit code still tells.
  });
}
