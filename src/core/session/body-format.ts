import { isUtf8 } from 'node:buffer';
// The terminal module itself, not ../http/index.js: the body worker must not load the engine.
import { sanitizeForTerminal } from '../http/terminal.js';
import { formatBytes } from '../text/size.js';
import { fitted, prettyJson, prettyJsonStart } from './pretty-json.js';

/** How a body is shown: pretty JSON, text, nothing, or a note that it is binary. */
export type BodyKind = 'json' | 'text' | 'empty' | 'binary';

/**
 * A body as it is shown: its text as UTF-8 and where each line starts. A 20 MB body is ~1.4
 * million lines; an array of strings would cost far more than the text, so any window is cut out
 * of the bytes on demand. Each array's buffer holds nothing else, so it can be transferred from
 * the worker that made them.
 */
export interface FormattedBody {
  readonly kind: BodyKind;
  /** The text: pretty JSON (tokens as sent), or the body as text with control sequences cut. */
  readonly bytes: Uint8Array;
  /** Byte offset of each line's first byte (`count` of them). */
  readonly starts: Uint32Array;
  readonly count: number;
  /** Every byte below 0x80: one byte a character. */
  readonly ascii: boolean;
}

const TEXTUAL = /json|text|xml|yaml|javascript|html|csv|x-www-form-urlencoded|problem/i;

/** How `raw` would be shown, from its content type and first bytes. */
export function detectBodyKind(raw: Uint8Array, contentType: string | null): BodyKind {
  if (raw.length === 0) return 'empty';
  const textual = contentType === null || TEXTUAL.test(contentType);
  if (!textual && raw.subarray(0, 8192).includes(0)) return 'binary';
  if (contentType !== null && /json/i.test(contentType)) return 'json';
  const first = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.length, 64))
    .toString('utf8')
    .trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'text';
}

/**
 * The body laid out for the screen: JSON pretty-printed, anything else as sanitized text
 * (invalid or truncated JSON too, as it came), a binary body as a one-line note. Pure: it runs
 * the same in the TUI's thread and in the body worker.
 */
export function formatBody(raw: Uint8Array, contentType: string | null): FormattedBody {
  const kind = detectBodyKind(raw, contentType);
  if (kind === 'empty')
    return { kind, bytes: new Uint8Array(0), starts: new Uint32Array(0), count: 0, ascii: true };
  if (kind === 'binary') {
    return textBody('binary', `(binary body, ${formatBytes(raw.length)}: press w to save it)`);
  }
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (kind === 'json') {
    // Bytes that are not UTF-8 become U+FFFD first, as decoding them to show them would.
    const utf8 = isUtf8(buffer) ? buffer : Buffer.from(buffer.toString('utf8'));
    const pretty = prettyJson(utf8);
    if (pretty !== null) return { kind: 'json', ...pretty };
  }
  return textBody('text', sanitizeForTerminal(buffer.toString('utf8')));
}

/**
 * The first `lines` lines of a JSON body as formatBody lays them out, in the time those take:
 * the first screen, shown while the worker lays out the rest (and checks the rest is JSON). Null
 * for any other body, or JSON that goes wrong within those lines.
 */
export function previewBody(
  raw: Uint8Array,
  contentType: string | null,
  lines: number,
): FormattedBody | null {
  if (detectBodyKind(raw, contentType) !== 'json') return null;
  // Bytes that are not UTF-8 show as U+FFFD when a line is decoded, as in formatBody's text.
  const start = prettyJsonStart(raw, lines);
  return start && { kind: 'json', ...start.text };
}

function textBody(kind: BodyKind, text: string): FormattedBody {
  if (text === '')
    return { kind, bytes: new Uint8Array(0), starts: new Uint32Array(0), count: 0, ascii: true };
  const encoded = Buffer.from(text, 'utf8');
  // A small Buffer may share Node's pool: the body gets a buffer of its own.
  const own = encoded.byteOffset === 0 && encoded.buffer.byteLength === encoded.length;
  const bytes = own ? new Uint8Array(encoded.buffer, 0, encoded.length) : new Uint8Array(encoded);
  let starts = new Uint32Array(1024);
  let count = 1;
  for (let at = encoded.indexOf(0x0a); at !== -1; at = encoded.indexOf(0x0a, at + 1)) {
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = at + 1;
  }
  return {
    kind,
    bytes,
    starts: fitted(starts, count),
    count,
    ascii: encoded.length === text.length,
  };
}
