import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyholeError } from '../../../src/core/errors.js';
import { resolveSecret } from '../../../src/core/secrets/resolve.js';
import { SecretVault } from '../../../src/core/secrets/vault.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';
import { waitFor } from '../../support/wait-for.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const profile = (command: string) =>
  sampleProfile({ name: 'p', secret: { store: 'cmd', command } });

describe('cmd: secrets that leave processes behind', () => {
  it('returns the secret although a grandchild holds stdout open, and kills the grandchild', async () => {
    const pidFile = path.join(dir, 'pid');
    const command = `sleep 1000 & echo $! > '${pidFile}'; echo the-secret`;
    const secret = await resolveSecret(profile(command), new SecretVault(dir), {});
    expect(secret).toBe('the-secret');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !alive(pid), 'the grandchild to be killed', 20_000);
  });

  it('kills the whole group when the command runs past the limit', async () => {
    const pidFile = path.join(dir, 'pid');
    const command = `sleep 1000 & echo $! > '${pidFile}'; wait`;
    const error = await resolveSecret(profile(command), new SecretVault(dir), {
      KEYHOLE_SECRET_COMMAND_TIMEOUT: '3',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyholeError);
    expect((error as KeyholeError).message).toMatch(/did not finish within 3 s/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => !alive(pid), 'the grandchild to be killed', 20_000);
  });
});
