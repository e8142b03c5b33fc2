import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { App } from '../../src/ui/app.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { RAW } from './keys.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-tools-screen-'));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

/** The App over a fresh demo session on a 110×34 screen; `env` decides the clipboard. */
async function start(env: NodeJS.ProcessEnv = {}) {
  const { workbench } = demoWorkbench(tenant, root);
  workbench.start();
  const written: string[] = [];
  const app = render(
    <App
      workbench={workbench}
      fallbackSize={{ columns: 110, rows: 34 }}
      env={env}
      writeTerminal={(text) => written.push(text)}
    />,
  );
  cleanups.push(() => {
    app.unmount();
    workbench.close();
  });
  const frame = () => app.lastFrame();
  const key = async (input: string, ...expected: string[]) => {
    app.stdin.write(input);
    return waitForText(frame, expected.length ? expected : [''], 15_000);
  };
  await waitForText(frame, ['no user context', '✗ POST   /v3/access-requests'], 15_000);
  /** Fills the request from the endpoint search. */
  const pick = async (search: string, shown: string) => {
    await key('/', 'type to filter');
    await key(search, `/ ${search}`);
    await key(RAW.enter, shown);
  };
  return { app, frame, key, pick, written };
}

describe('compare, history, curl and the matrix on screen', () => {
  it('c compares demo-api and demo-pat on a POST after asking: 403 vs 202 side by side', async () => {
    const { key, pick } = await start();
    await pick('access-req', 'POST http://127.0.0.1');
    await key('c', '[x] demo-api', '[ ] demo-pat');
    await key('j', '❯ [ ] demo-pat');
    await key(' ', '❯ [x] demo-pat');
    await key(RAW.enter, 'sends 2 requests');
    const shown = await key('y', '403 Forbidden', '202 Accepted');
    expect(shown).toContain('app · no user context');
    expect(shown).toContain('user jane.doe');
    expect(shown).toMatch(/demo-pat vs demo-api: \d+ difference/);
    expect(shown).toContain('ORG_ADMIN');
  });

  it('c needs two ticked profiles; a GET is sent without asking', async () => {
    const { key, frame, pick } = await start();
    await pick('identities', 'GET http://127.0.0.1');
    await key('c', '[x] demo-api');
    await key(RAW.enter, 'tick two or more profiles');
    await key('j', '❯ [ ] demo-pat');
    await key(' ', '❯ [x] demo-pat');
    await key(RAW.enter, '200 OK');
    expect(frame()).not.toContain('sends 2 requests');
  });

  it('h lists what was sent, newest first; Enter puts it back into the request', async () => {
    const { key, pick, app, frame } = await start();
    await pick('identities', 'GET http://127.0.0.1');
    await key('s', '200 OK as demo-api');
    await pick('access-req', 'POST http://127.0.0.1');
    await key('h', 'History of demo-api', 'GET    200');
    // Nothing was sent: the entry is put back into the request, not "replayed".
    await key(RAW.enter, 'put back GET');
    await waitForFrame(
      frame,
      (f) => f.includes('GET http://127.0.0.1') && !f.includes('History of'),
    );
    app.stdin.write('H');
    expect(await waitForText(frame, 'put back GET')).not.toContain('replayed');
  });

  it('H (not h) shows the response headers', async () => {
    const { key, pick } = await start();
    await pick('identities', 'GET http://127.0.0.1');
    await key('s', '200 OK as demo-api');
    await key('H', 'content-type');
  });

  it('y without a clipboard shows the curl command, the token never inlined', async () => {
    const { key, pick, frame } = await start();
    await pick('access-req', 'POST http://127.0.0.1');
    const shown = await key('y', 'keyhole token demo-api --header', 'copy it');
    expect(shown).toContain('/v3/access-requests');
    expect(shown).not.toMatch(/Bearer eyJ/);
    await waitForText(frame, 'shown to copy by hand');
    await key(RAW.enter, 'Enter edit field');
  });

  it('y in tmux writes OSC 52 and says so', async () => {
    const { key, written } = await start({ TMUX: '/tmp/tmux-0/default,1,0' });
    await key('y', 'terminal clipboard (OSC 52)');
    expect(written[0]?.startsWith('\u001bPtmux;\u001b\u001b]52;c;')).toBe(true);
  });

  it('i imports a pasted curl command, and refuses another origin', async () => {
    const { key } = await start();
    await key('i', 'Paste a curl command');
    await key(`curl -X POST ${tenant.baseUrl}/v3/search?limit=5 -d '{"q":1}'`, 'limit=5');
    await key(RAW.enter, 'POST http://127.0.0.1', '/v3/search', '✓ imported the curl command');
    // It worked, with a header left out: a ⚠ and the warning, never a red ✗.
    await key('i', 'Paste a curl command');
    await key(`curl ${tenant.baseUrl}/v3/identities -H 'Authorization: Bearer abc'`, 'abc');
    const warned = await key(RAW.enter, '⚠ imported the curl command', 'Authorization');
    expect(warned).not.toContain('✗ imported');
    await key('i', 'Paste a curl command');
    await key('curl https://evil.example.com/v3/identities', 'evil.example.com');
    await key(RAW.enter, 'not imported');
  });

  it('m shows the access matrix over the filter; P probes the GETs and shows what came back', async () => {
    const { key, app, frame } = await start();
    await key('/', 'type to filter');
    await key('identities', '/ identities');
    app.stdin.write(RAW.escape);
    await waitForText(frame, 'Enter pick');
    const matrix = await key('m', 'Access matrix', 'demo-helpdesk', 'GET     /v3/identities');
    expect(matrix).toContain('P probes');
    await key('P', 'probed');
    await waitForFrame(frame, (f) => /GET {5}\/v3\/identities\s.*✓ 200/.test(f), 15_000);
  });
});
