import { epoch, unreadableTimes } from './claims.js';
import { formatDuration } from './duration.js';
import type { TokenIdentity, TokenLabel } from './types.js';

/** The parts of a described token the warnings look at. */
type Judged = Pick<
  TokenIdentity,
  'userContext' | 'userName' | 'identityId' | 'scopes' | 'roles' | 'authorities'
>;

/**
 * Where the profile's label and the token disagree. A PAT without user context usually means the
 * API client's id and secret were stored under a PAT profile; calls then fail in confusing ways
 * (SailPoint's "user context required" on endpoints that act for a person).
 */
export function labelWarnings(identity: Judged, label: TokenLabel | undefined): string[] {
  if ((label === 'pat' || label === 'user') && identity.userContext === false) {
    return [`labelled ${label}, but the token has no user context`];
  }
  if (label === 'api-key' && identity.userContext === true) {
    const who = identity.userName ?? identity.identityId;
    return [`labelled api-key, but the token carries a user${who ? ` (${who})` : ''}`];
  }
  return [];
}

/** Expiry and not-before, judged against the caller's clock with some slack for skew. */
export function timingWarnings(
  claims: Record<string, unknown>,
  nowSeconds: number,
  skewSeconds: number,
): string[] {
  const warnings: string[] = [];
  const [exp, nbf, iat] = [epoch(claims, 'exp'), epoch(claims, 'nbf'), epoch(claims, 'iat')];
  for (const name of unreadableTimes(claims)) {
    // Only the type or the number is named: a claim's text is the issuer's, not ours to print.
    const value = claims[name];
    const shown = typeof value === 'number' ? String(value) : kindOf(value);
    warnings.push(`the ${name} claim (${shown}) is not a usable time; keyhole ignores it`);
  }
  if (exp !== null && exp <= nowSeconds) {
    warnings.push(`expired ${formatDuration(nowSeconds - exp)} ago`);
  }
  if (nbf !== null && nbf > nowSeconds + skewSeconds) {
    warnings.push(`not valid yet: usable in ${formatDuration(nbf - nowSeconds)} (nbf)`);
  }
  if (iat !== null && iat > nowSeconds + skewSeconds) {
    warnings.push(
      `issued ${formatDuration(iat - nowSeconds)} in the future (iat); check this machine's clock`,
    );
  }
  return warnings;
}

/**
 * A token with no scopes can usually call nothing. Entra app tokens carry their permissions in
 * `roles` instead, so those count.
 */
export function scopeWarnings(identity: Judged): string[] {
  return identity.scopes.length === 0 && identity.roles.length === 0
    ? ['the token carries no scopes']
    : [];
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
