import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCurl } from '../../src/core/curl/index.js';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { KEYHOLE_BIN, runKeyhole, runProcess, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';

const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasCurl) {
  console.warn('[curl] the curl binary is not on PATH: replay tests are SKIPPED');
}

let tenant: DemoTenant;
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
  let dir: string;
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
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
});
afterAll(async () => {
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
    expect(result.stdout).toMatch(/^keyhole token demo-pat --header \| curl -X POST /);
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

  it('exits 2 on usage errors', async () => {
    expect((await keyhole(['curl', 'nobody', 'GET', '/x'])).code).toBe(2);
    expect((await keyhole(['curl', 'demo-pat', 'FETCH', '/x'])).code).toBe(2);
    expect((await keyhole(['curl', 'demo-pat', 'GET', '/x', '-H', 'nocolon'])).code).toBe(2);
  });
});
