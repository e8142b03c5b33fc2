import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';

let tenant: DemoTenant;
let cleanup: () => void;
let env: Record<string, string>;

const keyhole = (args: string[]) => runKeyhole(args, { env });
const EXPERIMENTAL = '/v2025/password-policies';
const ADDED = /added X-SailPoint-Experimental: true \(required by the spec; --no-spec-headers/;

beforeAll(async () => {
  tenant = await startDemoTenant();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
  await addDemoProfiles(
    keyhole,
    tenant.baseUrl,
    [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
      ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
    ],
    ['--spec', `${tenant.baseUrl}/demo/openapi.json`],
  );
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe("headers the spec requires (SailPoint's experimental operations)", () => {
  it('endpoints marks the experimental operation and names its required header', async () => {
    const json = await keyhole(['endpoints', 'demo-pat', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as {
      path: string;
      experimental: boolean;
      requiredHeaders: string[];
    }[];
    expect(rows.filter((r) => r.experimental).map((r) => [r.path, r.requiredHeaders])).toEqual([
      [EXPERIMENTAL, ['X-SailPoint-Experimental']],
    ]);
    const text = await keyhole(['endpoints', 'demo-pat', '--search', 'password policies']);
    expect(text.stdout).toMatch(
      /GET +\/v2025\/password-policies +listPasswordPolicies +\[experimental\]/,
    );
  });

  it('call adds the header, says so on stderr, and the tenant answers 200', async () => {
    const run = await keyhole(['call', 'demo-pat', 'GET', EXPERIMENTAL, '-v']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(ADDED);
    expect(run.stderr).toMatch(/^> X-SailPoint-Experimental: true$/im);
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });

  it('--no-spec-headers sends the request as written: the tenant refuses it with 400', async () => {
    const run = await keyhole(['call', 'demo-pat', 'GET', EXPERIMENTAL, '--no-spec-headers']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(ADDED);
    expect(run.stderr).toContain(
      'not adding X-SailPoint-Experimental, which the spec requires (--no-spec-headers)',
    );
    // The tenant's own words, in SailPoint's error shape, on stdout.
    expect(JSON.parse(run.stdout)).toMatchObject({
      detailCode: '400.0 Bad request syntax',
      messages: [{ text: expect.stringContaining('X-SailPoint-Experimental header') }],
    });
  });

  it('a header the user gives is kept as given, not doubled', async () => {
    const run = await keyhole([
      'call',
      'demo-pat',
      'GET',
      EXPERIMENTAL,
      '-H',
      'x-sailpoint-experimental: false',
    ]);
    // The user's value wins (and the tenant refuses it): keyhole only fills what is missing.
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(ADDED);
  });

  it('compare and curl add it too', async () => {
    const compare = await keyhole(['compare', 'demo-api,demo-pat', 'GET', EXPERIMENTAL, '--json']);
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stderr).toMatch(ADDED);
    const results = (JSON.parse(compare.stdout) as { results: { status?: number }[] }).results;
    expect(results.map((r) => r.status)).toEqual([200, 200]);

    const curl = await keyhole(['curl', 'demo-pat', 'GET', EXPERIMENTAL]);
    expect(curl.code, curl.stderr).toBe(0);
    expect(curl.stderr).toMatch(ADDED);
    expect(curl.stdout).toContain('X-SailPoint-Experimental: true');
  });
});
