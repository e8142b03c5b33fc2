import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeyhole, tempDir } from '../support/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const SAIL_CONFIG = `
activeenvironment: acme-sandbox
authtype: pat
environments:
  acme-sandbox:
    baseurl: https://acme-sb.api.identitynow.com
    tenanturl: https://acme-sb.identitynow.com
    pat:
      clientid: 2c9180835d191a86015d28455b4a2329
      clientsecret: plain-secret-in-yaml
  "Acme Prod!":
    baseurl: https://acme.api.identitynow.com/
    tenanturl: https://acme.identitynow.com
  broken:
    tenanturl: https://nobase.identitynow.com
`;

describe('profiles import sail', () => {
  it('imports environments and SAIL_* variables as references, never copying secrets', async () => {
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.sailpoint'), { recursive: true });
    writeFileSync(path.join(home, '.sailpoint', 'config.yaml'), SAIL_CONFIG);
    const env = {
      HOME: home,
      KEYHOLE_CONFIG_DIR: path.join(dir, 'config'),
      SAIL_BASE_URL: 'https://pipeline.api.identitynow.com',
      SAIL_CLIENT_ID: 'pipeline-id',
      SAIL_CLIENT_SECRET: 'pipeline-secret',
    };
    const result = await runKeyhole(['profiles', 'import', 'sail', '--json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { profiles: { name: string; status: string }[] };
    expect(report.profiles.map((p) => [p.name, p.status])).toEqual([
      ['acme-sandbox', 'imported'],
      ['Acme-Prod', 'imported'],
      ['sail-env', 'imported'],
    ]);

    const profiles = JSON.parse(
      (await runKeyhole(['profiles', 'list', '--json'], { env })).stdout,
    ) as Record<string, unknown>[];
    expect(profiles[0]).toMatchObject({
      name: 'acme-sandbox',
      baseUrl: 'https://acme-sb.api.identitynow.com',
      authorizeUrl: 'https://acme-sb.identitynow.com/oauth/authorize',
      clientId: '2c9180835d191a86015d28455b4a2329',
      kind: 'pat',
      preset: 'sailpoint',
      secretStorage: 'none',
    });
    expect(profiles[1]).toMatchObject({
      name: 'Acme-Prod',
      baseUrl: 'https://acme.api.identitynow.com',
    });
    expect(profiles[2]).toMatchObject({
      name: 'sail-env',
      baseUrl: 'https://pipeline.api.identitynow.com',
      clientId: 'env:SAIL_CLIENT_ID',
      secretSource: 'env:SAIL_CLIENT_SECRET',
    });

    const again = await runKeyhole(['profiles', 'import', 'sail'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^skipped\s+acme-sandbox/m);
    const human = await runKeyhole(['profiles', 'import', 'sail'], {
      env: { ...env, KEYHOLE_CONFIG_DIR: path.join(dir, 'c2') },
    });
    expect(human.stderr).toContain('set-secret acme-sandbox --secret-stdin');
    for (const text of [result.stdout, result.stderr, human.stdout, human.stderr]) {
      expect(text).not.toContain('plain-secret-in-yaml');
      expect(text).not.toContain('pipeline-secret');
    }
  });

  it('explains a missing or invalid file with exit 2', async () => {
    const env = { HOME: dir, KEYHOLE_CONFIG_DIR: path.join(dir, 'config') };
    const missing = await runKeyhole(
      ['profiles', 'import', 'sail', '--file', path.join(dir, 'nope.yaml')],
      { env },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml does not exist');

    writeFileSync(path.join(dir, 'bad.yaml'), 'environments: [unclosed');
    const bad = await runKeyhole(
      ['profiles', 'import', 'sail', '--file', path.join(dir, 'bad.yaml')],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not valid YAML');

    const unknown = await runKeyhole(['profiles', 'import', 'postman'], { env });
    expect(unknown.code).toBe(2);
  });
});
