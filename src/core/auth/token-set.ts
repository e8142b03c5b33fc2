import type { TokenEndpointResponse } from 'openid-client';
import type { Transport } from './transport.js';
import { limitNesting } from '../nesting.js';
import { dateMsOrNull } from '../time.js';
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
  // Extra fields nested 20,000 deep would overflow the cache's JSON.stringify and every printer.
  const raw: Record<string, unknown> = limitNesting({ ...response }).value;
  const expiresIn = response.expires_in;
  const withheld = transport?.withheldIdToken ?? null;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    // `expires_in: 1e300` is no usable lifetime: the expiry is unknown, as if it were not sent.
    expiresAt: typeof expiresIn === 'number' ? dateMsOrNull(now + expiresIn * 1000) : null,
    ...(response.refresh_token !== undefined && { refreshToken: response.refresh_token }),
    ...(typeof response.scope === 'string' && { scope: response.scope }),
    ...(response.id_token !== undefined && { idToken: response.id_token }),
    ...(withheld !== null && { idToken: withheld.token }),
    ...(withheld?.issuer != null && { idTokenIssuer: withheld.issuer }),
    raw,
  };
}
