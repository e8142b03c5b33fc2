import { render } from 'ink-testing-library';
import { existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { Workbench } from '../../src/core/session/index.js';
import { type DemoTenant } from '../../src/demo/server.js';
import { driveApp, useDemoScreen } from '../support/demo-screen.js';
import { App } from '../../src/ui/app.js';
import { runKeyhole } from '../support/cli.js';
import { sampleProfile } from '../support/profiles.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-profiles-screen-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a demo session that watches its config folder (as `keyhole` does). */
function mount(start?: string) {
  const dir = mkdtempSync(path.join(root, 'session-'));
  const config = path.join(dir, 'config');
  const repository = new ProfileRepository(config);
  const workbench = new Workbench({
    repository,
    demo: { baseUrl: tenant.baseUrl, clients: tenant.clients },
    scratchDir: path.join(dir, 'scratch'),
    env: {},
    openBrowser: () => undefined,
    watchConfig: true,
  });
  const open = () => {
    workbench.book.reload();
    workbench.start(start);
    const app = render(<App workbench={workbench} fallbackSize={{ columns: 100, rows: 30 }} />);
    const { frame, key } = driveApp(app, workbench, cleanups);
    return { frame, key };
  };
  return { config, repository, open };
}

describe('profiles in the TUI screen', () => {
  it('D asks naming all that goes: profile, tokens, observations, history, and the kept secret', async () => {
    const { repository, open } = mount('acme');
    await repository.add(
      sampleProfile({ name: 'acme', baseUrl: tenant.baseUrl, secret: { store: 'env', var: 'X' } }),
    );
    const { frame, key } = open();
    await waitForText(frame, 'acme @');
    await key('p', '▶ Profiles');
    const asked = await key('D', 'Delete profile');
    // Wrapped to the dialog's width: compare the words, not the line breaks.
    const words = asked.replace(/[│╭╮╰╯─━]/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(
      'Delete acme? This removes the profile, its cached tokens, its observations (the statuses ' +
        'seen per operation) and its request history.',
    );
    expect(words).toContain('Its secret stays in $X (keyhole stored none).');
    expect(words).toContain('y deletes · any other key keeps it');
  });

  it('S on a demo profile saves nothing and says why, with the commands that keep one', async () => {
    const { config, open } = mount();
    const { frame, key } = open();
    await waitForText(frame, 'demo-api @');
    await key('p', '▶ Profiles');
    const shown = await key('S', 'Demo profiles are not saved');
    const words = shown.replace(/[│╭╮╰╯─━]/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain('a saved copy would point at nothing next time');
    expect(words).toContain('keyhole demo-server --port 4010');
    expect(words).toContain('keyhole profiles add my-demo-api --base-url http://127.0.0.1:4010');
    expect(words).not.toContain('demo-api-secret');
    // Any key closes it, and nothing was saved.
    await key('x', '● demo-api');
    await waitForFrame(frame, (now) => !now.includes('Demo profiles are not saved'));
    expect(existsSync(path.join(config, 'config.json'))).toBe(false);
    expect(frame()).not.toContain('my-demo-api');
  });

  it('a profile that another keyhole process adds appears in the open TUI', async () => {
    const { config, open } = mount();
    const { frame } = open();
    await waitForText(frame, 'demo-api @');
    expect(frame()).not.toContain('from-the-cli');
    const added = await runKeyhole(
      [
        'profiles',
        'add',
        'from-the-cli',
        '--base-url',
        tenant.baseUrl,
        '--client-id',
        'demo-api-client',
        '--secret',
        'env:KEYHOLE_TEST_UNSET',
      ],
      { env: { KEYHOLE_CONFIG_DIR: config } },
    );
    expect(added.code, added.stderr).toBe(0);
    const shown = await waitForText(frame, 'from-the-cli', 20_000);
    expect(shown).toContain('demo-api @');
  });
});
