import { effectiveAuthorizeUrl } from '../profiles/defaults.js';
import type { Grant, Profile } from '../profiles/schema.js';

/**
 * The grants a saved profile can plausibly switch between in a session: its own, the client
 * credentials grant when it has a client and a secret, and a browser login when an authorization
 * endpoint is known (set, SailPoint's, or discovered through OIDC). Bearer tokens and refresh
 * tokens stored as the secret cannot be anything else.
 */
export function usableGrants(profile: Profile): Grant[] {
  if (profile.grant === 'static' || profile.grant === 'refresh_token') return [profile.grant];
  const grants = new Set<Grant>([profile.grant]);
  if (profile.clientId !== undefined && profile.secret.store !== 'none') {
    grants.add('client_credentials');
  }
  if (profile.clientId !== undefined && effectiveAuthorizeUrl(profile) !== undefined) {
    grants.add('authorization_code');
  }
  if (profile.clientId !== undefined && profile.preset === 'oidc') {
    grants.add('authorization_code');
    grants.add('device_code');
  }
  const order: readonly Grant[] = ['client_credentials', 'authorization_code', 'device_code'];
  return [...grants].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Whether getting a token with this grant may need a person (a browser or a device code). */
export function needsPerson(grant: Grant): boolean {
  return grant === 'authorization_code' || grant === 'device_code';
}
