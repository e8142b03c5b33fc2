import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JANE_DOE } from '../../src/demo/data/identities.js';
import type { DemoTenant } from '../../src/demo/server.js';
import {
  APP,
  REDIRECT_URI,
  api,
  exchangeCode,
  http,
  loginForCode,
  manualClock,
  pkcePair,
  refresh,
  startTestTenant,
} from '../support/demo-http.js';

let tenant: DemoTenant;
const clock = manualClock();
beforeAll(async () => {
  tenant = await startTestTenant({ now: clock.now });
});
afterAll(() => tenant.close());

interface TokenBody {
  access_token: string;
  refresh_token: string;
  [key: string]: unknown;
}

function authorizeUrl(params: Record<string, string>): string {
  const { challenge } = pkcePair();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: APP.clientId,
    redirect_uri: REDIRECT_URI,
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  });
  return `${tenant.baseUrl}/oauth/authorize?${query}`;
}

async function login(userName = 'jane.doe') {
  const pkce = pkcePair();
  const { code } = await loginForCode(tenant, userName, pkce.challenge);
  const response = await exchangeCode(tenant, code, pkce.verifier);
  expect(response.status, response.text).toBe(200);
  return response.json as TokenBody;
}

describe('authorization code with PKCE', () => {
  it('shows a login page listing the demo users', async () => {
    const page = await http(authorizeUrl({}));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Jane Doe');
    expect(page.text).toContain('sam.helpdesk');
  });

  it('logs in over HTTP and returns a user token with a refresh token', async () => {
    const pkce = pkcePair();
    const { code, location } = await loginForCode(tenant, 'jane.doe', pkce.challenge, 's-1');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('s-1');

    const response = await exchangeCode(tenant, code, pkce.verifier);
    expect(response.status, response.text).toBe(200);
    const body = response.json as TokenBody;
    expect(body).toMatchObject({
      token_type: 'bearer',
      user_name: 'jane.doe',
      identity_id: JANE_DOE.id,
      strong_auth: true,
      refresh_token: expect.any(String),
    });
    expect(decodeJwt(body.access_token)).toMatchObject({
      client_id: APP.clientId,
      user_name: 'jane.doe',
      identity_id: JANE_DOE.id,
      authorities: ['ORG_ADMIN'],
      strong_auth: true,
    });
    expect((await api(tenant, '/beta/workflows', body.access_token)).status).toBe(200);
  });

  it('gives the helpdesk user its own authorities', async () => {
    const body = await login('sam.helpdesk');
    expect(decodeJwt(body.access_token)).toMatchObject({ authorities: ['HELPDESK'] });
    expect((await api(tenant, '/beta/workflows', body.access_token)).status).toBe(403);
  });

  it('rejects a wrong code_verifier, and the code is spent afterwards', async () => {
    const pkce = pkcePair();
    const { code } = await loginForCode(tenant, 'jane.doe', pkce.challenge);
    const wrong = await exchangeCode(tenant, code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: 'invalid_grant' });
    expect((wrong.json as { error_description: string }).error_description).toMatch(/PKCE/);
    const retry = await exchangeCode(tenant, code, pkce.verifier);
    expect(retry.status).toBe(400);
  });

  it('rejects a redirect_uri that differs from the authorization request', async () => {
    const pkce = pkcePair();
    const { code } = await loginForCode(tenant, 'jane.doe', pkce.challenge);
    const response = await exchangeCode(tenant, code, pkce.verifier, 'http://127.0.0.1:1/callback');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_grant' });
  });

  it('a reused code is refused and revokes the tokens it bought', async () => {
    const pkce = pkcePair();
    const { code } = await loginForCode(tenant, 'jane.doe', pkce.challenge);
    const first = await exchangeCode(tenant, code, pkce.verifier);
    expect(first.status).toBe(200);
    const { access_token } = first.json as TokenBody;
    expect((await api(tenant, '/v3/identities?limit=1', access_token)).status).toBe(200);

    const second = await exchangeCode(tenant, code, pkce.verifier);
    expect(second.status).toBe(400);
    expect(second.json).toMatchObject({ error: 'invalid_grant' });
    const after = await api(tenant, '/v3/identities?limit=1', access_token);
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ error: 'JWT validation failed: JWT has been revoked' });
  });

  it('codes expire after a minute', async () => {
    const pkce = pkcePair();
    const { code } = await loginForCode(tenant, 'jane.doe', pkce.challenge);
    clock.advance(61_000);
    const response = await exchangeCode(tenant, code, pkce.verifier);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_grant' });
  });

  it('a login form cannot be submitted twice', async () => {
    const page = await http(authorizeUrl({}));
    const requestId = /name="request" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const submit = () =>
      http(`${tenant.baseUrl}/oauth/authorize/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request: requestId, identity: 'jane.doe' }).toString(),
      });
    expect((await submit()).status).toBe(302);
    expect((await submit()).status).toBe(400);
  });

  it('Cancel redirects with access_denied', async () => {
    const page = await http(authorizeUrl({ state: 'st' }));
    const requestId = /name="request" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const response = await http(`${tenant.baseUrl}/oauth/authorize/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: requestId, decision: 'deny' }).toString(),
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st');
  });
});

describe('authorize request errors', () => {
  it.each([
    ['an unregistered redirect_uri', { redirect_uri: 'http://evil.example/callback' }],
    ['a redirect_uri with another path', { redirect_uri: 'http://127.0.0.1:5000/other' }],
    ['a client without the grant', { client_id: 'demo-api-client' }],
    ['an unknown client', { client_id: 'nobody' }],
  ])('%s gets an error page, not a redirect', async (_name, params) => {
    const response = await http(authorizeUrl(params));
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it.each([
    ['no PKCE challenge', { code_challenge: '' }, 'invalid_request'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
    ['an unknown scope', { scope: 'idn:everything' }, 'invalid_scope'],
  ])('%s redirects back with %s', async (_name, params, error) => {
    const response = await http(authorizeUrl(params));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('xyz');
  });
});

describe('refresh token rotation', () => {
  it('each refresh returns a new refresh token and a working access token', async () => {
    const first = await login();
    const second = await refresh(tenant, first.refresh_token);
    expect(second.status, second.text).toBe(200);
    const body = second.json as TokenBody;
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(body).toMatchObject({ user_name: 'jane.doe', strong_auth: true });
    expect((await api(tenant, '/beta/workflows', body.access_token)).status).toBe(200);
  });

  it('reusing a spent refresh token revokes the whole grant', async () => {
    const first = await login();
    const second = (await refresh(tenant, first.refresh_token)).json as TokenBody;

    const replay = await refresh(tenant, first.refresh_token);
    expect(replay.status).toBe(400);
    expect(replay.json).toMatchObject({ error: 'invalid_grant' });

    const newer = await refresh(tenant, second.refresh_token);
    expect(newer.status).toBe(400);
    expect(newer.json).toMatchObject({ error: 'invalid_grant' });
    expect((await api(tenant, '/beta/workflows', second.access_token)).status).toBe(401);
    expect((await api(tenant, '/beta/workflows', first.access_token)).status).toBe(401);
  });

  it('another session is not affected by a revocation', async () => {
    const other = await login();
    const victim = await login();
    await refresh(tenant, victim.refresh_token);
    await refresh(tenant, victim.refresh_token);
    expect((await refresh(tenant, other.refresh_token)).status).toBe(200);
  });

  it('a refresh token only works for the client it was issued to', async () => {
    const { refresh_token } = await login();
    const response = await http(`${tenant.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token,
        client_id: 'demo-api-client',
        client_secret: 'demo-api-secret',
      }).toString(),
    });
    // The API client may not use the grant at all.
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'unauthorized_client' });
  });
});
