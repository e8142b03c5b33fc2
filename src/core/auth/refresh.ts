import * as oidc from 'openid-client';
import { explainFailure } from './explain.js';
import { toTokenSet } from './token-set.js';
import { configure, createTransport } from './transport.js';
import type { AuthServer, RefreshOptions, TokenSet } from './types.js';

/**
 * Trades a refresh token for a new access token. Servers that rotate return a new refresh token
 * (and revoke the old one); those that do not return none and the old one stays valid, so it is
 * carried over. Either way the caller stores the result's `refreshToken`.
 */
export async function refresh(server: AuthServer, options: RefreshOptions): Promise<TokenSet> {
  const transport = createTransport({ withholdIdToken: server.issuer === undefined });
  try {
    const config = configure(server, options, transport);
    const response = await oidc.refreshTokenGrant(config, options.refreshToken, options.params);
    const tokens = toTokenSet(response, transport);
    return tokens.refreshToken === undefined
      ? { ...tokens, refreshToken: options.refreshToken }
      : tokens;
  } catch (error) {
    throw explainFailure(error, {
      operation: 'refresh_token',
      clientId: options.clientId,
      url: transport.lastUrl,
      secrets: [options.clientSecret, options.refreshToken],
    });
  }
}
