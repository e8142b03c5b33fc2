import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';
import type { TmuxSession } from '../support/tmux.js';
import { keyholeInTmux, tmuxAvailable } from '../support/tmux.js';

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';
if (!HAVE_TMUX && !MUST_RUN) {
  console.warn(
    'SKIPPED test/e2e/tui-profiles.test.ts: tmux is not installed (apt-get install tmux)',
  );
}

/** Generous: the TUI gathers file events for 100 ms, and a busy machine is much slower. */
const DEADLINE_MS = 20_000;

describe.skipIf(!HAVE_TMUX && !MUST_RUN)(
  'profiles in a real terminal (tmux, 120×40 and 80×24)',
  () => {
    const { dir, cleanup } = tempDir('keyhole-e2e-profiles-');
    // Not created yet: a new user on the demo, who then adds a profile in another terminal.
    const config = path.join(dir, 'config');
    const scratch = path.join(dir, 'tmp');
    let tmux: TmuxSession;
    const keyhole = async (...args: string[]) => {
      const result = await runKeyhole(args, { env: { KEYHOLE_CONFIG_DIR: config } });
      expect(result.code, result.stderr).toBe(0);
    };

    beforeAll(() => {
      expect(HAVE_TMUX, 'tmux must be installed in CI').toBe(true);
      tmux = keyholeInTmux({
        dir,
        scratch,
        configDir: config,
        bin: KEYHOLE_BIN,
      });
    });

    afterAll(() => {
      tmux?.kill();
      cleanup();
    });

    it('profiles added, renamed and removed by the CLI appear in the open TUI', async () => {
      await tmux.waitForText(['DEMO TENANT', 'demo-api @ 127.0.0.1']);
      await keyhole(
        'profiles',
        'add',
        'from-cli',
        '--base-url',
        'http://127.0.0.1:9',
        '--secret',
        'env:KEYHOLE_TEST_UNSET',
      );
      await tmux.waitForText('from-cli', DEADLINE_MS);
      await keyhole('profiles', 'rename', 'from-cli', 'renamed-cli');
      await tmux.waitFor(
        (s) => s.includes('renamed-cli') && !s.includes('from-cli'),
        'the rename',
        DEADLINE_MS,
      );
      await keyhole('profiles', 'rm', 'renamed-cli');
      const { screen } = await tmux.waitFor(
        (s) => !s.includes('renamed-cli'),
        'the removal',
        DEADLINE_MS,
      );
      expect(screen).toContain('demo-api @');
    });
    it('S on a demo profile explains why it is not saved, and saves nothing', async () => {
      tmux.resize(80, 24);
      await tmux.waitFor((s) => s.split('\n').length <= 25 && s.includes('? help'), '80×24');
      tmux.key('p');
      await tmux.waitForText('▶ Profiles');
      tmux.key('S');
      const { screen } = await tmux.waitForText([
        'Demo profiles are not saved',
        'keyhole demo-server --port 4010',
        'any key closes',
      ]);
      expect(Math.max(...screen.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(
        80,
      );
      tmux.key('x');
      await tmux.waitFor((s) => !s.includes('Demo profiles are not saved'), 'the dialog to close');
      // The CLI's profiles above left an empty config; S added nothing to it.
      const list = await runKeyhole(['profiles', 'list', '--json'], {
        env: { KEYHOLE_CONFIG_DIR: config },
      });
      expect(JSON.parse(list.stdout)).toEqual([]);
    });
  },
);
