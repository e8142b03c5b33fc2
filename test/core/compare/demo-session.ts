import path from 'node:path';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { TokenService } from '../../../src/core/tokens/service.js';
import { startDemoTenant, type DemoTenant } from '../../../src/demo/server.js';
import { DEMO_SECRET_ENV } from '../../support/demo-profiles.js';
import { tempDir } from '../../support/cli.js';

/** Core tests against an in-process demo tenant: profiles in a temporary config folder. */
export interface DemoSession {
  tenant: DemoTenant;
  dir: string;
  repository: ProfileRepository;
  tokens: TokenService;
  profiles: { api: Profile; pat: Profile; helpdesk: Profile; scoped: Profile };
  close(): Promise<void>;
}

export const NO_PERSON = { interactive: false } as const;

/** The demo spec's example access request: a real identity and access profile of the demo. */
export const ACCESS_REQUEST = JSON.stringify({
  requestedFor: ['fa6c72594323708c2d5ae26793e95c15'],
  requestedItems: [{ type: 'ACCESS_PROFILE', id: 'a9272c5e0542fb0d83c5b41eb51013c7' }],
});

export async function startDemoSession(): Promise<DemoSession> {
  const tenant = await startDemoTenant();
  const { dir, cleanup } = tempDir();
  const repository = new ProfileRepository(path.join(dir, 'config'));
  const tokens = new TokenService(repository.dir, repository.vault, DEMO_SECRET_ENV);
  const add = (name: string, clientId: string, secretVar: string, kind: Profile['kind']) =>
    repository.add({
      name,
      baseUrl: tenant.baseUrl,
      grant: 'client_credentials',
      clientId,
      secret: { store: 'env', var: secretVar },
      scopes: [],
      kind,
      preset: 'sailpoint',
      specs: [`${tenant.baseUrl}/demo/openapi.json`],
      tags: [],
    });
  const profiles = {
    api: await add('demo-api', 'demo-api-client', 'API_SECRET', 'api-key'),
    pat: await add('demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'),
    helpdesk: await add('demo-helpdesk', 'demo-helpdesk-client', 'HELPDESK_SECRET', 'pat'),
    scoped: await add('demo-scoped', 'demo-scoped-client', 'SCOPED_SECRET', 'pat'),
  };
  return {
    tenant,
    dir: repository.dir,
    repository,
    tokens,
    profiles,
    close: async () => {
      await tenant.close();
      cleanup();
    },
  };
}
