import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';

/** oidc-provider issuing opaque access tokens: keyhole must read them through introspection. */
let peer: OidcPeer;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  peer = await startOidcPeer({ opaqueAccessTokens: true });
});
afterAll(async () => {
  await peer?.close();
  cleanup();
});

describe('opaque access tokens', () => {
  it('are described from the introspection endpoint the discovery document names', async () => {
    const repository = new ProfileRepository(path.join(dir, 'config'));
    const profile = await repository.add(
      sampleProfile({
        name: 'opaque',
        baseUrl: peer.issuer,
        issuer: peer.issuer,
        clientId: peer.service.clientId,
        secret: { store: 'env', var: 'PEER_SECRET' },
        scopes: ['read'],
        kind: 'api-key',
        preset: 'oidc',
      }),
    );
    const service = new TokenService(repository.dir, repository.vault, {
      PEER_SECRET: peer.service.clientSecret,
    });
    const result = await service.getToken(profile, { interactive: false });
    expect(result.token.accessToken.split('.')).toHaveLength(1);
    expect(result.server.introspectionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const identity = await service.describe(profile, result);
    expect(identity).toMatchObject({
      format: 'opaque',
      subjectKind: 'app',
      userContext: false,
      clientId: peer.service.clientId,
      scopes: ['read'],
    });
    expect(identity.expiresInSeconds).toBeGreaterThan(500);
    expect(identity.claimsSource).toBe('introspection');
  });

  it('a token the server does not know is reported inactive, without a crash', async () => {
    const repository = new ProfileRepository(path.join(dir, 'config2'));
    const profile = await repository.add(
      sampleProfile({
        name: 'pasted',
        baseUrl: peer.issuer,
        issuer: peer.issuer,
        grant: 'static',
        clientId: peer.service.clientId,
        secret: { store: 'env', var: 'TOKEN' },
        preset: 'oidc',
      }),
    );
    const service = new TokenService(repository.dir, repository.vault, {
      TOKEN: 'not-a-token-the-peer-issued',
    });
    const result = await service.getToken(profile, { interactive: false });
    const identity = await service.describe(profile, result);
    expect(identity.format).toBe('opaque');
    expect(identity.warnings.join(' ')).toMatch(/introspection failed|not active/);
  });
});
