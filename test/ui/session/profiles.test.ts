import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { tempDir } from '../../support/cli.js';

let tenant: DemoTenant;
const { dir, cleanup } = tempDir('keyhole-tui-profiles-');
beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('profiles from the TUI session', () => {
  it('saves a demo profile (plaintext store), edits, renames and deletes it', async () => {
    const repository = new ProfileRepository(path.join(dir, 'config'));
    const workbench = new Workbench({
      repository,
      demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
      scratchDir: path.join(dir, 'scratch'),
      env: {},
    });
    workbench.start('demo-pat');
    const names = () =>
      workbench.getSnapshot().profiles.map((p) => `${p.origin}:${p.profile.name}`);

    await workbench.saveDemoProfile('demo:demo-pat', 'my-pat', 'file');
    expect(names()).toEqual([
      'demo:demo-api',
      'demo:demo-helpdesk',
      'demo:demo-app',
      'saved:my-pat',
    ]);
    expect(workbench.getSnapshot().current?.id).toBe('saved:my-pat');
    const saved = repository.get('my-pat');
    expect(saved).toMatchObject({
      secret: { store: 'file' },
      clientId: 'demo-pat-client',
      tags: [],
    });
    expect(readFileSync(path.join(dir, 'config', 'config.json'), 'utf8')).not.toContain(
      'demo-pat-secret',
    );
    expect(readFileSync(path.join(dir, 'config', 'secrets.json'), 'utf8')).toContain(
      'demo-pat-secret',
    );

    await workbench.updateProfile('saved:my-pat', { ...saved, tags: ['production'] });
    expect(repository.get('my-pat').tags).toEqual(['production']);
    expect(repository.get('my-pat').secret).toEqual({ store: 'file' });

    await workbench.renameProfile('saved:my-pat', 'jane-pat');
    expect(names()).toContain('saved:jane-pat');
    expect(workbench.getSnapshot().current?.id).toBe('saved:jane-pat');

    await workbench.removeProfile('saved:jane-pat');
    expect(repository.list()).toEqual([]);
    expect(workbench.getSnapshot().current?.id).toBe('demo:demo-api');
    expect(readFileSync(path.join(dir, 'config', 'secrets.json'), 'utf8')).not.toContain(
      'demo-pat-secret',
    );
    workbench.close();
  });

  it('refuses to edit a demo profile before it is saved, with a hint', async () => {
    const workbench = new Workbench({
      repository: new ProfileRepository(path.join(dir, 'config2')),
      demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
      scratchDir: path.join(dir, 'scratch2'),
      env: {},
    });
    await expect(workbench.renameProfile('demo:demo-api', 'x')).rejects.toMatchObject({
      hint: expect.stringMatching(/Save it first with S/),
    });
    workbench.close();
  });
});
