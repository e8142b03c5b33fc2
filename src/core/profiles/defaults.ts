import type { Preset, Profile } from './schema.js';

/** `acme.api.identitynow.com` → `acme`; also the demo and FedRAMP-style SailPoint hosts. */
const SAILPOINT_API_HOST =
  /^([a-z0-9-]+)\.api\.(identitynow(?:-demo)?\.com|saas\.sailpoint\.com)$/i;

/** Guesses the preset from the API host when the user gave none. */
export function inferPreset(baseUrl: string): Preset {
  return SAILPOINT_API_HOST.test(new URL(baseUrl).hostname) ? 'sailpoint' : 'generic';
}

/** The SailPoint tenant name in a base URL, when the host follows SailPoint's pattern. */
export function sailpointTenant(baseUrl: string): string | undefined {
  return SAILPOINT_API_HOST.exec(new URL(baseUrl).hostname)?.[1];
}

/** `acme` → `https://acme.api.identitynow.com`, for forms that take a tenant name. */
export function sailpointBaseUrl(tenant: string): string {
  return `https://${tenant}.api.identitynow.com`;
}

/** The base URL without a trailing slash, so `{baseUrl}/v3/…` joins cleanly. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The token endpoint: the profile's own, else `{baseUrl}/oauth/token` (SailPoint's layout). */
export function effectiveTokenUrl(profile: Pick<Profile, 'baseUrl' | 'tokenUrl'>): string {
  return profile.tokenUrl ?? `${normalizeBaseUrl(profile.baseUrl)}/oauth/token`;
}

/**
 * The authorization endpoint: the profile's own, else for SailPoint the tenant's UI host
 * (`https://acme.identitynow.com/oauth/authorize`), which is not the API host.
 */
export function effectiveAuthorizeUrl(
  profile: Pick<Profile, 'baseUrl' | 'authorizeUrl' | 'preset'>,
): string | undefined {
  if (profile.authorizeUrl) return profile.authorizeUrl;
  if (profile.preset !== 'sailpoint') return undefined;
  const url = new URL(profile.baseUrl);
  url.hostname = url.hostname.replace('.api.', '.');
  url.pathname = '/oauth/authorize';
  return url.href;
}
