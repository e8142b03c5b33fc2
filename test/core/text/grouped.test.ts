import { describe, expect, it } from 'vitest';
import { groupedNumber } from '../../../src/core/text/grouped.js';

describe('groupedNumber', () => {
  it("groups thousands as toLocaleString('en-US') does", () => {
    for (const value of [0, 7, 999, 1000, 12_345, 1_329_537, -1_234_567, Number.MAX_SAFE_INTEGER]) {
      expect(groupedNumber(value)).toBe(value.toLocaleString('en-US'));
    }
  });
});
