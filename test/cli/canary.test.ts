import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, KEYHOLE_BIN, runKeyhole, runProcess, tempDir } from '../support/cli.js';
import { type EchoServer, startEchoServer } from '../support/echo-server.js';
import { leaksIn } from '../support/leaks.js';
import { samplePs } from '../support/ps-sampler.js';
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

/**
 * The canary as a live credential: the client secret of profiles whose token server issues a
 * second canary as the access token, against an API that echoes every credential it gets (in
 * X-Echo, X-Debug, the body, partially, across a 64 KiB cut, through a redirect and a Link to
 * another origin). Every command runs, on success and failure paths, plain, -v and --json; the
 * exported curl command runs too. Searched: every stdout and stderr, every file keyhole wrote,
 * the exported command, and `ps` sampled back to back for the whole run, for either canary whole
 * or any 12 characters of one.
 */
describe('a canary secret and a canary token in use', () => {
  const SECRET = `kh-secret-${randomBytes(18).toString('base64url')}`;
  const TOKEN = `kh-token-${randomBytes(30).toString('base64url')}`;
  const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
  let api: EchoServer;
  let elsewhere: EchoServer;

  beforeAll(async () => {
    elsewhere = await startEchoServer();
    api = await startEchoServer({ other: () => elsewhere.origin, token: TOKEN, secret: SECRET });
  });
  afterAll(async () => {
    await Promise.all([api.close(), elsewhere.close()]);
  });

  it('appears nowhere: outputs, files, the curl export and ps, with both canaries in play', async () => {
    const root = path.join(dir, 'live');
    const config = path.join(root, 'config');
    const bin = path.join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'keyhole'),
      `#!/bin/sh\nexec '${process.execPath}' '${KEYHOLE_BIN}' "$@"\n`,
    );
    chmodSync(path.join(bin, 'keyhole'), 0o755);
    const env = {
      KEYHOLE_CONFIG_DIR: config,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${root}/no-bus`,
      LIVE_SECRET: SECRET,
      WRONG_SECRET: `${SECRET}-wrong`,
    };
    const seen: { label: string; text: string }[] = [];
    let cases = 0;
    const keyhole = async (label: string, args: string[], input?: string) => {
      const result = await runKeyhole(args, { env, input });
      cases += 1;
      seen.push(
        { label: `${label} stdout`, text: result.stdout },
        { label: `${label} stderr`, text: result.stderr },
      );
      return result;
    };
    const ps = samplePs();
    try {
      const base = ['--base-url', api.origin, '--client-id', 'c'];
      expect(
        (
          await keyhole('add env', [
            'profiles',
            'add',
            'live',
            ...base,
            '--secret',
            'env:LIVE_SECRET',
          ])
        ).code,
      ).toBe(0);
      expect(
        (
          await keyhole(
            'add file',
            ['profiles', 'add', 'plain', ...base, '--secret-stdin', '--insecure-storage'],
            `${SECRET}\n`,
          )
        ).code,
      ).toBe(0);
      expect(
        (
          await keyhole('add wrong', [
            'profiles',
            'add',
            'wrong',
            ...base,
            '--secret',
            'env:WRONG_SECRET',
          ])
        ).code,
      ).toBe(0);
      // The value given by mistake as a flag would itself be in ps; a stand-in shows the message.
      expect(
        (
          await keyhole('add --secret VALUE', [
            'profiles',
            'add',
            'v',
            ...base,
            '--secret',
            'not-a-source',
          ])
        ).code,
      ).toBe(2);

      const raw = await runKeyhole(['token', 'live', '--raw'], { env });
      // Positive control: the token server really issues the canary token.
      expect(raw.stdout.trim()).toBe(TOKEN);
      const echoBody = JSON.stringify({ client_secret: SECRET, password: SECRET, token: TOKEN });
      const runs: [string, string[], string?][] = [];
      for (const profile of ['live', 'plain']) {
        for (const mode of [[], ['--json']]) {
          runs.push([`token ${profile} ${mode}`, ['token', profile, ...mode]]);
          runs.push([`whoami ${profile} ${mode}`, ['whoami', profile, ...mode]]);
        }
        for (const mode of [[], ['-v'], ['--json'], ['-v', '--json']]) {
          for (const target of ['/echo', '/fail', '/away', '/big']) {
            runs.push([
              `call ${profile} ${target} ${mode}`,
              ['call', profile, 'GET', target, ...mode],
            ]);
          }
          runs.push([
            `pages ${profile} ${mode}`,
            ['call', profile, 'GET', '/pages', '--all-pages', ...mode],
          ]);
          runs.push([
            `echo body ${profile} ${mode}`,
            ['call', profile, 'POST', '/echo', '-d', '@-', ...mode],
            echoBody,
          ]);
        }
      }
      runs.push(['token wrong', ['token', 'wrong']]);
      runs.push(['call wrong', ['call', 'wrong', 'GET', '/echo', '-v']]);
      runs.push(['compare', ['compare', 'live,plain', 'GET', '/echo']]);
      runs.push(['compare json', ['compare', 'live,plain', 'GET', '/echo', '--json']]);
      runs.push(['matrix', ['matrix', 'live,plain']]);
      runs.push(['endpoints', ['endpoints', 'live']]);
      runs.push(['scopes audit', ['scopes', 'audit', 'live']]);
      runs.push(['scopes audit json', ['scopes', 'audit', 'live', '--json']]);
      runs.push(['scopes plan history', ['scopes', 'plan', '--from-history', 'live', '--json']]);
      runs.push(['history', ['history']]);
      runs.push(['history json', ['history', '--json']]);
      runs.push(['list', ['profiles', 'list', '--json']]);
      runs.push(['show', ['profiles', 'show', 'plain', '--json']]);
      runs.push(['curl', ['curl', 'live', 'POST', '/echo', '-d', '@-'], echoBody]);
      for (const [label, args, input] of runs) await keyhole(label, args, input);

      if (hasCurl) {
        const printed = await keyhole('curl hold', ['curl', 'live', 'GET', '/hold']);
        expect(printed.code, printed.stderr).toBe(0);
        const replay = runProcess(
          'bash',
          ['-c', `${printed.stdout.trim()} --silent -o /dev/null`],
          {
            env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
          },
        );
        try {
          await ps.until(
            (sample) => api.held() > 0 && /curl .*\/hold/.test(sample),
            'curl on /hold',
          );
        } finally {
          api.release();
        }
        const replayed = await replay;
        seen.push({ label: 'exported curl stderr', text: replayed.stderr });
        expect(replayed.code, replayed.stderr).toBe(0);
        expect(api.received.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      }
      await keyhole('logout', ['logout', 'live']);
    } finally {
      await ps.stop();
    }

    const canaries = [SECRET, TOKEN];
    const found = seen.flatMap((o) => leaksIn(o.label, o.text, canaries));
    ps.samples.forEach((sample, n) => found.push(...leaksIn(`ps sample ${n}`, sample, canaries)));
    // The two stores meant to hold a value in plaintext are the positive controls: the search
    // finds the canaries there, so finding them nowhere else means something.
    const secretsFile = path.join(config, 'secrets.json');
    const tokenCache = path.join(config, 'tokens.json');
    expect(readFileSync(secretsFile, 'utf8')).toContain(SECRET);
    expect(readFileSync(tokenCache, 'utf8')).toContain(TOKEN);
    for (const file of filesUnder(config).filter((f) => f !== secretsFile && f !== tokenCache))
      found.push(...leaksIn(file, readFileSync(file, 'latin1'), canaries));
    expect(found).toEqual([]);
    // The server did get (and echo) both: every redaction above is keyhole's.
    expect(api.received.some((r) => r.body.includes(SECRET))).toBe(true);
    expect(cases).toBeGreaterThan(70);
    expect(ps.samples.length).toBeGreaterThan(cases);
  }, 600_000);
});
