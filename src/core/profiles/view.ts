import { formatSecretSource } from '../secrets/source.js';
import { effectiveAuthorizeUrl, effectiveTokenUrl } from './defaults.js';
import type { Profile, SecretStore } from './schema.js';
import { hideUrlPassword } from './url-password.js';

/** A profile as shown to people and scripts: effective URLs filled in, the secret only described. */
export interface ProfileView {
  name: string;
  baseUrl: string;
  tokenUrl: string;
  authorizeUrl: string | null;
  issuer: string | null;
  jwksUrl: string | null;
  introspectionUrl: string | null;
  grant: Profile['grant'];
  clientId: string | null;
  kind: Profile['kind'];
  preset: Profile['preset'];
  scopes: string[];
  specs: string[];
  tags: string[];
  /** Whether requests made with the profile are kept in the history. */
  history: boolean;
  secretStorage: SecretStore;
  secretSource: string;
  plaintext: boolean;
  production: boolean;
}

/** The view of a profile; a password in any of its URLs shows as `(redacted)`. */
export function viewProfile(profile: Profile): ProfileView {
  const url = (value: string | undefined) => (value === undefined ? null : hideUrlPassword(value));
  return {
    name: profile.name,
    baseUrl: hideUrlPassword(profile.baseUrl),
    tokenUrl: hideUrlPassword(effectiveTokenUrl(profile)),
    authorizeUrl: url(effectiveAuthorizeUrl(profile)),
    issuer: url(profile.issuer),
    jwksUrl: url(profile.jwksUrl),
    introspectionUrl: url(profile.introspectionUrl),
    grant: profile.grant,
    clientId: profile.clientId ?? null,
    kind: profile.kind,
    preset: profile.preset,
    scopes: profile.scopes,
    specs: profile.specs,
    tags: profile.tags,
    history: profile.history !== false,
    secretStorage: profile.secret.store,
    secretSource: formatSecretSource(profile.secret),
    plaintext: profile.secret.store === 'file',
    production: profile.tags.includes('production'),
  };
}
