import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationCode, discover } from '../../../src/core/auth/index.js';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { tempDir } from '../../support/cli.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import { type OidcPeer, type OidcPeerOptions, startOidcPeer } from '../../support/oidc-peer.js';
import { sampleProfile } from '../../support/profiles.js';

/*
 * oidc-provider issuing opaque access tokens, set up the ways other servers are: no
 * introspection endpoint in discovery, `username` instead of `sub`, public clients refused.
 */
const jane = { login: 'jane.doe', password: 'jane-password' };
const peers: OidcPeer[] = [];
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.close()));
  cleanup();
});

async function peerWith(options: OidcPeerOptions): Promise<OidcPeer> {
  const peer = await startOidcPeer({ opaqueAccessTokens: true, ...options });
  peers.push(peer);
  return peer;
}

/** jane.doe's opaque access token, from a real login with the public native client. */
async function janesToken(peer: OidcPeer): Promise<string> {
  let browsing: Promise<unknown> | undefined;
  const tokens = await authorizationCode(await discover(peer.issuer), {
    clientId: peer.native.clientId,
    scopes: ['openid', 'read'],
    openBrowser: (url) => {
      browsing = signInOverHttp(url, jane);
    },
  });
  await browsing;
  return tokens.accessToken;
}

function setUp(peer: OidcPeer, name: string, env: Record<string, string>) {
  const repository = new ProfileRepository(path.join(dir, name));
  const add = (change: Partial<Profile>) =>
    repository.add(
      sampleProfile({
        name,
        baseUrl: peer.issuer,
        issuer: peer.issuer,
        preset: 'oidc',
        clientId: peer.service.clientId,
        secret: { store: 'env', var: 'PEER_SECRET' },
        scopes: ['read'],
        ...change,
      }),
    );
  // A new service per command, as each CLI process has its own.
  const service = () =>
    new TokenService(repository.dir, repository.vault, {
      PEER_SECRET: peer.service.clientSecret,
      ...env,
    });
  return { add, service };
}

describe('an opaque token where discovery names no introspection endpoint', () => {
  it("is described from the token response's scope and expires_in, and says so", async () => {
    const peer = await peerWith({ hideIntrospection: true });
    const { add, service } = setUp(peer, 'from-response', {});
    const profile = await add({});
    const tokens = service();
    const result = await tokens.getToken(profile, { interactive: false });
    expect(result.token.accessToken.split('.')).toHaveLength(1);
    expect(result.server.introspectionUrl).toBeUndefined();
    const identity = await tokens.describe(profile, result);
    expect(identity).toMatchObject({
      format: 'opaque',
      claimsSource: 'token_response',
      scopes: ['read'],
    });
    expect(identity.expiresInSeconds).toBeGreaterThan(500);
    expect(identity.expiresInSeconds).toBeLessThanOrEqual(600);
  });

  it('is introspected at the URL the profile names', async () => {
    const peer = await peerWith({ hideIntrospection: true });
    const { add, service } = setUp(peer, 'named-url', {});
    const profile = await add({ introspectionUrl: peer.introspectionUrl });
    const tokens = service();
    const identity = await tokens.describe(
      profile,
      await tokens.getToken(profile, { interactive: false }),
    );
    expect(identity).toMatchObject({
      claimsSource: 'introspection',
      subjectKind: 'app',
      clientId: peer.service.clientId,
      scopes: ['read'],
    });
    expect(peer.introspectionRequests).toEqual([
      { clientId: peer.service.clientId, withSecret: true },
    ]);
  });
});

describe('introspection answers', () => {
  it('username without sub is a user, not an app', async () => {
    const peer = await peerWith({ hideIntrospection: true, introspectUsernameOnly: true });
    const token = await janesToken(peer);
    const { add, service } = setUp(peer, 'username', { PASTED: token });
    const profile = await add({
      grant: 'static',
      clientId: peer.native.clientId,
      secret: { store: 'env', var: 'PASTED' },
      introspectionUrl: peer.introspectionUrl,
      scopes: [],
    });
    const tokens = service();
    const identity = await tokens.describe(
      profile,
      await tokens.getToken(profile, { interactive: false }),
    );
    expect(identity.claims).not.toHaveProperty('sub');
    expect(identity).toMatchObject({
      claimsSource: 'introspection',
      subjectKind: 'user',
      userContext: true,
      userName: 'jane.doe',
    });
  });

  it("a public client's refused introspection is asked once, not on every command", async () => {
    const peer = await peerWith({ refusePublicIntrospection: true });
    const token = await janesToken(peer);
    const { add, service } = setUp(peer, 'refused', { PASTED: token });
    const profile = await add({
      grant: 'static',
      clientId: peer.native.clientId,
      secret: { store: 'env', var: 'PASTED' },
      scopes: [],
    });
    const warnings: string[][] = [];
    for (let command = 0; command < 3; command += 1) {
      const tokens = service();
      const identity = await tokens.describe(
        profile,
        await tokens.getToken(profile, { interactive: false }),
      );
      expect(identity.format).toBe('opaque');
      warnings.push(identity.warnings);
    }
    expect(peer.introspectionRequests).toEqual([
      { clientId: peer.native.clientId, withSecret: false },
    ]);
    expect(warnings[0]?.join(' ')).toMatch(
      /introspection failed: 127\.0\.0\.1:\d+ does not let client "keyhole-cli" introspect tokens: invalid_client \(public clients may not introspect\)/,
    );
    expect(warnings[2]?.join(' ')).toMatch(
      /introspection was refused before \(.*\); keyhole does not ask again for this token/,
    );
  });
});
