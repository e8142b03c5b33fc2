import type { TokenEndpointResponse } from 'openid-client';
import type { Transport } from './transport.js';
import type { TokenSet } from './types.js';

/**
 * Maps a token response to a TokenSet. `now` is when the response arrived: `expires_in` counts
 * from then, so the expiry is fixed at once rather than whenever the set is next looked at.
 */
export function toTokenSet(
  response: TokenEndpointResponse,
  transport?: Pick<Transport, 'withheldIdToken'>,
  now: number = Date.now(),
): TokenSet {
  // openid-client attaches helper methods as non-enumerable properties; spreading drops them.
  const raw: Record<string, unknown> = { ...response };
  const expiresIn = response.expires_in;
  const withheld = transport?.withheldIdToken ?? null;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    expiresAt: typeof expiresIn === 'number' ? now + expiresIn * 1000 : null,
    ...(response.refresh_token !== undefined && { refreshToken: response.refresh_token }),
    ...(typeof response.scope === 'string' && { scope: response.scope }),
    ...(response.id_token !== undefined && { idToken: response.id_token }),
    ...(withheld !== null && { idToken: withheld.token }),
    ...(withheld?.issuer != null && { idTokenIssuer: withheld.issuer }),
    raw,
  };
}
