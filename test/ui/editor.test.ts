import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editInEditor } from '../../src/ui/editor.js';
import { tempDir } from '../support/cli.js';

const { dir, cleanup } = tempDir('keyhole-editor-');
afterAll(cleanup);

describe('editing the body in $EDITOR', () => {
  it('hands the editor a private 0600 file and reads back what it wrote', () => {
    const editor = path.join(dir, 'fake-editor.sh');
    writeFileSync(
      editor,
      `#!/bin/sh\nstat -c %a "$1" > "${dir}/mode"\nsed -i 's/GRANT_ACCESS/REVOKE_ACCESS/' "$1"\n`,
    );
    chmodSync(editor, 0o755);
    const edited = editInEditor('{"requestType": "GRANT_ACCESS"}\n', {
      env: { ...process.env, EDITOR: editor },
    });
    expect(edited).toBe('{"requestType": "REVOKE_ACCESS"}\n');
    expect(readFileSync(path.join(dir, 'mode'), 'utf8').trim()).toBe('600');
  });

  it('reports an editor that fails, and leaves nothing behind', () => {
    expect(() => editInEditor('x', { env: { ...process.env, EDITOR: 'false' } })).toThrow(
      /exited with 1/,
    );
  });
});
