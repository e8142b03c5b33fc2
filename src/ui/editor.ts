import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeyholeError } from '../core/errors.js';

/**
 * Lets the person edit `text` in $EDITOR (vi when unset) and returns the result. The text goes
 * to a 0600 file in a private temporary folder that is removed afterwards.
 *
 * The editor runs synchronously on purpose: while it has the terminal, nothing in this process
 * may read stdin, and a blocked event loop is the one sure way (an idle stream would otherwise
 * keep reading keys meant for the editor).
 */
export function editInEditor(
  text: string,
  options: { extension?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const env = options.env ?? process.env;
  const editor = env.EDITOR?.trim() || 'vi';
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-edit-'));
  const file = path.join(dir, `request-body${options.extension ?? '.json'}`);
  try {
    writeFileSync(file, text, { mode: 0o600 });
    // $EDITOR may carry arguments ("code --wait"), so it goes through the shell like git does.
    const result =
      process.platform === 'win32'
        ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true, env })
        : spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'keyhole-editor', file], {
            stdio: 'inherit',
            env,
          });
    if (result.error) {
      throw new KeyholeError(`cannot start the editor "${editor}": ${result.error.message}`, {
        hint: 'Set EDITOR to an editor installed here.',
      });
    }
    if (result.status !== 0) {
      throw new KeyholeError(
        `the editor "${editor}" exited with ${result.status ?? result.signal}`,
        {
          hint: 'The body was left as it was.',
        },
      );
    }
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
