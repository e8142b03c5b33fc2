import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeyholeError } from '../../../src/core/errors.js';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { TokenCache } from '../../../src/core/tokens/cache.js';
import { type Interaction, TokenService } from '../../../src/core/tokens/service.js';
import { tempDir } from '../../support/cli.js';
import { type ForwardingProxy, startForwardingProxy } from '../../support/forwarding-proxy.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';
import { sampleProfile } from '../../support/profiles.js';
import { rejectionOf } from '../../support/wait-for.js';

/**
 * Sessions against oidc-provider (rotating refresh tokens) with a real forwarding proxy in front
 * of its token endpoint that can be switched to answer 503 or to drop the connection.
 */
const jane = { login: 'jane.doe', password: 'jane-password' };
let peer: OidcPeer;
let proxy: ForwardingProxy;
let dir: string;
let cleanup: () => void;
let repository: ProfileRepository;
let service: TokenService;
let cache: TokenCache;
let opened: number;

const person: Interaction = {
  interactive: true,
  openBrowser: async (url) => {
    opened += 1;
    await signInOverHttp(url, jane);
  },
};
const noPerson: Interaction = { interactive: false };
const refreshes = () => peer.tokenRequests.filter((r) => r.grantType === 'refresh_token');
const onToken = (method: string, p: string) => method === 'POST' && p === '/token';

beforeAll(async () => {
  peer = await startOidcPeer();
  proxy = await startForwardingProxy(peer.origin);
});
afterAll(async () => {
  await proxy?.close();
  await peer?.close();
});
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  repository = new ProfileRepository(path.join(dir, 'config'));
  service = new TokenService(repository.dir, repository.vault, {});
  cache = new TokenCache(repository.vault);
  opened = 0;
  proxy.set('forward');
});
afterEach(() => cleanup());

/** A login profile whose token requests go through the proxy. */
function userProfile(change: Partial<Profile> = {}): Promise<Profile> {
  return repository.add(
    sampleProfile({
      name: 'peer-user',
      baseUrl: peer.origin,
      tokenUrl: `${proxy.origin}/token`,
      authorizeUrl: `${peer.origin}/auth`,
      issuer: peer.issuer,
      jwksUrl: peer.jwksUri,
      grant: 'authorization_code',
      clientId: peer.native.clientId,
      scopes: ['openid', 'read'],
      kind: 'user',
      ...change,
    }),
  );
}

async function makeStale(profile: Profile): Promise<void> {
  const current = await cache.read(profile);
  if (current === undefined) throw new Error('nothing cached');
  await cache.write(profile, { ...current, expiresAt: Date.now() - 1_000 });
}

describe('keyhole login always runs the interactive grant', () => {
  it('with a good refresh token at hand, it still opens the browser and does not refresh', async () => {
    const profile = await userProfile();
    const first = await service.getToken(profile, person);
    expect(first).toMatchObject({ origin: 'granted', grant: 'authorization_code' });
    const refreshesBefore = refreshes().length;

    const again = await service.getToken(profile, person, { login: true });
    expect(again).toMatchObject({ origin: 'granted', grant: 'authorization_code' });
    expect(opened).toBe(2);
    expect(refreshes().length).toBe(refreshesBefore);
    expect(again.token.refreshToken).toBeTruthy();
    expect(again.token.refreshToken).not.toBe(first.token.refreshToken);
  });

  it('with a refresh token the server refuses, the login still succeeds', async () => {
    const profile = await userProfile();
    await service.getToken(profile, person);
    const current = await cache.read(profile);
    await cache.write(profile, { ...current!, refreshToken: 'never-issued-refresh-token' });
    const again = await service.getToken(profile, person, { login: true });
    expect(again.grant).toBe('authorization_code');
    expect(opened).toBe(2);
  });

  it('a client_credentials profile has no login: it gets a new token with its grant', async () => {
    const profile = await repository.add(
      sampleProfile({
        name: 'svc',
        baseUrl: peer.origin,
        tokenUrl: `${proxy.origin}/token`,
        clientId: peer.service.clientId,
        secret: { store: 'env', var: 'SVC' },
      }),
    );
    const svc = new TokenService(repository.dir, repository.vault, {
      SVC: peer.service.clientSecret,
    });
    const first = await svc.getToken(profile, person);
    const again = await svc.getToken(profile, person, { login: true });
    expect(again).toMatchObject({ origin: 'granted', grant: 'client_credentials' });
    expect(again.token.accessToken).not.toBe(first.token.accessToken);
    expect(opened).toBe(0);
  });
});

describe('a refresh that fails on the server side keeps the session', () => {
  for (const mode of ['fail-503', 'drop'] as const) {
    it(`${mode}: says server error, try again; keeps the refresh token; works once the server is back`, async () => {
      const profile = await userProfile();
      const login = await service.getToken(profile, person);
      await makeStale(profile);

      proxy.set(mode, onToken);
      const error = await rejectionOf(service.getToken(profile, noPerson));
      expect(error).toBeInstanceOf(KeyholeError);
      const failure = error as KeyholeError;
      expect(failure.message).toContain(
        'could not refresh the token of profile "peer-user" (server error, try again)',
      );
      expect(failure.message).toContain(new URL(proxy.origin).host);
      expect(failure.hint).toContain('the refresh token is kept');
      expect(failure.code).toBe('transient');
      expect(`${failure.message} ${failure.hint}`).not.toContain(login.token.refreshToken);
      expect(proxy.seen.at(-1)).toMatchObject({ request: 'POST /token', mode });
      expect((await cache.read(profile))?.refreshToken).toBe(login.token.refreshToken);

      proxy.set('forward');
      const back = await service.getToken(profile, noPerson);
      expect(back).toMatchObject({ origin: 'refreshed', grant: 'refresh_token' });
      expect(opened).toBe(1);
    });
  }

  it('invalid_grant alone ends the session: without a person it says log in', async () => {
    const profile = await userProfile();
    await service.getToken(profile, person);
    const current = await cache.read(profile);
    await cache.write(profile, {
      ...current!,
      expiresAt: Date.now() - 1_000,
      refreshToken: 'never-issued-refresh-token',
    });
    const error = (await rejectionOf(service.getToken(profile, noPerson))) as KeyholeError;
    expect(error.code).toBe('session_ended');
    expect(error.message).toContain('the session of profile "peer-user" has ended');
    expect(error.hint).toContain('keyhole login peer-user');
    expect(await cache.read(profile)).toBeUndefined();
  });

  it('invalid_grant with a person at hand (the TUI): logs in again and says the session ended', async () => {
    const profile = await userProfile();
    await service.getToken(profile, person);
    const current = await cache.read(profile);
    await cache.write(profile, { ...current!, refreshToken: 'never-issued-refresh-token' });
    const again = await service.getToken(profile, person, { force: true });
    expect(again).toMatchObject({
      origin: 'granted',
      grant: 'authorization_code',
      sessionEnded: true,
    });
    expect(opened).toBe(2);
  });
});

describe('the refresh_token grant (a refresh token stored as the secret)', () => {
  const WEB = { clientId: 'keyhole-web-rt', clientSecret: 'web-rt-client-secret-0123456789' };
  let webPeer: OidcPeer;
  beforeAll(async () => {
    webPeer = await startOidcPeer({
      extraClients: [
        {
          client_id: WEB.clientId,
          client_secret: WEB.clientSecret,
          application_type: 'native',
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: ['http://127.0.0.1/callback'],
        },
      ],
    });
  });
  afterAll(() => webPeer?.close());

  /** A refresh token of the confidential client, got by a real login. */
  async function issuedRefreshToken(): Promise<string> {
    const { authorizationCode } = await import('../../../src/core/auth/index.js');
    const tokens = await authorizationCode(
      {
        tokenUrl: `${webPeer.origin}/token`,
        authorizeUrl: `${webPeer.origin}/auth`,
        issuer: webPeer.issuer,
      },
      {
        ...WEB,
        scopes: ['read'],
        openBrowser: async (url) => {
          await signInOverHttp(url, jane);
        },
      },
    );
    return tokens.refreshToken ?? '';
  }

  function pastedProfile(): Promise<Profile> {
    return repository.add(
      sampleProfile({
        name: 'pasted',
        baseUrl: webPeer.origin,
        tokenUrl: `${webPeer.origin}/token`,
        issuer: webPeer.issuer,
        grant: 'refresh_token',
        clientId: WEB.clientId,
        secret: { store: 'env', var: 'RT' },
        kind: 'user',
      }),
    );
  }

  it('sends the client secret, stores each rotated refresh token, and says set-secret once it is used up', async () => {
    const seed = await issuedRefreshToken();
    const profile = await pastedProfile();
    const rt = new TokenService(repository.dir, repository.vault, {
      RT: JSON.stringify({ refresh_token: seed, client_secret: WEB.clientSecret }),
    });

    const first = await rt.getToken(profile, noPerson);
    expect(first).toMatchObject({ origin: 'refreshed', grant: 'refresh_token' });
    // Each secret inside the JSON is known on its own, so an echo of either is scrubbed.
    expect(rt.secretsSeen(profile)).toEqual(expect.arrayContaining([seed, WEB.clientSecret]));
    const rotated = (await cache.read(profile))?.refreshToken;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(seed);

    const second = await rt.getToken(profile, noPerson, { force: true });
    expect(second.origin).toBe('refreshed');
    const rotatedAgain = (await cache.read(profile))?.refreshToken;
    expect(rotatedAgain).not.toBe(rotated);
    expect(
      webPeer.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.outcome),
    ).toEqual(['success', 'success']);

    // Forget the cache: the pasted token was used long ago, and the server says so.
    await rt.forget(profile);
    const error = (await rejectionOf(rt.getToken(profile, noPerson))) as KeyholeError;
    expect(error.message).toBe(
      'the refresh token of profile "pasted" was refused (used up, expired or revoked)',
    );
    expect(error.hint).toContain('keyhole profiles set-secret pasted --secret-stdin');
    expect(`${error.message} ${error.hint}`).not.toContain('keyhole login');
    expect(`${error.message} ${error.hint}`).not.toContain(seed);
  });

  it('a bare refresh token of a confidential client is refused as invalid_client, not as a dead session', async () => {
    const seed = await issuedRefreshToken();
    const profile = await pastedProfile();
    const rt = new TokenService(repository.dir, repository.vault, { RT: seed });
    const error = (await rejectionOf(rt.getToken(profile, noPerson))) as KeyholeError;
    expect(error.message).toContain('the client id or secret is wrong');
    expect(error.code).not.toBe('session_ended');
    expect(`${error.message} ${error.hint}`).not.toContain('keyhole login');
  });

  it('a secret that starts with { but is not the JSON form is a usage error that repeats nothing', async () => {
    const profile = await pastedProfile();
    const rt = new TokenService(repository.dir, repository.vault, {
      RT: '{"refresh_tok": "abc-secret"}',
    });
    const error = (await rejectionOf(rt.getToken(profile, noPerson))) as KeyholeError;
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('is not a JSON object with a "refresh_token" string');
    expect(`${error.message} ${error.hint}`).not.toContain('abc-secret');
  });
});

describe('a short-lived token is reused', () => {
  for (const ttl of [60, 20]) {
    it(`expires_in ${ttl}: the second request takes it from the cache`, async () => {
      const shortPeer = await startOidcPeer({ accessTokenTtl: ttl });
      try {
        const profile = await repository.add(
          sampleProfile({
            name: `short-${ttl}`,
            baseUrl: shortPeer.origin,
            tokenUrl: `${shortPeer.origin}/token`,
            clientId: shortPeer.service.clientId,
            secret: { store: 'env', var: 'SVC' },
          }),
        );
        const svc = new TokenService(repository.dir, repository.vault, {
          SVC: shortPeer.service.clientSecret,
        });
        const first = await svc.getToken(profile, noPerson);
        expect(first.token.expiresAt! - first.token.obtainedAt).toBeLessThanOrEqual(ttl * 1000);
        const second = await svc.getToken(profile, noPerson);
        expect(second.origin).toBe('cache');
        expect(second.token.accessToken).toBe(first.token.accessToken);
        expect(shortPeer.tokenRequests.map((r) => r.grantType)).toEqual(['client_credentials']);
      } finally {
        await shortPeer.close();
      }
    });
  }
});
