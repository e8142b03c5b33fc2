import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import { TokenCache } from '../../../src/core/tokens/cache.js';
import { signInOverHttp } from '../../support/oidc-browser.js';
import { type OidcPeer, startOidcPeer } from '../../support/oidc-peer.js';
import { sampleProfile } from '../../support/profiles.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * The TUI's `r` (Workbench.refreshToken) against oidc-provider: the notice says whether the
 * token was refreshed, whether the browser login ran (and why), or which grant got it.
 */
let peer: OidcPeer;
let root: string;
beforeAll(async () => {
  peer = await startOidcPeer();
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-renewal-'));
});
afterAll(async () => {
  await peer?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('r says what it did', () => {
  it('logged in (browser), refreshed, logged in again after a refused refresh token, new client-credentials token', async () => {
    const repository = new ProfileRepository(path.join(root, 'config'));
    const user = await repository.add(
      sampleProfile({
        name: 'peer-user',
        baseUrl: peer.origin,
        issuer: peer.issuer,
        preset: 'oidc',
        grant: 'authorization_code',
        clientId: peer.native.clientId,
        scopes: ['openid', 'read'],
        kind: 'user',
      }),
    );
    await repository.add(
      sampleProfile({
        name: 'peer-svc',
        baseUrl: peer.origin,
        issuer: peer.issuer,
        preset: 'oidc',
        clientId: peer.service.clientId,
        secret: { store: 'env', var: 'SVC' },
      }),
    );
    let opened = 0;
    const workbench = new Workbench({
      repository,
      env: { SVC: peer.service.clientSecret },
      openBrowser: async (url) => {
        opened += 1;
        await signInOverHttp(url, { login: 'jane.doe', password: 'jane-password' });
      },
    });
    const snap = () => workbench.getSnapshot();
    const noticeBecomes = (text: string) =>
      waitFor(
        () => snap().notice?.text === text,
        `the notice "${text}" (now "${snap().notice?.text}")`,
        15_000,
      );
    try {
      workbench.start('peer-user');
      await waitFor(() => snap().token.status === 'none', 'the not-logged-in state');

      workbench.refreshToken();
      await noticeBecomes('peer-user: logged in (browser)');
      expect(opened).toBe(1);

      workbench.refreshToken();
      await noticeBecomes('peer-user: refreshed with the refresh token');
      expect(opened).toBe(1);

      const cache = new TokenCache(repository.vault);
      const current = await cache.read(user);
      await cache.write(user, { ...current!, refreshToken: 'never-issued-refresh-token' });
      workbench.refreshToken();
      await noticeBecomes(
        'peer-user: the session had ended (refresh token refused): logged in again (browser)',
      );
      expect(opened).toBe(2);
      expect(snap().token.status).toBe('ready');

      const svc = workbench.book.byName('peer-svc');
      workbench.selectProfile(svc!.id);
      await waitFor(() => snap().token.status === 'ready', 'the service token');
      workbench.refreshToken();
      await noticeBecomes('peer-svc: new client-credentials token');
      expect(opened).toBe(2);
    } finally {
      workbench.close();
    }
  });
});
