// string-width for Ink, with a fast path for the text a TUI is made of. string-width 8 measures
// anything beyond printable ASCII grapheme by grapheme, testing each against /^\p{RGI_Emoji}$/v;
// V8 compiles that expression on its first use, 20-30 ms here, so the first frame with a border
// or a ❯ paid it. A string made only of the characters below is as wide as it is long: each is
// one column wide, a grapheme of its own, and forms no cluster with any other of them (the test
// checks every one against string-width itself). Anything else goes to string-width unchanged.
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/**
 * Printable ASCII, Latin-1 but the soft hyphen, general punctuation (… ‹ ›), arrows and technical
 * symbols (→ ⏎), box drawing and blocks (─ │ ╭ ━ █), geometric shapes (● ▶), the text-style
 * symbols and dingbats (⚠ ✓ ✗ ❯) and Braille (the spinner ⠼): every code point of these blocks
 * that string-width measures one column wide alone, beside "a" and beside itself, and that
 * Intl.Segmenter never joins to its neighbour. Emoji-style and wide characters are left out.
 */
export const NARROW =
  /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u00FF\u2010-\u2029\u202F-\u205E\u2190-\u2319\u231C-\u2328\u232B-\u23E8\u23ED-\u23EF\u23F1-\u23F2\u23F4-\u23FF\u2500-\u25FC\u25FF-\u2613\u2616-\u262F\u2638-\u2647\u2654-\u267E\u2680-\u2689\u2690-\u2692\u2694-\u26A0\u26A2-\u26A9\u26AC-\u26BC\u26BF-\u26C3\u26C6-\u26CD\u26CF-\u26D3\u26D5-\u26E9\u26EB-\u26F1\u26F4\u26F6-\u26F9\u26FB-\u26FC\u26FE-\u2704\u2706-\u2709\u270C-\u2727\u2729-\u274B\u274D\u274F-\u2752\u2756\u2758-\u2794\u2798-\u27AF\u27B1-\u27BE\u2800-\u28FF]*$/;

/** string-width's own signature; options other than the defaults go to string-width. */
export default function narrowStringWidth(input, options) {
  if (options === undefined && typeof input === 'string') {
    const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
    if (NARROW.test(text)) return text.length;
  }
  return stringWidth(input, options);
}
