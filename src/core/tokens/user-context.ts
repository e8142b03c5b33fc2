import { describeToken } from '../identity/index.js';
import type { Profile } from '../profiles/schema.js';
import type { SecretVault } from '../secrets/vault.js';
import { TokenCache } from './cache.js';

/**
 * Other profiles of the same API whose cached token carries a user, to name in "this token has
 * no user context; demo-pat has one". Reads caches only: no token is requested for this.
 */
export async function profilesWithUserContext(
  current: Profile,
  profiles: readonly Profile[],
  vault: SecretVault,
): Promise<string[]> {
  const cache = new TokenCache(vault);
  const origin = new URL(current.baseUrl).origin;
  const names: string[] = [];
  for (const profile of profiles) {
    if (profile.name === current.name || new URL(profile.baseUrl).origin !== origin) continue;
    const token = await cache.read(profile).catch(() => undefined);
    if (!token) continue;
    const identity = await describeToken(token.accessToken, { profile: profile.name });
    if (identity.userContext) names.push(profile.name);
  }
  return names;
}
