import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { waitFor } from '../../support/wait-for.js';

/** Plays the person at the demo's login page: signs in as the first user offered. */
async function signIn(url: string): Promise<void> {
  const page = await (await fetch(url)).text();
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page);
  if (!form) throw new Error(`no login form at ${url}`);
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? '').matchAll(/name="([^"]+)" value="([^"]*)"/g)) {
    fields.set(input[1] ?? '', input[2] ?? '');
  }
  const answer = await fetch(new URL(form[1] ?? '', url), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  const callback = answer.headers.get('location');
  if (!callback) throw new Error(`the login answered ${answer.status} without a redirect`);
  await (await fetch(callback)).text();
}

let tenant: DemoTenant;
let root: string;
beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-grant-'));
});
afterAll(async () => {
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

describe('switching grants', () => {
  it('demo-app: client_credentials (an app), then authorization_code (the person who logged in)', async () => {
    const opened: string[] = [];
    const workbench = new Workbench({
      repository: new ProfileRepository(path.join(root, 'config')),
      demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
      scratchDir: path.join(root, 'scratch'),
      env: {},
      openBrowser: async (url) => {
        opened.push(url);
        await signIn(url);
      },
    });
    workbench.start('demo-app');
    const snap = () => workbench.getSnapshot();
    expect(snap().current?.grants).toEqual(['client_credentials', 'authorization_code']);
    await waitFor(() => snap().token.status === 'ready', 'the app token');
    const app = snap().token;
    expect(app.status === 'ready' && app.identity.userContext).toBe(false);

    await workbench.setGrant('authorization_code');
    await waitFor(
      () => {
        const token = snap().token;
        return token.status === 'ready' && token.identity.userContext === true;
      },
      'the user token',
      15_000,
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('/oauth/authorize?');
    expect(snap().current?.profile.grant).toBe('authorization_code');
    const user = snap().token;
    expect(user.status === 'ready' && user.identity.userName).toBeTruthy();

    // The request goes out with the user's token now: the access request is accepted.
    workbench.pickOperation('POST /v3/access-requests');
    await workbench.send();
    const response = snap().response;
    expect(response.status === 'done' && response.view.status).toBe(202);
    workbench.close();
  });
});
