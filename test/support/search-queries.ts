import type { CatalogOperation, HttpMethod } from '../../src/core/catalog/types.js';

/**
 * Queries a person would type to find one operation, built from the operation itself: its
 * operationId, its summary, `METHOD /path`, or a verb and the last words of its path. The ids
 * it accepts are worked out here from the catalog, by rules that do not look at the ranker.
 */
export interface SearchQuery {
  /** What is typed into the search. */
  text: string;
  /** How the text was made (see `KINDS`). */
  kind: QueryKind;
  /** The operation the query was made from. */
  target: string;
  /** Ids that count as the operation meant (the target, and its twins in other API versions). */
  accepted: string[];
  /** Which catalog the query runs against. */
  catalog: string;
}

/** Taken in turn; what people type most (a verb and a few path words) comes most often. */
const KINDS = [
  'path-words',
  'operationId',
  'path-tail',
  'summary',
  'path-words',
  'method-path',
  'operationId-words',
  'path-tail',
] as const;
type QueryKind = (typeof KINDS)[number];

/** People type a few words, not a whole path: longer queries are not made. */
const MAX_TAIL = 4;
const MAX_WORDS = 7;

/** The verbs a person types for each HTTP method, and the methods each verb means. */
const VERBS: Record<string, readonly HttpMethod[]> = {
  get: ['GET'],
  list: ['GET'],
  create: ['POST'],
  post: ['POST'],
  delete: ['DELETE'],
  put: ['PUT'],
  update: ['PUT', 'PATCH'],
  patch: ['PATCH'],
};

/** Lower-case words of a text: split at punctuation and camelCase humps. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const pathWordsCache = new Map<string, string[]>();

/** The words of the path's literal segments (`{id}` segments dropped), in order. */
function pathWords(path: string): string[] {
  let words = pathWordsCache.get(path);
  if (!words) {
    words = path
      .split('/')
      .filter((segment) => segment !== '' && !segment.startsWith('{'))
      .flatMap(wordsOf);
    pathWordsCache.set(path, words);
  }
  return words;
}

function endsWith(words: readonly string[], tail: readonly string[]): boolean {
  if (tail.length > words.length) return false;
  const offset = words.length - tail.length;
  return tail.every((word, i) => words[offset + i] === word);
}

function segments(path: string): number {
  return path.split('/').filter(Boolean).length;
}

function verbFor(operation: CatalogOperation, index: number): string {
  const last = operation.path.split('/').pop() ?? '';
  const collection = !last.startsWith('{');
  switch (operation.method) {
    case 'GET':
      return collection && index % 2 === 0 ? 'list' : 'get';
    case 'POST':
      return index % 2 === 0 ? 'create' : 'post';
    case 'PUT':
      return index % 2 === 0 ? 'update' : 'put';
    case 'PATCH':
      return index % 2 === 0 ? 'update' : 'patch';
    default:
      return operation.method.toLowerCase();
  }
}

/**
 * "list workflows", "get users calendar events", "repos pulls list": the verb and as few of the
 * path's last words as single the target out. Among the operations with such a method whose path
 * words end so, the shortest paths are the ones meant; when the target is not among them even
 * with every word of its path (GET /users/{id} beside GET /users), there is no such query.
 */
function pathWordsQuery(
  operations: readonly CatalogOperation[],
  target: CatalogOperation,
  index: number,
): { text: string; accepted: string[] } | undefined {
  const verb = verbFor(target, index);
  const methods = VERBS[verb] ?? [target.method];
  const words = pathWords(target.path);
  const sameMethod = operations.filter((op) => methods.includes(op.method));
  for (let n = 1; n <= Math.min(MAX_TAIL, words.length); n += 1) {
    const tail = words.slice(-n);
    const matching = sameMethod.filter((op) => endsWith(pathWords(op.path), tail));
    const shortest = Math.min(...matching.map((op) => segments(op.path)));
    const accepted = matching.filter((op) => segments(op.path) === shortest);
    if (!accepted.includes(target)) continue;
    // Version segments (v3, beta, v1.0, /rest/api/3) are words people leave out.
    if (tail.some((word) => /^v?\d+$|^beta$/.test(word))) return undefined;
    const text = index % 4 === 3 ? `${tail.join(' ')} ${verb}` : `${verb} ${tail.join(' ')}`;
    return { text, accepted: accepted.map((op) => op.id) };
  }
  return undefined;
}

/**
 * "get /access-requests", "DELETE /users/{user-id}": the method and the path's last segments as
 * written, without the version in front. The operations meant are those with the method whose
 * path ends so, the shortest of them.
 */
function pathTailQuery(
  operations: readonly CatalogOperation[],
  target: CatalogOperation,
  index: number,
): { text: string; accepted: string[] } | undefined {
  const parts = target.path.split('/').filter(Boolean);
  const sameMethod = operations.filter((op) => op.method === target.method);
  for (let n = 1; n <= Math.min(MAX_TAIL, parts.length - 1); n += 1) {
    const tail = `/${parts.slice(-n).join('/')}`;
    if (tail.length < 6) continue; // "/id" alone is no way to ask for anything
    const matching = sameMethod.filter((op) => op.path.endsWith(tail));
    const shortest = Math.min(...matching.map((op) => segments(op.path)));
    const accepted = matching.filter((op) => segments(op.path) === shortest);
    if (!accepted.includes(target)) continue;
    const method = index % 2 === 0 ? target.method.toLowerCase() : target.method;
    return { text: `${method} ${tail}`, accepted: accepted.map((op) => op.id) };
  }
  return undefined;
}

function normalized(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** At most this many operations may share a summary or operationId (one per API version). */
const MAX_TWINS = 4;

function twins(
  operations: readonly CatalogOperation[],
  key: (op: CatalogOperation) => string,
  target: CatalogOperation,
): string[] | undefined {
  const wanted = key(target);
  if (wanted === '') return undefined;
  const same = operations.filter((op) => key(op) === wanted);
  return same.length <= MAX_TWINS ? same.map((op) => op.id) : undefined;
}

function queryOfKind(
  kind: QueryKind,
  operations: readonly CatalogOperation[],
  target: CatalogOperation,
  index: number,
): { text: string; accepted: string[] } | undefined {
  switch (kind) {
    case 'path-words':
      return pathWordsQuery(operations, target, index);
    case 'path-tail':
      return pathTailQuery(operations, target, index);
    case 'operationId': {
      const accepted = twins(operations, (op) => (op.operationId ?? '').toLowerCase(), target);
      return accepted && { text: target.operationId!, accepted };
    }
    case 'operationId-words': {
      const key = (op: CatalogOperation) => wordsOf(op.operationId ?? '').join(' ');
      if (key(target).split(' ').length > MAX_WORDS) return undefined;
      const accepted = twins(operations, key, target);
      return accepted && { text: key(target), accepted };
    }
    case 'summary': {
      const words = normalized(target.summary).split(' ');
      if (words.length < 2 || words.length > MAX_WORDS) return undefined;
      const accepted = twins(operations, (op) => normalized(op.summary), target);
      return accepted && { text: normalized(target.summary), accepted };
    }
    case 'method-path':
      return {
        text: `${index % 2 === 0 ? target.method : target.method.toLowerCase()} ${target.path}`,
        accepted: [target.id],
      };
  }
}

/**
 * Operations a text names outright by another rule: "delete schedule" is the operationId
 * `deleteSchedule` as much as the last word of DELETE …/{id}/schedule.
 */
function alsoMeant(operations: readonly CatalogOperation[], text: string): string[] {
  const words = wordsOf(text).join(' ');
  const lower = normalized(text);
  return operations
    .filter(
      (op) =>
        (op.operationId ?? '').toLowerCase() === lower ||
        wordsOf(op.operationId ?? '').join(' ') === words ||
        normalized(op.summary) === lower,
    )
    .map((op) => op.id);
}

/**
 * `count` queries over `operations`, their targets spread evenly through the catalog, their kinds
 * taken in turn (a target without a query of its turn's kind gets the next kind that has one).
 */
export function searchQueries(
  catalog: string,
  operations: readonly CatalogOperation[],
  count: number,
): SearchQuery[] {
  const queries: SearchQuery[] = [];
  const step = operations.length / count;
  for (let i = 0; i < count; i += 1) {
    const target = operations[Math.floor((i + 0.5) * step)];
    if (!target) continue;
    for (let k = 0; k < KINDS.length; k += 1) {
      const kind = KINDS[(i + k) % KINDS.length]!;
      const query = queryOfKind(kind, operations, target, i);
      if (!query) continue;
      const accepted = new Set([...query.accepted, ...alsoMeant(operations, query.text)]);
      queries.push({ text: query.text, accepted: [...accepted], kind, target: target.id, catalog });
      break;
    }
  }
  return queries;
}

/** Where the first accepted id comes in the results, 1-based; Infinity when it does not. */
export function rankOf(results: readonly CatalogOperation[], query: SearchQuery): number {
  const at = results.findIndex((op) => query.accepted.includes(op.id));
  return at === -1 ? Infinity : at + 1;
}
