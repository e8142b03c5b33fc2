import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoClient, DemoGrant } from '../clients.js';
import type { TenantContext } from '../context.js';
import { oauthError } from '../errors.js';
import { readForm, sendJson } from '../http.js';
import { authenticateClient } from './client-auth.js';
import { authorizationCode, clientCredentials, refreshToken } from './token-grants.js';

type GrantHandler = (
  context: TenantContext,
  client: DemoClient,
  params: URLSearchParams,
) => Promise<Record<string, unknown>>;

const GRANTS: Record<DemoGrant, GrantHandler> = {
  client_credentials: clientCredentials,
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
};

const isGrant = (value: string): value is DemoGrant => Object.hasOwn(GRANTS, value);

/**
 * Parameters from the form body and, as SailPoint's documentation shows them, from the query
 * string. A parameter given twice is refused (RFC 6749 section 3.2).
 */
async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const form = await readForm(req);
  if (!form && req.headers['content-type']) {
    throw oauthError(
      400,
      'invalid_request',
      'Send parameters as application/x-www-form-urlencoded.',
    );
  }
  const params = new URLSearchParams([...url.searchParams, ...(form ?? [])]);
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) {
      throw oauthError(400, 'invalid_request', `Parameter given more than once: ${name}`);
    }
  }
  return params;
}

/** POST /oauth/token */
export async function handleToken(
  context: TenantContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const params = await readParams(req, url);
  const client = authenticateClient(req, params);
  const grantType = params.get('grant_type');
  if (!grantType) throw oauthError(400, 'invalid_request', 'Missing parameter: grant_type');
  if (!isGrant(grantType)) {
    throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  }
  if (!client.grants.includes(grantType)) {
    throw oauthError(400, 'unauthorized_client', `This client may not use ${grantType}.`);
  }
  const body = await GRANTS[grantType](context, client, params);
  sendJson(res, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}
