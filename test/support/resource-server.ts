import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { type TestServer, startServer } from './http-servers.js';
import { type OidcPeer, RESOURCE } from './oidc-peer.js';

/**
 * How a 401/403 is written, after the servers keyhole meets: RFC 6750's challenge alone, an
 * OAuth-style JSON body, Entra (Microsoft Graph), Okta, SailPoint.
 */
export type ErrorStyle = 'rfc6750' | 'oauth-body' | 'entra' | 'okta' | 'sailpoint';
export const ERROR_STYLES: readonly ErrorStyle[] = [
  'rfc6750',
  'oauth-body',
  'entra',
  'okta',
  'sailpoint',
];

export interface ResourceServer {
  readonly origin: string;
  readonly server: TestServer;
  close(): Promise<void>;
}

interface Principal {
  sub: string | null;
  clientId: string | null;
  scopes: string[];
}

/**
 * A protected API on 127.0.0.1 that trusts the oidc-provider peer: JWT access tokens are checked
 * against the peer's JWKS (issuer and audience too), opaque ones are introspected with the
 * resource server's own client. `GET /<style>/<scope>` answers 200 when the token has that scope
 * and otherwise refuses in the named style; `GET /<style>/user` needs a token with a person.
 */
export async function startResourceServer(peer: OidcPeer): Promise<ResourceServer> {
  const jwks = createRemoteJWKSet(new URL(peer.jwksUri));
  const authenticate = async (token: string): Promise<Principal | string> => {
    if (token.split('.').length === 3) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: peer.issuer,
          audience: RESOURCE,
        });
        return principal(payload);
      } catch (error) {
        return (error as Error).message;
      }
    }
    const response = await fetch(peer.introspectionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token,
        client_id: peer.resourceServer.clientId,
        client_secret: peer.resourceServer.clientSecret,
      }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    return answer['active'] === true ? principal(answer) : 'the token is not active';
  };

  const server = await startServer((req, res) => {
    const [, style, need] = (req.url ?? '').split('?')[0]?.split('/') ?? [];
    if (!ERROR_STYLES.includes(style as ErrorStyle) || need === undefined || need === '') {
      return send(res, 404, {}, { error: 'not_found' });
    }
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (token === undefined) return refuse(res, style as ErrorStyle, 401, 'no token was sent');
    void authenticate(token).then((who) => {
      if (typeof who === 'string') return refuse(res, style as ErrorStyle, 401, who);
      if (need === 'user') {
        const person = who.sub !== null && who.sub !== who.clientId;
        if (!person) return refuse(res, style as ErrorStyle, 403, 'user');
      } else if (!who.scopes.includes(need)) {
        return refuse(res, style as ErrorStyle, 403, need);
      }
      send(res, 200, {}, { ok: true, sub: who.sub, scope: who.scopes.join(' ') });
    });
  });
  return { origin: server.origin, server, close: () => server.close() };
}

function principal(claims: Record<string, unknown>): Principal {
  const scope = claims['scope'];
  return {
    sub: typeof claims['sub'] === 'string' ? claims['sub'] : null,
    clientId: typeof claims['client_id'] === 'string' ? claims['client_id'] : null,
    scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
  };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  const text = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(text !== '' && { 'content-type': 'application/json' }),
  });
  res.end(text);
}

/** A 401 with why the token failed, or a 403 for a missing scope (or `user`: no person). */
function refuse(res: ServerResponse, style: ErrorStyle, status: 401 | 403, detail: string): void {
  const userNeeded = status === 403 && detail === 'user';
  const scope = status === 403 && !userNeeded ? detail : null;
  const description =
    status === 401
      ? `The access token is invalid: ${detail}`
      : userNeeded
        ? 'This operation requires a user context; application tokens are not accepted.'
        : 'The request requires higher privileges than provided by the access token.';
  const error = status === 401 ? 'invalid_token' : 'insufficient_scope';
  const challenge = (params: Record<string, string>) =>
    `Bearer ${Object.entries({ realm: 'keyhole-test', ...params })
      .map(([key, value]) => `${key}="${value.replace(/["\\]/g, '\\$&')}"`)
      .join(', ')}`;
  switch (style) {
    case 'rfc6750':
      return send(
        res,
        status,
        {
          'www-authenticate': challenge({
            error,
            error_description: description,
            ...(scope !== null && { scope }),
          }),
        },
        null,
      );
    case 'oauth-body':
      return send(
        res,
        status,
        { 'www-authenticate': challenge({}) },
        {
          error,
          error_description: description,
          ...(scope !== null && { required_scopes: [scope] }),
        },
      );
    case 'entra':
      return send(
        res,
        status,
        status === 401
          ? {
              'www-authenticate': challenge({
                authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
                error,
                error_description: description,
              }),
            }
          : {},
        {
          error:
            status === 401
              ? { code: 'InvalidAuthenticationToken', message: `AADSTS50013: ${description}` }
              : {
                  code: 'Authorization_RequestDenied',
                  message: 'Insufficient privileges to complete the operation.',
                },
        },
      );
    case 'okta':
      return send(
        res,
        status,
        {
          'www-authenticate': challenge({
            error,
            error_description:
              status === 401
                ? description
                : 'The access token provided does not contain the required scopes.',
            ...(scope !== null && { scope }),
            resource: '/api/v1/hello',
          }),
        },
        status === 401
          ? { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] }
          : {
              errorCode: 'E0000006',
              errorSummary: 'You do not have permission to perform the requested action',
              errorLink: 'E0000006',
              errorId: `oae${randomBytes(8).toString('hex')}`,
              errorCauses: [],
            },
      );
    case 'sailpoint':
      return send(
        res,
        status,
        {},
        status === 401
          ? { error: `JWT validation failed: ${detail}` }
          : {
              detailCode: '403 Forbidden',
              trackingId: randomBytes(16).toString('hex'),
              messages: [
                {
                  locale: 'en-US',
                  localeOrigin: 'DEFAULT',
                  text: userNeeded
                    ? description
                    : 'The server understood the request but refuses to authorize it.',
                },
              ],
            },
      );
  }
}
