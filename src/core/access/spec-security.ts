import type { CatalogSecurityScheme, SpecIndex } from '../catalog/types.js';
import type { AccessSubject } from './types.js';

/** What one spec says about security as a whole, beside each operation's requirements. */
export interface SpecSecurity {
  /** The spec's title, for messages. */
  readonly title: string;
  /** Its `components.securitySchemes`, by name. */
  readonly schemes: Readonly<Record<string, CatalogSecurityScheme>>;
  /**
   * True when it declares no scheme and no operation states any security (GitHub's and Graph's
   * descriptions): every prediction is unknown for one reason, said once.
   */
  readonly silent: boolean;
}

/** Operation id → the security of the spec it came from. */
export type SpecSecurityLookup = ReadonlyMap<string, SpecSecurity>;

/**
 * The lookup for a catalog's specs. An id listed by two specs belongs to the first, as in the
 * merged catalog (`mergeSpecs` keeps the first of each method + path).
 */
export function specSecurityOf(
  specs: readonly Pick<SpecIndex, 'title' | 'securitySchemes' | 'operations'>[],
): SpecSecurityLookup {
  const lookup = new Map<string, SpecSecurity>();
  for (const spec of specs) {
    const security: SpecSecurity = {
      title: spec.title,
      schemes: spec.securitySchemes,
      silent:
        Object.keys(spec.securitySchemes).length === 0 &&
        spec.operations.every((operation) => operation.security === null),
    };
    for (const operation of spec.operations) {
      if (!lookup.has(operation.id)) lookup.set(operation.id, security);
    }
  }
  return lookup;
}

const SHOWN_CLAIMS = 6;

/**
 * Why every operation of a silent spec is `?`, and whether the token's own claims say anything
 * that could stand in (Graph's `scp`, Entra's `roles`): keyhole has nothing to compare them with.
 */
export function silentSpecReason(
  spec: Pick<SpecSecurity, 'title'>,
  identity: Pick<AccessSubject, 'scopes' | 'roles' | 'claimsSource'>,
): string {
  const declares = `${spec.title} declares no security at all, so nothing is predicted`;
  if (identity.claimsSource === 'none') {
    return `${declares}; the token is opaque, its claims say nothing either`;
  }
  const claims = [
    ...(identity.scopes.length > 0 ? [`scopes ${listed(identity.scopes)}`] : []),
    ...(identity.roles.length > 0 ? [`roles ${listed(identity.roles)}`] : []),
  ];
  if (claims.length === 0) return `${declares}; the token's claims list no scopes or roles either`;
  return `${declares}; the token's claims list ${claims.join(' and ')}, which the spec never names`;
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, SHOWN_CLAIMS).join(', ');
  return values.length > SHOWN_CLAIMS ? `${shown} and ${values.length - SHOWN_CLAIMS} more` : shown;
}
