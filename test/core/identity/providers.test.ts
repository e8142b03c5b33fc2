import { beforeAll, describe, expect, it } from 'vitest';
import { describeToken } from '../../../src/core/identity/index.js';
import {
  NOW,
  createSigner,
  now,
  otherWarnings,
  sailpointApiClient,
  sailpointPat,
} from './fixtures.js';
import type { Signer } from './fixtures.js';

let signer: Signer;
const sign = (claims: Parameters<Signer['sign']>[0]) => signer.sign(claims);
beforeAll(async () => {
  signer = await createSigner();
});

describe('describeToken: SailPoint', () => {
  it('reads an API-client token as an app without user context', async () => {
    const identity = await describeToken(await sign(sailpointApiClient), {
      profile: 'acme-api',
      kind: 'api-key',
      now: NOW,
    });
    expect(identity).toMatchObject({
      profile: 'acme-api',
      provider: 'sailpoint',
      subjectKind: 'app',
      userContext: false,
      identityId: null,
      userName: null,
      clientId: '9f1e-api-client',
      tenant: 'c3f1f1a0-tenant',
      org: 'acme',
      pod: 'stg03-useast1',
      scopes: ['sp:scopes:all'],
      authorities: ['API'],
      issuer: null,
      format: 'jwt',
      signature: 'unverified',
      expiresInSeconds: 723,
      expiresAt: new Date((now + 723) * 1000).toISOString(),
      issuedAt: new Date((now - 60) * 1000).toISOString(),
    });
    expect(identity.header).toMatchObject({ alg: 'ES256', kid: 'k1' });
    expect(identity.claims['jti']).toBe('j1');
    // SailPoint publishes no JWKS: say so rather than imply the claims are proven.
    expect(identity.warnings).toEqual([
      expect.stringMatching(/^signature not checked: SailPoint publishes no JWKS/),
    ]);
  });

  it('reads a PAT as a user with user context, with scope given as a string', async () => {
    const identity = await describeToken(await sign(sailpointPat), { kind: 'pat', now: NOW });
    expect(identity).toMatchObject({
      provider: 'sailpoint',
      subjectKind: 'user',
      userContext: true,
      identityId: '2c91808a-identity',
      userName: 'jane.doe',
      clientId: 'pat-7d1c',
      scopes: ['sp:scopes:all', 'sp:search:read'],
      authorities: ['ORG_ADMIN'],
    });
    expect(otherWarnings(identity)).toEqual([]);
  });

  it('warns when a profile labelled pat holds an API-client token', async () => {
    const identity = await describeToken(await sign(sailpointApiClient), { kind: 'pat', now: NOW });
    expect(otherWarnings(identity)).toEqual(['labelled pat, but the token has no user context']);
    const user = await describeToken(await sign(sailpointApiClient), { kind: 'user', now: NOW });
    expect(otherWarnings(user)).toEqual(['labelled user, but the token has no user context']);
  });

  it('warns when a profile labelled api-key holds a token that carries a user', async () => {
    const identity = await describeToken(await sign(sailpointPat), { kind: 'api-key', now: NOW });
    expect(otherWarnings(identity)).toEqual([
      'labelled api-key, but the token carries a user (jane.doe)',
    ]);
  });

  it('recognises SailPoint by issuer host alone', async () => {
    const identity = await describeToken(
      await sign({ iss: 'https://acme.api.identitynow.com', sub: 'x', scope: 'a', exp: now + 60 }),
      { now: NOW },
    );
    expect(identity.provider).toBe('sailpoint');
    expect(identity.subjectKind).toBe('app');
  });

  it('warns about empty scopes', async () => {
    const { scope: _scope, ...claims } = sailpointApiClient;
    const identity = await describeToken(await sign(claims), { now: NOW });
    expect(identity.scopes).toEqual([]);
    expect(otherWarnings(identity)).toEqual(['the token carries no scopes']);
  });
});

describe('describeToken: Entra ID', () => {
  const base = {
    iss: 'https://sts.windows.net/72f988bf-tid/',
    tid: '72f988bf-tid',
    aud: 'api://keyhole-test',
    appid: '11111111-app',
    iat: now,
    exp: now + 3600,
  };

  it('reads idtyp app as an app token', async () => {
    const identity = await describeToken(
      await sign({ ...base, idtyp: 'app', oid: 'sp-oid', sub: 'sp-oid', roles: ['Data.Read'] }),
      { now: NOW },
    );
    expect(identity).toMatchObject({
      provider: 'entra',
      subjectKind: 'app',
      userContext: false,
      clientId: '11111111-app',
      tenant: '72f988bf-tid',
      roles: ['Data.Read'],
      scopes: [],
      audience: ['api://keyhole-test'],
      userName: null,
    });
    // App permissions arrive as roles: no "no scopes" warning for them.
    expect(otherWarnings(identity)).toEqual([]);
  });

  it('reads roles without scp and no upn as an app token', async () => {
    const identity = await describeToken(
      await sign({
        ...base,
        iss: 'https://login.microsoftonline.com/72f988bf-tid/v2.0',
        azp: '11111111-app',
        roles: ['Data.Read'],
        oid: 'sp',
        sub: 'sp',
      }),
      { now: NOW },
    );
    expect(identity.provider).toBe('entra');
    expect(identity.subjectKind).toBe('app');
  });

  it('reads scp with a user as a delegated token', async () => {
    const identity = await describeToken(
      await sign({
        ...base,
        scp: 'User.Read Mail.Read',
        oid: 'user-oid',
        upn: 'jane@contoso.com',
        sub: 'pairwise-sub',
      }),
      { kind: 'user', now: NOW },
    );
    expect(identity).toMatchObject({
      provider: 'entra',
      subjectKind: 'user',
      userContext: true,
      identityId: 'user-oid',
      userName: 'jane@contoso.com',
      scopes: ['User.Read', 'Mail.Read'],
    });
    expect(otherWarnings(identity)).toEqual([]);
  });
});

describe('describeToken: Okta', () => {
  const iss = 'https://dev-123456.okta.com/oauth2/default';

  it('reads sub equal to cid without uid as an app', async () => {
    const identity = await describeToken(
      await sign({ iss, cid: '0oa-client', sub: '0oa-client', scp: ['api.read'], exp: now + 60 }),
      { now: NOW },
    );
    expect(identity).toMatchObject({
      provider: 'okta',
      subjectKind: 'app',
      clientId: '0oa-client',
      tenant: 'dev-123456.okta.com',
      scopes: ['api.read'],
    });
  });

  it('reads uid as a user', async () => {
    const identity = await describeToken(
      await sign({
        iss,
        cid: '0oa-client',
        uid: '00u-jane',
        sub: 'jane@example.com',
        scp: ['openid', 'api.read'],
        exp: now + 60,
      }),
      { now: NOW },
    );
    expect(identity).toMatchObject({
      provider: 'okta',
      subjectKind: 'user',
      userContext: true,
      identityId: '00u-jane',
      userName: 'jane@example.com',
    });
  });
});

describe('describeToken: Auth0', () => {
  const iss = 'https://acme.eu.auth0.com/';

  it('reads client-credentials tokens as an app', async () => {
    const identity = await describeToken(
      await sign({
        iss,
        sub: 'AbC123@clients',
        azp: 'AbC123',
        gty: 'client-credentials',
        scope: 'read:things write:things',
        permissions: ['read:things'],
        exp: now + 60,
      }),
      { now: NOW },
    );
    expect(identity).toMatchObject({
      provider: 'auth0',
      subjectKind: 'app',
      clientId: 'AbC123',
      tenant: 'acme.eu.auth0.com',
      scopes: ['read:things', 'write:things'],
      authorities: ['read:things'],
    });
  });

  it('recognises an M2M token by the @clients suffix alone', async () => {
    const identity = await describeToken(
      await sign({ iss, sub: 'AbC123@clients', scope: 'read:things', exp: now + 60 }),
      { now: NOW },
    );
    expect(identity.subjectKind).toBe('app');
    expect(identity.clientId).toBe('AbC123');
  });

  it('reads a login token as a user', async () => {
    const identity = await describeToken(
      await sign({ iss, sub: 'auth0|6543', azp: 'AbC123', scope: 'openid read:things' }),
      { now: NOW },
    );
    expect(identity).toMatchObject({
      provider: 'auth0',
      subjectKind: 'user',
      identityId: 'auth0|6543',
      clientId: 'AbC123',
    });
  });
});

describe('describeToken: generic OpenID Connect', () => {
  it('treats sub equal to client_id as an app, different as a user', async () => {
    const app = await describeToken(
      await sign({ iss: 'https://idp.example.com', sub: 'svc', client_id: 'svc', scope: 'read' }),
      { now: NOW },
    );
    expect(app).toMatchObject({ provider: 'oidc', subjectKind: 'app', clientId: 'svc' });
    expect(app.warnings).toEqual([
      expect.stringMatching(/^signature not checked: no JWKS was given/),
    ]);

    const user = await describeToken(
      await sign({
        iss: 'https://idp.example.com',
        sub: 'u-42',
        azp: 'cli',
        preferred_username: 'jane',
        scope: 'read',
        realm_access: { roles: ['viewer'] },
      }),
      { now: NOW },
    );
    expect(user).toMatchObject({
      provider: 'oidc',
      subjectKind: 'user',
      identityId: 'u-42',
      userName: 'jane',
      clientId: 'cli',
      roles: ['viewer'],
    });
  });

  it('says unknown when there is no issuer and nothing to compare', async () => {
    const identity = await describeToken(await sign({ sub: 'x', scope: 'read' }), {
      clientId: 'from-profile',
      now: NOW,
    });
    expect(identity).toMatchObject({
      provider: 'unknown',
      subjectKind: null,
      userContext: null,
      clientId: 'from-profile',
    });
  });
});
