/*
 * Just enough POSIX shell to write and read one curl command. Writing: single quotes, which the
 * shell takes literally, with `'` written as `'\''`. Reading: the quoting a browser's
 * "Copy as cURL" or a person produces (single, double and $'…' quotes, backslashes, line
 * continuations). Expansions are not performed: `$(…)` and `$VAR` stay as written, and control
 * operators (`|`, `;`, `&&`, redirections) end the command with an error rather than a guess.
 */

/** Characters that never need quoting. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `it's` → `'it'\''s'`; plain words stay bare. */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class ShellSyntaxError extends Error {
  override readonly name = 'ShellSyntaxError';
}

const ANSI_C: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\u0007',
  b: '\b',
  e: '\u001b',
  E: '\u001b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Characters that end a word outside quotes. */
const OPERATORS = new Set(['|', ';', '&', '<', '>', '(', ')']);

/**
 * Splits a command line into words as a POSIX shell would before expansion.
 * @throws ShellSyntaxError on an unclosed quote or a control operator.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const peek = (offset = 0) => text[i + offset];
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const next = peek(1);
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next === '\r' && peek(2) === '\n') {
        i += 3;
        continue;
      }
      if (next === undefined) throw new ShellSyntaxError('the command ends with a backslash');
      word += next;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('a single quote is not closed');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '$' && peek(1) === "'") {
      const [value, end] = readAnsiC(text, i + 2);
      word += value;
      inWord = true;
      i = end;
      continue;
    }
    if (c === '"') {
      const [value, end] = readDouble(text, i + 1);
      word += value;
      inWord = true;
      i = end;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    if (c === '#' && !inWord) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (OPERATORS.has(c)) {
      throw new ShellSyntaxError(`"${c}" joins or redirects commands; paste one curl command only`);
    }
    word += c;
    inWord = true;
    i += 1;
  }
  if (inWord) words.push(word);
  return words;
}

/** Inside "…": backslash escapes only $ ` " \ and a newline; `$(…)` is kept as text. */
function readDouble(text: string, start: number): [string, number] {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return [value, i + 1];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next !== undefined && '$`"\\'.includes(next)) {
        value += next;
        i += 2;
        continue;
      }
    }
    value += c;
    i += 1;
  }
  throw new ShellSyntaxError('a double quote is not closed');
}

/** Bash's $'…': C escapes, \xHH, \uHHHH, \UHHHHHHHH and octal \NNN. */
function readAnsiC(text: string, start: number): [string, number] {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'") return [value, i + 1];
    if (c !== '\\') {
      value += c;
      i += 1;
      continue;
    }
    const next = text[i + 1] ?? '';
    const simple = ANSI_C[next];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    const hex = /^(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8})/.exec(text.slice(i + 1));
    if (hex) {
      value += String.fromCodePoint(parseInt(hex[1]!.slice(1), 16));
      i += 1 + hex[1]!.length;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1));
    if (octal) {
      value += String.fromCharCode(parseInt(octal[0], 8));
      i += 1 + octal[0].length;
      continue;
    }
    value += `\\${next}`;
    i += 2;
  }
  throw new ShellSyntaxError("a $'…' quote is not closed");
}
