import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';

let tenant: DemoTenant;
let cleanup: () => void;
let env: Record<string, string>;
const keyhole = (args: string[]) => runKeyhole(args, { env });

beforeAll(async () => {
  tenant = await startDemoTenant();
  let dir: string;
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config'), ...DEMO_SECRET_ENV };
  await addDemoProfiles(
    keyhole,
    tenant.baseUrl,
    [['demo-api', 'demo-api-client', 'API_SECRET', 'api-key']],
    ['--spec', `${tenant.baseUrl}/demo/openapi.json`],
  );
});
afterAll(async () => {
  await tenant.close();
  cleanup();
});

describe('the CLI says true words (issue 11, item 18)', () => {
  it('one operation is "1 operation"', async () => {
    const result = await keyhole(['endpoints', 'demo-api', '--limit', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^1 operation: /m);
    expect(result.stderr).not.toContain('1 operations');
  });

  it('a spec that cannot be downloaded is explained like a call to the same place', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const spec = await keyhole(['endpoints', '--spec', `http://127.0.0.1:${port}/spec.json`]);
    expect(spec.code).toBe(1);
    // A call to the same closed port, for the words to compare with.
    await addDemoProfiles(
      keyhole,
      `http://127.0.0.1:${port}`,
      [['down', 'demo-api-client', 'API_SECRET', 'api-key']],
      ['--token-url', `${tenant.baseUrl}/oauth/token`],
    );
    const call = await keyhole(['call', 'down', 'GET', '/v3/identities']);
    expect(call.code).toBe(1);
    // The SailPoint profile first tries to download v3's spec (there is no network in tests).
    const lines = call.stderr.trim().split('\n');
    const [callError, callHint] = lines.slice(lines.findIndex((line) => line.startsWith('error:')));
    expect(callError).toBe(`error: nothing is listening at 127.0.0.1:${port}`);
    // After the line that says the download starts.
    const specLines = spec.stderr.trim().split('\n');
    expect(specLines[0]).toBe(`downloading http://127.0.0.1:${port}/spec.json…`);
    expect(specLines.slice(1)).toEqual([
      `error: cannot download the spec http://127.0.0.1:${port}/spec.json: nothing is listening at 127.0.0.1:${port}`,
      `${callHint} Or save the spec to a file and give its path.`,
    ]);
  });
});
