import { sanitizeForTerminal } from '../http/terminal.js';
import { type BodyKind, type FormattedBody, formatBody, previewBody } from './body-format.js';
import {
  OFF_THREAD_FROM,
  type OffThreadFormatOptions,
  formatBodyOffThread,
} from './format-off-thread.js';

export type { BodyKind } from './body-format.js';

/** Where a search hit is, and which of all the hits it is. */
export interface BodyMatch {
  readonly line: number;
  readonly column: number;
  /** 0-based position among the hits, in body order. */
  readonly index: number;
  /** How many hits the body holds (at most MAX_MATCHES; `capped` says there are more). */
  readonly total: number;
  readonly capped: boolean;
}

/**
 * Hits counted at most (4 MB of offsets). A one-letter query in a 20 MB body could have millions;
 * past this many "match 3 of 1,000,000+" is said, and stepping wraps within the counted ones.
 */
export const MAX_MATCHES = 1_000_000;

/** Lines of a big JSON body laid out at once, to show while the worker does the rest. */
export const PREVIEW_LINES = 500;

/** A character is at most 4 bytes of UTF-8: a window of `n` characters lies in 4n bytes. */
const MAX_CHAR_BYTES = 4;

/*
 * A 20 MB body pretty-prints to ~32 MB on ~1.3 M lines. It is kept as UTF-8 bytes (never one
 * big string, which would be twice that when one character is beyond Latin-1) with an index of
 * line starts (a Uint32Array), and any window is decoded on demand. Formatting happens in a
 * worker thread for a big body (prepareOffThread), see format-off-thread.ts.
 */

/**
 * A response body, formatted once and read a window at a time. Formatting happens on the first
 * access (or `prepare()`, or off the thread with `prepareOffThread()`), never at construction,
 * so a response can be shown before it is ready.
 */
export class BodyDocument {
  private text: Buffer = Buffer.alloc(0);
  private starts: Uint32Array = new Uint32Array(0);
  private count = 0;
  private ascii = true;
  private detected: BodyKind = 'empty';
  private prepared = false;
  /** The worker's formatting, while it runs: the body shows its first lines meanwhile. */
  private formatting: Promise<void> | null = null;
  /** Set from the start of formatOffThread (before `formatting` is), cleared at its end. */
  private offThread = false;
  /** The text lower-cased for finding, or the text itself when lower-casing moves offsets. */
  private lowered: { readonly bytes: Buffer; readonly folded: boolean } | null = null;
  /** Where the last query's hits start (byte offsets), for counting and stepping through them. */
  private hits: {
    readonly query: string;
    readonly at: Uint32Array;
    readonly capped: boolean;
  } | null = null;

  constructor(
    /** The raw bytes as received: what "save body" writes. */
    readonly raw: Buffer,
    readonly contentType: string | null = null,
  ) {}

  /** What the body is shown as (while the worker formats it: what its first lines are). */
  get kind(): BodyKind {
    this.current();
    return this.detected;
  }

  /** Its lines (while the worker formats it: the first lines, at most PREVIEW_LINES). */
  get lineCount(): number {
    this.current();
    return this.count;
  }

  /** Whether the body is formatted whole (reading it now costs nothing more). */
  get ready(): boolean {
    return this.prepared;
  }

  /** Resolves once the body is formatted whole. */
  whenReady(): Promise<void> {
    if (this.formatting) return this.formatting;
    this.prepare();
    return Promise.resolve();
  }

  /** Formats the body now, in this thread (idempotent). */
  prepare(): void {
    if (!this.prepared) this.adopt(formatBody(this.raw, this.contentType));
  }

  /**
   * Formats the body in a worker thread when it is big, so this thread stays free meanwhile.
   * `onFirstLines` is called as soon as the first PREVIEW_LINES lines of a big JSON body are laid
   * out (a millisecond, in this thread): from then until it resolves, the document reads those.
   */
  prepareOffThread(options: OffThreadFormatOptions = {}, onFirstLines?: () => void): Promise<void> {
    if (this.prepared) return Promise.resolve();
    this.formatting ??= this.formatOffThread(options, onFirstLines);
    return this.formatting;
  }

  private async formatOffThread(
    options: OffThreadFormatOptions,
    onFirstLines: (() => void) | undefined,
  ): Promise<void> {
    this.offThread = true;
    try {
      const formatted = formatBodyOffThread(this.raw, this.contentType, options);
      if (onFirstLines && this.raw.length >= (options.offThreadFrom ?? OFF_THREAD_FROM)) {
        const first = previewBody(this.raw, this.contentType, PREVIEW_LINES);
        if (first) {
          this.show(first);
          onFirstLines();
        }
      }
      const whole = await formatted;
      if (!this.prepared) this.adopt(whole);
    } finally {
      this.offThread = false;
      this.formatting = null;
    }
  }

  /** Formats in this thread when asked before anything was; never while the worker formats. */
  private current(): void {
    if (!this.offThread) this.prepare();
  }

  private adopt(formatted: FormattedBody): void {
    this.show(formatted);
    this.prepared = true;
  }

  private show(formatted: FormattedBody): void {
    const { bytes } = formatted;
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.starts = formatted.starts;
    this.count = formatted.count;
    this.ascii = formatted.ascii;
    this.detected = formatted.kind;
    this.hits = null;
    this.lowered = null;
  }

  /** The whole line `index` (unsanitized JSON text: use `visible` for the screen). */
  line(index: number): string {
    this.current();
    if (index < 0 || index >= this.count) return '';
    return this.text.toString('utf8', this.starts[index], this.lineEnd(index));
  }

  /**
   * At most `width` characters of line `index` from column `from`, safe to print: a line of
   * any length costs only what is shown.
   */
  visible(index: number, from = 0, width = 200): string {
    this.current();
    if (index < 0 || index >= this.count) return '';
    const start = this.starts[index] as number;
    const end = this.lineEnd(index);
    const window = this.ascii
      ? this.text.toString(
          'latin1',
          Math.min(end, start + from),
          Math.min(end, start + from + width),
        )
      : this.text
          .toString('utf8', start, Math.min(end, start + (from + width) * MAX_CHAR_BYTES))
          .slice(from, from + width);
    if (window === '') return '';
    return sanitizeForTerminal(window).replace(/\t/g, '  ');
  }

  /**
   * The next hit of `query` (case-insensitive): with `current` (the index of the hit shown now)
   * the one after it in `direction`; without, the first from line `fromLine` on (backwards: the
   * last up to its end). Wraps around the ends; null when the body does not hold `query`.
   * While the worker formats the body, only its first lines are searched: await whenReady().
   */
  find(query: string, fromLine: number, direction: 1 | -1 = 1, current?: number): BodyMatch | null {
    this.current();
    if (query === '' || this.count === 0) return null;
    const { at, capped } = this.hitsOf(query);
    const total = at.length;
    if (total === 0) return null;
    let index: number;
    if (current !== undefined && current >= 0 && current < total) {
      index = (current + direction + total) % total;
    } else {
      const line = Math.min(Math.max(fromLine, 0), this.count - 1);
      if (direction === 1) {
        index = firstAtOrAfter(at, this.starts[line] as number);
        if (index === total) index = 0;
      } else {
        index = firstAtOrAfter(at, this.lineEnd(line) + 1) - 1;
        if (index < 0) index = total - 1;
      }
    }
    const offset = at[index] as number;
    const found = this.lineOf(offset);
    const start = this.starts[found] as number;
    // Columns count characters, as the line on screen does.
    const column = this.ascii ? offset - start : this.text.toString('utf8', start, offset).length;
    return { line: found, column, index, total, capped };
  }

  /** Where line `index` ends (its newline, or the end of the text). */
  private lineEnd(index: number): number {
    return index + 1 < this.count ? (this.starts[index + 1] as number) - 1 : this.text.length;
  }

  /** Every hit of `query`, counted once per query (a new query replaces the last). */
  private hitsOf(query: string): { at: Uint32Array; capped: boolean } {
    if (this.hits?.query === query) return this.hits;
    const { bytes, folded } = this.searchable();
    const needle = Buffer.from(folded ? query.toLowerCase() : query, 'utf8');
    let at = new Uint32Array(64);
    let count = 0;
    let capped = false;
    for (
      let from = bytes.indexOf(needle);
      from !== -1;
      from = bytes.indexOf(needle, from + needle.length)
    ) {
      if (count === MAX_MATCHES) {
        capped = true;
        break;
      }
      if (count === at.length) {
        const grown = new Uint32Array(Math.min(at.length * 2, MAX_MATCHES));
        grown.set(at);
        at = grown;
      }
      at[count++] = from;
    }
    this.hits = { query, at: at.subarray(0, count), capped };
    return this.hits;
  }

  private searchable(): { readonly bytes: Buffer; readonly folded: boolean } {
    if (this.lowered === null) {
      const encoding = this.ascii ? 'latin1' : 'utf8';
      const lower = Buffer.from(this.text.toString(encoding).toLowerCase(), encoding);
      // A few characters change length when lower-cased; offsets must stay aligned.
      this.lowered =
        lower.length === this.text.length
          ? { bytes: lower, folded: true }
          : { bytes: this.text, folded: false };
    }
    return this.lowered;
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** The index of the first value in sorted `values` that is at least `target` (length: none). */
function firstAtOrAfter(values: Uint32Array, target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] as number) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
