import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyholeError } from '../../../src/core/errors.js';
import type { Profile } from '../../../src/core/profiles/schema.js';
import { resolveClientId, resolveSecret } from '../../../src/core/secrets/resolve.js';
import { parseSecretSource } from '../../../src/core/secrets/source.js';
import { SecretVault } from '../../../src/core/secrets/vault.js';
import { tempDir } from '../../support/cli.js';
import { sampleProfile } from '../../support/profiles.js';

let dir: string;
let cleanup: () => void;
let vault: SecretVault;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  vault = new SecretVault(dir);
});
afterEach(() => cleanup());

const profile = (secret: Profile['secret'], clientId?: string): Profile =>
  sampleProfile({ name: 'p', secret, ...(clientId ? { clientId } : {}) });

async function rejection(promise: Promise<unknown>): Promise<KeyholeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyholeError);
  return error as KeyholeError;
}

describe('resolveSecret', () => {
  it('reads env: at use and names the variable when it is unset', async () => {
    expect(await resolveSecret(profile({ store: 'env', var: 'S' }), vault, { S: 'from-env' })).toBe(
      'from-env',
    );
    const error = await rejection(resolveSecret(profile({ store: 'env', var: 'S' }), vault, {}));
    expect(error.message).toContain('$S, which is not set');
  });

  it('takes cmd: stdout without the final newline', async () => {
    expect(
      await resolveSecret(profile({ store: 'cmd', command: "printf 'line1\\n'" }), vault),
    ).toBe('line1');
  });

  it('never repeats what a failing secret command printed', async () => {
    const command = 'echo leaked-on-stderr >&2; echo leaked-on-stdout; exit 3';
    const error = await rejection(resolveSecret(profile({ store: 'cmd', command }), vault));
    expect(error.message).toContain('exited with code 3');
    expect(`${error.message} ${error.hint}`).not.toMatch(/leaked-on/);
  });

  it('reports a command that prints nothing', async () => {
    const error = await rejection(resolveSecret(profile({ store: 'cmd', command: 'true' }), vault));
    expect(error.message).toContain('printed nothing');
  });

  it('reads the plaintext file store and explains a missing value', async () => {
    const error = await rejection(resolveSecret(profile({ store: 'file' }), vault));
    expect(error.hint).toContain('set-secret p');
    await vault.backend('file').set('p', 'client_secret', 'stored');
    expect(await resolveSecret(profile({ store: 'file' }), vault)).toBe('stored');
  });

  it('returns undefined for a profile without a secret', async () => {
    expect(await resolveSecret(profile({ store: 'none' }), vault)).toBeUndefined();
  });
});

describe('resolveClientId', () => {
  it('reads env:VAR ids from the environment and keeps literal ids', () => {
    expect(resolveClientId(profile({ store: 'none' }, 'env:CID'), { CID: 'abc' })).toBe('abc');
    expect(resolveClientId(profile({ store: 'none' }, 'literal-id'), {})).toBe('literal-id');
    expect(() => resolveClientId(profile({ store: 'none' }, 'env:CID'), {})).toThrow(
      '$CID, which is not set',
    );
  });
});

describe('parseSecretSource', () => {
  it('accepts the four forms and refuses a bare value', () => {
    expect(parseSecretSource('env:MY_SECRET')).toEqual({ store: 'env', var: 'MY_SECRET' });
    expect(parseSecretSource('cmd:op read op://x')).toEqual({
      store: 'cmd',
      command: 'op read op://x',
    });
    expect(parseSecretSource('keyring')).toEqual({ store: 'keyring' });
    expect(parseSecretSource('file')).toEqual({ store: 'file' });
    expect(() => parseSecretSource('s3cr3t')).toThrow('--secret takes where the secret lives');
    expect(() => parseSecretSource('cmd:')).toThrow('command: must not be empty');
  });
});
