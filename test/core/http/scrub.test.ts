import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MIN_FRAGMENT_LENGTH,
  REDACTED,
  scrubBuffer,
  scrubSecrets,
} from '../../../src/core/http/index.js';
import { leaksIn } from '../../support/leaks.js';

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const jwt = () => `eyJhbGciOiJSUzI1NiJ9.${random(120)}.${random(64)}`;
const TOKEN = jwt();

describe('scrubSecrets', () => {
  const cases: [string, string][] = [
    ['whole, in a header', `Bearer ${TOKEN}`],
    ['whole, twice in JSON', JSON.stringify({ a: TOKEN, b: [TOKEN] })],
    ['cut off at the end of the text (a 64 KiB cut)', `"auth":"Bearer ${TOKEN.slice(0, -3)}`],
    ['its first 40 characters, quoted', `first="${TOKEN.slice(0, 40)}..."`],
    ['its last 20 characters', `sig ${TOKEN.slice(-20)} ok`],
    ['its last 20 characters glued to a prefix', `tok_${TOKEN.slice(-20)}`],
    ['a middle run of 30', `x ${TOKEN.slice(50, 80)} y`],
    ['in a query', `?access_token=${TOKEN}&x=1`],
    ['percent-free inside a sentence with a full stop', `your token is ${TOKEN}.`],
    ['a middle run between dots and non-ASCII text', `é..${TOKEN.slice(30, 60)}..€`],
  ];
  it.each(cases)('leaves no run of 12 characters of a token: %s', (_label, text) => {
    const { text: out, count } = scrubSecrets(text, [TOKEN]);
    expect(leaksIn('scrubbed', out, [TOKEN])).toEqual([]);
    expect(out).toContain(REDACTED);
    expect(count).toBeGreaterThan(0);
  });

  it('keeps the dots and the text around a cut fragment', () => {
    const text = `é..${TOKEN.slice(30, 60)}..€ and ${TOKEN.slice(0, 5)}`;
    expect(scrubSecrets(text, [TOKEN])).toEqual({
      text: `é..${REDACTED}..€ and ${TOKEN.slice(0, 5)}`,
      count: 1,
    });
  });

  it('leaves another token that only shares the JWT header alone', () => {
    const other = jwt();
    expect(other.slice(0, 20)).toBe(TOKEN.slice(0, 20));
    expect(scrubSecrets(`Bearer ${other}`, [TOKEN])).toEqual({ text: `Bearer ${other}`, count: 0 });
  });

  it('ignores values too short to search for and runs shorter than the fragment length', () => {
    expect(scrubSecrets('id 1234567 here', ['1234567']).count).toBe(0);
    const short = TOKEN.slice(7, 7 + MIN_FRAGMENT_LENGTH - 1);
    expect(scrubSecrets(`x ${short} y`, [TOKEN]).count).toBe(0);
    expect(scrubSecrets('plain text', []).text).toBe('plain text');
  });
});

describe('scrubBuffer', () => {
  it('cuts a secret out of binary data and keeps every other byte', () => {
    const before = randomBytes(1000);
    const after = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const secret = `pässwörd-${random(12)}`;
    const body = Buffer.concat([before, Buffer.from(` ${secret} `, 'utf8'), after]);
    const { body: out, count } = scrubBuffer(body, [secret]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(out.includes(Buffer.from(secret))).toBe(false);
    expect(out.subarray(0, 1000).equals(before)).toBe(true);
    expect(out.subarray(-4).equals(after)).toBe(true);
  });

  it('returns the very same Buffer when there is nothing to cut', () => {
    const body = randomBytes(4096);
    expect(scrubBuffer(body, [TOKEN]).body).toBe(body);
  });
});
