import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, tempDir } from '../support/cli.js';
import type { TmuxSession } from '../support/tmux.js';
import { keyholeInTmux, tmuxAvailable } from '../support/tmux.js';

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';
if (!HAVE_TMUX && !MUST_RUN) {
  console.warn('SKIPPED test/e2e/tui.test.ts: tmux is not installed (apt-get install tmux)');
}

/** Keys must be answered within this, even with a 20 MB body on screen. */
const KEY_DEADLINE_MS = 3000;

describe.skipIf(!HAVE_TMUX && !MUST_RUN)('the TUI in a real terminal (tmux)', () => {
  const { dir, cleanup } = tempDir('keyhole-e2e-');
  const config = path.join(dir, 'config');
  const scratch = path.join(dir, 'tmp');
  let tmux: TmuxSession;

  const editor = path.join(dir, 'fake-editor.sh');

  beforeAll(() => {
    expect(HAVE_TMUX, 'tmux must be installed in CI').toBe(true);
    // An "editor" that writes a body and exits, standing in for a person in vi.
    writeFileSync(editor, `#!/bin/sh\nprintf '{"edited": "in the editor"}\\n' > "$1"\n`);
    chmodSync(editor, 0o755);
    tmux = keyholeInTmux({
      dir,
      scratch,
      configDir: config,
      bin: KEYHOLE_BIN,
      args: '--demo',
      env: { EDITOR: editor },
    });
  });

  afterAll(() => {
    tmux?.kill();
    cleanup();
  });

  it('starts on the demo tenant', async () => {
    const { screen } = await tmux.waitForText([
      'DEMO TENANT',
      'demo-api @ 127.0.0.1',
      'no user context',
      '✗ POST   /v3/access-requests',
    ]);
    expect(screen).toContain('[API key]');
  });

  it('demo-api: find access-requests, send → 403 and why; the header says no user context', async () => {
    tmux.key('Enter');
    await tmux.waitForText('● demo-api');
    tmux.key('/');
    await tmux.waitForText('type to filter');
    tmux.type('access-req');
    // Enter once the row is found: the catalog may still be loading on a busy machine.
    await tmux.waitFor((s) => /❯.{0,3}POST\s+\/v3\/access-req/.test(s), 'the search finding it');
    tmux.key('Enter');
    await tmux.waitFor((s) => /POST http:\/\/127\.0\.0\.1:\d+\/v3\/access-req/.test(s), 'the pick');
    tmux.key('s');
    const { screen } = await tmux.waitForText([
      '403 Forbidden as demo-api',
      '✗ this token has no user context; demo-pat, demo-helpdesk, demo-scoped have',
    ]);
    expect(screen.split('\n')[1]).toContain('no user context');
  });

  it('switch to demo-pat keeping the request, send again → 2xx as jane.doe', async () => {
    tmux.key('p');
    await tmux.waitForText('▶ Profiles');
    tmux.key('j');
    await tmux.waitFor((s) => /❯\s+demo-pat/.test(s), 'the cursor on demo-pat');
    tmux.key('Enter');
    const { screen } = await tmux.waitForText(['demo-pat @', 'jane.doe', 'ORG_ADMIN']);
    expect(screen).toContain('POST http://127.0.0.1');
    tmux.key('s');
    await tmux.waitForText(['202 Accepted as demo-pat', '"newRequests"']);
  });

  it('c compares demo-api and demo-pat on the POST after asking: 403 vs 202 side by side', async () => {
    tmux.key('c');
    await tmux.waitFor(
      (s) => /❯ \[ \] demo-api/.test(s) && s.includes('[x] demo-pat'),
      'the picker',
    );
    tmux.key(' ');
    await tmux.waitForText('❯ [x] demo-api');
    tmux.key('Enter');
    await tmux.waitForText('sends 2 requests');
    tmux.key('y');
    const { screen } = await tmux.waitForText(['403 Forbidden', '202 Accepted'], 30_000);
    expect(screen).toContain('no user context');
    expect(screen).toContain('user jane.doe');
    const statusLine = screen.split('\n').find((line) => line.includes('403 Forbidden')) ?? '';
    // Side by side: both statuses on one line, demo-api's column first.
    expect(statusLine.indexOf('403 Forbidden')).toBeLessThan(statusLine.indexOf('202 Accepted'));
    tmux.key('Escape');
    await tmux.waitFor(
      (s) => !s.includes('sends 2 requests') && s.includes('▶ Response'),
      'the panels',
    );
  });

  it('a 20 MB body scrolls: G, g and j are answered at once', async () => {
    tmux.key('/');
    await tmux.waitForText('type to filter');
    tmux.type('large');
    // The demo's catalog may still be loading on a busy machine: Enter picks the row found.
    await tmux.waitFor(
      (s) => /❯.{0,3}GET\s+\/demo\/large/.test(s),
      'the search finding /demo/large',
    );
    tmux.key('Enter');
    await tmux.waitFor(
      (s) => /GET http:\/\/127\.0\.0\.1:\d+\/demo\/large/.test(s),
      'the request filled',
    );
    tmux.key('j');
    await tmux.waitFor((s) => /❯ path/.test(s), 'the cursor on the path');
    tmux.key('j');
    await tmux.waitFor((s) => /❯\s+\?mb/.test(s), 'the cursor on ?mb');
    tmux.key('Enter');
    await tmux.waitForText('mb =');
    tmux.type('20');
    tmux.key('Enter');
    await tmux.waitForText('large?mb=20');
    tmux.key('s');
    // The first screen shows at once ("lines 1-17 of 500+ · formatting…"), then the whole body.
    const whole = /lines 1-\d+ of ([\d,]+)(?![\d,+])/;
    const { screen } = await tmux.waitFor(
      (s) => s.includes('200 OK as demo-pat') && s.includes('20 MB') && whole.test(s),
      'the whole body',
      30_000,
    );
    const total = whole.exec(screen)?.[1] ?? '';
    expect(Number(total.replace(/,/g, ''))).toBeGreaterThan(1_000_000);

    tmux.key('G');
    const bottom = await tmux.waitFor(
      (s) => new RegExp(`lines [\\d,]+-${total} of ${total}`).test(s) && /│ \]\s+│/.test(s),
      'the last line',
    );
    tmux.key('g');
    const top = await tmux.waitFor(
      (s) => s.includes(`lines 1-`) && /│ \[\s+│/.test(s),
      'the first line',
    );
    tmux.key('j');
    const down = await tmux.waitForText('lines 2-');
    for (const answer of [bottom, top, down]) expect(answer.ms).toBeLessThan(KEY_DEADLINE_MS);
  });

  it('e hands the body to $EDITOR and takes back what it wrote', async () => {
    tmux.key('e');
    await tmux.waitForText('{"edited":"in the editor"}');
    await tmux.waitForText('body updated from the editor');
  });

  it('reflows when the terminal is resized, down to 80×24, and cuts nothing important there', async () => {
    tmux.resize(80, 24);
    // A bottom border says how many rows are hidden below, when some are.
    const bottom = /^╰─+(?: ↓ [\d,]+ more ─)?╯╰─+(?: ↓ [\d,]+ more ─)?╯$/;
    const { screen } = await tmux.waitFor(
      (s) => bottom.test(s.split('\n')[20] ?? '') && s.includes('? help'),
      'the 80×24 layout',
    );
    const lines = screen.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(lines[1]).toContain('demo-pat @');
    // The expiry is whole at the end of the identity line; the body panel says what is below.
    expect(lines[1], screen).toMatch(/expires in \d+m\s*$/);
    expect(lines[20], screen).toMatch(/↓ [\d,]+ more/);
    // The kind column lines up; the footer ends with where the other keys are.
    const kinds = ['demo-api', 'demo-pat', 'demo-helpdesk'].map((name) =>
      (lines.find((line) => line.includes(` ${name} `)) ?? '').search(/API key|PAT/),
    );
    expect(new Set(kinds).size, screen).toBe(1);
    expect(lines.filter((line) => line.trim() !== '').at(-1), screen).toMatch(/\? help\s*$/);
    tmux.resize(120, 40);
    await tmux.waitFor(
      (s) => s.split('\n')[0]!.includes('its profiles last until you quit'),
      '120 columns',
    );
  });

  it('q quits, restores the terminal, and the demo left nothing behind', async () => {
    tmux.key('q');
    await tmux.waitFor(() => !tmux.running(), 'the session to end');
    expect(existsSync(path.join(config, 'config.json'))).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith('keyhole-demo-'))).toEqual([]);
  });
});
