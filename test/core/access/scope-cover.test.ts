import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallestCover, type Alternatives } from '../../../src/core/access/scope-cover.js';

/** Whether every operation has an alternative whose scopes are all chosen. */
function grantsAll(operations: readonly Alternatives[], scopes: readonly string[]): boolean {
  const chosen = new Set(scopes);
  return operations
    .filter((alternatives) => alternatives.length > 0)
    .every((alternatives) => alternatives.some((set) => set.every((s) => chosen.has(s))));
}

/** The size of the smallest granting set, by trying every subset of the scopes named. */
function bruteForceSize(operations: readonly Alternatives[]): number {
  const pool = [...new Set(operations.flat(2))].sort();
  let best = Infinity;
  for (let mask = 0; mask < 1 << pool.length; mask += 1) {
    const scopes = pool.filter((_, bit) => (mask >> bit) & 1);
    if (scopes.length < best && grantsAll(operations, scopes)) best = scopes.length;
  }
  return best;
}

/**
 * Scopes A to E over operations 1 to 12, each operation granted by any one scope that covers it
 * (SailPoint's rule): A = 1-6, B = 7-12, C = 1-3 and 7-10, D = 4, 5, 11, 12, E = 6 and 12. Greedy
 * takes C (7 operations), then D (4 more), then A or E for 6: three scopes, where A and B are two.
 */
const GREEDY_TRAP: Alternatives[] = (() => {
  const covers: Record<string, number[]> = {
    A: [1, 2, 3, 4, 5, 6],
    B: [7, 8, 9, 10, 11, 12],
    C: [1, 2, 3, 7, 8, 9, 10],
    D: [4, 5, 11, 12],
    E: [6, 12],
  };
  return Array.from({ length: 12 }, (_, index) =>
    Object.entries(covers)
      .filter(([, operations]) => operations.includes(index + 1))
      .map(([scope]) => [scope]),
  );
})();

describe('smallestCover', () => {
  it('finds the two scopes of the greedy trap, and says the greedy answer is not proved', () => {
    expect(smallestCover(GREEDY_TRAP)).toEqual({ scopes: ['A', 'B'], exact: true });
    const greedy = smallestCover(GREEDY_TRAP, { budget: 0 });
    expect(greedy.exact).toBe(false);
    expect(greedy.scopes).toHaveLength(3);
    expect(grantsAll(GREEDY_TRAP, greedy.scopes)).toBe(true);
  });

  it('takes what an operation with one way in forces, then the lightest of equal covers', () => {
    const operations: Alternatives[] = [[['x:manage'], ['x:read']], [['y:manage']], [[]]];
    const weight = (scope: string) => (scope.endsWith(':read') ? 1 : 2);
    expect(smallestCover(operations, { weight }).scopes).toEqual(['x:read', 'y:manage']);
    // Without weights the first by name wins among covers of the same size.
    expect(smallestCover(operations).scopes).toEqual(['x:manage', 'y:manage']);
  });

  it('reads an alternative as all of its scopes (OpenAPI), and drops a set that holds another', () => {
    const operations: Alternatives[] = [
      [['a', 'b'], ['c']],
      [
        ['a', 'b', 'd'],
        ['b', 'a'],
      ],
    ];
    expect(smallestCover(operations)).toEqual({ scopes: ['a', 'b'], exact: true });
  });

  it('needs nothing for public operations and leaves out operations nothing grants', () => {
    expect(smallestCover([[[]], []])).toEqual({ scopes: [], exact: true });
  });

  it('is as small as the best subset of the scopes, on any small instance', () => {
    const scope = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    const alternative = fc.uniqueArray(scope, { minLength: 1, maxLength: 3 });
    const operation = fc.array(alternative, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 7 }), (operations) => {
        const cover = smallestCover(operations);
        expect(cover.exact).toBe(true);
        expect(grantsAll(operations, cover.scopes)).toBe(true);
        expect(cover.scopes).toHaveLength(bruteForceSize(operations));
      }),
      { numRuns: 300 },
    );
  });
});
