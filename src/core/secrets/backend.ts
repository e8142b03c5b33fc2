/** A place that stores secret values for profiles: the OS keychain or the plaintext file. */
export interface SecretBackend {
  /** Name shown to the user: `keyring` or `file`. */
  readonly label: 'keyring' | 'file';
  get(profile: string, key: string): Promise<string | undefined>;
  set(profile: string, key: string, value: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(profile: string, key: string): Promise<boolean>;
}

/** Names of the values keyhole keeps per profile. Later features add token caches here. */
export const SECRET_KEYS = {
  clientSecret: 'client_secret',
  /** The cached access token, its expiry and any refresh token, as JSON. */
  tokenCache: 'token_cache',
} as const;
