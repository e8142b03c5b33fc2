import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readObservations, recordObservation } from '../../../src/core/access/index.js';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';

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
  it('adds (plaintext store), edits, renames and deletes a saved profile beside the demo ones', async () => {
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

    const demoPat = workbench.book.get('demo:demo-pat')!.profile;
    await workbench.addProfile(
      { ...demoPat, name: 'my-pat', secret: { store: 'file' }, tags: [] },
      'demo-pat-secret',
    );
    expect(names()).toEqual([
      'demo:demo-api',
      'demo:demo-pat',
      'demo:demo-helpdesk',
      'demo:demo-app',
      'demo:demo-scoped',
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

  it('refuses to rename a demo profile, with a hint that says why and where to look', async () => {
    const workbench = new Workbench({
      repository: new ProfileRepository(path.join(dir, 'config2')),
      demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
      scratchDir: path.join(dir, 'scratch2'),
      env: {},
    });
    await expect(workbench.renameProfile('demo:demo-api', 'x')).rejects.toMatchObject({
      hint: expect.stringMatching(
        /lasts until keyhole quits; press S on it to see how to keep one/,
      ),
    });
    workbench.close();
  });

  it.each([
    ['the config folder', false],
    ['a demo session, whose calls are observed in its scratch folder', true],
  ])(
    'observations follow a rename and go with a delete, which says all that went (%s)',
    async (_where, demo) => {
      const root = path.join(dir, demo ? 'observed-demo' : 'observed');
      const config = path.join(root, 'config');
      const scratch = path.join(root, 'scratch');
      const observed = demo ? scratch : config;
      const repository = new ProfileRepository(config);
      await repository.add(
        sampleProfile({
          name: 'acme',
          baseUrl: tenant.baseUrl,
          secret: { store: 'env', var: 'ACME_SECRET' },
        }),
      );
      for (const [method, at] of [
        ['GET', '/v3/identities'],
        ['POST', '/v3/search'],
      ] as const) {
        await recordObservation(
          { profile: 'acme', method, path: at, status: 403 },
          { dir: observed },
        );
      }
      const workbench = new Workbench({
        repository,
        env: {},
        ...(demo
          ? { demo: { baseUrl: tenant.baseUrl, clients: tenant.clients }, scratchDir: scratch }
          : {}),
      });
      workbench.start('acme');
      const seen = { 'GET /v3/identities': { status: 403 }, 'POST /v3/search': { status: 403 } };
      expect(workbench.getSnapshot().observations).toMatchObject(seen);

      await workbench.renameProfile('saved:acme', 'acme2');
      expect(workbench.getSnapshot().current?.id).toBe('saved:acme2');
      expect(workbench.getSnapshot().observations).toMatchObject(seen);
      expect(readObservations('acme2', { dir: observed })).toMatchObject(seen);
      expect(readObservations('acme', { dir: observed })).toEqual({});

      await workbench.removeProfile('saved:acme2');
      expect(readObservations('acme2', { dir: observed })).toEqual({});
      expect(workbench.getSnapshot().notice?.text).toBe(
        'Removed profile "acme2" and 2 observations. Its secret stays in $ACME_SECRET (keyhole stored none).',
      );
      workbench.close();
    },
  );
});
