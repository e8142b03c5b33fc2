import { foldCommand } from '../../core/curl/index.js';
import { sanitizeForTerminal } from '../../core/http/terminal.js';
import { wrap } from '../../core/text/wrap.js';
import type { Overlay } from './ui-state.js';

/** The plain curl view's lines: what happened, then the command folded to the screen's width. */
export interface CurlLines {
  /** Where the copy went and what the command leaves out, word-wrapped. */
  readonly notes: readonly string[];
  /**
   * The command, every line within the width: a line too long is folded with shell-safe
   * continuations (foldCommand), so the selected lines still run as the same command.
   */
  readonly command: readonly string[];
}

/** The curl view's content for a screen `width` columns wide. */
export function curlLines(overlay: Extract<Overlay, { kind: 'curl' }>, width: number): CurlLines {
  const notes = [overlay.why, ...overlay.warnings].flatMap((text) =>
    wrap(sanitizeForTerminal(text).replace(/\s+/g, ' '), width),
  );
  return { notes, command: foldCommand(sanitizeForTerminal(overlay.command), width) };
}
