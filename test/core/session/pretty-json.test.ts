import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  MAX_GROWTH,
  prettyJson,
  prettyJsonStart,
} from '../../../src/core/session/pretty-json.js';

/** `npm run test:fuzz` sets 10,000; `npm test` runs a few hundred so the suite stays quick. */
const RUNS = Number(process.env.KEYHOLE_FUZZ_RUNS ?? 300);
const options = { numRuns: RUNS };

const pretty = (text: string) => {
  const result = prettyJson(Buffer.from(text));
  return result === null ? null : Buffer.from(result.bytes).toString('utf8');
};
const lines = (text: string) => {
  const result = prettyJson(Buffer.from(text));
  if (result === null) return null;
  const all = Buffer.from(result.bytes);
  return Array.from(result.starts, (start, i) =>
    all.toString('utf8', start, i + 1 < result.count ? result.starts[i + 1]! - 1 : all.length),
  );
};
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** JSON text of `value` with whitespace a server may put anywhere between tokens. */
const spaced = fc
  .tuple(fc.jsonValue(), fc.constantFrom('', ' ', '\n', '\t', '\r\n  '))
  .map(([value, space]) =>
    JSON.stringify(value, null, space === '' ? undefined : 1).replace(/\n/g, `${space}\n`),
  );

describe('prettyJson', () => {
  it('lays JSON out as JSON.stringify(value, null, 2) does, however it came spaced', () => {
    fc.assert(
      fc.property(spaced, (text) => {
        expect(pretty(text)).toBe(JSON.stringify(JSON.parse(text), null, 2));
      }),
      options,
    );
  });

  it('indexes every line, the last one included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(lines(JSON.stringify(value))).toEqual(JSON.stringify(value, null, 2).split('\n'));
      }),
      options,
    );
  });

  it('lays out the first lines alone, as the whole would start, and says when that is all', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 30 }), (value, wanted) => {
        const all = JSON.stringify(value, null, 2).split('\n');
        const start = prettyJsonStart(Buffer.from(JSON.stringify(value)), wanted)!;
        const bytes = Buffer.from(start.text.bytes);
        expect(start.complete).toBe(all.length <= wanted);
        expect(start.text.count).toBe(Math.min(wanted, all.length));
        expect(bytes.toString('utf8')).toBe(all.slice(0, start.text.count).join('\n'));
      }),
      options,
    );
    // What comes after those lines is not looked at.
    expect(prettyJsonStart(Buffer.from('[1,\n2,\n3,\n}}}'), 2)?.complete).toBe(false);
  });

  it('takes what JSON.parse takes and refuses what it refuses', () => {
    const mangled = fc
      .tuple(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 }))
      .map(([value, at, insert]) => {
        const text = JSON.stringify(value);
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + insert + text.slice(cut + (at % 2));
      });
    fc.assert(
      fc.property(fc.oneof(mangled, fc.string()), (text) => {
        expect(pretty(text) !== null).toBe(parses(text));
      }),
      options,
    );
  });

  it('keeps tokens as they came: no number rounded, no escape decoded, no key dropped', () => {
    const text = '{"id":12345678901234567891,"n":1.50,"e":1E3,"s":"caf\\u00e9 \\/ \\"q\\"","id":2}';
    expect(lines(text)).toEqual([
      '{',
      '  "id": 12345678901234567891,',
      '  "n": 1.50,',
      '  "e": 1E3,',
      '  "s": "caf\\u00e9 \\/ \\"q\\"",',
      '  "id": 2',
      '}',
    ]);
  });

  it('says whether a byte above 0x7f is in it', () => {
    expect(prettyJson(Buffer.from('["plain"]'))?.ascii).toBe(true);
    expect(prettyJson(Buffer.from('["Zoë"]'))?.ascii).toBe(false);
  });

  it('refuses nesting deeper than MAX_DEPTH, and takes it up to there', () => {
    // Padded with spaces, so that it is the depth that decides, not how much the indentation grows.
    const nested = (depth: number) =>
      `${'['.repeat(depth)}1${']'.repeat(depth)}${' '.repeat(depth * depth)}`;
    expect(prettyJson(Buffer.from(nested(MAX_DEPTH)))).not.toBeNull();
    expect(prettyJson(Buffer.from(nested(MAX_DEPTH + 1)))).toBeNull();
  });

  it('refuses a body whose indentation would dwarf it, as JSON.stringify ran out of string', () => {
    const deep = `${'['.repeat(900)}${'1,'.repeat(300_000)}1${']'.repeat(900)}`;
    // Each "1," becomes a line indented by 1,800 spaces: ~900 times the input.
    expect(prettyJson(Buffer.from(deep))).toBeNull();
    const wide = JSON.stringify(Array.from({ length: 1000 }, () => ({ a: { b: { c: [1, 2] } } })));
    const grown = prettyJson(Buffer.from(wide))!.bytes.length / wide.length;
    expect(grown).toBeGreaterThan(2);
    expect(grown).toBeLessThan(MAX_GROWTH);
  });

  it('refuses raw control characters in strings and empty or blank input', () => {
    expect(pretty('["a\u0001b"]')).toBeNull();
    expect(pretty('["a\nb"]')).toBeNull();
    expect(pretty('')).toBeNull();
    expect(pretty(' \n ')).toBeNull();
    expect(pretty('\uFEFF{}')).toBeNull();
    expect(pretty(' {} ')).toBe('{}');
  });
});
