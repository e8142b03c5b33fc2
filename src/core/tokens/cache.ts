import * as z from '../schema-kit.js';
import { limitNesting } from '../nesting.js';
import type { Profile } from '../profiles/schema.js';
import { SECRET_KEYS } from '../secrets/backend.js';
import type { SecretVault } from '../secrets/vault.js';
import { MAX_DATE_MS, dateMsOrNull } from '../time.js';

/** Refresh (or re-acquire) this long before expiry, so a token never dies mid-request. */
export const EXPIRY_MARGIN_SECONDS = 60;
/**
 * For short-lived tokens the margin is this share of the lifetime instead: a token that lives
 * 60 s or less would otherwise be stale the moment it arrives and be fetched again on every use.
 */
export const EXPIRY_MARGIN_SHARE = 0.25;

const cachedTokenSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  tokenType: z.string(),
  /**
   * Epoch milliseconds; null when the server did not say. An entry written before times were
   * checked may hold one no Date can represent: it reads as unknown, not as a crash later.
   */
  expiresAt: z.pipe(
    z.nullable(z.number()),
    z.transform((ms: number | null) => (ms === null ? null : dateMsOrNull(ms))),
  ),
  refreshToken: z.optional(z.string()),
  scope: z.optional(z.string()),
  /** The unchecked `iss` of the ID token, kept when the profile names no issuer to check. */
  idTokenIssuer: z.optional(z.string()),
  obtainedAt: z.number().check(z.gte(0), z.lte(MAX_DATE_MS)),
  /** Non-secret fields of the token response (SailPoint's tenant_id, pod, org, …). */
  response: z._default(z.record(z.string(), z.unknown()), {}),
  /**
   * Why the introspection endpoint refused to describe this token (a public client, say), so
   * the refusal is not asked for again on every command.
   */
  introspectionRefused: z.optional(z.string()),
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
      // zod recurses: an entry nested too deep (hand-edited, or from an older keyhole) is cut first.
      const parsed = cachedTokenSchema.safeParse(limitNesting(JSON.parse(text)).value);
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

/**
 * True while the token has more than the margin left: min(60 s, a quarter of its lifetime, counted
 * from when keyhole got it). Tokens without an expiry count as fresh.
 */
export function isFresh(
  token: Pick<CachedToken, 'expiresAt' | 'obtainedAt'>,
  now = Date.now(),
): boolean {
  if (token.expiresAt === null) return true;
  return token.expiresAt - now > expiryMarginMs(token);
}

/** How long before expiry a token counts as stale, in milliseconds. */
export function expiryMarginMs(token: Pick<CachedToken, 'expiresAt' | 'obtainedAt'>): number {
  if (token.expiresAt === null) return 0;
  const lifetime = Math.max(0, token.expiresAt - token.obtainedAt);
  return Math.min(EXPIRY_MARGIN_SECONDS * 1000, lifetime * EXPIRY_MARGIN_SHARE);
}
