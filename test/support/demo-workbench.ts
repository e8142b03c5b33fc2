import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { Workbench } from '../../src/core/session/index.js';
import type { DemoTenant } from '../../src/demo/server.js';

/**
 * A TUI session over the demo tenant in its own folder under `root`: a config folder for saved
 * profiles and a scratch folder for demo tokens and history. Not started; never opens a browser.
 */
export function demoWorkbench(
  tenant: DemoTenant,
  root: string,
  env: NodeJS.ProcessEnv = {},
): { workbench: Workbench; repository: ProfileRepository; dir: string } {
  const dir = mkdtempSync(path.join(root, 'session-'));
  const repository = new ProfileRepository(path.join(dir, 'config'));
  const workbench = new Workbench({
    repository,
    demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
    scratchDir: path.join(dir, 'scratch'),
    env,
    openBrowser: () => undefined,
  });
  return { workbench, repository, dir };
}
