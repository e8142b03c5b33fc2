import type { CatalogOperation } from '../catalog/types.js';
import type { TokenProvider } from '../identity/types.js';
import type { Profile } from '../profiles/schema.js';
import type { CredentialKind } from './scope-needs.js';
import { scopeRuleOf, type ScopeRule } from './scopes.js';
import { isAppScheme, isUserScheme } from './security.js';

/**
 * OpenAPI reads a requirement's scopes as all of them; SailPoint's specs list alternatives. So
 * SailPoint's rule holds for a profile with its preset, and for specs shaped like SailPoint's
 * (its user and app schemes, its user levels); every other spec gets OpenAPI's.
 */
export function planRuleOf(
  profile: Pick<Profile, 'preset'> | undefined,
  operations: readonly Pick<CatalogOperation, 'security' | 'userLevels'>[],
): ScopeRule {
  if (profile && scopeRuleOf(profile.preset) === 'any') return 'any';
  const sailpointShaped = operations.some(
    (operation) =>
      operation.userLevels !== null ||
      (operation.security ?? []).some((requirement) =>
        Object.keys(requirement).some((scheme) => isUserScheme(scheme) || isAppScheme(scheme)),
      ),
  );
  return sailpointShaped ? 'any' : 'all';
}

/** An audit reads a SailPoint token by SailPoint's rule, whatever the profile says. */
export function auditRuleOf(
  provider: TokenProvider,
  profile: Pick<Profile, 'preset'> | undefined,
  operations: readonly Pick<CatalogOperation, 'security' | 'userLevels'>[],
): ScopeRule {
  return provider === 'sailpoint' ? 'any' : planRuleOf(profile, operations);
}

/** The kind of token a profile's credential gets: a PAT's or a login's acts as a user. */
export function credentialKindOf(
  profile: Pick<Profile, 'kind'> | undefined,
): CredentialKind | undefined {
  if (profile?.kind === 'api-key') return 'app';
  return profile?.kind === 'pat' || profile?.kind === 'user' ? 'user' : undefined;
}
