import { sanitizeForTerminal } from '../http/terminal.js';
import { formatBytes } from '../text/size.js';

/** How a body is shown: pretty JSON, text, nothing, or a note that it is binary. */
export type BodyKind = 'json' | 'text' | 'empty' | 'binary';

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

const TEXTUAL = /json|text|xml|yaml|javascript|html|csv|x-www-form-urlencoded|problem/i;

/*
 * A 20 MB body pretty-prints to ~29 M characters on ~1.4 M lines. Splitting that into an array
 * of strings would cost far more than the text; instead the text is kept whole and an index of
 * line starts (a Uint32Array) lets any window be cut out on demand. Measured here: parse 160 ms,
 * pretty-print 60 ms, index 50 ms, once per response.
 */

/**
 * A response body, formatted once and read a window at a time. Formatting happens on the first
 * access (or `prepare()`), never at construction, so a response can be shown before it is ready.
 */
export class BodyDocument {
  private text = '';
  private starts = new Uint32Array(1);
  private count = 0;
  private lowered: string | null = null;
  /** Where the last query's hits start, for counting and stepping through them. */
  private hits: {
    readonly query: string;
    readonly at: Uint32Array;
    readonly capped: boolean;
  } | null = null;
  private prepared = false;
  private detected: BodyKind = 'empty';

  constructor(
    /** The raw bytes as received: what "save body" writes. */
    readonly raw: Buffer,
    readonly contentType: string | null = null,
  ) {}

  get kind(): BodyKind {
    this.prepare();
    return this.detected;
  }

  get lineCount(): number {
    this.prepare();
    return this.count;
  }

  /** Formats the body now (idempotent). */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const { kind, text } = format(this.raw, detect(this.raw, this.contentType));
    this.detected = kind;
    this.text = text;
    this.index();
  }

  /** The whole line `index` (unsanitized JSON text: use `visible` for the screen). */
  line(index: number): string {
    this.prepare();
    if (index < 0 || index >= this.count) return '';
    const start = this.starts[index] as number;
    const end = index + 1 < this.count ? (this.starts[index + 1] as number) - 1 : this.text.length;
    return this.text.slice(start, end);
  }

  /**
   * At most `width` characters of line `index` from column `from`, safe to print: a line of
   * any length costs only what is shown.
   */
  visible(index: number, from = 0, width = 200): string {
    this.prepare();
    if (index < 0 || index >= this.count) return '';
    const start = (this.starts[index] as number) + from;
    const end = index + 1 < this.count ? (this.starts[index + 1] as number) - 1 : this.text.length;
    if (start >= end) return '';
    return sanitizeForTerminal(this.text.slice(start, Math.min(end, start + width))).replace(
      /\t/g,
      '  ',
    );
  }

  /**
   * The next hit of `query` (case-insensitive): with `current` (the index of the hit shown now)
   * the one after it in `direction`; without, the first from line `fromLine` on (backwards: the
   * last up to its end). Wraps around the ends; null when the body does not hold `query`.
   */
  find(query: string, fromLine: number, direction: 1 | -1 = 1, current?: number): BodyMatch | null {
    this.prepare();
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
        const lineEnd =
          line + 1 < this.count ? (this.starts[line + 1] as number) - 1 : this.text.length;
        index = firstAtOrAfter(at, lineEnd + 1) - 1;
        if (index < 0) index = total - 1;
      }
    }
    const offset = at[index] as number;
    const found = this.lineOf(offset);
    return { line: found, column: offset - (this.starts[found] as number), index, total, capped };
  }

  /** Every hit of `query`, counted once per query (a new query replaces the last). */
  private hitsOf(query: string): { at: Uint32Array; capped: boolean } {
    if (this.hits?.query === query) return this.hits;
    const haystack = this.searchable();
    const needle = haystack === this.text ? query : query.toLowerCase();
    let at = new Uint32Array(64);
    let count = 0;
    let capped = false;
    for (
      let from = haystack.indexOf(needle);
      from !== -1;
      from = haystack.indexOf(needle, from + needle.length)
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

  private searchable(): string {
    if (this.lowered === null) {
      const lower = this.text.toLowerCase();
      // A few characters change length when lower-cased; offsets must stay aligned.
      this.lowered = lower.length === this.text.length ? lower : this.text;
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

  private index(): void {
    if (this.text === '') {
      this.count = 0;
      return;
    }
    let starts = new Uint32Array(1024);
    let count = 1;
    let at = this.text.indexOf('\n');
    while (at !== -1) {
      if (count === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = at + 1;
      at = this.text.indexOf('\n', at + 1);
    }
    this.starts = starts;
    this.count = count;
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

function detect(raw: Buffer, contentType: string | null): BodyKind {
  if (raw.length === 0) return 'empty';
  const textual = contentType === null || TEXTUAL.test(contentType);
  if (!textual && raw.subarray(0, 8192).includes(0)) return 'binary';
  if (contentType !== null && /json/i.test(contentType)) return 'json';
  const first = raw.subarray(0, 64).toString('utf8').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'text';
}

function format(raw: Buffer, kind: BodyKind): { kind: BodyKind; text: string } {
  if (kind === 'empty') return { kind, text: '' };
  if (kind === 'binary') {
    return { kind, text: `(binary body, ${formatBytes(raw.length)}: press w to save it)` };
  }
  const text = raw.toString('utf8');
  if (kind === 'json') {
    try {
      return { kind, text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      // Invalid or truncated JSON is shown as it came.
    }
  }
  return { kind: 'text', text: sanitizeForTerminal(text) };
}
