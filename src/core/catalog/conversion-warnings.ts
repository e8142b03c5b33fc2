/*
 * swagger2openapi cannot carry everything of Swagger 2.0 over (a `collectionFormat: pipes` path
 * parameter, a header's nested collection format, a reference it cannot resolve). With
 * `warnOnly` it marks each such place with an `x-s2o-warning` field instead of failing: in the
 * documents keyhole converts, and in OpenAPI 3 documents someone converted earlier (APIs.guru's
 * beezup.com has 13). They are said as spec warnings, one line per kind of loss, counted, with
 * a few of the places, so a document with 200 of them reads as a few lines.
 */
import { plural } from '../text/plural.js';
import { isNode } from './examples.js';

/** The field swagger2openapi writes where a conversion lost something. */
export const CONVERSION_WARNING = 'x-s2o-warning';

/** Kinds of loss said one per line; the rest are counted on one more line. */
const KINDS_SHOWN = 5;
/** Places named per kind. */
const PLACES_SHOWN = 2;
/** A message (from the document: anything may be written there) is cut at this length. */
const MESSAGE_LIMIT = 160;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

interface Mark {
  /** The message with what varies between places (a `$ref`) taken out: what groups them. */
  readonly kind: string;
  /** `GET /pets response 200 header X-Rate`, `schema Pet`. */
  readonly where: string;
  /** What `kind` took out of the message, named beside the place. */
  readonly detail: string | null;
}

/** The spec warnings for the `x-s2o-warning` marks of a document; [] when it has none. */
export function conversionWarnings(document: unknown): string[] {
  const byKind = new Map<string, Mark[]>();
  for (const mark of findMarks(document)) {
    const marks = byKind.get(mark.kind) ?? [];
    marks.push(mark);
    byKind.set(mark.kind, marks);
  }
  const kinds = [...byKind].sort((a, b) => b[1].length - a[1].length);
  const lines = kinds.slice(0, KINDS_SHOWN).map(([kind, marks]) => kindLine(kind, marks));
  const rest = kinds.slice(KINDS_SHOWN);
  if (rest.length > 0) {
    const places = rest.reduce((sum, [, marks]) => sum + marks.length, 0);
    const names = rest.slice(0, 3).map(([kind]) => kind);
    lines.push(
      `conversion from Swagger 2.0: ${plural(rest.length, 'other kind')} of loss (${CONVERSION_WARNING}) in ${plural(places, 'place')}: ${names.join('; ')}${rest.length > names.length ? '; …' : ''}`,
    );
  }
  return lines;
}

/** `conversion from Swagger 2.0: <message> (x-s2o-warning) in 13 places: A, B and 11 more`. */
function kindLine(kind: string, marks: readonly Mark[]): string {
  const named = marks
    .slice(0, PLACES_SHOWN)
    .map((mark) => (mark.detail === null ? mark.where : `${mark.where} (${mark.detail})`));
  const more = marks.length - named.length;
  const places = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
  return `conversion from Swagger 2.0: ${kind} (${CONVERSION_WARNING}) in ${plural(marks.length, 'place')}: ${places}`;
}

/** Every mark of the document, in document order. */
function findMarks(document: unknown): Mark[] {
  const marks: Mark[] = [];
  const stack: Array<{ node: unknown; path: readonly string[] }> = [{ node: document, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: readonly string[] };
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--)
        stack.push({ node: node[i], path: [...path, `${i}`] });
      continue;
    }
    if (!isNode(node)) continue;
    const message = node[CONVERSION_WARNING];
    if (typeof message === 'string' && message.trim() !== '') {
      marks.push({ ...kindOf(message), where: placeOf(path, node) });
    }
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i] as [string, unknown];
      if (key !== CONVERSION_WARNING && typeof value === 'object' && value !== null) {
        stack.push({ node: value, path: [...path, key] });
      }
    }
  }
  return marks;
}

/**
 * `Could not resolve reference #/definitions/Pet` is of the kind `Could not resolve reference`,
 * with the detail `#/definitions/Pet`; `Operation listPets has multiple requestBodies` of the
 * kind `an operation has multiple requestBodies` (the place names the operation).
 */
function kindOf(message: string): Pick<Mark, 'kind' | 'detail'> {
  const text = cut(message.replace(/\s+/g, ' ').trim());
  const operation = /^Operation \S+ (has multiple requestBodies)$/.exec(text);
  if (operation) return { kind: `an operation ${operation[1]}`, detail: null };
  const reference = /^(.*?):? ?((?:\S*#\/\S*|\S+\.(?:json|ya?ml)\S*))$/.exec(text);
  if (reference?.[1]) return { kind: reference[1], detail: reference[2] ?? null };
  return { kind: text, detail: null };
}

/** Where in the document a mark is, as a person reads it. */
function placeOf(path: readonly string[], node: Record<string, unknown>): string {
  const [top, second, third, ...rest] = path;
  if (top === 'paths' && second !== undefined) {
    const method = third !== undefined && METHODS.has(third) ? third : undefined;
    const operation = method ? `${method.toUpperCase()} ${second}` : second;
    const inside = method ? rest : [third, ...rest].filter((part) => part !== undefined);
    return [operation, ...describeInside(inside, node)].join(' ');
  }
  if (top === 'components' && second !== undefined && third !== undefined) {
    const noun = COMPONENT_NOUNS[second] ?? second;
    return [`${noun} ${third}`, ...rest.filter((part) => !/^\d+$/.test(part))].join(' ');
  }
  return `#/${path.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

const COMPONENT_NOUNS: Record<string, string> = {
  schemas: 'schema',
  parameters: 'parameter',
  responses: 'response',
  requestBodies: 'request body',
  headers: 'header',
};

/**
 * Inside an operation: `parameters/2` is `parameter tags` (the node names itself),
 * `responses/200/headers/X-Rate` is `response 200 header X-Rate`, `requestBody/content/…` is
 * `request body`; deeper schema steps are left out.
 */
function describeInside(parts: readonly string[], node: Record<string, unknown>): string[] {
  const [first, second, third, fourth] = parts;
  if (first === 'parameters') {
    return [typeof node.name === 'string' ? `parameter ${cut(node.name)}` : 'a parameter'];
  }
  if (first === 'responses' && second !== undefined) {
    return third === 'headers' && fourth !== undefined
      ? [`response ${second}`, `header ${fourth}`]
      : [`response ${second}`];
  }
  if (first === 'requestBody') return ['request body'];
  return [];
}

function cut(text: string): string {
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
}
