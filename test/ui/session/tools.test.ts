import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '../../../src/core/session/index.js';
import type { SessionSnapshot } from '../../../src/core/session/index.js';
import { type DemoTenant, startDemoTenant } from '../../../src/demo/server.js';
import { demoWorkbench } from '../../support/demo-workbench.js';
import { waitFor } from '../../support/wait-for.js';

let tenant: DemoTenant;
let root: string;
let workbench: Workbench;
let dir: string;

const snap = () => workbench.getSnapshot();
const until = (check: (s: SessionSnapshot) => boolean, what: string) =>
  waitFor(() => check(snap()), what, 15_000);
const idOf = (name: string) => snap().profiles.find((p) => p.profile.name === name)!.id;

beforeAll(async () => {
  tenant = await startDemoTenant({ port: 0 });
  root = mkdtempSync(path.join(tmpdir(), 'keyhole-tools-'));
  ({ workbench, dir } = demoWorkbench(tenant, root));
  workbench.start();
  await until((s) => s.catalog.status === 'ready' && s.token.status === 'ready', 'the demo');
});

afterAll(async () => {
  workbench.close();
  await tenant.close();
  rmSync(root, { recursive: true, force: true });
});

describe('compare, history, curl and the matrix in the session', () => {
  it('records each request sent in the history of the demo scratch folder only', async () => {
    workbench.pickOperation('GET /v3/identities');
    await workbench.send();
    workbench.loadHistory();
    const [entry] = snap().history ?? [];
    expect(entry).toMatchObject({ profile: 'demo-api', method: 'GET', status: 200 });
    expect(existsSync(path.join(dir, 'scratch', 'history', 'demo-api.jsonl'))).toBe(true);
    expect(existsSync(path.join(dir, 'config', 'history'))).toBe(false);
  });

  it('replays a history entry into the request', () => {
    workbench.pickOperation('POST /v3/access-requests');
    const id = snap().history?.[0]?.id ?? '';
    workbench.replayHistory(id);
    expect(snap().request).toMatchObject({
      method: 'GET',
      pathTemplate: '/v3/identities',
      operationId: 'GET /v3/identities',
    });
  });

  it('compares demo-api and demo-pat: 403 without a user, 202 with one, and a body diff', async () => {
    workbench.pickOperation('POST /v3/access-requests');
    await workbench.compare([idOf('demo-api'), idOf('demo-pat')]);
    const state = snap().compare;
    if (state.status !== 'done') throw new Error(JSON.stringify(state));
    const [api, pat] = state.result.results;
    expect(api).toMatchObject({ profile: 'demo-api', status: 403 });
    expect(api?.identity?.userContext).toBe(false);
    expect(api?.explanation?.summary).toContain('no user context');
    expect(pat).toMatchObject({ profile: 'demo-pat', status: 202 });
    expect(pat?.identity?.userName).toBe('jane.doe');
    expect(state.result.diff.length).toBeGreaterThan(0);
    workbench.loadHistory();
    expect(snap().history?.[0]).toMatchObject({ method: 'POST', status: 403 });
  });

  it('builds a curl command that reads the token when it runs', () => {
    const { command } = workbench.curlCommand();
    expect(command).toContain('keyhole token demo-api --header | curl');
    expect(command).toContain('-H @-');
    expect(command).toContain(`${tenant.baseUrl}/v3/access-requests`);
    expect(command).not.toMatch(/eyJ/);
  });

  it('imports a curl command of the same origin and refuses another', () => {
    workbench.importCurl(
      `curl -X POST '${tenant.baseUrl}/v3/search?limit=5' -H 'Authorization: Bearer x' --data '{"q":1}'`,
    );
    expect(snap().request).toMatchObject({
      method: 'POST',
      pathTemplate: '/v3/search',
      body: '{"q":1}',
    });
    expect(snap().request.query).toEqual([
      { name: 'limit', value: '5', required: false, example: null },
    ]);
    expect(snap().request.headers.map((h) => h.name)).not.toContain('Authorization');
    workbench.importCurl('curl https://evil.example.com/v3/identities');
    expect(snap().notice?.text).toContain('not imported');
    expect(snap().request.pathTemplate).toBe('/v3/search');
  });

  it('builds the matrix over the filter and probes only GETs without path parameters', async () => {
    await workbench.buildMatrix('identities');
    const state = snap().matrix;
    if (state.status !== 'ready') throw new Error(JSON.stringify(state));
    expect(state.matrix.profiles).toEqual([
      'demo-api',
      'demo-pat',
      'demo-helpdesk',
      'demo-app',
      'demo-scoped',
    ]);
    expect(state.matrix.rows.map((r) => r.id)).toContain('GET /v3/identities');
    await workbench.probeMatrix();
    const probed = snap().matrix;
    if (probed.status !== 'ready' || probed.probe?.running !== false) throw new Error('no probe');
    expect(probed.probe.sent).toBeGreaterThan(0);
    const row = probed.matrix.rows.find((r) => r.id === 'GET /v3/identities');
    expect(row?.cells['demo-pat']?.observed?.status).toBe(200);
    const withId = probed.matrix.rows.find((r) => r.path.includes('{'));
    if (withId) expect(withId.cells['demo-pat']?.observed ?? null).toBeNull();
  });
});
