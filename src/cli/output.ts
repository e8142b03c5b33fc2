/*
 * The CLI's only way to the terminal. Text printed here may hold anything a server sent (token
 * claims, error descriptions, reason phrases, spec titles): every string is passed through
 * sanitizeForTerminal on its way out, and keyhole's own colours are not characters in a string
 * but Styled pieces the writer turns into escape codes itself, after sanitizing their text.
 * So no string can carry an escape sequence to the terminal, whoever built it. eslint keeps
 * process.stdout.write and process.stderr.write out of the rest of src/cli.
 */
import { sanitizeForTerminal } from '../core/http/terminal.js';
import { toSafeJson } from '../core/text/safe-json.js';
import { colorEnabled, paint, type StyleName } from './style.js';

/** Text styled by keyhole (never by a server): a style around printable text. */
export class Styled {
  constructor(
    readonly style: StyleName,
    readonly text: Printable,
  ) {}

  /** In a template literal by mistake: the plain, sanitized text, never a raw escape code. */
  toString(): string {
    return render(this, false);
  }
}

/** What the writers take: plain text, a styled piece, or a run of them. */
export type Printable = string | Styled | readonly Printable[];

/** `text` in `style`; coloured only when the stream it is written to is a terminal. */
export function styled(style: StyleName, text: Printable): Styled {
  return new Styled(style, text);
}

/** The characters of `printable` as the terminal will get them, colour aside (for widths). */
export function plainText(printable: Printable): string {
  return render(printable, false);
}

function render(printable: Printable, color: boolean): string {
  if (typeof printable === 'string') return sanitizeForTerminal(printable);
  if (printable instanceof Styled) {
    return paint(color, printable.style, render(printable.text, color));
  }
  return printable.map((piece) => render(piece, color)).join('');
}

function writeLine(stream: NodeJS.WriteStream, text: Printable): void {
  stream.write(`${render(text, colorEnabled(stream))}\n`);
}

/**
 * Data goes to stdout; it is the only thing a script should parse. Serialized with toSafeJson:
 * C1 controls, line separators and bidi controls are \u escapes, so a terminal never acts on them.
 */
export function printJson(value: unknown, indent = 2): void {
  process.stdout.write(`${toSafeJson(value, indent)}\n`);
}

/** One line of text on stdout, sanitized. */
export function printLine(text: Printable = ''): void {
  writeLine(process.stdout, text);
}

/**
 * Bytes on stdout as they are: only for a response body going to a pipe or a file the user
 * chose (`keyhole call … > body.bin`), never to a terminal.
 */
export function writeRaw(bytes: Uint8Array): void {
  process.stdout.write(bytes);
}

/** Diagnostics go to stderr, styled only when stderr is a terminal. */
export function warn(message: Printable): void {
  writeLine(process.stderr, [styled('yellow', 'warning:'), ' ', message]);
}

export function note(message: Printable): void {
  writeLine(process.stderr, message);
}

/**
 * Resolves once stdout has taken everything written so far, so piped output is not cut short.
 * With nothing pending nothing is written: an empty write to a pipe whose reader has left after
 * taking all of the output (`| head -1`) would fail with EPIPE and turn exit 0 into 1.
 */
export async function drainStdout(): Promise<void> {
  if (process.stdout.writableLength > 0) {
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  }
  // A write that found no reader says so a tick later: its handler (exit 1) runs before the exit.
  await new Promise((resolve) => setImmediate(resolve));
}

/** Left-aligned columns sized to their widest cell; styling is applied after padding. */
export function printTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  styleCell?: (row: number, column: number, padded: string) => Printable,
): void {
  // Sanitized before measuring, so a cell that loses control characters keeps its column.
  const cleanRows = rows.map((row) => row.map((cell) => sanitizeForTerminal(cell)));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cleanRows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[], row: number): Printable[] => {
    // No trailing blanks: the line ends with its last non-empty cell, unpadded.
    const last = cells.findLastIndex((cell) => cell.trim() !== '');
    return cells.slice(0, last + 1).flatMap((cell, i) => {
      const padded = i === last ? cell.trimEnd() : cell.padEnd(widths[i] ?? 0);
      const piece = row >= 0 && styleCell ? styleCell(row, i, padded) : padded;
      return i === last ? [piece] : [piece, '  '];
    });
  };
  printLine(styled('bold', line(headers, -1)));
  cleanRows.forEach((r, i) => printLine(line(r, i)));
}
