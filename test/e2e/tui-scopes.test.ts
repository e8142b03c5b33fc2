import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, tempDir } from '../support/cli.js';
import type { TmuxSession } from '../support/tmux.js';
import { keyholeInTmux, tmuxAvailable } from '../support/tmux.js';

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';
if (!HAVE_TMUX && !MUST_RUN) {
  console.warn('SKIPPED test/e2e/tui-scopes.test.ts: tmux is not installed (apt-get install tmux)');
}

describe.skipIf(!HAVE_TMUX && !MUST_RUN)('the scopes plan and audit in a real terminal', () => {
  const { dir, cleanup } = tempDir('keyhole-e2e-scopes-');
  let tmux: TmuxSession;

  beforeAll(() => {
    expect(HAVE_TMUX, 'tmux must be installed in CI').toBe(true);
    tmux = keyholeInTmux({
      dir,
      scratch: path.join(dir, 'tmp'),
      configDir: path.join(dir, 'config'),
      bin: KEYHOLE_BIN,
      args: '--demo',
    });
  });

  afterAll(() => {
    tmux?.kill();
    cleanup();
  });

  /** Searches the endpoints, stops typing, and waits for the cursor on the row `row` matches. */
  async function find(text: string, row: RegExp) {
    tmux.key('/');
    await tmux.waitForText('type to filter');
    tmux.type(text);
    // The demo's catalog may still be loading on a busy machine: wait for the row itself.
    await tmux.waitFor((s) => row.test(s), `the search finding ${text}`);
    tmux.key('Escape');
    await tmux.waitFor((s) => !s.includes('type to filter'), 'the search stopped');
  }

  it('as demo-pat: mark listWorkflows and listIdentities, L shows the plan worked out by hand', async () => {
    await tmux.waitForText(['DEMO TENANT', 'demo-api @ 127.0.0.1']);
    tmux.key('j');
    await tmux.waitFor((s) => /❯\s+demo-pat/.test(s), 'the cursor on demo-pat');
    tmux.key('Enter');
    await tmux.waitForText(['demo-pat @', 'jane.doe']);
    await find('workflows', /❯.{1,3}GET\s+\/beta\/workflows/);
    tmux.key(' ');
    await tmux.waitFor((s) => /❯●.{1,2}GET\s+\/beta\/workflows/.test(s), 'the mark');
    await find('identities', /❯.{1,3}GET\s+\/v3\/identities\s/);
    tmux.key(' ');
    await tmux.waitForText('Endpoints · 2 marked');
    tmux.key('L');
    // policy.ts: listIdentities takes idn:identity:read or :manage from anyone with ORG_ADMIN or
    // HELPDESK; listWorkflows sp:workflow:read or :manage from users only, ORG_ADMIN only. Read
    // scopes go first, and ORG_ADMIN alone lets one user call both.
    const { screen } = await tmux.waitForText([
      'Scopes plan',
      'Scopes for 2 operations: 2 scopes (the fewest, proved)',
      "credential: a user's: 1 operation needs a user, so use a PAT (an API key cannot)",
      'user level: ORG_ADMIN (enough for every operation here)',
    ]);
    expect(screen).toMatch(/idn:identity:read\s+GET \/v3\/identities/);
    expect(screen).toMatch(/sp:workflow:read\s+GET \/beta\/workflows/);
    expect(screen).toMatch(/GET\s+\/beta\/workflows\s+listWorkflows\s+sp:workflow:manage/);
  });

  it('Space and L in one chunk: unmark, then the plan of the one mark left', async () => {
    tmux.key('Escape');
    await tmux.waitFor((s) => !s.includes('Scopes plan'), 'the panels');
    tmux.chunk(' L');
    const { screen } = await tmux.waitForText('Scopes for 1 operation: 1 scope');
    expect(screen).toMatch(/sp:workflow:read\s+GET \/beta\/workflows/);
    expect(screen).not.toContain('idn:identity:read');
  });

  it('A on the token panel: the audit of demo-pat, which has no recorded call yet', async () => {
    tmux.key('Escape');
    await tmux.waitFor((s) => !s.includes('Scopes plan'), 'the panels');
    tmux.key('t');
    await tmux.waitForText('A scopes audit');
    tmux.key('A');
    await tmux.waitForText([
      'Scopes audit',
      'Audit of demo-pat: a user token (PAT)',
      'holds scopes: sp:scopes:all',
      'No recorded calls for demo-pat yet',
    ]);
  });
});
