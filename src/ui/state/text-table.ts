import { sanitizeForTerminal } from '../../core/http/terminal.js';
import { wrap } from '../../core/text/wrap.js';
import type { Segment, ViewLine } from './view-lines.js';

/** Room a continuation line gives up to show it belongs to the line above. */
const INDENT = '    ';

/**
 * A table as view lines: columns as wide as their widest cell (as the CLI prints it), the header
 * bold. A row wider than the view goes on over more lines, indented, rather than being cut.
 */
export function tableLines(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
): ViewLine[] {
  const clean = rows.map((row) => row.map(cleanText));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...clean.map((r) => (r[i] ?? '').length)),
  );
  const join = (cells: readonly string[]) => {
    const last = cells.findLastIndex((cell) => cell.trim() !== '');
    return cells
      .slice(0, last + 1)
      .map((cell, i) => (i === last ? cell.trimEnd() : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  };
  return [
    ...textLines(join(headers), width, { bold: true }),
    ...clean.flatMap((row) => textLines(join(row), width)),
  ];
}

/** Text on as many lines as it takes at `width`: the first whole, the rest indented. */
export function textLines(
  text: string,
  width: number,
  style: Omit<Segment, 'text'> = {},
): ViewLine[] {
  const line = cleanText(text);
  if (line.length <= width) return [[{ text: line, ...style }]];
  const [first = '', ...rest] = wrap(line, width);
  const more = rest.join(' ');
  const room = Math.max(1, width - INDENT.length);
  return [
    [{ text: first, ...style }],
    ...wrap(more, room).map((part): ViewLine => [{ text: `${INDENT}${part}`, ...style }]),
  ];
}

function cleanText(text: string): string {
  return sanitizeForTerminal(text).replace(/[\r\n\t]+/g, ' ');
}
