import { sanitizeForTerminal } from '../../core/http/terminal.js';
import { wrap } from '../../core/text/wrap.js';
import type { Segment, ViewLine } from './view-lines.js';

/** Room a continuation line gives up to show it belongs to the line above. */
const INDENT = '    ';

/** A column is never narrowed below this to make a table fit. */
const MIN_COLUMN = 12;
const GAP = '  ';

/**
 * A table as view lines: columns as wide as their widest cell (as the CLI prints it), the header
 * bold. A table wider than the view narrows its widest columns, whose cells then wrap within
 * them, so every column stays aligned and nothing is cut.
 */
export function tableLines(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
): ViewLine[] {
  const clean = rows.map((row) => row.map(cleanText));
  const widths = fitWidths(
    headers.map((h, i) => Math.max(h.length, ...clean.map((r) => (r[i] ?? '').length))),
    width,
  );
  const render = (cells: readonly string[], style: Omit<Segment, 'text'> = {}): ViewLine[] => {
    const wrapped = widths.map((w, i) => (cells[i] ? wrap(cells[i] ?? '', w) : ['']));
    const height = Math.max(1, ...wrapped.map((parts) => parts.length));
    return Array.from({ length: height }, (_, at) => {
      const parts = widths.map((w, i) => (wrapped[i]?.[at] ?? '').padEnd(w));
      const text = parts.join(GAP).trimEnd();
      // Too narrow even so (a view a few columns wide): the row goes on over more lines.
      return text.length <= width ? [[{ text, ...style }]] : textLines(text, width, style);
    }).flat();
  };
  return [...render(headers, { bold: true }), ...clean.flatMap((row) => render(row))];
}

/** Column widths that fit `width`: the widest column gives up a column at a time. */
function fitWidths(natural: readonly number[], width: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  while (total() > width) {
    const widest = Math.max(...widths);
    if (widest <= MIN_COLUMN) break;
    widths[widths.indexOf(widest)] = widest - 1;
  }
  return widths;
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
