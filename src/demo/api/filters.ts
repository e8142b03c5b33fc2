import type { DemoIdentity } from '../data/identities.js';
import { badRequest } from '../errors.js';

/** The fields of SailPoint's identity `filters` grammar that the demo understands. */
const FIELDS: Record<string, (identity: DemoIdentity) => string> = {
  id: (identity) => identity.id,
  name: (identity) => identity.name,
  alias: (identity) => identity.alias,
  email: (identity) => identity.emailAddress,
};

const OPERATORS: Record<string, (actual: string, wanted: string) => boolean> = {
  eq: (actual, wanted) => actual === wanted,
  sw: (actual, wanted) => actual.startsWith(wanted),
  co: (actual, wanted) => actual.includes(wanted),
};

const invalid = (detail: string) => badRequest(`Invalid filters: ${detail}`);

type Token = { kind: 'string' | 'word' | '(' | ')' | ','; text: string };

const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|([(),])|([A-Za-z_]+))/y;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(input);
    if (!match) throw invalid(`unexpected text at position ${at}`);
    if (match[1] !== undefined)
      tokens.push({ kind: 'string', text: match[1].replace(/\\(.)/g, '$1') });
    else if (match[2] !== undefined)
      tokens.push({ kind: match[2] as '(' | ')' | ',', text: match[2] });
    else tokens.push({ kind: 'word', text: match[3] ?? '' });
  }
  return tokens;
}

type Predicate = (identity: DemoIdentity) => boolean;

/**
 * Parses a small subset of SailPoint's filter syntax: `field op "value"` joined by `and`, with
 * ops eq, sw, co (case-insensitive) and `in ("a", "b")`; fields id, name, alias, email.
 */
export function parseIdentityFilter(input: string): Predicate {
  const tokens = tokenize(input);
  let position = 0;
  const next = (): Token | undefined => tokens[position++];
  const expect = (kind: Token['kind'], what: string): Token => {
    const token = next();
    if (token?.kind !== kind) throw invalid(`expected ${what}`);
    return token;
  };

  const condition = (): Predicate => {
    const fieldName = expect('word', 'a field name').text;
    const field = FIELDS[fieldName];
    if (!field) {
      throw invalid(`unsupported field "${fieldName}"; use ${Object.keys(FIELDS).join(', ')}`);
    }
    const operator = expect('word', 'an operator').text.toLowerCase();
    if (operator === 'in') {
      expect('(', '"(" after in');
      const values = [expect('string', 'a quoted value').text.toLowerCase()];
      while (tokens[position]?.kind === ',') {
        position += 1;
        values.push(expect('string', 'a quoted value').text.toLowerCase());
      }
      expect(')', '")"');
      return (identity) => values.includes(field(identity).toLowerCase());
    }
    const test = OPERATORS[operator];
    if (!test) throw invalid(`unsupported operator "${operator}"; use eq, sw, co or in`);
    const wanted = expect('string', 'a quoted value').text.toLowerCase();
    return (identity) => test(field(identity).toLowerCase(), wanted);
  };

  const predicates = [condition()];
  while (position < tokens.length) {
    const token = next();
    if (token?.kind !== 'word' || token.text.toLowerCase() !== 'and') {
      throw invalid(`expected "and" between conditions`);
    }
    predicates.push(condition());
  }
  return (identity) => predicates.every((predicate) => predicate(identity));
}
