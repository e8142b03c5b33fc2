import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { foldCommand } from '../../../src/core/curl/fold.js';
import { shellQuote } from '../../../src/core/curl/shell.js';

/** What bash prints for a command: each argument of printf on its own line. */
function run(command: string): string {
  const result = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const WORDS = [
  'http://127.0.0.1:40123/v3/identities?filters=name%20eq%20%22jane%22&limit=250&offset=0',
  `{"note":"it's a long body with 'quotes' and \\\\ backslashes and $(no expansion) \`here\`"}`,
  "'''",
  'Authorization-ish: x',
  "o'neil",
  '',
  'a string\nwith a newline in it, long enough to be folded on its second line as well',
];

describe('foldCommand', () => {
  it('keeps every line within the width and bash reads the same words', () => {
    const command = [
      `printf '%s\\n' ${WORDS.map(shellQuote).join(' ')} \\`,
      `  ${shellQuote('a second line of the command, also long enough to be folded somewhere')}`,
    ].join('\n');
    const expected = run(command);
    for (const width of [4, 5, 7, 13, 20, 33, 80]) {
      const lines = foldCommand(command, width);
      for (const line of lines) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(run(lines.join('\n')), `width ${width}:\n${lines.join('\n')}`).toBe(expected);
    }
  });

  it('leaves lines that fit as they are', () => {
    expect(foldCommand("curl 'http://x/' \\\n  -H @-", 80)).toEqual([
      "curl 'http://x/' \\",
      '  -H @-',
    ]);
  });
});
