import type { CatalogSecurityScheme, SecurityRequirement } from '../catalog/types.js';
import type { Preset } from '../profiles/vocabulary.js';
import { all, any, fail, pass, unknown, type Check } from './checks.js';
import { checkSchemeType } from './schemes.js';
import { checkScopes } from './scopes.js';

export { ALL_SCOPES } from './scopes.js';

/** SailPoint's schemes for tokens that act as a person; `UserContextAuth` is used undeclared. */
const USER_SCHEMES = new Set(['userauth', 'usercontextauth']);
/** SailPoint's scheme for API clients acting as themselves (client credentials). */
const APP_SCHEMES = new Set(['applicationauth']);

/** Whether a scheme is one of SailPoint's for tokens that act as a person. */
export function isUserScheme(name: string): boolean {
  return USER_SCHEMES.has(name.toLowerCase());
}

/** Whether a scheme is SailPoint's for API clients acting as themselves. */
export function isAppScheme(name: string): boolean {
  return APP_SCHEMES.has(name.toLowerCase());
}

/** The reason given when an operation takes only user tokens and the token has no user. */
export const NEEDS_USER = 'needs a user: use a PAT or log in';

/** What the scheme checks read besides the requirements: the token and the spec's schemes. */
export interface SecurityContext {
  /** Null when the token does not say whether a person is behind it. */
  readonly hasUser: boolean | null;
  readonly scopes: readonly string[];
  readonly preset: Preset;
  /** The spec's declared schemes by name; an undeclared one is judged by its name. */
  readonly schemes: Readonly<Record<string, CatalogSecurityScheme>>;
}

/**
 * Whether the token's kind and scopes meet one of the operation's security requirements. An
 * alternative that wants another credential than a bearer token (HTTP basic, an API key) is
 * listed last, so a denial names the scopes before the credentials keyhole does not send.
 */
export function checkSecurity(
  security: readonly SecurityRequirement[],
  context: SecurityContext,
): Check {
  const checked = security.map((requirement) => checkRequirement(requirement, context));
  const usable = checked.filter((c) => !c.otherCredential).map((c) => c.check);
  const other = checked.filter((c) => c.otherCredential).map((c) => c.check);
  return any([...usable, ...other]);
}

function checkRequirement(
  requirement: SecurityRequirement,
  context: SecurityContext,
): { check: Check; otherCredential: boolean } {
  const schemes = Object.entries(requirement);
  // `{}` among the alternatives makes authentication optional.
  if (schemes.length === 0) {
    return { check: pass('public: authentication is optional'), otherCredential: false };
  }
  let otherCredential = false;
  const checks = schemes.flatMap(([scheme, required]) => {
    const kind = checkKind(scheme, context.hasUser);
    const type = kind ?? checkSchemeType(scheme, context.schemes[scheme]);
    if (type.outcome === 'fail' && kind === undefined) otherCredential = true;
    return [checkScopes(scheme, required, context.scopes, context.preset), type];
  });
  return { check: all(checks), otherCredential };
}

/** SailPoint's user and app schemes, judged by name; undefined for any other scheme. */
function checkKind(scheme: string, hasUser: boolean | null): Check | undefined {
  if (isUserScheme(scheme)) {
    if (hasUser === true) return pass(`acts as a user (${scheme})`);
    if (hasUser === false) return fail(NEEDS_USER);
    return unknown(`${scheme} needs a user; the token does not say whether it acts as one`);
  }
  if (isAppScheme(scheme)) {
    if (hasUser === false) return pass(`accepts tokens without a user (${scheme})`);
    // No SailPoint operation lists applicationAuth alone, so whether a user token passes is untested.
    if (hasUser === true) return unknown(`${scheme} is meant for tokens without a user`);
    return unknown(`${scheme} is for tokens without a user; the token does not say if it is one`);
  }
  return undefined;
}
