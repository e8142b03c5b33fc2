/*
 * One answer to "does this header carry a credential?", used wherever a header could leave the
 * profile's origin: redirects, pagination, the curl export. A false positive costs a header on a
 * foreign host; a false negative leaks a key, so the pattern is wide on purpose.
 */

/**
 * Custom names that carry credentials: X-API-Key, Api-Key, X-Functions-Key,
 * Ocp-Apim-Subscription-Key, X-Auth-Token, X-Amz-Security-Token, X-CSRF-Token, X-Client-Secret,
 * X-Session-Id, X-Password, X-Credential, … Matched anywhere in the name, any case:
 * `auth`, `token`, `secret`, `passw`/`passwd`/`pwd`, `session`, `cookie`, `credential`,
 * `signature`, `api-key`/`api_key`/`apikey`, and `key` as a whole dash- or underscore-separated
 * word (so `X-Idempotency-Key` counts, `X-Keyboard` does not).
 */
const CREDENTIAL_NAME =
  /auth|token|secret|passw|pwd|session|cookie|credential|signature|api[-_]?key|(?:^|[-_])key(?:$|[-_])/i;

/**
 * Whether a request header carries a credential: Authorization, Proxy-Authorization, Cookie,
 * X-API-Key, and anything named like a key, token, secret, password, session or auth. Only the
 * profile's origin (scheme, host and port) ever receives such a header, the user's own included.
 */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

/** The headers without any credential header, and the names of those left out. */
export function splitCredentials(headers: Readonly<Record<string, string>>): {
  kept: Record<string, string>;
  dropped: string[];
} {
  const kept: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (isCredentialHeader(name)) dropped.push(name);
    else kept[name] = value;
  }
  return { kept, dropped };
}
