import type { TokenIdentity } from '../identity/index.js';
import type { Profile } from '../profiles/schema.js';

/** What kind of credential the header names: the token decides, the profile's label only guesses. */
export interface TokenBadge {
  readonly label: 'API key' | 'PAT' | 'user' | 'app' | 'token';
  /** `token` when read from the token's claims, `label` when only the profile says so. */
  readonly source: 'token' | 'label';
}

const FROM_LABEL: Record<Profile['kind'], TokenBadge['label']> = {
  'api-key': 'API key',
  pat: 'PAT',
  user: 'user',
  other: 'token',
};

/**
 * The badge for a profile's token. A SailPoint token without a user is an API key (an `other`
 * profile's client is shown as an app); one with a user is a PAT when got by client_credentials,
 * else a logged-in user.
 */
export function tokenBadge(identity: TokenIdentity | null, profile: Profile): TokenBadge {
  const context = identity?.format === 'jwt' ? identity.userContext : null;
  if (identity === null || context === null) {
    return { label: labelFor(profile), source: 'label' };
  }
  if (!context) {
    const apiKey =
      profile.kind === 'api-key' || (identity.provider === 'sailpoint' && profile.kind !== 'other');
    return { label: apiKey ? 'API key' : 'app', source: 'token' };
  }
  if (profile.grant === 'client_credentials') return { label: 'PAT', source: 'token' };
  if (profile.grant === 'static' && profile.kind === 'pat')
    return { label: 'PAT', source: 'token' };
  return { label: 'user', source: 'token' };
}

function labelFor(profile: Profile): TokenBadge['label'] {
  const label = FROM_LABEL[profile.kind];
  if (label !== 'token') return label;
  if (profile.grant === 'client_credentials') return 'app';
  if (profile.grant === 'static') return 'token';
  return 'user';
}
