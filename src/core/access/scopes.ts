import type { Preset } from '../profiles/vocabulary.js';
import { fail, pass, unknown, type Check } from './checks.js';

/** The scope that SailPoint treats as every scope at once. */
export const ALL_SCOPES = 'sp:scopes:all';

/** How a requirement's scope list is read, as the reasons name it. */
export const SCOPE_RULES = {
  all: 'all of the listed scopes (OpenAPI)',
  any: 'any one listed scope (SailPoint)',
} as const;

/** How a requirement's scope list is read: all of them (OpenAPI) or any one (SailPoint). */
export type ScopeRule = keyof typeof SCOPE_RULES;

/** A scope name that specs write to mean no scope at all (Slack's `slackAuth: [none]`). */
export const NO_SCOPE = 'none';

/**
 * OpenAPI reads a requirement's scopes as all of them. SailPoint lists alternatives instead
 * (`idn:x:read`, `idn:x:manage`: either will do), so under its preset one is enough.
 */
export function scopeRuleOf(preset: Preset): ScopeRule {
  return preset === 'sailpoint' ? 'any' : 'all';
}

/** Whether the token's scopes meet what one scheme of a requirement lists, under the preset's rule. */
export function checkScopes(
  scheme: string,
  listed: readonly string[],
  scopes: readonly string[],
  preset: Preset,
): Check {
  const required = listed.filter((scope) => scope.toLowerCase() !== NO_SCOPE);
  if (required.length === 0) {
    return pass(
      listed.length > 0
        ? `${scheme} lists the scope "${listed[0]}": no scope needed`
        : `${scheme} needs no particular scope`,
    );
  }
  if (preset === 'sailpoint' && scopes.includes(ALL_SCOPES)) {
    return pass(`${ALL_SCOPES} grants ${required.join(', ')}`);
  }
  return scopeRuleOf(preset) === 'any' ? anyOf(required, scopes) : allOf(required, scopes);
}

/**
 * SailPoint's reading. The rule is named only when it matters (several scopes), so a single
 * scope keeps the wording keyhole always used.
 */
function anyOf(required: readonly string[], scopes: readonly string[]): Check {
  const rule = required.length > 1 ? ` — ${SCOPE_RULES.any}` : '';
  const held = required.find((scope) => scopes.includes(scope));
  if (held !== undefined) return pass(`has scope ${held}${rule}`);
  const listed = required.join(', ');
  if (scopes.length === 0) {
    return unknown(`needs one of the scopes ${listed}${rule}; the token lists no scopes`);
  }
  return fail(`missing scope: needs one of ${listed} (token has ${scopes.join(', ')})${rule}`);
}

/** OpenAPI's reading: every listed scope must be held. */
function allOf(required: readonly string[], scopes: readonly string[]): Check {
  const listed = required.join(', ');
  const rule = required.length > 1 ? ` — ${SCOPE_RULES.all}` : '';
  const missing = required.filter((scope) => !scopes.includes(scope));
  if (missing.length === 0) {
    return pass(required.length > 1 ? `has ${listed}${rule}` : `has scope ${listed}`);
  }
  if (scopes.length === 0) {
    return unknown(
      `needs ${required.length > 1 ? `${listed}${rule}` : `the scope ${listed}`}; ` +
        'the token lists no scopes',
    );
  }
  const what = required.length > 1 ? ` ${missing.join(', ')}` : '';
  return fail(`missing scope${what}: needs ${listed} (token has ${scopes.join(', ')})${rule}`);
}
