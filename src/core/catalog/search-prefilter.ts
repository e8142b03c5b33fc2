import type { ParsedQuery } from './search-query.js';
import type { CatalogOperation } from './types.js';

/**
 * A quick test of whether an operation can match a query at all, run on the operation as it is,
 * before the search prepares it (`searchEntry`: splitting words, making them singular, about
 * 20–40 µs an operation). A single search over Graph beta's 22,000 operations prepared every one
 * of them, and most of a cached `keyhole endpoints --search` went on that and on collecting the
 * garbage it left; with this test it prepares the few hundred that hold the words.
 *
 * It must never turn away an operation the search would find (`wordPoints`, `pathPoints`): each
 * word typed is in an operation's path, operationId, summary or tags, lower-cased, in one of these
 * ways:
 * - whole, in the singular: the operation's word is the stem, or the stem plus `s` or `es`, or,
 *   for a stem ending in `y`, the stem less its `y` plus `ies`; all of them hold the stem less a
 *   final `y`;
 * - as the start of a word, or inside one: the word typed itself, which holds that too;
 * - a verb the operation's method answers ("list" for GET) needs nothing in the text.
 * A path part typed (`/v3/search`) is in the path or the operationId as it is. The letters-in-order
 * match is left out: the search tries it only when nothing matches, with every operation prepared.
 */
export type CandidateTest = (operation: CatalogOperation) => boolean;

interface Needle {
  pattern: RegExp;
  /** Methods (upper case) that satisfy the word without its text: it is their verb. */
  methods: readonly string[];
}

/** The test for `query`, or null when it would let every operation through. */
export function candidateTest(query: ParsedQuery): CandidateTest | null {
  const needles: Needle[] = [];
  for (const word of query.words) {
    const stem = word.whole.slice(1, -1);
    const needle = stem.endsWith('y') ? stem.slice(0, -1) : stem;
    const pattern = caseless(needle);
    if (pattern === null) continue;
    needles.push({ pattern, methods: word.methods.map((method) => method.toUpperCase()) });
  }
  for (const part of query.paths) {
    const pattern = caseless(part);
    if (pattern !== null) needles.push({ pattern, methods: [] });
  }
  if (needles.length === 0) return null;
  return (operation) =>
    needles.every(
      ({ pattern, methods }) => methods.includes(operation.method) || holds(operation, pattern),
    );
}

function holds(operation: CatalogOperation, pattern: RegExp): boolean {
  if (pattern.test(operation.path) || pattern.test(operation.summary)) return true;
  if (operation.operationId !== null && pattern.test(operation.operationId)) return true;
  return operation.tags.some((tag) => pattern.test(tag));
}

/**
 * A pattern that finds `text` (lower case) wherever `toLowerCase()` of a field would hold it:
 * ASCII letters in either case, and the two other characters that lower-case to ASCII letters
 * (the Kelvin sign to `k`, a capital I with a dot to `i` and a combining dot). Null for an
 * empty text, or one beyond ASCII (a path typed with `é` in it): such a part is not tested.
 */
function caseless(text: string): RegExp | null {
  // eslint-disable-next-line no-control-regex
  if (text === '' || /[^\x00-\x7f]/.test(text)) return null;
  let source = '';
  for (const char of text) {
    if (char === 'k') source += '[kK\u212A]';
    else if (char === 'i') source += '(?:[iI]|\u0130)';
    else if (/[a-z]/.test(char)) source += `[${char}${char.toUpperCase()}]`;
    else source += char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(source);
}
