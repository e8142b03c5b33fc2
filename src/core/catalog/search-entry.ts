import type { CatalogOperation } from './types.js';

/**
 * One operation as the search reads it: each field lower-cased and cut into words, kept as one
 * string with a space before and after every word (` access requests `), so "is a word",
 * "starts a word" and "these words in a row" are each one `indexOf`.
 */
export interface SearchEntry {
  readonly operation: CatalogOperation;
  /** `get`, `post`, … */
  readonly method: string;
  /** The path, lower-cased. */
  readonly path: string;
  /** Segments in the path, `{params}` included: the shorter path wins a tie. */
  readonly depth: number;
  /** Words of the path's literal segments, `{params}` left out. */
  readonly pathWords: string;
  /** The same words in the singular (see `singular`): what whole words are compared in. */
  readonly pathStems: string;
  /** Words of the path's last literal segment, in the singular. */
  readonly lastStems: string;
  /** Words of the path's last literal segment. */
  readonly lastWords: string;
  readonly summaryWords: string;
  readonly summaryStems: string;
  /** The summary with its spaces evened out, for a query that is the whole summary. */
  readonly summary: string;
  /** The operationId, lower-cased. */
  readonly operationId: string;
  readonly operationIdWords: string;
  readonly operationIdStems: string;
  readonly tagWords: string;
  readonly tagStems: string;
}

/**
 * Lower-case words of a text, cut at anything not a letter or digit and at camelCase humps:
 * `createAccessRequest` and `access-requests` both give `access`, `request(s)`.
 */
export function searchWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * An English plural made singular, crudely but the same way for the query and the spec, so
 * "create issue" finds `/issues` and "list identity" `/identities`.
 */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function spaced(words: readonly string[]): string {
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `;
}

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
  const segments = operation.path.split('/').filter(Boolean);
  const literal = segments.filter((segment) => !segment.startsWith('{'));
  const summary = operation.summary.trim().replace(/\s+/g, ' ').toLowerCase();
  const path = literal.flatMap(searchWords);
  const last = searchWords(literal.at(-1) ?? '');
  const summaryWords = searchWords(operation.summary);
  const operationIdWords = searchWords(operation.operationId ?? '');
  const tags = operation.tags.flatMap(searchWords);
  return {
    operation,
    method: operation.method.toLowerCase(),
    path: operation.path.toLowerCase(),
    depth: segments.length,
    pathWords: spaced(path),
    pathStems: spaced(path.map(singular)),
    lastWords: spaced(last),
    lastStems: spaced(last.map(singular)),
    summaryWords: spaced(summaryWords),
    summaryStems: spaced(summaryWords.map(singular)),
    summary,
    operationId: (operation.operationId ?? '').toLowerCase(),
    operationIdWords: spaced(operationIdWords),
    operationIdStems: spaced(operationIdWords.map(singular)),
    tagWords: spaced(tags),
    tagStems: spaced(tags.map(singular)),
  };
}
