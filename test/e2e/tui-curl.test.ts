import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { KEYHOLE_BIN, runKeyhole, runProcess, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { leaksIn } from '../support/leaks.js';
import { TmuxSession, tmuxAvailable } from '../support/tmux.js';

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';
if (!HAVE_TMUX && !MUST_RUN) {
  console.warn('SKIPPED test/e2e/tui-curl.test.ts: tmux is not installed (apt-get install tmux)');
}

/**
 * The command as the plain view shows it: from its first line (which runs keyhole's token
 * command) to the first line that does not continue. capture-pane drops trailing spaces.
 */
function commandOnScreen(screen: string): string[] {
  const rows = screen.split('\n');
  const first = rows.findIndex((row) => / token acme-api --header \| curl /.test(row));
  if (first < 0) return [];
  const end = rows.findIndex((row, at) => at >= first && !row.endsWith('\\'));
  return rows.slice(first, end + 1);
}

describe.skipIf(!HAVE_TMUX && !MUST_RUN)('y: copy as curl, in a real terminal (tmux)', () => {
  const { dir, cleanup } = tempDir('keyhole-e2e-curl-');
  let tenant: DemoTenant;
  let tmux: TmuxSession;
  /** What a user's shell has after README's npm start in a clone: no `keyhole` on PATH. */
  const shell = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
    ...DEMO_SECRET_ENV,
  };
  const bash = (command: string) => runProcess('bash', ['-c', command], { env: shell });
  let expected: unknown;
  let secrets: string[];

  beforeAll(async () => {
    expect(HAVE_TMUX, 'tmux must be installed in CI').toBe(true);
    expect((await bash('command -v keyhole')).code, 'keyhole must not be on PATH here').not.toBe(0);
    tenant = await startDemoTenant({ port: 0 });
    const keyhole = (args: string[]) => runKeyhole(args, { env: shell });
    await addDemoProfiles(
      keyhole,
      tenant.baseUrl,
      [['acme-api', 'demo-api-client', 'API_SECRET', 'api-key']],
      ['--spec', `${tenant.baseUrl}/demo/openapi.json`],
    );
    const called = await keyhole(['call', 'acme-api', 'GET', '/v3/identities']);
    expect(called.code, called.stderr).toBe(0);
    expected = JSON.parse(called.stdout);
    const token = (await keyhole(['token', 'acme-api', '--raw'])).stdout.trim();
    secrets = [token, DEMO_SECRET_ENV.API_SECRET];
    const scratch = path.join(dir, 'tmp');
    tmux = new TmuxSession({
      dir,
      width: 80,
      height: 24,
      command: `mkdir -p ${scratch} && exec node ${KEYHOLE_BIN}`,
      env: { ...shell, TMPDIR: scratch, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
    });
    tmux.start();
  });

  afterAll(async () => {
    tmux?.kill();
    await tenant?.close();
    cleanup();
  });

  it('with set-clipboard off: the plain view, and the command it shows runs in bash', async () => {
    await tmux.waitForText(['acme-api @ 127.0.0.1', 'no user context']);
    tmux.command(['set-option', '-g', 'set-clipboard', 'off']);
    tmux.key('/');
    await tmux.waitForText('type to filter');
    tmux.type('identities');
    // Enter once the row is found: the catalog may still be loading on a busy machine.
    await tmux.waitFor((s) => /❯.{0,3}GET\s+\S*\/identities\b/.test(s), 'the search finding it');
    tmux.key('Enter');
    await tmux.waitFor(
      (s) => /GET http:\/\/127\.0\.0\.1:\d+\/v3\/identities\s/.test(s),
      'GET /v3/identities in the request panel',
    );
    tmux.key('y');
    const { screen } = await tmux.waitForText(['select with the mouse', 'set-clipboard off']);
    expect(screen).not.toContain('copied to the clipboard');
    const lines = commandOnScreen(screen);
    // At 80 columns the first line is folded at the edge; no line is cut.
    expect(lines.length, screen).toBeGreaterThan(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^node \/\S+\/dist\/keyhole\.js token acme-api --header \| curl /);
    // No border in the view: the selection is the command and nothing else.
    expect(screen.split('\n').slice(2, -2).join('\n')).not.toMatch(/[╭╮╰╯│─━]/);
    expect(leaksIn('the curl view', screen, secrets)).toEqual([]);

    const ran = await bash(`${lines.join('\n')} --silent --show-error --fail`);
    expect(ran.code, `${lines.join('\n')}\n${ran.stderr}`).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual(expected);
    tmux.key('Escape');
    await tmux.waitFor((s) => !s.includes('select with the mouse'), 'the view to close');
  });

  it("with set-clipboard on: copied into tmux's paste buffer, which holds the command", async () => {
    tmux.command(['set-option', '-g', 'set-clipboard', 'on']);
    tmux.key('y');
    const { screen } = await tmux.waitForText("copied to tmux's paste buffer");
    expect(screen).not.toContain('select with the mouse');
    const buffer = tmux.command(['show-buffer']);
    expect(buffer).toMatch(/^node \/\S+\/dist\/keyhole\.js token acme-api --header \| curl /);
    expect(leaksIn('the tmux buffer', buffer, secrets)).toEqual([]);
    const ran = await bash(`${buffer} --silent --show-error --fail`);
    expect(ran.code, `${buffer}\n${ran.stderr}`).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual(expected);
  });
});
