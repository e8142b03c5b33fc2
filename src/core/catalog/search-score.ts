import type { FieldEnds, SearchEntry } from './search-entry.js';
import { contentRun, type ContentRun, type ParsedQuery, type QueryWord } from './search-query.js';

/*
 * Points, so that what a person means comes first: a word of the path's last segment beats one
 * deeper in the path, a whole word beats the start of one, and the start of a word beats letters
 * found scattered (the fuzzy match that still finds "idnty"). Words that end the path in the order
 * typed, a verb that names the method, the whole operationId or summary typed, add on top.
 */
const METHOD = 25;
const VERB = 10;
/** A whole word, by field: last path segment, the rest of the path, summary, operationId, tags. */
const WHOLE = [12, 9, 7, 6, 4] as const;
/** The start of a word, by field. */
const START = [7, 5, 4, 4, 3] as const;
const INSIDE_A_WORD = 2;
const SCATTERED = 1;
/** On top of a whole word of the path matched in the singular, when it is the form typed too. */
const SAME_FORM = 1;

const WORDS_END_PATH = 20;
const WORDS_END_PATH_TYPING = 12;
const WORDS_IN_PATH = 8;
const WORDS_ARE_OPERATION_ID = 40;
const SAME_SUMMARY = 60;
const SAME_OPERATION_ID = 100;
const SAME_METHOD_AND_PATH = 100;

const PATH_EQUAL = 40;
const PATH_ENDS = 25;
const PATH_HOLDS = 12;

/** Which field (an index of `WHOLE`) the match at `at` is in. */
function fieldAt(at: number, ends: FieldEnds): number {
  if (at < ends.pathEnd) return at >= ends.lastStart ? 0 : 1;
  if (at < ends.summaryEnd) return 2;
  return at < ends.operationIdEnd ? 3 : 4;
}

/** Whether `needle`'s characters come in `hay` in order (the loosest match there is). */
function scattered(needle: string, hay: string): boolean {
  let at = -1;
  for (let i = 0; i < needle.length; i += 1) {
    at = hay.indexOf(needle[i]!, at + 1);
    if (at === -1) return false;
  }
  return true;
}

/**
 * The best way `word` is in the entry: whole (in the singular), as a word's start, or inside a
 * word (Jira's `permissionscheme`); 0 when it is in none of these ways.
 */
export function wordPoints(entry: SearchEntry, word: QueryWord): number {
  let best = 0;
  let at = entry.stems.indexOf(word.whole);
  if (at !== -1) {
    const { stemEnds } = entry;
    // The first match may be deeper in the path than one in the last segment.
    if (at < stemEnds.lastStart) {
      const last = entry.stems.indexOf(word.whole, stemEnds.lastStart);
      if (last !== -1 && last < stemEnds.pathEnd) at = last;
    }
    const field = fieldAt(at, stemEnds);
    best = WHOLE[field]!;
    if (field <= 1 && entry.words.lastIndexOf(word.exact, entry.wordEnds.pathEnd) !== -1)
      best += SAME_FORM;
  }
  if (best >= START[0]) return best;
  at = entry.words.indexOf(word.start);
  if (at !== -1) {
    const { wordEnds } = entry;
    if (at < wordEnds.lastStart) {
      const last = entry.words.indexOf(word.start, wordEnds.lastStart);
      if (last !== -1 && last < wordEnds.pathEnd) at = last;
    }
    best = Math.max(best, START[fieldAt(at, wordEnds)]!);
  }
  if (best > 0) return best;
  return entry.text.includes(word.word) ? INSIDE_A_WORD : 0;
}

function pathPoints(entry: SearchEntry, part: string, loose: boolean): number {
  if (entry.path === part) return PATH_EQUAL;
  if (entry.path.endsWith(part)) return PATH_ENDS;
  if (entry.path.includes(part)) return PATH_HOLDS;
  // GitHub's operationIds have slashes too: `repos/list-for-user`.
  if (entry.operationId === part) return PATH_EQUAL;
  if (entry.operationId.includes(part)) return PATH_HOLDS;
  return loose && scattered(part, entry.path) ? SCATTERED : 0;
}

/** Points for how the words (less the verb the method answered) sit in the path. */
function runPoints(entry: SearchEntry, run: ContentRun): number {
  if (run.words === '') return 0;
  const { stems, words, stemEnds, wordEnds } = entry;
  const stemsAt = stemEnds.pathEnd - run.stems.length - 1;
  if (stemsAt >= 0 && stems.startsWith(run.spacedStems, stemsAt)) {
    const wordsAt = wordEnds.pathEnd - run.words.length - 1;
    const same = wordsAt >= 0 && words.startsWith(run.spacedWords, wordsAt);
    return WORDS_END_PATH + (same ? SAME_FORM : 0);
  }
  // The last word still being typed: "identity prof" for …/identity-profiles.
  const at = words.lastIndexOf(run.openWords, wordEnds.pathEnd);
  if (at !== -1 && words.indexOf(' ', at + run.openWords.length) === wordEnds.pathEnd)
    return WORDS_END_PATH_TYPING;
  return stems.lastIndexOf(run.spacedStems, stemEnds.pathEnd) !== -1 ? WORDS_IN_PATH : 0;
}

function isMethodAndPath(entry: SearchEntry, text: string): boolean {
  return (
    text.length === entry.method.length + 1 + entry.path.length &&
    text.startsWith(entry.method) &&
    text.endsWith(entry.path) &&
    text[entry.method.length] === ' '
  );
}

/**
 * `wordPoints` of one query word for the entry at an index, remembered between keystrokes:
 * while the last word is typed, the ones before it are looked up, not searched again.
 */
export type WordPointsOf = (wordIndex: number) => number;

/**
 * How well `entry` answers `query`: 0 when some word or path part matches nothing in it, else
 * more the better. `loose` also lets words and path parts match as letters in order (`idnty`),
 * which is what is left when nothing matches otherwise.
 */
export function scoreEntry(
  entry: SearchEntry,
  query: ParsedQuery,
  pointsOf: WordPointsOf,
  loose: boolean,
): number {
  let total = 0;
  let verbMask = 0;
  for (let i = 0; i < query.words.length; i += 1) {
    const word = query.words[i]!;
    let points: number;
    if (verbMask === 0 && i < 31 && word.methods.includes(entry.method)) {
      // One verb is taken as the method ("list" in …/listPeeringRoutes counts no more; "add"
      // after "create" is a word again), the method's own name most surely.
      verbMask = 1 << i;
      points = word.word === word.methods[0] ? METHOD : VERB;
    } else {
      points = pointsOf(i);
      if (points === 0 && loose && scattered(word.word, entry.text)) points = SCATTERED;
      // "post" or "put" typed means the method; posts and puts in a path hardly count.
      if (word.word === word.methods[0]) points = Math.min(points, INSIDE_A_WORD);
    }
    if (points === 0) return 0;
    total += points;
  }
  for (const part of query.paths) {
    const points = pathPoints(entry, part, loose);
    if (points === 0) return 0;
    total += points;
  }
  total += runPoints(entry, contentRun(query, verbMask));
  if (query.text === entry.operationId) total += SAME_OPERATION_ID;
  else if (wordsAreOperationId(entry, query.spacedWords)) total += WORDS_ARE_OPERATION_ID;
  if (query.text === entry.summary) total += SAME_SUMMARY;
  if (isMethodAndPath(entry, query.text)) total += SAME_METHOD_AND_PATH;
  return total;
}

/** Whether the words typed are the operationId's ("create access request"). */
function wordsAreOperationId(entry: SearchEntry, spacedWords: string): boolean {
  const { words, wordEnds } = entry;
  // The operationId's words sit between "| " and the space at operationIdEnd.
  const from = wordEnds.summaryEnd + 2;
  return (
    wordEnds.operationIdEnd + 1 - from === spacedWords.length && words.startsWith(spacedWords, from)
  );
}
