/*
 * Pretty-printing JSON byte by byte, without building its values. JSON.parse of a 20 MB body
 * builds a heap of objects several times its size (and strings twice it when one name is not
 * Latin-1), and JSON.stringify then writes a second copy: ~400 ms and ~500 MB here. Re-indenting
 * the tokens as they come costs one pass over the bytes and the output alone.
 *
 * The layout is JSON.stringify(value, null, 2)'s: two spaces a level, `"key": value`, `[]` and
 * `{}` for empty containers. Tokens are kept as the server sent them: a number is not rounded
 * (ids past 2^53 stay whole), an escape is not decoded, a repeated key is not dropped.
 */

/** A pretty-printed body: its UTF-8 bytes and where each of its lines starts. */
export interface PrettyText {
  /** The text as UTF-8 (its buffer may be a little longer, and holds nothing else). */
  readonly bytes: Uint8Array;
  /** Byte offset of each line's first byte; `count` of them, the first 0. */
  readonly starts: Uint32Array;
  readonly count: number;
  /** No byte above 0x7f: a character is a byte, and lower-casing keeps every offset. */
  readonly ascii: boolean;
}

/**
 * Containers nested deeper than this are not laid out (the body is shown as it came): a body of
 * `[[[[…` a million deep would otherwise indent every line by megabytes.
 */
export const MAX_DEPTH = 1000;

/**
 * An output longer than this many times its input (plus a megabyte) is not laid out either:
 * realistic JSON grows by half to a few times; `[[[…[1,1,1,…` 999 deep grows a thousandfold,
 * which JSON.stringify refused too (a string past V8's limit). Offsets are 32-bit besides.
 */
export const MAX_GROWTH = 10;
const MAX_OUTPUT = 0xffff_ffff;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** What the next token must be. */
const enum Expect {
  Value,
  Key,
  /** After a value inside a container: a comma or the container's end. */
  CommaOrEnd,
  /** After the top-level value: only whitespace. */
  End,
}

/** `bytes` with room for `needed` bytes, its first `length` kept; null past `limit`. */
function grown(
  bytes: Uint8Array,
  length: number,
  needed: number,
  limit: number,
): Uint8Array | null {
  if (needed > limit) return null;
  const next = new Uint8Array(Math.min(limit, Math.max(needed, Math.ceil(bytes.length * 1.5))));
  next.set(bytes.subarray(0, length));
  return next;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

function isHex(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * How many bytes follow the backslash at `at - 1` in a valid escape (`n`, `"`, `u00e9`…), or 0
 * when they are not one.
 */
function escapeLength(input: Uint8Array, at: number): number {
  const escaped = input[at];
  if (escaped === 0x75) {
    for (let k = 1; k < 5; k += 1) if (!isHex(input[at + k] ?? -1)) return 0;
    return 5;
  }
  return escaped === QUOTE ||
    escaped === BACKSLASH ||
    escaped === 0x2f ||
    escaped === 0x62 ||
    escaped === 0x66 ||
    escaped === 0x6e ||
    escaped === 0x72 ||
    escaped === 0x74
    ? 1
    : 0;
}

/** The index after the number starting at `at`, or -1 when it is not one. */
function numberEnd(input: Uint8Array, at: number): number {
  let i = at;
  if (input[i] === 0x2d) i += 1;
  if (input[i] === 0x30) {
    i += 1;
  } else if (isDigit(input[i] ?? -1)) {
    while (isDigit(input[i] ?? -1)) i += 1;
  } else {
    return -1;
  }
  if (input[i] === 0x2e) {
    i += 1;
    if (!isDigit(input[i] ?? -1)) return -1;
    while (isDigit(input[i] ?? -1)) i += 1;
  }
  if (input[i] === 0x65 || input[i] === 0x45) {
    i += 1;
    if (input[i] === 0x2b || input[i] === 0x2d) i += 1;
    if (!isDigit(input[i] ?? -1)) return -1;
    while (isDigit(input[i] ?? -1)) i += 1;
  }
  return i;
}

function literalEnd(input: Uint8Array, at: number, word: readonly number[]): number {
  for (let k = 0; k < word.length; k += 1) if (input[at + k] !== word[k]) return -1;
  return at + word.length;
}

function skipSpace(input: Uint8Array, at: number): number {
  let i = at;
  while (i < input.length && isSpace(input[i] as number)) i += 1;
  return i;
}

/**
 * `input` (UTF-8 JSON) laid out as JSON.stringify(…, null, 2) would, with its line index; null
 * when it is not JSON (or nests deeper than MAX_DEPTH, or grows past MAX_GROWTH), so it can be
 * shown as it came.
 */
export function prettyJson(input: Uint8Array): PrettyText | null {
  return layOut(input, Infinity)?.text ?? null;
}

/**
 * The first `lines` lines of prettyJson(input), in the time those take: the first screen of a
 * big body, shown while the rest is laid out. `complete` when that is all of it. Null when the
 * input is not JSON as far as those lines go (the rest is not looked at).
 */
export function prettyJsonStart(
  input: Uint8Array,
  lines: number,
): { readonly text: PrettyText; readonly complete: boolean } | null {
  return layOut(input, Math.max(1, lines));
}

/**
 * The first `length` items of `array`: a view of it when its buffer is at most a quarter bigger
 * (a 32 MB text is not copied to drop 5 MB), else a copy that lets the rest go.
 */
export function fitted<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
  return (length * 1.25 >= array.length ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/** The first `count` whole lines of what is laid out so far. */
function firstLines(out: Uint8Array, starts: Uint32Array, count: number, high: number): PrettyText {
  return {
    bytes: out.slice(0, (starts[count] as number) - 1),
    starts: starts.slice(0, count),
    count,
    ascii: (high & 0x80) === 0,
  };
}

/**
 * prettyJson, stopping once `maxLines` lines are whole. One function with its state in locals:
 * this loop runs once per token of a 50 MB body.
 */
function layOut(
  input: Uint8Array,
  maxLines: number,
): { readonly text: PrettyText; readonly complete: boolean } | null {
  const n = input.length;
  const limit = Math.min(MAX_OUTPUT, MAX_GROWTH * n + 1024 * 1024);
  // A typical API body grows by half to two thirds when indented; a line is rarely 128 bytes.
  const expected = Math.min(n, maxLines * 128);
  let out: Uint8Array | null = new Uint8Array(Math.min(limit, Math.ceil(expected * 1.75) + 1024));
  let length = 0;
  let starts = new Uint32Array(Math.min(Math.max(1024, expected >>> 4), maxLines + 1));
  let count = 1;
  /** 1 for an object, 0 for an array, per open container. */
  const open = new Uint8Array(MAX_DEPTH);
  let depth = 0;
  let expect = Expect.Value;
  let high = 0;
  let i = skipSpace(input, 0);
  if (i === n) return null;
  while (i < n) {
    const byte = input[i] as number;
    if (expect === Expect.End) return null;
    // Room for what this step writes, but for a token's own bytes: a comma or a colon and a
    // space, a line break and its indentation, a bracket.
    if (length + 2 * depth + 8 > out.length) {
      out = grown(out, length, length + 2 * depth + 8, limit);
      if (out === null) return null;
    }
    let end: number;
    if (expect === Expect.CommaOrEnd) {
      const inObject = open[depth - 1] === 1;
      if (byte === COMMA) {
        out[length++] = COMMA;
        expect = inObject ? Expect.Key : Expect.Value;
        end = i + 1;
      } else if (byte === (inObject ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        depth -= 1;
        expect = depth === 0 ? Expect.End : Expect.CommaOrEnd;
        end = i + 1;
      } else {
        return null;
      }
      // A line break, then the indentation of this depth.
      out[length++] = NEWLINE;
      if (count === starts.length) {
        const more = new Uint32Array(starts.length * 2);
        more.set(starts);
        starts = more;
      }
      starts[count++] = length;
      if (count > maxLines)
        return { text: firstLines(out, starts, maxLines, high), complete: false };
      for (let k = 2 * depth; k > 0; k -= 1) out[length++] = SPACE;
      if (byte !== COMMA) out[length++] = byte;
      i = skipSpace(input, end);
      continue;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (expect !== Expect.Value) return null;
      const close = byte === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      const next = skipSpace(input, i + 1);
      out[length++] = byte;
      if (input[next] === close) {
        out[length++] = close;
        expect = depth === 0 ? Expect.End : Expect.CommaOrEnd;
        i = skipSpace(input, next + 1);
        continue;
      }
      if (depth === MAX_DEPTH) return null;
      open[depth++] = byte === OPEN_OBJECT ? 1 : 0;
      out[length++] = NEWLINE;
      if (count === starts.length) {
        const more = new Uint32Array(starts.length * 2);
        more.set(starts);
        starts = more;
      }
      starts[count++] = length;
      if (count > maxLines)
        return { text: firstLines(out, starts, maxLines, high), complete: false };
      for (let k = 2 * depth; k > 0; k -= 1) out[length++] = SPACE;
      expect = byte === OPEN_OBJECT ? Expect.Key : Expect.Value;
      i = next;
      continue;
    }
    if (byte === QUOTE) {
      // Copied as it is checked, in one pass: strings are most of a body's bytes. Room for the
      // rest of the input: the output is never shorter than the input it was made of.
      if (length + (n - i) + 2 * depth + 8 > out.length) {
        out = grown(out, length, length + (n - i) + 2 * depth + 8, limit);
        if (out === null) return null;
      }
      let k = i + 1;
      out[length++] = QUOTE;
      for (;;) {
        if (k >= n) return null;
        const b = input[k++] as number;
        out[length++] = b;
        if (b === QUOTE) break;
        high |= b;
        if (b === BACKSLASH) {
          const escaped = escapeLength(input, k);
          if (escaped === 0) return null;
          for (const stop = k + escaped; k < stop;) out[length++] = input[k++] as number;
        } else if (b < 0x20) {
          return null;
        }
      }
      i = skipSpace(input, k);
      if (expect === Expect.Key) {
        if (input[i] !== COLON) return null;
        out[length++] = COLON;
        out[length++] = SPACE;
        expect = Expect.Value;
        i = skipSpace(input, i + 1);
      } else {
        expect = depth === 0 ? Expect.End : Expect.CommaOrEnd;
      }
      continue;
    }
    if (expect === Expect.Key) {
      return null;
    } else if (byte === 0x74) end = literalEnd(input, i, TRUE);
    else if (byte === 0x66) end = literalEnd(input, i, FALSE);
    else if (byte === 0x6e) end = literalEnd(input, i, NULL);
    else end = numberEnd(input, i);
    if (end === -1) return null;
    if (length + (end - i) > out.length) {
      out = grown(out, length, length + (end - i), limit);
      if (out === null) return null;
    }
    // A number or a literal: short, and all ASCII.
    for (let k = i; k < end; k += 1) out[length++] = input[k] as number;
    i = skipSpace(input, end);
    expect = depth === 0 ? Expect.End : Expect.CommaOrEnd;
  }
  if (expect !== Expect.End) return null;
  const text = {
    bytes: fitted(out, length),
    starts: fitted(starts, count),
    count,
    ascii: (high & 0x80) === 0,
  };
  return { text, complete: true };
}
