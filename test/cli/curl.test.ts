import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCurl } from '../../src/core/curl/index.js';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { KEYHOLE_BIN, runKeyhole, runProcess, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { type EchoServer, startEchoServer } from '../support/echo-server.js';
import { leaksIn } from '../support/leaks.js';
import { samplePs } from '../support/ps-sampler.js';

const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasCurl) {
  console.warn('[curl] the curl binary is not on PATH: replay tests are SKIPPED');
}

let tenant: DemoTenant;
let echo: EchoServer;
/** The echo profile's token (a static grant), random so any sighting of it is a leak. */
const ECHO_TOKEN = `kh-curl-${randomBytes(24).toString('base64url')}`;
let cleanup: () => void;
let env: Record<string, string>;
/** A folder holding a `keyhole` script, so `keyhole token … --header |` works in the command. */
let bin: string;

const keyhole = (args: string[]) => runKeyhole(args, { env });

/** Runs a printed command the way a user pastes it into bash. */
const bash = (command: string) =>
  runProcess('bash', ['-c', command], {
    env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
  });

beforeAll(async () => {
  tenant = await startDemoTenant();
  echo = await startEchoServer();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV, ECHO_TOKEN };
  bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'keyhole'),
    `#!/bin/sh\nexec '${process.execPath}' '${KEYHOLE_BIN}' "$@"\n`,
  );
  chmodSync(path.join(bin, 'keyhole'), 0o755);
  await addDemoProfiles(keyhole, tenant.baseUrl, [
    ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
    ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
  ]);
  const add = await keyhole(
    ['profiles', 'add', 'echo', '--base-url', echo.origin, '--grant', 'static'].concat([
      '--secret',
      'env:ECHO_TOKEN',
    ]),
  );
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await echo.close();
  await tenant.close();
  cleanup();
});

describe('keyhole curl', () => {
  it('is on PATH in CI', () => {
    if (process.env.CI === 'true') expect(hasCurl, 'curl must be installed in CI').toBe(true);
  });

  it('prints a command without the token that reads back as the same request', async () => {
    const body = JSON.stringify({ indices: ['identities'], query: { query: "o'neil" } });
    const result = await keyhole([
      'curl',
      'demo-pat',
      'POST',
      '/v3/search',
      '-q',
      'limit=5',
      '-H',
      'X-Trace: a b',
      '-d',
      body,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const token = (await keyhole(['token', 'demo-pat', '--raw'])).stdout.trim();
    expect(result.stdout).not.toContain(token);
    // No keyhole on PATH (as after README's npm start in a clone): the command runs this very build.
    expect(result.stdout).toMatch(
      /^node \/\S+\/dist\/keyhole\.js token demo-pat --header \| curl -X POST /,
    );
    expect(result.stdout).toContain('-H @-');
    expect(result.stdout).not.toMatch(/Authorization/i);
    const imported = parseCurl(result.stdout, { baseUrl: tenant.baseUrl });
    expect(imported.warnings).toEqual([]);
    expect(imported.request).toMatchObject({
      method: 'POST',
      path: '/v3/search',
      query: [['limit', '5']],
      headers: { 'X-Trace': 'a b' },
      body,
    });
  });

  it('says keyhole when the keyhole on PATH is this build (npm link), not another one', async () => {
    const linked = path.join(bin, '..', 'linked');
    mkdirSync(linked, { recursive: true });
    symlinkSync(KEYHOLE_BIN, path.join(linked, 'keyhole'));
    const withLink = await runKeyhole(['curl', 'demo-pat', 'GET', '/v3/identities'], {
      env: { ...env, PATH: `${linked}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    expect(withLink.stdout).toMatch(/^keyhole token demo-pat --header \| curl /);
    // bin/keyhole is a script of its own: not this file, so not trusted to be this keyhole.
    const withOther = await runKeyhole(['curl', 'demo-pat', 'GET', '/v3/identities'], {
      env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    expect(withOther.stdout).toMatch(/^node \/\S+\/dist\/keyhole\.js token demo-pat /);
  });

  it.skipIf(!hasCurl)('replayed with the real curl, gets what keyhole call gets', async () => {
    const cases = [
      ['demo-pat', 'GET', '/v3/identities', '-q', 'limit=2'],
      [
        'demo-pat',
        'POST',
        '/v3/search',
        '-d',
        JSON.stringify({ indices: ['identities'], query: { query: "jane o'neil" } }),
      ],
    ];
    for (const args of cases) {
      const printed = await keyhole(['curl', ...args]);
      expect(printed.code, printed.stderr).toBe(0);
      const replayed = await bash(`${printed.stdout.trim()} --silent --show-error --fail`);
      expect(replayed.code, `${printed.stdout}\n${replayed.stderr}`).toBe(0);
      const called = await keyhole(['call', ...args]);
      expect(called.code, called.stderr).toBe(0);
      expect(JSON.parse(replayed.stdout)).toEqual(JSON.parse(called.stdout));
    }

    const request = JSON.stringify({
      requestedFor: ['fa6c72594323708c2d5ae26793e95c15'],
      requestedItems: [{ type: 'ACCESS_PROFILE', id: 'a9272c5e0542fb0d83c5b41eb51013c7' }],
    });
    const status = async (profile: string) => {
      const printed = await keyhole([
        'curl',
        profile,
        'POST',
        '/v3/access-requests',
        '-d',
        request,
      ]);
      const replayed = await bash(
        `${printed.stdout.trim()} --silent -o /dev/null -w '%{http_code}'`,
      );
      return replayed.stdout;
    };
    // The command speaks as the profile: the PAT's request is accepted, the API key's is not.
    expect(await status('demo-pat')).toMatch(/^20\d$/);
    expect(await status('demo-api')).toBe('403');
  });

  it.skipIf(!hasCurl)(
    'runs with the token in no argv: ps, sampled while curl waits, never shows it',
    async () => {
      const printed = await keyhole(['curl', 'echo', 'GET', '/hold', '-H', 'X-API-Key: k-1']);
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stderr).toMatch(/X-API-Key header is left out/);
      expect(leaksIn('printed', printed.stdout + printed.stderr, [ECHO_TOKEN])).toEqual([]);
      const ps = samplePs();
      const replay = bash(`${printed.stdout.trim()} --silent --show-error --fail`);
      try {
        // curl is in ps, and the server holds its request: the header was read, curl still runs.
        await ps.until(
          (sample) => echo.held() > 0 && /curl .*\/hold/.test(sample),
          'curl waiting on /hold',
        );
      } finally {
        echo.release();
      }
      const replayed = await replay;
      const samples = await ps.stop();
      expect(replayed.code, replayed.stderr).toBe(0);
      expect(echo.received.at(-1)?.headers.authorization).toBe(`Bearer ${ECHO_TOKEN}`);
      expect(echo.received.at(-1)?.headers['x-api-key']).toBeUndefined();
      const hits = samples.flatMap((sample, n) => leaksIn(`ps #${n}`, sample, [ECHO_TOKEN]));
      expect(hits, `${samples.length} ps samples`).toEqual([]);
      // Positive control: the old form, `-H "Authorization: Bearer $(…)"`, is caught by the same
      // sampling, so a clean result above is not blindness.
      const control = samplePs();
      const old = bash(
        `curl --silent -H "Authorization: Bearer $(keyhole token echo --raw)" ${echo.origin}/hold`,
      );
      try {
        await control.until(
          (sample) => echo.held() > 0 && sample.includes(ECHO_TOKEN),
          'the token in argv',
        );
      } finally {
        echo.release();
      }
      expect((await old).code).toBe(0);
      await control.stop();
    },
    120_000,
  );

  it('exits 2 on usage errors', async () => {
    expect((await keyhole(['curl', 'nobody', 'GET', '/x'])).code).toBe(2);
    expect((await keyhole(['curl', 'demo-pat', 'FETCH', '/x'])).code).toBe(2);
    expect((await keyhole(['curl', 'demo-pat', 'GET', '/x', '-H', 'nocolon'])).code).toBe(2);
  });
});
