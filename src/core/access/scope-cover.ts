/*
 * The smallest set of scopes that grants a list of operations. Each operation is granted by any
 * one of its alternatives, and an alternative by holding all of its scopes: under SailPoint's
 * rule each alternative is one scope (a set cover), under OpenAPI's an alternative is a whole
 * requirement's list. Finding the smallest set is NP-hard in general, so the search is exact
 * within a budget of steps (every real script's handful of operations fits with room to spare)
 * and falls back to the greedy answer beyond it, saying so.
 */

/** What one operation asks: any one of these scope sets grants it. */
export type Alternatives = readonly (readonly string[])[];

/** The chosen scopes and whether they are certainly the fewest. */
export interface Cover {
  /** Sorted by name. */
  scopes: string[];
  /** True when the search proved no smaller set (and no lighter one of the same size) exists. */
  exact: boolean;
}

export interface CoverOptions {
  /**
   * How heavy a scope is, to choose between covers of the same size: a read scope before a manage
   * scope, a scope the credential already holds before a new one. @default every scope weighs 1
   */
  weight?: (scope: string) => number;
  /** Steps of the exact search before it gives up and the greedy answer stands. @default 200000 */
  budget?: number;
}

const DEFAULT_BUDGET = 200_000;

interface Score {
  size: number;
  weight: number;
  key: string;
}

/**
 * The fewest scopes (then the lightest, then the first by name) under which every operation has
 * an alternative all of whose scopes are chosen. An operation with an empty alternative needs
 * nothing; one with no alternatives at all cannot be granted and is left out (callers list it
 * as undecided).
 */
export function smallestCover(operations: readonly Alternatives[], options: CoverOptions = {}) {
  const weightOf = options.weight ?? (() => 1);
  const budget = options.budget ?? DEFAULT_BUDGET;
  const needs = operations
    .filter((alternatives) => alternatives.length > 0)
    .map((alternatives) => minimalSets(alternatives))
    .filter((alternatives) => !alternatives.some((set) => set.length === 0));

  // An operation with one way in forces its scopes: no search needed for them.
  const forced = new Set<string>();
  for (const alternatives of needs) {
    if (alternatives.length === 1) for (const scope of alternatives[0] ?? []) forced.add(scope);
  }
  const open = needs.filter((alternatives) => !alternatives.some((set) => within(set, forced)));

  const scoreOf = (chosen: ReadonlySet<string>): Score => {
    const sorted = [...chosen].sort();
    return {
      size: sorted.length,
      weight: sorted.reduce((sum, scope) => sum + weightOf(scope), 0),
      key: sorted.join('\n'),
    };
  };

  let best = greedy(open, forced, weightOf);
  let bestScore = scoreOf(best);
  let steps = 0;
  let exhausted = false;

  const search = (chosen: Set<string>, weight: number): void => {
    if (exhausted) return;
    steps += 1;
    if (steps > budget) {
      exhausted = true;
      return;
    }
    const unmet = open.find((alternatives) => !alternatives.some((set) => within(set, chosen)));
    if (unmet === undefined) {
      const score = scoreOf(chosen);
      if (better(score, bestScore)) {
        best = new Set(chosen);
        bestScore = score;
      }
      return;
    }
    // One more scope at least: a branch that cannot beat the best is not walked.
    if (chosen.size + 1 > bestScore.size) return;
    const branches = unmet
      .map((set) => set.filter((scope) => !chosen.has(scope)))
      .sort((a, b) => a.length - b.length || sumOf(a, weightOf) - sumOf(b, weightOf));
    for (const added of branches) {
      const size = chosen.size + added.length;
      const addedWeight = sumOf(added, weightOf);
      if (size > bestScore.size) continue;
      if (size === bestScore.size && weight + addedWeight > bestScore.weight) continue;
      for (const scope of added) chosen.add(scope);
      search(chosen, weight + addedWeight);
      for (const scope of added) chosen.delete(scope);
    }
  };
  search(new Set(forced), sumOf([...forced], weightOf));

  return { scopes: [...best].sort(), exact: !exhausted } satisfies Cover;
}

/**
 * The greedy answer: the forced scopes, then again and again the alternative that grants the
 * most operations still open for the fewest new scopes.
 */
function greedy(
  open: readonly (readonly string[])[][],
  forced: ReadonlySet<string>,
  weightOf: (scope: string) => number,
): Set<string> {
  const chosen = new Set(forced);
  let remaining = open.filter((alternatives) => !alternatives.some((set) => within(set, chosen)));
  while (remaining.length > 0) {
    let pick: readonly string[] = [];
    let pickValue = -Infinity;
    for (const alternatives of remaining) {
      for (const set of alternatives) {
        const added = set.filter((scope) => !chosen.has(scope));
        const trial = new Set([...chosen, ...added]);
        const granted = remaining.filter((other) => other.some((s) => within(s, trial))).length;
        // Operations granted per new scope, lighter scopes first among equals.
        const value = granted / Math.max(1, added.length) - sumOf(added, weightOf) / 1e6;
        if (value > pickValue) {
          pick = added;
          pickValue = value;
        }
      }
    }
    for (const scope of pick) chosen.add(scope);
    remaining = remaining.filter(
      (alternatives) => !alternatives.some((set) => within(set, chosen)),
    );
  }
  return chosen;
}

/** The alternatives without repeats and without any that holds another whole (it is never better). */
function minimalSets(alternatives: Alternatives): string[][] {
  const sets = [...new Map(alternatives.map((set) => [[...new Set(set)].sort().join('\n'), set]))]
    .map(([, set]) => [...new Set(set)].sort())
    .sort((a, b) => a.length - b.length);
  return sets.filter(
    (set, index) => !sets.slice(0, index).some((smaller) => within(smaller, new Set(set))),
  );
}

function within(set: readonly string[], chosen: ReadonlySet<string>): boolean {
  return set.every((scope) => chosen.has(scope));
}

function sumOf(scopes: readonly string[], weightOf: (scope: string) => number): number {
  return scopes.reduce((sum, scope) => sum + weightOf(scope), 0);
}

function better(a: Score, b: Score): boolean {
  if (a.size !== b.size) return a.size < b.size;
  if (a.weight !== b.weight) return a.weight < b.weight;
  return a.key < b.key;
}
