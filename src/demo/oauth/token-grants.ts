import type { DemoClient } from '../clients.js';
import type { TenantContext } from '../context.js';
import { oauthError } from '../errors.js';
import { KNOWN_SCOPES, SCOPE_ALL, TENANT } from '../tenant.js';
import { issueAccessToken, type TokenSubject } from '../tokens.js';
import { findUser } from '../users.js';
import { isWellFormedVerifier, verifierMatches } from './pkce.js';

/**
 * Splits a `scope` parameter. Without one a client gets what it holds: everything, as with
 * SailPoint, or a scoped client's own scopes. A scoped client cannot ask for more than it holds.
 */
export function parseScope(value: string | null, client?: Pick<DemoClient, 'scopes'>): string[] {
  const held = client?.scopes;
  if (value === null || value.trim() === '') return held ? [...held] : [SCOPE_ALL];
  const scopes = [...new Set(value.trim().split(/\s+/))];
  const unknown = scopes.filter((scope) => !KNOWN_SCOPES.includes(scope));
  if (unknown.length > 0) {
    throw oauthError(400, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
  }
  const beyond = held ? scopes.filter((scope) => !held.includes(scope)) : [];
  if (beyond.length > 0) {
    throw oauthError(400, 'invalid_scope', `Scope not granted to this client: ${beyond.join(' ')}`);
  }
  return scopes;
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw oauthError(400, 'invalid_request', `Missing parameter: ${name}`);
  return value;
}

/** Mints the access token and lays out the response the way SailPoint's token endpoint does. */
async function tokenResponse(
  context: TenantContext,
  subject: TokenSubject,
  onIssued?: (jti: string) => string,
): Promise<Record<string, unknown>> {
  const issued = await issueAccessToken(context, subject);
  const refreshToken = onIssued?.(issued.jti);
  const { user } = subject;
  return {
    access_token: issued.accessToken,
    token_type: 'bearer',
    expires_in: issued.expiresIn,
    scope: subject.scope.join(' '),
    tenant_id: TENANT.tenantId,
    pod: TENANT.pod,
    strong_auth_supported: subject.strongAuth,
    org: TENANT.org,
    ...(user ? { identity_id: user.identity.id, user_name: user.userName } : {}),
    strong_auth: subject.strongAuth,
    jti: issued.jti,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

/** A PAT acts as its user; an API client or app acting for itself has no user at all. */
export function clientCredentials(
  context: TenantContext,
  client: DemoClient,
  params: URLSearchParams,
) {
  const user = client.userName ? findUser(client.userName) : undefined;
  return tokenResponse(context, {
    client,
    user,
    strongAuth: false,
    scope: parseScope(params.get('scope'), client),
  });
}

export async function authorizationCode(
  context: TenantContext,
  client: DemoClient,
  params: URLSearchParams,
) {
  const value = required(params, 'code');
  const redirectUri = required(params, 'redirect_uri');
  const verifier = required(params, 'code_verifier');
  if (!isWellFormedVerifier(verifier)) {
    throw oauthError(400, 'invalid_request', 'code_verifier must be 43-128 unreserved characters.');
  }
  // Redeeming first means any failed attempt burns the code: it cannot be guessed at.
  const redemption = context.authorizations.redeem(value);
  if (redemption.status === 'reused') {
    if (redemption.code.sessionId) context.sessions.revoke(redemption.code.sessionId);
    throw oauthError(400, 'invalid_grant', 'The authorization code was already used.');
  }
  if (redemption.status === 'invalid' || redemption.code.clientId !== client.clientId) {
    throw oauthError(400, 'invalid_grant', 'The authorization code is invalid or expired.');
  }
  const { code } = redemption;
  if (code.redirectUri !== redirectUri) {
    throw oauthError(
      400,
      'invalid_grant',
      'redirect_uri does not match the authorization request.',
    );
  }
  if (!verifierMatches(verifier, code.codeChallenge)) {
    throw oauthError(
      400,
      'invalid_grant',
      'PKCE verification failed: code_verifier does not match.',
    );
  }
  const user = findUser(code.userName);
  if (!user) throw oauthError(400, 'invalid_grant', 'The user no longer exists.');
  const session = context.sessions.create(client.clientId, user.userName, code.scope);
  code.sessionId = session.id;
  return tokenResponse(context, { client, user, strongAuth: true, scope: code.scope }, (jti) => {
    context.sessions.addAccessToken(session, jti);
    return context.sessions.issueRefreshToken(session);
  });
}

/** Rotates: the presented token is spent and a new one comes back with the access token. */
export async function refreshToken(
  context: TenantContext,
  client: DemoClient,
  params: URLSearchParams,
) {
  // A narrower `scope` on refresh is not supported: the session's scope is always granted.
  const outcome = context.sessions.useRefreshToken(
    required(params, 'refresh_token'),
    client.clientId,
  );
  if (!outcome.ok) throw oauthError(400, 'invalid_grant', outcome.description);
  const { session } = outcome;
  const user = findUser(session.userName);
  if (!user) throw oauthError(400, 'invalid_grant', 'The user no longer exists.');
  return tokenResponse(context, { client, user, strongAuth: true, scope: session.scope }, (jti) => {
    context.sessions.addAccessToken(session, jti);
    return context.sessions.issueRefreshToken(session);
  });
}
