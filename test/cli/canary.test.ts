import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runKeyhole, tempDir } from '../support/cli.js';
import { keychainRequired, keychainTools, runInKeychainSession } from '../support/keychain.js';

/**
 * Plants one canary secret everywhere a secret can enter keyhole (stdin, environment, a secret
 * command, the SailPoint CLI's config) and searches every output and every file keyhole wrote.
 * The plaintext store is the one place it must appear: that hit proves the search can find it.
 */
const CANARY = `kh-canary-${randomUUID()}`;

let dir: string;
let cleanup: () => void;
let configDir: string;
const outputs: { label: string; text: string }[] = [];

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
});
afterAll(() => cleanup());

function record(label: string, result: CliResult): CliResult {
  outputs.push(
    { label: `${label} stdout`, text: result.stdout },
    { label: `${label} stderr`, text: result.stderr },
  );
  return result;
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(root, entry))
    .filter((file) => statSync(file).isFile());
}

function hits(): string[] {
  const found = outputs.filter((o) => o.text.includes(CANARY)).map((o) => o.label);
  for (const file of filesUnder(configDir)) {
    if (readFileSync(file).includes(CANARY)) found.push(file);
  }
  return found;
}

describe('a canary secret never leaks', () => {
  it('appears in no output and no file but the plaintext store it was put in', async () => {
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.sailpoint'), { recursive: true });
    writeFileSync(
      path.join(home, '.sailpoint', 'config.yaml'),
      `activeenvironment: acme\nauthtype: pat\nenvironments:\n  acme:\n    baseurl: https://acme.api.identitynow.com\n    tenanturl: https://acme.identitynow.com\n    pat:\n      clientid: pat-id\n      clientsecret: ${CANARY}\n`,
    );
    const env = {
      KEYHOLE_CONFIG_DIR: configDir,
      HOME: home,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/no-bus`,
      CANARY_VAR: CANARY,
      SAIL_BASE_URL: 'https://acme.api.identitynow.com',
      SAIL_CLIENT_ID: 'sail-id',
      SAIL_CLIENT_SECRET: CANARY,
    };
    const keyhole = async (label: string, args: string[], input?: string) =>
      record(label, await runKeyhole(args, { env, input }));
    const base = ['--base-url', 'https://acme.api.identitynow.com', '--client-id', 'c'];

    expect(
      (
        await keyhole(
          'add file',
          ['profiles', 'add', 'f', ...base, '--secret-stdin', '--insecure-storage'],
          `${CANARY}\n`,
        )
      ).code,
    ).toBe(0);
    expect(
      (await keyhole('add env', ['profiles', 'add', 'e', ...base, '--secret', 'env:CANARY_VAR']))
        .code,
    ).toBe(0);
    expect(
      (
        await keyhole('add cmd', [
          'profiles',
          'add',
          'c',
          ...base,
          '--secret',
          'cmd:printenv CANARY_VAR',
        ])
      ).code,
    ).toBe(0);
    // Failure paths print messages too: none may quote the value they refused.
    expect(
      (
        await keyhole(
          'add keyring (none here)',
          ['profiles', 'add', 'k', ...base, '--secret-stdin'],
          CANARY,
        )
      ).code,
    ).toBe(1);
    expect(
      (
        await keyhole(
          'add duplicate',
          ['profiles', 'add', 'f', ...base, '--secret-stdin', '--insecure-storage'],
          CANARY,
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await keyhole(
          'env + stdin',
          ['profiles', 'add', 'x', ...base, '--secret', 'env:A', '--secret-stdin'],
          CANARY,
        )
      ).code,
    ).toBe(2);
    expect((await keyhole('import sail', ['profiles', 'import', 'sail'])).code).toBe(0);
    expect((await keyhole('import again', ['profiles', 'import', 'sail', '--json'])).code).toBe(0);
    for (const json of [[], ['--json']]) {
      await keyhole('list', ['profiles', 'list', ...json]);
      for (const name of ['f', 'e', 'c', 'acme', 'sail-env'])
        await keyhole(`show ${name}`, ['profiles', 'show', name, ...json]);
    }
    expect(
      (
        await keyhole(
          'set-secret',
          ['profiles', 'set-secret', 'e', '--secret-stdin', '--insecure-storage'],
          CANARY,
        )
      ).code,
    ).toBe(0);
    expect((await keyhole('rename', ['profiles', 'rename', 'f', 'f2'])).code).toBe(0);
    expect((await keyhole('rm', ['profiles', 'rm', 'c'])).code).toBe(0);
    await keyhole('config path', ['config', 'path', '--json']);

    const secretsFile = path.join(configDir, 'secrets.json');
    expect(hits()).toEqual([secretsFile]);
    expect(outputs.length).toBeGreaterThan(40);
  });

  it.skipIf(!keychainTools && !keychainRequired)(
    'stays out of every output when it lives in the keychain',
    async () => {
      const home = path.join(dir, 'keychain-home');
      mkdirSync(home, { recursive: true });
      writeFileSync(path.join(home, 'secret.txt'), CANARY);
      const kcConfig = path.join(home, 'config');
      const session = await runInKeychainSession(
        home,
        `
step add ${home}/secret.txt -- profiles add kc --base-url https://acme.api.identitynow.com --client-id c --secret-stdin
step list -- profiles list --json
step show -- profiles show kc
step rename -- profiles rename kc kc2
keyring_get kc2/client_secret >${home}/steps/stored.txt
step rm -- profiles rm kc2
`,
        { KEYHOLE_CONFIG_DIR: kcConfig },
      );
      expect(session.steps('add').code, session.steps('add').stderr).toBe(0);
      expect(readFileSync(path.join(home, 'steps', 'stored.txt'), 'utf8')).toBe(CANARY);
      for (const step of ['add', 'list', 'show', 'rename', 'rm']) {
        const { stdout, stderr } = session.steps(step);
        expect(stdout + stderr, step).not.toContain(CANARY);
      }
      expect(session.raw.stderr).not.toContain(CANARY);
      for (const file of filesUnder(kcConfig))
        expect(readFileSync(file).includes(CANARY), file).toBe(false);
    },
  );
});
