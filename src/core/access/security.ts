import type { SecurityRequirement } from '../catalog/types.js';
import { all, any, fail, pass, unknown, type Check } from './checks.js';

/** SailPoint's schemes for tokens that act as a person; `UserContextAuth` is used undeclared. */
const USER_SCHEMES = new Set(['userauth', 'usercontextauth']);
/** SailPoint's scheme for API clients acting as themselves (client credentials). */
const APP_SCHEMES = new Set(['applicationauth']);

/** The scope that SailPoint treats as every scope at once. */
export const ALL_SCOPES = 'sp:scopes:all';

/** The reason given when an operation takes only user tokens and the token has no user. */
export const NEEDS_USER = 'needs a user: use a PAT or log in';

/**
 * Whether the token's kind and scopes meet one of the operation's security requirements.
 * `hasUser` is null when the token does not say whether a person is behind it.
 */
export function checkSecurity(
  security: readonly SecurityRequirement[],
  hasUser: boolean | null,
  scopes: readonly string[],
): Check {
  return any(security.map((requirement) => checkRequirement(requirement, hasUser, scopes)));
}

function checkRequirement(
  requirement: SecurityRequirement,
  hasUser: boolean | null,
  scopes: readonly string[],
): Check {
  const schemes = Object.entries(requirement);
  // `{}` among the alternatives makes authentication optional.
  if (schemes.length === 0) return pass('public: authentication is optional');
  return all(
    schemes.flatMap(([scheme, required]) => [
      checkKind(scheme, hasUser),
      checkScopes(scheme, required, scopes),
    ]),
  );
}

function checkKind(scheme: string, hasUser: boolean | null): Check {
  const name = scheme.toLowerCase();
  if (USER_SCHEMES.has(name)) {
    if (hasUser === true) return pass(`acts as a user (${scheme})`);
    if (hasUser === false) return fail(NEEDS_USER);
    return unknown(`${scheme} needs a user; the token does not say whether it acts as one`);
  }
  if (APP_SCHEMES.has(name)) {
    if (hasUser === false) return pass(`accepts tokens without a user (${scheme})`);
    // No SailPoint operation lists applicationAuth alone, so whether a user token passes is untested.
    if (hasUser === true) return unknown(`${scheme} is meant for tokens without a user`);
    return unknown(`${scheme} is for tokens without a user; the token does not say if it is one`);
  }
  return pass(`${scheme}: any kind of token`);
}

/**
 * SailPoint lists alternatives in one requirement (`idn:x:read`, `idn:x:manage`: either will
 * do), unlike the all-of reading of OpenAPI, so one matching scope is enough.
 */
function checkScopes(
  scheme: string,
  required: readonly string[],
  scopes: readonly string[],
): Check {
  if (required.length === 0) return pass(`${scheme} needs no particular scope`);
  if (scopes.includes(ALL_SCOPES)) return pass(`${ALL_SCOPES} grants ${required.join(', ')}`);
  const held = required.find((scope) => scopes.includes(scope));
  if (held !== undefined) return pass(`has scope ${held}`);
  if (scopes.length === 0) {
    return unknown(`needs one of the scopes ${required.join(', ')}; the token lists no scopes`);
  }
  return fail(
    `missing scope: needs one of ${required.join(', ')} (token has ${scopes.join(', ')})`,
  );
}
