import type { CatalogOperation } from './types.js';

/**
 * Where each field ends in one of an entry's word strings: the offset of the space after its
 * last word. The path's words come first, in order; its last segment's words end them, from the
 * space at `lastStart`. The tags run to the end.
 */
export interface FieldEnds {
  readonly lastStart: number;
  readonly pathEnd: number;
  readonly summaryEnd: number;
  readonly operationIdEnd: number;
}

/**
 * One operation as the search reads it. Its words, lower-cased, are laid out in one string with a
 * space before and after each, field after field (` users calendar events | list events | users
 * calendar list events | users calendar `), so "is a word", "starts a word" and "these words in a
 * row" are each one `indexOf`, and the offset says which field it was found in.
 */
export interface SearchEntry {
  readonly operation: CatalogOperation;
  /** `get`, `post`, … */
  readonly method: string;
  /** The path, lower-cased. */
  readonly path: string;
  /** Segments in the path, `{params}` included: the shorter path wins a tie. */
  readonly depth: number;
  /** The words as written (literal path segments only, no `{params}`), then summary, operationId, tags. */
  readonly words: string;
  readonly wordEnds: FieldEnds;
  /** The same words in the singular (see `singular`): what whole words are compared in. */
  readonly stems: string;
  readonly stemEnds: FieldEnds;
  /** The summary, lower-cased, spaces evened out: for a query that is the whole summary. */
  readonly summary: string;
  /** The operationId, lower-cased. */
  readonly operationId: string;
  /** Path, operationId, summary and tags as written, lower-cased: for letters found anywhere. */
  readonly text: string;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLowerOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** Appends the lower-case words of `text` to `out` (see `searchWords`). */
function pushWords(text: string, out: string[]): string[] {
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const upper = isUpper(code);
    if (!upper && !isLowerOrDigit(code)) {
      if (start !== -1) out.push(text.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start === -1) {
      start = i;
      continue;
    }
    const previous = text.charCodeAt(i - 1);
    const hump =
      upper &&
      (isLowerOrDigit(previous) || (isUpper(previous) && isLowerOrDigit(text.charCodeAt(i + 1))));
    if (hump) {
      out.push(text.slice(start, i).toLowerCase());
      start = i;
    }
  }
  return out;
}

/**
 * Lower-case words of a text, cut at anything not an ASCII letter or digit and at camelCase
 * humps: `createAccessRequest`, `access-requests` and `ACCESS_REQUESTS` all give `access`,
 * `request(s)`; `getHTTPStatus` gives `get`, `http`, `status`.
 */
export function searchWords(text: string): string[] {
  return pushWords(text, []);
}

/**
 * An English plural made singular, crudely but the same way for the query and the spec, so
 * "create issue" finds `/issues` and "list identity" `/identities`.
 */
export function singular(word: string): string {
  if (word.length <= 3 || word.charCodeAt(word.length - 1) !== 115 /* s */) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.slice(0, -1);
}

/**
 * The fields' words laid out as in `SearchEntry.words` (or, with `singular`, `stems`), and where
 * each field ends. `lastFrom` is the index of the last segment's first word among the path's.
 */
function layout(
  fields: readonly (readonly string[])[],
  lastFrom: number,
  form: (word: string) => string,
): { text: string; ends: FieldEnds } {
  // Pieces joined once: a string grown with += is a rope that V8 flattens on the first indexOf,
  // which made the first keystroke over Graph beta pay for 22,000 of them (~200 ms).
  const parts: string[] = [' '];
  let length = 1;
  const ends = [0, 0, 0, 0];
  let lastStart = 0;
  fields.forEach((words, field) => {
    if (field > 0) {
      parts.push('| ');
      length += 2;
    }
    words.forEach((word, i) => {
      if (field === 0 && i === lastFrom) lastStart = length - 1;
      const formed = form(word);
      parts.push(formed, ' ');
      length += formed.length + 1;
    });
    if (field === 0 && lastFrom >= words.length) lastStart = length - 1;
    ends[field] = length - 1;
  });
  const [pathEnd, summaryEnd, operationIdEnd] = ends as [number, number, number];
  return { text: parts.join(''), ends: { lastStart, pathEnd, summaryEnd, operationIdEnd } };
}

const asTyped = (word: string) => word;

// Prepared once per operation object, so filtered lists (one API version) share the work.
const entries = new WeakMap<CatalogOperation, SearchEntry>();

/** The operation prepared for searching (cached per operation). */
export function searchEntry(operation: CatalogOperation): SearchEntry {
  let entry = entries.get(operation);
  if (!entry) {
    entry = prepare(operation);
    entries.set(operation, entry);
  }
  return entry;
}

function prepare(operation: CatalogOperation): SearchEntry {
  const pathWords: string[] = [];
  let depth = 0;
  let lastFrom = 0;
  for (const segment of operation.path.split('/')) {
    if (segment === '') continue;
    depth += 1;
    if (segment.startsWith('{')) continue;
    lastFrom = pathWords.length;
    pushWords(segment, pathWords);
  }
  const tagWords: string[] = [];
  for (const tag of operation.tags) pushWords(tag, tagWords);
  const fields = [
    pathWords,
    searchWords(operation.summary),
    searchWords(operation.operationId ?? ''),
    tagWords,
  ];
  const words = layout(fields, lastFrom, asTyped);
  const stems = layout(fields, lastFrom, singular);
  const path = operation.path.toLowerCase();
  const operationId = (operation.operationId ?? '').toLowerCase();
  const summary = operation.summary.trim().replace(/\s+/g, ' ').toLowerCase();
  return {
    operation,
    method: operation.method.toLowerCase(),
    path,
    depth,
    words: words.text,
    wordEnds: words.ends,
    stems: stems.text,
    stemEnds: stems.ends,
    summary,
    operationId,
    text: [path, operationId, summary, operation.tags.join(' ').toLowerCase()].join('\n'),
  };
}
