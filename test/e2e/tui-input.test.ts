import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYHOLE_BIN, tempDir } from '../support/cli.js';
import type { TmuxSession } from '../support/tmux.js';
import { keyholeInTmux, tmuxAvailable } from '../support/tmux.js';

const HAVE_TMUX = tmuxAvailable();
const MUST_RUN = process.env.CI === 'true';

/** The first body line shown, from the panel's note `lines 11-40 of 52,431`. */
function firstLine(screen: string): number {
  return Number(/lines ([\d,]+)-/.exec(screen)?.[1]?.replace(/,/g, '') ?? NaN);
}

/** The last body line the Response panel shows ("lines 56-85 of …" → 85). */
function lastLine(screen: string): number {
  return Number(/lines [\d,]+-([\d,]+)/.exec(screen)?.[1]?.replace(/,/g, '') ?? NaN);
}

describe.skipIf(!HAVE_TMUX && !MUST_RUN)('keys in chunks and at key-repeat speed (tmux)', () => {
  const { dir, cleanup } = tempDir('keyhole-e2e-input-');
  let tmux: TmuxSession;

  beforeAll(() => {
    expect(HAVE_TMUX, 'tmux must be installed in CI').toBe(true);
    const scratch = path.join(dir, 'tmp');
    tmux = keyholeInTmux({
      dir,
      scratch,
      configDir: path.join(dir, 'config'),
      bin: KEYHOLE_BIN,
      args: '--demo',
    });
  });
  afterAll(() => {
    tmux?.kill();
    cleanup();
  });

  /** Waits until the body's first line reaches `line` (from above or below): it must stop there. */
  async function bodyAt(line: number, what: string) {
    const from = firstLine(tmux.screen());
    const reached = (at: number) => (line >= from ? at >= line : at <= line);
    const { screen } = await tmux.waitFor((s) => reached(firstLine(s)), what);
    expect(firstLine(screen), screen).toBe(line);
  }

  it('a long response: ten j in one chunk move 10 lines, 50 j one per send-keys move 50', async () => {
    await tmux.waitForText('DEMO TENANT');
    // Typed text in one chunk is text: the search gets all of it.
    tmux.key('/');
    await tmux.waitForText('type to filter');
    tmux.chunk('large');
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
    tmux.chunk('jj');
    await tmux.waitFor((s) => /❯\s+\?mb/.test(s), 'the cursor on ?mb (two j in one chunk)');
    tmux.key('Enter');
    await tmux.waitForText('mb =');
    tmux.chunk('1');
    tmux.key('Enter');
    await tmux.waitForText('large?mb=1');
    tmux.key('s');
    await tmux.waitForText(['200 OK', 'lines 1-'], 30_000);

    tmux.chunk('jjjjjjjjjj');
    await bodyAt(11, 'ten lines down');
    for (let i = 0; i < 50; i++) tmux.key('j');
    await bodyAt(61, 'fifty more lines down');
    tmux.chunk('kkkkk');
    await bodyAt(56, 'five lines up');
  });

  it('the same at 80×24', async () => {
    // The panel shows fewer lines once the app has laid itself out again for 24 rows.
    const shownBefore = lastLine(tmux.screen()) - firstLine(tmux.screen());
    tmux.resize(80, 24);
    await tmux.waitFor(
      (s) => lastLine(s) - firstLine(s) < shownBefore,
      'the body re-laid out for 80×24',
    );
    tmux.key('g');
    await bodyAt(1, 'the top');
    tmux.chunk('jjjjjjjjjj');
    await bodyAt(11, 'ten lines down');
    for (let i = 0; i < 50; i++) tmux.key('j');
    await bodyAt(61, 'fifty more lines down');
  });

  it('after s, o is still the grant (demo-api has one) while g stays "top"', async () => {
    tmux.key('o');
    await tmux.waitForText('this profile can use only client_credentials');
    tmux.key('q');
    await tmux.waitFor(() => !tmux.running(), 'the session to end');
  });
});
