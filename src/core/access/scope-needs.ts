import type { CatalogOperation, CatalogSecurityScheme } from '../catalog/types.js';
import { checkSchemeType } from './schemes.js';
import type { Alternatives } from './scope-cover.js';
import { levelsAUserNeeds } from './levels.js';
import { NO_SCOPE, type ScopeRule } from './scopes.js';
import { isAppScheme, isUserScheme } from './security.js';
import type { SpecSecurityLookup } from './spec-security.js';

export type { ScopeRule } from './scopes.js';

/** The two kinds of bearer token SailPoint tells apart: a person's (PAT) or a client's own. */
export type CredentialKind = 'user' | 'app';

/** What one operation asks of a bearer token, read from its spec. */
export interface OperationNeeds {
  operation: Pick<CatalogOperation, 'id' | 'operationId' | 'method' | 'path'>;
  /** Scope sets that grant it (any one of them), for a token of each kind; `[[]]` is public. */
  alternatives: Readonly<Record<CredentialKind, Alternatives>>;
  /** Only a token that acts as a user can call it (its only bearer schemes are user schemes). */
  needsUser: boolean;
  /**
   * The user levels of which a user token needs one; empty when any user will do (none listed,
   * `USER`, `Any`).
   */
  userLevels: string[];
  /** Why keyhole cannot tell what it needs (null when it can). Such an operation is listed, never dropped. */
  undecided: string | null;
}

/**
 * The needs of one operation. Alternatives a bearer token cannot satisfy (HTTP basic, an API key)
 * are left out; an operation left with none, or whose spec says nothing of security, is
 * undecided. Under SailPoint's rule each listed scope is an alternative of its own, and
 * `sp:scopes:all` is one only where the spec lists it (the root default of v3).
 */
export function operationNeeds(
  operation: Pick<
    CatalogOperation,
    'id' | 'operationId' | 'method' | 'path' | 'security' | 'userLevels'
  >,
  rule: ScopeRule,
  specs?: SpecSecurityLookup,
): OperationNeeds {
  const base = {
    operation: {
      id: operation.id,
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
    },
    userLevels: operation.userLevels === null ? [] : levelsAUserNeeds(operation.userLevels),
  };
  const { security } = operation;
  if (security === null) {
    return {
      ...base,
      alternatives: { user: [], app: [] },
      needsUser: false,
      undecided: 'the spec says nothing about security here',
    };
  }
  if (security.length === 0 || security.some((r) => Object.keys(r).length === 0)) {
    return { ...base, alternatives: { user: [[]], app: [[]] }, needsUser: false, undecided: null };
  }
  const schemes = specs?.get(operation.id)?.schemes ?? {};
  const user: string[][] = [];
  const app: string[][] = [];
  let otherCredential = false;
  for (const requirement of security) {
    const entries = Object.entries(requirement);
    const kinds = entries.map(([scheme]) => kindsOf(scheme, schemes[scheme]));
    if (kinds.some((k) => k === null)) {
      otherCredential = true;
      continue;
    }
    const sets = scopeSets(
      entries.map(([, scopes]) => scopes),
      rule,
    );
    if (kinds.every((k) => k?.includes('user'))) user.push(...sets);
    if (kinds.every((k) => k?.includes('app'))) app.push(...sets);
  }
  if (user.length === 0 && app.length === 0) {
    return {
      ...base,
      alternatives: { user, app },
      needsUser: false,
      undecided: otherCredential
        ? 'it takes only credentials other than a bearer token (HTTP basic, an API key)'
        : 'its security requirements name no scheme keyhole can read',
    };
  }
  return { ...base, alternatives: { user, app }, needsUser: app.length === 0, undecided: null };
}

/**
 * The kinds of token a scheme takes: SailPoint's user and app schemes by name, any other that
 * takes a bearer token both; null for a scheme that wants another credential (or that keyhole
 * cannot judge).
 */
function kindsOf(
  name: string,
  declared: CatalogSecurityScheme | undefined,
): readonly CredentialKind[] | null {
  if (isUserScheme(name)) return ['user'];
  if (isAppScheme(name)) return ['app'];
  return checkSchemeType(name, declared).outcome === 'pass' ? ['user', 'app'] : null;
}

/**
 * The scope sets one requirement accepts: under `all` every scope of every scheme at once; under
 * `any` one scope of each scheme that lists some (every combination). `none` is no scope.
 */
function scopeSets(lists: readonly (readonly string[])[], rule: ScopeRule): string[][] {
  const real = lists
    .map((list) => list.filter((scope) => scope.toLowerCase() !== NO_SCOPE))
    .filter((list) => list.length > 0);
  if (rule === 'all') return [[...new Set(real.flat())]];
  let sets: string[][] = [[]];
  for (const list of real) {
    sets = sets.flatMap((set) => list.map((scope) => [...set, scope]));
  }
  return sets;
}
