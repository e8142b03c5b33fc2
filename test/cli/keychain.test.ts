import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';
import { keychainRequired, keychainTools, runInKeychainSession } from '../support/keychain.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

if (!keychainTools && !keychainRequired) {
  console.warn(
    '[keychain] SKIPPED: dbus-run-session or gnome-keyring-daemon missing (apt-get install dbus gnome-keyring)',
  );
}

describe.skipIf(!keychainTools && !keychainRequired)(
  'OS keychain (GNOME Keyring over the Secret Service)',
  () => {
    it('stores the secret in the keychain, moves it on rename and deletes it on rm', async () => {
      const configDir = path.join(dir, 'config');
      writeFileSync(path.join(dir, 'secret.txt'), 'keychain-value-42\n');
      const session = await runInKeychainSession(
        dir,
        `
step add ${dir}/secret.txt -- profiles add acme --base-url https://acme.api.identitynow.com --client-id c --secret-stdin
step show -- profiles show acme --json
keyring_get acme/client_secret >${dir}/steps/before.txt
step rename -- profiles rename acme acme2
keyring_get acme/client_secret >${dir}/steps/old.txt
keyring_get acme2/client_secret >${dir}/steps/new.txt
step rm -- profiles rm acme2
keyring_get acme2/client_secret >${dir}/steps/after.txt
`,
        { KEYHOLE_CONFIG_DIR: configDir },
      );
      const add = session.steps('add');
      expect(add.code, `${add.stderr}\n${session.raw.stderr}`).toBe(0);
      expect(JSON.parse(session.steps('show').stdout)).toMatchObject({
        secretStorage: 'keyring',
        plaintext: false,
      });
      const file = (name: string) =>
        import('node:fs').then((fs) => fs.readFileSync(path.join(dir, 'steps', name), 'utf8'));
      expect(await file('before.txt')).toBe('keychain-value-42');
      expect(session.steps('rename').code).toBe(0);
      expect(await file('old.txt')).toBe('<none>');
      expect(await file('new.txt')).toBe('keychain-value-42');
      expect(session.steps('rm').code).toBe(0);
      expect(await file('after.txt')).toBe('<none>');
    });
  },
);

describe.skipIf(!keychainTools && !keychainRequired)('tokens of a keychain profile', () => {
  it('are cached in the keychain too, never in a file', async () => {
    const { startDemoTenant } = await import('../../src/demo/server.js');
    const tenant = await startDemoTenant();
    try {
      const configDir = path.join(dir, 'config');
      writeFileSync(path.join(dir, 'secret.txt'), 'demo-pat-secret');
      const session = await runInKeychainSession(
        dir,
        `
step add ${dir}/secret.txt -- profiles add pat --base-url ${tenant.baseUrl} --client-id demo-pat-client --secret-stdin --kind pat
step first -- token pat --json
step second -- token pat --json
keyring_get pat/token_cache >${dir}/steps/cache.txt
step rm -- profiles rm pat
keyring_get pat/token_cache >${dir}/steps/after.txt
`,
        { KEYHOLE_CONFIG_DIR: configDir },
      );
      expect(session.steps('first').code, session.steps('first').stderr).toBe(0);
      expect(JSON.parse(session.steps('first').stdout)).toMatchObject({ origin: 'granted' });
      expect(JSON.parse(session.steps('second').stdout)).toMatchObject({ origin: 'cache' });
      const { readFileSync, readdirSync } = await import('node:fs');
      expect(JSON.parse(readFileSync(path.join(dir, 'steps', 'cache.txt'), 'utf8'))).toHaveProperty(
        'accessToken',
      );
      expect(readdirSync(configDir)).not.toContain('tokens.json');
      expect(readFileSync(path.join(dir, 'steps', 'after.txt'), 'utf8')).toBe('<none>');
    } finally {
      await tenant.close();
    }
  });
});

describe('no usable keychain', () => {
  it('refuses to store a secret, saves nothing, and offers env:, cmd: and --insecure-storage', async () => {
    const env = {
      KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/no-bus`,
    };
    const add = await runKeyhole(
      [
        'profiles',
        'add',
        'acme',
        '--base-url',
        'https://acme.api.identitynow.com',
        '--secret-stdin',
      ],
      { env, input: 'value\n' },
    );
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('the OS keychain is not usable here');
    for (const offer of ['--secret env:VAR', '--secret cmd:COMMAND', '--insecure-storage']) {
      expect(add.stderr).toContain(offer);
    }
    const list = await runKeyhole(['profiles', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
