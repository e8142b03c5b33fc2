import { describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';

const MESSAGE = "keyhole's TUI needs a terminal; use the CLI commands, see keyhole --help";

describe('the TUI without a terminal', () => {
  it.each([[[]], [['--demo']], [['--profile', 'acme']], [['--demo', '--profile=demo-pat']]])(
    'keyhole %j exits 2 with a message instead of starting (Ink alone would exit 0)',
    async (args) => {
      const { dir, cleanup } = tempDir();
      try {
        const result = await runKeyhole(args, { env: { KEYHOLE_CONFIG_DIR: dir } });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(MESSAGE);
        expect(result.stdout).toBe('');
        expect(result.stderr).not.toMatch(/Raw mode/);
      } finally {
        cleanup();
      }
    },
  );

  it('other commands still parse; --profile without a name is a usage error', async () => {
    const help = await runKeyhole(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--demo');
    expect(help.stdout).toContain('--profile <profile>');
    expect(help.stdout).toContain('Without a command, keyhole starts its terminal UI.');
    const missing = await runKeyhole(['--profile']);
    expect(missing.code).toBe(2);
    const unknown = await runKeyhole(['nonsense']);
    expect(unknown.code).toBe(2);
  });
});
