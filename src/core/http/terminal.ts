/*
 * A response body is written by whoever runs the server. Printed raw, it can clear the screen,
 * retitle the window, rewrite lines above it with a carriage return, or (OSC 52) put text on the
 * user's clipboard. Everything shown in a terminal passes through sanitizeForTerminal; raw bytes
 * go only to files and pipes the user asked for.
 */

// Complete sequences are removed whole, so no parameters ("2J") are left behind as litter.
const SEQUENCE = new RegExp(
  [
    // OSC, DCS, SOS, PM, APC (7-bit and C1 introducers), ended by BEL or ST.
    String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)`,
    // CSI (ESC [ or C1 0x9b): parameter bytes, intermediate bytes, one final byte.
    String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]`,
    // Any other escape: intermediates and a final byte (charset selection, RIS, …).
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]`,
  ].join('|'),
  'g',
);

// What is left: C0 controls except tab and newline, DEL, C1 controls, stray ESCs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

// Bidi embeddings, overrides and isolates (and the invisible marks) make text read in a different
// order from the one it has ("Trojan Source"); removed, text shows in its real order.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Line and paragraph separators: terminals disagree on whether they break the line, and a break
// inside a one-line field (a header, a table cell) would let a value forge the line below it.
const SEPARATOR = /[\u2028\u2029]/g;

/**
 * Text safe to print: escape sequences (CSI, OSC including OSC 52 clipboard writes, DCS, …)
 * and C0/C1 control characters are removed. Newlines and tabs stay; CRLF becomes LF and a lone
 * CR, which would let later text overwrite earlier text on the same line, is dropped. Bidi
 * controls are removed and U+2028/U+2029 become spaces. This is the one sanitizer: the CLI's
 * writer (src/cli/output.ts) and the TUI's Text (src/ui/components/text.tsx) apply it to
 * everything they show.
 */
export function sanitizeForTerminal(text: string): string {
  return text
    .replace(SEQUENCE, '')
    .replace(/\r\n/g, '\n')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(SEPARATOR, ' ');
}
