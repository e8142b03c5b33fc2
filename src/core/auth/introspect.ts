import * as oidc from 'openid-client';
import { KeyholeError } from '../errors.js';
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
    const explained = explainFailure(error, {
      operation: 'introspection',
      clientId: client.clientId,
      url: transport.lastUrl,
      secrets: [client.clientSecret, token],
    });
    // The server answered and said no (a public client, a client without the right): asking
    // again with the same client gets the same answer. Network failures and other statuses (a
    // 404 from a mistyped --introspection-url) may pass once fixed, so they are not remembered.
    const status = statusOf(error);
    if (status !== 401 && status !== 403) throw explained;
    throw new KeyholeError(explained.message, {
      code: 'introspection_refused',
      ...(explained.hint !== undefined && { hint: explained.hint }),
      cause: explained.cause,
    });
  }
}

/** The HTTP status openid-client saw, on its error or on the response it kept as the cause. */
function statusOf(error: unknown): number | null {
  for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
    const status = (candidate as { status?: unknown } | null)?.status;
    if (typeof status === 'number') return status;
  }
  return null;
}
