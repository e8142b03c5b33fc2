/*
 * Measured (Node 20, this machine): js-yaml reads SailPoint's v3 (1.5 MB) in ~100 ms. The
 * document is not dereferenced as a whole any more: the index follows `$ref`s where it reads
 * them (examples.ts, localResolver) and comes out the same as from a dereferenced document
 * (test/core/catalog/lazy-refs.test.ts), while dereferencing cost 2-7× the index build (GitHub:
 * 696 ms against 98 ms; SailPoint v2025: 311 against 123).
 */
import yaml from 'js-yaml';
import { KeyholeError } from '../errors.js';
import { describeJsonProblem, jsonBodyProblem } from '../call/json-body.js';
import { CONVERSION_WARNING, conversionWarnings } from './conversion-warnings.js';
import { gunzipSpec } from './gzip.js';
import { SWAGGER_2, convertSwagger2, isSwagger2 } from './swagger.js';
import { MAX_ALIAS_EXPANSION, measureExpansion } from './yaml-expansion.js';

/** A parsed OpenAPI 3.x document; only the parts keyhole reads are typed, loosely. */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: unknown; version?: unknown };
  servers?: unknown;
  security?: unknown;
  paths?: Record<string, unknown>;
  webhooks?: unknown;
  components?: { securitySchemes?: Record<string, unknown> } & Record<string, unknown>;
}

/** The document as written (its `$ref`s are followed by the index), and what it cannot follow. */
export interface ParsedSpec {
  document: OpenApiDocument;
  warnings: string[];
  /** `Swagger 2.0` when the document was converted to OpenAPI 3 to be read; null otherwise. */
  convertedFrom: string | null;
}

/**
 * Parses YAML or JSON text (gzipped or not) into an OpenAPI 3.0/3.1 document, converting
 * Swagger 2.0 to OpenAPI 3.0 first.
 *
 * Only references inside the document are followed (by the index): a spec downloaded from the
 * network must not make keyhole read local files or other URLs, and SailPoint's beta bundle
 * points at a file that is not in it. References to other files are named in the warnings,
 * never fatal.
 */
export async function parseSpec(bytes: Buffer, source: string): Promise<ParsedSpec> {
  const text = gunzipSpec(bytes, source).toString('utf8');
  const parsed = parseText(text, source);
  const convertedFrom = isSwagger2(parsed) ? SWAGGER_2 : null;
  const document = openApi3(
    convertedFrom === null ? parsed : await convertSwagger2(parsed, text, source),
    source,
  );
  const scan = scanDocument(document);
  const warnings = scan.externalRefs.map(
    (ref) =>
      `unresolved $ref ${ref}: keyhole reads one file and leaves such references as they are`,
  );
  // Walked again, with the place of each, only when the first walk met a mark.
  if (scan.conversionMarks) warnings.push(...conversionWarnings(document));
  return { document, warnings, convertedFrom };
}

function parseText(text: string, source: string): object {
  let value: unknown;
  let fromYaml = false;
  try {
    // JSON is ~7x faster to parse than the same document as YAML, so try it first when it looks so.
    const parsed = /^\s*\{/.test(text)
      ? parseJsonOrYaml(text)
      : { value: loadYaml(text), fromYaml: true };
    ({ value, fromYaml } = parsed);
  } catch (error) {
    if (error instanceof NotJson) {
      // `not valid JSON: a closing } expected at line 9, column 1`
      throw new KeyholeError(`the spec ${source} is ${error.message}`, {
        exitCode: 2,
        hint: 'A file that ends early (an interrupted download, a full disk) fails like this.',
        cause: error,
      });
    }
    throw new KeyholeError(`the spec ${source} is neither valid YAML nor JSON`, {
      exitCode: 2,
      hint: (error as Error).message.split('\n')[0],
      cause: error,
    });
  }
  // JSON.parse makes a tree; only YAML's aliases can make it a graph that explodes when walked.
  if (fromYaml) refuseAliasBombs(value, text.length, source);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KeyholeError(`the spec ${source} is not an OpenAPI document (no top-level object)`, {
      exitCode: 2,
    });
  }
  return value;
}

function openApi3(value: unknown, source: string): OpenApiDocument {
  const version = (value as { openapi?: unknown; swagger?: unknown }).openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(`${version}.`)) {
    const swagger = (value as { swagger?: unknown }).swagger;
    throw new KeyholeError(
      swagger !== undefined
        ? `the spec ${source} is Swagger ${String(swagger)}; keyhole reads OpenAPI 3.0 and 3.1, and Swagger 2.0`
        : `the spec ${source} is not OpenAPI 3.0 or 3.1 (openapi: ${String(version)})`,
      { exitCode: 2, hint: 'Convert it to OpenAPI 3 (for example with swagger2openapi).' },
    );
  }
  return value as OpenApiDocument;
}

/** Text that starts like JSON and is neither JSON nor YAML: its message is JSON's. */
class NotJson extends Error {}

/**
 * Text that looks like JSON is JSON, or else YAML (a flow mapping starts with `{` too). When it
 * is neither, the error said is JSON's, with its line and column: a truncated download reads
 * better as "a closing } expected at line 9000" than as YAML's complaint about the same spot.
 */
function parseJsonOrYaml(text: string): { value: unknown; fromYaml: boolean } {
  try {
    return { value: JSON.parse(text), fromYaml: false };
  } catch (jsonError) {
    try {
      return { value: loadYaml(text), fromYaml: true };
    } catch {
      const problem = jsonBodyProblem(text);
      throw new NotJson(problem ? describeJsonProblem(problem) : (jsonError as Error).message, {
        cause: jsonError,
      });
    }
  }
}

function refuseAliasBombs(value: unknown, textLength: number, source: string): void {
  const expansion = measureExpansion(value, textLength + MAX_ALIAS_EXPANSION);
  if (expansion.kind === 'ok') return;
  throw new KeyholeError(
    expansion.kind === 'cycle'
      ? `the spec ${source} has a YAML alias that contains itself; keyhole cannot read it as a tree`
      : `the spec ${source} expands its YAML aliases to more than ${expansion.limit.toLocaleString('en-US')} values (an alias bomb?); keyhole refuses it`,
    {
      exitCode: 2,
      hint: 'Check the anchors (&name) and aliases (*name) in the file, or use the JSON form of the spec.',
    },
  );
}

function loadYaml(text: string): unknown {
  // The core schema turns no scalar into a Date, so dates in examples stay the strings they were;
  // `json: true` lets a duplicated key win as in JSON.parse instead of failing the whole spec.
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true });
}

/**
 * `$ref` values that point outside the document, each once; and whether a conversion from
 * Swagger 2.0 marked anything it lost (`x-s2o-warning`, see conversion-warnings.ts).
 */
function scanDocument(document: unknown): { externalRefs: string[]; conversionMarks: boolean } {
  const found = new Set<string>();
  let conversionMarks = false;
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) found.add(value);
      else if (key === CONVERSION_WARNING) conversionMarks = true;
      else stack.push(value);
    }
  }
  return { externalRefs: [...found].sort(), conversionMarks };
}
