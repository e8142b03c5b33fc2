import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { type DemoTenant } from '../../src/demo/server.js';
import { driveApp, useDemoScreen } from '../support/demo-screen.js';
import { App } from '../../src/ui/app.js';
import { waitForFrame, waitForText } from '../support/wait-for-frame.js';
import { demoWorkbench } from '../support/demo-workbench.js';
import { RAW } from './keys.js';
import { foldCommand } from '../../src/core/curl/index.js';
import type { TmuxRunner } from '../../src/ui/clipboard.js';

let tenant: DemoTenant;
let root: string;
const cleanups: Array<() => void> = [];
useDemoScreen(
  'keyhole-tools-screen-',
  (started, folder) => {
    tenant = started;
    root = folder;
  },
  cleanups,
);

/** The App over a fresh demo session on a 110×34 screen; `env` (and `tmux`) decide the clipboard. */
async function start(env: NodeJS.ProcessEnv = {}, tmux?: TmuxRunner) {
  const { workbench } = demoWorkbench(tenant, root);
  workbench.start();
  const written: string[] = [];
  const app = render(
    <App
      workbench={workbench}
      fallbackSize={{ columns: 110, rows: 34 }}
      env={env}
      writeTerminal={(text) => written.push(text)}
      {...(tmux ? { tmux } : {})}
    />,
  );
  const { frame, key } = driveApp(app, workbench, cleanups);
  await waitForText(frame, ['no user context', '✗ POST   /v3/access-requests'], 15_000);
  /** Fills the request from the endpoint search. */
  const pick = async (search: string, shown: string) => {
    await key('/', 'type to filter');
    await key(search, `/ ${search}`);
    await key(RAW.enter, shown);
  };
  return { app, frame, key, pick, written, workbench };
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

  it('y where no clipboard confirms it: the command in a plain view, whole, no box around it', async () => {
    const { key, pick, frame, written, workbench } = await start({ TERM: 'xterm-256color' });
    await pick('identities', 'GET http://127.0.0.1');
    await waitForFrame(frame, (f) => /GET http:\/\/127\.0\.0\.1:\d+\/v3\/identities/.test(f));
    // A query long enough that the command's first line is wider than the screen.
    workbench.updateRequest((draft) => ({
      ...draft,
      query: [
        { name: 'filters', value: `name sw "${'x'.repeat(90)}"`, required: false, example: null },
      ],
    }));
    await waitForText(frame, 'filters=name');
    const shown = await key('y', 'keyhole token demo-api --header', 'select with the mouse');
    expect(shown).not.toMatch(/[╭╮╰╯│─━]/);
    expect(shown).not.toMatch(/Bearer eyJ/);
    // The status line and the view say what is known: sent by OSC 52, not confirmed.
    expect(shown).toContain('no terminal confirms it');
    expect(shown).not.toContain('copied');
    expect(written).toHaveLength(1);
    // The demo profile exists only in this process: the view says so.
    expect(shown).toContain('demo-api is a demo profile that exists only inside this TUI');
    // Every line of the command is on screen, whole: folded at the edge, never cut.
    const rows = shown.split('\n').map((row) => row.trimEnd());
    const width = rows[0]?.length ?? 0; // ink-testing-library's stdout is 100 columns wide
    const { command } = workbench.curlCommand();
    const folded = foldCommand(command, width);
    expect(folded.length).toBeGreaterThan(command.split('\n').length);
    const at = rows.indexOf(folded[0] as string);
    expect(at, shown).toBeGreaterThan(0);
    expect(rows.slice(at, at + folded.length)).toEqual(folded.map((line) => line.trimEnd()));
    await key(RAW.enter, 'Enter edit field');
  });

  it('y in tmux with set-clipboard external: copied to tmux (which confirms), no view', async () => {
    const asked: Array<readonly string[]> = [];
    const tmux: TmuxRunner = (args) => {
      asked.push(args);
      return Promise.resolve(args[0] === 'show-options' ? 'external\n' : '');
    };
    const { key, written, frame } = await start({ TMUX: '/tmp/tmux-0/default,1,0' }, tmux);
    await key('y', "copied to tmux's paste buffer");
    expect(written).toEqual([]);
    expect(frame()).not.toContain('select with the mouse');
    expect(asked.at(-1)).toEqual(['load-buffer', '-w', '-']);
  });

  it('y in tmux with set-clipboard off: the view, and why', async () => {
    const tmux: TmuxRunner = (args) => Promise.resolve(args[0] === 'show-options' ? 'off\n' : '');
    const { key } = await start({ TMUX: '/tmp/tmux-0/default,1,0' }, tmux);
    await key('y', 'select with the mouse', 'set-clipboard off');
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

  it('P with nothing to probe says why', async () => {
    const { key, app, frame } = await start();
    await key('/', 'type to filter');
    await key('access-req', '/ access-req');
    app.stdin.write(RAW.escape);
    await waitForText(frame, 'Enter pick');
    await key('m', 'Access matrix', '1 operation (endpoints matching "access-req")');
    const shown = await key('P', 'nothing to probe');
    expect(shown.replace(/\s+/g, ' ')).toContain(
      'the one operation shown is not a GET without path parameters',
    );
  });
});
