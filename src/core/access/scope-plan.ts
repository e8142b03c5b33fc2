import type { CatalogOperation } from '../catalog/types.js';
import { smallestCover } from './scope-cover.js';
import {
  operationNeeds,
  type CredentialKind,
  type OperationNeeds,
  type ScopeRule,
} from './scope-needs.js';
import { ALL_SCOPES, SCOPE_RULES } from './scopes.js';
import type { SpecSecurityLookup } from './spec-security.js';
import { noun } from '../text/plural.js';

/** One operation of a plan, as `scopes plan --json` prints it. */
export interface PlannedOperation {
  operationId: string | null;
  method: string;
  path: string;
  /** Every scope the spec lists that could grant it to the plan's kind of credential. */
  scopes: string[];
  needsUser: boolean;
  /** Of these user levels a user needs one; empty when any user will do. */
  userLevels: string[];
  /** Needs no token at all. */
  public: boolean;
  /** Why keyhole cannot say what it needs; null when it can. */
  undecided: string | null;
}

/** The least a credential needs to call a list of operations. */
export interface ScopePlan {
  rule: ScopeRule;
  /** The rule in words, e.g. "any one listed scope (SailPoint)". */
  ruleText: string;
  /** The credential the scopes are for: a user's (PAT) when any operation needs one. */
  kind: CredentialKind;
  /** The fewest scopes that grant every decided operation, by name. */
  scopes: string[];
  /** Each chosen scope and the operations (`METHOD path`) it grants. */
  grants: Record<string, string[]>;
  /** Whether `scopes` is proved the fewest (false: the greedy answer of a search too big). */
  exact: boolean;
  needsUser: boolean;
  /** The fewest user levels that let one user call every operation; empty when any user will do. */
  userLevels: string[];
  operations: PlannedOperation[];
  /** What to know about the plan in words, e.g. why `sp:scopes:all` is in it. */
  notes: string[];
}

export interface PlanOptions {
  rule: ScopeRule;
  /** The spec's schemes by operation, so HTTP basic or API-key alternatives are told apart. */
  specs?: SpecSecurityLookup;
  /** The kind of credential to plan for when no operation needs a user. @default 'app' */
  kind?: CredentialKind;
  /** Scopes the credential holds: among covers of one size, the one that keeps most of them wins. */
  held?: readonly string[];
  /** User levels the credential's user holds: among level sets of one size, these win. */
  authorities?: readonly string[];
  /** Steps of the exact search (see smallestCover). */
  budget?: number;
}

/** What a scope weighs when two covers are the same size: reads before the rest, all-scopes last. */
function scopeWeight(held: ReadonlySet<string>): (scope: string) => number {
  return (scope) => {
    if (scope === ALL_SCOPES) return 1000;
    const base = /(^|[:._-])read$/i.test(scope) ? 2 : 3;
    return held.has(scope) ? base - 1 : base;
  };
}

/**
 * The plan for these operations: the fewest scopes that grant them all (a set cover under
 * SailPoint's any-one rule, exact within the search budget, greedy beyond, and the plan says
 * which), whether a user is needed, the user levels, and the operations keyhole cannot decide,
 * listed as such.
 */
export function planScopes(
  operations: readonly Pick<
    CatalogOperation,
    'id' | 'operationId' | 'method' | 'path' | 'security' | 'userLevels'
  >[],
  options: PlanOptions,
): ScopePlan {
  const needs = dedupe(operations).map((op) => operationNeeds(op, options.rule, options.specs));
  const needsUser = needs.some((need) => need.undecided === null && need.needsUser);
  const kind: CredentialKind = needsUser ? 'user' : (options.kind ?? 'app');
  const planned = needs.map((need) => plannedOperation(need, kind));
  const decided = needs.filter((_, index) => planned[index]?.undecided === null);
  const held = new Set(options.held ?? []);
  const cover = smallestCover(
    decided.map((need) => need.alternatives[kind]),
    { weight: scopeWeight(held), budget: options.budget },
  );
  const levelNeeds = kind === 'user' ? decided.filter((need) => need.userLevels.length > 0) : [];
  const authorities = new Set(options.authorities ?? []);
  const levels = smallestCover(
    levelNeeds.map((need) => need.userLevels.map((level) => [level])),
    { weight: (level) => (authorities.has(level) ? 1 : 2) },
  );
  return {
    rule: options.rule,
    ruleText: SCOPE_RULES[options.rule],
    kind,
    scopes: cover.scopes,
    grants: grantsOf(cover.scopes, decided, kind),
    exact: cover.exact && levels.exact,
    needsUser,
    userLevels: levels.scopes,
    operations: planned,
    notes: notesOf(cover.scopes, options.rule, grantsOf(cover.scopes, decided, kind)),
  };
}

/**
 * SailPoint's `sp:scopes:all` is in a plan only when an operation lists nothing else (v3's
 * default for operations without security of their own): then it grants every other scope too.
 */
function notesOf(scopes: readonly string[], rule: ScopeRule, grants: Record<string, string[]>) {
  if (rule !== 'any' || !scopes.includes(ALL_SCOPES)) return [];
  const only = grants[ALL_SCOPES] ?? [];
  return [
    `${ALL_SCOPES} is in the plan because ${only.join(', ')} ${noun(only.length, 'lists', 'list')} ` +
      "no other scope (the spec's default); it grants every scope, so with it the others add nothing",
  ];
}

function plannedOperation(need: OperationNeeds, kind: CredentialKind): PlannedOperation {
  const alternatives = need.alternatives[kind];
  const other = kind === 'user' ? 'app' : 'user';
  let undecided = need.undecided;
  if (undecided === null && alternatives.length === 0 && need.alternatives[other].length > 0) {
    undecided =
      kind === 'user'
        ? 'it is only for tokens without a user (applicationAuth): the plan is for a PAT'
        : 'it needs a user';
  }
  return {
    operationId: need.operation.operationId,
    method: need.operation.method,
    path: need.operation.path,
    scopes: [...new Set(alternatives.flat())].sort(),
    needsUser: need.undecided === null && need.needsUser,
    userLevels: kind === 'user' ? need.userLevels : [],
    public: alternatives.some((set) => set.length === 0),
    undecided,
  };
}

/** For each chosen scope, the operations one of whose granting sets it belongs to. */
function grantsOf(
  scopes: readonly string[],
  needs: readonly OperationNeeds[],
  kind: CredentialKind,
): Record<string, string[]> {
  const chosen = new Set(scopes);
  const grants: Record<string, string[]> = Object.fromEntries(scopes.map((s) => [s, []]));
  for (const need of needs) {
    const granting = need.alternatives[kind].filter(
      (set) => set.length > 0 && set.every((s) => chosen.has(s)),
    );
    for (const scope of new Set(granting.flat())) grants[scope]?.push(need.operation.id);
  }
  return grants;
}

function dedupe<T extends Pick<CatalogOperation, 'id'>>(operations: readonly T[]): T[] {
  return [...new Map(operations.map((op) => [op.id, op])).values()];
}
