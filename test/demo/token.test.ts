import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JANE_DOE, SAM_HELPDESK } from '../../src/demo/data/identities.js';
import type { DemoTenant } from '../../src/demo/server.js';
import { api, clientToken, http, startTestTenant, tokenRequest } from '../support/demo-http.js';

let tenant: DemoTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.close());

const USER_FIELDS = ['identity_id', 'user_name'];

describe('client_credentials', () => {
  it.each([
    ['demo-api-client', undefined, ['API']],
    ['demo-app-client', undefined, ['API']],
    ['demo-pat-client', { user_name: 'jane.doe', identity_id: JANE_DOE.id }, ['ORG_ADMIN']],
    [
      'demo-helpdesk-client',
      { user_name: 'sam.helpdesk', identity_id: SAM_HELPDESK.id },
      ['HELPDESK'],
    ],
  ])('%s gets a SailPoint-shaped response and JWT', async (clientId, user, authorities) => {
    const client = tenant.clients.find((c) => c.clientId === clientId)!;
    const response = await tokenRequest(tenant, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 749,
      scope: 'sp:scopes:all',
      tenant_id: expect.any(String),
      pod: expect.any(String),
      org: expect.any(String),
      jti: expect.any(String),
    });
    expect(body).not.toHaveProperty('refresh_token');

    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({
      tenant_id: body.tenant_id,
      pod: body.pod,
      org: body.org,
      client_id: clientId,
      authorities,
      scope: ['sp:scopes:all'],
      strong_auth: false,
      jti: body.jti,
      iss: tenant.baseUrl,
    });
    expect(claims).not.toHaveProperty('aud');
    expect(claims.exp! - claims.iat!).toBe(749);
    if (user) {
      expect(body).toMatchObject(user);
      expect(claims).toMatchObject(user);
    } else {
      for (const field of USER_FIELDS) {
        expect(body).not.toHaveProperty(field);
        expect(claims).not.toHaveProperty(field);
      }
    }
  });

  it('accepts HTTP Basic client authentication', async () => {
    const basic = Buffer.from('demo-api-client:demo-api-secret').toString('base64');
    const response = await tokenRequest(
      tenant,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
  });

  it('accepts the parameters in the query string, as SailPoint documents', async () => {
    const query = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'demo-api-client',
      client_secret: 'demo-api-secret',
    });
    const response = await http(`${tenant.baseUrl}/oauth/token?${query}`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('grants sp:scopes:default when asked, and that scope cannot call the API', async () => {
    const token = await clientToken(tenant, 'demo-pat-client', 'sp:scopes:default');
    expect(decodeJwt(token).scope).toEqual(['sp:scopes:default']);
    expect((await api(tenant, '/v3/identities', token)).status).toBe(403);
  });
});

describe('token endpoint errors', () => {
  it.each([
    ['wrong secret', { client_id: 'demo-api-client', client_secret: 'nope' }],
    ['unknown client', { client_id: 'nobody', client_secret: 'demo-api-secret' }],
    ['no secret', { client_id: 'demo-api-client' }],
  ])('%s is 401 invalid_client', async (_name, credentials) => {
    const response = await tokenRequest(tenant, {
      grant_type: 'client_credentials',
      ...credentials,
    });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({
      error: 'invalid_client',
      error_description: expect.any(String),
    });
  });

  it('a wrong Basic secret is 401 with a Basic challenge', async () => {
    const basic = Buffer.from('demo-api-client:wrong').toString('base64');
    const response = await tokenRequest(
      tenant,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it.each([
    ['missing grant_type', {}, 'invalid_request'],
    ['unknown grant_type', { grant_type: 'password' }, 'unsupported_grant_type'],
    ['grant the client may not use', { grant_type: 'authorization_code' }, 'unauthorized_client'],
    ['unknown scope', { grant_type: 'client_credentials', scope: 'idn:all' }, 'invalid_scope'],
  ])('%s is 400 %s', async (_name, params, error) => {
    const response = await tokenRequest(tenant, {
      client_id: 'demo-api-client',
      client_secret: 'demo-api-secret',
      ...params,
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error });
  });

  it('refuses credentials in both the header and the body', async () => {
    const basic = Buffer.from('demo-api-client:demo-api-secret').toString('base64');
    const response = await tokenRequest(
      tenant,
      { grant_type: 'client_credentials', client_secret: 'demo-api-secret' },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a JSON body', async () => {
    const response = await http(`${tenant.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'invalid_request' });
  });
});

describe('signing keys', () => {
  it('tokens verify against /demo/jwks.json by kid', async () => {
    const token = await clientToken(tenant, 'demo-pat-client');
    const jwks = await http(`${tenant.baseUrl}/demo/jwks.json`);
    expect(jwks.status).toBe(200);
    const set = jwks.json as JSONWebKeySet;
    expect(set.keys).toHaveLength(1);
    expect(set.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(set.keys[0]).not.toHaveProperty('d');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: set.keys[0]!.kid });
    const { payload } = await jwtVerify(token, createLocalJWKSet(set), { issuer: tenant.baseUrl });
    expect(payload.user_name).toBe('jane.doe');
  });

  it('a token signed by another key fails both the JWKS and the API', async () => {
    const jwks = (await http(`${tenant.baseUrl}/demo/jwks.json`)).json as JSONWebKeySet;
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      ...decodeJwt(await clientToken(tenant, 'demo-pat-client')),
    })
      .setProtectedHeader({ alg: 'ES256', kid: jwks.keys[0]!.kid })
      .sign(privateKey);
    await expect(jwtVerify(forged, createLocalJWKSet(jwks))).rejects.toThrow();
    const response = await api(tenant, '/v3/identities', forged);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'JWT validation failed: JWT signature is invalid' });
  });

  it('publishes its endpoints at /oauth/info', async () => {
    const info = await http(`${tenant.baseUrl}/oauth/info`);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({
      tokenUrl: `${tenant.baseUrl}/oauth/token`,
      authorizeUrl: `${tenant.baseUrl}/oauth/authorize`,
      jwksUrl: `${tenant.baseUrl}/demo/jwks.json`,
      pod: expect.any(String),
      org: expect.any(String),
    });
  });
});
