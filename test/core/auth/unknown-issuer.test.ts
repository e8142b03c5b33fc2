import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationCode, discover, refresh } from '../../../src/core/auth/index.js';
import type { AuthServer } from '../../../src/core/auth/index.js';
import { KeyholeError } from '../../../src/core/errors.js';
import { describeToken } from '../../../src/core/identity/index.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';
import { rejectionOf } from '../../support/wait-for.js';
import path from 'node:path';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';

/**
 * oidc-provider with an Auth0-style issuer (`http://127.0.0.1:PORT/`, trailing slash): a
 * profile that gives only the endpoints has no issuer, and the token URL's origin is not it.
 */
const jane = { login: 'jane.doe', password: 'jane-password' };
let peer: OidcPeer;
let endpointsOnly: AuthServer;

beforeAll(async () => {
  peer = await startOidcPeer({ issuerTrailingSlash: true });
  endpointsOnly = {
    tokenUrl: `${peer.origin}/token`,
    authorizeUrl: `${peer.origin}/auth`,
    jwksUri: `${peer.origin}/jwks`,
  };
});
afterAll(() => peer?.close());

function login(server: AuthServer, scopes = ['openid', 'read']) {
  return authorizationCode(server, {
    clientId: peer.native.clientId,
    scopes,
    openBrowser: async (url) => {
      await signInOverHttp(url, jane);
    },
  });
}

describe('an ID token with no issuer configured', () => {
  it('the peer really has an issuer that is not the origin', async () => {
    expect(peer.issuer).toBe(`${peer.origin}/`);
    expect((await discover(peer.issuer)).issuer).toBe(`${peer.origin}/`);
  });

  it('the login keeps the tokens and reports the issuer the ID token names', async () => {
    const tokens = await login(endpointsOnly);
    expect(tokens.idToken).toEqual(expect.any(String));
    expect(tokens.idTokenIssuer).toBe(peer.issuer);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    const identity = await describeToken(tokens.accessToken, {
      jwks: { url: `${peer.origin}/jwks` },
    });
    expect(identity).toMatchObject({ userName: 'jane.doe', signature: 'verified' });
  });

  it('a refresh whose response carries a new ID token keeps the rotated refresh token', async () => {
    const first = await login(endpointsOnly);
    const second = await refresh(endpointsOnly, {
      clientId: peer.native.clientId,
      refreshToken: first.refreshToken ?? '',
    });
    expect(second.idTokenIssuer).toBe(peer.issuer);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // The rotated one is good: the server takes it.
    const third = await refresh(endpointsOnly, {
      clientId: peer.native.clientId,
      refreshToken: second.refreshToken ?? '',
    });
    expect(third.accessToken).toBeTruthy();
  });

  it('with the right issuer given, the ID token is checked and passes', async () => {
    const tokens = await login({ ...endpointsOnly, issuer: peer.issuer });
    expect(tokens.idToken).toEqual(expect.any(String));
    expect(tokens.idTokenIssuer).toBeUndefined();
  });

  it('with a wrong issuer given, the login is refused (a known issuer is still enforced)', async () => {
    const error = await rejectionOf(login({ ...endpointsOnly, issuer: peer.origin }));
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as KeyholeError).message).toContain('did not pass the checks');
  });

  it('without openid there is no ID token and nothing to report', async () => {
    const tokens = await login(endpointsOnly, ['read']);
    expect(tokens.idToken).toBeUndefined();
    expect(tokens.idTokenIssuer).toBeUndefined();
  });
});

describe('a profile without an issuer, through the token service', () => {
  it('logs in, refreshes, and warns that the issuer was taken from the ID token', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const repository = new ProfileRepository(path.join(dir, 'config'));
      const profile = await repository.add(
        sampleProfile({
          name: 'no-issuer',
          baseUrl: peer.origin,
          tokenUrl: `${peer.origin}/token`,
          authorizeUrl: `${peer.origin}/auth`,
          jwksUrl: `${peer.origin}/jwks`,
          grant: 'authorization_code',
          clientId: peer.native.clientId,
          scopes: ['openid', 'read'],
          kind: 'user',
        }),
      );
      const service = new TokenService(repository.dir, repository.vault, {});
      const result = await service.getToken(profile, {
        interactive: true,
        openBrowser: async (url) => {
          await signInOverHttp(url, jane);
        },
      });
      expect(result.origin).toBe('granted');
      const identity = await service.describe(profile, result, { verify: true });
      expect(identity.userName).toBe('jane.doe');
      expect(identity.warnings).toContain(
        `no issuer is configured, so the issuer ${peer.issuer} was taken unchecked from the ID token; to have it checked: keyhole profiles edit no-issuer --issuer ${peer.issuer}`,
      );
      const refreshed = await service.getToken(profile, { interactive: false }, { force: true });
      expect(refreshed.origin).toBe('refreshed');
      expect(refreshed.token.idTokenIssuer).toBe(peer.issuer);
    } finally {
      cleanup();
    }
  });
});
