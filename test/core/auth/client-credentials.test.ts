import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentials, discover } from '../../../src/core/auth/index.js';
import type { AuthServer } from '../../../src/core/auth/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { describeToken } from '../../../src/core/identity/index.js';
import { RESOURCE, startOidcPeer } from '../../support/oidc-peer.js';
import type { OidcPeer } from '../../support/oidc-peer.js';
import { rejectionOf } from '../../support/wait-for.js';

let peer: OidcPeer;
let server: AuthServer;

beforeAll(async () => {
  peer = await startOidcPeer();
  server = await discover(peer.issuer);
});
afterAll(() => peer?.close());

describe('discover', () => {
  it('reads the endpoints from the OpenID configuration', () => {
    expect(server).toEqual({
      issuer: peer.issuer,
      tokenUrl: `${peer.issuer}/token`,
      authorizeUrl: `${peer.issuer}/auth`,
      deviceAuthorizationUrl: `${peer.issuer}/device/auth`,
      jwksUri: peer.jwksUri,
      introspectionUrl: `${peer.issuer}/token/introspection`,
    });
  });
});

describe('clientCredentials against oidc-provider', () => {
  it('gets a JWT access token that describeToken reads as the client, signature verified', async () => {
    const before = Date.now();
    const tokens = await clientCredentials(server, {
      clientId: peer.service.clientId,
      clientSecret: peer.service.clientSecret,
      scopes: ['read'],
    });
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.scope).toBe('read');
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(tokens.raw).toMatchObject({ access_token: tokens.accessToken, expires_in: 600 });

    const identity = await describeToken(tokens.accessToken, {
      kind: 'api-key',
      jwks: { url: server.jwksUri ?? '' },
    });
    expect(identity).toMatchObject({
      format: 'jwt',
      provider: 'oidc',
      subjectKind: 'app',
      userContext: false,
      clientId: peer.service.clientId,
      issuer: peer.issuer,
      audience: [RESOURCE],
      scopes: ['read'],
      signature: 'verified',
    });
    expect(identity.warnings).toEqual([]);
  });

  it('warns when the same token sits in a profile labelled pat', async () => {
    const tokens = await clientCredentials(server, {
      clientId: peer.service.clientId,
      clientSecret: peer.service.clientSecret,
    });
    const identity = await describeToken(tokens.accessToken, {
      kind: 'pat',
      jwks: { url: peer.jwksUri },
    });
    expect(identity.warnings).toContain('labelled pat, but the token has no user context');
  });

  it('explains a wrong secret without repeating it', async () => {
    const wrong = 'definitely-not-the-secret';
    const error = await rejectionOf(
      clientCredentials(server, { clientId: peer.service.clientId, clientSecret: wrong }),
    );
    expect(error).toBeInstanceOf(KeyholeError);
    const { message, hint } = error as KeyholeError;
    expect(message).toContain('client id or secret is wrong for this tenant');
    expect(message).toContain(peer.service.clientId);
    expect(message).toContain(new URL(peer.issuer).host);
    expect(`${message} ${hint}`).not.toContain(wrong);
  });

  it('explains an unknown client the same way', async () => {
    const error = await rejectionOf(
      clientCredentials(server, { clientId: 'nobody', clientSecret: 'whatever-secret' }),
    );
    expect((error as KeyholeError).message).toContain('client "nobody"');
    expect((error as KeyholeError).message).toContain('client id or secret is wrong');
  });
});
