import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** Where a JSON body stops parsing, for a person to find it: 1-based line and column. */
export interface JsonProblem {
  readonly line: number;
  readonly column: number;
  /** What is wrong there, in words: `a comma or } expected`. */
  readonly what: string;
}

/**
 * Whether a body sent with this Content-Type is meant to be JSON. None given counts: keyhole
 * then sends `application/json`.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' || type === 'application/json' || type.endsWith('+json');
}

/** The Content-Type among `headers`, whatever its case; undefined when none is set. */
export function contentTypeOf(
  headers: Readonly<Record<string, string>> | readonly { name: string; value: string }[],
): string | undefined {
  const pairs = Array.isArray(headers)
    ? (headers as readonly { name: string; value: string }[]).map((h) => [h.name, h.value])
    : Object.entries(headers);
  return pairs.find(([name]) => name?.toLowerCase() === 'content-type')?.[1];
}

/** jsonc-parser's error names (printParseErrorCode), in words. */
const WHAT: Partial<Record<string, string>> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'nothing more expected after the value',
  InvalidCommentToken: 'a comment (JSON has none)',
  UnexpectedEndOfComment: 'a comment (JSON has none)',
  UnexpectedEndOfString: 'a string that is not closed',
  UnexpectedEndOfNumber: 'a number cut short',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * Why `body` is not JSON and where, or null when it parses (or is empty: no body to speak of).
 * JSON.parse has the last word on whether it parses; jsonc-parser, strict (no comments, no
 * trailing commas), says where, since Node 20's JSON.parse messages often give no position.
 */
export function jsonBodyProblem(body: string): JsonProblem | null {
  if (body.trim() === '') return null;
  try {
    JSON.parse(body);
    return null;
  } catch {
    // Located below.
  }
  const errors: ParseError[] = [];
  parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const before = body.slice(0, offset).split(/\r\n|\r|\n/);
  return {
    line: before.length,
    column: [...(before[before.length - 1] ?? '')].length + 1,
    what: (first && WHAT[printParseErrorCode(first.error)]) ?? 'text that is not JSON',
  };
}

/** `not valid JSON: a comma expected at line 2, column 5`. */
export function describeJsonProblem(problem: JsonProblem): string {
  return `not valid JSON: ${problem.what} at line ${problem.line}, column ${problem.column}`;
}

let last: { body: string; json: boolean; problem: JsonProblem | null } | null = null;

/**
 * The problem with a body sent as JSON (its Content-Type says JSON, or says nothing), or null:
 * the one check `call -d`, the TUI's send and its body row share. The last answer is kept, since
 * the TUI asks on every repaint while the body stays the same.
 */
export function bodyJsonProblem(
  body: string | null | undefined,
  headers: Parameters<typeof contentTypeOf>[0],
): JsonProblem | null {
  if (body === null || body === undefined) return null;
  const json = isJsonContentType(contentTypeOf(headers));
  if (last?.body !== body || last.json !== json) {
    last = { body, json, problem: json ? jsonBodyProblem(body) : null };
  }
  return last.problem;
}
