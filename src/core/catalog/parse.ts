/*
 * Measured (Node 20, this machine): js-yaml reads SailPoint's v3 (1.5 MB) in ~100 ms. The
 * document is not dereferenced as a whole any more: the index follows `$ref`s where it reads
 * them (examples.ts, localResolver) and comes out the same as from a dereferenced document
 * (test/core/catalog/lazy-refs.test.ts), while dereferencing cost 2-7× the index build (GitHub:
 * 696 ms against 98 ms; SailPoint v2025: 311 against 123).
 */
import { isAscii } from 'node:buffer';
import yaml from 'js-yaml';
import { KeyholeError } from '../errors.js';
import { describeJsonProblem, jsonBodyProblem } from '../call/json-body.js';
import { COLLECT_FROM_SIZE, collectGarbage } from './collect-garbage.js';
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
export async function parseSpec(
  input: Buffer | (() => Buffer),
  source: string,
): Promise<ParsedSpec> {
  // Given as a function, the bytes are held only in readSpecText's frame, gone when it returns.
  const text = readSpecText(input, source);
  // A big spec's bytes are garbage now: freed before the parse needs the room (see the module).
  if (text.text.length >= COLLECT_FROM_SIZE) collectGarbage();
  const { value: parsed, mayPointOutside, mayHoldMarks } = parseSpecText(text, source);
  const convertedFrom = isSwagger2(parsed) ? SWAGGER_2 : null;
  const document = openApi3(
    convertedFrom === null ? parsed : await convertSwagger2(parsed, text.asWritten(), source),
    source,
  );
  // Walking 47 MB of parsed Graph beta took 0.4 s; its text says when there is nothing to find.
  // The converter adds marks of its own, so a converted document is always walked.
  const scan =
    mayPointOutside || mayHoldMarks || convertedFrom !== null
      ? scanDocument(document)
      : { externalRefs: [], conversionMarks: false };
  const warnings = scan.externalRefs.map(
    (ref) =>
      `unresolved $ref ${ref}: keyhole reads one file and leaves such references as they are`,
  );
  // Walked again, with the place of each, only when the first walk met a mark.
  if (scan.conversionMarks) warnings.push(...conversionWarnings(document));
  return { document, warnings, convertedFrom };
}

/**
 * Whether the text may hold a `$ref` to anything but `#…` (JSON `"$ref": "other.json#/a"`, YAML
 * `$ref: other.yaml`), as a key: Graph's paths end in `/$ref`. A false "yes" costs a walk of the
 * document; a "no" is always right.
 */
const OUTWARD_REF = /(?:^|[\s{,"'])\$ref['"]?\s*:\s*(?!['"]?#)/m;

/** A spec's text, and the way back to it as written (see {@link asciiJson}). */
interface SpecText {
  text: string;
  /** Whether `text` is JSON made ASCII, to be parsed as JSON first. */
  asciiJson: boolean;
  /** The text as written, characters beyond ASCII and all. */
  asWritten: () => string;
}

function readSpecText(input: Buffer | (() => Buffer), source: string): SpecText {
  return specText(typeof input === 'function' ? input() : input, source);
}

function specText(bytes: Buffer, source: string): SpecText {
  const plain = gunzipSpec(bytes, source);
  const ascii = asciiJson(plain);
  if (ascii !== null) return { ...ascii, asciiJson: true };
  const text = plain.toString('utf8');
  return { text, asciiJson: false, asWritten: () => text };
}

/** The parsed value, and whether it may point at other files or hold conversion marks. */
function parseSpecText(
  spec: SpecText,
  source: string,
): { value: object; mayPointOutside: boolean; mayHoldMarks: boolean } {
  if (spec.asciiJson) {
    try {
      const value: unknown = JSON.parse(spec.text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return { value, ...textSays(spec.text) };
      }
    } catch {
      // Not JSON after all: read as written, so the error said (or YAML's reading) is the same.
    }
  }
  const text = spec.asWritten();
  return { value: parseText(text, source), ...textSays(text) };
}

/** What a walk of the parsed document could find, as far as its text tells. */
function textSays(text: string): { mayPointOutside: boolean; mayHoldMarks: boolean } {
  return {
    mayPointOutside: OUTWARD_REF.test(text),
    mayHoldMarks: text.includes(CONVERSION_WARNING),
  };
}

/** A run of characters beyond ASCII, as written, and where its escapes stand in the ASCII text. */
interface EscapedRun {
  at: number;
  length: number;
  written: string;
}

/**
 * A JSON document as a one-byte string: each run of non-ASCII bytes is written as `\uXXXX`
 * escapes. Valid JSON holds such bytes only inside strings, where an escape reads back as the same
 * characters; decoded as UTF-8, one `é` in 47 MB makes V8 hold the whole text two bytes a
 * character (94 MB instead of 47 for Graph beta, which has 473 such bytes). The runs are kept, to
 * give the text back as written should it not be JSON after all. Null for text that does not
 * start like a JSON object.
 */
function asciiJson(bytes: Buffer): Omit<SpecText, 'asciiJson'> | null {
  let start = 0;
  while (
    start < bytes.length &&
    (bytes[start] === 0x20 || (bytes[start]! >= 0x09 && bytes[start]! <= 0x0d))
  ) {
    start++;
  }
  if (bytes[start] !== 0x7b) return null;
  if (isAscii(bytes)) {
    const text = bytes.toString('latin1');
    return { text, asWritten: () => text };
  }
  // Blocks of plain ASCII (nearly all of them) are found natively and copied whole.
  const parts: string[] = [];
  const runs: EscapedRun[] = [];
  let copied = 0;
  let length = 0;
  for (let block = start; block < bytes.length; block += ASCII_BLOCK) {
    const end = Math.min(bytes.length, block + ASCII_BLOCK);
    if (isAscii(bytes.subarray(block, end))) continue;
    for (let at = Math.max(block, copied); at < end; at++) {
      if (bytes[at]! < 0x80) continue;
      let runEnd = at + 1;
      while (runEnd < bytes.length && bytes[runEnd]! >= 0x80) runEnd++;
      const written = bytes.toString('utf8', at, runEnd);
      const escaped = unicodeEscapes(written);
      length += at - copied;
      runs.push({ at: length, length: escaped.length, written });
      length += escaped.length;
      parts.push(bytes.toString('latin1', copied, at), escaped);
      copied = runEnd;
      at = runEnd - 1;
    }
  }
  parts.push(bytes.toString('latin1', copied));
  const text = parts.join('');
  return { text, asWritten: () => unescapeRuns(text, runs) };
}

function unescapeRuns(text: string, runs: readonly EscapedRun[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const run of runs) {
    parts.push(text.slice(from, run.at), run.written);
    from = run.at + run.length;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

const ASCII_BLOCK = 64 * 1024;

/** `é` → `\u00e9`; a character beyond U+FFFF is its two surrogates, as JSON writes it. */
function unicodeEscapes(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++) {
    escaped += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return escaped;
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
