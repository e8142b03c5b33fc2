import { isNode, type LocalResolver } from './examples.js';
import type { CatalogSecurityScheme, SecurityRequirement } from './types.js';

/**
 * A `security` value as a list of requirement objects: `[]` stays `[]` (public), anything that is
 * not a list is null (not stated). Scope lists that are not lists of strings become empty.
 */
export function normalizeSecurity(value: unknown): SecurityRequirement[] | null {
  if (!Array.isArray(value)) return null;
  const requirements: SecurityRequirement[] = [];
  for (const entry of value) {
    if (!isNode(entry)) continue;
    const requirement: SecurityRequirement = {};
    for (const [scheme, scopes] of Object.entries(entry)) {
      requirement[scheme] = Array.isArray(scopes)
        ? scopes.filter((scope): scope is string => typeof scope === 'string')
        : [];
    }
    requirements.push(requirement);
  }
  return requirements;
}

/**
 * `components.securitySchemes` by name, each reduced to its type and where its credential goes:
 * what predictions need to tell a scheme a bearer token can satisfy from one it cannot.
 */
export function readSecuritySchemes(
  value: unknown,
  resolve: LocalResolver,
): Record<string, CatalogSecurityScheme> {
  const schemes: Record<string, CatalogSecurityScheme> = {};
  if (!isNode(value)) return schemes;
  for (const [name, raw] of Object.entries(value)) {
    const declared = resolve(raw);
    const field = (key: string) =>
      isNode(declared) && typeof declared[key] === 'string' ? declared[key].trim() : '';
    const scheme: CatalogSecurityScheme = { type: field('type') };
    // HTTP authorization schemes are case-insensitive (RFC 7235): `Bearer` is `bearer`.
    if (field('scheme')) scheme.scheme = field('scheme').toLowerCase();
    if (field('bearerFormat')) scheme.bearerFormat = field('bearerFormat');
    if (field('in')) scheme.in = field('in');
    if (field('name')) scheme.name = field('name');
    schemes[name] = scheme;
  }
  return schemes;
}

/** The correct spelling and the misspelling found in SailPoint's v3 spec (`disableAccount`). */
export const USER_LEVELS_KEY = 'x-sailpoint-userLevels';
export const MISSPELT_USER_LEVELS_KEY = 'x-sailpont-userLevels';

/**
 * An operation's SailPoint user levels, from either spelling (both merged if both appear), as
 * written: odd values such as `Any` or a scope string are kept for the predictor to judge.
 */
export function readUserLevels(operation: Record<string, unknown>): {
  levels: string[] | null;
  misspelt: boolean;
} {
  const correct = operation[USER_LEVELS_KEY];
  const misspelt = operation[MISSPELT_USER_LEVELS_KEY];
  if (correct === undefined && misspelt === undefined) return { levels: null, misspelt: false };
  const levels = new Set<string>();
  for (const value of [correct, misspelt]) {
    for (const level of Array.isArray(value) ? value : [value]) {
      if (typeof level === 'string' && level.trim() !== '') levels.add(level.trim());
    }
  }
  return { levels: [...levels], misspelt: misspelt !== undefined };
}
