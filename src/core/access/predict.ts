import type { CatalogOperation } from '../catalog/types.js';
import { all, unknown, type Check } from './checks.js';
import { checkUserLevels } from './levels.js';
import { checkSecurity } from './security.js';
import type { AccessPrediction, AccessSubject } from './types.js';

const VERDICT = { pass: 'allowed', fail: 'denied', unknown: 'unknown' } as const;

/**
 * Predicts whether a token may call an operation, from the operation's security requirements
 * and SailPoint user levels and the token's user context, scopes and authorities.
 *
 * This is a prediction, not an answer (see `PREDICTION_DISCLAIMER`): SailPoint's docs say no list
 * of user-context endpoints exists, specs have gaps, and tenants differ. The rules:
 * - `security: []` → allowed (public); no security stated at all → unknown;
 * - only `userAuth`/`UserContextAuth` and a token without a user → denied ("needs a user");
 *   `applicationAuth` beside it lets tokens without a user pass that check;
 * - none of a requirement's scopes held (`sp:scopes:all` holds them all) → denied;
 * - a user token whose authorities meet none of the user levels → denied, or unknown when the
 *   token lists no authorities;
 * - whatever the token does not say (user context, scopes) makes the verdict unknown.
 */
export function predictAccess(
  operation: Pick<CatalogOperation, 'security' | 'userLevels'>,
  identity: AccessSubject,
): AccessPrediction {
  const { security } = operation;
  if (security === null) {
    return { verdict: 'unknown', reasons: ['the spec says nothing about security here'] };
  }
  if (security.length === 0) {
    return { verdict: 'allowed', reasons: ['public: the spec says it needs no token'] };
  }
  const hasUser = tokenHasUser(identity);
  const checks: Check[] = [
    checkSecurity(security, hasUser, identity.scopes),
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
