import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/core/profiles/repository.js';
import { Workbench } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { runKeyhole, tempDir } from '../../support/cli.js';
import { waitFor } from '../../support/wait-for.js';

/** Generous: the watch gathers events for 100 ms, and a busy machine may be much slower. */
const DEADLINE_MS = 20_000;

let tenant: DemoTenant;
const { dir, cleanup } = tempDir('keyhole-config-watch-');
beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('profiles changed by another keyhole process appear in the open session', () => {
  it('an add, a rename the current profile follows, a half-written file, a removal', async () => {
    // The config folder does not exist yet, as for someone who has only tried the demo.
    const config = path.join(dir, 'config');
    const workbench = new Workbench({
      repository: new ProfileRepository(config),
      demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
      scratchDir: path.join(dir, 'scratch'),
      env: {},
      watchConfig: true,
    });
    workbench.start();
    const snapshot = () => workbench.getSnapshot();
    const saved = () =>
      snapshot()
        .profiles.filter((entry) => entry.origin === 'saved')
        .map((entry) => entry.profile.name);
    const keyhole = async (...args: string[]) => {
      const result = await runKeyhole(args, {
        env: { KEYHOLE_CONFIG_DIR: config, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
      });
      expect(result.code, result.stderr).toBe(0);
    };
    const add = (name: string) =>
      // The secret lives in a variable that is not set: no token is fetched, none is needed.
      keyhole(
        'profiles',
        'add',
        name,
        '--base-url',
        tenant.baseUrl,
        '--client-id',
        'demo-api-client',
        '--secret',
        'env:KEYHOLE_TEST_UNSET',
      );

    await add('acme');
    await waitFor(() => saved().includes('acme'), 'acme in the list', DEADLINE_MS);
    expect(snapshot().current?.id).toBe('demo:demo-api');

    workbench.selectProfile('saved:acme');
    await keyhole('profiles', 'rename', 'acme', 'acme2');
    await waitFor(() => snapshot().current?.id === 'saved:acme2', 'the rename', DEADLINE_MS);
    expect(saved()).toEqual(['acme2']);
    expect(snapshot().notice?.text).toBe('acme was renamed to acme2 in config.json');

    // An editor half-way through saving the file: the list stays, and the notice says so.
    const file = path.join(config, 'config.json');
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, whole.length / 2));
    await waitFor(
      () => snapshot().notice?.text.startsWith('config.json changed but cannot be read'),
      'the notice about the unreadable file',
      DEADLINE_MS,
    );
    expect(snapshot().notice?.kind).toBe('error');
    expect(saved()).toEqual(['acme2']);
    expect(snapshot().current?.id).toBe('saved:acme2');

    writeFileSync(file, whole);
    await waitFor(
      () => snapshot().notice?.text.startsWith('config.json can be read again'),
      'the file to read again',
      DEADLINE_MS,
    );
    expect(snapshot().notice?.kind).toBe('info');

    await add('beta');
    await waitFor(() => saved().includes('beta'), 'beta in the list', DEADLINE_MS);
    expect(snapshot().current?.id).toBe('saved:acme2');

    await keyhole('profiles', 'rm', 'acme2');
    await waitFor(() => !saved().includes('acme2'), 'acme2 to go', DEADLINE_MS);
    expect(saved()).toEqual(['beta']);
    expect(snapshot().current?.id).toBe('demo:demo-api');
    expect(snapshot().notice?.text).toBe('acme2 is no longer in config.json');
    workbench.close();
  });
});
