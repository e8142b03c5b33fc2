import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretVault } from '../../../src/core/secrets/vault.js';
import { TokenCache } from '../../../src/core/tokens/cache.js';
import { startDemoTenant } from '../../../src/demo/server.js';
import { demoWorkbench } from '../../support/demo-workbench.js';
import { waitFor } from '../../support/wait-for.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-renewal-offline-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Issue 11, item 13: `r` while the server is down. */
describe('r with the server down', () => {
  it('keeps the still valid cached token and says the renewal failed', async () => {
    const tenant = await startDemoTenant({ port: 0 });
    const { workbench } = demoWorkbench(tenant, root);
    const snap = () => workbench.getSnapshot();
    let closed = false;
    try {
      workbench.start('demo-api');
      await waitFor(() => snap().token.status === 'ready', 'the demo-api token', 15_000);
      const before = snap().token;
      if (before.status !== 'ready') throw new Error('unreachable');
      expect(before.identity.expiresAt).not.toBeNull();

      await tenant.close();
      closed = true;
      workbench.refreshToken();
      await waitFor(
        () => snap().notice?.text.includes('renewal failed') === true,
        `the failure notice (now "${snap().notice?.text}")`,
        15_000,
      );
      expect(snap().notice).toMatchObject({ kind: 'error', topic: 'token' });
      expect(snap().notice?.text).toMatch(
        /^demo-api: renewal failed; still using the current, valid token \(.+\)$/,
      );
      // The same token, as it was shown: who it is, its expiry, the header it is sent as.
      expect(snap().token).toEqual(before);
    } finally {
      workbench.close();
      if (!closed) await tenant.close();
    }
  });

  it('without a usable cached token, says there is none and shows why', async () => {
    const tenant = await startDemoTenant({ port: 0 });
    const { workbench, dir } = demoWorkbench(tenant, root);
    const snap = () => workbench.getSnapshot();
    try {
      workbench.start('demo-api');
      await waitFor(() => snap().token.status === 'ready', 'the demo-api token', 15_000);
      await tenant.close();
      // The cached token gone (as after `keyhole logout`): the one shown is no longer used.
      const entry = snap().current;
      if (!entry) throw new Error('unreachable');
      await new TokenCache(new SecretVault(path.join(dir, 'scratch'))).clear(entry.profile);
      workbench.refreshToken();
      await waitFor(
        () => snap().token.status === 'error',
        `the token error (now ${snap().token.status})`,
        15_000,
      );
      expect(snap().notice?.text).toMatch(/^demo-api: no token: /);
    } finally {
      workbench.close();
    }
  });
});
