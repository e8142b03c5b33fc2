import { MEMORY_CEILING_BYTES } from '../../core/http/index.js';
import { formatBytes } from '../../core/text/size.js';

/** What a user reads when the body cap cut a response. */
export function bodyCutMessage(limitBytes: number): string {
  if (limitBytes === MEMORY_CEILING_BYTES) {
    return (
      `body cut at ${formatBytes(limitBytes)}, the most keyhole holds in memory (the server sent ` +
      'more); a body written to a pipe or file without --json or --all-pages is not held in memory'
    );
  }
  return (
    `body cut at ${formatBytes(limitBytes)} (the server sent more); ` +
    'raise it with --max-body SIZE or lift it with --max-body none'
  );
}
