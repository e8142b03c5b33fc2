import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREDICTION_DISCLAIMER, readObservations } from '../../src/core/access/index.js';
import { observedVerdict } from '../../src/core/matrix/index.js';
import { OPERATIONS, isAllowed } from '../../src/demo/policy.js';
import { DEMO_CLIENTS, type DemoTenant, startDemoTenant } from '../../src/demo/server.js';
import type { Principal } from '../../src/demo/tokens.js';
import { runKeyhole, tempDir } from '../support/cli.js';
import { DEMO_SECRET_ENV, addDemoProfiles } from '../support/demo-profiles.js';
import { type TestServer, startServer } from '../support/http-servers.js';

let tenant: DemoTenant;
/** Stands between keyhole and the tenant and records every request, to prove what was sent. */
let proxy: TestServer;
let cleanup: () => void;
let env: Record<string, string>;
let configDir: string;

const keyhole = (args: string[]) => runKeyhole(args, { env });
const PROFILES = {
  'demo-api': 'demo-api-client',
  'demo-pat': 'demo-pat-client',
  'demo-helpdesk': 'demo-helpdesk-client',
  'demo-scoped': 'demo-scoped-client',
} as const;
const COLUMNS = Object.keys(PROFILES).join(',');

interface MatrixJson {
  profiles: string[];
  rows: {
    method: string;
    path: string;
    operationId: string;
    cells: Record<
      string,
      { verdict: string; reasons: string[]; observed: { status: number; at: string } | null }
    >;
  }[];
}

/** How the demo tenant itself sees each profile's token. */
function principalOf(clientId: string): Principal {
  const client = DEMO_CLIENTS.find((c) => c.clientId === clientId)!;
  return {
    clientId,
    ...(client.identityId ? { identityId: client.identityId, userName: client.userName } : {}),
    authorities: client.authorities,
    scope: client.scopes ? [...client.scopes] : ['sp:scopes:all'],
    jti: 'test',
  };
}

/** What the policy table says, for a row of the matrix and a profile. */
function expected(row: MatrixJson['rows'][number], profile: keyof typeof PROFILES) {
  const policy = OPERATIONS.find((op) => op.method === row.method && op.path === row.path);
  if (!policy) throw new Error(`no policy for ${row.method} ${row.path}`);
  return isAllowed(policy, principalOf(PROFILES[profile])) ? 'allowed' : 'denied';
}

beforeAll(async () => {
  tenant = await startDemoTenant();
  proxy = await startServer((req, res, body) => {
    const upstream = httpRequest(
      `${tenant.baseUrl}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: new URL(tenant.baseUrl).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  let dir: string;
  ({ dir, cleanup } = tempDir());
  configDir = path.join(dir, 'config');
  env = { KEYHOLE_CONFIG_DIR: configDir, ...DEMO_SECRET_ENV };
  await addDemoProfiles(
    keyhole,
    proxy.origin,
    [
      ['demo-api', 'demo-api-client', 'API_SECRET', 'api-key'],
      ['demo-pat', 'demo-pat-client', 'PAT_SECRET', 'pat'],
      ['demo-helpdesk', 'demo-helpdesk-client', 'HELPDESK_SECRET', 'pat'],
      ['demo-scoped', 'demo-scoped-client', 'SCOPED_SECRET', 'pat'],
    ],
    ['--spec', `${proxy.origin}/demo/openapi.json`],
  );
  await addDemoProfiles(keyhole, proxy.origin, [
    ['nospec', 'demo-pat-client', 'PAT_SECRET', 'pat'],
  ]);
});
afterAll(async () => {
  await proxy.close();
  await tenant.close();
  cleanup();
});

describe('keyhole matrix over the demo spec', () => {
  it('predicts what the policy table decides, before sending anything', async () => {
    const result = await keyhole(['matrix', COLUMNS, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const matrix = JSON.parse(result.stdout) as MatrixJson;
    expect(matrix.profiles).toEqual(Object.keys(PROFILES));
    expect(matrix.rows).toHaveLength(OPERATIONS.length);
    for (const row of matrix.rows) {
      for (const profile of Object.keys(PROFILES) as (keyof typeof PROFILES)[]) {
        const cell = row.cells[profile]!;
        expect(cell.verdict, `${row.operationId} ${profile}: ${cell.reasons}`).toBe(
          expected(row, profile),
        );
        expect(cell.observed).toBeNull();
      }
    }
    expect(proxy.received.some((r) => r.url.startsWith('/v3/') || r.url.startsWith('/beta/'))).toBe(
      false,
    );
  });

  it('--probe observes the real behaviour, which matches, and sends only GETs', async () => {
    const mark = proxy.received.length;
    const result = await keyhole(['matrix', COLUMNS, '--probe', '--json']);
    expect(result.code, result.stderr).toBe(0);
    // 5 GETs without path parameters × 4 profiles.
    expect(result.stderr).toMatch(/^probing 1\/20 GET \/\S+ as demo-/m);
    expect(result.stderr).toMatch(/^probing 20\/20 GET /m);
    expect(result.stderr).toContain('probed 20 requests');

    const sent = proxy.received.slice(mark);
    const api = sent.filter(
      (r) => !r.url.startsWith('/oauth/') && !r.url.startsWith('/demo/openapi'),
    );
    expect(api).toHaveLength(20);
    // The experimental operation was sent with the header its spec requires.
    const experimental = api.filter((r) => r.url.startsWith('/v2025/password-policies'));
    expect(experimental.map((r) => r.headers['x-sailpoint-experimental'])).toEqual(
      Array(4).fill('true'),
    );
    expect(sent.filter((r) => r.method !== 'GET' && !r.url.startsWith('/oauth/token'))).toEqual([]);

    const matrix = JSON.parse(result.stdout) as MatrixJson;
    let probed = 0;
    for (const row of matrix.rows) {
      for (const profile of Object.keys(PROFILES) as (keyof typeof PROFILES)[]) {
        const cell = row.cells[profile]!;
        const truth = expected(row, profile);
        expect(cell.verdict).toBe(truth);
        if (row.method === 'GET' && !row.path.includes('{')) {
          probed += 1;
          expect(observedVerdict(cell.observed!.status), `${row.path} ${profile}`).toBe(truth);
        } else {
          expect(cell.observed).toBeNull();
        }
      }
    }
    expect(probed).toBe(20);
    for (const profile of Object.keys(PROFILES)) {
      const keys = Object.keys(readObservations(profile, { dir: configDir }));
      expect(keys).toHaveLength(5);
      expect(keys.every((key) => key.startsWith('GET '))).toBe(true);
    }
  });

  it('prints a table with a column per profile and a legend with the disclaimer', async () => {
    const result = await keyhole(['matrix', COLUMNS]);
    expect(result.code, result.stderr).toBe(0);
    console.info(`[matrix] demo tenant, after --probe:\n${result.stdout}`);
    expect(result.stdout).toMatch(
      /^METHOD\s+PATH\s+demo-api\s+demo-pat\s+demo-helpdesk\s+demo-scoped$/m,
    );
    expect(result.stdout).toMatch(/^GET\s+\/beta\/workflows\s+✗ 403\s+✓ 200\s+✗ 403\s+✓ 200$/m);
    expect(result.stdout).toMatch(/^POST\s+\/v3\/access-requests\s+✗\s+✓\s+✓\s+✗$/m);
    expect(result.stdout).toMatch(
      /^GET\s+\/v3\/identity-profiles\s+✓ 200\s+✓ 200\s+✗ 403\s+✗ 403$/m,
    );
    const [table] = result.stdout.split('\n\n');
    expect(table).not.toContain('!');
    expect(result.stdout).toContain(PREDICTION_DISCLAIMER);
  });

  it('slices the catalog by tag or search; usage errors exit 2', async () => {
    const byTag = await keyhole(['matrix', COLUMNS, '--tag', 'access requests', '--json']);
    expect((JSON.parse(byTag.stdout) as MatrixJson).rows.map((r) => r.operationId)).toEqual([
      'createAccessRequest',
    ]);
    const bySearch = await keyhole(['matrix', 'demo-pat', '--search', 'workflows', '--json']);
    expect((JSON.parse(bySearch.stdout) as MatrixJson).rows[0]?.operationId).toBe('listWorkflows');
    expect((await keyhole(['matrix', 'nospec'])).code).toBe(2);
    expect((await keyhole(['matrix', 'demo-pat,nobody'])).code).toBe(2);
    expect((await keyhole(['matrix', ','])).code).toBe(2);
  });
});
