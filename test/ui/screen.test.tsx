import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../src/core/session/index.js';
import { type DemoTenant } from '../../src/demo/server.js';
import { driveApp, useDemoScreen } from '../support/demo-screen.js';
import { App } from '../../src/ui/app.js';
import { waitForText } from '../support/wait-for-frame.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { sampleProfile } from '../support/profiles.js';
import { RAW } from './keys.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-screen-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a fresh demo session, with a 100×30 screen. */
async function mount(options: { production?: boolean } = {}) {
  const { workbench, repository } = demoWorkbench(tenant, root, { PROD_SECRET: 'demo-pat-secret' });
  if (options.production) {
    // A saved production profile against the demo tenant; its secret comes from the env map.
    await repository.add(
      sampleProfile({
        name: 'prod-pat',
        baseUrl: tenant.baseUrl,
        clientId: 'demo-pat-client',
        secret: { store: 'env', var: 'PROD_SECRET' },
        kind: 'pat',
        specs: [`${tenant.baseUrl}/demo/openapi.json`],
        tags: ['production'],
      }),
    );
  }
  return { workbench, repository, start: (profile?: string) => start(workbench, profile) };
}

function start(workbench: Workbench, profile?: string) {
  workbench.book.reload();
  workbench.start(profile);
  const app = render(<App workbench={workbench} fallbackSize={{ columns: 100, rows: 30 }} />);
  const { frame, key } = driveApp(app, workbench, cleanups);
  return { app, frame, key };
}

describe('the TUI screen (ink-testing-library)', () => {
  it('opens on the demo: banner, profiles, who the token is, predicted marks', async () => {
    const { frame } = (await mount()).start();
    const shown = await waitForText(frame, [
      'DEMO TENANT',
      'demo-api @ 127.0.0.1',
      '[API key]',
      'no user context',
      '✗ POST   /v3/access-requests',
      '✓ GET    /v3/identities',
    ]);
    for (const name of ['demo-pat', 'demo-helpdesk', 'demo-app']) expect(shown).toContain(name);
  });

  it('403 as the API key, then the same request as the PAT in two keystrokes: 202', async () => {
    const { frame, key } = (await mount()).start();
    await waitForText(frame, 'no user context');
    await key('/', 'type to filter');
    await key('access-req', '/ access-req');
    await key(RAW.enter, 'POST http://127.0.0.1');
    const denied = await key('s', '403 Forbidden');
    expect(denied).toContain('✗ this token has no user context; demo-pat');
    expect(denied).toContain('"detailCode": "403 Forbidden"');

    await key('p', '▶ Profiles');
    await key('j', '❯   demo-pat');
    const switched = await key(RAW.enter, 'demo-pat @', 'jane.doe', 'ORG_ADMIN');
    expect(switched).toContain('POST http://127.0.0.1');
    const accepted = await key('s', '202 Accepted');
    expect(accepted).toContain('as demo-pat');
    expect(accepted).toContain('"newRequests"');
  });

  it('keys typed into a text field never trigger commands', async () => {
    const { frame, key, app } = (await mount()).start();
    await waitForText(frame, 'no user context');
    await key('/', 'type to filter');
    await key('qsgp', '/ qsgp');
    expect(frame()).toContain('no endpoint matches');
    expect(frame()).not.toContain('Grant of');
    app.stdin.write(RAW.escape);
    // Esc is held by Ink until its next tick: wait for its effect before the next key.
    await waitForText(frame, 'Enter pick');
    await key('?', 'Keys', 'any panel (not while typing or in an overlay):');
  });

  it('? shows the keymap and the prediction disclaimer; Esc closes it', async () => {
    const { frame, key, app } = (await mount()).start();
    await waitForText(frame, 'no user context');
    const help = await key('?', 'any panel', 'focus the profiles list', 'lines 1-');
    expect(help).toContain('j/k scroll');
    await key(RAW.pageDown, 'lines 22-');
    const seen = await key('G', 'not guaranteed');
    expect(seen).toContain('Predicted from the OpenAPI spec and the token');
    expect(seen).toContain('not guaranteed');
    app.stdin.write(RAW.escape);
    await waitForText(frame, '▶ Profiles');
  });

  it('o lists the grants of demo-app and marks the current one', async () => {
    const { frame, key } = (await mount()).start('demo-app');
    await waitForText(frame, 'demo-app @');
    const picker = await key('o', 'Grant of demo-app');
    expect(picker).toContain('client_credentials  (current)');
    expect(picker).toContain('authorization_code');
  });

  it('asks before a POST with a production profile', async () => {
    const { frame, key, app } = (await mount({ production: true })).start('prod-pat');
    await waitForText(frame, ['PRODUCTION', 'prod-pat @', 'jane.doe']);
    await key('/', 'type to filter');
    await key('access-req', '/ access-req');
    await key(RAW.enter, 'POST http://127.0.0.1');
    const asked = await key('s', 'Send POST with the production profile prod-pat?');
    // The question shows what a yes sends: the method and the whole URL, on the line below it.
    const lines = asked.split('\n');
    const at = lines.findIndex((line) => line.includes('Send POST with the production profile'));
    expect(lines[at + 1]).toContain(`POST ${tenant.baseUrl}/v3/access-requests`);
    await key('n', '▶ Request');
    expect(frame()).toContain('No response yet.');
    await key('s', 'Send POST with the production profile prod-pat?');
    await key('y', '202 Accepted');
    app.stdin.write(RAW.escape);
  });

  it('scrolls a large body: G, g, j', async () => {
    const { frame, key } = (await mount()).start();
    await waitForText(frame, 'no user context');
    await key('/', 'type to filter');
    await key('large', '/ large');
    await key(RAW.enter, 'GET http://127.0.0.1');
    await key('j', '❯ path');
    await key('j', '❯   ?mb');
    await key(RAW.enter, 'mb =');
    await key('2', 'mb = 2');
    await key(RAW.enter, 'large?mb=2');
    const done = await key('s', '200 OK', 'lines 1-');
    const total = /lines 1-\d+ of ([\d,]+)/.exec(done)?.[1] ?? '';
    expect(Number(total.replace(/,/g, ''))).toBeGreaterThan(100_000);
    const bottom = await key('G', `of ${total}`, '│ ]');
    expect(bottom).not.toContain('lines 1-');
    await key('g', 'lines 1-', '│ [');
    await key('j', 'lines 2-');
  });

  it('the token panel shows the identity card; t goes back', async () => {
    const { frame, key } = (await mount()).start();
    await waitForText(frame, 'no user context');
    const card = await key('t', 'Token of demo-api', 'Signature:', 'verified against the JWKS');
    expect(card).toContain('Kind:');
    expect(card).toContain('Sent as:');
    expect(card).toMatch(/Bearer eyJ[^\s]{0,8}…\(redacted, \d+ chars\)/);
    await key('t', '▶ Response');
  });

  it('adds a profile with the form; the secret is masked and never shown', async () => {
    const mounted = await mount();
    const { frame, key, app } = mounted.start();
    await waitForText(frame, 'no user context');
    await key('a', 'Add a profile', '❯ Name');
    await key('acme-pat', 'acme-pat');
    await key(RAW.tab, '❯ Preset');
    await key(RAW.tab, '❯ Tenant or host');
    await key('acme', 'https://acme.api.identitynow.com/oauth/token');
    await key(RAW.tab, '❯ Token URL');
    await key(RAW.tab, '❯ Client id');
    await key('c1', 'c1');
    await key(RAW.tab, '❯ Secret kept in');
    await key(RAW.right, '‹ file ›');
    await key(RAW.tab, '❯ Secret');
    const typed = await key('s3cret-canary', '•••••••••••••');
    expect(typed).not.toContain('s3cret');
    for (const field of ['Kind', 'Grant', 'Scopes', 'Specs', 'Tags'])
      await key(RAW.tab, `❯ ${field}`);
    await key('production', 'production');
    await key(RAW.tab, ' Save ');
    app.stdin.write(RAW.enter);
    const saved = await waitForText(frame, ['PRODUCTION', 'acme-pat @ acme.api.identitynow.com']);
    expect(saved).toContain('saved profile acme-pat');
    expect(frame()).not.toContain('s3cret');
    const stored = mounted.repository.get('acme-pat');
    expect(stored).toMatchObject({
      secret: { store: 'file' },
      tags: ['production'],
      kind: 'api-key',
    });
    expect(JSON.stringify(stored)).not.toContain('s3cret');
  });

  it('keys that arrive as one chunk ("20" and Enter) are still two keys', async () => {
    const { frame, key } = (await mount()).start();
    await waitForText(frame, 'no user context');
    await key('/', 'type to filter');
    await key('large', '/ large');
    await key(RAW.enter, 'GET http://127.0.0.1');
    await key('j', '❯ path');
    await key('j', '❯   ?mb');
    await key(RAW.enter, 'mb =');
    await key(`7${RAW.enter}`, 'large?mb=7');
  });

  it('an inline error gets its own line: the field and the rows around it stay', async () => {
    const { workbench } = await mount();
    workbench.book.reload();
    workbench.start();
    const app = render(<App workbench={workbench} fallbackSize={{ columns: 80, rows: 24 }} />);
    cleanups.push(() => {
      app.unmount();
      workbench.close();
    });
    const frame = () => app.lastFrame();
    await waitForText(frame, 'no user context');
    app.stdin.write('/');
    await waitForText(frame, 'type to filter');
    app.stdin.write('access-req');
    await waitForText(frame, '/ access-req');
    app.stdin.write(RAW.enter);
    await waitForText(frame, 'POST http://127.0.0.1');
    app.stdin.write(RAW.enter);
    await waitForText(frame, 'method:');
    app.stdin.write(RAW.ctrlU);
    app.stdin.write('FOO');
    const before = (await waitForText(frame, 'method: FOO')).split('\n').length;
    app.stdin.write(RAW.enter);
    const shown = await waitForText(frame, '✗ "FOO" is not an HTTP method');
    const lines = shown.split('\n');
    const at = lines.findIndex((line) => line.includes('❯ method: FOO'));
    expect(at, shown).toBeGreaterThan(0);
    expect(lines[at - 2], shown).toContain('POST http://127.0.0.1');
    expect(lines[at + 1], shown).toContain('✗ "FOO" is not an HTTP method');
    // Every line of the screen is still a whole line of the layout: nothing pushed out of a panel.
    expect(lines).toHaveLength(before);
    const header = await (async () => {
      app.stdin.write(RAW.escape);
      await waitForText(frame, 'Enter edit field');
      app.stdin.write('G');
      app.stdin.write('k');
      await waitForText(frame, '❯   + header');
      app.stdin.write(RAW.enter);
      await waitForText(frame, 'header (Name: value):');
      app.stdin.write('nocolon');
      app.stdin.write(RAW.enter);
      return waitForText(frame, '✗ write the header as Name: value');
    })();
    const rows = header.split('\n');
    const editRow = rows.findIndex((line) => line.includes('❯ header (Name: value): nocolon'));
    expect(editRow, header).toBeGreaterThan(0);
    expect(rows[editRow + 1]).toContain('✗ write the header as Name: value');
    expect(rows).toHaveLength(before);
  });

  it('the add-profile form keeps everything when the name is taken, the error beside it', async () => {
    const mounted = await mount({ production: true });
    const { frame, key } = mounted.start('prod-pat');
    await waitForText(frame, 'prod-pat @');
    await key('a', 'Add a profile', '❯ Name');
    await key('prod-pat', 'prod-pat');
    await key(RAW.tab, '❯ Preset');
    await key(RAW.tab, '❯ Tenant or host');
    await key('acme', 'https://acme.api.identitynow.com/oauth/token');
    for (const field of ['Token URL', 'Client id', 'Secret kept in', 'Secret'])
      await key(RAW.tab, `❯ ${field}`);
    await key('s3cret-canary', '•••••••••••••');
    for (const field of ['Kind', 'Grant', 'Scopes', 'Specs', 'Tags'])
      await key(RAW.tab, `❯ ${field}`);
    await key(RAW.tab, ' Save ');
    const refused = await key(RAW.enter, 'already exists: pick another name');
    const lines = refused.split('\n');
    const name = lines.findIndex((line) => line.includes('❯ Name'));
    expect(lines[name + 1], refused).toContain('✗ a profile named "prod-pat" already exists');
    expect(refused).toContain('•••••••••••••');
    expect(refused).toContain('https://acme.api.identitynow.com/oauth/token');
    expect(refused).not.toContain('No keychain');
    expect(refused).not.toContain('s3cret');
    await key('-2', 'prod-pat-2');
    expect(frame()).not.toContain('already exists');
  });
});
