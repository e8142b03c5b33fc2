import * as oidc from 'openid-client';
import { KeyholeError } from '../errors.js';
import { explainFailure } from './explain.js';
import { toTokenSet } from './token-set.js';
import { configure, createTransport, grantParams } from './transport.js';
import type { AuthServer, ClientCredentialsOptions, TokenSet } from './types.js';

/** The client acts as itself: an API key at SailPoint, a service principal at Entra. */
export async function clientCredentials(
  server: AuthServer,
  options: ClientCredentialsOptions,
): Promise<TokenSet> {
  if (options.clientSecret === '') {
    throw new KeyholeError('the client credentials grant needs a client secret, and it is empty', {
      exitCode: 2,
    });
  }
  const transport = createTransport({ withholdIdToken: server.issuer === undefined });
  try {
    const config = configure(server, options, transport);
    const response = await oidc.clientCredentialsGrant(config, grantParams(options));
    return toTokenSet(response, transport);
  } catch (error) {
    throw explainFailure(error, {
      operation: 'client_credentials',
      clientId: options.clientId,
      url: transport.lastUrl,
      secrets: [options.clientSecret],
    });
  }
}
