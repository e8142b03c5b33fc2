import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import narrowStringWidth, { NARROW } from '../../scripts/string-width-narrow.mjs';

/** Every BMP code point the fast path counts as one column. */
const members = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter(
  (char) => NARROW.test(char),
);
const graphemes = new Intl.Segmenter();

describe('string-width-narrow (Ink measures text with it)', () => {
  it('counts only characters string-width measures one column wide, each a grapheme alone', () => {
    expect(members.length).toBeGreaterThan(1500);
    const wrong = members.filter((char) => {
      if (stringWidth(char) !== 1) return true;
      return [char + char, `a${char}`, `${char}a`].some(
        (pair) => stringWidth(pair) !== 2 || [...graphemes.segment(pair)].length !== 2,
      );
    });
    expect(wrong).toEqual([]);
  });

  it('agrees with string-width on any mix of them, other characters and colour codes', () => {
    const piece = fc.oneof(
      fc.constantFrom(...members),
      fc.constantFrom('\u001B[1m', '\u001B[38;5;208m', '\u001B[39m', '\u001B[0m'),
      fc.constantFrom('😀', '⚠️', '漢', 'e\u0301', '\u200D', '\uFE0F', '\u00AD', '\t', '\u0007'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(narrowStringWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('passes options and non-strings on to string-width', () => {
    expect(narrowStringWidth('·', { ambiguousIsNarrow: false })).toBe(
      stringWidth('·', { ambiguousIsNarrow: false }),
    );
    expect(narrowStringWidth('\u001B[1mab', { countAnsiEscapeCodes: true })).toBe(
      stringWidth('\u001B[1mab', { countAnsiEscapeCodes: true }),
    );
    expect(narrowStringWidth(undefined as unknown as string)).toBe(0);
  });
});
