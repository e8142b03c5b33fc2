/**
 * A shell command folded so that no line is wider than `width`, and still the same command:
 * each fold ends in a backslash, which POSIX shells drop together with the newline after it
 * (outside quotes, even inside a word). Inside a single-quoted string the quote is closed before
 * the backslash and opened again on the next line (`'ab'\` + `'cd'` is `abcd`). So a person can
 * select the folded lines with the mouse, paste them, and run exactly what was exported.
 * Understands the single quotes `shellQuote` writes; lines already ending in ` \` stay as they
 * are. `width` below 4 leaves the command alone.
 */
export function foldCommand(command: string, width: number): string[] {
  if (width < 4) return command.split('\n');
  const out: string[] = [];
  // A quoted string may hold a newline: the state carries over from line to line.
  let quoted = false;
  for (const line of command.split('\n')) {
    const folded = foldLine(line, width, quoted);
    out.push(...folded.lines);
    quoted = folded.quoted;
  }
  return out;
}

function foldLine(
  line: string,
  width: number,
  quotedAtStart: boolean,
): { lines: string[]; quoted: boolean } {
  const out: string[] = [];
  let current = '';
  let quoted = quotedAtStart;
  const fitsWhole = line.length <= width;
  for (const unit of units(line, quotedAtStart)) {
    // After the unit there must still be room for the fold: a backslash, and a closing quote
    // when the unit leaves a string open.
    const after = unit === "'" ? !quoted : quoted;
    const fits = current.length + unit.length + (after ? 2 : 1) <= width;
    if (!fitsWhole && !fits && current !== (quoted ? "'" : '')) {
      out.push(quoted ? `${current}'\\` : `${current}\\`);
      current = quoted ? "'" : '';
    }
    current += unit;
    if (unit === "'") quoted = !quoted;
  }
  out.push(current);
  return { lines: out, quoted };
}

/**
 * The line cut where a fold may go: single characters, except that outside quotes a backslash
 * and the character it escapes (the `\'` of `'\''`) stay together.
 */
function units(line: string, quotedAtStart: boolean): string[] {
  const parts: string[] = [];
  let quoted = quotedAtStart;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at] as string;
    if (!quoted && char === '\\' && at + 1 < line.length) {
      parts.push(line.slice(at, at + 2));
      at += 1;
      continue;
    }
    if (char === "'") quoted = !quoted;
    parts.push(char);
  }
  return parts;
}
