import { z } from 'zod';
import type { Profile } from '../profiles/schema.js';
import { SECRET_KEYS } from '../secrets/backend.js';
import type { SecretVault } from '../secrets/vault.js';

/** Refresh (or re-acquire) this long before expiry, so a token never dies mid-request. */
export const EXPIRY_MARGIN_SECONDS = 60;

const cachedTokenSchema = z.object({
  accessToken: z.string().min(1),
  tokenType: z.string(),
  /** Epoch milliseconds; null when the server did not say. */
  expiresAt: z.number().nullable(),
  refreshToken: z.string().optional(),
  scope: z.string().optional(),
  obtainedAt: z.number(),
  /** Non-secret fields of the token response (SailPoint's tenant_id, pod, org, …). */
  response: z.record(z.string(), z.unknown()).default({}),
});
export type CachedToken = z.infer<typeof cachedTokenSchema>;

/**
 * The access token (and refresh token) of each profile, kept across processes by the same rules
 * as secrets: in the OS keychain for keychain profiles, else in a 0600 tokens.json.
 */
export class TokenCache {
  constructor(private readonly vault: SecretVault) {}

  async read(profile: Profile): Promise<CachedToken | undefined> {
    const text = await this.vault.tokenBackend(profile).get(profile.name, SECRET_KEYS.tokenCache);
    if (text === undefined) return undefined;
    try {
      const parsed = cachedTokenSchema.safeParse(JSON.parse(text));
      // A cache entry keyhole cannot read is only a cache miss: the token is fetched again.
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async write(profile: Profile, token: CachedToken): Promise<void> {
    await this.vault
      .tokenBackend(profile)
      .set(profile.name, SECRET_KEYS.tokenCache, JSON.stringify(token));
  }

  async clear(profile: Profile): Promise<void> {
    await this.vault.tokenBackend(profile).delete(profile.name, SECRET_KEYS.tokenCache);
  }
}

/** True while the token has more than the margin left (tokens without an expiry count as fresh). */
export function isFresh(
  token: CachedToken,
  now = Date.now(),
  marginSeconds = EXPIRY_MARGIN_SECONDS,
): boolean {
  return token.expiresAt === null || token.expiresAt - now > marginSeconds * 1000;
}
