import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';

const FIXTURES = path.resolve('test/fixtures/specs');
let cleanup: () => void;
let env: Record<string, string>;
const keyhole = (args: string[]) => runKeyhole(args, { env });

beforeAll(() => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  env = { KEYHOLE_CONFIG_DIR: path.join(dir, 'config') };
});
afterAll(() => cleanup());

describe('keyhole endpoints (the bundle) on a Swagger 2.0 spec', () => {
  const spec = path.join(FIXTURES, 'swagger-2.0.json');

  it('lists its operations and says it was converted, on the first run and the cached one', async () => {
    for (const run of ['first', 'cached']) {
      const result = await keyhole(['endpoints', '--spec', spec]);
      expect(result.code, `${run}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain('POST    /k8s/api/v1/namespaces/{namespace}/pods');
      expect(result.stdout.trim().split('\n')).toHaveLength(4);
      expect(result.stderr, run).toContain('swagger-2.0.json: converted from Swagger 2.0');
    }
  });

  it('--json gives each row convertedFrom', async () => {
    const result = await keyhole(['endpoints', '--spec', spec, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { path: string; convertedFrom: string | null }[];
    expect(rows.map((row) => row.convertedFrom)).toEqual(Array(4).fill('Swagger 2.0'));
    const plain = await keyhole([
      'endpoints',
      '--spec',
      path.join(FIXTURES, 'quirks-3.1.json'),
      '--json',
    ]);
    const plainRows = JSON.parse(plain.stdout) as { convertedFrom: string | null }[];
    expect(plainRows.every((row) => row.convertedFrom === null)).toBe(true);
  });
});

describe('keyhole endpoints on a spec with webhooks and no paths', () => {
  it('says there is nothing to call, not "0 operations"', async () => {
    const result = await keyhole([
      'endpoints',
      '--spec',
      path.join(FIXTURES, 'webhooks-only.yaml'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('webhooks-only.yaml: no paths, only 2 webhooks parsed in');
    expect(result.stderr).toContain(
      'the spec describes no paths, only 2 webhooks (requests the API sends to you): there is nothing to call',
    );
    expect(result.stderr).not.toContain('0 operations');
  });
});
