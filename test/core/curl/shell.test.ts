import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, shellWords } from '../../../src/core/curl/index.js';

const TRICKY = [
  '',
  'plain',
  "it's",
  "''",
  'two words',
  '{"a":"b c","d":[1,2]}',
  '$(rm -rf /) `id` $HOME',
  'back\\slash',
  'line\nbreak',
  'tab\there',
  '!bang #hash *star ?q [x] ~tilde',
  'ünïcödé ✓',
  `"double" and 'single'`,
];

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellQuote('https://x.example/v3/identities')).toBe('https://x.example/v3/identities');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('a b')).toBe(`'a b'`);
  });

  it.skipIf(!hasBash)('reads back as the same word in bash', () => {
    for (const word of TRICKY) {
      const out = spawnSync('bash', ['-c', `printf '%s' ${shellQuote(word)}`], {
        encoding: 'utf8',
      });
      expect(out.stdout, word).toBe(word);
    }
  });

  it('reads back as the same word with shellWords', () => {
    for (const word of TRICKY)
      expect(shellWords(`x ${shellQuote(word)} y`)).toEqual(['x', word, 'y']);
  });
});

describe('shellWords', () => {
  it('splits like a shell: quotes, escapes, continuations, comments', () => {
    expect(shellWords(`curl -H "A: \\"q\\" \\$x" 'b c'\\\n  d\\ e # comment`)).toEqual([
      'curl',
      '-H',
      'A: "q" $x',
      'b c',
      'd e',
    ]);
    expect(shellWords('a"b"\'c\'d')).toEqual(['abcd']);
    expect(shellWords(`-H "Authorization: Bearer $(keyhole token p --raw)"`)).toEqual([
      '-H',
      'Authorization: Bearer $(keyhole token p --raw)',
    ]);
    expect(shellWords('a\r\nb')).toEqual(['a', 'b']);
  });

  it("reads bash's $'…' quoting as browsers write it", () => {
    expect(shellWords(String.raw`--data-raw $'{"a":"it\'s\\n\u00e9\x41"}'`)).toEqual([
      '--data-raw',
      `{"a":"it's\\n\u00e9A"}`,
    ]);
    expect(shellWords(String.raw`$'tab\there\nnew'`)).toEqual(['tab\there\nnew']);
  });

  it('refuses unclosed quotes and several commands', () => {
    expect(() => shellWords(`curl 'abc`)).toThrow(/single quote/);
    expect(() => shellWords(`curl "abc`)).toThrow(/double quote/);
    expect(() => shellWords(`curl x | sh`)).toThrow(/one curl command/);
    expect(() => shellWords(`curl x; rm y`)).toThrow(/one curl command/);
    expect(() => shellWords(`curl x \\`)).toThrow(/backslash/);
  });
});
