import { searchWords, singular } from './search-entry.js';
import type { HttpMethod } from './types.js';

/** The verbs people type for a method: "list users" means GET, "create" and "add" mean POST. */
const VERB_METHODS: Record<string, readonly string[]> = {
  get: ['get'],
  list: ['get'],
  read: ['get'],
  fetch: ['get'],
  show: ['get'],
  post: ['post'],
  create: ['post'],
  add: ['post'],
  new: ['post'],
  put: ['put'],
  replace: ['put'],
  set: ['put'],
  update: ['put', 'patch'],
  edit: ['put', 'patch'],
  patch: ['patch'],
  delete: ['delete'],
  remove: ['delete'],
  head: ['head'],
  options: ['options'],
  trace: ['trace'],
} satisfies Record<string, readonly Lowercase<HttpMethod>[]>;

/** One word of the query; a verb also asks for the methods it means. */
export interface QueryWord {
  readonly word: string;
  /** The word in the singular, spaced (` identity `): found whole in an entry's stems. */
  readonly whole: string;
  /** The word as typed, spaced (` identities `). */
  readonly exact: string;
  /** A space and the word (` identit`): found at the start of a word. */
  readonly start: string;
  /** Lower-case methods the word means as a verb; empty when it is no verb. */
  readonly methods: readonly string[];
}

/** A search text, taken apart once per keystroke. */
export interface ParsedQuery {
  /** The whole text, lower-cased, spaces evened out: compared with summaries and operationIds. */
  readonly text: string;
  /** Words typed as such; `access-requests` and `accessRequests` give two. */
  readonly words: readonly QueryWord[];
  /** Parts with a `/` or `{`: matched against the path as written (`/v3/search`). */
  readonly paths: readonly string[];
  /** All the words in a row, spaced as in a `SearchEntry` (`" access requests "`). */
  readonly spacedWords: string;
  /**
   * The words in a row without the verbs an operation's method answers, keyed by which verbs
   * those are (a bit per word): what "these words end the path" is checked with.
   */
  readonly contentRuns: Map<number, ContentRun>;
}

/** The query's words in a row, as typed and in the singular, spaces between. */
export interface ContentRun {
  readonly words: string;
  readonly stems: string;
  /** ` ${words} `, ` ${stems} ` and ` ${words}`. */
  readonly spacedWords: string;
  readonly spacedStems: string;
  readonly openWords: string;
}

/** Takes a search text apart into words, verbs and path parts. */
export function parseQuery(text: string): ParsedQuery {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const words: QueryWord[] = [];
  const paths: string[] = [];
  for (const token of text.trim().split(/\s+/)) {
    if (/[/{]/.test(token)) {
      paths.push(token.toLowerCase());
      continue;
    }
    for (const word of searchWords(token)) {
      words.push({
        word,
        whole: ` ${singular(word)} `,
        exact: ` ${word} `,
        start: ` ${word}`,
        methods: VERB_METHODS[word] ?? [],
      });
    }
  }
  return {
    text: normalized,
    words,
    paths,
    spacedWords: ` ${words.map((w) => w.word).join(' ')} `,
    contentRuns: new Map(),
  };
}

/** The query's words in a row, less those at the bits of `verbMask` (see `contentRuns`). */
export function contentRun(query: ParsedQuery, verbMask: number): ContentRun {
  let run = query.contentRuns.get(verbMask);
  if (run === undefined) {
    const kept = query.words.filter((_, i) => (verbMask & (1 << i)) === 0);
    const words = kept.map((w) => w.word).join(' ');
    const stems = kept.map((w) => w.whole.trim()).join(' ');
    run = {
      words,
      stems,
      spacedWords: ` ${words} `,
      spacedStems: ` ${stems} `,
      openWords: ` ${words}`,
    };
    query.contentRuns.set(verbMask, run);
  }
  return run;
}
