import type { SearchEntry } from './search-entry.js';
import { contentRun, type ContentRun, type ParsedQuery, type QueryWord } from './search-query.js';

/*
 * Points, so that what a person means comes first: a word of the path's last segment beats one
 * deeper in the path, a whole word beats the start of one, and the start of a word beats letters
 * found scattered (the fuzzy match that still finds "idnty"). Words that end the path in the order
 * typed, a verb that names the method, the whole operationId or summary typed, add on top.
 */
const METHOD = 25;
const LAST_SEGMENT_WORD = 12;
const VERB = 10;
const PATH_WORD = 9;
const SUMMARY_WORD = 7;
const LAST_SEGMENT_START = 7;
const OPERATION_ID_WORD = 6;
const PATH_START = 5;
const SUMMARY_START = 4;
const OPERATION_ID_START = 4;
const TAG_WORD = 4;
const TAG_START = 3;
const INSIDE_A_WORD = 2;
const SCATTERED = 1;
/** On top of a whole word matched in the singular, when it is also the form typed. */
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

/** Whether `needle`'s characters come in `hay` in order (the loosest match there is). */
function scattered(needle: string, hay: string): boolean {
  let at = -1;
  for (const char of needle) {
    at = hay.indexOf(char, at + 1);
    if (at === -1) return false;
  }
  return true;
}

/** The best way `word` is in the entry, tried from the most points down. */
function wordPoints(entry: SearchEntry, { word, stem }: QueryWord): number {
  const whole = ` ${stem} `;
  const start = ` ${word}`;
  if (entry.lastStems.includes(whole))
    return LAST_SEGMENT_WORD + (entry.lastWords.includes(` ${word} `) ? SAME_FORM : 0);
  if (entry.pathStems.includes(whole))
    return PATH_WORD + (entry.pathWords.includes(` ${word} `) ? SAME_FORM : 0);
  if (entry.summaryStems.includes(whole)) return SUMMARY_WORD;
  if (entry.lastWords.includes(start)) return LAST_SEGMENT_START;
  if (entry.operationIdStems.includes(whole)) return OPERATION_ID_WORD;
  if (entry.pathWords.includes(start)) return PATH_START;
  if (entry.summaryWords.includes(start)) return SUMMARY_START;
  if (entry.operationIdWords.includes(start)) return OPERATION_ID_START;
  if (entry.tagStems.includes(whole)) return TAG_WORD;
  if (entry.tagWords.includes(start)) return TAG_START;
  if (entry.path.includes(word) || entry.operationId.includes(word) || entry.summary.includes(word))
    return INSIDE_A_WORD;
  const loose =
    scattered(word, entry.path) ||
    scattered(word, entry.operationId) ||
    scattered(word, entry.summary) ||
    scattered(word, entry.tagWords);
  return loose ? SCATTERED : 0;
}

function pathPoints(entry: SearchEntry, part: string): number {
  if (entry.path === part) return PATH_EQUAL;
  if (entry.path.endsWith(part)) return PATH_ENDS;
  if (entry.path.includes(part)) return PATH_HOLDS;
  // GitHub's operationIds have slashes too: `repos/list-for-user`.
  if (entry.operationId === part) return PATH_EQUAL;
  if (entry.operationId.includes(part)) return PATH_HOLDS;
  return scattered(part, entry.path) ? SCATTERED : 0;
}

/** Points for how the words (less the verbs the method answered) sit in the path. */
function runPoints(entry: SearchEntry, { words, stems }: ContentRun): number {
  if (words === '') return 0;
  if (entry.pathStems.endsWith(` ${stems} `))
    return WORDS_END_PATH + (entry.pathWords.endsWith(` ${words} `) ? SAME_FORM : 0);
  // The last word still being typed: "identity prof" for …/identity-profiles.
  const at = entry.pathWords.lastIndexOf(` ${words}`);
  const end = entry.pathWords.length - 1;
  if (at !== -1 && entry.pathWords.indexOf(' ', at + words.length + 1) === end)
    return WORDS_END_PATH_TYPING;
  return entry.pathStems.includes(` ${stems} `) ? WORDS_IN_PATH : 0;
}

/**
 * How well `entry` answers `query`: 0 when some word or path part matches nothing in it, else
 * more the better.
 */
export function scoreEntry(entry: SearchEntry, query: ParsedQuery): number {
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
      points = wordPoints(entry, word);
      // "post" or "put" typed means the method; posts and puts in a path hardly count.
      if (word.word === word.methods[0]) points = Math.min(points, INSIDE_A_WORD);
    }
    if (points === 0) return 0;
    total += points;
  }
  for (const part of query.paths) {
    const points = pathPoints(entry, part);
    if (points === 0) return 0;
    total += points;
  }
  total += runPoints(entry, contentRun(query, verbMask));
  if (query.text === entry.operationId) total += SAME_OPERATION_ID;
  else if (query.spacedWords === entry.operationIdWords) total += WORDS_ARE_OPERATION_ID;
  if (query.text === entry.summary) total += SAME_SUMMARY;
  if (query.text === `${entry.method} ${entry.path}`) total += SAME_METHOD_AND_PATH;
  return total;
}
