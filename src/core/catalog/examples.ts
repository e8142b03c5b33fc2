import type { CatalogParameter } from './types.js';

type Node = Record<string, unknown>;

/** Follows a local `#/…` reference where the index reads one. */
export type LocalResolver = (value: unknown) => unknown;

/**
 * A resolver for `#/a/b` pointers into `root`; anything else comes back unchanged. The index is
 * built through it instead of dereferencing the whole document first: only what the index reads
 * is resolved, when it reads it (GitHub's description: 98 ms to index, where dereferencing it
 * first took 696 ms). A pointer to nothing comes back as it is, and is added to `missing`.
 */
export function localResolver(root: unknown, missing?: Set<string>): LocalResolver {
  // Graph beta's 22,000 operations point at the same few hundred schemas and parameters again
  // and again: each pointer is walked once (walking them all each time was a third of its load).
  const targets = new Map<string, unknown>();
  const targetOf = (pointer: string): unknown => {
    if (targets.has(pointer)) return targets.get(pointer);
    let target: unknown = root;
    for (const raw of pointer.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isNode(target) ? target[key] : undefined;
    }
    targets.set(pointer, target);
    return target;
  };
  return (value) => {
    // A chain of references is followed a few steps; a loop of them gives up rather than spins.
    for (let hops = 0; hops < 8; hops++) {
      if (!isNode(value) || typeof value.$ref !== 'string' || !value.$ref.startsWith('#/')) break;
      const target = targetOf(value.$ref);
      if (target === undefined) {
        missing?.add(value.$ref);
        break;
      }
      // Keys beside a `$ref` (an `example`, a `description`) are kept over the target's, as the
      // dereferencer does, so an index built lazily reads what a dereferenced document says.
      value = hasSiblings(value) && isNode(target) ? withSiblings(target, value) : target;
    }
    return value;
  };
}

function hasSiblings(reference: Node): boolean {
  for (const key in reference) if (key !== '$ref') return true;
  return false;
}

function withSiblings(target: Node, reference: Node): Node {
  const { $ref: _ref, ...siblings } = reference;
  return { ...target, ...siblings };
}

/** A plain JSON object (not null, not an array). */
export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Header parameters OpenAPI says to ignore: the media types and the credential are not
 * parameters of the operation (3.0.3 § 4.7.12.1).
 */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * Parameter objects of one location, path-item ones overridden by the operation's own. Header
 * names are matched without regard to case, as HTTP does.
 */
export function collectParameters(
  pathItemParams: unknown,
  operationParams: unknown,
  location: 'path' | 'query' | 'header',
  resolve: LocalResolver,
): CatalogParameter[] {
  const byName = new Map<string, CatalogParameter>();
  for (const list of [pathItemParams, operationParams]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = resolve(raw);
      if (!isNode(param) || param.in !== location || typeof param.name !== 'string') continue;
      const key = location === 'header' ? param.name.toLowerCase() : param.name;
      if (location === 'header' && IGNORED_HEADERS.has(key)) continue;
      byName.set(key, readParameter(param, resolve));
    }
  }
  return [...byName.values()];
}

/**
 * Parameter objects already read, by the object itself: a parameter that many operations share
 * through one `$ref` is read once, and its entry is shared (entries are never changed).
 */
const parametersRead = new WeakMap<Node, CatalogParameter>();

function readParameter(param: Node, resolve: LocalResolver): CatalogParameter {
  const known = parametersRead.get(param);
  if (known) return known;
  const schema = resolve(param.schema);
  const read: CatalogParameter = {
    name: param.name as string,
    required: param.in === 'path' || param.required === true,
    type: schemaType(schema),
    description: typeof param.description === 'string' ? param.description.trim() : '',
    example: parameterExample(param, schema, resolve),
  };
  parametersRead.set(param, read);
  return read;
}

function schemaType(schema: unknown): string | null {
  if (!isNode(schema)) return null;
  if (typeof schema.type === 'string') return schema.type;
  // OpenAPI 3.1 allows a list of types, e.g. ['string', 'null'].
  if (Array.isArray(schema.type)) return schema.type.filter((t) => typeof t === 'string').join('|');
  return null;
}

function parameterExample(param: Node, schema: unknown, resolve: LocalResolver): unknown {
  if (param.example !== undefined) return param.example;
  const fromExamples = firstExampleValue(param.examples, resolve);
  if (fromExamples !== undefined) return fromExamples;
  if (!isNode(schema)) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema.default;
}

/** The `value` of the first entry of an OpenAPI `examples` map. */
function firstExampleValue(examples: unknown, resolve: LocalResolver): unknown {
  if (!isNode(examples)) return undefined;
  for (const entry of Object.values(examples)) {
    const example = resolve(entry);
    if (isNode(example) && example.value !== undefined) return example.value;
  }
  return undefined;
}

/** The media type keyhole would send and an example body for it, as pretty-printed JSON. */
export function requestBodyExample(
  requestBody: unknown,
  resolve: LocalResolver,
): { type: string | null; example: string | null } {
  const body = resolve(requestBody);
  if (!isNode(body) || !isNode(body.content)) return { type: null, example: null };
  const types = Object.keys(body.content);
  const type =
    types.find((t) => t === 'application/json') ??
    types.find((t) => /[/+]json\b/.test(t)) ??
    types[0] ??
    null;
  if (type === null) return { type: null, example: null };
  const media = resolve(body.content[type]);
  if (!isNode(media)) return { type, example: null };
  let value = media.example;
  if (value === undefined) value = firstExampleValue(media.examples, resolve);
  if (value !== undefined) return { type, example: JSON.stringify(value, null, 2) };
  return { type, example: schemaExampleText(media.schema, resolve) };
}

/** Example texts already built, by schema: Graph's 9,000 bodies come from some 700 schemas. */
const schemaExamples = new WeakMap<Node, string | null>();

function schemaExampleText(raw: unknown, resolve: LocalResolver): string | null {
  const schema = resolve(raw);
  // A body's example depends on its schema alone (each build starts with a fresh budget).
  const known = isNode(schema) ? schemaExamples.get(schema) : undefined;
  if (known !== undefined) return known;
  const value = exampleFromSchema(schema, resolve);
  const example = value === undefined ? null : JSON.stringify(value, null, 2);
  if (isNode(schema)) schemaExamples.set(schema, example);
  return example;
}

/**
 * Builds an example from a schema's own `example`, else from the examples of its properties
 * (read-only ones left out: they are not sent), `default`s and first `enum` values. SailPoint
 * gives property-level examples for about half of the bodies that have no body example.
 */
export function exampleFromSchema(schema: unknown, resolve: LocalResolver): unknown {
  // Dereferenced schemas share subtrees and can be wide; a budget keeps one body cheap.
  const budget = { nodes: 2_000 };
  return build(schema, resolve, 0, new Set(), budget);
}

function build(
  raw: unknown,
  resolve: LocalResolver,
  depth: number,
  active: Set<unknown>,
  budget: { nodes: number },
): unknown {
  const schema = resolve(raw);
  if (!isNode(schema) || depth > 8 || active.has(schema) || --budget.nodes < 0) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  active.add(schema);
  try {
    const next = (child: unknown) => build(child, resolve, depth + 1, active, budget);
    if (Array.isArray(schema.allOf)) {
      const parts = schema.allOf.map(next).filter((part) => part !== undefined);
      if (parts.every(isNode) && parts.length > 0) return Object.assign({}, ...parts) as Node;
      return parts[0];
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = schema[key];
      if (!Array.isArray(options)) continue;
      for (const option of options) {
        const value = next(option);
        if (value !== undefined) return value;
      }
      return undefined;
    }
    if (isNode(schema.properties)) {
      const result: Node = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        if (isNode(property) && property.readOnly === true) continue;
        const value = next(property);
        if (value !== undefined) result[name] = value;
      }
      return Object.keys(result).length > 0 ? result : undefined;
    }
    if (schema.items !== undefined) {
      const item = next(schema.items);
      return item === undefined ? undefined : [item];
    }
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    return undefined;
  } finally {
    active.delete(schema);
  }
}
