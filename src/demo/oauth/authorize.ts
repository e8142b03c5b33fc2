import type { IncomingMessage, ServerResponse } from 'node:http';
import { findClient, isAllowedRedirectUri } from '../clients.js';
import type { TenantContext } from '../context.js';
import { HttpError } from '../errors.js';
import { readForm, sendHtml } from '../http.js';
import { DEMO_USERS, findUser } from '../users.js';
import { errorPage, loginPage } from './login-page.js';
import { isWellFormedChallenge } from './pkce.js';
import { parseScope } from './token-grants.js';

function redirect(res: ServerResponse, target: string, params: Record<string, string | undefined>) {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  res.writeHead(302, { Location: url.href, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/**
 * GET /oauth/authorize. Errors about the client or the redirect URI are shown on a page, never
 * redirected (RFC 6749 section 4.1.2.1); every later error goes back to the redirect URI.
 */
export function handleAuthorize(context: TenantContext, res: ServerResponse, url: URL): void {
  const query = url.searchParams;
  const client = findClient(query.get('client_id') ?? '');
  if (!client || !client.grants.includes('authorization_code')) {
    return sendHtml(res, 400, errorPage('Unknown client_id, or it may not use this flow.'));
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!isAllowedRedirectUri(client, redirectUri)) {
    return sendHtml(res, 400, errorPage('redirect_uri is not registered for this client.'));
  }
  const state = query.get('state') ?? undefined;
  const fail = (error: string, description: string) =>
    redirect(res, redirectUri, { error, error_description: description, state });

  if (query.get('response_type') !== 'code') {
    return fail('unsupported_response_type', 'response_type must be code');
  }
  const codeChallenge = query.get('code_challenge') ?? '';
  if (query.get('code_challenge_method') !== 'S256' || !isWellFormedChallenge(codeChallenge)) {
    return fail('invalid_request', 'PKCE is required: code_challenge with method S256');
  }
  let scope: string[];
  try {
    scope = parseScope(query.get('scope'), client);
  } catch {
    return fail('invalid_scope', 'Unknown scope requested');
  }
  const id = context.authorizations.begin({
    clientId: client.clientId,
    redirectUri,
    state,
    codeChallenge,
    scope,
  });
  sendHtml(res, 200, loginPage(id, client.name, DEMO_USERS));
}

/** POST /oauth/authorize/login: the login form's answer, sent back as a code or access_denied. */
export async function handleLogin(
  context: TenantContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  const deny = form?.get('decision') === 'deny';
  const user = findUser(form?.get('identity') ?? '');
  if (!form || (!deny && !user)) {
    throw new HttpError(400, {
      error: 'invalid_request',
      error_description: 'Choose a demo user.',
    });
  }
  const request = context.authorizations.take(form.get('request') ?? '');
  if (!request) {
    return sendHtml(res, 400, errorPage('This sign-in request expired or was already used.'));
  }
  if (deny || !user) {
    return redirect(res, request.redirectUri, { error: 'access_denied', state: request.state });
  }
  const code = context.authorizations.issueCode(request, user.userName);
  redirect(res, request.redirectUri, { code, state: request.state });
}
