import * as oidc from 'openid-client';
import { explainFailure } from './explain.js';
import { configure, createTransport } from './transport.js';
import type { AuthServer, ClientCredentialsInput } from './types.js';

/**
 * Asks the server what an opaque access token is (RFC 7662), authenticating as the client that
 * holds it. Returns the raw response (`active`, `sub`, `client_id`, `scope`, `exp`, …), which
 * describeToken reads as the token's claims.
 */
export async function introspect(
  server: AuthServer & { introspectionUrl: string },
  client: ClientCredentialsInput,
  token: string,
): Promise<Record<string, unknown>> {
  const transport = createTransport({ what: 'introspection response' });
  try {
    const config = configure(server, client, transport);
    const response = await oidc.tokenIntrospection(config, token);
    return { ...response };
  } catch (error) {
    throw explainFailure(error, {
      operation: 'introspection',
      clientId: client.clientId,
      url: transport.lastUrl,
      secrets: [client.clientSecret, token],
    });
  }
}
