import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { TokenCache } from '../../../src/core/tokens/cache.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { bundleWorker } from '../../support/bundle-worker.js';
import { runProcess, tempDir } from '../../support/cli.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';

/**
 * oidc-provider rotates refresh tokens and revokes the whole grant when a used one comes back.
 * Four keyhole processes that all find the access token stale must still end with exactly one
 * refresh and a session that keeps working.
 */
let peer: OidcPeer;
let dir: string;
let cleanup: () => void;
let worker: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  [peer, worker] = await Promise.all([
    startOidcPeer(),
    bundleWorker('test/support/token-worker.ts'),
  ]);
});
afterAll(async () => {
  await peer?.close();
  cleanup();
});

describe('refreshing across processes', () => {
  it('4 processes at once: exactly 1 refresh, all get the same token, the session stays valid', async () => {
    const configDir = path.join(dir, 'config');
    const repository = new ProfileRepository(configDir);
    const profile: Profile = await repository.add({
      name: 'peer-user',
      baseUrl: peer.issuer,
      issuer: peer.issuer,
      grant: 'authorization_code',
      clientId: peer.native.clientId,
      secret: { store: 'none' },
      scopes: ['openid', 'read'],
      kind: 'user',
      preset: 'oidc',
      specs: [],
      tags: [],
    });
    const service = new TokenService(configDir, repository.vault);
    const login = await service.getToken(profile, {
      interactive: true,
      openBrowser: async (url) => {
        await signInOverHttp(url, { login: 'jane.doe', password: 'jane-password' });
      },
    });
    expect(login.origin).toBe('granted');
    expect(login.token.refreshToken).toBeTruthy();

    // Make the access token stale so that every process wants to refresh it.
    const cache = new TokenCache(repository.vault);
    await cache.write(profile, { ...login.token, expiresAt: Date.now() - 1_000 });
    const refreshesBefore = peer.tokenRequests.filter(
      (r) => r.grantType === 'refresh_token',
    ).length;

    const env = { KEYHOLE_CONFIG_DIR: configDir };
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        runProcess(process.execPath, [worker, 'peer-user'], { env, cwd: process.cwd() }),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const outcomes = runs.map((run) => JSON.parse(run.stdout) as { origin: string; hash: string });

    const refreshes = peer.tokenRequests
      .filter((r) => r.grantType === 'refresh_token')
      .slice(refreshesBefore);
    expect(refreshes.map((r) => r.outcome)).toEqual(['success']);
    expect(outcomes.map((o) => o.origin).sort()).toEqual(['cache', 'cache', 'cache', 'refreshed']);
    expect(new Set(outcomes.map((o) => o.hash)).size).toBe(1);

    // The rotated refresh token the winner stored must still be good with the server.
    const again = await service.getToken(profile, { interactive: false }, { force: true });
    expect(again.origin).toBe('refreshed');
    expect(peer.tokenRequests.at(-1)).toMatchObject({
      grantType: 'refresh_token',
      outcome: 'success',
    });
  }, 60_000);
});
