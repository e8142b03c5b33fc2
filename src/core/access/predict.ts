import type { CatalogOperation } from '../catalog/types.js';
import type { Preset } from '../profiles/vocabulary.js';
import { all, unknown, type Check } from './checks.js';
import { checkUserLevels } from './levels.js';
import { checkSecurity } from './security.js';
import { silentSpecReason, type SpecSecurityLookup } from './spec-security.js';
import type { AccessPrediction, AccessSubject } from './types.js';

const VERDICT = { pass: 'allowed', fail: 'denied', unknown: 'unknown' } as const;

/** How to read the spec: the profile's preset, and what the operation's spec declares. */
export interface PredictOptions {
  /**
   * The profile's preset. A requirement's scope list means all of them (OpenAPI), except under
   * `sailpoint`, whose specs list alternatives (any one will do) and where `sp:scopes:all`
   * holds every scope. A token SailPoint issued is read by SailPoint's rules whatever the
   * preset (the demo tenant's profiles are `generic`), as the explanations of failures do.
   */
  readonly preset: Preset;
  /**
   * The security of each operation's spec (`specSecurityOf(catalog.specs)`): scheme types, so an
   * HTTP basic or API-key alternative does not pass for a bearer token, and specs that declare
   * no security at all. Without it schemes are judged by their names only.
   */
  readonly specs?: SpecSecurityLookup;
}

/**
 * Predicts whether a token may call an operation, from the operation's security requirements
 * and SailPoint user levels and the token's user context, scopes and authorities.
 *
 * This is a prediction, not an answer (see `PREDICTION_DISCLAIMER`): SailPoint's docs say no list
 * of user-context endpoints exists, specs have gaps, and tenants differ. The rules:
 * - `security: []` → allowed (public); no security stated → unknown, with the spec's reason
 *   when it declares none anywhere;
 * - an alternative needing a credential other than the bearer token keyhole sends (HTTP basic,
 *   an API key, a client certificate) is not met;
 * - only `userAuth`/`UserContextAuth` and a token without a user → denied ("needs a user");
 *   `applicationAuth` beside it lets tokens without a user pass that check;
 * - a requirement's scopes not held (all of them; under SailPoint one of them, `sp:scopes:all`
 *   holding them all; a scope named `none` needs nothing) → denied;
 * - a user token whose authorities meet none of the user levels → denied, or unknown when the
 *   token lists no authorities;
 * - whatever the token does not say (user context, scopes) makes the verdict unknown.
 */
export function predictAccess(
  operation: Pick<CatalogOperation, 'id' | 'security' | 'userLevels'>,
  identity: AccessSubject,
  options: PredictOptions,
): AccessPrediction {
  const { security } = operation;
  const spec = options.specs?.get(operation.id);
  if (security === null) {
    const reason = spec?.silent
      ? silentSpecReason(spec, identity)
      : 'the spec says nothing about security here';
    return { verdict: 'unknown', reasons: [reason] };
  }
  if (security.length === 0) {
    return { verdict: 'allowed', reasons: ['public: the spec says it needs no token'] };
  }
  const hasUser = tokenHasUser(identity);
  const checks: Check[] = [
    checkSecurity(security, {
      hasUser,
      scopes: identity.scopes,
      preset: identity.provider === 'sailpoint' ? 'sailpoint' : options.preset,
      schemes: spec?.schemes ?? {},
    }),
    checkUserLevels(operation.userLevels, hasUser, identity.authorities),
  ];
  if (hasUser === null && identity.provider === 'unknown') {
    checks.push(unknown('keyhole could not tell what kind of token this is'));
  }
  const result = all(checks);
  return { verdict: VERDICT[result.outcome], reasons: result.reasons };
}

/** Whether a person is behind the token: its user context, else its subject kind, else null. */
export function tokenHasUser(identity: Pick<AccessSubject, 'userContext' | 'subjectKind'>) {
  if (identity.userContext !== null) return identity.userContext;
  if (identity.subjectKind === 'user') return true;
  if (identity.subjectKind === 'app') return false;
  return null;
}
