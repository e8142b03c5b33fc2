import { colorEnabled, paint, type StyleName } from './style.js';

/** Data goes to stdout; it is the only thing a script should parse. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Diagnostics go to stderr, styled only when stderr is a terminal. */
export function warn(message: string): void {
  process.stderr.write(`${paint(colorEnabled(process.stderr), 'yellow', 'warning:')} ${message}\n`);
}

export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function stdoutPaint(style: StyleName, text: string): string {
  return paint(colorEnabled(process.stdout), style, text);
}

/** Left-aligned columns sized to their widest cell; styling is applied after padding. */
export function printTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  styleCell?: (row: number, column: number, padded: string) => string,
): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[], row: number) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
        return row >= 0 && styleCell ? styleCell(row, i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  printLine(stdoutPaint('bold', line(headers, -1)));
  rows.forEach((r, i) => printLine(line(r, i)));
}
